"""The command line: ``python -m purenn`` (or the ``purenn`` command).

With no command it runs the main job, the article's network learning the
diabetes table (``purenn/app/mainjob.py``); its options change the settings:

    python -m purenn --epochs 800 --hidden 6 --learning-rate 0.5 --seed 3

Two commands go beyond the article (``purenn/app/pipeline.py``); their options
come after the command's name:

    python -m purenn train --data iris --save model.json
    python -m purenn train --csv data.csv --target label --layers 32,16
    python -m purenn predict model.json new_rows.csv --output predictions.csv

Each command is a module of this folder with two functions,
``add_parser(commands)`` and ``run(args, parser, out)``, listed in
``COMMANDS`` with the one line ``--help`` shows for it. A command's module is
imported only when that command runs (or its ``--help`` is asked for): the
main job does not wait for the figures, the exercises or the linear-algebra
course to load. A command that reads files names their options in ``INPUTS``,
so that no output may replace one (``paths.py``). This folder is the only part of purenn that knows about
command-line flags: the library below it says what is wrong in its own
terms, and a command translates where it needs to.
"""

import argparse
import gc
import importlib
import sys
from types import ModuleType
from typing import Dict, List, Optional, Tuple

from purenn.errors import PurennError
from purenn._version import __version__
from purenn.app import mainjob
from purenn.app.messages import escaped
from purenn.app.cli import paths, streams
from purenn.app.cli.options import flag, number, whole

__all__ = ["COMMANDS", "build_parser", "command_module", "main"]

COMMANDS: Dict[str, str] = {
    "train": "train a deeper network on a built-in data set or a CSV file",
    "predict": "predict with a saved model",
    "linalg": "linear algebra for the classroom, exact, with the working",
    "explain": "one step of the article's network, equation by equation, with its numbers",
    "exercises": "list the exercises (write the matrix product, the forward pass, backprop...), or show one",
    "check": "check your own functions in a Python file against the exercises, and say what is wrong",
}
"""Every command by name, with its line in ``--help``: here, and not in each command's module, so that
``--help`` need not import every command (each module's own parser reads its line from here).
The module of command ``name`` is ``purenn.app.cli.name``, with ``add_parser`` and ``run``."""

def command_module(name: str) -> ModuleType:
    """The module of the command ``name``, imported now if it was not yet.

    >>> command_module("predict").__name__
    'purenn.app.cli.predict'
    """
    return importlib.import_module(f"purenn.app.cli.{name}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option and its help text (every command's module is imported)."""
    return _parsers(tuple(COMMANDS))[0]


def _parsers(full: Tuple[str, ...]) -> Tuple[argparse.ArgumentParser, Dict[str, argparse.ArgumentParser]]:
    """The main parser, and the own parser of each command named in ``full`` (for its options and usage errors).

    Each other command gets a stand-in: its name and its line of help, for
    ``--help`` and for telling which command was asked for, and nothing else.
    """
    parser = argparse.ArgumentParser(
        prog="purenn",
        description="Watch a neural network written in plain Python learn. With no command: "
        "the two-layer network of the article, trained on a small diabetes table. "
        "A command's options go after its name: purenn train --help.",
    )
    # The main job's options keep names of their own (main_...): a command's
    # options of the same name then never meet them in the parsed arguments.
    article = mainjob.ARTICLE
    parser.add_argument("--epochs", dest="main_epochs", metavar="N", type=whole(1), default=article.epochs,
                        help="passes over the data (default: %(default)s)")
    parser.add_argument("--hidden", dest="main_hidden", metavar="N", type=whole(1), default=article.hidden,
                        help="hidden units (default: %(default)s)")
    parser.add_argument("--learning-rate", dest="main_learning_rate", metavar="RATE", type=number(0, float("inf")),
                        default=article.learning_rate,
                        help="gradient descent step size, alpha (default: %(default)s)")
    parser.add_argument("--seed", dest="main_seed", metavar="N", type=whole(0), default=article.seed,
                        help="seed of the initial weights (default: %(default)s)")
    parser.add_argument("--quiet", dest="main_quiet", action="store_true",
                        help="print only the final loss and accuracy")
    parser.add_argument("--plot", dest="main_plot", metavar="PATH",
                        help="draw the loss of every epoch to this SVG file")
    parser.add_argument("--version", action="version", version=f"purenn {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    own: Dict[str, argparse.ArgumentParser] = {}
    for name, line in COMMANDS.items():
        if name in full:
            own[name] = command_module(name).add_parser(commands)
        else:
            commands.add_parser(name, help=line, add_help=False)
    return parser, own


# --------------------------------------------------------------------- main


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status.

    The statuses: 0 success, 1 a problem with the data or a file (or too
    little memory), 2 a usage error (argparse's), 130 interrupted (Ctrl-C).
    Every failure is one line on standard error, ``purenn: error: ...``,
    with any control character of a name or path escaped. Output survives
    any terminal and a closed, broken or full standard output or error
    (``streams.guarded_streams``).

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["--epochs", "10", "--quiet"])
    >>> status, out.getvalue().startswith("final loss")
    (0, True)
    """
    with streams.guarded_streams():
        try:
            return _main(sys.argv[1:] if argv is None else argv)
        except KeyboardInterrupt:
            print("\npurenn: interrupted", file=sys.stderr)
            return streams.INTERRUPTED
        except MemoryError:  # before the next clause, whose tuple would need memory (see OUT_OF_MEMORY)
            pass  # said below, once this handler has ended (see OUT_OF_MEMORY)
        except (PurennError, OSError) as error:
            print(f"purenn: error: {_error_text(error)}", file=sys.stderr)
            return 1
        gc.collect()  # kept on a weak measurement, cause unknown (see OUT_OF_MEMORY)
        print(OUT_OF_MEMORY, file=sys.stderr)
        return 1


OUT_OF_MEMORY = "purenn: error: out of memory: the data or the network is too large for this computer"
"""What ``main`` prints after a MemoryError, outside its handler: while the handler runs, the error's
traceback keeps alive every frame it passed through, and with them the data that filled the memory, so a
message printed there could itself run out of memory and end in a traceback (seen on CPython 3.10). For the
same reason ``except MemoryError`` comes before ``except (PurennError, OSError)``: Python builds that tuple of
two classes when it tests the clause (BUILD_TUPLE, on CPython 3.8 at least), and with no memory left the build
fails, a second MemoryError raised outside the try (seen once in CI on 3.8, a traceback chained to the first).
Reference cycles are collected too before the message, on a weak measurement: without that, it failed in 3
of 67 runs on CPython 3.8, with it in none of 60, which chance alone gives about one time in seven (or the
clause above was the cause); no cycle holding the data showed up when one was looked for."""


def _main(argv: List[str]) -> int:
    # Which command? Asked of the parser with stand-ins for every command (so
    # that "--plot train" stays the main job's option); then, for a command,
    # asked again of the parser with that command's own options.
    parser, command_parsers = _parsers(())
    args, unknown = parser.parse_known_args(argv)
    if args.command is not None:
        parser, command_parsers = _parsers((args.command,))
    if args.command is not None or unknown:  # for the main job, an unknown option: argparse's own error
        args = parser.parse_args(argv)
    if args.command is None:
        paths.check_paths(parser, args, ())  # the files it will write, checked before training: see paths.py
        with paths.written("--plot", args.main_plot):
            return mainjob.run(epochs=args.main_epochs, hidden=args.main_hidden,
                               learning_rate=args.main_learning_rate, seed=args.main_seed, quiet=args.main_quiet,
                               plot=args.main_plot, name_setting=flag)
    before = argv[:argv.index(args.command)]
    if before:  # the main job's options: a command would drop them without a word
        parser.error(f"{escaped(' '.join(before))}: options before a command belong to the main job, which "
                     f"'{args.command}' does not run; a command's options go after its name "
                     f"(see purenn {args.command} --help)")
    command, command_parser = command_module(args.command), command_parsers[args.command]
    # every file the command will write, checked before it starts: see paths.py
    paths.check_paths(command_parser, args, getattr(command, "INPUTS", ()))
    status: int = command.run(args, command_parser, sys.stdout)
    return status


def _error_text(error: Exception) -> str:
    """An error as one line: a file error names the file first, like purenn's own errors.

    >>> _error_text(FileNotFoundError(2, "no such file", "two\\nlines.csv"))
    'two\\\\nlines.csv: no such file'
    """
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return escaped(f"{error.filename}: {error.strerror}")
    return escaped(str(error))
