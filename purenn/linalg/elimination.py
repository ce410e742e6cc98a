"""Row reduction that shows its work: every elementary row operation, as written on the board.

There are three elementary row operations, and each one keeps the solutions
of a system the same:

- ``swap R1, R3``: exchange two rows;
- ``R2 ← (1/2)·R2``: multiply a row by a number other than zero;
- ``R2 ← R2 − 3·R1``: add a multiple of another row to a row.

Elimination uses them to bring a matrix to a row echelon form U (``ref``:
zeros under every pivot), and on to its reduced row echelon form (``rref``:
every pivot is 1 and is the only entry of its column that is not 0). The
functions here run the one loop of ``gauss.py`` and return a record holding
the answer *and* the list of steps, each step the operation and the matrix
after it. The float answers of ``operations.py`` (``solve``, ``det``,
``inverse``, ``rank``) run the same loop on the same numbers, so the working
and the answer cannot disagree.

>>> work = solve_steps([[2, 1], [1, 3]], [3, 5])
>>> work.x == (Fraction(4, 5), Fraction(7, 5))
True
>>> print(work.steps)
start
[[2  1 | 3]
 [1  3 | 5]]
R2 ← R2 − (1/2)·R1
[[2    1 |   3]
 [0  5/2 | 7/2]]
R2 ← (2/5)·R2
[[2  1 |   3]
 [0  1 | 7/5]]
R1 ← R1 − R2
[[2  0 | 8/5]
 [0  1 | 7/5]]
R1 ← (1/2)·R1
[[1  0 | 4/5]
 [0  1 | 7/5]]

Integer and Fraction input is reduced exactly, in Fractions (see
``exact.py`` for why exact matrices are a type of their own); input with a
float in it, such as a ``Matrix``, is reduced in floats. With Fractions the
pivot of a column is the first entry that is not 0, as on the board; with
floats it is the largest in size (partial pivoting, which keeps rounding
errors small), and an entry counts as 0 by the zero rule of ``gauss.py``
(relative to its own row's size), which is then shown as 0.
"""

import math
from fractions import Fraction
from typing import Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.text import counted
from purenn.linalg.exact import (
    MINUS, Grid, Scalar, as_grid, as_numbers, columns, latex, latex_matrix, plain, show, text,
)
from purenn.linalg.gauss import Elimination, check_divisible, eliminate, is_zero, signed_product, square

__all__ = [
    "Determinant",
    "Echelon",
    "Inverse",
    "Reduction",
    "RowOperation",
    "Solution",
    "Step",
    "Steps",
    "det_steps",
    "inverse_steps",
    "WorkingError",
    "null_space",
    "rank_steps",
    "ref",
    "rref",
    "solve_steps",
]

_VULGAR = frozenset({
    (1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (1, 5), (2, 5), (3, 5), (4, 5), (1, 6), (5, 6), (1, 7), (1, 8), (3, 8),
    (5, 8), (7, 8), (1, 9), (1, 10),
})
"""The fractions LaTeX writes as \\tfrac in the label of an arrow (plain text writes them (1/2), as the matrices)."""


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
    swap R1, R3; R2 ← (1/2)·R2
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
        if isinstance(factor, Fraction):
            literal = f"Fraction({factor.numerator}, {factor.denominator})"
        else:
            literal = repr(factor)
        if self.kind == "swap":
            return f"RowOperation.swap({self.row}, {self.source})"
        if self.kind == "scale":
            return f"RowOperation.scale({self.row}, {literal})"
        return f"RowOperation.add({self.row}, {self.source}, {literal})"

    def __str__(self) -> str:
        """Board notation: ``swap R1, R3``, ``R2 ← (1/2)·R2``, ``R2 ← R2 − 3·R1`` (minus as −, fractions as 1/2)."""
        target = f"R{self.row + 1}"
        if self.kind == "swap":
            return f"swap {target}, R{self.source + 1}"
        if self.kind == "scale":
            return f"{target} ← {_times(self.factor, target, leading=True)}"
        return f"{target} ← {target} {_times(self.factor, f'R{self.source + 1}', leading=False)}"

    def board(self) -> str:
        """The operation as ``str`` writes it: fractions as 1/2, as in the matrices, and minus as −.

        >>> RowOperation.add(2, 0, Fraction(-1, 2)).board()
        'R3 ← R3 − (1/2)·R1'
        """
        return str(self)

    def latex(self) -> str:
        """The operation in LaTeX, for the arrow between two matrices."""
        board = str(self).replace("←", r"\leftarrow").replace("·", r"\,").replace(MINUS, "-")
        for p, q in _VULGAR:
            board = board.replace(f"({p}/{q})", f"\\tfrac{{{p}}}{{{q}}}")
        return board.replace("swap ", r"\text{swap }")


def _coefficient(c: Scalar) -> str:
    """|c| as it stands before ·R: 3, (1/2), (7/3) or 0.25 (the sign is written apart)."""
    if isinstance(c, Fraction):
        size = abs(c)
        return str(size) if size.denominator == 1 else f"({size})"
    return show(abs(c))


def _times(c: Scalar, row: str, leading: bool) -> str:
    """c·R as a term: "(1/2)·R2", "−R2" (leading) or "− 3·R1", "+ R1" (after another term)."""
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
        head = f"<Steps: {counted(count, 'row operation')} on a {self.start.shape} matrix"
        return head + (f": {shown}>" if count else ">")

    def __str__(self) -> str:
        lines = ["start", text(self.start.rows, self.divider)]
        for step in self._steps:
            lines += [str(step.operation), text(step.matrix.rows, self.divider)]
        return "\n".join(lines)

    def board(self) -> str:
        """The working as on a board: the operations that use one pivot row grouped above one matrix,
        pivots in parentheses, one notation for numbers (fractions as 1/2, minus as −).

        A pivot is marked from the first operation that uses its row; in the
        final matrix, an echelon form, the pivots are the first entry of each
        row that is not 0 (left of the bar of an augmented matrix).

        >>> work = ref([[2, 1, 1], [4, -6, 0], [-2, 7, 2]])
        >>> print(work.steps.board())
        start
        [[ 2   1  1]
         [ 4  −6  0]
         [−2   7  2]]
        R2 ← R2 − 2·R1, R3 ← R3 + R1
        [[(2)   1   1]
         [  0  −8  −2]
         [  0   8   3]]
        R3 ← R3 + R2
        [[(2)     1    1]
         [  0  (−8)   −2]
         [  0     0  (1)]]
        """
        groups: List[List[Step]] = []
        for step in self._steps:
            op = step.operation
            last = groups[-1][-1].operation if groups else None
            if last is not None and op.kind == last.kind == "add" and op.source == last.source:
                groups[-1].append(step)
            else:
                groups.append([step])
        marked: List[Tuple[int, int]] = []
        lines = ["start", _board_text(self.start.rows, self.divider, ())]
        for number, group in enumerate(groups):
            op = group[0].operation
            matrix = group[-1].matrix
            leading = dict(_leading(matrix, self.divider))
            marked = [(i, j) for i, j in marked if leading.get(i) == j]  # a pivot stays the first entry of its row
            # the row an addition subtracts is a pivot row; so is a row scaled to begin with 1
            row = op.source if op.kind == "add" else op.row
            lead = leading.get(row)
            if lead is not None and (op.kind == "add" or (op.kind == "scale" and matrix[row, lead] == 1)):
                marked = [(i, j) for i, j in marked if i != row] + [(row, lead)]
            if number == len(groups) - 1:
                marked = _leading(matrix, self.divider)
            lines.append(", ".join(step.operation.board() for step in group))
            lines.append(_board_text(matrix.rows, self.divider, marked))
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        """The working as a chain of matrices joined by arrows labelled with the operations."""
        parts = [latex_matrix(self.start.rows, self.divider)]
        for step in self._steps:
            parts.append(f"\\xrightarrow{{{step.operation.latex()}}} " + latex_matrix(step.matrix.rows, self.divider))
        return "$$\\begin{aligned} & " + " \\\\ & ".join(parts) + " \\end{aligned}$$"


# ------------------------------------------------------------ the one loop


def _run(start: Grid, columns: int, reduced: bool, divider: int = 0) -> Tuple[Steps, Grid, Elimination]:
    """Run ``gauss.eliminate`` on ``start`` (exactly, or in floats), recording every operation as a Step.

    Returns the working, the matrix it ends in, and what the loop found
    (pivots and swaps). The answers of ``operations.py`` run the same loop
    on the same numbers, without recording.
    """
    steps: List[Step] = []
    if start.exact:
        exact = [[Fraction(x) for x in row] for row in start.rows]

        def record_exact(kind: str, row: int, source: int, factor: Fraction) -> None:
            steps.append(Step(RowOperation(kind, row, source, factor), Grid._wrap(tuple(map(tuple, exact)), True)))

        done = eliminate(exact, columns, Fraction(1), reduced, record_exact)
        result = Grid._wrap(tuple(map(tuple, exact)), True)
    else:
        floats = [[float(x) for x in row] for row in start.rows]
        check_divisible(floats, columns)

        def record_float(kind: str, row: int, source: int, factor: float) -> None:
            steps.append(Step(RowOperation(kind, row, source, factor), Grid._wrap(tuple(map(tuple, floats)), False)))

        done = eliminate(floats, columns, 1.0, reduced, record_float)
        if not all(math.isfinite(x) for row in floats for x in row):
            raise PurennError(f"cannot reduce the {start.shape} matrix in floats: an entry grew beyond 1.8e308")
        result = Grid._wrap(tuple(map(tuple, floats)), False)
        if steps and steps[-1].matrix != result:  # entries judged zero after the last operation are shown as 0
            steps[-1] = Step(steps[-1].operation, result)
    return Steps(start, steps, divider), result, done


def _row_order(steps: Steps, m: int) -> List[int]:
    """For each row of the final matrix, the row of the start it came from (following the swaps)."""
    order = list(range(m))
    for op in steps.operations:
        if op.kind == "swap":
            order[op.row], order[op.source] = order[op.source], order[op.row]
    return order


def _leading(matrix: Grid, divider: int) -> List[Tuple[int, int]]:
    """(row, column) of the first entry of each row that is not 0 (left of ``divider`` if it is > 0)."""
    found = []
    for i, row in enumerate(matrix.rows):
        lead = next((j for j, x in enumerate(row[:divider or None]) if x != 0), None)
        if lead is not None:
            found.append((i, lead))
    return found


def _board_text(rows: Sequence[Sequence[Scalar]], divider: int, marked: Sequence[Tuple[int, int]]) -> str:
    """Rows as right-aligned columns, − for minus, the ``marked`` entries (pivots) in parentheses."""
    cells = [[show(x) for x in row] for row in rows]
    for i, j in marked:
        cells[i][j] = f"({cells[i][j]})"
    return columns(cells, divider)


def _augment(A: Grid, right: Grid) -> Grid:
    """[A | right]: exact only if both are."""
    return as_grid([a + b for a, b in zip(A.rows, right.rows)])


def _contradiction(augmented: Grid, result: Grid, done: Elimination, steps: Steps) -> Optional[Tuple[int, int, Scalar]]:
    """The first row reading 0 = c with c not 0, as (its row in the result, the student's equation, c); else None.

    In floats c is judged by the zero rule of ``gauss.py``, like every other entry.
    """
    m, columns = augmented.shape
    n = columns - 1
    order = _row_order(steps, m)
    for i in range(len(done.pivots), m):
        for j in range(n, columns):
            c = result[i, j]
            if augmented.exact:
                if c != 0:
                    return i, order[i], c
            elif not is_zero(float(c), done.errors[i][j]):
                return i, order[i], c
    return None


# ---------------------------------------------------------------- the records


class WorkingError(SingularMatrixError):
    """No unique answer (no solution, many, or a singular matrix), with the working that shows why in ``steps``.

    >>> try:
    ...     solve_steps([[1, 2], [2, 4]], [3, 7])
    ... except WorkingError as error:
    ...     print(error.steps[-1].operation)
    R2 ← R2 − 2·R1
    """

    def __init__(self, message: str, steps: "Steps") -> None:
        super().__init__(message)
        self.steps = steps


class Reduction(NamedTuple):
    """The reduced row echelon form of a matrix, with its working.

    ``start`` is the matrix, ``steps`` the working, ``result`` the rref,
    ``pivots`` the columns holding a pivot, counted from 0 (the board counts
    from 1: ``str`` says "pivot columns 1, 2"). ``rank`` is their count; the
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
        return f"Reduction(rank={self.rank}, pivot columns {_board_columns(self.pivots)}, " \
            f"{counted(len(self.steps), 'step')})"

    def __str__(self) -> str:
        return f"{self.steps}\nrank {self.rank}, pivot columns {_board_columns(self.pivots)}"

    def _repr_latex_(self) -> str:
        return _latex_with(self.steps, f"\\text{{rank }} {self.rank}")


class Echelon(NamedTuple):
    """A row echelon form U of a matrix (forward elimination only, pivots not scaled), with its working.

    Each pivot is the first entry of its row that is not 0, and lies to the
    right of the pivot above it; below every pivot there are only zeros.
    ``swaps`` counts the row exchanges.
    """

    start: Grid
    steps: Steps
    result: Grid
    pivots: Tuple[int, ...]
    swaps: int

    @property
    def rank(self) -> int:
        """The number of pivots."""
        return len(self.pivots)

    def __repr__(self) -> str:
        return f"Echelon(rank={self.rank}, pivot columns {_board_columns(self.pivots)}, " \
            f"{counted(len(self.steps), 'step')})"

    def __str__(self) -> str:
        pivots = ", ".join(show(self.result[i, j]) for i, j in enumerate(self.pivots)) or "none"
        return f"{self.steps}\nrank {self.rank}, pivots {pivots} in columns {_board_columns(self.pivots)}"

    def _repr_latex_(self) -> str:
        return _latex_with(self.steps, f"\\text{{rank }} {self.rank}")


class Solution(NamedTuple):
    """The solution of A x = b, with the working on the augmented matrix [A | b]."""

    augmented: Grid
    steps: Steps
    x: Tuple[Scalar, ...]

    def __repr__(self) -> str:
        return f"Solution(x=({', '.join(map(plain, self.x))}), {counted(len(self.steps), 'step')})"

    def __str__(self) -> str:
        answer = ", ".join(f"x{i + 1} = {show(v)}" for i, v in enumerate(self.x))
        return f"{self.steps}\n{answer}"

    def _repr_latex_(self) -> str:
        return _latex_with(self.steps, ",\\ ".join(f"x_{{{i + 1}}} = {latex(v)}" for i, v in enumerate(self.x)))


class Determinant(NamedTuple):
    """The determinant by elimination, as Strang writes it: det = (−1)^swaps × (the product of the pivots).

    Forward elimination leaves an upper triangular U. Subtracting a multiple
    of one row from another does not change the determinant, and each swap
    flips its sign; the determinant of U is the product of its diagonal,
    the pivots. A column without a pivot leaves a 0 on the diagonal: det = 0.
    """

    start: Grid
    steps: Steps
    triangular: Grid
    value: Scalar
    swaps: int

    @property
    def pivots(self) -> Tuple[Scalar, ...]:
        """The diagonal of U."""
        return tuple(self.triangular[i, i] for i in range(self.start.shape[0]))

    def formula(self) -> str:
        """det = (−1)^s · p1 · p2 · ... = value, in one line.

        >>> det_steps([[0, 2], [3, 1]]).formula()
        'det = (−1)^1 · 3 · 2 = −6'
        """
        product = " · ".join(_parenthesised(p) for p in self.pivots)
        sign = f"(−1)^{self.swaps} · " if self.swaps else ""
        return f"det = {sign}{product} = {show(self.value)}"

    def __repr__(self) -> str:
        return f"Determinant(value={plain(self.value)}, {counted(len(self.steps), 'step')})"

    def __str__(self) -> str:
        return f"{self.steps}\n{self.formula()}"

    def _repr_latex_(self) -> str:
        product = " \\cdot ".join(f"({latex(p)})" if p < 0 else latex(p) for p in self.pivots)
        sign = f"(-1)^{{{self.swaps}}} \\cdot " if self.swaps else ""
        return _latex_with(self.steps, f"\\det = {sign}{product} = {latex(self.value)}")


class Inverse(NamedTuple):
    """The inverse of A, by Gauss–Jordan elimination on [A | I]: when the left half
    becomes I, the right half is A⁻¹."""

    augmented: Grid
    steps: Steps
    inverse: Grid

    def __repr__(self) -> str:
        return f"Inverse(shape={self.inverse.shape}, {counted(len(self.steps), 'step')})"

    def __str__(self) -> str:
        return f"{self.steps}\ninverse\n{self.inverse}"

    def _repr_latex_(self) -> str:
        return _latex_with(self.steps, "A^{-1} = " + latex_matrix(self.inverse.rows))


def _latex_with(steps: Steps, answer: str) -> str:
    """The working's LaTeX chain with one more line, the answer."""
    chain = steps._repr_latex_()
    return chain[:-len(" \\end{aligned}$$")] + " \\\\ & " + answer + " \\end{aligned}$$"


def _board_columns(columns: Tuple[int, ...]) -> str:
    return ", ".join(str(j + 1) for j in columns) if columns else "none"


def _parenthesised(x: Scalar) -> str:
    text = show(x)
    return f"({text})" if x < 0 or "/" in text else text


# ------------------------------------------------------------- the functions


def rref(A: object) -> Reduction:
    """The reduced row echelon form of A, with the working.

    A is a list of rows of ints or Fractions (reduced exactly), or of floats,
    or a Matrix (reduced in floats); any shape. The working is forward
    elimination (as in ``ref``), then, from the last pivot up, each pivot row
    divided by its pivot and the column cleared above it.

    >>> work = rref([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    >>> print(work.result)
    [[1  0  −1]
     [0  1   2]
     [0  0   0]]
    >>> work.rank, len(work.steps)
    (2, 5)
    >>> print(work.steps[0].operation)
    R2 ← R2 − 4·R1
    """
    start = as_grid(A, "A")
    steps, result, done = _run(start, start.shape[1], reduced=True)
    return Reduction(start, steps, result, tuple(done.pivots))


def ref(A: object) -> Echelon:
    """A row echelon form of A, with the working: forward elimination only, the pivots left as they are.

    >>> work = ref([[2, 1, 1], [4, -6, 0], [-2, 7, 2]])
    >>> print(work.result)
    [[2   1   1]
     [0  −8  −2]
     [0   0   1]]
    >>> [str(op) for op in work.steps.operations]
    ['R2 ← R2 − 2·R1', 'R3 ← R3 + R1', 'R3 ← R3 + R2']
    """
    start = as_grid(A, "A")
    steps, result, done = _run(start, start.shape[1], reduced=False)
    return Echelon(start, steps, result, tuple(done.pivots), done.swaps)


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
    """Solve A x = b by elimination on [A | b], showing the working.

    Exact for ints and Fractions. When there is no solution, or more than
    one, raises ``WorkingError`` (a SingularMatrixError) naming the reason,
    with the working in its ``steps``. An equation that reads 0 = c is numbered as the
    student wrote it (after the swaps, it may sit in another row).

    >>> work = solve_steps([[1, 2, 3], [4, 5, 6], [7, 8, 10]], [1, 1, 1])
    >>> print(", ".join(map(str, work.x)))
    -1, 1, 0
    >>> solve_steps([[1, 1], [1, 1]], [1, 2])
    Traceback (most recent call last):
    ...
    purenn.linalg.elimination.WorkingError: no solution: elimination turns equation 2 into 0 = 1
    """
    augmented, steps, result, done = _reduce_augmented(A, b)
    m, n = augmented.shape[0], augmented.shape[1] - 1
    bad = _contradiction(augmented, result, done, steps)
    if bad is not None:
        raise WorkingError(f"no solution: elimination turns equation {bad[1] + 1} into 0 = {show(bad[2])}", steps)
    if len(done.pivots) < n:
        free = ", ".join(f"x{j + 1}" for j in range(n) if j not in done.pivots)
        raise WorkingError(
            f"no unique solution: the {(m, n)} matrix has rank {len(done.pivots)} < {n} unknowns, "
            f"so {free} can take any value", steps
        )
    return Solution(augmented, steps, tuple(result[i, n] for i in range(n)))


def _reduce_augmented(A: object, b: object) -> Tuple[Grid, Steps, Grid, Elimination]:
    """[A | b] reduced, with its working."""
    matrix = as_grid(A, "A")
    right = as_numbers(b, "b")
    m, n = matrix.shape
    if len(right) != m:
        raise ShapeError(f"cannot solve {matrix.shape} @ x = ({len(right)},): b needs {m} entries, one per row of A")
    augmented = _augment(matrix, as_grid([[v] for v in right], "b"))
    steps, result, done = _run(augmented, n, reduced=True, divider=n)
    return augmented, steps, result, done


def det_steps(A: object) -> Determinant:
    """The determinant of a square matrix by elimination: (−1)^swaps × (the product of the pivots).

    The elimination is forward only, the pivots not scaled (``ref``); in
    floats it is the same computation as ``det``, so the two agree to the
    last bit. Exact for ints and Fractions.

    >>> work = det_steps([[1, 2, 3], [4, 5, 6], [7, 8, 10]])
    >>> work.value
    Fraction(-3, 1)
    >>> print(str(work).splitlines()[-1])
    det = 1 · (−3) · 1 = −3
    >>> det_steps([[1, 2]])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot take the determinant of a (1, 2) matrix: it must be square
    """
    start = as_grid(A, "A")
    n = square(start.shape, "take the determinant of")
    steps, result, done = _run(start, n, reduced=False)
    one: Scalar = Fraction(1) if start.exact else 1.0
    if len(done.pivots) < n:
        value: Scalar = one - one
    elif start.exact:
        value = signed_product([Fraction(result[i, i]) for i in range(n)], done.swaps % 2 == 1, Fraction(1))
    else:
        value = signed_product([float(result[i, i]) for i in range(n)], done.swaps % 2 == 1, 1.0)
    return Determinant(start, steps, result, value, done.swaps)


def inverse_steps(A: object) -> Inverse:
    """The inverse of a square matrix by Gauss–Jordan elimination on [A | I], showing the working.

    Raises ``WorkingError`` (a SingularMatrixError), with the working in its
    ``steps``, when A is singular.

    >>> work = inverse_steps([[2, 1], [1, 1]])
    >>> print(work.inverse)
    [[ 1  −1]
     [−1   2]]
    >>> inverse_steps([[1, 2], [2, 4]])
    Traceback (most recent call last):
    ...
    purenn.linalg.elimination.WorkingError: cannot invert: ...singular (column 2 has no pivot: its rank is 1)
    """
    start = as_grid(A, "A")
    n = square(start.shape, "take the inverse of")
    augmented = _augment(start, Grid.identity(n, start.exact))
    steps, result, done = _run(augmented, n, reduced=True, divider=n)
    if len(done.pivots) < n:
        missing = next(j for j in range(n) if j not in done.pivots)
        raise WorkingError(
            f"cannot invert: the {start.shape} matrix is singular (column {missing + 1} has no pivot: "
            f"its rank is {len(done.pivots)})", steps
        )
    return Inverse(augmented, steps, result.columns(n, 2 * n))
