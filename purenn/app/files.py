"""Files written whole or not at all: what ``save_model`` and the command line write with.

A program that is stopped, or whose disk fills, while it writes a file must
not leave half a file behind: a half-written model file would fail to load
later, far from the cause. ``write_atomically`` writes to a new file first
and renames it into place, which replaces the old file in one step.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "scores.json")
>>> write_atomically(path, '{"accuracy": 1.0}')
>>> open(path, encoding="utf-8").read()
'{"accuracy": 1.0}'
"""

import errno
import os
import secrets
from typing import Union

__all__ = ["PathLike", "write_atomically"]

PathLike = Union[str, "os.PathLike[str]"]
"""A file's path: a string or a ``pathlib.Path``."""


def write_atomically(path: PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 to a new file beside ``path``, then rename it into place.

    A crash or a full disk leaves the old file (or none), never a partial one.
    The new file gets the permissions a plain open() would give it (0666 less
    the umask), or those of the file it replaces.
    """
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise FileNotFoundError(errno.ENOENT, "no such directory", directory)
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", os.fspath(path))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only
    while True:
        temporary = os.path.join(directory, f".purenn-{secrets.token_hex(8)}.tmp")
        try:
            handle = os.open(temporary, flags, 0o666)  # the umask applies, as for open()
            break
        except FileExistsError:  # another file took the name: draw a new one
            continue
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _keep_mode(path: PathLike, temporary: str) -> None:
    """Give ``temporary`` the permissions of the file at ``path``, if there is one."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)
