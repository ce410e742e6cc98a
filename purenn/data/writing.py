"""Writing a file so that it is never left half done: the one writer of models, scores, predictions and figures.

Every file purenn writes goes through ``check_output`` (before any work
starts, and again just before writing) and then ``write_atomically``. The
rules:

- the folder must exist and be writable;
- a directory is not a file;
- an existing regular file is replaced whole, keeping its permissions; a
  read-only one is refused, as ``open()`` would;
- a symbolic link to a regular file is refused: replacing the link by a file
  would quietly break whatever else uses it (give the path it points to);
- a terminal, a pipe or a device that takes writes (``/dev/null``, a named
  pipe), directly or through a link, is written to as a stream: it cannot be
  replaced, and there is nothing there to keep whole;
- standard output and standard error by name (``/dev/stdout``,
  ``/dev/stderr``, ``/dev/fd/1``, ``/dev/fd/2``) are written to where they
  are, also when they were redirected to a file: the text goes after what
  was printed there, and that file is neither truncated nor replaced;
- any other special file (a block device, a socket) is refused.

Problems are ``OSError``s naming the path, as ``open()`` raises them.

A temporary file is named ``.purenn-PID-XXXXXXXXXXXXXXXX.tmp`` (PID: the
process writing it). A kill that cannot be caught (SIGKILL, a power cut)
can leave one behind, beside the file being written; the next write into
that folder removes those whose process has ended.

>>> check_output("/dev/null")
'stream'
>>> check_output("/no/such/folder/model.json")
Traceback (most recent call last):
...
FileNotFoundError: [Errno ...] no such directory: '/no/such/folder'
"""

import errno
import os
import re
import secrets
import stat
import sys
from typing import Optional, Union

__all__ = ["STANDARD_STREAMS", "PathLike", "check_output", "stale_temporaries", "write_atomically"]

PathLike = Union[str, "os.PathLike[str]"]
"""A file's path: a string or a ``pathlib.Path``."""

STANDARD_STREAMS = {"/dev/stdout": 1, "/dev/fd/1": 1, "/dev/stderr": 2, "/dev/fd/2": 2}
"""The names of standard output and error, and their file descriptors."""

_TEMPORARY = re.compile(r"\.purenn-([0-9]+)-[0-9a-f]{16}\.tmp\Z")
"""The name of a temporary file of ``write_atomically``, with the process that wrote it."""


def check_output(path: PathLike) -> str:
    """How ``path`` will be written: "new", "replace" (a regular file) or "stream"; or an OSError saying why not.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     check_output(os.path.join(folder, "model.json")), check_output(folder)
    Traceback (most recent call last):
    ...
    IsADirectoryError: [Errno ...] is a directory, not a file: '...'
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"a path must be a str or a pathlib.Path, got {path!r:.60} (a {type(path).__name__})")
    where = os.fspath(path)
    if not where:
        raise FileNotFoundError(errno.ENOENT, "an empty path names no file", where)
    if "\0" in where:
        raise FileNotFoundError(errno.ENOENT, "a path cannot hold a NUL character", where)
    if _standard_stream(where) is not None:
        return "stream"
    try:
        link = os.lstat(where)
    except FileNotFoundError:
        folder = os.path.dirname(os.path.abspath(where))
        if not os.path.isdir(folder):
            raise FileNotFoundError(errno.ENOENT, "no such directory", folder) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, "the folder is not writable", folder) from None
        return "new"
    try:
        target = os.stat(where)  # follows a link
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "a symbolic link to nothing (a dangling link)", where) from None
    if stat.S_ISDIR(target.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", where)
    if stat.S_ISCHR(target.st_mode) or stat.S_ISFIFO(target.st_mode):
        return "stream"
    if not stat.S_ISREG(target.st_mode):
        raise OSError(errno.EINVAL, "a special file (a device or a socket), not one purenn writes to", where)
    if stat.S_ISLNK(link.st_mode):
        raise OSError(
            errno.EEXIST,
            f"a symbolic link to {os.path.realpath(where)}; purenn would replace the link, not that file: "
            "give that path instead",
            where,
        )
    if not os.access(where, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", where)
    folder = os.path.dirname(os.path.abspath(where))
    if not os.access(folder, os.W_OK | os.X_OK):  # the new file is made beside the old one
        raise PermissionError(errno.EACCES, "the folder is not writable", folder)
    return "replace"


def write_atomically(path: PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to a new file beside ``path``, then rename it into place.

    The data reach the disk (``os.fsync``) before the rename makes them the
    file, and the rename replaces the old file in one step, so an
    interruption (Ctrl-C, a kill, a full disk, a power cut) leaves the old
    file (or none), never a partial one; on an error or Ctrl-C the new one
    is removed. The new file gets the permissions a plain open() would give
    it (0666 less the umask), or those of the file it replaces. A stream
    (``/dev/stdout``, a pipe) is written to as it is; what ``check_output``
    refuses raises its OSError.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "notes.txt")
    ...     write_atomically(path, "first\\n")
    ...     write_atomically(path, "second\\n")
    ...     print(open(path).read(), os.listdir(folder))
    second
     ['notes.txt']
    """
    data = text.encode("utf-8")
    if check_output(path) == "stream":
        _write_stream(path, data)
        return
    directory = os.path.dirname(os.path.abspath(path))
    stale_temporaries(directory, remove=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only
    temporary = ""
    try:
        while True:
            name = f".purenn-{os.getpid()}-{secrets.token_hex(8)}.tmp"
            temporary = os.path.join(directory, name)  # named before it exists:
            try:  # an interruption just after os.open still knows what to remove
                handle = os.open(temporary, flags, 0o666)  # the umask applies, as for open()
                break
            except FileExistsError:  # another file has the name (a 1 in 2**64 chance): not ours to remove
                temporary = ""
        try:
            _write_all(handle, data)
            os.fsync(handle)  # on the disk before the rename makes it the file
        finally:
            os.close(handle)
        _keep_mode(path, temporary)
        os.replace(temporary, path)
        temporary = ""
    finally:  # an error or an interruption: the old file stays, the new one goes
        if temporary:
            try:
                os.remove(temporary)
            except OSError:
                pass


def stale_temporaries(directory: str, remove: bool = False) -> int:
    """How many of ``write_atomically``'s temporary files in ``directory`` a process that has ended left behind.

    With ``remove``, remove them. A process ends without cleaning up only
    when it cannot run its last lines (SIGKILL, a power cut). Only the
    names ``write_atomically`` gives are looked at, and only where the
    system can say whether a process still runs (POSIX).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     stale_temporaries(folder)
    0
    """
    if os.name != "posix":
        return 0
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    found = 0
    for name in names:
        match = _TEMPORARY.match(name)
        if match is None or _running(int(match.group(1))):
            continue
        found += 1
        if remove:
            try:
                os.remove(os.path.join(directory, name))
            except OSError:  # gone already, or not ours to remove after all
                pass
    return found


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (POSIX; signal 0 only asks)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # it runs as another user, or the number is no process's
        return True
    return True


def _standard_stream(where: str) -> Optional[int]:
    """1 or 2 when ``where`` names standard output or standard error, else None."""
    if os.name != "posix":
        return None
    return STANDARD_STREAMS.get(os.path.normpath(where))


def _write_stream(path: PathLike, data: bytes) -> None:
    """Write to a stream as it is: standard output or error through its descriptor, anything else opened."""
    fd = _standard_stream(os.fspath(path))
    if fd is None:
        with open(path, "wb") as device:
            device.write(data)
        return
    for stream in (sys.stdout, sys.stderr):  # what was printed comes first
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    _write_all(fd, data)


def _write_all(handle: int, data: bytes) -> None:
    """Every byte of ``data`` to file descriptor ``handle`` (a write may take only part)."""
    written = 0
    while written < len(data):
        written += os.write(handle, data[written:])


def _keep_mode(path: PathLike, temporary: str) -> None:
    """Give ``temporary`` the permissions of the file at ``path``, if there is one."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)
