"""``purenn linalg``: linear algebra for the classroom, exact, with the working.

    purenn linalg solve "[[2,1],[1,3]]" "[3,5]" --steps
    purenn linalg rref "[[1,2,3],[4,5,6],[7,8,9]]"
    purenn linalg det "[[1/2,1],[0.1,3]]" --steps
    purenn linalg subspaces "[[1,2],[2,4]]"
    purenn linalg diagonalize "[[1,1],[0,1]]"

A matrix is written as a list of rows in brackets. Every entry is read
exactly, as a person means it: 3, -1/3, 2.5, 1e-20 and 0.1 (one tenth) are
fractions, and the working is in fractions. ``--float`` works in floats
instead, as the network does. ``--steps`` prints the working first (also
when the answer is "no solution" or "singular": the working, then the
reason, exit status 1); ``--latex`` prints LaTeX instead of text.

The commands are one table, ``OPERATIONS``: a name, its help, what it
reads, and the function that answers. Text that is not a matrix is a usage
error (exit status 2) naming the row, the column and the text; a matrix
that does not fit the operation (not square, b of the wrong length) is exit
status 1 with a one-line message.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> args = add_parser(parser).parse_args(["det", "[[1, 2], [3, 4]]"])
>>> import io; out = io.StringIO(); run(args, parser, out)
0
>>> out.getvalue()
'−2\\n'
"""

import argparse
import re
from fractions import Fraction
from typing import Callable, Dict, List, NamedTuple, Sequence, TextIO, Tuple

from purenn.errors import PurennError
from purenn.linalg.characteristic import characteristic_polynomial, diagonalize, eigenvalues, eigenvectors
from purenn.linalg.elimination import WorkingError, det_steps, inverse_steps, ref, rref
from purenn.linalg.exact import Grid, as_grid, latex_matrix, read_number, show
from purenn.linalg.drill import check_row_operation, fraction_free_ref, row_operation
from purenn.linalg.spaces import cofactor, cofactor_expansion, cramer, general_solution, lu_steps, subspaces
from purenn.app.cli import COMMANDS

MAX_TEXT = 10_000
"""The longest matrix text accepted, in characters."""

MAX_SIZE = 12
"""The most rows, and the most columns, of a matrix given on the command line."""

Rows = Tuple[Tuple[Fraction, ...], ...]


# ---------------------------------------------------------------- parsing


_TOKEN = re.compile(r"\s*(\[|\]|,|[^\[\],]+)")


def _tokens(text: str, what: str, example: str) -> List[str]:
    if len(text) > MAX_TEXT:
        raise argparse.ArgumentTypeError(f"the {what} is {len(text)} characters long; at most {MAX_TEXT}")
    tokens = [t.strip() for t in _TOKEN.findall(text) if t.strip()]
    if not tokens or tokens[0] != "[":
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a {what}: write it like {example}")
    return tokens


def _list(tokens: List[str], at: int, text: str, what: str, example: str) -> Tuple[List[str], int]:
    """The items of the bracketed list starting at tokens[at] (itself "["), and the index after its "]"."""
    if tokens[at] != "[":
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a {what}: write it like {example}")
    items: List[str] = []
    k = at + 1
    while k < len(tokens) and tokens[k] != "]":
        if tokens[k] in "[,":
            raise argparse.ArgumentTypeError(f"cannot read {text!r} as a {what}: write it like {example}")
        items.append(tokens[k])
        k += 1
        if k < len(tokens) and tokens[k] == ",":
            k += 1
    if k == len(tokens):
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a {what}: a ] is missing")
    return items, k + 1


def _number(item: str, where: str) -> Fraction:
    try:
        return read_number(item, where)
    except PurennError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def matrix(text: str) -> Rows:
    """A matrix from text like "[[2,1],[1/3,0.5]]": rows of exact numbers, at most 12 x 12.

    >>> matrix("[[1, 2], [1/3, 0.5]]") == ((1, 2), (Fraction(1, 3), Fraction(1, 2)))
    True
    >>> matrix("[[1, 2], [3]]")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: row 2 has 1 entry but row 1 has 2: every row of a matrix must have the same length
    >>> matrix("[[1, 2], [3, x]]")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: row 2, column 2 is 'x': write a whole number (3), a fraction (-1/3) or a decimal ...
    """
    example = "[[2,1],[1,3]] (a list of rows)"
    tokens = _tokens(text, "matrix", example)
    if len(tokens) < 2 or tokens[1] not in "[]":
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of rows: write a matrix like [[2,1],[1,3]]")
    rows: List[Tuple[Fraction, ...]] = []
    k = 1
    while k < len(tokens) and tokens[k] != "]":
        items, k = _list(tokens, k, text, "matrix", example)
        if len(rows) >= MAX_SIZE or len(items) > MAX_SIZE:
            raise argparse.ArgumentTypeError(
                f"the matrix is larger than {MAX_SIZE} x {MAX_SIZE}: this command is for small matrices")
        i = len(rows) + 1
        row = tuple(_number(item, f"row {i}, column {j + 1}") for j, item in enumerate(items))
        if not row:
            raise argparse.ArgumentTypeError(f"row {i} is empty: every row needs at least one number")
        if rows and len(row) != len(rows[0]):
            raise argparse.ArgumentTypeError(
                f"row {i} has {len(row)} entr{'y' if len(row) == 1 else 'ies'} but row 1 has {len(rows[0])}: "
                "every row of a matrix must have the same length")
        rows.append(row)
        if k < len(tokens) and tokens[k] == ",":
            k += 1
    if k >= len(tokens):
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a matrix: a ] is missing")
    if k != len(tokens) - 1:
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a matrix: write it like {example}")
    if not rows:
        raise argparse.ArgumentTypeError("the matrix needs at least one row, like [[2,1],[1,3]]")
    return tuple(rows)


def vector(text: str) -> Tuple[Fraction, ...]:
    """A right-hand side from text like "[3, 1/2]".

    >>> vector("[3, 0.5]") == (3, Fraction(1, 2))
    True
    """
    example = "[3,5] (a list of numbers)"
    tokens = _tokens(text, "vector", example)
    if len(tokens) > 1 and tokens[1] == "[":
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers: write b like [3,5]")
    items, k = _list(tokens, 0, text, "vector", example)
    if k != len(tokens):
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a vector: write it like {example}")
    if not items:
        raise argparse.ArgumentTypeError("b needs at least one number, like [3,5]")
    if len(items) > MAX_SIZE:
        raise argparse.ArgumentTypeError(f"b has more than {MAX_SIZE} entries: this command is for small systems")
    return tuple(_number(item, f"entry {j + 1} of b") for j, item in enumerate(items))


def _index(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number: rows and columns count from 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a row or column: they count from 1")
    return value


# ------------------------------------------------------------ the answers


class Answer(NamedTuple):
    """What a command prints: the working (for --steps), the answer, and both in LaTeX."""

    working: str
    answer: str
    latex: str


def _grid(args: argparse.Namespace, name: str = "A") -> Grid:
    rows: Rows = getattr(args, name)
    if args.float:
        return as_grid([[float(x) for x in row] for row in rows], name)
    return as_grid(rows, name)


def _b(args: argparse.Namespace) -> Sequence[object]:
    return [float(x) for x in args.b] if args.float else list(args.b)


def _solve(args: argparse.Namespace) -> Answer:
    """The one solution, every solution (x = x_p + s1·v1 + ...), or no solution (an error, after the working)."""
    work = general_solution(_grid(args), _b(args))
    if work.particular is None:
        raise WorkingError(str(work), work.steps)
    if work.free:
        return Answer(work.steps.board(), "infinitely many solutions:\n" + str(work), work._repr_latex_())
    answer = "\n".join(f"x{i + 1} = {show(v)}" for i, v in enumerate(work.particular))
    return Answer(work.steps.board(), answer, work._repr_latex_())


def _rref(args: argparse.Namespace) -> Answer:
    work = rref(_grid(args))
    return Answer(work.steps.board() + "\nrref", str(work.result), work._repr_latex_())


def _ref(args: argparse.Namespace) -> Answer:
    if args.fraction_free:
        _exact_only(args, "ref --fraction-free")
        steps, U = fraction_free_ref(_grid(args))
        return Answer(steps.board() + "\nrow echelon form, without fractions", str(U), steps._repr_latex_())
    work = ref(_grid(args))
    pivots = ", ".join(str(j + 1) for j in work.pivots) or "none"
    return Answer(work.steps.board() + "\nrow echelon form", f"{work.result}\npivot columns {pivots}",
                  work._repr_latex_())


def _det(args: argparse.Namespace) -> Answer:
    work = det_steps(_grid(args))
    return Answer(work.steps.board(), work.formula() if args.steps else show(work.value), work._repr_latex_())


def _inverse(args: argparse.Namespace) -> Answer:
    work = inverse_steps(_grid(args))
    return Answer(work.steps.board() + "\ninverse", str(work.inverse), work._repr_latex_())


def _rank(args: argparse.Namespace) -> Answer:
    work = rref(_grid(args))
    basis = work.null_space
    null = (f"null space basis: {', '.join('(' + ', '.join(map(show, v)) + ')' for v in basis)}"
            if basis else "null space: only the zero vector")
    return Answer(work.steps.board(), f"rank {work.rank}\n{null}", work._repr_latex_())


def _subspaces(args: argparse.Namespace) -> Answer:
    A = _grid(args)
    work = subspaces(A)
    return Answer(rref(A).steps.board() + "\nrref", str(work), work._repr_latex_())


def _lu(args: argparse.Namespace) -> Answer:
    work = lu_steps(_grid(args))
    return Answer(work.steps.board(), str(work), work._repr_latex_())


def _exact_only(args: argparse.Namespace, name: str) -> None:
    if args.float:
        raise PurennError(f"{name} works in exact fractions only: leave out --float")


def _charpoly(args: argparse.Namespace) -> Answer:
    _exact_only(args, "charpoly")
    p = characteristic_polynomial(_grid(args))
    return Answer("", f"p(λ) = det(λI − A) = {p}", p._repr_latex_())


def _eig(args: argparse.Namespace) -> Answer:
    A = _grid(args)
    values = eigenvalues(A)
    vectors = eigenvectors(A)
    lines = [f"p(λ) = det(λI − A) = {values.polynomial}"]
    for v, space in zip(values.values, vectors.spaces):
        geometric = "?" if v.geometric is None else str(v.geometric)
        lines.append(f"{space}   (algebraic multiplicity {v.algebraic}, geometric {geometric})")
    return Answer("", "\n".join(lines), vectors._repr_latex_())


def _diagonalize(args: argparse.Namespace) -> Answer:
    work = diagonalize(_grid(args))
    return Answer("", str(work), work._repr_latex_())


def _cofactor(args: argparse.Namespace) -> Answer:
    _exact_only(args, "cofactor")
    A = _grid(args)
    if args.i is None:
        work = cofactor_expansion(A)
        return Answer(work.minors() if A.shape[0] > 1 else "", str(work), work._repr_latex_())
    one = cofactor(A, args.i, args.j)
    return Answer(one.working(), f"C{args.i}{args.j} = {show(one.value)}", one._repr_latex_())


def _cramer(args: argparse.Namespace) -> Answer:
    _exact_only(args, "cramer")
    work = cramer(_grid(args), list(args.b))
    return Answer("", str(work), work._repr_latex_())


def _rowop(args: argparse.Namespace) -> Answer:
    """The matrix after the student's row operation, or the verdict on the result they give."""
    A = _grid(args)
    if args.result is None:
        after = row_operation(A, args.op)
        return Answer("", str(after), "$" + latex_matrix(after.rows) + "$")
    verdict = check_row_operation(A, args.op, args.result)
    return Answer("", str(verdict), "$\\text{" + str(verdict) + "}$")


class Operation(NamedTuple):
    """One command of ``purenn linalg``: its help, whether it reads b or a row and a column, its answer."""

    help: str
    reads: str  # "A", "A b", "A i j" or "A op result"
    answer: Callable[[argparse.Namespace], Answer]


OPERATIONS: Dict[str, Operation] = {
    "solve": Operation("solve A x = b by elimination on [A | b] (every solution: x = x_p + s1·v1 + ...)",
                       "A b", _solve),
    "rref": Operation("the reduced row echelon form of A", "A", _rref),
    "ref": Operation("a row echelon form of A (forward elimination, pivots left as they are)", "A", _ref),
    "det": Operation("the determinant: (−1)^swaps × the product of the pivots", "A", _det),
    "inverse": Operation("the inverse of a square A, by Gauss-Jordan elimination on [A | I]", "A", _inverse),
    "rank": Operation("the rank of A and a basis of its null space", "A", _rank),
    "subspaces": Operation("the four subspaces of A, with bases and dimensions", "A", _subspaces),
    "lu": Operation("A = LU (PA = LU when rows must be exchanged), with the multipliers", "A", _lu),
    "charpoly": Operation("the characteristic polynomial det(λI − A), exactly", "A", _charpoly),
    "eig": Operation("eigenvalues with their multiplicities, and eigenvectors", "A", _eig),
    "diagonalize": Operation("A = P D P⁻¹, or why A is defective", "A", _diagonalize),
    "cofactor": Operation("det A by cofactor expansion along row 1, or the cofactor Cij (give i and j)",
                          "A i j", _cofactor),
    "cramer": Operation("solve A x = b by Cramer's rule", "A b", _cramer),
    "rowop": Operation("do a row operation like \"R2 <- R2 - 3R1\", or check the result you got by hand",
                       "A op result", _rowop),
}
"""The commands, one entry each: add a line here (and a function above) to add a command."""


# ----------------------------------------------------------------- parser


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``linalg`` command's parser, one sub-command per entry of ``OPERATIONS``."""
    parser = commands.add_parser(
        "linalg", help=COMMANDS["linalg"],
        description="Row reduction and the rest of a first course, with the working, in exact fractions. "
        "Write a matrix as a list of rows in quotes, like \"[[2,1],[1/3,0.5]]\": 1/3 and 0.5 are read exactly.",
    )
    names = ",".join(OPERATIONS)
    operations = parser.add_subparsers(dest="operation", metavar="{" + names + "}")
    operations.required = True
    for name, operation in OPERATIONS.items():
        sub = operations.add_parser(name, help=operation.help, description=operation.help)
        sub.add_argument("A", type=matrix, help='the matrix, like "[[2,1],[1,3]]"')
        if operation.reads == "A b":
            sub.add_argument("b", type=vector, help='the right-hand side, like "[3,5]"')
        if operation.reads == "A op result":
            sub.add_argument("op", help='the row operation, like "R2 <- R2 - 3R1", "R2 <- 1/2 R2" or "swap R1, R2"')
            sub.add_argument("result", type=matrix, nargs="?", help="the matrix you got (to be checked)")
        if name == "ref":
            sub.add_argument("--fraction-free", action="store_true",
                             help="eliminate without fractions: R_i ← p·R_i − a·R_pivot, common factors divided out")
        if operation.reads == "A i j":
            sub.add_argument("i", type=_index, nargs="?", help="the row of the cofactor, from 1")
            sub.add_argument("j", type=_index, nargs="?", help="the column of the cofactor, from 1")
        sub.add_argument("--steps", action="store_true", help="print the working first")
        sub.add_argument("--latex", action="store_true", help="print LaTeX instead of text")
        sub.add_argument("--float", action="store_true", help="work in floats, as the network does")
    return parser


# -------------------------------------------------------------------- run


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Compute and print what ``args.operation`` asks for; return the exit status.

    With ``--steps``, the working is printed even when there is no answer
    (no solution, a singular matrix); the reason then follows as the error.
    """
    if args.operation == "cofactor" and (args.i is None) != (args.j is None):
        parser.error("cofactor takes both i and j (or neither, for the expansion along row 1)")
    try:
        answer = OPERATIONS[args.operation].answer(args)
    except WorkingError as error:
        if args.steps:
            print(error.steps._repr_latex_() if args.latex else error.steps.board(), file=out)
        raise PurennError(str(error)) from None
    if args.latex:
        print(answer.latex, file=out)
        return 0
    # one notation in every display: the working and the answer both write minus as − and fractions as 1/2
    lines = [answer.working, answer.answer] if args.steps and answer.working else [answer.answer]
    print("\n".join(lines), file=out)
    return 0

