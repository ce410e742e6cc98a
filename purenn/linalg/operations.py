"""Linear algebra for teaching: solving systems, determinants, inverses, least squares.

Each algorithm is written out so it can be followed step by step in a
debugger. Solving, determinants, inverses and rank rest on Gaussian
elimination with partial pivoting; QR and least squares (``lstsq``) rest on
modified Gram–Schmidt orthogonalisation and back substitution, which avoid
forming AᵀA (and squaring its condition number) as the normal equations
would; ``fit_line`` solves the normal equations of a line after centring x
and y on their means, which makes them diagonal.

Gaussian elimination:

1. For each column k, pick as pivot the row (from k down) whose entry in
   column k is largest in size, and swap it up to row k. Dividing by the
   largest available entry keeps rounding errors small ("partial pivoting").
2. Subtract multiples of the pivot row from every row below it, so that
   column k is zero under the diagonal.
3. The matrix is now upper triangular: read the answer from the bottom row up
   ("back substitution").

>>> from purenn import Matrix, Vector
>>> A = Matrix([[2, 1], [1, 3]])
>>> b = Vector([3, 5])
>>> solve(A, b)
Vector([0.8, 1.4])
>>> det(A)
5.0

A least-squares fit finds the line y = a*x + b closest to some points, the
linear regression the article starts from:

>>> a, b = fit_line([0, 1, 2, 3], [1, 3, 5, 7])
>>> round(a, 12), round(b, 12)
(2.0, 1.0)
"""

import math
import sys
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.linalg._checks import is_number, mean_of, total
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = [
    "det",
    "dot",
    "fit_line",
    "inverse",
    "lstsq",
    "norm",
    "outer",
    "qr",
    "rank",
    "solve",
    "trace",
]

EPS = sys.float_info.epsilon
"""The gap between 1.0 and the next float, about 2.2e-16."""


# ------------------------------------------------------------ small helpers


def dot(u: Vector, v: Vector) -> float:
    """The dot product u . v = sum of u[i] * v[i] (the same as ``u @ v``).

    >>> dot(Vector([1, 2, 3]), Vector([4, 5, 6]))
    32.0
    """
    if not isinstance(u, Vector) or not isinstance(v, Vector):
        raise TypeError(f"dot takes two Vectors, got {type(u).__name__} and {type(v).__name__}")
    return u.dot(v)


def outer(u: Vector, v: Vector) -> Matrix:
    """The outer product: entry (i, j) is u[i] * v[j]; shapes (m,) and (n,) give (m, n).

    >>> outer(Vector([1, 2]), Vector([1, 10, 100]))
    Matrix([[1.0, 10.0, 100.0], [2.0, 20.0, 200.0]])
    """
    if not isinstance(u, Vector) or not isinstance(v, Vector):
        raise TypeError(f"outer takes two Vectors, got {type(u).__name__} and {type(v).__name__}")
    return Matrix._wrap(tuple(x * y for x in u for y in v), (len(u), len(v)))


def trace(A: Matrix) -> float:
    """The sum of the diagonal entries of a square matrix.

    >>> trace(Matrix([[1, 2], [3, 4]]))
    5.0
    """
    n = _square(A, "trace", "take the trace of")
    return total(A[i, i] for i in range(n))


def norm(x: Union[Vector, Matrix]) -> float:
    """The length of a Vector, sqrt(sum of x[i]**2); for a Matrix, the same over
    all entries (the Frobenius norm, NumPy's default).

    >>> norm(Vector([3, 4]))
    5.0
    >>> norm(Matrix([[1, 1], [1, 1]]))
    2.0

    Squaring 1e200 would overflow and squaring 1e-200 underflow to 0, so the
    entries are scaled first (see ``_length``):

    >>> norm(Vector([3e200, 4e200])) / 1e200, norm(Vector([3e-200, 4e-200])) / 1e-200
    (5.0, 5.0)
    """
    if isinstance(x, Vector):
        return _length(x.tolist())
    if isinstance(x, Matrix):
        return _length(x.flat)
    raise TypeError(f"norm takes a Vector or a Matrix, got {type(x).__name__}")


def _length(values: Sequence[float]) -> float:
    """sqrt(sum of x**2) over ``values``, with neither overflow nor underflow.

    With s a power of two close to the largest |x|: length = s * sqrt(sum of (x/s)**2).
    Every x/s is at most 2 in size, so its square neither overflows nor (for
    the entries that matter) underflows; and dividing or multiplying by a
    power of two is exact, so the scaling adds no rounding error.
    """
    largest = max(abs(x) for x in values)
    if largest == 0.0 or not math.isfinite(largest):  # 0, inf or nan: nothing to scale
        return largest
    _, exponent = math.frexp(largest)  # largest = m * 2**exponent with 0.5 <= m < 1
    s = math.ldexp(1.0, exponent - 1)  # 2**(exponent - 1) <= largest < 2**exponent
    return s * math.sqrt(math.fsum((x / s) ** 2 for x in values))


def _square(A: Matrix, operation: str, doing: str) -> int:
    """The size n of a square (n, n) Matrix A; ``doing`` completes "cannot ... a (2, 3) matrix"."""
    if not isinstance(A, Matrix):
        raise TypeError(f"{operation} needs a Matrix, got {type(A).__name__}")
    rows, columns = A.shape
    if rows != columns:
        raise ShapeError(f"cannot {doing} a {A.shape} matrix: it must be square")
    return rows


# ------------------------------------------------------ Gaussian elimination


def _eliminate(rows: List[List[float]], pivot_columns: int, tolerances: List[float]) -> Tuple[int, List[int]]:
    """Bring ``rows`` to row echelon form in place, with partial pivoting.

    Works on the first ``pivot_columns`` columns (any further columns are
    right-hand sides carried along). ``tolerances[i]`` belongs to row i and
    travels with it: an entry no bigger than its row's tolerance counts as
    zero. A column with no entry above its row's tolerance, from the pivot
    row down, has no pivot and is skipped.

    Returns the sign of the row permutation (+1 or -1, for the determinant)
    and the list of columns that received a pivot (their count is the rank).
    """
    sign = 1
    pivots: List[int] = []
    tolerances = list(tolerances)
    r = 0  # the row the next pivot goes to
    for k in range(pivot_columns):
        if r == len(rows):
            break
        # 1. of the entries in column k, from row r down, that are not zero (to within their
        #    row's tolerance), the largest becomes the pivot
        candidates = [i for i in range(r, len(rows)) if abs(rows[i][k]) > tolerances[i]]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: abs(rows[i][k]))
        if best != r:
            rows[r], rows[best] = rows[best], rows[r]
            tolerances[r], tolerances[best] = tolerances[best], tolerances[r]
            sign = -sign
        pivot_row = rows[r]
        # 2. make column k zero below the pivot: row_i -= factor * pivot_row
        for i in range(r + 1, len(rows)):
            factor = rows[i][k] / pivot_row[k]
            if factor != 0.0:
                row = rows[i]
                for j in range(k, len(row)):
                    row[j] -= factor * pivot_row[j]
        pivots.append(k)
        r += 1
    return sign, pivots


def _row_tolerances(A: Matrix, operation: str) -> List[float]:
    """For each row of A: n * eps * its largest entry in size, below which an entry of it counts as zero.

    Each row is judged against its own size, not the whole matrix's: an
    equation multiplied by 1e16 has the same solutions, so [[1e16, 0], [0, 1]]
    is as regular as the identity (a tolerance taken from the largest entry
    of A, 4.4 here, would call the 1 a zero).

    Raises PurennError for an entry that is NaN or infinite, and
    SingularMatrixError for a row whose largest entry is subnormal (below
    2.2e-308 in size): such a number keeps only a few significant digits,
    too few to divide by.
    """
    n = max(A.shape)
    tolerances = []
    for i, row in enumerate(A):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise PurennError(f"cannot {operation}: the entry at row {i}, column {j} is {x!r}; every entry must be finite")
        size = max(abs(x) for x in row)
        if 0.0 < size < sys.float_info.min:
            raise SingularMatrixError(
                f"cannot {operation}: the largest entry of row {i} is {size!r}, a subnormal number (below "
                f"{sys.float_info.min:.3g}) with too few significant digits to divide by; multiply that row "
                "(and its right-hand side) by a large number first"
            )
        tolerances.append(n * EPS * size)
    return tolerances


@overload
def solve(A: Matrix, b: Vector) -> Vector: ...
@overload
def solve(A: Matrix, b: Matrix) -> Matrix: ...


def solve(A: Matrix, b: Union[Vector, Matrix]) -> Union[Vector, Matrix]:
    """Solve A @ x = b for x, by Gaussian elimination with partial pivoting.

    Shapes: A is (n, n); b is a Vector (n,), giving x of shape (n,), or a
    Matrix (n, k) of k right-hand sides, giving x of shape (n, k).

    Raises SingularMatrixError when A has no inverse (some pivot is zero, to
    within n * eps times the largest entry of its row: ``_row_tolerances``,
    so that rows of very different sizes are judged alike), ShapeError for shapes that do not
    fit, and PurennError for an entry that is NaN or infinite, or an answer
    too large for a float.

    >>> solve(Matrix([[1, 1], [1, -1]]), Vector([10, 2]))
    Vector([6.0, 4.0])
    >>> solve(Matrix([[1e16, 0], [0, 1]]), Vector([1e16, 2]))
    Vector([1.0, 2.0])
    >>> solve(Matrix([[1, 2], [2, 4]]), Vector([1, 2]))
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: cannot solve: the (2, 2) matrix is singular (its rows are linearly dependent), so there is no unique solution
    """
    n = _square(A, "solve", "solve with")
    if isinstance(b, Vector):
        right: Tuple[Tuple[float, ...], ...] = tuple((x,) for x in b)
    elif isinstance(b, Matrix):
        right = tuple(tuple(row) for row in b)
    else:
        raise TypeError(f"solve(A, b) needs b to be a Vector or a Matrix, got {type(b).__name__}")
    if len(right) != n:
        what = "entries" if isinstance(b, Vector) else "rows"
        raise ShapeError(
            f"cannot solve {A.shape} @ x = {b.shape}: b needs {n} {what}, one per row of A"
        )
    for i, b_row in enumerate(right):
        if not all(math.isfinite(x) for x in b_row):
            raise PurennError(f"cannot solve: row {i} of b is {list(b_row)!r}; every entry must be finite")
    tolerances = _row_tolerances(A, "solve")
    # the augmented matrix [A | b], as lists we may change in place
    rows = [list(a_row) + list(b_row) for a_row, b_row in zip(A, right)]
    _, pivots = _eliminate(rows, n, tolerances)
    if len(pivots) < n:
        raise SingularMatrixError(
            f"cannot solve: the {A.shape} matrix is singular (its rows are linearly "
            "dependent), so there is no unique solution"
        )
    # 3. back substitution, from the last row up: x_i = (b_i - sum_j>i U_ij x_j) / U_ii
    k = len(right[0])
    x = [[0.0] * k for _ in range(n)]
    for i in reversed(range(n)):
        for c in range(k):
            known = total(rows[i][j] * x[j][c] for j in range(i + 1, n))
            x[i][c] = (rows[i][n + c] - known) / rows[i][i]
    if not all(math.isfinite(value) for row in x for value in row):
        raise PurennError(
            f"cannot solve: the solution of this {A.shape} system is too large for a float "
            "(above about 1.8e308); the matrix is nearly singular"
        )
    if isinstance(b, Vector):
        return Vector([row[0] for row in x])
    return Matrix(x)


def det(A: Matrix) -> float:
    """The determinant of a square matrix: the product of the pivots of its
    elimination, with the sign flipped once for every row swap.

    It is 0 exactly when A is singular (up to rounding: a matrix that is
    singular on paper may give a tiny non-zero number here, as in NumPy).
    The product is kept as a mantissa and a power of two (``math.frexp``),
    which rounds as the plain product does, but finds a determinant that
    fits a float even when a partial product would not (a result beyond
    1.8e308 is inf, as in NumPy).

    >>> det(Matrix([[1, 2], [3, 4]]))
    -2.0
    >>> det(Matrix([[2, 0, 0], [0, 3, 0], [0, 0, 4]]))
    24.0
    >>> det(Matrix([[2.0**1000, 0, 0], [0, 2.0**1000, 0], [0, 0, 2.0**-1000]])) == 2.0**1000
    True
    """
    n = _square(A, "determinant", "take the determinant of")
    rows = A.tolist()
    sign, pivots = _eliminate(rows, n, [0.0] * n)
    if len(pivots) < n:
        return 0.0
    # det(A) = sign * (product of the pivots), as a mantissa times 2**exponent
    mantissa, exponent = float(sign), 0
    for i in range(n):
        mantissa, power = math.frexp(mantissa * rows[i][i])
        exponent += power
    try:
        return math.ldexp(mantissa, exponent)
    except OverflowError:  # beyond the largest float
        return math.copysign(math.inf, mantissa)


def inverse(A: Matrix) -> Matrix:
    """The matrix A⁻¹ with A @ A⁻¹ = I, found by solving A @ X = I.

    To solve a system, ``solve(A, b)`` is faster and more accurate than
    ``inverse(A) @ b``. Raises SingularMatrixError when A has no inverse.

    >>> A = Matrix([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
    >>> (A @ inverse(A)).allclose(Matrix.identity(3))
    True
    >>> inverse(Matrix([[1, 2], [2, 4]]))
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: cannot invert: the (2, 2) matrix is singular (its rows are linearly dependent), so it has no inverse
    """
    n = _square(A, "inverse", "take the inverse of")
    try:
        return solve(A, Matrix.identity(n))
    except SingularMatrixError:
        raise SingularMatrixError(
            f"cannot invert: the {A.shape} matrix is singular (its rows are linearly "
            "dependent), so it has no inverse"
        ) from None


def rank(A: Matrix, tol: Optional[float] = None) -> int:
    """The number of linearly independent rows (equally, columns) of A.

    It is the number of pivots Gaussian elimination finds. By default an
    entry no bigger than max(rows, columns) * eps times the largest entry of
    its row counts as zero, as in ``solve``: relative to the row's own size,
    so that [[1e16, 0], [0, 1]] has rank 2 (NumPy's matrix_rank, which
    measures against the largest singular value, says 1). With ``tol``, an
    entry no bigger than ``tol`` counts as zero.

    >>> rank(Matrix([[1, 2], [2, 4]]))
    1
    >>> rank(Matrix.identity(3)), rank(Matrix([[1e16, 0], [0, 1]]))
    (3, 2)
    """
    if not isinstance(A, Matrix):
        raise TypeError(f"rank needs a Matrix, got {type(A).__name__}")
    if tol is None:
        rows, tolerances = A.tolist(), _row_tolerances(A, "find the rank")
    elif not is_number(tol):
        raise TypeError(f"rank's tol must be a number (or None), got {tol!r}")
    elif not 0.0 <= tol < math.inf or (isinstance(tol, int) and tol > 2**1000):
        raise PurennError(f"rank's tol must be at least 0 and finite, got {tol!r:.40}")
    else:
        rows, tolerances = A.tolist(), [float(tol)] * A.shape[0]
    _, pivots = _eliminate(rows, A.shape[1], tolerances)
    return len(pivots)


# ------------------------------------------------------------ least squares


def qr(A: Matrix) -> Tuple[Matrix, Matrix]:
    """Factor A = Q @ R by modified Gram-Schmidt.

    Shapes: A is (m, n) with m >= n; Q is (m, n) with orthonormal columns
    (Q.T @ Q = I) and R is (n, n), upper triangular with a positive diagonal.

    Each column of A, in turn, loses its components along the columns of Q
    found so far; what is left, scaled to length 1, is the next column of Q.

    >>> Q, R = qr(Matrix([[3, 0], [4, 5]]))
    >>> print(Q)
    [[0.6  -0.8]
     [0.8   0.6]]
    >>> print(R)
    [[5  4]
     [0  3]]
    >>> (Q @ R).allclose(Matrix([[3, 0], [4, 5]]))
    True

    Raises SingularMatrixError when the columns of A are linearly dependent:
    when what is left of column j is no longer than m * eps * (the length
    of column j of A), which is rounding error. Each column is measured
    against its own length, so columns of very different sizes (x values
    near 1e15 next to a column of ones) are judged fairly.
    """
    if not isinstance(A, Matrix):
        raise TypeError(f"qr needs a Matrix, got {type(A).__name__}")
    m, n = A.shape
    if m < n:
        raise ShapeError(f"cannot factor a {A.shape} matrix with qr: it needs at least as many rows as columns")
    for i, row in enumerate(A):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise PurennError(f"cannot factor: the entry at row {i}, column {j} is {x!r}; every entry must be finite")
    remaining = [list(column) for column in A.T]  # the columns, still to be made orthogonal
    original_lengths = [_length(column) for column in remaining]
    q_columns: List[List[float]] = []
    r = [[0.0] * n for _ in range(n)]
    for j in range(n):
        length = _length(remaining[j])
        if length <= m * EPS * original_lengths[j]:  # nothing left but rounding error
            if j == 0:
                raise SingularMatrixError(
                    f"cannot factor: column 0 of the {A.shape} matrix is all zeros "
                    "(the columns are linearly dependent)"
                )
            raise SingularMatrixError(
                f"cannot factor: column {j} of the {A.shape} matrix is a combination of "
                "the columns before it (the columns are linearly dependent)"
            )
        r[j][j] = length
        q = [x / length for x in remaining[j]]
        q_columns.append(q)
        for k in range(j + 1, n):
            r[j][k] = total(a * b for a, b in zip(q, remaining[k]))
            remaining[k] = [a - r[j][k] * b for a, b in zip(remaining[k], q)]
    return Matrix.from_columns(q_columns), Matrix(r)


def lstsq(A: Matrix, b: Vector) -> Vector:
    """The x that makes A @ x as close as possible to b (least squares).

    Minimises the sum of squared errors ||A @ x - b||². With A = Q @ R, that x
    solves the triangular system R @ x = Q.T @ b, which is better conditioned
    than the textbook normal equations (A.T @ A) @ x = A.T @ b.

    Shapes: A (m, n) with m >= n, b (m,), x (n,).

    >>> A = Matrix([[1, 1], [1, 2], [1, 3]])
    >>> lstsq(A, Vector([1, 2, 2])).allclose(Vector([2 / 3, 0.5]))
    True
    """
    if not isinstance(A, Matrix):
        raise TypeError(f"lstsq(A, b) needs A to be a Matrix, got {type(A).__name__}")
    if not isinstance(b, Vector):
        raise TypeError(f"lstsq(A, b) needs b to be a Vector, got {type(b).__name__}")
    if b.shape[0] != A.shape[0]:
        raise ShapeError(
            f"cannot fit {A.shape} @ x = {b.shape}: b needs one entry per row of A ({A.shape[0]})"
        )
    for i, value in enumerate(b):
        if not math.isfinite(value):
            raise PurennError(f"cannot fit: b[{i}] is {value!r}; every entry must be finite")
    Q, R = qr(A)
    qtb = b @ Q  # Q.T @ b, shape (n,)
    n = R.shape[0]
    x = [0.0] * n
    for i in reversed(range(n)):
        known = total(R[i, j] * x[j] for j in range(i + 1, n))
        x[i] = (qtb[i] - known) / R[i, i]
    if not all(math.isfinite(value) for value in x):
        raise PurennError(f"cannot fit: the solution {x!r} is not finite; the columns of A are nearly dependent")
    return Vector(x)


def fit_line(xs: Iterable[float], ys: Iterable[float]) -> Tuple[float, float]:
    """The slope a and intercept b of the line y = a*x + b closest to the points.

    This is linear regression, the least-squares line. With the points
    centred on their means (x̄, ȳ), the normal equations reduce to

        a = Σ (x - x̄)(y - ȳ) / Σ (x - x̄)²,    b = ȳ - a * x̄

    which is what is computed, each sum exactly rounded (``math.fsum``).
    Centring first is what keeps the digits that matter: with x values near
    1e15, the uncentred column [x] is almost a multiple of [1], and the
    sums of x² and x*y would cancel down to the little the slope depends on.
    Needs at least two points, with different x values.

    >>> a, b = fit_line([0, 1, 2, 3, 4], [1.1, 2.9, 5.2, 6.8, 9.0])
    >>> print(f"y = {a:.2f}*x + {b:.2f}")
    y = 1.97*x + 1.06
    >>> fit_line([1e15, 1e15 + 1, 1e15 + 2], [3, 5, 7])[0]
    2.0
    >>> fit_line([1], [2])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot fit a line to 1 point: it needs at least two points
    """
    x = Vector(xs)
    y = Vector(ys)
    if len(x) != len(y):
        raise ShapeError(f"cannot fit a line to {len(x)} x values and {len(y)} y values: they must pair up")
    if len(x) < 2:
        raise ShapeError("cannot fit a line to 1 point: it needs at least two points")
    for name, values in (("x", x), ("y", y)):
        for i, value in enumerate(values):
            if not math.isfinite(value):
                raise PurennError(f"cannot fit a line: {name}[{i}] is {value!r}; every value must be finite")
    if x.max() == x.min():
        raise SingularMatrixError("cannot fit a line: it needs at least two different x values")
    x_mean, y_mean = mean_of(x.tolist()), mean_of(y.tolist())
    dx = _power_of_two_scaled([value - x_mean for value in x])  # (x - x̄) / 2**ex
    dy = _power_of_two_scaled([value - y_mean for value in y])  # (y - ȳ) / 2**ey
    # a = Σ dx·dy / Σ dx² · 2**(ey - ex): the powers of two keep every product far from overflow
    ratio = math.fsum(u * v for u, v in zip(dx.values, dy.values)) / math.fsum(u * u for u in dx.values)
    try:
        slope = math.ldexp(ratio, dy.exponent - dx.exponent)
    except OverflowError:
        raise PurennError("cannot fit a line: its slope is too large for a float (above about 1.8e308)") from None
    return slope, y_mean - slope * x_mean


class _Scaled(NamedTuple):
    """Values divided by 2**exponent, so that the largest is between 0.5 and 1 in size."""

    values: List[float]
    exponent: int


def _power_of_two_scaled(values: Sequence[float]) -> _Scaled:
    """``values`` divided by the power of two that brings the largest near 1 (exactly, no rounding)."""
    _, exponent = math.frexp(max(abs(value) for value in values))
    return _Scaled([math.ldexp(value, -exponent) for value in values], exponent)
