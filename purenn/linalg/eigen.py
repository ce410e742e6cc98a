"""Eigenvalues and eigenvectors: A v = λ v (v not 0), a direction that A only stretches (or flips, if λ < 0).

Two methods of a first course:

- ``eigh``: every eigenpair of a symmetric matrix, by Jacobi's method. A
  symmetric matrix has real eigenvalues and eigenvectors that can be
  chosen perpendicular (any two for different eigenvalues are);
  Jacobi rotates it, one pair of rows and columns at a time, until it is
  diagonal. The diagonal holds the eigenvalues, the product of the rotations
  the eigenvectors.
- ``power_iteration``: the dominant eigenpair (the eigenvalue largest in
  size) of any square matrix. Multiplying a vector by A again and again
  stretches its component along the dominant eigenvector most, until that
  component is all that is left.

>>> values, vectors = eigh(Matrix([[2, 1], [1, 2]]))
>>> print(values)
[1  3]
>>> A = Matrix([[2, 1], [1, 2]])
>>> (A @ vectors.column(1)).allclose(vectors.column(1) * 3.0)
True
"""

import math
from typing import List, NamedTuple

from purenn.errors import PurennError, ShapeError
from purenn.checks import as_rng, Seed
from purenn.linalg.decompositions import _require_square, _rotation, _scaled
from purenn.linalg.matrix import Matrix
from purenn.linalg.gauss import EPS
from purenn.linalg.operations import norm
from purenn.linalg.vector import Vector

__all__ = ["EigenPair", "Eigh", "eigh", "power_iteration"]


class Eigh(NamedTuple):
    """The eigenvalues in ascending order, and the eigenvectors as the columns of a Matrix."""

    values: Vector
    vectors: Matrix


class EigenPair(NamedTuple):
    """One eigenvalue and its eigenvector (of length 1)."""

    value: float
    vector: Vector


def _with_sign_fixed(v: List[float]) -> List[float]:
    """v or −v, whichever has its largest entry (in size) positive: one choice of the two."""
    largest = max(v, key=abs)
    return [-x for x in v] if largest < 0 else v


def eigh(A: Matrix) -> Eigh:
    """Every eigenvalue and eigenvector of a symmetric matrix, by the cyclic Jacobi method.

    Each rotation J in the plane of rows and columns p and q is chosen so
    that Jᵀ A J has a 0 at (p, q). Later rotations undo some earlier zeros,
    but the sum of squares off the diagonal shrinks with every one, and
    after a few sweeps over all pairs it is at rounding level. Then
    A = V D Vᵀ: D is the diagonal of the eigenvalues, V (the product of the
    rotations) has the eigenvectors as columns, perpendicular and of length 1.

    The eigenvalues come in ascending order, as NumPy's eigh gives them; each
    eigenvector is one of ±v, the one whose entry largest in size (the first
    such, on a tie) is positive.

    >>> eigh(Matrix([[1, 2], [3, 4]]))
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: eigenvalues of a non-symmetric (2, 2) matrix: ...eigh needs A == A.T (power_iteration ...)
    """
    n = _require_square(A, "eigh", "find the eigenvalues of")
    a, scale = _scaled(A)  # A / scale, with scale a power of two: no overflow near 1e±300; NaN and inf refused
    for i in range(n):
        for j in range(i + 1, n):
            if A[i, j] != A[j, i]:
                raise ShapeError(
                    f"eigenvalues of a non-symmetric {A.shape} matrix: entry ({i}, {j}) is {A[i, j]!r} "
                    f"but entry ({j}, {i}) is {A[j, i]!r}; eigh needs A == A.T "
                    "(power_iteration finds the dominant eigenpair of any square matrix)"
                )
    v = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    size = norm(Matrix(a))
    for _ in range(100):  # sweeps; convergence is quadratic, so a handful are used
        off = math.sqrt(math.fsum(a[i][j] ** 2 for i in range(n) for j in range(n) if i != j))
        if off <= EPS * size:
            break
        for p in range(n):
            for q in range(p + 1, n):
                if a[p][q] == 0.0:
                    continue
                c, s = _rotation(a[p][p], a[q][q], a[p][q])
                # A <- Jᵀ A J: first the columns p and q, then the rows p and q
                for k in range(n):
                    akp, akq = a[k][p], a[k][q]
                    a[k][p], a[k][q] = c * akp - s * akq, s * akp + c * akq
                for k in range(n):
                    apk, aqk = a[p][k], a[q][k]
                    a[p][k], a[q][k] = c * apk - s * aqk, s * apk + c * aqk
                a[p][q] = a[q][p] = 0.0  # zero by the choice of the rotation, not a residue
                # V <- V J: the eigenvectors so far
                for k in range(n):
                    vkp, vkq = v[k][p], v[k][q]
                    v[k][p], v[k][q] = c * vkp - s * vkq, s * vkp + c * vkq
    else:
        raise PurennError(f"eigenvalues of the {A.shape} matrix: Jacobi did not converge in 100 sweeps")
    order = sorted(range(n), key=lambda i: a[i][i])
    vectors = [_with_sign_fixed([v[k][i] for k in range(n)]) for i in order]
    return Eigh(Vector([scale * a[i][i] for i in order]), Matrix.from_columns(vectors))


def power_iteration(A: Matrix, max_iterations: int = 10_000, rng: Seed = 0) -> EigenPair:
    """The dominant eigenpair of a square matrix: the eigenvalue largest in size, and its eigenvector.

    Start from a random vector x; repeat x ← A x / ||A x||. The estimate of
    λ is the Rayleigh quotient x · A x. It stops when A x − λ x is at the
    level of rounding (below 10 · n · eps · ||A||). The error in the
    direction shrinks by about |λ2 / λ1| per step, λ2 being the second
    eigenvalue in size, so it fails (with an error) when two different
    eigenvalues share the largest size: λ and −λ, or a complex pair, as a
    rotation of the plane has; and it crawls (the error shrinks like 1/k)
    when the largest eigenvalue is repeated with too few eigenvectors, as for
    a shear. It also needs the random start to have some
    part along the dominant eigenvector, which a random start has (with
    probability 1).

    >>> value, vector = power_iteration(Matrix([[2, 1], [0, 1]]))
    >>> round(value, 12), vector.allclose(Vector([1, 0]))
    (2.0, True)
    >>> power_iteration(Matrix([[0, -1], [1, 0]]))
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: ...two eigenvalues share the largest size (λ and −λ, or a complex pair)...
    """
    n = _require_square(A, "power_iteration", "find the eigenvalues of")
    rows, scale = _scaled(A)  # A / scale, with scale a power of two: no overflow near 1e±300
    A = Matrix(rows)
    size = norm(A)
    if size == 0.0:
        return EigenPair(0.0, Vector([1.0] + [0.0] * (n - 1)))
    source = as_rng(rng)
    x = Vector([source.uniform(-1.0, 1.0) for _ in range(n)])
    x = x / norm(x)
    for _ in range(max_iterations):
        y = A @ x
        value = x @ y  # the Rayleigh quotient, since x has length 1
        if norm(y - x * value) <= 10 * n * EPS * size:
            return EigenPair(scale * value, Vector(_with_sign_fixed(x.tolist())))
        x = y / norm(y)  # y is not 0: then the residual would have been 0
    raise PurennError(
        f"dominant eigenvalue of the {A.shape} matrix: power iteration did not settle in {max_iterations} "
        "iterations; either two eigenvalues share the largest size (λ and −λ, or a complex pair), or the "
        "largest is repeated with too few eigenvectors (a defective matrix, like the shear [[1, 1], [0, 1]]); "
        "eigenvalues() finds them all"
    )
