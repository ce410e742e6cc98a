"""Show-your-work elimination (purenn/linalg/elimination.py) and exact Grids (exact.py).

The central check: the steps, replayed in order by an independent reading of
their board notation ("R2 ← R2 − 3·R1"), turn the input into each recorded
matrix and finally into the answer. Exact answers are checked by
multiplying back, with Fractions, and the float answers against the
answer-only functions of operations.py.
"""

import random
import re
from fractions import Fraction
from typing import List, Sequence

import pytest

from purenn import Matrix, Vector, det, inverse, rank, solve
from purenn.errors import ShapeError, SingularMatrixError
from purenn.linalg.elimination import (
    RowOperation,
    Steps,
    det_steps,
    inverse_steps,
    null_space,
    rank_steps,
    rref,
    solve_steps,
)
from purenn.linalg.exact import Grid, as_grid

A3 = [[1, 2, 3], [4, 5, 6], [7, 8, 10]]


def _number(text: str) -> Fraction:
    """A coefficient as printed: "", "3", "(1/2)", "0.25", with an optional sign."""
    text = text.replace("−", "-").replace(" ", "").replace("(", "").replace(")", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    return sign * Fraction(text or "1")


def replay(board: str, rows: List[List[Fraction]]) -> List[List[Fraction]]:
    """Apply one operation, read from its board notation alone, to exact rows."""
    rows = [list(row) for row in rows]
    swap = re.fullmatch(r"swap R(\d+), R(\d+)", board)
    if swap:
        i, j = int(swap.group(1)) - 1, int(swap.group(2)) - 1
        rows[i], rows[j] = rows[j], rows[i]
        return rows
    scale = re.fullmatch(r"R(\d+) ← (.*?)·?R(\d+)", board)
    add = re.fullmatch(r"R(\d+) ← R(\d+) ([+−]) (.*?)·?R(\d+)", board)
    if add:
        i, j = int(add.group(1)) - 1, int(add.group(5)) - 1
        assert int(add.group(2)) - 1 == i
        c = _number(add.group(3) + add.group(4))
        rows[i] = [x + c * y for x, y in zip(rows[i], rows[j])]
        return rows
    assert scale, f"cannot read {board!r}"
    i = int(scale.group(1)) - 1
    assert int(scale.group(3)) - 1 == i
    c = _number(scale.group(2))
    assert c != 0
    rows[i] = [c * x for x in rows[i]]
    return rows


def exact_rows(grid: Grid) -> List[List[Fraction]]:
    return [[Fraction(x) for x in row] for row in grid.rows]


def check_replay(start: Grid, steps: Steps, result: Grid) -> None:
    rows = exact_rows(start)
    for step in steps:
        rows = replay(str(step.operation), rows)
        assert rows == exact_rows(step.matrix), f"after {step.operation}"
    assert rows == exact_rows(result)


def random_ints(rng: random.Random, m: int, n: int, low: int = -5, high: int = 5) -> List[List[int]]:
    return [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]


def matmul(A: Sequence[Sequence[Fraction]], B: Sequence[Sequence[Fraction]]) -> List[List[Fraction]]:
    return [[sum((a * b for a, b in zip(row, column)), Fraction(0)) for column in zip(*B)] for row in A]


# ------------------------------------------------------------ the issue's example


def test_the_board_answers_for_the_issue_matrix() -> None:
    assert det_steps(A3).value == -3 and isinstance(det_steps(A3).value, Fraction)
    x = solve_steps(A3, [1, 1, 1]).x
    assert x == (-1, 1, 0) and all(isinstance(v, Fraction) for v in x)
    assert matmul(A3, [[v] for v in x]) == [[1], [1], [1]]  # A @ x == b exactly
    inv = inverse_steps(A3).inverse
    assert inv.exact and as_grid(A3) @ inv == Grid.identity(3)


def test_board_notation() -> None:
    assert str(RowOperation.add(1, 0, Fraction(-3))) == "R2 ← R2 − 3·R1"
    assert str(RowOperation.swap(0, 2)) == "swap R1, R3"
    assert str(RowOperation.scale(1, Fraction(1, 2))) == "R2 ← (1/2)·R2"
    assert str(RowOperation.scale(1, Fraction(-7, 3))) == "R2 ← −(7/3)·R2"
    assert str(RowOperation.add(2, 1, Fraction(1))) == "R3 ← R3 + R2"
    assert str(RowOperation.add(2, 1, 0.25)) == "R3 ← R3 + 0.25·R2"


# ------------------------------------------------------------------- replay


@pytest.mark.parametrize("seed", range(60))
def test_replayed_steps_turn_the_input_into_the_output(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(1, 4), rng.randint(1, 5)
    A = random_ints(rng, m, n)
    if seed % 3 == 0 and m > 1:  # a dependent row, so that some column has no pivot
        A[-1] = [2 * a - b for a, b in zip(A[0], A[1 % m])]
    work = rref(A)
    check_replay(work.start, work.steps, work.result)
    assert work.result.exact

    square = random_ints(rng, 3, 3)
    d = det_steps(square)
    check_replay(d.start, d.steps, d.triangular)
    b = [rng.randint(-5, 5) for _ in range(3)]
    try:
        s = solve_steps(square, b)
    except SingularMatrixError:
        assert d.value == 0
    else:
        check_replay(s.augmented, s.steps, s.steps[-1].matrix if len(s.steps) else s.augmented)
        assert matmul(square, [[v] for v in s.x]) == [[v] for v in b]
        inv = inverse_steps(square)
        check_replay(inv.augmented, inv.steps, inv.steps[-1].matrix)
        assert as_grid(square) @ inv.inverse == Grid.identity(3)


def test_rref_is_reduced_row_echelon_form() -> None:
    rng = random.Random(5)
    for _ in range(200):
        m, n = rng.randint(1, 5), rng.randint(1, 5)
        work = rref(random_ints(rng, m, n, -3, 3))
        R = work.result
        for row, pivot in enumerate(work.pivots):
            assert R[row, pivot] == 1
            assert all(R[i, pivot] == 0 for i in range(m) if i != row)
            assert all(R[row, j] == 0 for j in range(pivot))  # nothing before the leading 1
        assert all(all(x == 0 for x in R.rows[i]) for i in range(work.rank, m))
        assert list(work.pivots) == sorted(work.pivots)


def test_null_space_vectors_solve_A_x_equals_0() -> None:
    rng = random.Random(11)
    for _ in range(200):
        m, n = rng.randint(1, 4), rng.randint(1, 5)
        A = random_ints(rng, m, n, -2, 2)
        basis = null_space(A)
        assert len(basis) + rank_steps(A).rank == n  # rank-nullity
        for v in basis:
            assert matmul(A, [[x] for x in v]) == [[0]] * m


# ------------------------------------------------ agreement with operations.py


@pytest.mark.parametrize("seed", range(40))
def test_exact_and_float_answers_agree_with_the_answer_only_functions(seed: int) -> None:
    rng = random.Random(100 + seed)
    n = rng.randint(1, 4)
    A = random_ints(rng, n, n, -9, 9)
    M = Matrix(A)
    exact_det = det_steps(A).value
    assert det(M) == pytest.approx(float(exact_det), rel=1e-12, abs=1e-9)
    assert det_steps(M).value == pytest.approx(float(exact_det), rel=1e-12, abs=1e-9)
    assert rank(M) == rank_steps(A).rank == rank_steps(M).rank
    if exact_det == 0:
        with pytest.raises(SingularMatrixError):
            inverse_steps(A)
        return
    b = [rng.randint(-9, 9) for _ in range(n)]
    exact_x = solve_steps(A, b).x
    assert solve(M, Vector(b)).allclose(Vector([float(v) for v in exact_x]))
    assert Vector(solve_steps(M, Vector(b)).x).allclose(Vector([float(v) for v in exact_x]))
    exact_inverse = inverse_steps(A).inverse
    assert inverse(M).allclose(exact_inverse.to_matrix())
    assert inverse_steps(M).inverse.to_matrix().allclose(exact_inverse.to_matrix())


def test_float_input_stays_in_floats() -> None:
    work = solve_steps(Matrix(A3), [1, 1, 1])
    assert all(type(v) is float for v in work.x)
    assert not work.augmented.exact
    assert solve_steps([[2.0, 0], [0, 4]], [1, 1]).x == (0.5, 0.25)


# ------------------------------------------------------------------ errors


def test_errors_name_the_rule() -> None:
    with pytest.raises(SingularMatrixError, match=r"no solution: elimination turns equation 2 into 0 = 1"):
        solve_steps([[1, 1], [2, 2]], [1, 3])
    with pytest.raises(SingularMatrixError, match=r"no solution: elimination turns equation 1 into 0 = 1"):
        solve_steps([[0, 0], [1, 1], [2, 2]], [1, 2, 4])  # the student's first equation, though swapped down
    with pytest.raises(SingularMatrixError, match="x2 can take any value"):
        solve_steps([[1, 1], [2, 2]], [1, 2])
    with pytest.raises(ShapeError, match=r"b needs 2 entries"):
        solve_steps([[1, 1], [2, 2]], [1, 2, 3])
    with pytest.raises(ShapeError, match=r"cannot take the inverse of a \(2, 3\) matrix: it must be square"):
        inverse_steps([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ShapeError, match="row 1 has 1 entry but row 0 has 2"):
        rref([[1, 2], [3]])
    with pytest.raises(TypeError, match="entries must be int, Fraction, float or text"):
        rref([[1, True]])
    with pytest.raises(ShapeError, match="at least one row"):
        rref([])


def test_steps_display() -> None:
    work = rref([[0, 2], [1, 1]])
    assert [str(op) for op in work.steps.operations] == ["swap R1, R2", "R2 ← (1/2)·R2", "R1 ← R1 − R2"]
    assert repr(work.steps) == "<Steps: 3 row operations on a (2, 2) matrix: swap R1, R2; R2 ← (1/2)·R2; R1 ← R1 − R2>"
    latex = work.steps._repr_latex_()
    assert latex.startswith("$$") and r"\xrightarrow{\text{swap }R1, R2}" in latex and r"\tfrac{1}{2}" in latex
    assert eval(repr(RowOperation.add(1, 0, Fraction(-3, 2)))) == RowOperation.add(1, 0, Fraction(-3, 2))
    assert eval(repr(Grid([[1, Fraction(1, 2)]]))) == Grid([[1, Fraction(1, 2)]])


def test_a_float_system_singular_on_paper_is_reported_as_having_many_solutions() -> None:
    # 0.1 + 0.2 != 0.3 in floats, but the residue is rounding, not a contradiction
    with pytest.raises(SingularMatrixError, match="no unique solution"):
        solve_steps([[0.1, 0.2], [0.3, 0.6]], [0.3, 0.9])
    with pytest.raises(SingularMatrixError, match="no solution: elimination"):
        solve_steps([[0.1, 0.2], [0.3, 0.6]], [0.3, 1.0])


def test_a_swap_flips_the_sign_of_the_determinant_and_replays() -> None:
    d = det_steps([[0, 2], [3, 1]])
    assert [str(op) for op in d.steps.operations] == ["swap R1, R2"]
    assert d.pivots == (3, 2) and d.swaps == 1 and d.value == -6
    check_replay(d.start, d.steps, d.triangular)
    assert str(d).endswith("det = (−1)^1 · 3 · 2 = −6")


def test_strangs_example_pivots_and_determinant() -> None:
    d = det_steps([[2, 1, 1], [4, -6, 0], [-2, 7, 2]])
    assert d.pivots == (2, -8, 1) and d.swaps == 0 and d.value == -16
    assert d.formula() == "det = 2 · (−8) · 1 = −16"


# ---------------------------------------------------- one notation in one display (issue 19, section 4)

_MIXED = re.compile(r"[-½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]")  # the hyphen as a minus sign, or a fraction in one character


def _displays() -> List[str]:
    """The plain text of records of every kind, on matrices with negative numbers and fractions in them."""
    from purenn.linalg import (
        adjugate, change_of_basis, characteristic_polynomial, check_row_operation, cofactor, cofactor_expansion,
        cramer, diagonalize, eigenvalues, eigenvectors, fraction_free_ref, general_solution, least_squares, lu_steps,
        orthogonalize, projection_matrix, ref, subspaces,
    )
    half = Fraction(1, 2)
    A = [[2, -1, half], [-4, 3, 1], [1, Fraction(-2, 3), 5]]
    shown = [str(rref(A)), str(rref(A).steps), rref(A).steps.board(), str(ref(A)), str(det_steps(A)),
             str(inverse_steps(A)), str(solve_steps(A, [1, -half, 3])), str(rank_steps([[1, -2, half], [-2, 4, -1]])),
             str(general_solution([[1, -2, half], [-2, 4, -1]], [half, -1])), str(subspaces([[1, -2], [-half, 1]])),
             str(lu_steps([[2, -1], [-3, half]])), str(lu_steps([[0, -1], [-3, half]])),
             str(characteristic_polynomial([[half, -1], [2, -3]])), str(eigenvalues([[0, -1], [1, 0]])),
             str(eigenvalues([[-2, 1], [0, half]])), str(eigenvectors([[-2, 1], [0, half]])),
             str(diagonalize([[-2, 1], [0, half]])), str(diagonalize([[1, 1], [0, 1]])),
             str(cofactor(A, 1, 2)), str(cofactor_expansion(A)), cofactor_expansion(A).minors(), str(adjugate(A)),
             str(cramer([[2, -1], [half, 3]], [-1, half])), str(orthogonalize([[1, -1], [2, half]])),
             str(projection_matrix([[1], [-2]])), str(least_squares([[1, -1], [1, 0], [1, 1]], [half, -1, 2])),
             str(change_of_basis([[half, -1], [0, 2]], [[1, -1], [1, 1]])), str(fraction_free_ref([[2, -3], [3, 4]])[0]),
             str(check_row_operation([[1, 2], [3, 4]], "R2 <- R2 - 3R1", [[1, 2], [0, 2]])),
             str(Grid([[half, -1]])), str(det_steps(Matrix([[0.5, -1.0], [1e-20, 3.0]])))]
    try:
        solve_steps([[1, 1], [1, 1]], [half, -1])
    except SingularMatrixError as error:
        shown.append(str(error))
    return shown


def test_every_display_writes_numbers_in_one_notation() -> None:
    """Minus as −, fractions as 1/2, in the operations and the matrices alike: never - or ½ beside them."""
    shown = _displays()
    every = "\n".join(shown)
    # the scan sees what it looks for: negative numbers and fractions, in operation lines and in matrices
    assert "−" in every and "/" in every and "(1/2)·R" in every
    assert re.search(r"← R\d+ [−+] \(\d+/\d+\)·R\d+", every) and re.search(r"\[\[?\s*−\d+/\d+", every)
    assert "e−20" in every  # a float's exponent too
    for text in shown:
        mixed = _MIXED.search(text)
        assert mixed is None, f"{mixed.group(0)!r} in:\n{text}" if mixed else ""


def test_reprs_stay_pasteable_python() -> None:
    """repr() is code, not display: the hyphen and Fraction(p, q), which paste back."""
    grid = Grid([[Fraction(1, 2), -1], [0, Fraction(-2, 3)]])
    assert repr(grid) == "Grid([[Fraction(1, 2), -1], [0, Fraction(-2, 3)]])"
    assert eval(repr(grid)) == grid
    op = RowOperation.add(2, 0, Fraction(-1, 2))
    assert repr(op) == "RowOperation.add(2, 0, Fraction(-1, 2))" and eval(repr(op)) == op
    assert repr(det_steps([[1, 2], [3, 4]])) == "Determinant(value=-2, 1 step)"
