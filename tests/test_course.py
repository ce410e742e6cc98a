"""The rest of a first course (spaces.py, characteristic.py, Grid arithmetic), checked against independent references.

Each property is checked on a hundred generated matrices or more. The
references are written here, from the definitions, without the elimination
of gauss.py: the determinant by cofactor expansion (Laplace), the rank by a
plain fraction elimination of our own, and matrices built with known
eigenvalues and eigenvectors (A = S J S⁻¹, J diagonal or with a Jordan block).
"""

import random
from decimal import Decimal
from fractions import Fraction
from typing import List, Sequence, Tuple

import pytest

from purenn import Grid, PurennError, ShapeError, SingularMatrixError
from purenn import adjugate, change_of_basis, characteristic_polynomial, cofactor, cofactor_expansion, cramer
from purenn import diagonalize, eigenvalues, eigenvectors, general_solution, least_squares, lu_steps
from purenn import check_row_operation, fraction_free_ref, orthogonalize, projection_matrix, ref, row_operation
from purenn import subspaces
from purenn.linalg.exact import read_number

Rows = List[List[Fraction]]


def laplace(A: Sequence[Sequence[Fraction]]) -> Fraction:
    """det A by cofactor expansion along the first row: the definition, independent of elimination."""
    if not A:
        return Fraction(1)
    if len(A) == 1:
        return Fraction(A[0][0])
    return sum((Fraction((-1) ** j) * A[0][j] * laplace([list(row[:j]) + list(row[j + 1:]) for row in A[1:]])
                for j in range(len(A))), Fraction(0))


def plain_rank(A: Sequence[Sequence[Fraction]]) -> int:
    a = [[Fraction(x) for x in row] for row in A]
    r = 0
    for k in range(len(a[0]) if a else 0):
        pivot = next((i for i in range(r, len(a)) if a[i][k] != 0), None)
        if pivot is None:
            continue
        a[r], a[pivot] = a[pivot], a[r]
        for i in range(len(a)):
            if i != r and a[i][k] != 0:
                c = a[i][k] / a[r][k]
                a[i] = [x - c * y for x, y in zip(a[i], a[r])]
        r += 1
    return r


def times(A: Sequence[Sequence[Fraction]], x: Sequence[Fraction]) -> List[Fraction]:
    return [sum((a * b for a, b in zip(row, x)), Fraction(0)) for row in A]


def random_matrix(rng: random.Random, m: int, n: int, low: int = -4, high: int = 4) -> Rows:
    return [[Fraction(rng.randint(low, high)) for _ in range(n)] for _ in range(m)]


def low_rank(rng: random.Random, m: int, n: int) -> Rows:
    """An (m, n) matrix of a random rank: a product (m, r) @ (r, n), sometimes with a fraction in it."""
    r = rng.randint(0, min(m, n))
    left = random_matrix(rng, m, r)
    right = random_matrix(rng, r, n)
    if rng.random() < 0.3 and r:
        right[0][0] = Fraction(rng.randint(1, 5), rng.randint(2, 7))
    return [[sum((left[i][k] * right[k][j] for k in range(r)), Fraction(0)) for j in range(n)] for i in range(m)]


SEEDS = range(110)


# ------------------------------------------------------------- solutions


@pytest.mark.parametrize("seed", SEEDS)
def test_general_solution_is_every_solution(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    A = low_rank(rng, m, n)
    consistent = rng.random() < 0.6
    if consistent:  # b in the column space
        b = times(A, [Fraction(rng.randint(-3, 3)) for _ in range(n)])
    else:
        b = [Fraction(rng.randint(-3, 3)) for _ in range(m)]
    work = general_solution(A, b)
    r = plain_rank(A)
    augmented_rank = plain_rank([row + [c] for row, c in zip(A, b)])
    assert work.consistent == (augmented_rank == r)
    if not work.consistent:
        assert work.contradiction is not None and work.contradiction[1] != 0
        assert str(work).startswith(f"no solution: elimination turns equation {work.contradiction[0] + 1} into 0 = ")
        final = work.steps[-1].matrix if len(work.steps) else work.augmented
        c = work.contradiction[1]
        assert any(all(x == 0 for x in row[:n]) and row[n] == c for row in final.rows)  # the working shows 0 = c
        return
    assert work.particular is not None and times(A, work.particular) == b
    assert len(work.directions) == n - r == len(work.free)
    if work.directions:
        assert plain_rank(work.directions) == n - r
    s = [Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for _ in work.directions]
    x = [p + sum((c * v[j] for c, v in zip(s, work.directions)), Fraction(0)) for j, p in enumerate(work.particular)]
    assert times(A, x) == b


def test_no_solution_names_the_students_equation_and_keeps_the_working() -> None:
    work = general_solution([[0, 0], [1, 1], [2, 2]], [1, 2, 4])
    assert str(work) == "no solution: elimination turns equation 1 into 0 = 1"
    assert [str(op) for op in work.steps.operations][0] == "swap R1, R2"


def test_a_cofactor_is_a_record_that_shows_its_working() -> None:
    one = cofactor([[2, 1, 1], [4, -6, 0], [-2, 7, 2]], 2, 3)
    assert (one.value, one.sign, one.minor_determinant, one.row, one.column) == (-16, -1, 16, 2, 3)
    assert one.minor == Grid([[2, 1], [-2, 7]])
    assert str(one) == ("C23 = (−1)^(2+3) · det M23, M23 being A without row 2 and column 3\n"
                        "M23 =\n[[ 2  1]\n [−2  7]]\ndet M23 = 2·7 − 1·(−2) = 16\nC23 = −1 · 16 = −16")
    assert one._repr_latex_().startswith("$$C_{23} = (-1)^{2+3} \\det M_{23} = -1 \\cdot 16 = -16, \\quad M_{23} =")
    assert str(cofactor([[1, 2], [3, 4]], 2, 1)).endswith("det M21 = 2 (its one entry)\nC21 = −1 · 2 = −2")
    big = cofactor([[1, 2, 3, 4], [0, 1, -1, 2], [3, 1, 0, 1], [1, 1, 1, -1]], 2, 2)
    assert big.value == 23 and "det M22 = 23 (by elimination" in str(big)
    empty = cofactor([[7]], 1, 1)
    assert empty.value == 1 and empty.minor is None and "det M11 = 1 (the empty minor" in str(empty)


@pytest.mark.parametrize("seed", SEEDS)
def test_cramer_and_cofactors_against_laplace(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 4)
    A = random_matrix(rng, n, n)
    d = laplace(A)
    row = rng.randint(1, n)
    assert cofactor_expansion(A, row).value == d
    adj = adjugate(A)
    assert Grid(A) @ adj == Grid.identity(n) * d
    if n > 1:
        i, j = rng.randint(1, n), rng.randint(1, n)
        minor = [r[:j - 1] + r[j:] for k, r in enumerate(A) if k != i - 1]
        one = cofactor(A, i, j)
        assert one.value == (-1) ** (i + j) * laplace(minor) and one.minor_determinant == laplace(minor)
        assert one.sign == (-1) ** (i + j) and one.minor is not None and one.minor.rows == tuple(map(tuple, minor))
    b = [Fraction(rng.randint(-5, 5)) for _ in range(n)]
    if d == 0:
        with pytest.raises(SingularMatrixError, match="Cramer's rule needs det A ≠ 0"):
            cramer(A, b)
    else:
        work = cramer(A, b)
        assert times(A, list(work.x)) == b and work.determinant == d
        assert all(top == laplace([r[:j] + [c] + r[j + 1:] for r, c in zip(A, b)]) for j, top in enumerate(work.numerators))


# ------------------------------------------------------ the four subspaces


@pytest.mark.parametrize("seed", SEEDS)
def test_the_four_subspaces(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    A = low_rank(rng, m, n)
    s = subspaces(A)
    r = plain_rank(A)
    assert s.rank == r and s.shape == (m, n)
    columns = [list(v) for v in s.column_space]
    assert len(columns) == r and (plain_rank(columns) == r if r else True)
    assert all(any(list(v) == [row[j] for row in A] for j in range(n)) for v in s.column_space)
    assert len(s.row_space) == r and (plain_rank([list(v) for v in s.row_space]) == r if r else True)
    assert plain_rank([list(v) for v in s.row_space] + A) == r if r else True
    assert len(s.null_space) == n - r and all(times(A, list(v)) == [0] * m for v in s.null_space)
    At = [list(col) for col in zip(*A)]
    assert len(s.left_null_space) == m - r and all(times(At, list(v)) == [0] * n for v in s.left_null_space)
    assert f"rank + nullity = {r} + {n - r} = {n} columns" in str(s)


# ----------------------------------------------------------------------- LU


@pytest.mark.parametrize("seed", SEEDS)
def test_lu_steps_factors_exactly(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 4)
    A = random_matrix(rng, n, n, -3, 3)
    if rng.random() < 0.3:
        A[0][0] = Fraction(0)  # a zero first pivot: a row exchange
    work = lu_steps(A)
    L, U, P = work.L, work.U, work.P
    assert P @ Grid(A) == L @ U
    assert all(L[i, i] == 1 and all(L[i, j] == 0 for j in range(i + 1, n)) for i in range(n))
    assert U == ref(A).result
    product = P @ Grid(A)
    for _, E in work.eliminations:
        product = E @ product
    assert product == U
    pivots = [U[i, i] for i in range(n)]
    sign = -1 if sum(1 for op in work.steps.operations if op.kind == "swap") % 2 else 1
    value = Fraction(sign)
    for p in pivots:
        value *= p
    assert value == laplace(A)


# ------------------------------------------------------------- eigenvalues


def jordan_test_matrix(rng: random.Random) -> Tuple[Rows, List[Fraction], bool]:
    """A = S J S⁻¹ with S random and regular, J diagonal (rational eigenvalues) or with one Jordan block.

    Returns A, its eigenvalues (with repeats) and whether it is diagonalisable.
    """
    n = rng.randint(1, 4)
    while True:
        S = random_matrix(rng, n, n, -2, 2)
        if laplace(S) != 0:
            break
    values = [Fraction(rng.randint(-3, 3), rng.choice([1, 1, 2])) for _ in range(n)]
    defective = n > 1 and rng.random() < 0.4
    J = [[values[i] if i == j else Fraction(0) for j in range(n)] for i in range(n)]
    if defective:
        values[1] = values[0]
        J[1][1] = values[0]
        J[0][1] = Fraction(1)  # a Jordan block: one eigenvector for a double eigenvalue
    inverse = Grid(S) ** -1
    A = (Grid(S) @ Grid(J) @ inverse).tolist()
    return [[Fraction(x) for x in row] for row in A], values, not defective


@pytest.mark.parametrize("seed", SEEDS)
def test_eigenvalues_of_matrices_built_from_their_eigenvalues(seed: int) -> None:
    rng = random.Random(seed)
    A, values, diagonalisable = jordan_test_matrix(rng)
    n = len(A)
    found = eigenvalues(A).values
    assert all(v.exact for v in found)
    assert sorted(v.value for v in found for _ in range(v.algebraic)) == sorted(values)
    for v in found:
        shifted = [[A[i][j] - (v.value if i == j else 0) for j in range(n)] for i in range(n)]
        assert v.geometric == n - plain_rank(shifted)
    for space in eigenvectors(A).spaces:
        for u in space.vectors:
            assert times(A, list(u)) == [space.eigenvalue.value * x for x in u]
    work = diagonalize(A)
    assert work.diagonalizable == diagonalisable
    if diagonalisable:
        assert work.P is not None and work.D is not None
        assert Grid(A) @ work.P == work.P @ work.D and laplace(work.P.tolist()) != 0
    else:
        assert work.P is None and "defective" in work.reason and "geometric multiplicity" in work.reason


@pytest.mark.parametrize("seed", SEEDS)
def test_characteristic_polynomial_is_det_of_t_minus_a(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 4)
    A = random_matrix(rng, n, n)
    p = characteristic_polynomial(A)
    assert p.degree == n and p.coefficients[0] == 1
    for t in range(-n, 2):  # n + 1 points fix a polynomial of degree n
        T = Fraction(t, 2)
        assert p(T) == laplace([[(T if i == j else 0) - A[i][j] for j in range(n)] for i in range(n)])
    found = eigenvalues(A).values
    assert sum(v.algebraic for v in found) == n
    total = sum((complex(v.value) * v.algebraic for v in found), 0j)
    trace = sum(A[i][i] for i in range(n))
    assert abs(total - float(trace)) <= 1e-9 * (1 + abs(float(trace)) + sum(abs(complex(v.value)) for v in found))
    for v in found:
        if isinstance(v.value, float):  # a real root: p changes sign within a relative 1e-12 of it
            lo, hi = sorted([Fraction(v.value * (1 - 1e-12)), Fraction(v.value * (1 + 1e-12))])
            assert (p(lo) > 0) != (p(hi) > 0) or v.algebraic % 2 == 0
        if not v.exact:
            z = complex(v.value)
            value = sum((complex(c) * z ** (n - k) for k, c in enumerate(p.coefficients)), 0j)
            scale = sum(abs(float(c)) * abs(z) ** (n - k) for k, c in enumerate(p.coefficients))
            assert abs(value) <= 1e-9 * scale


def test_complex_and_defective_cases() -> None:
    rotation = eigenvalues([[0, -1], [1, 0]])
    assert [v.value for v in rotation.values] == [complex(0, -1), complex(0, 1)]
    assert str(rotation.polynomial) == "λ² + 1"
    shear = diagonalize([[1, 1], [0, 1]])
    assert not shear.diagonalizable
    assert str(shear) == ("not diagonalisable (defective): λ = 1 has algebraic multiplicity 2 but geometric "
                          "multiplicity 1 (only 1 independent eigenvector)")
    assert diagonalize([[0, -1], [1, 0]]).diagonalizable  # over the complex numbers
    assert diagonalize([[2, 0], [0, 2]]).P == Grid.identity(2)


# ------------------------------------------------- orthogonality, exactly


@pytest.mark.parametrize("seed", SEEDS)
def test_orthogonalize_projection_and_least_squares(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 3)
    m = rng.randint(n, 4)
    A = random_matrix(rng, m, n)
    b = [Fraction(rng.randint(-5, 5)) for _ in range(m)]
    if plain_rank(A) < n:
        with pytest.raises(SingularMatrixError):
            projection_matrix(A)
        return
    Q = orthogonalize(A)
    for i in range(n):
        for j in range(i):
            assert sum((x * y for x, y in zip(Q.column(i), Q.column(j))), Fraction(0)) == 0
    assert plain_rank([list(row) + list(q) for row, q in zip(A, Q.rows)]) == n  # the same column space
    P = projection_matrix(A)
    assert P @ P == P and P.T == P and P @ Grid(A) == Grid(A)
    fit = least_squares(A, b)
    x = fit.x
    error = [c - v for c, v in zip(b, times(A, list(x)))]
    assert list(fit.error) == error and list(fit.projection) == times(A, list(x))
    assert all(sum((a * e for a, e in zip(column, error)), Fraction(0)) == 0 for column in zip(*A))
    assert [row[0] for row in (P @ Grid([[c] for c in b])).tolist()] == times(A, list(x))


@pytest.mark.parametrize("seed", SEEDS)
def test_change_of_basis(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 3)
    A = random_matrix(rng, n, n)
    B = random_matrix(rng, n, n)
    if laplace(B) == 0:
        with pytest.raises(SingularMatrixError, match="not a basis"):
            change_of_basis(A, B)
        return
    M = change_of_basis(A, B)
    assert Grid(B) @ M == Grid(A) @ Grid(B)


# ------------------------------------------------------------ Grid and text


@pytest.mark.parametrize("seed", SEEDS)
def test_grid_arithmetic_entry_by_entry(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(1, 3), rng.randint(1, 3)
    A, B = random_matrix(rng, m, n), random_matrix(rng, m, n)
    c = Fraction(rng.randint(-5, 5), rng.randint(1, 4))
    assert (Grid(A) + Grid(B)).tolist() == [[a + b for a, b in zip(r, s)] for r, s in zip(A, B)]
    assert (Grid(A) - Grid(B)).tolist() == [[a - b for a, b in zip(r, s)] for r, s in zip(A, B)]
    assert (c * Grid(A)).tolist() == (Grid(A) * c).tolist() == [[c * a for a in r] for r in A]
    S = random_matrix(rng, m, m)
    k = rng.randint(0, 4)
    power = Grid.identity(m)
    for _ in range(k):
        power = power @ Grid(S)
    assert Grid(S) ** k == power
    if laplace(S) != 0:
        assert Grid(S) ** -1 @ Grid(S) == Grid.identity(m)


@pytest.mark.parametrize("text", ["0.1", "-2.5", "1e-20", "3", "-7.25e3", "0.3333", "+4", " 12 "])
def test_decimals_are_read_exactly(text: str) -> None:
    assert read_number(text) == Fraction(Decimal(text.strip()))
    assert Grid([[text]]).exact and Grid([[text]])[0, 0] == Fraction(Decimal(text.strip()))


def test_fractions_and_bad_text() -> None:
    assert read_number("1/3") == Fraction(1, 3) and read_number("−2/4") == Fraction(-1, 2)
    with pytest.raises(PurennError, match=r"row 2, column 1 is 'x': write a whole number"):
        read_number("x", "row 2, column 1")
    with pytest.raises(PurennError, match="division by zero"):
        read_number("1/0")
    with pytest.raises(ShapeError, match=r"cannot compute \(1, 2\) \+ \(2, 1\)"):
        Grid([[1, 2]]) + Grid([[1], [2]])
    with pytest.raises(TypeError, match="works exactly, in fractions"):
        cofactor([[0.5]], 1, 1)


# --------------------------------------------------- drills: row operations by hand, without fractions


@pytest.mark.parametrize("seed", SEEDS)
def test_row_operations_from_text_and_their_check(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(2, 4), rng.randint(1, 4)
    A = random_matrix(rng, m, n)
    i, k = rng.sample(range(m), 2)
    c = Fraction(rng.choice([-3, -2, -1, 1, 2, 3]), rng.choice([1, 1, 2, 3]))
    kind = rng.choice(["add", "scale", "swap"])
    expected = [list(row) for row in A]
    if kind == "add":
        text = f"R{i + 1} <- R{i + 1} {'-' if c < 0 else '+'} {abs(c)} R{k + 1}"
        expected[i] = [a + c * b for a, b in zip(A[i], A[k])]
    elif kind == "scale":
        c = c if c != 1 else Fraction(2)  # R ← 1·R changes nothing, and is refused as such
        text = f"R{i + 1} ← ({c})·R{i + 1}"
        expected[i] = [c * a for a in A[i]]
    else:
        text = f"swap R{i + 1}, R{k + 1}"
        expected[i], expected[k] = expected[k], expected[i]
    assert row_operation(A, text).tolist() == expected
    assert check_row_operation(A, text, expected).correct
    wrong = [list(row) for row in expected]
    j = rng.randrange(n)
    wrong[i][j] += rng.choice([-1, 1])
    verdict = check_row_operation(A, text, wrong)
    assert not verdict.correct and len(verdict.mistakes) == 1
    assert verdict.mistakes[0].startswith(f"row {i + 1}, column {j + 1} should be ")


@pytest.mark.parametrize(
    "text, message",
    [
        ("R2 ← R2 − 3·R2", "not an elementary row operation: R2 appears twice on the right; write R2 ← −2·R2"),
        ("R1 = R2", "replaces R1 by other rows only, which loses it"),
        ("R2 <- 0 R2", "multiplies R2 by 0"),
        ("R2 <- R2 + R1 + R3", "adds more than one other row at once"),
        ("R4 <- R4 - R1", "names R4, but the matrix has rows R1 to R3"),
        ("swap R2, R2", "swaps a row with itself"),
        ("R2 - R1", "cannot read 'R2 - R1' as a row operation"),
    ],
)
def test_a_row_operation_that_is_not_elementary_is_named(text: str, message: str) -> None:
    with pytest.raises((PurennError, ShapeError), match=message.replace("(", r"\(")):
        row_operation([[1, 2], [3, 4], [5, 6]], text)


@pytest.mark.parametrize("seed", SEEDS)
def test_fraction_free_elimination_keeps_whole_numbers(seed: int) -> None:
    rng = random.Random(seed)
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    A = low_rank(rng, m, n)
    steps, U = fraction_free_ref(A)
    clearing = sum(1 for row in A if any(x.denominator != 1 for x in row))  # one scaling per row with a fraction
    for step in steps[clearing:]:
        assert all(x.denominator == 1 for row in step.matrix.rows for x in row)
    r = plain_rank(A)
    assert plain_rank(U.tolist()) == r and plain_rank(U.tolist() + A) == r  # the same row space
    leads = [next((j for j, x in enumerate(row) if x != 0), n) for row in U.rows]
    assert all(a < b or b == n for a, b in zip(leads, leads[1:]))  # an echelon form
    assert row_operation(A, steps.operations) == U  # the working replays
