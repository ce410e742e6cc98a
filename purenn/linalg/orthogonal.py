"""Orthogonality: QR by Householder reflections, least squares, Gram–Schmidt, projections.

Two vectors are orthogonal when their dot product is 0. Orthonormal columns
(perpendicular, of length 1) make a matrix Q with Qᵀ Q = I, which keeps
lengths and angles; a projection sends b to the nearest point of a
subspace, and least squares is that projection written in coordinates.
All in floats, on ``Matrix`` and ``Vector``.

>>> Q, R = qr(Matrix([[1, 1], [1, 0], [0, 1]]))
>>> (Q.T @ Q).allclose(Matrix.identity(2)), (Q @ R).allclose(Matrix([[1, 1], [1, 0], [0, 1]]))
(True, True)
"""

import math
from typing import List, NamedTuple, Sequence, Tuple

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.linalg.reductions import length, total
from purenn.linalg.gauss import EPS, finite_rows
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["QR", "gram_schmidt", "lstsq", "project_onto_line", "project_onto_subspace", "qr"]


def _require_matrix(A: object, operation: str) -> Matrix:
    if not isinstance(A, Matrix):
        raise TypeError(f"{operation} needs a Matrix, got {type(A).__name__}")
    return A


# ---------------------------------------------------------------------- QR


class QR(NamedTuple):
    """A = Q R: Q with orthonormal columns (Qᵀ Q = I), R upper triangular with a positive diagonal."""

    Q: Matrix
    R: Matrix


def qr(A: Matrix) -> QR:
    """Factor A = Q @ R by Householder reflections.

    Shapes: A is (m, n) with m >= n; Q is (m, n) with orthonormal columns
    (Q.T @ Q = I) and R is (n, n), upper triangular with a positive diagonal.

    For each column k in turn, a reflection H = I − 2 v vᵀ (a mirror, with
    v of length 1) sends what is left of column k, from row k down, onto
    the axis of row k, making the entries under it 0. A reflection keeps
    lengths exactly, so Q (the product of the mirrors) is orthogonal to the
    last bits of a float, even where Gram–Schmidt's Q is not (Hilbert 8:
    ‖QᵀQ − I‖ is about 1e-15 against 4e-7; see ``gram_schmidt``). The same columns come
    out as from Gram–Schmidt, up to rounding: R's diagonal is made positive.

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
    a, mirrors = _householder(A, [])
    m, n = A.shape
    # Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, the last mirror first
    q = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(m)]
    for k in reversed(range(n)):
        _reflect(q, mirrors[k], k, range(n))
    R = [[a[i][j] if j >= i else 0.0 for j in range(n)] for i in range(n)]
    for k in range(n):  # make R's diagonal positive: flip row k of R and column k of Q
        if R[k][k] < 0.0:
            R[k] = [-x if j >= k else 0.0 for j, x in enumerate(R[k])]  # no −0.0 under the diagonal
            for row in q:
                row[k] = -row[k]
    return QR(Matrix(q), Matrix(R))


def _householder(A: Matrix, extra: Sequence[Sequence[float]]) -> Tuple[List[List[float]], List[List[float]]]:
    """A (with the columns ``extra`` appended) after the n Householder reflections, and the mirrors v.

    Row k of the result, from column k on, is row k of R; the extra
    columns become Qᵀ times themselves (the full, square Q).
    """
    if not isinstance(A, Matrix):
        raise TypeError(f"qr needs a Matrix, got {type(A).__name__}")
    m, n = A.shape
    if m < n:
        raise ShapeError(f"cannot factor a {A.shape} matrix with qr: it needs at least as many rows as columns")
    rows = finite_rows(A.tolist(), "factor")
    a = [row + [float(x) for x in more] for row, more in zip(rows, zip(*extra))] if extra else rows
    original_lengths = [length([row[j] for row in rows]) for j in range(n)]
    mirrors: List[List[float]] = []
    for k in range(n):
        x = [a[i][k] for i in range(k, m)]
        remaining = length(x)
        if remaining <= m * EPS * original_lengths[k]:  # nothing left but rounding error
            if k == 0:
                raise SingularMatrixError(
                    f"cannot factor: column 0 of the {A.shape} matrix is all zeros "
                    "(the columns are linearly dependent)"
                )
            raise SingularMatrixError(
                f"cannot factor: column {k} of the {A.shape} matrix is a combination of "
                "the columns before it (the columns are linearly dependent)"
            )
        # the mirror sends x to alpha e_k, alpha = −sign(x_0) ||x|| (the sign that avoids cancellation)
        alpha = -math.copysign(remaining, x[0])
        v = list(x)
        v[0] -= alpha
        size = length(v)
        v = [t / size for t in v]
        mirrors.append(v)
        _reflect(a, v, k, range(k, len(a[0])))
        a[k][k] = alpha
        for i in range(k + 1, m):
            a[i][k] = 0.0  # exactly zero, by the choice of the mirror
    return a, mirrors


def _reflect(a: List[List[float]], v: List[float], k: int, columns: Sequence[int]) -> None:
    """Apply the mirror H = I − 2 v vᵀ (v acting on rows k..) to the given columns of a, in place."""
    for j in columns:
        t = 2.0 * total(v[i] * a[k + i][j] for i in range(len(v)))
        if t != 0.0:
            for i in range(len(v)):
                a[k + i][j] -= t * v[i]


# ------------------------------------------------------------ least squares


def lstsq(A: Matrix, b: Vector) -> Vector:
    """The x that makes A @ x as close as possible to b (least squares).

    Minimises the sum of squared errors ||A @ x - b||². The Householder
    mirrors of ``qr`` are applied to b as an extra column of A, which gives
    Qᵀ b without forming Q; x then solves the triangular system R @ x = Qᵀ b.
    This is as accurate as ``solve`` on a square system (Hilbert 8: the
    same 8 digits), where the textbook normal equations (AᵀA) x = Aᵀ b
    square the condition number and lose twice as many.

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
    n = A.shape[1]
    a, _ = _householder(A, [b.tolist()])
    # back substitution in R x = Qᵀ b, from the last row up
    x = [0.0] * n
    for i in reversed(range(n)):
        known = total(a[i][j] * x[j] for j in range(i + 1, n))
        x[i] = (a[i][n] - known) / a[i][i]
    if not all(math.isfinite(value) for value in x):
        raise PurennError(f"cannot fit: the solution {x!r} is not finite; the columns of A are nearly dependent")
    return Vector(x)


# ------------------------------------------------------------ Gram–Schmidt


def gram_schmidt(A: Matrix, modified: bool = True) -> Matrix:
    """Orthonormal columns Q spanning the columns of A, by Gram–Schmidt.

    Column j of Q is column j of A minus its components along q_0 .. q_{j-1},
    scaled to length 1. The classical form (``modified=False``) measures each
    component against the original column a_j, all at once:

        v_j = a_j − Σ_i (q_i · a_j) q_i.

    The modified form subtracts them one at a time, measuring each against
    what is left so far:

        v ← a_j;  for each i: v ← v − (q_i · v) q_i.

    On paper they agree. In floats, when the columns of A are nearly
    dependent, the classical form's columns stop being orthogonal: rounding
    errors in q_0 .. q_{j-1} come back into q_j at full size. The modified
    form keeps them small, in proportion to the condition number of A;
    ``qr`` (Householder reflections) keeps them at rounding level always.

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
    finite_rows(A.tolist(), "orthogonalise")
    m, n = A.shape
    if m < n:
        raise ShapeError(f"gram_schmidt of a {A.shape} matrix: it needs at least as many rows as columns")
    q: List[Vector] = []
    for j in range(n):
        a = A.column(j)
        v = a
        for q_i in q:
            # modified: v ← v − (q_i · v) q_i; classical: v ← v − (q_i · a) q_i
            v = v - q_i * (q_i @ (v if modified else a))
        size = length(v.tolist())
        if size <= m * EPS * length(a.tolist()):
            raise SingularMatrixError(
                f"gram_schmidt: column {j} of the {A.shape} matrix is a combination of the columns "
                "before it (the columns must be linearly independent)"
            )
        q.append(v / size)
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
