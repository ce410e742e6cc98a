"""The numerics of elimination, pinned: one loop and one zero rule for every float answer and its working.

Issue 19 found three copies of Gaussian elimination with three rules for
"zero", and float working that gave wrong answers on badly scaled rows while
the answers were right. Every function now runs ``gauss.eliminate``; these
tests hold that:

- each reproduction of the issue gives the right answer;
- the float answers (``solve``, ``det``, ``inverse``, ``rank``, ``lu``) and
  the float working (``solve_steps``, ``det_steps``, ``inverse_steps``,
  ``rref``, ``ref``) agree to the last bit, on well scaled, badly scaled,
  nearly singular and exactly singular matrices, and agree with the exact
  answer computed in Fractions;
- the tests fail if partial pivoting is removed (from the working or the
  library) or the zero tolerance shrinks (checked by mutating the code by
  hand: see the commit message);
- NaN and infinity are refused, and entries near 1e±300 are scaled rather
  than overflowed; ``lstsq`` and ``qr`` keep the accuracy ``solve`` has.
"""

import math
import random
from fractions import Fraction
from typing import List, NamedTuple, Sequence

import pytest

from purenn import Matrix, PurennError, SingularMatrixError, Vector, cond, det, eigh, inverse, lstsq, lu, qr, rank
from purenn import singular_values, solve
from purenn.linalg.eigen import power_iteration
from purenn.linalg.elimination import det_steps, inverse_steps, ref, rref, solve_steps
from purenn.linalg.gauss import EPS


def exact_rank(rows: Sequence[Sequence[float]]) -> int:
    """The rank by exact elimination in Fractions of the float entries (an independent reference)."""
    a = [[Fraction(x) for x in row] for row in rows]
    r = 0
    for k in range(len(a[0])):
        pivot = next((i for i in range(r, len(a)) if a[i][k] != 0), None)
        if pivot is None:
            continue
        a[r], a[pivot] = a[pivot], a[r]
        for i in range(r + 1, len(a)):
            c = a[i][k] / a[r][k]
            a[i] = [x - c * y for x, y in zip(a[i], a[r])]
        r += 1
    return r


def exact_solution(rows: Sequence[Sequence[float]], b: Sequence[float]) -> List[Fraction]:
    """x with A x = b, in Fractions of the float entries, by Cramer's rule on small matrices (independent)."""
    n = len(rows)
    A = [[Fraction(x) for x in row] for row in rows]
    d = exact_det(A)
    return [exact_det([row[:j] + [Fraction(b[i])] + row[j + 1:] for i, row in enumerate(A)]) / d for j in range(n)]


def exact_det(A: Sequence[Sequence[Fraction]]) -> Fraction:
    """The determinant by cofactor expansion along the first row (independent of elimination)."""
    if len(A) == 1:
        return A[0][0]
    return sum(((-1) ** j * A[0][j] * exact_det([row[:j] + row[j + 1:] for row in A[1:]]) for j in range(len(A))),
               Fraction(0))


class Scaled(NamedTuple):
    """A random integer system A x = b, each equation multiplied by its own power of ten (1e-20 to 1e20).

    Multiplying an equation by a number changes neither the solutions nor
    the rank, so the integer system is the exact reference.
    """

    A: List[List[int]]
    b: List[int]
    scales: List[float]

    @property
    def rows(self) -> List[List[float]]:
        return [[x * s for x in row] for row, s in zip(self.A, self.scales)]

    @property
    def right(self) -> List[float]:
        return [x * s for x, s in zip(self.b, self.scales)]


def badly_scaled(rng: random.Random, n: int, singular: bool) -> Scaled:
    A = [[rng.randint(-9, 9) for _ in range(n)] for _ in range(n)]
    if singular and n > 1:
        A[-1] = [a + b for a, b in zip(A[0], A[1 % n])]
    b = [rng.randint(-9, 9) for _ in range(n)]
    return Scaled(A, b, [10.0 ** rng.choice([-20, -12, -5, 0, 3, 16, 20]) for _ in range(n)])


# -------------------------------------------------------- the reproductions


def test_a_tiny_but_regular_row_is_solved() -> None:
    assert solve_steps([[1e-20, 0.0], [0.0, 1.0]], [1.0, 1.0]).x == (1e20, 1.0)
    assert solve(Matrix([[1e-20, 0], [0, 1]]), Vector([1, 1])) == Vector([1e20, 1.0])


def test_a_float_rref_is_in_reduced_row_echelon_form() -> None:
    assert rref([[1e-20, 0.0], [0.0, 1.0]]).result.rows == ((1.0, 0.0), (0.0, 1.0))
    work = rref([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]])
    assert work.rank == 2 == rank(Matrix([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]))
    assert work.result.rows[2] == (0.0, 0.0, 0.0)  # an entry judged zero is shown as 0


def test_rank_and_null_space_of_badly_scaled_rows() -> None:
    work = rref([[1e-20, 2e-20], [1.0, 3.0]])
    assert work.rank == 2 and work.null_space == ()
    assert rank(Matrix([[1e-20, 2e-20], [1, 3]])) == 2
    assert rank(Matrix([[1e16, 0], [0, 1]])) == 2 == rref([[1e16, 0.0], [0.0, 1.0]]).rank


def test_det_and_inverse_of_a_tiny_row() -> None:
    assert det_steps([[1e-20, 0.0], [0.0, 1.0]]).value == 1e-20 == det(Matrix([[1e-20, 0], [0, 1]]))
    assert inverse_steps([[1e-20, 0.0], [0.0, 1.0]]).inverse.rows == ((1e20, 0.0), (0.0, 1.0))
    # the same elimination cannot call one matrix regular for det and singular for rank
    A = [[1e-20, 2e-20], [1.0, 3.0]]
    assert det_steps(A).value != 0 and rref(A).rank == 2


def test_det_of_entries_near_the_end_of_the_float_range() -> None:
    assert det_steps([[1e200, 0.0], [0.0, 1e200]]).value == math.inf == det(Matrix([[1e200, 0], [0, 1e200]]))
    assert det_steps([[1e200, 0.0], [0.0, 1e-200]]).value == pytest.approx(1.0, rel=1e-15)


# --------------------------------------------- the answers and the working agree


@pytest.mark.parametrize("seed", range(80))
def test_answers_and_working_agree_to_the_last_bit_and_with_the_exact_answer(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 5)
    system = badly_scaled(rng, n, singular=seed % 4 == 0)
    rows, b = system.rows, system.right
    M = Matrix(rows)
    r = exact_rank(system.A)
    assert rank(M) == rref(rows).rank == ref(rows).rank == r
    assert det(M) == det_steps(rows).value  # the same loop, the same arithmetic
    d = exact_det([[Fraction(x) for x in row] for row in system.A])
    assert (det(M) == 0.0) == (d == 0)
    if d:
        product = float(d)
        for s in system.scales:
            product *= s
        assert det(M) == pytest.approx(product, rel=1e-9)
    P, L, U = lu(M)
    assert U.tolist() == [list(row) for row in ref(rows).result.rows]
    if r < n:
        with pytest.raises(SingularMatrixError):
            solve(M, Vector(b))
        with pytest.raises(SingularMatrixError):
            solve_steps(rows, b)
        with pytest.raises(SingularMatrixError):
            inverse_steps(rows)
        return
    x = solve(M, Vector(b))
    assert tuple(x) == solve_steps(rows, b).x
    assert inverse(M).tolist() == [list(row) for row in inverse_steps(rows).inverse.rows]
    truth = exact_solution(system.A, system.b)
    for got, want in zip(x, truth):
        assert got == pytest.approx(float(want), rel=1e-9, abs=1e-9 * max(abs(float(v)) for v in truth))


def test_lu_of_a_singular_matrix_is_in_echelon_form() -> None:
    P, L, U = lu(Matrix([[1, 1, 1], [2, 2, 5], [4, 4, 8]]))
    assert U == Matrix([[4, 4, 8], [0, 0, 1], [0, 0, 0]])
    assert (P @ Matrix([[1, 1, 1], [2, 2, 5], [4, 4, 8]])).allclose(L @ U)


# ------------------------------------------------------------- mutation tests


def test_partial_pivoting_in_the_working_and_in_solve() -> None:
    """Without partial pivoting, x1 comes out 1.125 here (the pivot 1e-15 magnifies rounding by 1e15)."""
    truth = exact_solution([[1e-15, 1.0], [1.0, 1.0]], [1.0, 2.0])
    x = solve_steps([[1e-15, 1.0], [1.0, 1.0]], [1.0, 2.0]).x
    assert x == pytest.approx([float(v) for v in truth], rel=1e-15)
    assert list(solve(Matrix([[1e-15, 1], [1, 1]]), Vector([1, 2]))) == pytest.approx([float(v) for v in truth],
                                                                                     rel=1e-15)
    assert str(solve_steps([[1e-15, 1.0], [1.0, 1.0]], [1.0, 2.0]).steps.operations[0]) == "swap R1, R2"


def test_rank_3_matrices_are_rank_3_under_the_zero_rule() -> None:
    """A smaller tolerance (a quarter of the carried error bound, tried by hand) calls some of these rank 4."""
    rng = random.Random(2026)
    wrong = 0
    for _ in range(1500):
        left = Matrix([[rng.uniform(-1, 1) for _ in range(3)] for _ in range(4)])
        right = Matrix([[rng.uniform(-1, 1) for _ in range(4)] for _ in range(3)])
        M = left @ right
        wrong += rank(M) != 3
        wrong += rref(M).rank != 3
    assert wrong == 0


def test_the_zero_rule_does_not_swallow_small_genuine_entries() -> None:
    """A larger tolerance would call these singular: 1e-6 is small, but far above rounding."""
    assert rank(Matrix([[1, 0], [0, 1e-6]])) == 2 == rref([[1.0, 0.0], [0.0, 1e-6]]).rank
    assert rank(Matrix([[1, 1], [1, 1 + 1e-12]])) == 2
    assert rank(Matrix([[1, 1], [1, 1 + 1e-17]])) == 1  # 1 + 1e-17 is 1.0 in floats


# ------------------------------------------------------ refusals and scaling


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(bad: float) -> None:
    M = Matrix([[1.0, bad], [0.0, 1.0]])
    for function in (det, rank, inverse, lu, qr, singular_values, cond):
        with pytest.raises(PurennError, match="must be finite|NaN or infinity"):
            function(M)
    with pytest.raises(PurennError, match="must be finite"):
        solve(M, Vector([1, 1]))
    with pytest.raises(PurennError, match="finite"):
        rref(M)


def test_entries_near_the_ends_of_the_float_range_are_scaled() -> None:
    big = Matrix([[3e300, 1e300], [1e300, 3e300]])
    assert singular_values(big).allclose(Vector([4e300, 2e300]))
    assert cond(big) == pytest.approx(2.0, rel=1e-14)
    assert eigh(big).values.allclose(Vector([2e300, 4e300]))
    assert power_iteration(big).value == pytest.approx(4e300, rel=1e-12)
    tiny = big * 1e-600
    assert singular_values(tiny).allclose(Vector([4e-300, 2e-300]))
    assert cond(Matrix([[1e160, 0], [0, 1e157]])) == pytest.approx(1000.0, rel=1e-14)


# ---------------------------------------------------------- least squares, QR


def hilbert(n: int) -> Matrix:
    return Matrix([[1 / (i + j + 1) for j in range(n)] for i in range(n)])


def test_lstsq_is_as_accurate_as_solve_on_hilbert_8() -> None:
    H = hilbert(8)
    truth = exact_solution(H.tolist(), [1.0] * 8)
    scale = max(abs(float(v)) for v in truth)

    def error(x: Vector) -> float:
        return max(abs(a - float(b)) for a, b in zip(x, truth)) / scale

    assert error(solve(H, Vector.ones(8))) < 1e-7
    assert error(lstsq(H, Vector.ones(8))) < 1e-7  # 2.2e-2 with Gram–Schmidt and an explicit Qᵀb


def test_qr_is_orthogonal_to_rounding_on_hilbert_8() -> None:
    Q, R = qr(hilbert(8))
    gap = (Q.T @ Q) - Matrix.identity(8)
    assert max(abs(x) for row in gap for x in row) < 50 * EPS  # 4e-7 with modified Gram–Schmidt
    assert (Q @ R).allclose(hilbert(8), rel_tol=1e-14, abs_tol=1e-15)


# ------------------------------------- nearly singular: the answers and the working still agree


def assert_answers_match_working(rows: List[List[float]], b: List[float]) -> None:
    """Every float answer equals what its working shows, bit for bit, whatever the matrix."""
    M = Matrix(rows)
    r = rank(M)
    assert r == rref(rows).rank == ref(rows).rank
    assert det(M) == det_steps(rows).value
    assert lu(M).U.tolist() == [list(row) for row in ref(rows).result.rows]
    if r < len(rows):
        with pytest.raises(SingularMatrixError):
            solve(M, Vector(b))
        with pytest.raises(SingularMatrixError):
            solve_steps(rows, b)
        return
    assert tuple(solve(M, Vector(b))) == solve_steps(rows, b).x
    assert inverse(M).tolist() == [list(row) for row in inverse_steps(rows).inverse.rows]


@pytest.mark.parametrize("n", range(2, 9))
def test_hilbert_matrices_answers_and_working_agree(n: int) -> None:
    rows = [[1 / (i + j + 1) for j in range(n)] for i in range(n)]
    assert_answers_match_working(rows, [1.0] * n)
    assert rank(Matrix(rows)) == n  # ill-conditioned (cond(H8) is about 1.5e10) but regular


@pytest.mark.parametrize("k", [1, 2, 10, 1000, 10**6, 10**10])
def test_nearly_singular_2x2_answers_and_working_agree(k: int) -> None:
    rows = [[1.0, 1.0], [1.0, 1.0 + k * EPS]]
    assert_answers_match_working(rows, [2.0, 2.0 + k * EPS])
    # the second pivot is k·eps; within a few roundings of 1 it is indistinguishable from 0, beyond them it counts
    assert rank(Matrix(rows)) == (2 if k >= 10 else 1)


@pytest.mark.parametrize("seed", range(40))
def test_perturbed_singular_matrices_answers_and_working_agree(seed: int) -> None:
    """A singular integer matrix plus a perturbation from 0 to 1e-6: on either side of the zero rule."""
    rng = random.Random(seed)
    system = badly_scaled(rng, rng.randint(2, 5), singular=True)
    size = rng.choice([0.0, 1e-15, 1e-12, 1e-6])
    rows = [[x + size * rng.uniform(-1, 1) for x in row] for row in system.A]
    assert_answers_match_working(rows, [float(x) for x in system.b])


@pytest.mark.parametrize("entries", [
    [[math.nan, 0.0], [0.0, 1.0]], [[1.0, math.nan], [math.nan, 1.0]], [[1.0, math.inf], [math.inf, 1.0]],
])
def test_eigenvalues_of_a_matrix_with_nan_or_infinity_are_refused_by_name(entries: List[List[float]]) -> None:
    for find in (eigh, power_iteration):
        with pytest.raises(PurennError) as error:
            find(Matrix(entries))
        assert "every entry must be finite" in str(error.value) and "symmetric" not in str(error.value)
