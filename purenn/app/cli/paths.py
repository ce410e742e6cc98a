"""Every file a command will write, checked before the command does any work.

A training run can take hours; a mistyped ``--save`` folder found at its
end loses all of it, and ``--save data.csv`` after ``--csv data.csv`` would
replace the data with a model. So, before a command runs, each output path
is checked:

- it is not empty (an empty name would be no file at all);
- it can be written (``purenn.app.files.check_output``: the folder exists
  and is writable, the path is no folder, no symbolic link, no special file);
- it is not one of the command's input files, nor another output (a
  stream such as /dev/stdout is exempt: it is written to, not replaced).

An output is any option whose value is a PATH or a FILE (``--save``,
``--metrics-json``, ``--output``, and any added later the same way), except
the inputs a command lists in its ``INPUTS``. The first two problems are
usage errors (exit status 2); one the file system reports is an OSError
naming the option (exit status 1).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="purenn train")
>>> _ = parser.add_argument("--csv", metavar="PATH")
>>> _ = parser.add_argument("--save", metavar="PATH")
>>> outputs(parser, parser.parse_args(["--csv", "a.csv", "--save", "m.json"]), ("csv",))
[('--save', 'm.json')]
"""

import argparse
import contextlib
import os
from typing import Iterator, List, Optional, Sequence, Tuple

from purenn.errors import PurennError
from purenn.app.messages import escaped
from purenn.app.files import check_output

__all__ = ["OUTPUT_METAVARS", "WriteFailed", "check_paths", "outputs", "written"]

OUTPUT_METAVARS = ("PATH", "FILE")
"""An option with one of these metavars names a file; unless it is an input, the command writes it."""


def outputs(parser: argparse.ArgumentParser, args: argparse.Namespace, inputs: Sequence[str]) -> List[Tuple[str, str]]:
    """(option, path) for every output path given; ``inputs`` are the dests of the command's input files."""
    found = []
    for action in parser._actions:  # argparse keeps its options here; there is no public list
        if action.metavar not in OUTPUT_METAVARS or action.dest in inputs:
            continue
        value = getattr(args, action.dest, None)
        if isinstance(value, str):
            found.append((action.option_strings[0] if action.option_strings else action.dest, value))
    return found


def check_paths(parser: argparse.ArgumentParser, args: argparse.Namespace, inputs: Sequence[str]) -> None:
    """Refuse, before any work, an output path that is empty, an input or another output, or cannot be written."""
    given = [(_option(parser, dest), getattr(args, dest, None)) for dest in inputs]
    sources = [(option, path) for option, path in given if isinstance(path, str) and path]
    seen: List[Tuple[str, str]] = []
    for option, path in outputs(parser, args, inputs):
        if not path.strip():
            parser.error(f"{option} needs a file name, got an empty one")
        try:
            kind = check_output(path)
        except OSError as error:
            raise type(error)(error.errno, f"{error.strerror} (the path given to {option})", error.filename) from None
        if kind == "stream":  # /dev/stdout, a pipe: written to, never replaced, so it can be named twice
            continue
        for other, earlier in sources + seen:
            if _same(path, earlier):
                what = "the input" if (other, earlier) in sources else "also"
                parser.error(  # the paths escaped: a name cannot move the cursor or forge a second line
                    f"{option} {escaped(path)} is {what} {other} {escaped(earlier)}: writing there would replace "
                    f"{'your data' if what == 'the input' else 'one file with the other'}; give it a name of its own"
                )
        seen.append((option, path))


def _option(parser: argparse.ArgumentParser, dest: str) -> str:
    """The option (or positional argument) that stores into ``dest``, as the user typed it."""
    for action in parser._actions:
        if action.dest == dest:
            return action.option_strings[0] if action.option_strings else dest
    return dest


def _same(a: str, b: str) -> bool:
    """True when paths ``a`` and ``b`` name one file: the same file on disk, or the same path once resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet
        return os.path.realpath(a) == os.path.realpath(b)


class WriteFailed(PurennError):
    """Writing an output failed (a full disk, say): the message names the option and the file, then the cause."""


@contextlib.contextmanager
def written(option: str, path: Optional[str]) -> Iterator[None]:
    """While inside, an OSError becomes WriteFailed naming ``option`` and ``path``: the file, and where it came from.

    >>> with written("--plot-loss", "out.svg"):
    ...     raise OSError(28, "No space left on device")
    Traceback (most recent call last):
    ...
    purenn.app.cli.paths.WriteFailed: --plot-loss out.svg: [Errno 28] No space left on device
    """
    try:
        yield
    except OSError as error:
        if path is None:
            raise
        cause = f"[Errno {error.errno}] {error.strerror}" if error.errno is not None and error.strerror else str(error)
        if error.filename is not None and os.fspath(error.filename) != path:  # a folder, or the temporary file
            cause += f": {error.filename}"
        raise WriteFailed(f"{option} {path}: {cause}") from None
