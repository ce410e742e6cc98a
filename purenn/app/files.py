"""Where purenn may write, and how a file is written so that it is never left half done.

Every file purenn writes (a model, scores, predictions) goes through
``check_output`` twice: once before any work starts, so that a path that
cannot be written is found in a second and not after hours of training, and
again just before writing. The rules:

- the folder must exist and be writable;
- a directory is not a file;
- an existing regular file is replaced whole (``write_atomically``), keeping
  its permissions; a read-only one is refused, as ``open()`` would;
- a symbolic link to a regular file is refused: replacing the link by a file
  would quietly break whatever else uses it (give the path it points to);
- a terminal, a pipe or a device that takes writes (``/dev/stdout``,
  ``/dev/null``, a named pipe), directly or through a link, is written to as
  a stream: it cannot be replaced, and there is nothing there to keep whole;
- any other special file (a block device, a socket) is refused.

Problems are ``OSError``s naming the path, as ``open()`` raises them.

>>> check_output("/dev/null")
'stream'
>>> check_output("/no/such/folder/model.json")
Traceback (most recent call last):
...
FileNotFoundError: [Errno ...] no such directory: '/no/such/folder'
"""

import errno
import os
import secrets
import stat
from typing import Union

__all__ = ["PathLike", "check_output", "write_atomically"]

PathLike = Union[str, "os.PathLike[str]"]
"""A file's path: a string or a ``pathlib.Path``."""


def check_output(path: PathLike) -> str:
    """How ``path`` will be written: "new", "replace" (a regular file) or "stream"; or an OSError saying why not.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     check_output(os.path.join(folder, "model.json")), check_output(folder)
    Traceback (most recent call last):
    ...
    IsADirectoryError: [Errno ...] is a directory, not a file: '...'
    """
    where = os.fspath(path)
    if not where:
        raise FileNotFoundError(errno.ENOENT, "an empty path names no file", where)
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

    The rename replaces the old file in one step, so an interruption (Ctrl-C,
    a kill, a full disk, a power cut after the data reached the disk) leaves
    the old file (or none), never a partial one, and removes the new one.
    The new file gets the permissions a plain open() would give it (0666
    less the umask), or those of the file it replaces. A stream
    (``/dev/stdout``, a pipe) is written to directly; what ``check_output``
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
    if check_output(path) == "stream":
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        return
    directory = os.path.dirname(os.path.abspath(path))
    data = text.encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only
    temporary = ""
    try:
        while True:
            temporary = os.path.join(directory, f".purenn-{secrets.token_hex(8)}.tmp")  # before it exists:
            try:  # an interruption just after os.open still knows what to remove
                handle = os.open(temporary, flags, 0o666)  # the umask applies, as for open()
                break
            except FileExistsError:  # another file has the name (a 1 in 2**64 chance): not ours to remove
                temporary = ""
        try:
            written = 0
            while written < len(data):
                written += os.write(handle, data[written:])
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


def _keep_mode(path: PathLike, temporary: str) -> None:
    """Give ``temporary`` the permissions of the file at ``path``, if there is one."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)
