"""The rest of a first course, exact, with working: every solution, the four subspaces, LU, cofactors, projections.

Each function takes a list of rows of ints, Fractions or texts like "1/3"
(worked exactly, in Fractions) or a Grid, and returns a small record that
prints as a teacher writes it on the board and has ``_repr_latex_`` for
Jupyter. The row reduction underneath is the one loop of ``gauss.py``, so
the working shown (``.steps``) is the working that found the answer.

>>> print(general_solution([[1, 2, 3], [2, 4, 7]], [1, 3]))
x = (−2, 0, 1) + s1·(−2, 1, 0)
free variable x2 = s1
>>> print(subspaces([[1, 2], [2, 4]]))
rank 1 of a 2 × 2 matrix
column space C(A), dimension 1: (1, 2)
row space C(Aᵀ), dimension 1: (1, 2)
null space N(A), dimension 1: (−2, 1)
left null space N(Aᵀ), dimension 1: (−2, 1)
rank + nullity = 1 + 1 = 2 columns; rank + dim N(Aᵀ) = 1 + 1 = 2 rows
"""

from fractions import Fraction
from typing import List, NamedTuple, Optional, Sequence, Tuple

from purenn.errors import ShapeError, SingularMatrixError
from purenn.linalg.elimination import Steps, _contradiction, _reduce_augmented, _run, inverse_steps, rref
from purenn.linalg.exact import MINUS, Grid, Scalar, as_grid, as_numbers, latex, latex_matrix, show
from purenn.linalg.gauss import eliminate, square

__all__ = [
    "Cofactor",
    "Cofactors",
    "Cramer",
    "LeastSquares",
    "GeneralSolution",
    "LUSteps",
    "Subspaces",
    "adjugate",
    "change_of_basis",
    "cofactor",
    "cofactor_expansion",
    "cramer",
    "general_solution",
    "least_squares",
    "lu_steps",
    "orthogonalize",
    "projection_matrix",
    "subspaces",
]

Vec = Tuple[Scalar, ...]


def vector_text(v: Sequence[Scalar]) -> str:
    """(1, -1/2, 0): a vector as a student writes it.

    >>> vector_text([Fraction(1), Fraction(-1, 2)])
    '(1, −1/2)'
    """
    return "(" + ", ".join(show(x) for x in v) + ")"


def _latex_vector(v: Sequence[Scalar]) -> str:
    return "\\begin{pmatrix} " + " \\\\ ".join(latex(x) for x in v) + " \\end{pmatrix}"


def _exact(A: object, name: str = "A") -> Grid:
    """A as an exact Grid: the course's exact functions need Fractions (floats are refused, with the way out)."""
    grid = as_grid(A, name)
    if not grid.exact:
        raise TypeError(
            f"{name} has a float entry; this function works exactly, in fractions: give whole numbers, "
            "Fractions or texts like \"0.1\" and \"1/3\" (a decimal in quotes is read exactly)"
        )
    return grid


# ------------------------------------------------------- the complete solution


class GeneralSolution(NamedTuple):
    """Every solution of A x = b: x = x_p + s1·v1 + s2·v2 + ..., or none, with the working on [A | b].

    ``particular`` is x_p (the free variables set to 0), ``directions`` a
    basis v1, v2, ... of the null space (one per free column, listed in
    ``free``); when there is no solution, ``particular`` is None and
    ``contradiction`` is (the student's equation, counted from 0, the c of
    the 0 = c it became).
    """

    augmented: Grid
    steps: Steps
    particular: Optional[Vec]
    directions: Tuple[Vec, ...]
    free: Tuple[int, ...]
    contradiction: Optional[Tuple[int, Scalar]]

    @property
    def consistent(self) -> bool:
        """True when A x = b has a solution."""
        return self.particular is not None

    def __str__(self) -> str:
        if self.particular is None or self.contradiction is not None:
            row, c = self.contradiction if self.contradiction is not None else (0, 0)
            return f"no solution: elimination turns equation {row + 1} into 0 = {show(c)}"
        terms = [vector_text(self.particular)] + [f"s{k + 1}·{vector_text(v)}" for k, v in enumerate(self.directions)]
        lines = ["x = " + " + ".join(terms)]
        if self.free:
            names = ", ".join(f"x{j + 1} = s{k + 1}" for k, j in enumerate(self.free))
            lines.append(f"free variable{'s' if len(self.free) > 1 else ''} {names}")
        else:
            lines.append("the only solution (no free variable)")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        if self.particular is None:
            return "$\\text{" + str(self) + "}$"
        terms = [_latex_vector(self.particular)]
        terms += [f"s_{{{k + 1}}} {_latex_vector(v)}" for k, v in enumerate(self.directions)]
        return "$$x = " + " + ".join(terms) + "$$"


def general_solution(A: object, b: object) -> GeneralSolution:
    """Every solution of A x = b (any shape), by elimination on [A | b]: x = x_p + s1·v1 + ...

    x_p solves A x = b with every free variable 0; each v is a basis vector
    of the null space (``Reduction.null_space``). When elimination turns
    an equation into 0 = c with c not 0, there is no solution; the record
    says which of the student's equations it was, and keeps the working.

    >>> work = general_solution([[1, 1], [2, 2]], [1, 3])
    >>> print(work)
    no solution: elimination turns equation 2 into 0 = 1
    >>> print(work.steps.operations[0])
    R2 ← R2 − 2·R1
    """
    augmented, steps, result, done = _reduce_augmented(A, b)
    n = augmented.shape[1] - 1
    pivots = tuple(done.pivots)
    free = tuple(j for j in range(n) if j not in pivots)
    bad = _contradiction(augmented, result, done, steps)
    if bad is not None:
        return GeneralSolution(augmented, steps, None, (), free, (bad[1], bad[2]))
    one: Scalar = Fraction(1) if augmented.exact else 1.0
    zero = one - one
    particular = [zero] * n
    for row, j in enumerate(pivots):
        particular[j] = result[row, n]
    directions = []
    for f in free:
        v = [zero] * n
        v[f] = one
        for row, j in enumerate(pivots):
            v[j] = -result[row, f]
        directions.append(tuple(v))
    return GeneralSolution(augmented, steps, tuple(particular), tuple(directions), free, None)


# ---------------------------------------------------------- the four subspaces


class Subspaces(NamedTuple):
    """Bases of the four fundamental subspaces of an (m, n) matrix A of rank r.

    column space C(A) (in R^m, dimension r), row space C(Aᵀ) (in R^n, r),
    null space N(A) (in R^n, n − r), left null space N(Aᵀ) (in R^m, m − r).
    """

    shape: Tuple[int, int]
    rank: int
    column_space: Tuple[Vec, ...]
    row_space: Tuple[Vec, ...]
    null_space: Tuple[Vec, ...]
    left_null_space: Tuple[Vec, ...]

    def __str__(self) -> str:
        m, n = self.shape
        r = self.rank

        def basis(vectors: Tuple[Vec, ...]) -> str:
            return ", ".join(vector_text(v) for v in vectors) if vectors else "only the zero vector"

        return "\n".join([
            f"rank {r} of a {m} × {n} matrix",
            f"column space C(A), dimension {r}: {basis(self.column_space)}",
            f"row space C(Aᵀ), dimension {r}: {basis(self.row_space)}",
            f"null space N(A), dimension {n - r}: {basis(self.null_space)}",
            f"left null space N(Aᵀ), dimension {m - r}: {basis(self.left_null_space)}",
            f"rank + nullity = {r} + {n - r} = {n} columns; rank + dim N(Aᵀ) = {r} + {m - r} = {m} rows",
        ])

    def _repr_latex_(self) -> str:
        def basis(vectors: Tuple[Vec, ...]) -> str:
            return ", ".join(_latex_vector(v) for v in vectors) if vectors else "\\{0\\}"

        m, n = self.shape
        r = self.rank
        return (
            "$$\\begin{aligned} "
            f"C(A) &: {basis(self.column_space)} & \\dim = {r} \\\\ "
            f"C(A^\\top) &: {basis(self.row_space)} & \\dim = {r} \\\\ "
            f"N(A) &: {basis(self.null_space)} & \\dim = {n - r} \\\\ "
            f"N(A^\\top) &: {basis(self.left_null_space)} & \\dim = {m - r} "
            "\\end{aligned}$$"
        )


def subspaces(A: object) -> Subspaces:
    """The four fundamental subspaces of A, each with a basis and its dimension.

    - column space: the pivot columns *of A* (not of its rref);
    - row space: the rows of the rref that are not 0;
    - null space: one vector per free column (``rref(A).null_space``);
    - left null space: the null space of Aᵀ.

    >>> s = subspaces([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    >>> s.rank, [vector_text(v) for v in s.null_space], [vector_text(v) for v in s.left_null_space]
    (2, ['(1, −2, 1)'], ['(1, −2, 1)'])
    """
    grid = as_grid(A, "A")
    reduction = rref(grid)
    r = reduction.rank
    columns = tuple(grid.column(j) for j in reduction.pivots)
    rows = tuple(reduction.result.rows[i] for i in range(r))
    left = rref(grid.T).null_space
    return Subspaces(grid.shape, r, columns, rows, reduction.null_space, left)


# ----------------------------------------------------------------------- LU


class LUSteps(NamedTuple):
    """A = LU (or PA = LU when rows had to be exchanged), exactly, with Strang's multipliers ℓij.

    ``multipliers`` maps (i, j), counted from 0, to ℓij: row i had ℓij
    times pivot row j subtracted from it (after the exchanges of P).
    ``steps`` is the working on A; ``eliminations`` the matrices Eij with
    (... E32 E31 E21) P A = U.
    """

    start: Grid
    steps: Steps
    P: Grid
    L: Grid
    U: Grid
    multipliers: Tuple[Tuple[Tuple[int, int], Scalar], ...]

    @property
    def swapped(self) -> bool:
        """True when P is not the identity: some row had to be exchanged for a pivot."""
        return self.P != Grid.identity(self.start.shape[0], self.start.exact)

    @property
    def eliminations(self) -> Tuple[Tuple[str, Grid], ...]:
        """(name, Eij) in the order they act on PA: Eij is I with −ℓij at (i, j).

        >>> work = lu_steps([[2, 1], [6, 8]])
        >>> [(name, E.rows) for name, E in work.eliminations] == [("E21", ((1, 0), (-3, 1)))]
        True
        """
        m = self.start.shape[0]
        exact = self.start.exact
        out = []
        for (i, j), value in self.multipliers:
            rows = [list(row) for row in Grid.identity(m, exact).rows]
            rows[i][j] = -value
            out.append((f"E{i + 1}{j + 1}", as_grid(rows)))
        return tuple(out)

    def __str__(self) -> str:
        name = "PA = LU" if self.swapped else "A = LU"
        ells = ", ".join(f"ℓ{i + 1}{j + 1} = {show(v)}" for (i, j), v in self.multipliers) or "none"
        parts = [name]
        if self.swapped:
            parts += ["P =", str(self.P)]
        parts += ["L =", str(self.L), "U =", str(self.U), f"multipliers: {ells}"]
        return "\n".join(parts)

    def _repr_latex_(self) -> str:
        left = "PA" if self.swapped else "A"
        p = f"P = {latex_matrix(self.P.rows)},\\ " if self.swapped else ""
        return f"$${p}{left} = LU = {latex_matrix(self.L.rows)} {latex_matrix(self.U.rows)}$$"


def lu_steps(A: object) -> LUSteps:
    """A = LU by elimination, exactly for whole numbers and fractions, with the working.

    L is lower triangular with ones on its diagonal and the multipliers ℓij
    under it; U is the row echelon form elimination ends in. When a pivot
    is 0 and a row below has one, the rows are exchanged (P), and PA = LU.
    Any shape: L is (m, m), U is (m, n).

    >>> work = lu_steps([[2, 1, 1], [4, -6, 0], [-2, 7, 2]])
    >>> print(work)
    A = LU
    L =
    [[ 1   0  0]
     [ 2   1  0]
     [−1  −1  1]]
    U =
    [[2   1   1]
     [0  −8  −2]
     [0   0   1]]
    multipliers: ℓ21 = 2, ℓ31 = −1, ℓ32 = −1
    """
    start = as_grid(A, "A")
    m, n = start.shape
    one: Scalar = Fraction(1) if start.exact else 1.0
    zero = one - one
    L: List[List[Scalar]] = [[zero] * m for _ in range(m)]
    order = list(range(m))
    steps, result, _ = _run(start, n, reduced=False)
    for op in steps.operations:  # replay the record: swaps move the multipliers found so far
        if op.kind == "swap":
            L[op.row], L[op.source] = L[op.source], L[op.row]
            order[op.row], order[op.source] = order[op.source], order[op.row]
        elif op.kind == "add":
            L[op.row][op.source] = -op.factor
    for i in range(m):
        L[i][i] = one
    multipliers = tuple(((i, j), L[i][j]) for j in range(m) for i in range(j + 1, m) if L[i][j] != zero)
    P = as_grid([[one if j == order[i] else zero for j in range(m)] for i in range(m)])
    return LUSteps(start, steps, P, as_grid(L), result, multipliers)


# -------------------------------------------------------------- cofactors


def _minor_rows(rows: Sequence[Sequence[Fraction]], i: int, j: int) -> List[List[Fraction]]:
    return [list(row[:j]) + list(row[j + 1:]) for k, row in enumerate(rows) if k != i]


def _det_exact(rows: Sequence[Sequence[Fraction]]) -> Fraction:
    """The determinant by elimination in Fractions (the pivots' product, with the sign of the swaps)."""
    work = [list(row) for row in rows]
    n = len(work)
    if n == 0:
        return Fraction(1)
    done = eliminate(work, n, Fraction(1))
    if len(done.pivots) < n:
        return Fraction(0)
    value = Fraction(-1 if done.swaps % 2 else 1)
    for i in range(n):
        value *= work[i][i]
    return value


class Cofactor(NamedTuple):
    """The cofactor Cij = (−1)^(i+j) · det Mij, with its working; ``value`` is the number.

    ``sign`` is (−1)^(i+j), 1 or −1; ``minor`` is Mij, A without row i and
    column j (None when A is 1 × 1: the empty minor has determinant 1);
    ``minor_determinant`` is det Mij and ``how`` says how it was found;
    ``row`` and ``column`` are i and j, counted from 1 as on the board.
    """

    value: Fraction
    sign: int
    minor: Optional[Grid]
    minor_determinant: Fraction
    how: str
    row: int
    column: int

    def working(self) -> str:
        """The lines before the answer: which minor, and its determinant."""
        name = f"M{self.row}{self.column}"
        head = f"C{self.row}{self.column} = (−1)^({self.row}+{self.column}) · det {name}, " \
            f"{name} being A without row {self.row} and column {self.column}"
        if self.minor is None:
            return f"{head}\ndet {name} = 1 ({self.how})"
        return f"{head}\n{name} =\n{self.minor}\ndet {name} = {self.how}"

    def __str__(self) -> str:
        """The working, then Cij = sign · det Mij = value.

        >>> print(cofactor([[2, 1, 1], [4, -6, 0], [-2, 7, 2]], 2, 3))
        C23 = (−1)^(2+3) · det M23, M23 being A without row 2 and column 3
        M23 =
        [[ 2  1]
         [−2  7]]
        det M23 = 2·7 − 1·(−2) = 16
        C23 = −1 · 16 = −16
        """
        sign = "1" if self.sign > 0 else MINUS + "1"
        return f"{self.working()}\nC{self.row}{self.column} = {sign} · {_wrapped(self.minor_determinant)} = " \
            f"{show(self.value)}"

    def _repr_latex_(self) -> str:
        name = f"M_{{{self.row}{self.column}}}"
        minor = "" if self.minor is None else f", \\quad {name} = {latex_matrix(self.minor.rows)}"
        d = self.minor_determinant
        determinant = f"({latex(d)})" if d < 0 else latex(d)
        return (f"$$C_{{{self.row}{self.column}}} = (-1)^{{{self.row}+{self.column}}} \\det {name}"
                f" = {self.sign} \\cdot {determinant} = {latex(self.value)}{minor}$$")


def cofactor(A: object, i: int, j: int) -> Cofactor:
    """The cofactor Cij = (−1)^(i+j) det(Mij), rows and columns counted from 1 as on the board, with its working.

    Mij is A with row i and column j removed (the minor). The number is ``.value``.

    >>> cofactor([[1, 2], [3, 4]], 1, 1).value, cofactor([[1, 2], [3, 4]], 1, 2).value
    (Fraction(4, 1), Fraction(-3, 1))
    >>> print(cofactor([[1, 2], [3, 4]], 1, 2))
    C12 = (−1)^(1+2) · det M12, M12 being A without row 1 and column 2
    M12 =
    [[3]]
    det M12 = 3 (its one entry)
    C12 = −1 · 3 = −3
    """
    grid = _exact(A)
    n = square(grid.shape, "take a cofactor of")
    for name, k in (("i", i), ("j", j)):
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"cofactor's {name} must be a whole number, got {k!r}")
        if not 1 <= k <= n:
            raise ShapeError(f"cofactor's {name} is {k}: rows and columns count from 1 to {n} here")
    rows = [[Fraction(x) for x in row] for row in grid.rows]
    sign = 1 if (i + j) % 2 == 0 else -1
    minor = _minor_rows(rows, i - 1, j - 1)
    d = _det_exact(minor)
    if n == 1:
        return Cofactor(sign * d, sign, None, d, "the empty minor of a 1 × 1 matrix, by convention", i, j)
    if n == 2:
        how = f"{show(d)} (its one entry)"
    elif n == 3:
        (a, b), (c, e) = minor
        how = f"{_wrapped(a)}·{_wrapped(e)} − {_wrapped(b)}·{_wrapped(c)} = {show(d)}"
    else:
        how = f"{show(d)} (by elimination: the product of the pivots, its sign flipped at each swap)"
    return Cofactor(sign * d, sign, as_grid(minor), d, how, i, j)


def adjugate(A: object) -> Grid:
    """The adjugate adj(A): the transpose of the matrix of cofactors, so that A · adj(A) = det(A) · I.

    >>> print(adjugate([[1, 2], [3, 4]]))
    [[ 4  −2]
     [−3   1]]
    """
    grid = _exact(A)
    n = square(grid.shape, "take the adjugate of")
    if n == 1:
        return Grid.identity(1)
    return as_grid([[cofactor(grid, j + 1, i + 1).value for j in range(n)] for i in range(n)])


class Cofactors(NamedTuple):
    """det A by cofactor expansion along one row: det A = Σj aij Cij, each term written out."""

    start: Grid
    row: int
    terms: Tuple[Tuple[Fraction, Fraction], ...]
    value: Fraction

    def __str__(self) -> str:
        i = self.row + 1
        parts = " + ".join(f"{_wrapped(a)}·C{i}{j + 1}" for j, (a, _) in enumerate(self.terms))
        numbers = " + ".join(f"{_wrapped(a)}·{_wrapped(c)}" for a, c in self.terms)
        return f"det A = {parts}\n      = {numbers}\n      = {show(self.value)}".replace(f"+ {MINUS}", f"{MINUS} ")

    def minors(self) -> str:
        """The working of each cofactor: Cij = (−1)^(i+j) · det Mij, Mij being A without row i and column j.

        >>> print(cofactor_expansion([[1, 2], [3, 4]]).minors())
        C11 = (−1)^2 · det [[4]] = 4
        C12 = (−1)^3 · det [[3]] = −3
        """
        i = self.row + 1
        lines = []
        for j, (_, c) in enumerate(self.terms):
            minor = [[x for k, x in enumerate(row) if k != j] for r, row in enumerate(self.start.rows) if r != self.row]
            text = "[" + ", ".join("[" + ", ".join(show(x) for x in row) + "]" for row in minor) + "]"
            lines.append(f"C{i}{j + 1} = (−1)^{i + j + 1} · det {text} = {show(c)}".replace("-", MINUS))
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        i = self.row + 1
        parts = " + ".join(f"({latex(a)}) C_{{{i}{j + 1}}}" for j, (a, _) in enumerate(self.terms))
        numbers = " + ".join(f"({latex(a)})({latex(c)})" for a, c in self.terms)
        return f"$$\\det A = {parts} = {numbers} = {latex(self.value)}$$"


def _wrapped(x: Scalar) -> str:
    text = show(x)
    return f"({text})" if x < 0 or "/" in text else text


def cofactor_expansion(A: object, row: int = 1) -> Cofactors:
    """det A expanded along ``row`` (counted from 1): the sum of each entry times its cofactor.

    >>> print(cofactor_expansion([[2, 1, 1], [4, -6, 0], [-2, 7, 2]]))
    det A = 2·C11 + 1·C12 + 1·C13
          = 2·(−12) + 1·(−8) + 1·16
          = −16
    """
    grid = _exact(A)
    n = square(grid.shape, "expand the determinant of")
    if isinstance(row, bool) or not isinstance(row, int) or not 1 <= row <= n:
        raise ShapeError(f"cofactor_expansion's row is {row!r}: rows count from 1 to {n} here")
    if n == 1:
        value = Fraction(grid[0, 0])
        return Cofactors(grid, 0, ((value, Fraction(1)),), value)
    terms = tuple((Fraction(grid[row - 1, j]), cofactor(grid, row, j + 1).value) for j in range(n))
    return Cofactors(grid, row - 1, terms, sum((a * c for a, c in terms), Fraction(0)))


class Cramer(NamedTuple):
    """x by Cramer's rule, with the determinants it divides: xj = det(Bj) / det(A)."""

    x: Tuple[Fraction, ...]
    determinant: Fraction
    numerators: Tuple[Fraction, ...]

    def __str__(self) -> str:
        lines = [f"det A = {show(self.determinant)}"]
        for j, (top, value) in enumerate(zip(self.numerators, self.x)):
            lines.append(f"x{j + 1} = det(B{j + 1}) / det A = {show(top)} / {show(self.determinant)} = {show(value)}")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        parts = [f"x_{{{j + 1}}} = \\frac{{\\det B_{{{j + 1}}}}}{{\\det A}}"
                 f" = \\frac{{{latex(top)}}}{{{latex(self.determinant)}}}"
                 f" = {latex(value)}" for j, (top, value) in enumerate(zip(self.numerators, self.x))]
        return "$$" + ",\\quad ".join(parts) + "$$"


def cramer(A: object, b: object) -> Cramer:
    """Solve A x = b by Cramer's rule: xj = det(Bj) / det(A), Bj being A with column j replaced by b.

    >>> work = cramer([[2, 1], [1, 3]], [3, 5])
    >>> work.x
    (Fraction(4, 5), Fraction(7, 5))
    >>> print(work)
    det A = 5
    x1 = det(B1) / det A = 4 / 5 = 4/5
    x2 = det(B2) / det A = 7 / 5 = 7/5
    >>> cramer([[1, 2], [2, 4]], [1, 2])
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: Cramer's rule needs det A ≠ 0, and det A = 0 here: use general_solution
    """
    grid = _exact(A)
    n = square(grid.shape, "use Cramer's rule with")
    numbers = as_numbers(b, "b")
    if any(isinstance(x, float) for x in numbers):
        raise TypeError("b has a float entry; Cramer's rule here works exactly (write 0.1 as \"0.1\" or 1/10)")
    right = [Fraction(x) for x in numbers]
    if len(right) != n:
        raise ShapeError(f"cannot solve {grid.shape} @ x = ({len(right)},): b needs {n} entries, one per row of A")
    rows = [[Fraction(x) for x in row] for row in grid.rows]
    d = _det_exact(rows)
    if d == 0:
        raise SingularMatrixError("Cramer's rule needs det A ≠ 0, and det A = 0 here: use general_solution")
    tops = tuple(_det_exact([row[:j] + [right[i]] + row[j + 1:] for i, row in enumerate(rows)]) for j in range(n))
    return Cramer(tuple(top / d for top in tops), d, tops)


# ------------------------------------------------- orthogonality, exactly


def orthogonalize(A: object) -> Grid:
    """Gram–Schmidt in fractions: orthogonal columns spanning the columns of A, not scaled to length 1.

    Column j is column j of A minus its projections onto the columns made
    before it: vj = aj − Σi (vi · aj / vi · vi) vi. Lengths are square roots,
    which fractions cannot hold exactly, so the columns are left unscaled.
    A column that is a combination of the ones before it is refused.

    >>> print(orthogonalize([[1, 1], [1, 0], [0, 1]]))
    [[1   1/2]
     [1  −1/2]
     [0     1]]
    """
    grid = _exact(A)
    m, n = grid.shape
    done: List[List[Fraction]] = []
    for j in range(n):
        a = [Fraction(x) for x in grid.column(j)]
        v = list(a)
        for q in done:
            c = sum((x * y for x, y in zip(q, a)), Fraction(0)) / sum((x * x for x in q), Fraction(0))
            v = [x - c * y for x, y in zip(v, q)]
        if all(x == 0 for x in v):
            raise SingularMatrixError(
                f"orthogonalize: column {j + 1} of the {grid.shape} matrix is a combination of the columns before it"
            )
        done.append(v)
    return as_grid([[done[j][i] for j in range(n)] for i in range(m)])


def _independent_columns(A: object) -> Grid:
    grid = _exact(A)
    if rref(grid).rank < grid.shape[1]:
        raise SingularMatrixError(
            f"the columns of the {grid.shape} matrix are dependent (its rank is below {grid.shape[1]}): "
            "keep only its pivot columns (subspaces(A).column_space) first"
        )
    return grid


def projection_matrix(A: object) -> Grid:
    """P = A (AᵀA)⁻¹ Aᵀ, exactly: P b is the projection of b onto the column space of A.

    The columns of A must be independent. P is symmetric and P² = P.

    >>> P = projection_matrix([[1], [1]])
    >>> print(P)
    [[1/2  1/2]
     [1/2  1/2]]
    >>> P @ P == P and P.T == P
    True
    """
    grid = _independent_columns(A)
    return grid @ inverse_steps(grid.T @ grid).inverse @ grid.T


class LeastSquares(NamedTuple):
    """x̂ of least squares, with p = A x̂ (the projection of b) and the error e = b − p, perpendicular to C(A)."""

    x: Tuple[Fraction, ...]
    projection: Tuple[Fraction, ...]
    error: Tuple[Fraction, ...]

    def __str__(self) -> str:
        x = ", ".join(f"x{j + 1} = {show(v)}" for j, v in enumerate(self.x))
        return f"{x}\nprojection p = A x̂ = {vector_text(self.projection)}\nerror e = b − p = {vector_text(self.error)}"

    def _repr_latex_(self) -> str:
        return (f"$$\\hat x = {_latex_vector(self.x)},\\quad p = A \\hat x = {_latex_vector(self.projection)},"
                f"\\quad e = b - p = {_latex_vector(self.error)}$$")


def least_squares(A: object, b: object) -> LeastSquares:
    """The least-squares x̂ of A x = b exactly, from the normal equations AᵀA x̂ = Aᵀb in fractions.

    A x̂ is the projection p of b onto the column space of A, and the error
    e = b − p is perpendicular to every column.

    >>> print(least_squares([[1, 0], [1, 1], [1, 2]], [6, 0, 0]))
    x1 = 5, x2 = −3
    projection p = A x̂ = (5, 2, −1)
    error e = b − p = (1, −2, 1)
    """
    grid = _independent_columns(A)
    right = as_grid([[x] for x in as_numbers(b, "b")], "b")
    if right.shape[0] != grid.shape[0]:
        raise ShapeError(f"cannot fit {grid.shape} @ x = ({right.shape[0]},): b needs one entry per row of A")
    if not right.exact:
        raise TypeError("b has a float entry; least_squares works exactly (lstsq is the float version)")
    x = inverse_steps(grid.T @ grid).inverse @ (grid.T @ right)
    p = grid @ x
    return LeastSquares(tuple(Fraction(v) for v in x.column(0)), tuple(Fraction(v) for v in p.column(0)),
                        tuple(Fraction(v) - Fraction(w) for v, w in zip(right.column(0), p.column(0))))


def change_of_basis(A: object, B: object) -> Grid:
    """The matrix of the map x ↦ A x in the basis made of the columns of B: B⁻¹ A B.

    A vector with coordinates c in that basis is B c; A sends it to A B c,
    whose coordinates are B⁻¹ A B c.

    >>> print(change_of_basis([[2, 1], [1, 2]], [[1, 1], [1, -1]]))
    [[3  0]
     [0  1]]
    """
    grid = _exact(A)
    basis = _exact(B, "B")
    n = square(grid.shape, "change the basis of")
    if basis.shape != (n, n):
        raise ShapeError(f"the basis B must be ({n}, {n}), one column per basis vector; got {basis.shape}")
    try:
        inverse = inverse_steps(basis).inverse
    except SingularMatrixError:
        raise SingularMatrixError("the columns of B are not a basis: they are linearly dependent") from None
    return inverse @ grid @ basis

