"""Row reduction that shows its work: every elementary row operation, as written on the board.

There are three elementary row operations, and each one keeps the solutions
of a system the same:

- ``swap R1, R3``: exchange two rows;
- ``R2 ← ½·R2``: multiply a row by a number other than zero;
- ``R2 ← R2 − 3·R1``: add a multiple of another row to a row.

Gauss–Jordan elimination uses them, column by column, to bring a matrix to
its reduced row echelon form (rref): every pivot is 1 and is the only entry
of its column that is not 0. The functions here run that loop and return a
record holding the answer *and* the list of steps, each step the operation
and the matrix after it. Both come out of the same loop, so the working and
the answer cannot disagree.

>>> work = solve_steps([[2, 1], [1, 3]], [3, 5])
>>> work.x == (Fraction(4, 5), Fraction(7, 5))
True
>>> print(work.steps)
start
[[2  1 | 3]
 [1  3 | 5]]
R1 ← ½·R1
[[1  1/2 | 3/2]
 [1    3 |   5]]
R2 ← R2 − R1
[[1  1/2 | 3/2]
 [0  5/2 | 7/2]]
R2 ← ⅖·R2
[[1  1/2 | 3/2]
 [0    1 | 7/5]]
R1 ← R1 − ½·R2
[[1  0 | 4/5]
 [0  1 | 7/5]]

Integer and Fraction input is reduced exactly, in Fractions (see
``exact.py`` for why exact matrices are a type of their own); input with a
float in it, such as a ``Matrix``, is reduced in floats. With Fractions the
pivot of a column is the first entry that is not 0, as on the board; with
floats it is the largest in size (partial pivoting, which keeps rounding
errors small), and an entry no larger than max(rows, columns) · eps · (the
largest entry of the input) counts as 0, the rule ``operations.py`` uses.

The answer-only functions of ``operations.py`` (``solve``, ``det``,
``inverse``, ``rank``) stay as they were, fast and in floats; these are for
learning, and agree with them (tests/test_elimination.py checks it).
"""

import sys
from fractions import Fraction
from typing import Callable, Iterator, List, NamedTuple, Tuple, TypeVar, Union, overload

from purenn.errors import ShapeError, SingularMatrixError
from purenn.linalg._display import counted
from purenn.linalg.exact import Grid, Scalar, as_grid, as_numbers, latex, latex_matrix, show, text

__all__ = [
    "Determinant",
    "Inverse",
    "Reduction",
    "RowOperation",
    "Solution",
    "Step",
    "Steps",
    "det_steps",
    "inverse_steps",
    "null_space",
    "rank_steps",
    "rref",
    "solve_steps",
]

F = TypeVar("F", Fraction, float)
"""The field the elimination works in: exact Fractions, or floats."""

EPS = sys.float_info.epsilon

MINUS = "\u2212"
"""The minus sign of printed mathematics, −, wider than the hyphen -."""

_VULGAR = {
    (1, 2): "½", (1, 3): "⅓", (2, 3): "⅔", (1, 4): "¼", (3, 4): "¾", (1, 5): "⅕", (2, 5): "⅖",
    (3, 5): "⅗", (4, 5): "⅘", (1, 6): "⅙", (5, 6): "⅚", (1, 7): "⅐", (1, 8): "⅛", (3, 8): "⅜",
    (5, 8): "⅝", (7, 8): "⅞", (1, 9): "⅑", (1, 10): "⅒",
}
"""The fractions Unicode has one character for: ½·R2 reads better than (1/2)·R2."""


# ------------------------------------------------------------ row operations


class RowOperation(NamedTuple):
    """One elementary row operation, a frozen record. Rows count from 0 here and from 1 on the board.

    ``kind`` is "swap" (exchange ``row`` and ``source``), "scale" (``row`` ←
    ``factor`` · ``row``) or "add" (``row`` ← ``row`` + ``factor`` · ``source``).

    >>> op = RowOperation.add(1, 0, Fraction(-3))
    >>> print(op)
    R2 ← R2 − 3·R1
    >>> op
    RowOperation.add(1, 0, Fraction(-3, 1))
    >>> print(RowOperation.swap(0, 2), RowOperation.scale(1, Fraction(1, 2)), sep="; ")
    swap R1, R3; R2 ← ½·R2
    """

    kind: str
    row: int
    source: int
    factor: Scalar

    @classmethod
    def swap(cls, row: int, other: int) -> "RowOperation":
        """Exchange rows ``row`` and ``other``."""
        return cls("swap", row, other, Fraction(1))

    @classmethod
    def scale(cls, row: int, factor: Scalar) -> "RowOperation":
        """Multiply row ``row`` by ``factor`` (not 0)."""
        return cls("scale", row, row, factor)

    @classmethod
    def add(cls, row: int, source: int, factor: Scalar) -> "RowOperation":
        """Add ``factor`` times row ``source`` to row ``row``."""
        return cls("add", row, source, factor)

    @property
    def determinant_factor(self) -> Scalar:
        """What the operation multiplies the determinant by: −1 for a swap, c for a scaling by c, 1 for an addition.

        >>> RowOperation.swap(0, 1).determinant_factor, RowOperation.scale(0, Fraction(1, 2)).determinant_factor
        (Fraction(-1, 1), Fraction(1, 2))
        """
        if self.kind == "scale":
            return self.factor
        one: Scalar = Fraction(1) if isinstance(self.factor, Fraction) else 1.0
        return -one if self.kind == "swap" else one

    def __repr__(self) -> str:
        factor = self.factor
        literal = f"Fraction({factor.numerator}, {factor.denominator})" if isinstance(factor, Fraction) else repr(factor)
        if self.kind == "swap":
            return f"RowOperation.swap({self.row}, {self.source})"
        if self.kind == "scale":
            return f"RowOperation.scale({self.row}, {literal})"
        return f"RowOperation.add({self.row}, {self.source}, {literal})"

    def __str__(self) -> str:
        """Board notation: ``swap R1, R3``, ``R2 ← ½·R2``, ``R2 ← R2 − 3·R1``."""
        target = f"R{self.row + 1}"
        if self.kind == "swap":
            return f"swap {target}, R{self.source + 1}"
        if self.kind == "scale":
            return f"{target} ← {_times(self.factor, target, leading=True)}"
        return f"{target} ← {target} {_times(self.factor, f'R{self.source + 1}', leading=False)}"

    def latex(self) -> str:
        """The operation in LaTeX, for the arrow between two matrices."""
        board = str(self).replace("←", r"\leftarrow").replace("·", r"\,").replace(MINUS, "-")
        for (p, q), glyph in _VULGAR.items():
            board = board.replace(glyph, f"\\tfrac{{{p}}}{{{q}}}")
        return board.replace("swap ", r"\text{swap }")


def _coefficient(c: Scalar) -> str:
    """|c| as it stands before ·R: 3, ½, (7/3) or 0.25 (the sign is written apart)."""
    if isinstance(c, Fraction):
        size = abs(c)
        if size.denominator == 1:
            return str(size)
        glyph = _VULGAR.get((size.numerator, size.denominator))
        return glyph if glyph is not None else f"({size})"
    return show(abs(c))


def _times(c: Scalar, row: str, leading: bool) -> str:
    """c·R as a term: "½·R2", "−R2" (leading) or "− 3·R1", "+ R1" (after another term)."""
    sign = MINUS if c < 0 else ("" if leading else "+")
    product = row if abs(c) == 1 else f"{_coefficient(c)}·{row}"
    if leading:
        return sign + product
    return f"{sign} {product}"


# ------------------------------------------------------------------- steps


class Step(NamedTuple):
    """One line of the working: the operation, and the whole matrix after it."""

    operation: RowOperation
    matrix: Grid

    def __repr__(self) -> str:
        return f"Step({self.operation}, matrix shape={self.matrix.shape})"


class Steps:
    """The working of a row reduction: the starting matrix, then one ``Step`` per row operation.

    Iterate over it, index it, ``len()`` it, ``print()`` it; in Jupyter it is
    typeset (``_repr_latex_``). ``divider`` is the column where the right-hand
    side of an augmented matrix begins (0 for none); it draws the bar.
    """

    __slots__ = ("_start", "_steps", "_divider")

    def __init__(self, start: Grid, steps: List[Step], divider: int = 0) -> None:
        self._start = start
        self._steps = tuple(steps)
        self._divider = divider

    @property
    def start(self) -> Grid:
        """The matrix before the first operation."""
        return self._start

    @property
    def divider(self) -> int:
        """The first column of the right-hand side of an augmented matrix; 0 for none."""
        return self._divider

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self._steps)

    @overload
    def __getitem__(self, index: int) -> Step: ...
    @overload
    def __getitem__(self, index: slice) -> Tuple[Step, ...]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Step, Tuple[Step, ...]]:
        return self._steps[index]

    @property
    def operations(self) -> Tuple[RowOperation, ...]:
        """The operations alone, in order."""
        return tuple(step.operation for step in self._steps)

    def __repr__(self) -> str:
        """A short summary: how many operations, on what shape.

        >>> rref([[0, 1], [1, 0]]).steps
        <Steps: 1 row operation on a (2, 2) matrix: swap R1, R2>
        """
        count = len(self._steps)
        shown = "; ".join(str(op) for op in self.operations[:4]) + ("; ..." if count > 4 else "")
        return f"<Steps: {counted(count, 'row operation')} on a {self.start.shape} matrix" + (f": {shown}>" if count else ">")

    def __str__(self) -> str:
        lines = ["start", text(self.start.rows, self.divider)]
        for step in self._steps:
            lines += [str(step.operation), text(step.matrix.rows, self.divider)]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        """The working as a chain of matrices joined by arrows labelled with the operations."""
        parts = [latex_matrix(self.start.rows, self.divider)]
        for step in self._steps:
            parts.append(f"\\xrightarrow{{{step.operation.latex()}}} " + latex_matrix(step.matrix.rows, self.divider))
        return "$$\\begin{aligned} & " + " \\\\ & ".join(parts) + " \\end{aligned}$$"


# ------------------------------------------------------------ the one loop


def _reduce(
    rows: List[List[F]],
    columns: int,
    one: F,
    is_zero: Callable[[F], bool],
    partial_pivoting: bool,
    upward: bool,
    record: Callable[[RowOperation], None],
) -> List[int]:
    """Gauss–Jordan elimination on ``rows`` in place, over the first ``columns`` columns.

    For each column: choose a pivot row, swap it up, scale it so the pivot is
    1, and subtract multiples of it from the rows below (and, if ``upward``,
    above) so that the rest of the column is 0. ``record`` is called after
    every operation. Returns the pivot columns; their count is the rank.
    """
    zero = one - one
    pivots: List[int] = []
    r = 0  # the row the next pivot goes to
    for k in range(columns):
        if r == len(rows):
            break
        candidates = [i for i in range(r, len(rows)) if not is_zero(rows[i][k])]
        if not candidates:
            continue  # no pivot in this column: its variable is free
        best = max(candidates, key=lambda i: abs(rows[i][k])) if partial_pivoting else candidates[0]
        if best != r:
            rows[r], rows[best] = rows[best], rows[r]
            record(RowOperation.swap(r, best))
        pivot = rows[r][k]
        if pivot != one:
            c = one / pivot
            rows[r] = [c * x for x in rows[r]]
            rows[r][k] = one  # exactly 1, also in floats
            record(RowOperation.scale(r, c))
        for i in range(len(rows)) if upward else range(r + 1, len(rows)):
            if i == r or rows[i][k] == zero:
                continue
            c = -rows[i][k]
            rows[i] = [x + c * p for x, p in zip(rows[i], rows[r])]
            rows[i][k] = zero  # exactly 0, also in floats
            record(RowOperation.add(i, r, c))
        pivots.append(k)
        r += 1
    return pivots


def _run(start: Grid, columns: int, upward: bool, divider: int = 0) -> Tuple[Steps, Grid, List[int]]:
    """Reduce ``start`` (exactly, or in floats), recording the steps; return them, the result and the pivots."""
    steps: List[Step] = []
    if start.exact:
        exact = [[Fraction(x) for x in row] for row in start.rows]

        def record_exact(operation: RowOperation) -> None:
            steps.append(Step(operation, Grid._wrap(tuple(map(tuple, exact)), True)))

        pivots = _reduce(exact, columns, Fraction(1), _is_zero_fraction, False, upward, record_exact)
        result = Grid._wrap(tuple(map(tuple, exact)), True)
    else:
        floats = [[float(x) for x in row] for row in start.rows]
        largest = max(abs(x) for row in floats for x in row[:columns])
        tolerance = max(start.shape) * EPS * largest

        def record_float(operation: RowOperation) -> None:
            steps.append(Step(operation, Grid._wrap(tuple(map(tuple, floats)), False)))

        pivots = _reduce(floats, columns, 1.0, lambda x: abs(x) <= tolerance, True, upward, record_float)
        result = Grid._wrap(tuple(map(tuple, floats)), False)
    return Steps(start, steps, divider), result, pivots


def _is_zero_fraction(x: Fraction) -> bool:
    return x == 0


def _augment(A: Grid, right: Grid) -> Grid:
    """[A | right]: exact only if both are."""
    return as_grid([a + b for a, b in zip(A.rows, right.rows)])


# ---------------------------------------------------------------- the records


class Reduction(NamedTuple):
    """The reduced row echelon form of a matrix, with its working.

    ``start`` is the matrix, ``steps`` the working, ``result`` the rref,
    ``pivots`` the columns holding a pivot. ``rank`` is their count; the
    other columns are ``free_columns``, and ``null_space`` is a basis of the
    solutions of A x = 0, one vector per free column.
    """

    start: Grid
    steps: Steps
    result: Grid
    pivots: Tuple[int, ...]

    @property
    def rank(self) -> int:
        """The number of pivots: the largest number of linearly independent rows, and of columns."""
        return len(self.pivots)

    @property
    def free_columns(self) -> Tuple[int, ...]:
        """The columns without a pivot: their variables can take any value."""
        return tuple(j for j in range(self.start.shape[1]) if j not in self.pivots)

    @property
    def null_space(self) -> Tuple[Tuple[Scalar, ...], ...]:
        """A basis of {x : A x = 0}: for each free column f, set x_f = 1, the other
        free variables 0, and read each pivot variable off its row of the rref.

        >>> basis = rref([[1, 2, 3], [2, 4, 6]]).null_space
        >>> basis == ((-2, 1, 0), (-3, 0, 1))
        True
        """
        n = self.start.shape[1]
        one: Scalar = Fraction(1) if self.start.exact else 1.0
        zero = one - one
        basis = []
        for free in self.free_columns:
            x = [zero] * n
            x[free] = one
            for row, pivot in enumerate(self.pivots):
                x[pivot] = -self.result[row, free]
            basis.append(tuple(x))
        return tuple(basis)

    def __repr__(self) -> str:
        return f"Reduction(rank={self.rank}, pivots={self.pivots}, {len(self.steps)} steps)"

    def __str__(self) -> str:
        return f"{self.steps}\nrank {self.rank}, pivot columns {_board_columns(self.pivots)}"


class Solution(NamedTuple):
    """The solution of A x = b, with the working on the augmented matrix [A | b]."""

    augmented: Grid
    steps: Steps
    x: Tuple[Scalar, ...]

    def __repr__(self) -> str:
        return f"Solution(x=({', '.join(map(show, self.x))}), {len(self.steps)} steps)"

    def __str__(self) -> str:
        answer = ", ".join(f"x{i + 1} = {show(v)}" for i, v in enumerate(self.x))
        return f"{self.steps}\n{answer}"


class Determinant(NamedTuple):
    """The determinant, found by elimination, with the bookkeeping shown.

    Every operation multiplies the determinant by a known number (its
    ``determinant_factor``): −1 for a swap, c for a scaling by c, 1 for an
    addition. Elimination ends in an upper triangular matrix U, whose
    determinant is the product of its diagonal, so
    det(A) = (product of U's diagonal) / (product of the factors).
    """

    start: Grid
    steps: Steps
    triangular: Grid
    value: Scalar

    @property
    def factors(self) -> Tuple[Scalar, ...]:
        """The determinant factor of each operation, in order."""
        return tuple(op.determinant_factor for op in self.steps.operations)

    def __repr__(self) -> str:
        return f"Determinant(value={show(self.value)}, {len(self.steps)} steps)"

    def __str__(self) -> str:
        n = self.start.shape[0]
        diagonal = " · ".join(show(self.triangular[i, i]) for i in range(n))
        factors = [_parenthesised(c) for c in self.factors if c != 1] or ["1"]
        product = factors[0] if len(factors) == 1 else "(" + " · ".join(factors) + ")"
        return f"{self.steps}\ndet = ({diagonal}) / {product} = {show(self.value)}"


class Inverse(NamedTuple):
    """The inverse of A, by Gauss–Jordan elimination on [A | I]: when the left half
    becomes I, the right half is A⁻¹."""

    augmented: Grid
    steps: Steps
    inverse: Grid

    def __repr__(self) -> str:
        return f"Inverse(shape={self.inverse.shape}, {len(self.steps)} steps)"

    def __str__(self) -> str:
        return f"{self.steps}\ninverse\n{self.inverse}"


def _board_columns(columns: Tuple[int, ...]) -> str:
    return ", ".join(str(j + 1) for j in columns) if columns else "none"


def _parenthesised(x: Scalar) -> str:
    return f"({show(x)})" if x < 0 or "/" in show(x) else show(x)


# ------------------------------------------------------------- the functions


def rref(A: object) -> Reduction:
    """The reduced row echelon form of A, with the working (Gauss–Jordan elimination).

    A is a list of rows of ints or Fractions (reduced exactly), or of floats,
    or a Matrix (reduced in floats); any shape.

    >>> work = rref([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    >>> print(work.result)
    [[1  0  -1]
     [0  1   2]
     [0  0   0]]
    >>> work.rank, len(work.steps)
    (2, 5)
    >>> print(work.steps[0].operation)
    R2 ← R2 − 4·R1
    """
    start = as_grid(A, "A")
    steps, result, pivots = _run(start, start.shape[1], upward=True)
    return Reduction(start, steps, result, tuple(pivots))


def rank_steps(A: object) -> Reduction:
    """The rank of A (``.rank``) with the working: the number of pivots of its rref.

    >>> rank_steps([[1, 2], [2, 4]]).rank
    1
    """
    return rref(A)


def null_space(A: object) -> Tuple[Tuple[Scalar, ...], ...]:
    """A basis of the null space {x : A x = 0}, one vector per free column of the rref.

    >>> null_space([[1, 1], [1, 1]]) == ((-1, 1),)
    True
    >>> null_space([[1, 0], [0, 1]])
    ()
    """
    return rref(A).null_space


def solve_steps(A: object, b: object) -> Solution:
    """Solve A x = b by Gauss–Jordan elimination on [A | b], showing the working.

    Exact for ints and Fractions. Raises SingularMatrixError, naming the
    reason, when there is no solution or more than one.

    >>> work = solve_steps([[1, 2, 3], [4, 5, 6], [7, 8, 10]], [1, 1, 1])
    >>> print(", ".join(map(str, work.x)))
    -1, 1, 0
    >>> solve_steps([[1, 1], [1, 1]], [1, 2])
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: no solution: elimination of [A | b] gives row 2 as 0 = 1
    """
    matrix = as_grid(A, "A")
    right = as_numbers(b, "b")
    m, n = matrix.shape
    if len(right) != m:
        raise ShapeError(f"cannot solve {matrix.shape} @ x = ({len(right)},): b needs {m} entries, one per row of A")
    augmented = _augment(matrix, as_grid([[v] for v in right], "b"))
    steps, result, pivots = _run(augmented, n, upward=True, divider=n)
    # a row 0 = c with c not 0 has no solution; in floats, a c at rounding level counts as 0
    noise = 0.0 if augmented.exact else max(augmented.shape) * EPS * max(abs(float(v)) for row in augmented for v in row)
    for i in range(len(pivots), m):
        if result[i, n] > noise or result[i, n] < -noise:
            raise SingularMatrixError(
                f"no solution: elimination of [A | b] gives row {i + 1} as 0 = {show(result[i, n])}"
            )
    if len(pivots) < n:
        free = ", ".join(f"x{j + 1}" for j in range(n) if j not in pivots)
        raise SingularMatrixError(
            f"no unique solution: the {matrix.shape} matrix has rank {len(pivots)} < {n} unknowns, "
            f"so {free} can take any value"
        )
    return Solution(augmented, steps, tuple(result[i, n] for i in range(n)))


def det_steps(A: object) -> Determinant:
    """The determinant of a square matrix by elimination, tracking swaps and scalings.

    Elimination downward only (each pivot scaled to 1) gives an upper
    triangular U; det(A) = (product of U's diagonal) / (product of the
    determinant factors of the operations). Exact for ints and Fractions.

    >>> work = det_steps([[1, 2, 3], [4, 5, 6], [7, 8, 10]])
    >>> work.value
    Fraction(-3, 1)
    >>> print(str(work).splitlines()[-1])
    det = (1 · 1 · 1) / (-1/3) = -3
    >>> det_steps([[1, 2]])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot take the determinant of a (1, 2) matrix: it must be square
    """
    start = as_grid(A, "A")
    n = _square(start, "take the determinant of")
    steps, result, _ = _run(start, n, upward=False)
    product_of_diagonal: Scalar = result[0, 0]
    for i in range(1, n):
        product_of_diagonal = product_of_diagonal * result[i, i]
    product_of_factors: Scalar = Fraction(1) if start.exact else 1.0
    for op in steps.operations:
        product_of_factors = product_of_factors * op.determinant_factor
    return Determinant(start, steps, result, product_of_diagonal / product_of_factors)


def inverse_steps(A: object) -> Inverse:
    """The inverse of a square matrix by Gauss–Jordan elimination on [A | I], showing the working.

    >>> work = inverse_steps([[2, 1], [1, 1]])
    >>> print(work.inverse)
    [[ 1  -1]
     [-1   2]]
    >>> inverse_steps([[1, 2], [2, 4]])
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: cannot invert: the (2, 2) matrix is singular (column 2 has no pivot: its rank is 1)
    """
    start = as_grid(A, "A")
    n = _square(start, "take the inverse of")
    augmented = _augment(start, Grid.identity(n, start.exact))
    steps, result, pivots = _run(augmented, n, upward=True, divider=n)
    if len(pivots) < n:
        missing = next(j for j in range(n) if j not in pivots)
        raise SingularMatrixError(
            f"cannot invert: the {start.shape} matrix is singular (column {missing + 1} has no pivot: "
            f"its rank is {len(pivots)})"
        )
    return Inverse(augmented, steps, result.columns(n, 2 * n))


def _square(A: Grid, doing: str) -> int:
    rows, columns = A.shape
    if rows != columns:
        raise ShapeError(f"cannot {doing} a {A.shape} matrix: it must be square")
    return rows
