"""NumPy reference outputs for purenn's first-course linear algebra (decompositions.py, eigen.py).

Run by record.py (never by the test suite). Needs NumPy, never imports
purenn. One recorder, record_linalg_course -> linalg_course.json, in the
format of encoding.py, with the inputs drawn from
numpy.random.default_rng(SEED) stored in each case.

The ops, and what NumPy computes for each:

- lu: NumPy has no LU factorisation, so ``lu_partial_pivoting`` below writes
  Doolittle's elimination with partial pivoting in NumPy (whole-row array
  operations) and checks its own answer: P A = L U to rounding, and
  det(P) det(U) = np.linalg.det(A);
- gram_schmidt (modified and classical): np.linalg.qr's Q, with the signs
  of its columns chosen so that R has a positive diagonal (Gram–Schmidt's
  convention); only well-conditioned inputs, where the two forms agree;
- project_onto_line: a (a·b) / (a·a); project_onto_subspace: A @ lstsq(A, b);
- rank_one_update: A + alpha np.outer(u, v);
- matrix_power: np.linalg.matrix_power, for negative k of np.linalg.inv(A);
- singular_values: np.linalg.svd(A, compute_uv=False); cond: np.linalg.cond(A);
- eigh: np.linalg.eigh (ascending eigenvalues), each eigenvector's sign
  chosen so that its largest entry in size is positive (purenn's choice);
  inputs Q diag(λ) Qᵀ with eigenvalues at least 0.5 apart, made exactly
  symmetric;
- power_iteration: the eigenvalue of np.linalg.eig largest in size and its
  unit eigenvector, sign chosen as for eigh; inputs S diag(λ) S⁻¹ with S
  well conditioned and |λ2 / λ1| <= 0.6, so the dominant pair is well
  separated.
"""

from typing import Callable, Dict, Mapping, Tuple

import numpy as np

from encoding import Result, Section, floats, several

SEED = 20261201

Array = np.ndarray


def lu_partial_pivoting(A: Array) -> Tuple[Array, Array, Array]:
    """P, L, U with P A = L U: Gaussian elimination, the largest |entry| of each column as pivot."""
    n = A.shape[0]
    U = A.astype(np.float64).copy()
    L = np.zeros((n, n))
    order = np.arange(n)
    for k in range(n):
        best = k + int(np.argmax(np.abs(U[k:, k])))
        if best != k:
            U[[k, best]] = U[[best, k]]
            L[[k, best]] = L[[best, k]]
            order[[k, best]] = order[[best, k]]
        if U[k, k] == 0.0:
            continue
        multipliers = U[k + 1:, k] / U[k, k]
        L[k + 1:, k] = multipliers
        U[k + 1:] -= np.outer(multipliers, U[k])
        U[k + 1:, k] = 0.0
    L += np.eye(n)
    P = np.eye(n)[order]
    assert np.allclose(P @ A, L @ U, rtol=1e-12, atol=1e-12 * np.max(np.abs(A)))
    assert np.isclose(np.linalg.det(P) * np.prod(np.diag(U)), np.linalg.det(A), rtol=1e-9)
    return P, L, U


def sign_fixed_columns(V: Array) -> Array:
    """Each column times ±1 so that its largest entry in size is positive."""
    V = V.copy()
    for j in range(V.shape[1]):
        if V[np.argmax(np.abs(V[:, j])), j] < 0:
            V[:, j] = -V[:, j]
    return V


def lu(A: Array) -> Result:
    P, L, U = lu_partial_pivoting(A)
    # U's rows are differences of rows of A: terms of the size of A's largest entry (growth is small here)
    return several(floats(P, 0.0), floats(L, 1.0), floats(U, np.max(np.abs(U))))


def q_of_qr(A: Array) -> Result:
    Q, R = np.linalg.qr(A)
    return floats(Q * np.where(np.diag(R) < 0, -1.0, 1.0), 1.0)


def project_onto_line(b: Array, a: Array) -> Result:
    p = a * ((a @ b) / (a @ a))
    return floats(p, np.max(np.abs(a)) * (np.abs(a) @ np.abs(b)) / (a @ a))


def project_onto_subspace(b: Array, A: Array) -> Result:
    x = np.linalg.lstsq(A, b, rcond=None)[0]
    return floats(A @ x, np.max(np.abs(A) @ np.abs(x)))


def rank_one_update(A: Array, u: Array, v: Array, alpha: float) -> Result:
    return floats(A + alpha * np.outer(u, v), np.abs(A) + np.abs(alpha * np.outer(u, v)))


def matrix_power(A: Array, k: int) -> Result:
    base = np.linalg.inv(A) if k < 0 else A
    return floats(np.linalg.matrix_power(base, k if k >= 0 else -k), np.max(np.linalg.matrix_power(np.abs(base), abs(k))))


def eigh(A: Array) -> Result:
    values, vectors = np.linalg.eigh(A)
    return several(floats(values, np.max(np.abs(values))), floats(sign_fixed_columns(vectors), 1.0))


def power_iteration(A: Array) -> Result:
    values, vectors = np.linalg.eig(A)
    k = int(np.argmax(np.abs(values)))
    assert abs(values[k].imag) == 0.0
    v = np.real(vectors[:, k])
    v = v / np.linalg.norm(v)
    return several(floats(float(values[k].real), np.max(np.abs(values))), floats(sign_fixed_columns(v[:, None])[:, 0], 1.0))


REFERENCE: Dict[str, Callable[..., Result]] = {
    "lu": lu,
    "gram_schmidt_modified": q_of_qr,
    "gram_schmidt_classical": q_of_qr,
    "project_onto_line": project_onto_line,
    "project_onto_subspace": project_onto_subspace,
    "rank_one_update": rank_one_update,
    "matrix_power": matrix_power,
    "singular_values": lambda A: floats(np.linalg.svd(A, compute_uv=False), np.max(np.linalg.svd(A, compute_uv=False))),
    "cond": lambda A: floats(np.linalg.cond(A), 0.0),
    "eigh": eigh,
    "power_iteration": power_iteration,
}


# ------------------------------------------------------------------ inputs


def orthogonal(rng: np.random.Generator, n: int) -> Array:
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return Q


def symmetric_with_separated_eigenvalues(rng: np.random.Generator, n: int) -> Array:
    """Q diag(λ) Qᵀ, the λ at least 0.5 apart, then (A + Aᵀ) / 2 to make it exactly symmetric."""
    gaps = rng.uniform(0.5, 2.0, n)
    values = np.cumsum(gaps) - rng.uniform(0.0, gaps.sum())
    Q = orthogonal(rng, n)
    A = Q @ np.diag(values) @ Q.T
    return (A + A.T) / 2.0


def dominant_well_separated(rng: np.random.Generator, n: int) -> Array:
    """S diag(λ) S⁻¹ with |λ_i| <= 0.6 |λ_1| for i > 1 and S = I + small noise."""
    top = rng.choice([-1.0, 1.0]) * rng.uniform(2.0, 5.0)
    rest = rng.uniform(-0.6, 0.6, n - 1) * abs(top)
    S = np.eye(n) + 0.2 * rng.uniform(-1.0, 1.0, (n, n))
    return S @ np.diag(np.concatenate([[top], rest])) @ np.linalg.inv(S)


def well_conditioned(rng: np.random.Generator, m: int, n: int) -> Array:
    """uniform(-1, 1) plus a dominant diagonal: condition number near 1."""
    A = rng.uniform(-1.0, 1.0, (m, n))
    A[:n, :n] += max(m, n) * np.eye(n)
    return A


# --------------------------------------------------------------- recorder


def record_linalg_course() -> Tuple[str, Mapping[str, object]]:
    s = Section("linalg_course", SEED, REFERENCE)
    rng = s.rng
    for n in (1, 2, 3, 4, 6, 8):
        s.case("lu", f"{n}x{n}_normal", rng.standard_normal((n, n)) * 3.0)
    s.case("lu", "4x4_ints", rng.integers(-9, 10, (4, 4)).astype(np.float64))
    s.case("lu", "3x3_needs_swaps", np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [4.0, 1.0, 2.0]]))
    for m, n in ((2, 2), (3, 2), (4, 4), (6, 3), (5, 5)):
        A = well_conditioned(rng, m, n)
        s.case("gram_schmidt_modified", f"{m}x{n}", A)
        s.case("gram_schmidt_classical", f"{m}x{n}", A)
    for n in (2, 3, 5):
        s.case("project_onto_line", f"{n}", rng.standard_normal(n), rng.standard_normal(n))
    for m, n in ((3, 1), (3, 2), (6, 3)):
        s.case("project_onto_subspace", f"{m}x{n}", rng.standard_normal(m), well_conditioned(rng, m, n))
    for m, n in ((2, 2), (3, 4)):
        s.case("rank_one_update", f"{m}x{n}", rng.standard_normal((m, n)), rng.standard_normal(m), rng.standard_normal(n), 0.5)
    for k in (0, 1, 2, 5, 8):
        s.case("matrix_power", f"3x3_k{k}", rng.uniform(-1.0, 1.0, (3, 3)), k)
    s.case("matrix_power", "2x2_ints_k10", np.array([[1.0, 1.0], [1.0, 0.0]]), 10)
    s.case("matrix_power", "3x3_k-3", well_conditioned(rng, 3, 3), -3)
    for m, n in ((2, 2), (3, 3), (5, 3), (3, 5), (6, 6)):
        s.case("singular_values", f"{m}x{n}", well_conditioned(rng, m, n) if m >= n else well_conditioned(rng, n, m).T)
    for n in (2, 3, 5):
        s.case("cond", f"{n}x{n}", well_conditioned(rng, n, n))
    s.case("cond", "2x2_diagonal_1e-3", np.array([[1.0, 0.0], [0.0, 1e-3]]))
    for n in (1, 2, 3, 4, 6, 8):
        s.case("eigh", f"{n}x{n}", symmetric_with_separated_eigenvalues(rng, n))
    for n in (2, 3, 4, 6):
        s.case("power_iteration", f"{n}x{n}", dominant_well_separated(rng, n))
    return s.document()
