"""The command line: ``python -m purenn`` (or the ``purenn`` command).

With no arguments it runs the main job, the article's network learning the
diabetes table (``purenn/demo.py``). Options change its settings:

    python -m purenn --epochs 800 --hidden 6 --learning-rate 0.5 --seed 3
"""

import argparse
import sys
from typing import Callable, List, Optional

from purenn import __version__, demo

__all__ = ["main", "build_parser"]


def _whole(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0.0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option and its help text."""
    parser = argparse.ArgumentParser(
        prog="purenn",
        description="Watch a neural network written in plain Python learn: the two-layer "
        "network of the article, trained on a small diabetes table.",
    )
    parser.add_argument("--epochs", type=_whole(1), default=1500, help="passes over the data (default: 1500)")
    parser.add_argument("--hidden", type=_whole(1), default=4, help="hidden units (default: 4)")
    parser.add_argument(
        "--learning-rate", type=_positive_float, default=1.0, help="gradient descent step size α (default: 1.0)"
    )
    parser.add_argument("--seed", type=_whole(0), default=0, help="seed of the initial weights (default: 0)")
    parser.add_argument("--quiet", action="store_true", help="print only the final loss and accuracy")
    parser.add_argument("--version", action="version", version=f"purenn {__version__}")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["--epochs", "10", "--quiet"])
    >>> status, out.getvalue().startswith("final loss")
    (0, True)
    """
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return demo.run(
        epochs=args.epochs,
        hidden=args.hidden,
        learning_rate=args.learning_rate,
        seed=args.seed,
        quiet=args.quiet,
    )
