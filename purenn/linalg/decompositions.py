"""More of a first course: LU, rank-one updates, powers, singular values and the condition number.

Each function is short and written as the textbook states it, in floats on
``Matrix`` and ``Vector``. QR, least squares, Gram–Schmidt and projections
are in ``orthogonal.py`` (and importable from here too, as before); the
eigenvalue methods are in ``eigen.py``; exact row reduction, with its
working, in ``elimination.py``.

>>> A = Matrix([[2, 1], [4, 3]])
>>> P, L, U = lu(A)
>>> print(L)
[[  1  0]
 [0.5  1]]
>>> print(U)
[[4     3]
 [0  -0.5]]
>>> (P @ A).allclose(L @ U)
True
"""

import math
from typing import List, NamedTuple, Optional, Tuple

from purenn.errors import ShapeError
from purenn.linalg.gauss import EPS, check_divisible, eliminate, finite_rows, square
from purenn.linalg.matrix import Matrix
from purenn.linalg.operations import inverse, outer
from purenn.linalg.orthogonal import QR, gram_schmidt, lstsq, project_onto_line, project_onto_subspace, qr
from purenn.linalg.vector import Vector

__all__ = [
    "LU",
    "QR",
    "cond",
    "gram_schmidt",
    "lstsq",
    "lu",
    "matrix_power",
    "project_onto_line",
    "project_onto_subspace",
    "qr",
    "rank_one_update",
    "singular_values",
]


def _require_matrix(A: object, operation: str) -> Matrix:
    if not isinstance(A, Matrix):
        raise TypeError(f"{operation} needs a Matrix, got {type(A).__name__}")
    return A


def _require_square(A: object, operation: str, doing: str) -> int:
    """The size of a square Matrix A; ``doing`` completes "cannot ... a (2, 3) matrix: it must be square"."""
    return square(_require_matrix(A, operation).shape, doing)


def _scaled(A: Matrix) -> Tuple[List[List[float]], float]:
    """A / s and s, s the power of two nearest A's largest entry; PurennError for NaN or infinity.

    Sums of squares of entries near 1e160 overflow and those of entries near
    1e-170 underflow; divided by s every entry is less than 2 in size, and
    dividing or multiplying by a power of two is exact.
    """
    rows = finite_rows(A.tolist(), "work with")
    largest = max(abs(x) for row in rows for x in row)
    if largest == 0.0:
        return rows, 1.0
    s = math.ldexp(1.0, math.frexp(largest)[1] - 1)  # 2**1023 at most: a float
    return [[x / s for x in row] for row in rows], s


# ---------------------------------------------------------------------- LU


class LU(NamedTuple):
    """P A = L U: P a permutation, L unit lower triangular, U upper triangular."""

    P: Matrix
    L: Matrix
    U: Matrix


def lu(A: Matrix) -> LU:
    """Factor a square matrix as P A = L U, by Gaussian elimination with partial pivoting.

    The elimination is ``gauss.eliminate``, the loop under ``solve``, ``det``
    and the working of ``ref``. U is what it leaves, a row echelon form; L
    records the multipliers it used (entry (i, k) of L is how many times
    pivot row k was subtracted from row i), with ones on its diagonal; P
    records the row swaps. Solving A x = b is then two triangular solves:
    L y = P b, then U x = y. A singular A still has an LU factorisation: a
    column with no pivot (under the zero rule) is skipped, and U stays in
    echelon form, with zero rows at the bottom.

    >>> P, L, U = lu(Matrix([[0, 1], [1, 1]]))
    >>> print(P)
    [[0  1]
     [1  0]]
    >>> print(lu(Matrix([[1, 1, 1], [2, 2, 5], [4, 4, 8]])).U)
    [[4  4  8]
     [0  0  1]
     [0  0  0]]
    >>> lu(Matrix([[1, 2, 3]]))
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot factor a (1, 3) matrix: it must be square
    """
    n = _require_square(A, "lu", "factor")
    U = finite_rows(A.tolist(), "factor")
    L = [[0.0] * n for _ in range(n)]
    order = list(range(n))  # row i of P A is row order[i] of A

    def record(kind: str, row: int, source: int, factor: float) -> None:
        if kind == "swap":  # the multipliers found so far move with their rows
            L[row], L[source] = L[source], L[row]
            order[row], order[source] = order[source], order[row]
        elif kind == "add":  # row ← row − ℓ · source: ℓ = −factor goes into L
            L[row][source] = -factor

    check_divisible(U, n, "factor")
    eliminate(U, n, 1.0, record=record)
    for i in range(n):
        L[i][i] = 1.0
    P = [[1.0 if j == order[i] else 0.0 for j in range(n)] for i in range(n)]
    return LU(Matrix(P), Matrix(L), Matrix(U))


# ------------------------------------------------------ rank-one updates


def rank_one_update(A: Matrix, u: Vector, v: Vector, alpha: float = 1.0) -> Matrix:
    """A + α u vᵀ: A plus a matrix of rank one (the outer product of u and v).

    Every column of u vᵀ is a multiple of u, so it has rank 1. A gradient
    step on a weight matrix for a single example is such an update: for one
    row x, equation (12) gives ∂J/∂W1 = xᵀ · ∂J/∂z1, a column times a row,
    the outer product of x and ∂J/∂z1.

    >>> rank_one_update(Matrix([[1, 0], [0, 1]]), Vector([1, 2]), Vector([3, 4]))
    Matrix([[4.0, 4.0], [6.0, 9.0]])
    >>> rank_one_update(Matrix([[1, 0], [0, 1]]), Vector([1, 2, 3]), Vector([3, 4]))
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: rank-one update of a (2, 2) matrix by u (3,) and v (2,): u needs 2 entries and v 2
    """
    _require_matrix(A, "rank_one_update")
    if not isinstance(u, Vector) or not isinstance(v, Vector):
        raise TypeError(f"rank_one_update needs u and v to be Vectors, got {type(u).__name__} and {type(v).__name__}")
    m, n = A.shape
    if len(u) != m or len(v) != n:
        raise ShapeError(
            f"rank-one update of a {A.shape} matrix by u {u.shape} and v {v.shape}: u needs {m} entries and v {n}"
        )
    return A + outer(u, v) * alpha


# ------------------------------------------------------------------ powers


def matrix_power(A: Matrix, k: int) -> Matrix:
    """A multiplied by itself k times (A⁰ = I; a negative k uses the inverse), by repeated squaring.

    A⁸ = ((A²)²)²: three products instead of seven. In general the bits of k
    say which of A, A², A⁴, ... to multiply together.

    >>> print(matrix_power(Matrix([[1, 1], [1, 0]]), 10))
    [[89  55]
     [55  34]]
    >>> matrix_power(Matrix([[2, 0], [0, 4]]), -1)
    Matrix([[0.5, 0.0], [0.0, 0.25]])
    """
    n = _require_square(A, "matrix_power", "raise to a power")
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"matrix_power needs a whole number k, got {k!r}")
    base = inverse(A) if k < 0 else A
    result: Optional[Matrix] = None
    exponent = abs(k)
    while exponent:
        if exponent & 1:
            result = base if result is None else result @ base
        exponent >>= 1
        if exponent:
            base = base @ base
    return Matrix.identity(n) if result is None else result


# -------------------------------------------------------- singular values


def singular_values(A: Matrix) -> Vector:
    """The singular values of A, largest first, by one-sided Jacobi rotations.

    The singular values are the lengths of the semi-axes of the ellipse (or
    ellipsoid) that A makes of the unit circle (sphere). Rotating pairs of
    columns of A until every two are perpendicular leaves AV, with V a
    rotation; the lengths of its columns are then the singular values.

    The matrix is first divided by a power of two near its largest entry
    (exact), so that entries near 1e±300 neither overflow nor underflow.

    >>> singular_values(Matrix([[3, 0], [0, -2]]))
    Vector([3.0, 2.0])
    >>> singular_values(Matrix([[3e200, 0], [0, -2e200]])) == Vector([3e200, 2e200])
    True
    """
    _require_matrix(A, "singular_values")
    rows, scale = _scaled(A)
    m, n = A.shape
    columns = [list(c) for c in (rows if m < n else list(zip(*rows)))]  # the shorter side's columns
    for _ in range(100):  # sweeps; each squares the error, so a handful suffice
        rotated = False
        for p in range(len(columns)):
            for q in range(p + 1, len(columns)):
                x, y = columns[p], columns[q]
                alpha = math.fsum(a * a for a in x)
                beta = math.fsum(b * b for b in y)
                gamma = math.fsum(a * b for a, b in zip(x, y))
                if abs(gamma) <= EPS * math.sqrt(alpha * beta) or gamma == 0.0:
                    continue  # already perpendicular, to rounding
                rotated = True
                c, s = _rotation(alpha, beta, gamma)
                columns[p] = [c * a - s * b for a, b in zip(x, y)]
                columns[q] = [s * a + c * b for a, b in zip(x, y)]
        if not rotated:
            break
    return Vector(sorted((scale * math.sqrt(math.fsum(a * a for a in c)) for c in columns), reverse=True))


def _rotation(app: float, aqq: float, apq: float) -> Tuple[float, float]:
    """cos and sin of the Jacobi rotation that zeroes apq of [[app, apq], [apq, aqq]].

    With θ = (aqq − app) / (2 apq), t = tan φ is the smaller root of
    t² + 2θt − 1 = 0, which keeps the rotation small (|φ| <= 45°).
    """
    theta = (aqq - app) / (2.0 * apq)
    if abs(theta) > 1e150:  # θ² would overflow; then t ≈ 1 / (2θ)
        t = 1.0 / (2.0 * theta)
    else:
        t = math.copysign(1.0, theta) / (abs(theta) + math.sqrt(theta * theta + 1.0))
    c = 1.0 / math.sqrt(t * t + 1.0)
    return c, t * c


def cond(A: Matrix) -> float:
    """The condition number of A: largest singular value / smallest.

    It bounds how much a relative error in b can grow in the solution of
    A x = b: a condition number of 10^k can cost k of the 16 digits a float
    holds. An identity has 1. A singular matrix has infinity when its
    smallest singular value comes out exactly 0, and a huge number (around
    1e16) when rounding leaves it a little above 0.

    >>> cond(Matrix([[1, 0], [0, 1e-3]]))
    1000.0
    >>> cond(Matrix([[1, 2], [2, 4]]))
    inf
    >>> cond(Matrix([[1e160, 0], [0, 1e157]]))
    1000.0
    """
    sigma = singular_values(A)
    if sigma[-1] == 0.0:
        return math.inf
    return sigma[0] / sigma[-1]

