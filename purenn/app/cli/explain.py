"""``purenn explain``: one training step of the article's network, equation by equation.

The step and its text are ``purenn.app.explain``; this module reads the
options and prints.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> args = add_parser(parser).parse_args(["--sample", "3"])
>>> args.data, args.sample, args.batch
('diabetes', 3, False)
"""

import argparse
from typing import TextIO

from purenn.data.datasets import DATASETS
from purenn.plot.text import supports_unicode
from purenn.app.cli import COMMANDS, images
from purenn.app.cli.options import number, whole
from purenn.app.explain import explain_step, render

DEFAULT_SAMPLE = 6
"""Row 6 of the diabetes table (overweight, family history, target yes): every input
pattern of the first row is zero, which would leave ∂J/∂W1 all zeros."""


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``explain`` command's parser."""
    parser = commands.add_parser(
        "explain", help=COMMANDS["explain"],
        description="Build the article's two-layer network, take one step of gradient descent on "
        "one row of a data set (or the whole table), and print equations (1) to (14) with the "
        "values this run computed, the loss before and after, and a gradient check.",
    )
    parser.add_argument("--data", choices=sorted(DATASETS), default="diabetes",
                        help="a data set shipped with purenn (default: %(default)s)")
    parser.add_argument("--sample", type=whole(0), default=None, metavar="I",
                        help=f"the row to learn from, counting from 0 (default: {DEFAULT_SAMPLE} for "
                        "diabetes, else 0)")
    parser.add_argument("--batch", action="store_true", help="learn from every row at once, as training does")
    parser.add_argument("--hidden", type=whole(1), default=4, metavar="N", help="hidden units (default: %(default)s)")
    parser.add_argument("--seed", type=whole(0), default=0, metavar="N",
                        help="seed of the initial weights (default: %(default)s)")
    parser.add_argument("--learning-rate", type=number(0, float("inf")), default=1.0, metavar="RATE",
                        help="alpha of equation (14) (default: %(default)s)")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Print the step; return the exit status."""
    if args.batch and args.sample is not None:
        parser.error("--sample picks one row and --batch takes them all: give one of them")
    data = DATASETS[args.data]()
    if args.batch:
        rows = None
    elif args.sample is not None:
        rows = [args.sample]
    else:
        rows = [DEFAULT_SAMPLE if args.data == "diabetes" else 0]
    if rows is not None and rows[0] >= len(data.X):
        parser.error(f"--sample {rows[0]} is past the last row of {args.data} ({len(data.X) - 1})")
    step = explain_step(data, rows, hidden=args.hidden, seed=args.seed, learning_rate=args.learning_rate)
    images.show_picture(data, rows, out)  # image data: the row's picture, in text
    print(render(step, unicode=supports_unicode(out)), file=out)
    return 0
