"""``purenn linalg``: linear algebra for the classroom, exact for whole numbers.

    purenn linalg solve "[[2,1],[1,3]]" "[3,5]" --steps
    purenn linalg rref "[[1,2,3],[4,5,6],[7,8,9]]"
    purenn linalg det "[[1,2,3],[4,5,6],[7,8,10]]" --steps
    purenn linalg inverse "[[2,1],[1,1]]"
    purenn linalg rank "[[1,2],[2,4]]"
    purenn linalg eig "[[2,1],[1,2]]"

A matrix is written as Python writes a list of rows; whole numbers are
worked in exact fractions, and a number with a decimal point makes the
whole computation use floats. ``--steps`` prints every row operation with
the matrix after it.

Text that is not a matrix (unparseable, ragged rows, too large) is a usage
error, exit status 2, as for any bad option; a matrix that does not fit
the operation (not square, singular, b of the wrong length) is exit
status 1 with a one-line message, as for every other command.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> args = add_parser(parser).parse_args(["det", "[[1, 2], [3, 4]]"])
>>> import io; out = io.StringIO(); run(args, parser, out)
0
>>> out.getvalue()
'-2\\n'
"""

import argparse
import ast
from fractions import Fraction
from typing import List, TextIO, Tuple, Union

from purenn.errors import PurennError
from purenn.linalg.eigen import eigh, power_iteration
from purenn.linalg.elimination import det_steps, inverse_steps, rref, solve_steps
from purenn.linalg.exact import Grid, as_grid, as_numbers, show
from purenn.linalg.vector import Vector

MAX_TEXT = 10_000
"""The longest matrix text accepted, in characters."""

MAX_SIZE = 12
"""The most rows, and the most columns, of a matrix given on the command line."""

Number = Union[int, Fraction, float]


# ---------------------------------------------------------------- parsing


def _literal(text: str, what: str, example: str) -> object:
    if len(text) > MAX_TEXT:
        raise argparse.ArgumentTypeError(f"the {what} is {len(text)} characters long; at most {MAX_TEXT}")
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a {what}: write it like {example}") from None


def matrix(text: str) -> Grid:
    """A matrix from text like "[[2,1],[1,3]]": a list of rows of numbers, at most 12 x 12.

    >>> print(matrix("[[1, 2], [3, 4.5]]"))
    [[1    2]
     [3  4.5]]
    >>> matrix("[[1, 2], [3]]")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: row 1 has 1 entry but row 0 has 2: every row of a matrix must have the same length
    """
    value = _literal(text, "matrix", "[[2,1],[1,3]] (a list of rows)")
    if not isinstance(value, (list, tuple)) or not all(isinstance(row, (list, tuple)) for row in value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of rows: write a matrix like [[2,1],[1,3]]")
    if len(value) > MAX_SIZE or any(len(row) > MAX_SIZE for row in value):
        raise argparse.ArgumentTypeError(f"the matrix is larger than {MAX_SIZE} x {MAX_SIZE}: this command is for small matrices")
    try:
        return as_grid(value, "the matrix")
    except (PurennError, TypeError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def vector(text: str) -> Tuple[Number, ...]:
    """A right-hand side from text like "[3,5]".

    >>> vector("[3, 5]")
    (3, 5)
    """
    value = _literal(text, "vector", "[3,5] (a list of numbers)")
    if not isinstance(value, (list, tuple)):
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers: write b like [3,5]")
    if len(value) > MAX_SIZE:
        raise argparse.ArgumentTypeError(f"b has more than {MAX_SIZE} entries: this command is for small systems")
    try:
        return as_numbers(value, "b")
    except (PurennError, TypeError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# ----------------------------------------------------------------- parser


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``linalg`` command's parser, one sub-command per operation."""
    parser = commands.add_parser(
        "linalg", help="linear algebra for the classroom: solve, rref, det, inverse, rank, eig",
        description="Row reduction with its working, exact for whole numbers. Write a matrix as a "
        "list of rows in quotes, like \"[[2,1],[1,3]]\"; a decimal point anywhere makes it floats.",
    )
    operations = parser.add_subparsers(dest="operation", metavar="{solve,rref,det,inverse,rank,eig}")
    operations.required = True

    def operation(name: str, help: str, steps: bool = True) -> argparse.ArgumentParser:
        sub = operations.add_parser(name, help=help, description=help)
        sub.add_argument("A", type=matrix, help='the matrix, like "[[2,1],[1,3]]"')
        if steps:
            sub.add_argument("--steps", action="store_true", help="print every row operation and the matrix after it")
        return sub

    operation("solve", "solve A x = b by Gauss-Jordan elimination on [A | b]").add_argument(
        "b", type=vector, help='the right-hand side, like "[3,5]"')
    operation("rref", "the reduced row echelon form of A")
    operation("det", "the determinant of a square matrix A")
    operation("inverse", "the inverse of a square matrix A, by Gauss-Jordan elimination on [A | I]")
    operation("rank", "the rank of A and a basis of its null space")
    operation("eig", "eigenvalues and eigenvectors: all of them for a symmetric A, "
              "else the dominant one by power iteration", steps=False)
    return parser


# -------------------------------------------------------------------- run


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Compute and print what ``args.operation`` asks for; return the exit status."""
    A: Grid = args.A
    steps = getattr(args, "steps", False)
    lines: List[str] = []
    if args.operation == "solve":
        solution = solve_steps(A, args.b)
        lines += [str(solution.steps)] if steps else []
        lines += [f"x{i + 1} = {show(v)}" for i, v in enumerate(solution.x)]
    elif args.operation == "rref":
        reduction = rref(A)
        lines += [str(reduction.steps), "rref"] if steps else []
        lines += [str(reduction.result)]
    elif args.operation == "det":
        determinant = det_steps(A)
        lines += [str(determinant)] if steps else [show(determinant.value)]
    elif args.operation == "inverse":
        inverted = inverse_steps(A)
        lines += [str(inverted.steps), "inverse"] if steps else []
        lines += [str(inverted.inverse)]
    elif args.operation == "rank":
        reduction = rref(A)
        lines += [str(reduction.steps)] if steps else []
        lines += [f"rank {reduction.rank}"]
        basis = reduction.null_space
        lines += [f"null space basis: {', '.join('(' + ', '.join(map(show, v)) + ')' for v in basis)}"
                  if basis else "null space: only the zero vector"]
    else:
        lines += _eig(A)
    print("\n".join(lines), file=out)
    return 0


def _eig(A: Grid) -> List[str]:
    """Every eigenpair of a symmetric A, else the dominant one, in floats."""
    M = A.to_matrix()
    if A.shape[0] == A.shape[1] and M == M.T:
        values, vectors = eigh(M)
        return [f"λ = {show(values[k])}   v = {_eigenvector(vectors.column(k))}" for k in range(len(values))]
    value, v = power_iteration(M)
    return ["the matrix is not symmetric: the dominant eigenpair, by power iteration",
            f"λ = {show(value)}   v = {_eigenvector(v)}"]


def _eigenvector(v: Vector) -> str:
    """(0.707107, -0.707107): an entry below 1e-12 of the largest is rounding error, shown as 0."""
    largest = max(abs(x) for x in v)
    return "(" + ", ".join(show(x) if abs(x) > 1e-12 * largest else "0" for x in v) + ")"
