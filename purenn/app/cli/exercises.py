"""``purenn exercises``: the exercises a learner can write and have checked, or one of them in full.

    purenn exercises              every exercise: its name, signature and what it asks
    purenn exercises forward      one in full: the task, the equations, a stub to start from
    purenn exercises --starter dot matmul > mine.py
                                  stubs to fill in, ready for ``purenn check mine.py``

The exercises themselves are ``purenn.exercises``; this module only prints.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> args = add_parser(parser).parse_args([])
>>> import io; out = io.StringIO(); run(args, parser, out)
0
>>> print(out.getvalue().splitlines()[2])
  dot(x, y) -> float                                    the dot product x · y = Σ xₖ·yₖ
"""

import argparse
from typing import List, TextIO

from purenn.errors import PurennError
from purenn.exercises import EXERCISES, check
from purenn.app.cli import COMMANDS

__all__ = ["add_parser", "run"]

SIGNATURE_WIDTH = 52
"""The width of the listing's signature column; a longer signature has a line of its own."""


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``exercises`` command's parser."""
    parser = commands.add_parser(
        "exercises", help=COMMANDS["exercises"],
        description="With no name: every exercise, with the signature to write. With names: each "
        "task in full (the statement, the equations, a stub to start from). With --starter: "
        "the stubs alone, as a file to fill in and check with: purenn check FILE.py",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="exercises to show (default: list them all)")
    parser.add_argument("--starter", action="store_true",
                        help="print only the stubs, as a Python file (of every exercise when no NAME is given)")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Print the list, the tasks or the stubs; return the exit status."""
    names: List[str] = []
    for name in args.names:
        try:
            check(name)
        except PurennError as error:
            parser.error(str(error))
        names.append(name)
    if args.starter:
        print(_starter(names or list(EXERCISES)), file=out)
    elif names:
        print("\n\n".join(check(name).text() for name in names), file=out)
    else:
        print(_listing(), file=out)
    return 0


def _listing() -> str:
    lines = [f"{len(EXERCISES)} exercises: write the function in plain Python (lists of rows for matrices), "
             f"then check it.", ""]
    for exercise in EXERCISES.values():
        signature = exercise.signature
        if len(signature) <= SIGNATURE_WIDTH:
            lines.append(f"  {signature.ljust(SIGNATURE_WIDTH)}  {exercise.summary}")
        else:  # too long to share its line
            lines += [f"  {signature}", f"  {'':{SIGNATURE_WIDTH}}  {exercise.summary}"]
    lines += ["", "One in full:        python -m purenn exercises NAME",
              "Stubs to fill in:   python -m purenn exercises --starter NAME ... > mine.py",
              "Check your file:    python -m purenn check mine.py   (in Python: from purenn.exercises import check)"]
    return "\n".join(lines)


def _starter(names: List[str]) -> str:
    head = ('"""My solutions to purenn\'s exercises. Check them with: python -m purenn check THIS_FILE.py"""')
    imports = sorted({line for name in names for line in EXERCISES[name].starter.splitlines()
                      if line.startswith(("import ", "from "))})
    stubs = ["\n".join(line for line in EXERCISES[name].starter.splitlines()
                       if not line.startswith(("import ", "from "))).strip("\n") for name in names]
    return "\n\n".join([head] + (["\n".join(imports)] if imports else []) + stubs).replace("\n\ndef ", "\n\n\ndef ")
