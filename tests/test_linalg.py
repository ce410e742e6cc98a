"""Unit tests for purenn.linalg.operations: solve, det, inverse, trace, norm, rank, qr, lstsq, fit_line.

Each result is checked by what defines it (A @ x = b, A @ A⁻¹ = I, Q @ R = A,
...) on small hand-made cases and on seeded random ones. Error tests check the
message as well as the type.
"""

import math
import random
import re
from typing import List

import pytest

from purenn import (
    Matrix,
    PurennError,
    ShapeError,
    SingularMatrixError,
    Vector,
    det,
    dot,
    fit_line,
    inverse,
    lstsq,
    norm,
    outer,
    qr,
    rank,
    solve,
    trace,
)

TOL = dict(rel_tol=1e-9, abs_tol=1e-9)


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally from the start of the message."""
    return "^" + re.escape(text)


def random_matrix(rng: random.Random, rows: int, columns: int) -> Matrix:
    return Matrix([[rng.uniform(-1, 1) for _ in range(columns)] for _ in range(rows)])


def well_conditioned(rng: random.Random, n: int) -> Matrix:
    """A random matrix made strictly diagonally dominant, so it is far from singular."""
    a = random_matrix(rng, n, n)
    return a + Matrix.identity(n) * (n + 1) * rng.choice([1, -1])


def upper_triangular(m: Matrix) -> bool:
    return all(m[i, j] == 0.0 for i in range(m.shape[0]) for j in range(min(i, m.shape[1])))


# ------------------------------------------------------------------- exceptions


def test_exception_family() -> None:
    assert issubclass(SingularMatrixError, ValueError)
    assert issubclass(SingularMatrixError, PurennError)
    assert issubclass(ShapeError, ValueError)
    assert not issubclass(SingularMatrixError, ShapeError)


# ------------------------------------------------------------------------ solve


def test_solve_with_a_vector() -> None:
    A = Matrix([[2, 1], [1, 3]])
    b = Vector([3, 5])
    x = solve(A, b)
    assert isinstance(x, Vector) and x.shape == (2,)
    assert x.allclose(Vector([0.8, 1.4]))
    assert (A @ x).allclose(b)


def test_solve_exact_integer_system() -> None:
    A = Matrix([[1, 1, 1], [0, 2, 5], [2, 5, -1]])
    x = solve(A, Vector([6, -4, 27]))
    assert x.allclose(Vector([5, 3, -2]), **TOL)


def test_solve_needs_a_row_swap() -> None:
    A = Matrix([[0, 1], [1, 0]])  # a zero in the first pivot position
    assert solve(A, Vector([2, 3])) == Vector([3, 2])
    A3 = Matrix([[0, 0, 1], [0, 1, 0], [1, 0, 0]])
    assert solve(A3, Vector([1, 2, 3])) == Vector([3, 2, 1])


def test_solve_1x1() -> None:
    assert solve(Matrix([[4]]), Vector([2])) == Vector([0.5])


def test_solve_with_a_matrix_right_hand_side() -> None:
    A = Matrix([[2, 1], [1, 3]])
    B = Matrix([[3, 1, 0], [5, 0, 1]])  # three right-hand sides, (2, 3)
    X = solve(A, B)
    assert isinstance(X, Matrix) and X.shape == (2, 3)
    assert (A @ X).allclose(B, **TOL)
    for j in range(3):
        assert X.column(j).allclose(solve(A, B.column(j)), **TOL)


def test_solve_random_well_conditioned_systems() -> None:
    rng = random.Random(20)
    for _ in range(60):
        n = rng.randint(1, 8)
        A = well_conditioned(rng, n)
        x_true = Vector([rng.uniform(-10, 10) for _ in range(n)])
        b = A @ x_true
        x = solve(A, b)
        assert x.allclose(x_true, **TOL)
        assert (A @ x).allclose(b, **TOL)
        B = random_matrix(rng, n, rng.randint(1, 4))
        assert (A @ solve(A, B)).allclose(B, **TOL)


def test_solve_random_general_systems() -> None:
    rng = random.Random(21)
    for _ in range(60):
        n = rng.randint(1, 7)
        A = random_matrix(rng, n, n)  # not dominant: pivoting matters
        b = Vector([rng.uniform(-1, 1) for _ in range(n)])
        x = solve(A, b)
        assert (A @ x).allclose(b, rel_tol=1e-7, abs_tol=1e-7)


SINGULAR = [
    Matrix([[1, 2], [2, 4]]),
    Matrix([[0, 0], [0, 0]]),
    Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
    Matrix([[1, 1, 1], [1, 1, 1], [0, 0, 1]]),
    Matrix([[0]]),
]


@pytest.mark.parametrize("A", SINGULAR, ids=["2x2-dependent", "zeros", "1-to-9", "equal-rows", "1x1-zero"])
def test_solve_singular(A: Matrix) -> None:
    message = (
        f"cannot solve: the {A.shape} matrix is singular (its rows are linearly dependent), "
        "so there is no unique solution"
    )
    with pytest.raises(SingularMatrixError, match=exactly(message)):
        solve(A, Vector.ones(A.shape[0]))
    with pytest.raises(ValueError):
        solve(A, Matrix.ones(A.shape[0], 2))


def test_solve_non_square_is_a_shape_error() -> None:
    with pytest.raises(ShapeError, match=r"\(2, 3\).*square"):
        solve(Matrix.ones(2, 3), Vector([1, 2]))


def test_solve_non_square_message_reads_well() -> None:
    with pytest.raises(ShapeError, match=r"^cannot solve\b.*\(2, 3\).*square"):
        solve(Matrix.ones(2, 3), Vector([1, 2]))


def test_solve_right_hand_side_of_the_wrong_length() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot solve (2, 2) @ x = (3,): b needs 2 entries, one per row of A")):
        solve(Matrix.identity(2), Vector([1, 2, 3]))
    with pytest.raises(ShapeError, match=exactly("cannot solve (2, 2) @ x = (3, 1): b needs 2 rows, one per row of A")):
        solve(Matrix.identity(2), Matrix.ones(3, 1))


def test_solve_wrong_types() -> None:
    with pytest.raises(TypeError, match=exactly("solve(A, b) needs b to be a Vector or a Matrix, got list")):
        solve(Matrix.identity(2), [1, 2])  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=exactly("solve needs a Matrix, got list")):
        solve([[1, 0], [0, 1]], Vector([1, 2]))  # type: ignore[call-overload]


def test_solve_does_not_change_its_inputs() -> None:
    A = Matrix([[0, 2], [3, 1]])
    b = Vector([4, 5])
    solve(A, b)
    assert A == Matrix([[0, 2], [3, 1]]) and b == Vector([4, 5])


def test_solve_is_scale_invariant_for_tiny_and_huge_matrices() -> None:
    A = Matrix([[2, 1], [1, 3]])
    for scale in (1e-200, 1e-20, 1e20, 1e200):
        x = solve(A * scale, Vector([3, 5]) * scale)
        assert x.allclose(Vector([0.8, 1.4]), **TOL)


# -------------------------------------------------------------------------- det


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([[5]], 5.0),
        ([[1, 2], [3, 4]], -2.0),
        ([[2, 0, 0], [0, 3, 0], [0, 0, 4]], 24.0),
        ([[1, 2, 3], [0, 4, 5], [0, 0, 6]], 24.0),
        ([[0, 1], [1, 0]], -1.0),  # one row swap
        ([[0, 1, 0], [0, 0, 1], [1, 0, 0]], 1.0),  # a cyclic permutation: two swaps
        ([[0, 0, 1], [0, 1, 0], [1, 0, 0]], -1.0),  # one swap
        ([[0, 2], [3, 0]], -6.0),
        ([[6, 1, 1], [4, -2, 5], [2, 8, 7]], -306.0),
    ],
)
def test_det(rows: List[List[float]], expected: float) -> None:
    assert math.isclose(det(Matrix(rows)), expected, rel_tol=1e-12)


def test_det_sign_follows_row_swaps() -> None:
    A = Matrix([[2, 1, 3], [0, 1, 4], [1, 0, 5]])
    swapped = A.take([1, 0, 2])
    assert math.isclose(det(swapped), -det(A), rel_tol=1e-12)
    assert math.isclose(det(A.take([2, 0, 1])), det(A), rel_tol=1e-12)


@pytest.mark.parametrize("rows", [[[1, 2], [2, 4]], [[0, 0], [0, 0]], [[0]], [[1, 2], [0, 0]], [[3, 3, 3], [1, 2, 3], [1, 1, 1]]])
def test_det_of_a_singular_matrix_is_zero(rows: List[List[float]]) -> None:
    value = det(Matrix(rows))
    assert value == 0.0
    assert type(value) is float


def test_det_of_a_singular_on_paper_matrix_is_tiny() -> None:
    assert abs(det(Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))) < 1e-12


def test_det_properties_on_random_matrices() -> None:
    rng = random.Random(30)
    for _ in range(40):
        n = rng.randint(1, 6)
        A, B = random_matrix(rng, n, n), random_matrix(rng, n, n)
        assert math.isclose(det(A @ B), det(A) * det(B), rel_tol=1e-8, abs_tol=1e-12)
        assert math.isclose(det(A.T), det(A), rel_tol=1e-8, abs_tol=1e-12)
        assert math.isclose(det(A * 2), det(A) * 2**n, rel_tol=1e-8, abs_tol=1e-12)
    assert det(Matrix.identity(5)) == 1.0


def test_det_non_square() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot take the determinant of a (2, 3) matrix: it must be square")):
        det(Matrix.ones(2, 3))
    with pytest.raises(TypeError, match=exactly("determinant needs a Matrix, got list")):
        det([[1]])  # type: ignore[arg-type]


# ---------------------------------------------------------------------- inverse


def test_inverse_examples() -> None:
    assert inverse(Matrix([[2, 0], [0, 4]])) == Matrix([[0.5, 0], [0, 0.25]])
    assert inverse(Matrix([[4, 7], [2, 6]])).allclose(Matrix([[0.6, -0.7], [-0.2, 0.4]]), **TOL)
    assert inverse(Matrix([[0, 1], [1, 0]])) == Matrix([[0, 1], [1, 0]])


def test_inverse_on_random_matrices() -> None:
    rng = random.Random(40)
    for _ in range(40):
        n = rng.randint(1, 7)
        A = well_conditioned(rng, n)
        inv = inverse(A)
        assert inv.shape == (n, n)
        identity = Matrix.identity(n)
        assert (A @ inv).allclose(identity, **TOL)
        assert (inv @ A).allclose(identity, **TOL)
        assert inverse(inv).allclose(A, **TOL)
        assert math.isclose(det(inv), 1 / det(A), rel_tol=1e-9)


@pytest.mark.parametrize("A", SINGULAR, ids=["2x2-dependent", "zeros", "1-to-9", "equal-rows", "1x1-zero"])
def test_inverse_of_a_singular_matrix(A: Matrix) -> None:
    with pytest.raises(SingularMatrixError, match="singular"):
        inverse(A)


def test_inverse_singular_message_names_the_inverse() -> None:
    with pytest.raises(SingularMatrixError, match=r"^cannot (invert|take the inverse)"):
        inverse(Matrix([[1, 2], [2, 4]]))


def test_inverse_non_square() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot take the inverse of a (3, 2) matrix: it must be square")):
        inverse(Matrix.ones(3, 2))


# ----------------------------------------------------------------- trace, norm


def test_trace() -> None:
    assert trace(Matrix([[1, 2], [3, 4]])) == 5.0
    assert trace(Matrix([[7]])) == 7.0
    assert trace(Matrix.identity(6)) == 6.0
    assert trace(Matrix([[0.1, 0, 0], [0, 0.2, 0], [0, 0, -0.3]])) == math.fsum([0.1, 0.2, -0.3])
    rng = random.Random(50)
    for _ in range(20):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        A, B = random_matrix(rng, n, m), random_matrix(rng, m, n)
        assert math.isclose(trace(A @ B), trace(B @ A), rel_tol=1e-9, abs_tol=1e-12)


def test_trace_non_square() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot take the trace of a (2, 3) matrix: it must be square")):
        trace(Matrix.ones(2, 3))
    with pytest.raises(TypeError, match=exactly("trace needs a Matrix, got Vector")):
        trace(Vector([1]))  # type: ignore[arg-type]


def test_norm() -> None:
    assert norm(Vector([3, 4])) == 5.0
    assert norm(Vector([-3, -4])) == 5.0
    assert norm(Vector([0, 0])) == 0.0
    assert norm(Matrix([[1, 1], [1, 1]])) == 2.0
    assert norm(Matrix([[3], [4]])) == 5.0
    v = Vector([0.5, -1.5, 2.0])
    assert math.isclose(norm(v), math.sqrt(v @ v), rel_tol=1e-15)
    with pytest.raises(TypeError, match=exactly("norm takes a Vector or a Matrix, got list")):
        norm([3, 4])  # type: ignore[arg-type]


def test_dot_and_outer() -> None:
    assert dot(Vector([1, 2, 3]), Vector([4, 5, 6])) == 32.0
    assert outer(Vector([1, 2]), Vector([1, 10, 100])) == Matrix([[1, 10, 100], [2, 20, 200]])
    assert outer(Vector([3]), Vector([4])).shape == (1, 1)
    with pytest.raises(TypeError, match=exactly("outer takes two Vectors, got list and Vector")):
        outer([1], Vector([1]))  # type: ignore[arg-type]
    with pytest.raises(ShapeError):
        dot(Vector([1]), Vector([1, 2]))


# ------------------------------------------------------------------------- rank


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([[1, 2], [3, 4]], 2),
        ([[1, 2], [2, 4]], 1),
        ([[0, 0], [0, 0]], 0),
        ([[0]], 0),
        ([[5]], 1),
        ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2),
        ([[1, 2, 3], [2, 4, 6], [3, 6, 9]], 1),
        ([[1, 2, 3], [2, 4, 6]], 1),  # wide
        ([[1, 2, 3], [0, 1, 1]], 2),  # wide, full row rank
        ([[1, 2], [2, 4], [3, 6]], 1),  # tall
        ([[1, 0], [0, 1], [1, 1]], 2),  # tall, full column rank
        ([[0, 1, 2]], 1),
        ([[0], [0], [3]], 1),
        ([[0, 0, 1], [0, 0, 2], [0, 0, 3]], 1),
    ],
)
def test_rank(rows: List[List[float]], expected: int) -> None:
    A = Matrix(rows)
    assert rank(A) == expected
    assert rank(A.T) == expected


def test_rank_on_random_products() -> None:
    rng = random.Random(60)
    for _ in range(30):
        m, n, k = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 6)
        A = random_matrix(rng, m, k) @ random_matrix(rng, k, n)  # rank min(m, n, k), almost surely
        assert rank(A) == min(m, n, k)
        assert rank(A.T) == rank(A)


def test_rank_tolerance() -> None:
    A = Matrix([[1, 0], [0, 1e-6]])
    assert rank(A) == 2
    assert rank(A, tol=1e-3) == 1
    assert rank(A, tol=0.0) == 2


def test_rank_scale_invariance() -> None:
    for scale in (1e-200, 1e200):
        assert rank(Matrix([[1, 2], [2, 4]]) * scale) == 1
        assert rank(Matrix([[1, 2], [3, 4]]) * scale) == 2


def test_rank_type_error() -> None:
    with pytest.raises(TypeError, match=exactly("rank needs a Matrix, got list")):
        rank([[1]])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- qr


def check_qr(A: Matrix) -> None:
    m, n = A.shape
    Q, R = qr(A)
    assert Q.shape == (m, n) and R.shape == (n, n)
    assert (Q.T @ Q).allclose(Matrix.identity(n), **TOL)
    assert upper_triangular(R)
    assert all(R[i, i] > 0 for i in range(n))
    assert (Q @ R).allclose(A, **TOL)


def test_qr_example() -> None:
    Q, R = qr(Matrix([[3, 0], [4, 5]]))
    assert Q.allclose(Matrix([[0.6, -0.8], [0.8, 0.6]]), **TOL)
    assert R.allclose(Matrix([[5, 4], [0, 3]]), **TOL)
    check_qr(Matrix([[3, 0], [4, 5]]))


@pytest.mark.parametrize(
    "rows",
    [[[1]], [[-2]], [[1], [2], [2]], [[1, 2], [3, 4], [5, 6]], [[1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]], [[0, 1], [1, 0]]],
)
def test_qr_small(rows: List[List[float]]) -> None:
    check_qr(Matrix(rows))


def test_qr_random_tall_matrices() -> None:
    rng = random.Random(70)
    for _ in range(40):
        n = rng.randint(1, 6)
        m = rng.randint(n, 10)
        check_qr(random_matrix(rng, m, n))


def test_qr_wide_matrix_is_a_shape_error() -> None:
    message = "cannot factor a (2, 3) matrix with qr: it needs at least as many rows as columns"
    with pytest.raises(ShapeError, match=exactly(message)):
        qr(Matrix.ones(2, 3))


@pytest.mark.parametrize(
    "rows, column",
    [([[1, 2], [2, 4], [3, 6]], 1), ([[1, 0, 1], [0, 1, 1], [1, 1, 2]], 2), ([[1, 0], [2, 0]], 1)],
)
def test_qr_dependent_columns(rows: List[List[float]], column: int) -> None:
    A = Matrix(rows)
    message = (
        f"cannot factor: column {column} of the {A.shape} matrix is a combination of the columns "
        "before it (the columns are linearly dependent)"
    )
    with pytest.raises(SingularMatrixError, match=exactly(message)):
        qr(A)


def test_qr_zero_first_column_is_singular() -> None:
    with pytest.raises(SingularMatrixError, match=r"column 0 of the \(2, 2\) matrix"):
        qr(Matrix([[0, 1], [0, 2]]))


def test_qr_zero_first_column_message_makes_sense() -> None:
    with pytest.raises(SingularMatrixError) as info:
        qr(Matrix([[0, 1], [0, 2]]))
    assert "before it" not in str(info.value)


def test_qr_type_error() -> None:
    with pytest.raises(TypeError, match=exactly("qr needs a Matrix, got list")):
        qr([[1]])  # type: ignore[arg-type]


# ------------------------------------------------------------------------ lstsq


def test_lstsq_example() -> None:
    A = Matrix([[1, 1], [1, 2], [1, 3]])
    x = lstsq(A, Vector([1, 2, 2]))
    assert isinstance(x, Vector) and x.shape == (2,)
    assert x.allclose(Vector([2 / 3, 0.5]), **TOL)


def test_lstsq_on_a_consistent_system_is_exact() -> None:
    A = Matrix([[1, 0], [0, 1], [1, 1], [2, -1]])
    x_true = Vector([3, -2])
    assert lstsq(A, A @ x_true).allclose(x_true, **TOL)


def test_lstsq_square_agrees_with_solve() -> None:
    rng = random.Random(80)
    for _ in range(20):
        n = rng.randint(1, 6)
        A = well_conditioned(rng, n)
        b = Vector([rng.uniform(-1, 1) for _ in range(n)])
        assert lstsq(A, b).allclose(solve(A, b), **TOL)


def test_lstsq_random_agrees_with_normal_equations_and_residual_is_orthogonal() -> None:
    rng = random.Random(81)
    for _ in range(40):
        n = rng.randint(1, 5)
        m = rng.randint(n, 12)
        A = random_matrix(rng, m, n)
        b = Vector([rng.uniform(-5, 5) for _ in range(m)])
        x = lstsq(A, b)
        assert x.allclose(solve(A.T @ A, A.T @ b), rel_tol=1e-7, abs_tol=1e-7)
        residual = A @ x - b
        assert (residual @ A).allclose(Vector.zeros(n), abs_tol=1e-9)


def test_lstsq_errors() -> None:
    message = "cannot fit (3, 2) @ x = (2,): b needs one entry per row of A (3)"
    with pytest.raises(ShapeError, match=exactly(message)):
        lstsq(Matrix.ones(3, 2), Vector([1, 2]))
    with pytest.raises(TypeError, match=exactly("lstsq(A, b) needs b to be a Vector, got Matrix")):
        lstsq(Matrix.ones(3, 2), Matrix.ones(3, 1))  # type: ignore[arg-type]
    with pytest.raises(ShapeError):
        lstsq(Matrix.ones(2, 3), Vector([1, 2]))  # more unknowns than equations
    with pytest.raises(SingularMatrixError):
        lstsq(Matrix([[1, 2], [2, 4], [3, 6]]), Vector([1, 2, 3]))  # dependent columns


def test_lstsq_non_matrix_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="lstsq"):
        lstsq([[1], [2]], Vector([1, 2]))  # type: ignore[arg-type]


# --------------------------------------------------------------------- fit_line


def test_fit_line_recovers_an_exact_line() -> None:
    a, b = fit_line([0, 1, 2, 3], [1, 3, 5, 7])  # y = 2x + 1
    assert math.isclose(a, 2.0, rel_tol=1e-12) and math.isclose(b, 1.0, rel_tol=1e-12)
    assert type(a) is float and type(b) is float


@pytest.mark.parametrize("a_true, b_true", [(2.0, 1.0), (-0.5, 3.0), (0.0, -4.0), (1e3, 1e-3)])
def test_fit_line_y_equals_a_x_plus_b(a_true: float, b_true: float) -> None:
    xs = [-1.5, 0.0, 2.0, 7.0]
    ys = [a_true * x + b_true for x in xs]
    a, b = fit_line(xs, ys)
    assert math.isclose(a, a_true, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(b, b_true, rel_tol=1e-9, abs_tol=1e-9)


def test_fit_line_through_two_points() -> None:
    a, b = fit_line([1, 3], [2, 8])
    assert math.isclose(a, 3.0, rel_tol=1e-12) and math.isclose(b, -1.0, rel_tol=1e-12)


def test_fit_line_matches_the_closed_form_on_noisy_points() -> None:
    rng = random.Random(90)
    for _ in range(30):
        n = rng.randint(2, 30)
        xs = [rng.uniform(-10, 10) for _ in range(n)]
        ys = [1.7 * x - 0.3 + rng.gauss(0, 1) for x in xs]
        mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
        slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / math.fsum(
            (x - mean_x) ** 2 for x in xs
        )
        intercept = mean_y - slope * mean_x
        a, b = fit_line(xs, ys)
        assert math.isclose(a, slope, rel_tol=1e-8, abs_tol=1e-10)
        assert math.isclose(b, intercept, rel_tol=1e-8, abs_tol=1e-10)


def test_fit_line_docstring_example() -> None:
    a, b = fit_line([0, 1, 2, 3, 4], [1.1, 2.9, 5.2, 6.8, 9.0])
    assert f"{a:.2f} {b:.2f}" == "1.97 1.06"


@pytest.mark.parametrize("x", [0.0, 2.0, -3.5, 0.1, 1 / 3, 1e8, 1e-10])
@pytest.mark.parametrize("n", [2, 3, 10])
def test_fit_line_with_all_equal_x_is_singular(x: float, n: int) -> None:
    message = "cannot fit a line: it needs at least two different x values"
    with pytest.raises(SingularMatrixError, match=exactly(message)):
        fit_line([x] * n, list(range(n)))


def test_fit_line_with_all_equal_x_on_random_values() -> None:
    rng = random.Random(91)
    for _ in range(300):
        x = rng.uniform(-1e6, 1e6) * rng.choice([1e-8, 1e-3, 1, 1])
        n = rng.randint(2, 25)
        with pytest.raises(SingularMatrixError):
            fit_line([x] * n, [rng.uniform(-1, 1) for _ in range(n)])


def test_fit_line_with_one_point_says_it_needs_two() -> None:
    with pytest.raises(ValueError, match="two"):
        fit_line([1], [2])


def test_fit_line_with_distinct_x_in_tiny_units() -> None:
    a, b = fit_line([0, 1e-16, 2e-16], [1, 3, 5])
    assert math.isclose(a, 2e16, rel_tol=1e-9) and math.isclose(b, 1.0, rel_tol=1e-9)


def test_fit_line_errors() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot fit a line to 3 x values and 2 y values: they must pair up")):
        fit_line([1, 2, 3], [1, 2])
    with pytest.raises(ShapeError):
        fit_line([], [])
    with pytest.raises(TypeError, match=exactly("the entry at index 1 is '2' (a str); entries must be int or float")):
        fit_line([1, "2"], [1, 2])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        fit_line([1], [2])


def test_fit_line_accepts_any_iterables() -> None:
    a, b = fit_line(range(4), (2 * x + 1 for x in range(4)))
    assert math.isclose(a, 2.0) and math.isclose(b, 1.0)
    a, b = fit_line(Vector([0, 1]), Vector([5, 5]))
    assert math.isclose(a, 0.0, abs_tol=1e-12) and math.isclose(b, 5.0)
