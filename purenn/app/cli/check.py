"""``purenn check FILE.py [NAME ...]``: check the learner's functions in a file against the exercises.

    purenn check mine.py              every function in mine.py named after an exercise
    purenn check mine.py dot matmul   just these (and say so if one is missing)

The file is run as ``import`` would run it (code under ``if __name__ ==
"__main__":`` does not run); what goes wrong in it is reported with the
learner's line, never as a traceback (``purenn/exercises/learner.py``).

Exit status: 0 when every function checked passed, 1 when one did not (or
the file did not run, or defines none), 2 for bad usage (no such file, or
a NAME that is no exercise's).

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> args = add_parser(parser).parse_args(["mine.py", "dot"])
>>> args.file, args.names
('mine.py', ['dot'])
"""

import argparse
import os
from typing import TextIO

from purenn.errors import PurennError
from purenn.exercises.budget import TIME_LIMIT
from purenn.exercises.learner import check_file
from purenn.app.cli import COMMANDS
from purenn.app.cli.options import number

__all__ = ["INPUTS", "add_parser", "run"]

INPUTS = ("file",)
"""The command reads FILE.py and writes nothing."""


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``check`` command's parser."""
    parser = commands.add_parser(
        "check", help=COMMANDS["check"],
        description="Run FILE.py and check each function in it whose name is an exercise's "
        "(see: purenn exercises), or only the NAMEs given. For each: passed, or the case it "
        "failed, what was expected, what came back, and the mistake. Exit status 0 when all "
        "pass, 1 when one does not, 2 for bad usage.",
    )
    parser.add_argument("file", metavar="FILE.py", help="your Python file")
    parser.add_argument("names", nargs="*", metavar="NAME", help="the exercises to check (default: every one the "
                        "file defines)")
    parser.add_argument("--time-limit", type=number(0, float("inf")), default=TIME_LIMIT, metavar="SECONDS",
                        help="how long one call may run before it counts as an endless loop (default: %(default)s)")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Check the file and print the report; return 0 when everything passed, else 1."""
    if not os.path.exists(args.file):
        parser.error(f"{args.file}: no such file (give the path of your Python file)")
    if os.path.isdir(args.file):
        parser.error(f"{args.file} is a folder: give the path of your Python file")
    try:
        report = check_file(args.file, args.names, args.time_limit)
    except PurennError as error:  # a NAME that is no exercise's
        parser.error(str(error))
    print(report.text(), file=out)
    return 0 if report.passed else 1
