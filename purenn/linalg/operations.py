"""The float answers of a first course: dot, outer, trace, norm, solve, det, inverse, rank, a fitted line.

Each algorithm is written out so it can be followed step by step in a
debugger. Solving, determinants, inverses and rank are Gaussian elimination
with partial pivoting: the one loop of ``gauss.py``, which ``rref`` and
``solve_steps`` also run and show. (QR and least squares, ``qr`` and
``lstsq``, are in ``decompositions.py``, beside LU.) ``fit_line`` solves the
normal equations of a line after centring x and y on their means, which
makes them diagonal.

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
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.checks import is_number
from purenn.linalg.reductions import length, mean_of, total
from purenn.linalg.gauss import check_divisible, eliminate, finite_rows, signed_product, square
from purenn.linalg.matrix import Matrix
from purenn.linalg.orthogonal import lstsq, qr
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
    entries are scaled first (see ``_checks.length``):

    >>> norm(Vector([3e200, 4e200])) / 1e200, norm(Vector([3e-200, 4e-200])) / 1e-200
    (5.0, 5.0)
    """
    if isinstance(x, Vector):
        return length(x.tolist())
    if isinstance(x, Matrix):
        return length(x.flat)
    raise TypeError(f"norm takes a Vector or a Matrix, got {type(x).__name__}")


def _square(A: Matrix, operation: str, doing: str) -> int:
    """The size n of a square (n, n) Matrix A; ``doing`` completes "cannot ... a (2, 3) matrix"."""
    if not isinstance(A, Matrix):
        raise TypeError(f"{operation} needs a Matrix, got {type(A).__name__}")
    return square(A.shape, doing)


# ------------------------------------------------------ Gaussian elimination
# Every function here runs the one elimination loop of gauss.py, with its one zero rule.


@overload
def solve(A: Matrix, b: Vector) -> Vector: ...
@overload
def solve(A: Matrix, b: Matrix) -> Matrix: ...


def solve(A: Matrix, b: Union[Vector, Matrix]) -> Union[Vector, Matrix]:
    """Solve A @ x = b for x, by Gaussian elimination with partial pivoting.

    Shapes: A is (n, n); b is a Vector (n,), giving x of shape (n,), or a
    Matrix (n, k) of k right-hand sides, giving x of shape (n, k).

    The loop is ``gauss.eliminate`` on [A | b], the one ``solve_steps``
    shows: forward to a triangular U, then back from the bottom row up.
    Raises SingularMatrixError when A has no inverse (some column has no
    pivot under the zero rule of ``gauss.py``: an entry no bigger than the
    rounding error it may carry, a bound kept beside every entry, counts as
    0, so that rows and columns of very different sizes are judged alike),
    ShapeError for shapes that do not fit, and PurennError for an entry that
    is NaN or infinite, or an answer too large for a float.

    >>> solve(Matrix([[1, 1], [1, -1]]), Vector([10, 2]))
    Vector([6.0, 4.0])
    >>> solve(Matrix([[1e16, 0], [0, 1]]), Vector([1e16, 2]))
    Vector([1.0, 2.0])
    >>> solve(Matrix([[1e-20, 0], [0, 1]]), Vector([1, 1]))
    Vector([1e+20, 1.0])
    >>> solve(Matrix([[1, 2], [2, 4]]), Vector([1, 2]))
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: cannot solve: the (2, 2) matrix is singular (its rows are linearly dependent)...
    """
    n = _square(A, "solve", "solve with")
    if isinstance(b, Vector):
        right: List[List[float]] = [[x] for x in b]
    elif isinstance(b, Matrix):
        right = b.tolist()
    else:
        raise TypeError(f"solve(A, b) needs b to be a Vector or a Matrix, got {type(b).__name__}")
    if len(right) != n:
        what = "entries" if isinstance(b, Vector) else "rows"
        raise ShapeError(
            f"cannot solve {A.shape} @ x = {b.shape}: b needs {n} {what}, one per row of A"
        )
    a_rows = finite_rows(A.tolist(), "solve with", "A")
    finite_rows(right, "solve with", "b")
    rows = [a_row + b_row for a_row, b_row in zip(a_rows, right)]  # [A | b]
    check_divisible(a_rows, n, "solve")
    done = eliminate(rows, n, 1.0, reduced=True)
    if len(done.pivots) < n:
        raise SingularMatrixError(
            f"cannot solve: the {A.shape} matrix is singular (its rows are linearly dependent), "
            "so there is no unique solution"
        )
    x = [row[n:] for row in rows]  # [A | b] is now [I | x]
    if not all(math.isfinite(value) for row in x for value in row):
        raise PurennError(
            f"cannot solve: the solution of this {A.shape} system is too large for a float "
            "(above about 1.8e308); the matrix is nearly singular"
        )
    if isinstance(b, Vector):
        return Vector([row[0] for row in x])
    return Matrix(x)


def det(A: Matrix) -> float:
    """The determinant of a square matrix: (−1)^(row swaps) × (the product of the pivots).

    The pivots are those of ``gauss.eliminate``, the loop ``det_steps``
    shows. It is 0 exactly when some column has no pivot under the zero
    rule, which is when ``rank`` is below n: a matrix singular on paper gives
    0 here, not a tiny number left by rounding. The product is kept as a
    mantissa and a power of two (``math.frexp``), which finds a determinant
    that fits a float even when a partial product would not (a result beyond
    1.8e308 is inf, as in NumPy). NaN or infinity in A is refused.

    >>> det(Matrix([[1, 2], [3, 4]]))
    -2.0
    >>> det(Matrix([[2, 0, 0], [0, 3, 0], [0, 0, 4]]))
    24.0
    >>> det(Matrix([[2.0**1000, 0, 0], [0, 2.0**1000, 0], [0, 0, 2.0**-1000]])) == 2.0**1000
    True
    >>> det(Matrix([[1e-20, 0], [0, 1]])), det(Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
    (1e-20, 0.0)
    """
    n = _square(A, "determinant", "take the determinant of")
    rows = finite_rows(A.tolist(), "take the determinant of")
    check_divisible(rows, n, "take the determinant")
    done = eliminate(rows, n, 1.0)
    if len(done.pivots) < n:
        return 0.0
    return signed_product([rows[i][i] for i in range(n)], done.swaps % 2 == 1, 1.0)


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
    purenn.errors.SingularMatrixError: cannot invert: ...singular (its rows are linearly dependent)...
    """
    n = _square(A, "inverse", "take the inverse of")
    try:
        return solve(A, Matrix.identity(n))
    except SingularMatrixError as error:
        message = str(error).replace("cannot solve", "cannot invert")
        raise SingularMatrixError(message.replace("there is no unique solution", "it has no inverse")) from None


def rank(A: Matrix, tol: Optional[float] = None) -> int:
    """The number of linearly independent rows (equally, columns) of A.

    It is the number of pivots Gaussian elimination finds (``gauss.eliminate``,
    the loop ``rref`` shows). By default an entry no bigger than the rounding
    error it may carry counts as zero (the zero rule of ``gauss.py``): an
    error bound made of eps times the sizes of the numbers it was computed
    from, so relative to their sizes and not to the whole matrix's, so
    that [[1e16, 0], [0, 1]] has rank 2 (NumPy's matrix_rank, which
    measures against the largest singular value, says 1). With ``tol``, an
    entry no bigger than ``tol`` counts as zero.

    >>> rank(Matrix([[1, 2], [2, 4]]))
    1
    >>> rank(Matrix.identity(3)), rank(Matrix([[1e16, 0], [0, 1]])), rank(Matrix([[1e-20, 2e-20], [1, 3]]))
    (3, 2, 2)
    """
    if not isinstance(A, Matrix):
        raise TypeError(f"rank needs a Matrix, got {type(A).__name__}")
    rows = finite_rows(A.tolist(), "find the rank of")
    if tol is None:
        check_divisible(rows, A.shape[1], "find the rank")
        return len(eliminate(rows, A.shape[1], 1.0).pivots)
    if not is_number(tol):
        raise TypeError(f"rank's tol must be a number (or None), got {tol!r}")
    elif not 0.0 <= tol < math.inf or (isinstance(tol, int) and tol > 2**1000):
        raise PurennError(f"rank's tol must be at least 0 and finite, got {tol!r:.40}")
    return len(eliminate(rows, A.shape[1], 1.0, tolerance=float(tol)).pivots)


# ------------------------------------------------------------ least squares


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
