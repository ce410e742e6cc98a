"""Reading a whole file with a limit: refused before it is read when too large, or as soon as it is.

``/dev/zero`` never ends, a pipe's size is not known in advance, and a
mistyped path can name a file of many gigabytes. ``read_bytes`` asks the
file's size first (for a regular file), then reads a piece at a time,
stopping at the limit and at the first NUL byte, which no text file holds.

>>> from purenn.data.datasets import IRIS_CSV
>>> read_bytes(IRIS_CSV, limit=100 * 1024, what="a CSV file")[:12]
b'sepal_length'
>>> read_bytes("/dev/zero", limit=1024, what="a CSV file")
Traceback (most recent call last):
...
purenn.errors.DataError: /dev/zero, byte 0: a NUL byte, which no text file has; this is not a CSV file
"""

import os
import stat
from typing import List, Optional, Union

from purenn.errors import DataError

__all__ = ["CHUNK", "read_bytes"]

PathLike = Union[str, "os.PathLike[str]"]

CHUNK = 1024 * 1024
"""The file is read this many bytes at a time, each piece checked as it comes."""


def read_bytes(path: PathLike, limit: int, what: str) -> bytes:
    """Every byte of the file at ``path``; DataError past ``limit`` bytes or at a NUL byte.

    ``what`` completes the messages: "over the limit of 100 MiB for {what}".
    Raises OSError (FileNotFoundError, PermissionError...) when the file
    cannot be opened.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"a path must be a str or a pathlib.Path, got {path!r} (a {type(path).__name__})")
    source = os.fspath(path)
    if "\0" in source:
        raise DataError(f"{source!r}: a path cannot hold a NUL character")
    shown = f"{limit / (1024 * 1024):g} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"
    pieces: List[bytes] = []
    size = 0
    with open(path, "rb") as file:
        known = os.fstat(file.fileno())
        if stat.S_ISREG(known.st_mode) and known.st_size > limit:
            raise DataError(
                f"{source} is {known.st_size / (1024 * 1024):.1f} MiB, over the limit of {shown} for {what}"
            )
        while True:
            piece = file.read(min(CHUNK, limit + 1 - size))
            if not piece:
                return b"".join(pieces)
            nul = piece.find(b"\0")
            if nul >= 0:
                encoding = _wide_text(piece) if size == 0 else None
                if encoding is not None:
                    raise DataError(f"{source}: {encoding} text; {what} is read as UTF-8: save it as UTF-8 "
                                    "(in a spreadsheet: CSV UTF-8)")
                raise DataError(f"{source}, byte {size + nul}: a NUL byte, which no text file has; this is not {what}")
            size += len(piece)
            if size > limit:
                raise DataError(f"{source}: more than {shown} came in, over the limit for {what}")
            pieces.append(piece)


def _wide_text(start: bytes) -> Optional[str]:
    """"UTF-32" or "UTF-16" when a file beginning with ``start`` (which holds a NUL byte) is text in that
    encoding, else None: a byte-order mark, or, as ASCII text has in them, NULs in the same places of
    every character (of four bytes, or of two) of its first line.

    >>> _wide_text("a,b\\n".encode("utf-16-le")), _wide_text(b"\\xff\\xfea\\x00"), _wide_text(b"a\\x00\\x00\\x00b")
    ('UTF-16', 'UTF-16', None)
    >>> _wide_text("a,b\\n".encode("utf-32")), _wide_text("a,b\\n".encode("utf-32-be"))
    ('UTF-32', 'UTF-32')
    """
    if start.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = start[:200]
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        whole = head[:len(head) - len(head) % width]
        if len(whole) < 2 * width:
            continue
        places = [whole[k::width] for k in range(width)]
        empty = [place.count(0) == len(place) for place in places]
        if empty.count(False) == 1 and 0 not in places[empty.index(False)]:  # one byte of each character holds it
            return name
    return None
