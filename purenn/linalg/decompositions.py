"""More of a first course: LU, Gram–Schmidt, projections, rank-one updates, powers, singular values.

Each function is short and written as the textbook states it, in floats on
``Matrix`` and ``Vector``. The eigenvalue methods are in ``eigen.py``.

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

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.linalg.matrix import Matrix
from purenn.linalg.operations import EPS, inverse, lstsq, outer, qr
from purenn.linalg.vector import Vector

__all__ = [
    "LU",
    "cond",
    "gram_schmidt",
    "lu",
    "matrix_power",
    "project_onto_line",
    "project_onto_subspace",
    "rank_one_update",
    "singular_values",
]


def _require_matrix(A: object, operation: str) -> Matrix:
    if not isinstance(A, Matrix):
        raise TypeError(f"{operation} needs a Matrix, got {type(A).__name__}")
    return A


def _require_square(A: object, operation: str) -> int:
    rows, columns = _require_matrix(A, operation).shape
    if rows != columns:
        raise ShapeError(f"{operation} of a non-square {(rows, columns)} matrix: it must be square (n, n)")
    return rows


# ---------------------------------------------------------------------- LU


class LU(NamedTuple):
    """P A = L U: P a permutation, L unit lower triangular, U upper triangular."""

    P: Matrix
    L: Matrix
    U: Matrix


def lu(A: Matrix) -> LU:
    """Factor a square matrix as P A = L U, by Gaussian elimination with partial pivoting.

    U is what elimination leaves; L records the multipliers it used (entry
    (i, k) of L is how many times row k was subtracted from row i), with
    ones on its diagonal; P records the row swaps. Solving A x = b is then
    two triangular solves: L y = P b, then U x = y. A singular A still has
    an LU factorisation: a column with no non-zero entry left is skipped,
    and U has a 0 on its diagonal there.

    >>> P, L, U = lu(Matrix([[0, 1], [1, 1]]))
    >>> print(P)
    [[0  1]
     [1  0]]
    >>> lu(Matrix([[1, 2, 3]]))
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: LU factorisation of a non-square (1, 3) matrix: it must be square (n, n)
    """
    n = _require_square(A, "LU factorisation")
    U = A.tolist()
    L = [[0.0] * n for _ in range(n)]
    order = list(range(n))  # row i of P A is row order[i] of A
    for k in range(n):
        # the largest entry of column k, from row k down, becomes the pivot
        best = max(range(k, n), key=lambda i: abs(U[i][k]))
        if best != k:
            U[k], U[best] = U[best], U[k]
            L[k], L[best] = L[best], L[k]  # the multipliers found so far move with their rows
            order[k], order[best] = order[best], order[k]
        if U[k][k] == 0.0:
            continue  # nothing to eliminate: the column is already zero below the diagonal
        for i in range(k + 1, n):
            multiplier = U[i][k] / U[k][k]
            L[i][k] = multiplier
            U[i] = [x - multiplier * p for x, p in zip(U[i], U[k])]
            U[i][k] = 0.0  # exactly zero, not a rounding residue
    for i in range(n):
        L[i][i] = 1.0
    P = [[1.0 if j == order[i] else 0.0 for j in range(n)] for i in range(n)]
    return LU(Matrix(P), Matrix(L), Matrix(U))


# ------------------------------------------------------------ Gram–Schmidt


def gram_schmidt(A: Matrix, modified: bool = True) -> Matrix:
    """Orthonormal columns Q spanning the columns of A, by Gram–Schmidt.

    Column j of Q is column j of A minus its components along q_0 .. q_{j-1},
    scaled to length 1. The classical form (``modified=False``) measures each
    component against the original column a_j, all at once:

        v_j = a_j − Σ_i (q_i · a_j) q_i.

    The modified form subtracts them one at a time, measuring each against
    what is left so far (this is what ``qr`` does):

        v ← a_j;  for each i: v ← v − (q_i · v) q_i.

    On paper they agree. In floats, when the columns of A are nearly
    dependent, the classical form's columns stop being orthogonal: rounding
    errors in q_0 .. q_{j-1} come back into q_j at full size. The modified
    form keeps them small.

    >>> Q = gram_schmidt(Matrix([[3, 1], [4, 1]]))
    >>> print(Q)
    [[0.6   0.8]
     [0.8  -0.6]]
    >>> e = 1e-8
    >>> A = Matrix([[1, 1, 1], [e, 0, 0], [0, e, 0], [0, 0, e]])
    >>> classical, modified = gram_schmidt(A, modified=False), gram_schmidt(A)
    >>> round(abs(classical.column(1) @ classical.column(2)), 2), abs(modified.column(1) @ modified.column(2)) < 1e-7
    (0.5, True)

    Shapes: A (m, n) with m >= n; Q (m, n). Raises SingularMatrixError when
    a column is a combination of the ones before it.
    """
    _require_matrix(A, "gram_schmidt")
    if modified:
        return qr(A)[0]
    m, n = A.shape
    if m < n:
        raise ShapeError(f"gram_schmidt of a {A.shape} matrix: it needs at least as many rows as columns")
    q: List[Vector] = []
    for j in range(n):
        a = A.column(j)
        v = a
        for q_i in q:
            v = v - q_i * (q_i @ a)  # classical: every component measured against a itself
        length = math.sqrt(v @ v)
        if length <= m * EPS * math.sqrt(a @ a):
            raise SingularMatrixError(
                f"gram_schmidt: column {j} of the {A.shape} matrix is a combination of the columns "
                "before it (the columns must be linearly independent)"
            )
        q.append(v / length)
    return Matrix.from_columns(q)


# ------------------------------------------------------------- projections


def project_onto_line(b: Vector, a: Vector) -> Vector:
    """The projection of b onto the line through 0 and a: p = (a · b / a · a) a.

    p is the point of the line closest to b, and b − p is perpendicular to a.

    >>> project_onto_line(Vector([2, 3]), Vector([1, 0]))
    Vector([2.0, 0.0])
    >>> project_onto_line(Vector([2, 3]), Vector([0, 0]))
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: projection onto the line through a zero vector: a spans no line, it must not be 0
    """
    if not isinstance(a, Vector) or not isinstance(b, Vector):
        raise TypeError(f"project_onto_line takes two Vectors, got {type(b).__name__} and {type(a).__name__}")
    if len(a) != len(b):
        raise ShapeError(f"cannot project {b.shape} onto a line through {a.shape}: they must have the same length")
    aa = a @ a
    if aa == 0.0:
        raise PurennError("projection onto the line through a zero vector: a spans no line, it must not be 0")
    return a * ((a @ b) / aa)


def project_onto_subspace(b: Vector, A: Matrix) -> Vector:
    """The projection of b onto the space spanned by the columns of A: p = A x̂,
    where x̂ is the least-squares solution of A x = b.

    b − p is perpendicular to every column of A. The columns must be
    linearly independent.

    >>> A = Matrix([[1, 0], [0, 1], [0, 0]])
    >>> project_onto_subspace(Vector([1, 2, 3]), A)
    Vector([1.0, 2.0, 0.0])
    """
    _require_matrix(A, "project_onto_subspace")
    if not isinstance(b, Vector):
        raise TypeError(f"project_onto_subspace needs b to be a Vector, got {type(b).__name__}")
    return A @ lstsq(A, b)


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
    n = _require_square(A, "matrix power")
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

    >>> singular_values(Matrix([[3, 0], [0, -2]]))
    Vector([3.0, 2.0])
    """
    _require_matrix(A, "singular_values")
    if not all(math.isfinite(x) for row in A for x in row):
        raise PurennError("singular_values needs a matrix of finite numbers; this one holds NaN or infinity")
    m, n = A.shape
    columns = [list(c) for c in (A.T if m < n else A).T]  # the shorter side's columns
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
    return Vector(sorted((math.sqrt(math.fsum(a * a for a in c)) for c in columns), reverse=True))


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
    """
    sigma = singular_values(A)
    if sigma[-1] == 0.0:
        return math.inf
    return sigma[0] / sigma[-1]

