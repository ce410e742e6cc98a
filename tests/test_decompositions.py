"""LU, Gram–Schmidt, projections, rank-one updates, powers, singular values and eigenpairs.

Two kinds of check. Golden: tests/golden/linalg_course.json holds NumPy's
answers (recorded by tests/golden/reference_linalg_course.py; never edit it
by hand), compared with the rule of tests/test_golden_core.py at 1e-12.
Property: the defining identity of each factorisation (P A = L U,
Qᵀ Q = I, A v = λ v, ...) on hundreds of random matrices drawn from
``random.Random(seed)``.
"""

import math
import random
from typing import Any, Callable, Dict

import pytest

from purenn import Matrix, Vector
from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.linalg.decompositions import (
    cond,
    gram_schmidt,
    lu,
    matrix_power,
    project_onto_line,
    project_onto_subspace,
    rank_one_update,
    singular_values,
)
from purenn.linalg.eigen import eigh, power_iteration
from tests.golden_compare import decode, load
from tests.test_golden_core import entries, relative_error

GOLDEN_FILE = "linalg_course.json"
MINIMUM_CASES = 52  # as first recorded
TOLERANCE = 1e-12
HALF: Any = 1.5  # not an int: for the type check of matrix_power

CASES, PROBLEMS = load(GOLDEN_FILE, MINIMUM_CASES)

OPERATIONS: Dict[str, Callable[..., object]] = {
    "lu": lu,
    "gram_schmidt_modified": lambda A: gram_schmidt(A, modified=True),
    "gram_schmidt_classical": lambda A: gram_schmidt(A, modified=False),
    "project_onto_line": project_onto_line,
    "project_onto_subspace": project_onto_subspace,
    "rank_one_update": rank_one_update,
    "matrix_power": matrix_power,
    "singular_values": singular_values,
    "cond": cond,
    "eigh": eigh,
    "power_iteration": power_iteration,
}


# ------------------------------------------------------------------ golden


def test_golden_file_is_complete() -> None:
    assert not PROBLEMS, "\n".join(PROBLEMS)
    assert {case["op"] for case in CASES} == set(OPERATIONS)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_golden(case: Dict[str, Any]) -> None:
    actual = OPERATIONS[case["op"]](*[decode(arg) for arg in case["args"]])
    wrong = [
        f"{where}: purenn {value!r}, NumPy {reference!r}, scale {scale!r}: "
        f"relative error {relative_error(value, reference, scale):.3g} > {TOLERANCE}"
        for where, value, reference, scale in entries(actual, case["expected"], case["id"])
        if not relative_error(value, reference, scale) <= TOLERANCE
    ]
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- properties


def random_matrix(rng: random.Random, m: int, n: int) -> Matrix:
    return Matrix([[rng.uniform(-1.0, 1.0) for _ in range(n)] for _ in range(m)])


def close(A: Matrix, B: Matrix, tolerance: float = 1e-12) -> bool:
    """Every entry within tolerance · (the largest entry of A or B, at least 1)."""
    size = max(1.0, max(abs(A).max(), abs(B).max()))
    return all(abs(a - b) <= tolerance * size for ra, rb in zip(A, B) for a, b in zip(ra, rb))


def is_permutation(P: Matrix) -> bool:
    rows = P.tolist()
    return all(sorted(row) == [0.0] * (len(row) - 1) + [1.0] for row in rows) and all(
        sorted(column) == [0.0] * (len(rows) - 1) + [1.0] for column in P.T.tolist()
    )


@pytest.mark.parametrize("seed", range(300))
def test_lu_gives_P_A_equals_L_U(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 7)
    A = random_matrix(rng, n, n)
    if seed % 10 == 0 and n > 1:  # singular: the last row a copy of the first
        A = Matrix(A.tolist()[:-1] + [A.tolist()[0]])
    P, L, U = lu(A)
    assert is_permutation(P)
    assert close(P @ A, L @ U)
    assert all(L[i, i] == 1.0 and abs(L[i, j]) <= 1.0 for i in range(n) for j in range(i + 1))  # partial pivoting
    assert all(L[i, j] == 0.0 and U[j, i] == 0.0 for i in range(n) for j in range(i + 1, n))


@pytest.mark.parametrize("seed", range(300))
def test_gram_schmidt_gives_orthonormal_columns_spanning_A(seed: int) -> None:
    rng = random.Random(1000 + seed)
    n = rng.randint(1, 5)
    m = n + rng.randint(0, 3)
    A = random_matrix(rng, m, n) + Matrix([[float(m) if i == j else 0.0 for j in range(n)] for i in range(m)])
    for modified in (True, False):
        Q = gram_schmidt(A, modified=modified)
        assert close(Q.T @ Q, Matrix.identity(n))
        assert close(Q @ (Q.T @ A), A)  # each column of A lies in the span of Q's columns


def test_classical_gram_schmidt_loses_orthogonality_where_modified_does_not() -> None:
    e = 1e-8  # Läuchli's matrix: three columns, nearly parallel
    A = Matrix([[1, 1, 1], [e, 0, 0], [0, e, 0], [0, 0, e]])
    classical = gram_schmidt(A, modified=False)
    modified = gram_schmidt(A, modified=True)
    assert abs(classical.column(1) @ classical.column(2)) == pytest.approx(0.5, abs=1e-6)
    assert abs(modified.column(1) @ modified.column(2)) < 1e-7


@pytest.mark.parametrize("seed", range(300))
def test_eigh_gives_A_v_equals_lambda_v_with_orthonormal_v(seed: int) -> None:
    rng = random.Random(2000 + seed)
    n = rng.randint(1, 6)
    B = random_matrix(rng, n, n)
    A = B + B.T  # exactly symmetric
    values, V = eigh(A)
    assert list(values) == sorted(values)
    assert close(V.T @ V, Matrix.identity(n))
    size = max(1.0, abs(A).max())
    for k in range(n):
        v = V.column(k)
        assert all(abs(x) <= 1e-12 * size * n for x in (A @ v - v * values[k]))
    assert sum(values) == pytest.approx(sum(A[i, i] for i in range(n)), abs=1e-12 * n * size)  # trace


@pytest.mark.parametrize("seed", range(200))
def test_power_iteration_gives_the_dominant_eigenpair(seed: int) -> None:
    rng = random.Random(3000 + seed)
    n = rng.randint(2, 5)
    # a symmetric matrix with a clear dominant eigenvalue: Q diag(λ) Qᵀ, |λ_1| = 3, the rest <= 1.5
    Q = gram_schmidt(random_matrix(rng, n, n) + Matrix.identity(n) * n)
    top = rng.choice([-3.0, 3.0])
    D = Matrix([[top if i == j == 0 else (rng.uniform(-1.5, 1.5) if i == j else 0.0) for j in range(n)] for i in range(n)])
    A = Q @ D @ Q.T
    value, v = power_iteration(A)
    assert value == pytest.approx(top, rel=1e-12)
    assert abs(math.sqrt(v @ v) - 1.0) < 1e-12
    assert all(abs(x) <= 1e-12 * 3 * n for x in (A @ v - v * value))


@pytest.mark.parametrize("seed", range(200))
def test_singular_values_and_cond(seed: int) -> None:
    rng = random.Random(4000 + seed)
    m, n = rng.randint(1, 5), rng.randint(1, 5)
    A = random_matrix(rng, m, n)
    sigma = singular_values(A)
    assert len(sigma) == min(m, n) and list(sigma) == sorted(sigma, reverse=True)
    # the squares of the singular values are the eigenvalues of Aᵀ A (or A Aᵀ, the smaller)
    gram = A.T @ A if m >= n else A @ A.T
    gram = (gram + gram.T) * 0.5
    squares = sorted(s * s for s in sigma)
    assert all(abs(a - b) <= 1e-12 * max(1.0, squares[-1]) * 4 for a, b in zip(squares, eigh(gram).values))
    if m == n and sigma[-1] > 0:
        assert cond(A) == sigma[0] / sigma[-1]


def test_matrix_power_and_rank_one_update_properties() -> None:
    rng = random.Random(7)
    for _ in range(100):
        A = random_matrix(rng, 3, 3) + Matrix.identity(3) * 3
        assert close(matrix_power(A, 5), A @ A @ A @ A @ A)
        assert close(matrix_power(A, -2) @ matrix_power(A, 2), Matrix.identity(3))
        assert matrix_power(A, 0) == Matrix.identity(3)
        u, v = Vector([rng.uniform(-1, 1) for _ in range(3)]), Vector([rng.uniform(-1, 1) for _ in range(3)])
        update = rank_one_update(Matrix.zeros(3, 3), u, v)
        assert sorted(singular_values(update))[:2] < [1e-12, 1e-12]  # rank one: two singular values vanish
        b = Vector([rng.uniform(-1, 1) for _ in range(3)])
        p = project_onto_line(b, u)
        assert abs((b - p) @ u) <= 1e-12 * max(1.0, abs(b @ u))
        W = random_matrix(rng, 3, 2) + Matrix([[2, 0], [0, 2], [0, 0]])
        q = project_onto_subspace(b, W)
        assert all(abs((b - q) @ W.column(j)) <= 1e-12 for j in range(2))


# ------------------------------------------------------------------ errors


def test_errors_name_the_rule() -> None:
    with pytest.raises(ShapeError, match=r"eigenvalues of a non-symmetric \(2, 2\) matrix: entry \(0, 1\) is 2.0"):
        eigh(Matrix([[1, 2], [3, 4]]))
    with pytest.raises(ShapeError, match=r"cannot find the eigenvalues of a \(2, 3\) matrix: it must be square"):
        eigh(Matrix([[1, 2, 3], [3, 4, 5]]))
    with pytest.raises(PurennError, match="two eigenvalues share the largest size"):
        power_iteration(Matrix([[0, -1], [1, 0]]), max_iterations=50)
    with pytest.raises(ShapeError, match=r"cannot factor a \(2, 1\) matrix: it must be square"):
        lu(Matrix([[1], [2]]))
    with pytest.raises(SingularMatrixError, match="column 1 of the .* is a combination"):
        gram_schmidt(Matrix([[1, 2], [2, 4]]), modified=False)
    with pytest.raises(PurennError, match="a spans no line"):
        project_onto_line(Vector([1, 2]), Vector([0, 0]))
    with pytest.raises(TypeError, match="whole number"):
        matrix_power(Matrix([[1]]), HALF)
    with pytest.raises(SingularMatrixError):
        matrix_power(Matrix([[1, 2], [2, 4]]), -1)
    assert cond(Matrix([[1, 2], [2, 4]])) == math.inf
