"""Unit tests for purenn.Matrix: construction, indexing, products, broadcasting, display.

Error tests check the message as well as the type (STYLE.md rule 7). Results
of ``@`` are checked against a plain triple loop written here, shape first,
values second. Random checks use seeded ``random.Random`` loops (no hypothesis).
"""

import copy
import math
import operator
import pickle
import random
import re
from fractions import Fraction
from typing import List

import pytest

from purenn.linalg import display

from purenn import Matrix, PurennError, ShapeError, Vector


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally from the start of the message."""
    return "^" + re.escape(text)


def reference_matmul(a: List[List[float]], b: List[List[float]]) -> List[List[float]]:
    """The matrix product as three plain loops, with an exactly rounded sum."""
    return [
        [math.fsum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))]
        for i in range(len(a))
    ]


def random_matrix(rng: random.Random, rows: int, columns: int, integers: bool = False) -> Matrix:
    if integers:
        return Matrix([[rng.randint(-9, 9) for _ in range(columns)] for _ in range(rows)])
    return Matrix([[rng.uniform(-5, 5) for _ in range(columns)] for _ in range(rows)])


# ------------------------------------------------------------------ construction


def test_ints_become_floats() -> None:
    m = Matrix([[1, 2], [3, 4.5]])
    assert m.tolist() == [[1.0, 2.0], [3.0, 4.5]]
    assert all(type(x) is float for row in m.tolist() for x in row)


@pytest.mark.parametrize(
    "source",
    [
        [[1, 2], [3, 4]],
        ((1, 2), (3, 4)),
        [range(1, 3), range(3, 5)],
        (iter(r) for r in ([1, 2], [3, 4])),
        [Vector([1, 2]), Vector([3, 4])],
        Matrix([[1, 2], [3, 4]]),
    ],
    ids=["lists", "tuples", "ranges", "generator", "Vectors", "Matrix"],
)
def test_built_from_any_iterable_of_rows(source: object) -> None:
    assert Matrix(source) == Matrix([[1.0, 2.0], [3.0, 4.0]])  # type: ignore[arg-type]


def test_input_lists_are_not_aliased() -> None:
    data = [[1.0, 2.0], [3.0, 4.0]]
    m = Matrix(data)
    data[0][0] = 99.0
    data.append([5.0, 6.0])
    assert m == Matrix([[1, 2], [3, 4]])


@pytest.mark.parametrize(
    "rows, error, message",
    [
        ([], ShapeError, "a Matrix needs at least one row and one column; got an empty sequence"),
        ([[]], ShapeError, "a Matrix needs at least one row and one column; got an empty sequence"),
        ([[], []], ShapeError, "a Matrix needs at least one row and one column; got an empty sequence"),
        ([[1, 2], [3]], ShapeError, "row 1 has 1 entry but row 0 has 2: every row of a Matrix must have the same length"),
        ([[1], [2, 3]], ShapeError, "row 1 has 2 entries but row 0 has 1: every row of a Matrix must have the same length"),
        ([[1, 2], [3, 4], [5, 6, 7]], ShapeError, "row 2 has 3 entries but row 0 has 2: every row of a Matrix must have the same length"),
        ([[1, 2], []], ShapeError, "row 1 has 0 entries but row 0 has 2: every row of a Matrix must have the same length"),
        ([1, 2], TypeError, "row 0 is 1 ("),
        ([[1, 2], 3], TypeError, "row 1 is 3 ("),
        ([[1, 2], None], TypeError, "row 1 is None (a NoneType), not a sequence: a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]]); for a 1-D array use Vector"),
        (["12"], TypeError, "row 0 is '12' (a str), not a sequence"),
        ([[1, 2], b"12"], TypeError, "row 1 is b'12' (a bytes), not a sequence"),
        ([[[1, 2]]], TypeError, "the entry at row 0, column 0 is [1, 2] (a list); entries must be int or float"),
        ([[1, 2], [3, [4]]], TypeError, "the entry at row 1, column 1 is [4] (a list); entries must be int or float"),
        ([[1, 2], [3, "4"]], TypeError, "the entry at row 1, column 1 is '4' (a str); entries must be int or float"),
        ([[1, b"2"]], TypeError, "the entry at row 0, column 1 is b'2' (a bytes); entries must be int or float"),
        ([[1, 2], [None, 4]], TypeError, "the entry at row 1, column 0 is None (a NoneType); entries must be int or float"),
        ([[1, True]], TypeError, "the entry at row 0, column 1 is True (a bool); write 1.0 or 0.0 to use it as a number"),
        ([[Fraction(1, 3)]], TypeError, "the entry at row 0, column 0 is Fraction(1, 3) (a Fraction); entries must be int or float"),
        ("12", TypeError, "a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]]); got '12' (a str)"),
        (b"12", TypeError, "a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]]); got b'12' (a bytes)"),
        (None, TypeError, "a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]]); got None (a NoneType)"),
        (3.5, TypeError, "a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]]); got 3.5 (a float)"),
    ],
    ids=[
        "empty", "one-empty-row", "two-empty-rows", "ragged-short", "ragged-long", "ragged-third",
        "ragged-empty", "flat-list", "number-row", "None-row", "str-row", "bytes-row", "too-deep",
        "too-deep-later", "str-entry", "bytes-entry", "None-entry", "bool-entry", "Fraction-entry",
        "str", "bytes", "None", "float",
    ],
)
def test_bad_input_is_refused_with_its_position(rows: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        Matrix(rows)  # type: ignore[arg-type]


def test_flat_list_error_points_to_Vector() -> None:
    with pytest.raises(TypeError, match="for a 1-D array use Vector"):
        Matrix([1, 2])  # type: ignore[list-item]


def test_shape_errors_are_value_errors_of_the_family() -> None:
    with pytest.raises(ValueError) as info:
        Matrix([[1, 2], [3]])
    assert isinstance(info.value, ShapeError) and isinstance(info.value, PurennError)


def test_from_rows_and_from_columns() -> None:
    assert Matrix.from_rows([[1, 2], [3, 4]]) == Matrix([[1, 2], [3, 4]])
    assert Matrix.from_rows([Vector([1, 2])]) == Matrix([[1, 2]])
    assert Matrix.from_columns([[1, 2], [3, 4]]) == Matrix([[1, 3], [2, 4]])
    assert Matrix.from_columns([Vector([1, 2, 3])]).shape == (3, 1)
    assert Matrix.from_columns([[1, 2, 3]]) == Matrix([[1], [2], [3]])


def test_from_columns_ragged_error_speaks_of_columns() -> None:
    with pytest.raises(ShapeError, match="column 1 has 1 entry but column 0 has 2"):
        Matrix.from_columns([[1, 2], [3]])


def test_from_columns_bad_entry_gives_its_real_position() -> None:
    with pytest.raises(TypeError, match=re.escape("the entry at row 1, column 0 is 'a'")):
        Matrix.from_columns([[1, "a"]])  # type: ignore[list-item]


# ------------------------------------------------------- classmethod constructors


def test_zeros_ones_full_identity() -> None:
    assert Matrix.zeros(2, 3) == Matrix([[0, 0, 0], [0, 0, 0]])
    assert Matrix.ones(3, 1) == Matrix([[1], [1], [1]])
    assert Matrix.full(1, 2, 7) == Matrix([[7.0, 7.0]])
    assert type(Matrix.full(1, 1, 7)[0, 0]) is float
    assert Matrix.identity(3) == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert Matrix.identity(1) == Matrix([[1]])


def test_full_refuses_a_non_number_value() -> None:
    with pytest.raises(TypeError, match=exactly("value must be an int or a float, got True (a bool)")):
        Matrix.full(2, 2, True)
    with pytest.raises(TypeError, match=exactly("value must be an int or a float, got '1' (a str)")):
        Matrix.full(2, 2, "1")  # type: ignore[arg-type]


BAD_COUNTS = [
    (0, ShapeError, "must be at least 1, got 0"),
    (-1, ShapeError, "must be at least 1, got -1"),
    (2.5, TypeError, "must be an int, got 2.5 (a float)"),
    (True, TypeError, "must be an int, got True (a bool)"),
    ("2", TypeError, "must be an int, got '2' (a str)"),
    (None, TypeError, "must be an int, got None (a NoneType)"),
]

CONSTRUCTORS = {
    "zeros": lambda r, c: Matrix.zeros(r, c),
    "ones": lambda r, c: Matrix.ones(r, c),
    "full": lambda r, c: Matrix.full(r, c, 0.5),
    "uniform": lambda r, c: Matrix.uniform(r, c, rng=0),
    "normal": lambda r, c: Matrix.normal(r, c, rng=0),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
@pytest.mark.parametrize("count, error, message", BAD_COUNTS, ids=[repr(c[0]) for c in BAD_COUNTS])
def test_bad_counts_are_refused_and_named(name: str, count: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly("rows " + message)):
        CONSTRUCTORS[name](count, 2)
    with pytest.raises(error, match=exactly("columns " + message)):
        CONSTRUCTORS[name](2, count)


@pytest.mark.parametrize("count, error, message", BAD_COUNTS, ids=[repr(c[0]) for c in BAD_COUNTS])
def test_identity_bad_counts(count: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly("n " + message)):
        Matrix.identity(count)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
def test_shapes_from_constructors(name: str) -> None:
    assert CONSTRUCTORS[name](1, 1).shape == (1, 1)
    assert CONSTRUCTORS[name](3, 2).shape == (3, 2)


def test_uniform_is_the_stream_of_random_Random_row_by_row() -> None:
    source = random.Random(9)
    expected = [[source.uniform(-1.0, 2.0) for _ in range(3)] for _ in range(2)]
    assert Matrix.uniform(2, 3, -1.0, 2.0, rng=9).tolist() == expected
    assert Matrix.uniform(2, 3, -1.0, 2.0, rng=random.Random(9)).tolist() == expected


def test_normal_is_the_stream_of_random_gauss_row_by_row() -> None:
    source = random.Random(4)
    expected = [[source.gauss(0.5, 3.0) for _ in range(2)] for _ in range(3)]
    assert Matrix.normal(3, 2, 0.5, 3.0, rng=4).tolist() == expected


def test_random_constructors_are_reproducible_and_advance_a_shared_generator() -> None:
    assert Matrix.uniform(3, 3, rng=1) == Matrix.uniform(3, 3, rng=1)
    assert Matrix.uniform(3, 3, rng=1) != Matrix.uniform(3, 3, rng=2)
    assert Matrix.normal(3, 3, rng=1) == Matrix.normal(3, 3, rng=1)
    rng = random.Random(0)
    assert Matrix.normal(2, 2, rng=rng) != Matrix.normal(2, 2, rng=rng)


def test_uniform_bounds_and_normal_statistics() -> None:
    u = Matrix.uniform(50, 40, -3.0, -1.0, rng=5)
    assert -3.0 <= u.min() and u.max() <= -1.0
    assert u.min() < -2.9 and u.max() > -1.1
    n = Matrix.normal(100, 50, mean=-2.0, std=0.5, rng=6)
    assert abs(n.mean() - -2.0) < 0.05
    assert abs(math.sqrt(((n - n.mean()) ** 2).mean()) - 0.5) < 0.05


@pytest.mark.parametrize("rng", [None, True, 0.5, "7"])
def test_rng_must_be_a_Random_or_int(rng: object) -> None:
    with pytest.raises(TypeError, match=exactly("rng must be a random.Random or an int seed, got ")):
        Matrix.uniform(2, 2, rng=rng)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=exactly("rng must be a random.Random or an int seed, got ")):
        Matrix.normal(2, 2, rng=rng)  # type: ignore[arg-type]


def test_rng_is_required() -> None:
    with pytest.raises(TypeError):
        Matrix.uniform(2, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Matrix.normal(2, 2, 0.0, 1.0, 3)  # type: ignore[call-arg]


# -------------------------------------------------------------- shape and indexing


def test_shape_and_len() -> None:
    m = Matrix([[1, 2, 3], [4, 5, 6]])
    assert m.shape == (2, 3)
    assert len(m) == 2
    assert Matrix([[1]]).shape == (1, 1)


def test_entry_indexing_with_negative_indices() -> None:
    m = Matrix([[1, 2, 3], [4, 5, 6]])
    assert m[0, 0] == 1.0 and m[1, 2] == 6.0
    assert m[-1, -1] == 6.0 and m[-2, -3] == 1.0 and m[0, -1] == 3.0
    assert type(m[0, 0]) is float


@pytest.mark.parametrize(
    "index, message",
    [
        ((2, 0), "row index 2 is out of range: there are 2 rows (0 to 1, or -2 to -1)"),
        ((-3, 0), "row index -3 is out of range: there are 2 rows (0 to 1, or -2 to -1)"),
        ((0, 3), "column index 3 is out of range: there are 3 columns (0 to 2, or -3 to -1)"),
        ((0, -4), "column index -4 is out of range: there are 3 columns (0 to 2, or -3 to -1)"),
    ],
)
def test_entry_index_out_of_range(index: tuple, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(IndexError, match=exactly(message)):
        Matrix([[1, 2, 3], [4, 5, 6]])[index]


@pytest.mark.parametrize(
    "index, error, message",
    [
        ((0, 0, 0), IndexError, "a Matrix takes two indices, m[i, j]; got 3: (0, 0, 0)"),
        ((0,), IndexError, "a Matrix takes two indices, m[i, j]; got 1: (0,)"),
        (1.0, TypeError, "row index must be an int, got 1.0 (a float)"),
        (True, TypeError, "row index must be an int, got True (a bool)"),
        ("0", TypeError, "row index must be an int, got '0' (a str)"),
        ((0, 1.0), TypeError, "column index must be an int, got 1.0 (a float)"),
        ((False, 0), TypeError, "row index must be an int, got False (a bool)"),
    ],
)
def test_bad_indices(index: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        Matrix([[1, 2], [3, 4]])[index]  # type: ignore[call-overload]


def test_numpy_column_syntax_works_or_points_to_column() -> None:
    m = Matrix([[1, 2], [3, 4]])
    try:
        assert m[:, 0] == m.column(0)  # type: ignore[index]
    except TypeError as error:
        assert "column(" in str(error)


def test_row_index_and_row_column_methods() -> None:
    m = Matrix([[1, 2, 3], [4, 5, 6]])
    assert m[0] == Vector([1, 2, 3]) and m[-1] == Vector([4, 5, 6])
    assert m.row(1) == Vector([4, 5, 6]) and m.row(-2) == Vector([1, 2, 3])
    assert m.column(0) == Vector([1, 4]) and m.column(-1) == Vector([3, 6])
    assert isinstance(m[0], Vector)
    with pytest.raises(IndexError, match=exactly("row index 2 is out of range: there are 2 rows")):
        m[2]
    with pytest.raises(IndexError, match=exactly("row index 5 is out of range: there are 2 rows")):
        m.row(5)
    with pytest.raises(IndexError, match=exactly("column index 3 is out of range: there are 3 columns (0 to 2, or -3 to -1)")):
        m.column(3)
    with pytest.raises(TypeError, match=exactly("column index must be an int, got 0.0 (a float)")):
        m.column(0.0)  # type: ignore[arg-type]


def test_slices_are_matrices_of_rows() -> None:
    m = Matrix([[1, 1], [2, 2], [3, 3]])
    assert m[1:] == Matrix([[2, 2], [3, 3]])
    assert m[::-1] == Matrix([[3, 3], [2, 2], [1, 1]])
    assert m[::2] == Matrix([[1, 1], [3, 3]])
    assert m[:1].shape == (1, 2)
    assert m[:] == m


@pytest.mark.parametrize("part", [slice(3, None), slice(1, 1), slice(2, 0)])
def test_empty_slice_is_a_shape_error(part: slice) -> None:
    with pytest.raises(ShapeError, match=r"the slice .* of a \(3, 2\) Matrix has no rows"):
        Matrix([[1, 1], [2, 2], [3, 3]])[part]


def test_take() -> None:
    m = Matrix([[1, 1], [2, 2], [3, 3]])
    assert m.take([2, 0]) == Matrix([[3, 3], [1, 1]])
    assert m.take([1, 1, 1]) == Matrix([[2, 2], [2, 2], [2, 2]])
    assert m.take([-1]) == Matrix([[3, 3]])
    assert m.take(range(3)) == m
    assert m.take((i for i in (0,))) == Matrix([[1, 1]])
    with pytest.raises(ShapeError, match=exactly("take() needs at least one row index; got none")):
        m.take([])
    with pytest.raises(IndexError, match=exactly("row index 3 is out of range: there are 3 rows")):
        m.take([0, 3])
    with pytest.raises(TypeError, match=exactly("row index must be an int, got 1.0 (a float)")):
        m.take([1.0])  # type: ignore[list-item]


def test_take_with_a_shuffled_permutation_keeps_the_rows() -> None:
    rng = random.Random(3)
    m = random_matrix(rng, 10, 3)
    order = list(range(10))
    rng.shuffle(order)
    shuffled = m.take(order)
    assert [shuffled[i] for i in range(10)] == [m[j] for j in order]


def test_iteration_yields_rows_as_vectors() -> None:
    m = Matrix([[1, 2], [3, 4]])
    rows = list(m)
    assert rows == [Vector([1, 2]), Vector([3, 4])]
    assert all(isinstance(row, Vector) for row in rows)


def test_tolist_is_a_fresh_deep_copy() -> None:
    m = Matrix([[1, 2], [3, 4]])
    values = m.tolist()
    values[0][0] = 99.0
    values[1].append(5.0)
    values.append([7.0, 8.0])
    assert m == Matrix([[1, 2], [3, 4]])
    assert m.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    first, second = m.tolist(), m.tolist()
    assert first is not second and first[0] is not second[0]


def test_transpose() -> None:
    m = Matrix([[1, 2, 3], [4, 5, 6]])
    assert m.T == Matrix([[1, 4], [2, 5], [3, 6]])
    assert m.T.shape == (3, 2)
    assert m.T.T == m
    assert m.transpose() == m.T
    assert Matrix([[5]]).T == Matrix([[5]])
    assert Matrix([[1, 2, 3]]).T == Matrix([[1], [2], [3]])
    rng = random.Random(1)
    for _ in range(20):
        a = random_matrix(rng, rng.randint(1, 6), rng.randint(1, 6))
        assert all(a.T[j, i] == a[i, j] for i in range(a.shape[0]) for j in range(a.shape[1]))


# ----------------------------------------------------------------- immutability


def test_no_item_assignment_or_deletion() -> None:
    m = Matrix([[1, 2], [3, 4]])
    with pytest.raises(TypeError):
        m[0, 0] = 5.0  # type: ignore[index]
    with pytest.raises(TypeError):
        m[0] = Vector([5, 5])  # type: ignore[index]
    with pytest.raises(TypeError):
        del m[0]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        m[0][0] = 5.0  # type: ignore[index]
    assert m == Matrix([[1, 2], [3, 4]])


def test_no_attribute_assignment() -> None:
    m = Matrix([[1, 2], [3, 4]])
    with pytest.raises(AttributeError):
        m.shape = (4, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.T = Matrix([[1]])  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.data = [[0]]  # type: ignore[attr-defined]
    assert not hasattr(m, "__dict__")
    assert m.shape == (2, 2) and m == Matrix([[1, 2], [3, 4]])


def test_augmented_assignment_rebinds_and_leaves_the_original() -> None:
    m = Matrix([[1, 2]])
    alias = m
    m += 1
    m *= Vector([1, 10])
    m -= Matrix([[1, 1]])
    assert alias == Matrix([[1, 2]])
    assert m == Matrix([[1, 29]])


def test_every_operation_returns_a_new_value_and_leaves_operands_alone() -> None:
    a = Matrix([[1, 2], [3, 4]])
    b = Matrix([[5, 6], [7, 8]])
    saved = (a.tolist(), b.tolist())
    for result in (a + b, a - b, a * b, a / b, a @ b, -a, abs(a), a ** 2, a.map(abs), a.T, a + 1):
        assert result is not a and result is not b
    assert (a.tolist(), b.tolist()) == saved


def test_copy_and_pickle() -> None:
    m = Matrix([[1, -2.5], [0.1, 3]])
    assert copy.copy(m) == m
    assert copy.deepcopy(m) == m
    assert pickle.loads(pickle.dumps(m)) == m


def test_reinitialising_does_not_change_the_value() -> None:
    m = Matrix([[1, 2]])
    table = {m: "kept"}
    try:
        m.__init__([[7], [8]])  # type: ignore[misc]
    except (TypeError, AttributeError):
        pass
    assert m == Matrix([[1, 2]]) and m.shape == (1, 2)
    assert table[Matrix([[1, 2]])] == "kept"


# --------------------------------------------------------------------- equality


def test_equality_is_exact() -> None:
    assert Matrix([[1, 2]]) == Matrix([[1.0, 2.0]])
    assert Matrix([[0.1 + 0.2]]) != Matrix([[0.3]])
    assert Matrix([[1, 2]]) != Matrix([[1], [2]])  # same entries, different shape
    assert Matrix([[1, 2], [3, 4]]) != Matrix([[1, 2], [3, 5]])
    assert Matrix([[0.0]]) == Matrix([[-0.0]])


@pytest.mark.parametrize("other", [[[1.0, 2.0]], ((1.0, 2.0),), Vector([1, 2]), 1.0, "m", None])
def test_equality_with_other_types_is_false(other: object) -> None:
    m = Matrix([[1, 2]])
    assert (m == other) is False
    assert (other == m) is False
    assert m != other
    assert m.__eq__(other) is NotImplemented


def test_hash_is_consistent_with_equality() -> None:
    assert hash(Matrix([[1, 2]])) == hash(Matrix([[1.0, 2.0]]))
    assert hash(Matrix([[0.0]])) == hash(Matrix([[-0.0]]))
    seen = {Matrix([[1, 2]]), Matrix([[1.0, 2.0]]), Matrix([[1], [2]]), Matrix([[2, 1]])}
    assert len(seen) == 3
    cache = {Matrix.identity(2): "I"}
    assert cache[Matrix([[1, 0], [0, 1]])] == "I"
    assert Matrix([[1, 2]]) in {Matrix([[1, 2]])}


def test_bool_is_refused() -> None:
    message = "the truth value of a (2, 3) Matrix is ambiguous; use len(m), a == b or a.allclose(b)"
    with pytest.raises(TypeError, match=exactly(message)):
        bool(Matrix.zeros(2, 3))
    with pytest.raises(TypeError, match="ambiguous"):
        if Matrix([[1]]):
            pass
    with pytest.raises(TypeError, match="ambiguous"):
        Matrix([[1]]) and 1


def test_allclose() -> None:
    m = Matrix([[1.0, 2.0]])
    assert m.allclose(Matrix([[1.0, 2.0 + 1e-12]]))
    assert not m.allclose(Matrix([[1.0, 2.01]]))
    assert m.allclose(Matrix([[1.0, 2.01]]), rel_tol=1e-2)
    assert not Matrix([[0.0]]).allclose(Matrix([[1e-11]]))  # the default abs_tol is 1e-12
    assert not Matrix([[0.0]]).allclose(Matrix([[1e-15]]), abs_tol=0.0)
    assert Matrix([[0.0]]).allclose(Matrix([[1e-15]]), abs_tol=1e-12)


def test_allclose_errors() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot compare (1, 2) with (2, 1): the shapes must be equal")):
        Matrix([[1, 2]]).allclose(Matrix([[1], [2]]))
    with pytest.raises(TypeError, match=exactly("allclose compares with a Matrix, got list")):
        Matrix([[1, 2]]).allclose([[1, 2]])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=exactly("allclose compares with a Matrix, got Vector")):
        Matrix([[1, 2]]).allclose(Vector([1, 2]))  # type: ignore[arg-type]


# --------------------------------------------------------------- matrix product


def test_matmul_matrix_matrix() -> None:
    a = Matrix([[1, 2], [3, 4]])
    assert a @ Matrix([[5], [6]]) == Matrix([[17], [39]])
    assert a @ Matrix([[5, 6], [7, 8]]) == Matrix([[19, 22], [43, 50]])
    assert Matrix([[1, 2, 3]]) @ Matrix([[1], [2], [3]]) == Matrix([[14]])
    assert Matrix([[1], [2]]) @ Matrix([[3, 4]]) == Matrix([[3, 4], [6, 8]])
    assert a.matmul(Matrix([[5], [6]])) == Matrix([[17], [39]])


def test_matmul_with_vectors() -> None:
    a = Matrix([[1, 2], [3, 4], [5, 6]])
    result = a @ Vector([1, -1])  # (3, 2) @ (2,) -> (3,)
    assert isinstance(result, Vector) and result == Vector([-1, -1, -1])
    left = Vector([1, 0, 2]) @ a  # (3,) @ (3, 2) -> (2,)
    assert isinstance(left, Vector) and left == Vector([11, 14])
    assert Vector([1, 2]) @ Vector([3, 4]) == 11.0


def test_matmul_vector_agrees_with_column_and_row_matrices() -> None:
    rng = random.Random(2)
    for _ in range(20):
        m, n = rng.randint(1, 6), rng.randint(1, 6)
        a = random_matrix(rng, m, n)
        v = Vector([rng.uniform(-1, 1) for _ in range(n)])
        w = Vector([rng.uniform(-1, 1) for _ in range(m)])
        assert (a @ v).allclose((a @ Matrix.from_columns([v])).column(0))
        assert (w @ a).allclose((Matrix([w]) @ a).row(0))


@pytest.mark.parametrize(
    "left, right, message",
    [
        ((2, 3), (4, 1), "cannot multiply (2, 3) @ (4, 1): inner dimensions 3 and 4 differ"),
        ((2, 3), (2, 3), "cannot multiply (2, 3) @ (2, 3): inner dimensions 3 and 2 differ"),
        ((1, 1), (2, 1), "cannot multiply (1, 1) @ (2, 1): inner dimensions 1 and 2 differ"),
        ((2, 3), (4,), "cannot multiply (2, 3) @ (4,): inner dimensions 3 and 4 differ"),
        ((2, 3), (2,), "cannot multiply (2, 3) @ (2,): inner dimensions 3 and 2 differ"),
        ((4,), (2, 3), "cannot multiply (4,) @ (2, 3): inner dimensions 4 and 2 differ"),
        ((3,), (2, 3), "cannot multiply (3,) @ (2, 3): inner dimensions 3 and 2 differ"),
        ((2,), (3,), "cannot take the dot product (2,) @ (3,): Vectors must have the same length"),
    ],
)
def test_matmul_shape_mismatch_messages(left: tuple, right: tuple, message: str) -> None:  # type: ignore[type-arg]
    def make(shape: tuple) -> object:  # type: ignore[type-arg]
        return Vector.ones(shape[0]) if len(shape) == 1 else Matrix.ones(*shape)

    with pytest.raises(ShapeError, match=exactly(message)):
        make(left) @ make(right)  # type: ignore[operator]


@pytest.mark.parametrize("other", [2, 2.0, [[1.0], [1.0]], "a", None, True])
def test_matmul_with_unknown_types_is_a_type_error(other: object) -> None:
    m = Matrix([[1, 2], [3, 4]])
    with pytest.raises(TypeError):
        m @ other  # type: ignore[operator]
    with pytest.raises(TypeError):
        other @ m  # type: ignore[operator]
    assert m.__matmul__(other) is NotImplemented  # type: ignore[operator]
    assert m.__rmatmul__(other) is NotImplemented  # type: ignore[operator]


def test_matmul_against_a_reference_on_random_integer_matrices() -> None:
    rng = random.Random(10)
    for _ in range(40):
        m, n, p = rng.randint(1, 7), rng.randint(1, 7), rng.randint(1, 7)
        a, b = random_matrix(rng, m, n, integers=True), random_matrix(rng, n, p, integers=True)
        product = a @ b
        assert product.shape == (m, p)
        assert product.tolist() == reference_matmul(a.tolist(), b.tolist())  # integers: exact


def test_matmul_against_a_reference_on_random_float_matrices() -> None:
    rng = random.Random(11)
    for _ in range(40):
        m, n, p = rng.randint(1, 7), rng.randint(1, 9), rng.randint(1, 7)
        a, b = random_matrix(rng, m, n), random_matrix(rng, n, p)
        product = a @ b
        assert product.shape == (m, p)
        assert product.allclose(Matrix(reference_matmul(a.tolist(), b.tolist())), rel_tol=1e-10, abs_tol=1e-10)


def test_matmul_algebraic_properties() -> None:
    rng = random.Random(12)
    for _ in range(30):
        m, n, p, q = (rng.randint(1, 5) for _ in range(4))
        a, b, c = random_matrix(rng, m, n), random_matrix(rng, n, p), random_matrix(rng, p, q)
        assert (a @ b).T.allclose(b.T @ a.T, rel_tol=1e-10, abs_tol=1e-10)
        assert ((a @ b) @ c).allclose(a @ (b @ c), rel_tol=1e-9, abs_tol=1e-9)
        assert Matrix.identity(m) @ a == a
        assert a @ Matrix.identity(n) == a
        b2 = random_matrix(rng, n, p)
        assert (a @ (b + b2)).allclose(a @ b + a @ b2, rel_tol=1e-9, abs_tol=1e-9)


# ------------------------------------------------------------------ elementwise

OPERATORS = [
    (operator.add, "+", "add"),
    (operator.sub, "-", "subtract"),
    (operator.mul, "*", "multiply"),
    (operator.truediv, "/", "divide"),
]
OP_IDS = [o[2] for o in OPERATORS]


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_elementwise_with_a_matrix_of_the_same_shape(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    a = Matrix([[6, -3, 0.5], [1, 2, 3]])
    b = Matrix([[2, 4, -0.25], [8, -1, 0.5]])
    expected = [[op(x, y) for x, y in zip(ra, rb)] for ra, rb in zip(a.tolist(), b.tolist())]
    assert op(a, b) == Matrix(expected)


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
@pytest.mark.parametrize("scalar", [3, -0.5])
def test_elementwise_with_a_scalar_on_either_side(op, symbol: str, verb: str, scalar: float) -> None:  # type: ignore[no-untyped-def]
    a = Matrix([[6, -3], [0.5, 4]])
    assert op(a, scalar) == Matrix([[op(x, scalar) for x in row] for row in a.tolist()])
    assert op(scalar, a) == Matrix([[op(scalar, x) for x in row] for row in a.tolist()])


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_row_broadcasting_matrix_op_vector(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    a = Matrix([[6, -3, 2], [1, 2, 4], [5, 5, 5]])  # square, so rows vs columns would show
    v = Vector([2, 4, -8])
    expected = [[op(a[i, j], v[j]) for j in range(3)] for i in range(3)]
    assert op(a, v) == Matrix(expected)


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_row_broadcasting_vector_op_matrix(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    a = Matrix([[6, -3, 2], [1, 2, 4], [5, 5, 5]])
    v = Vector([2, 4, -8])
    expected = [[op(v[j], a[i, j]) for j in range(3)] for i in range(3)]
    result = op(v, a)
    assert isinstance(result, Matrix) and result == Matrix(expected)


def test_bias_is_added_to_every_row() -> None:
    X = Matrix([[1, 0], [0, 1], [1, 1]])  # (3, 2): three samples
    W = Matrix([[1, 2, 3], [4, 5, 6]])  # (2, 3)
    b = Vector([10, 20, 30])  # (3,)
    z = X @ W + b  # (3, 3)
    assert z == Matrix([[11, 22, 33], [14, 25, 36], [15, 27, 39]])


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_matrix_op_wrong_length_vector(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    message = (
        f"cannot {verb} (2, 3) {symbol} (2,): a Vector is applied to every row, "
        "so it needs one entry per column (3)"
    )
    with pytest.raises(ShapeError, match=exactly(message)):
        op(Matrix.ones(2, 3), Vector([1, 2]))


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_vector_op_matrix_wrong_length_is_a_shape_error(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ShapeError, match=r"\(2,\).*\(2, 3\)|\(2, 3\).*\(2,\)"):
        op(Vector([1, 2]), Matrix.ones(2, 3))


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
def test_vector_op_matrix_wrong_length_message_keeps_the_order(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ShapeError, match=exactly(f"cannot {verb} (2,) {symbol} (2, 3)")):
        op(Vector([1, 2]), Matrix.ones(2, 3))


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
@pytest.mark.parametrize(
    "left, right",
    [((2, 2), (1, 2)), ((2, 2), (2, 1)), ((1, 2), (2, 2)), ((2, 1), (2, 2)), ((2, 2), (1, 1)), ((2, 3), (3, 2))],
)
def test_nothing_else_broadcasts(op, symbol: str, verb: str, left: tuple, right: tuple) -> None:  # type: ignore[no-untyped-def, type-arg]
    message = f"cannot {verb} {left} {symbol} {right}: entry-by-entry operations need equal shapes"
    with pytest.raises(ShapeError, match=exactly(message)):
        op(Matrix.ones(*left), Matrix.ones(*right))


def test_a_column_vector_does_not_broadcast_over_columns() -> None:
    with pytest.raises(ShapeError):
        Matrix.ones(3, 2) + Vector([1, 2, 3])  # one entry per row is not the rule


def test_division_by_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        Matrix([[1, 2]]) / 0
    with pytest.raises(ZeroDivisionError):
        Matrix([[1, 2]]) / Matrix([[1, 0]])
    with pytest.raises(ZeroDivisionError):
        Matrix([[1, 2]]) / Vector([0, 1])
    with pytest.raises(ZeroDivisionError):
        1 / Matrix([[1, 0]])


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
@pytest.mark.parametrize("flag", [True, False])
def test_bool_operands_are_refused(op, symbol: str, verb: str, flag: bool) -> None:  # type: ignore[no-untyped-def]
    m = Matrix([[1, 2]])
    with pytest.raises(TypeError):
        op(m, flag)
    with pytest.raises(TypeError):
        op(flag, m)


UNKNOWN = ["a", None, [[1.0, 2.0]], [1.0, 2.0], Fraction(1, 2), 1j, True, object()]


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=OP_IDS)
@pytest.mark.parametrize("other", UNKNOWN, ids=[type(o).__name__ for o in UNKNOWN])
def test_unknown_operands_are_a_type_error(op, symbol: str, verb: str, other: object) -> None:  # type: ignore[no-untyped-def]
    m = Matrix([[1, 2]])
    with pytest.raises(TypeError):
        op(m, other)
    with pytest.raises(TypeError):
        op(other, m)


DUNDERS = [
    "__add__", "__sub__", "__mul__", "__truediv__",
    "__radd__", "__rsub__", "__rmul__", "__rtruediv__",
    "__matmul__", "__rmatmul__", "__pow__",
]


@pytest.mark.parametrize("dunder", DUNDERS)
@pytest.mark.parametrize("other", ["a", None, [[1.0, 2.0]], True], ids=["str", "None", "list", "bool"])
def test_operators_return_NotImplemented_for_unknown_types(dunder: str, other: object) -> None:
    assert getattr(Matrix([[1, 2]]), dunder)(other) is NotImplemented


# ------------------------------------------------------------------------ unary


def test_unary_operators() -> None:
    m = Matrix([[1, -2], [0, 3.5]])
    assert -m == Matrix([[-1, 2], [0, -3.5]])
    assert +m == m
    assert abs(m) == Matrix([[1, 2], [0, 3.5]])
    assert -(-m) == m


def test_power_is_elementwise() -> None:
    m = Matrix([[1, -2], [3, 4]])
    assert m ** 2 == Matrix([[1, 4], [9, 16]])  # not m @ m
    assert m ** 2 != m @ m
    assert m ** 3 == Matrix([[1, -8], [27, 64]])
    assert m ** 0 == Matrix.ones(2, 2)
    assert Matrix([[4, 0.25]]) ** 0.5 == Matrix([[2, 0.5]])
    assert Matrix([[2, 4]]) ** -1 == Matrix([[0.5, 0.25]])


def test_fractional_power_of_a_negative_entry_names_it() -> None:
    message = (
        "cannot raise (2, 2) ** 1.5: the entry at row 1, column 0 is -0.5, and a negative "
        "number to a fractional power is not a real number"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        Matrix([[1, 2], [-0.5, -7]]) ** 1.5


@pytest.mark.parametrize("exponent", [True, "2", None, Matrix([[2]]), Vector([2])])
def test_power_needs_a_number(exponent: object) -> None:
    with pytest.raises(TypeError):
        Matrix([[1, 2]]) ** exponent  # type: ignore[operator]
    with pytest.raises(TypeError):
        2 ** Matrix([[1, 2]])  # type: ignore[operator]


def test_map() -> None:
    assert Matrix([[0, 1], [4, 9]]).map(math.sqrt) == Matrix([[0, 1], [2, 3]])
    result = Matrix([[0.5]]).map(lambda x: 2)
    assert result == Matrix([[2]]) and type(result[0, 0]) is float
    seen: List[float] = []
    Matrix([[1, 2], [3, 4]]).map(lambda x: seen.append(x) or x)  # type: ignore[func-returns-value]
    assert seen == [1.0, 2.0, 3.0, 4.0]  # row by row


# ------------------------------------------------------------------- reductions


def test_reductions_overall() -> None:
    m = Matrix([[1, 5, -2], [3, 4, 0.5]])
    assert m.sum() == 11.5
    assert m.mean() == 11.5 / 6
    assert m.max() == 5.0
    assert m.min() == -2.0
    assert type(m.sum()) is float


def test_reductions_per_axis_follow_numpy() -> None:
    m = Matrix([[1, 5, -2], [3, 4, 0.5]])  # (2, 3)
    # axis=0 reduces over the rows: one result per column, shape (3,)
    assert m.sum(axis=0) == Vector([4, 9, -1.5])
    assert m.mean(axis=0) == Vector([2, 4.5, -0.75])
    assert m.max(axis=0) == Vector([3, 5, 0.5])
    assert m.min(axis=0) == Vector([1, 4, -2])
    # axis=1 reduces over the columns: one result per row, shape (2,)
    assert m.sum(axis=1) == Vector([4, 7.5])
    assert m.mean(axis=1) == Vector([4 / 3, 7.5 / 3])
    assert m.max(axis=1) == Vector([5, 4])
    assert m.min(axis=1) == Vector([-2, 0.5])
    assert m.sum(0) == m.sum(axis=0)


def test_sums_are_exactly_rounded() -> None:
    assert Matrix([[0.1] * 10]).sum() == 1.0
    assert Matrix([[0.1] * 10]).sum(axis=1) == Vector([1.0])
    assert Matrix([[1e100], [1.0], [-1e100]]).sum(axis=0) == Vector([1.0])


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "argmax"])
@pytest.mark.parametrize("axis", [2, -3])
def test_bad_axis(name: str, axis: object) -> None:
    message = (
        f"{name}(axis={axis!r}) is not defined for a Matrix: axis=0 (or -2) reduces over rows "
        "(one result per column), axis=1 (or -1) over columns (one per row)"
    )
    with pytest.raises(ShapeError, match=exactly(message)):
        getattr(Matrix([[1, 2]]), name)(axis=axis)


@pytest.mark.parametrize("name", ["sum", "mean", "max", "min", "argmax"])
@pytest.mark.parametrize("axis", ["0", 0.5])
def test_axis_of_the_wrong_type(name: str, axis: object) -> None:
    message = f"{name}(axis=...) takes an int, 0 or 1; got {axis!r} (a {type(axis).__name__})"
    with pytest.raises(TypeError, match=exactly(message)):
        getattr(Matrix([[1, 2]]), name)(axis=axis)


@pytest.mark.parametrize("action", ["bad-axis", "fractional-power"])
def test_value_errors_belong_to_the_family(action: str) -> None:
    m = Matrix([[1, -2]])
    with pytest.raises(PurennError):
        if action == "bad-axis":
            m.sum(axis=2)
        else:
            m ** 0.5


def test_argmax() -> None:
    m = Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]])
    assert m.argmax(axis=1) == (1, 0)
    assert m.argmax(axis=0) == (1, 0, 0)
    assert Matrix([[3, 3, 1], [2, 5, 5]]).argmax(axis=1) == (0, 1)  # ties: the first
    assert Matrix([[3], [3]]).argmax(axis=0) == (0,)
    assert all(type(i) is int for i in m.argmax(axis=1))


def test_argmin() -> None:
    m = Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]])
    assert tuple(m.argmin(axis=1)) == (0, 1)  # type: ignore[attr-defined]
    assert tuple(m.argmin(axis=0)) == (0, 1, 1)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------- display

AWKWARD = [[0.1 + 0.2, 1e-300, -0.0], [5e-324, 1.7976931348623157e308, 1 / 3], [-2.5, 1e16, 2.0**-1074]]


@pytest.mark.parametrize(
    "m",
    [Matrix([[1, 2], [3, 4]]), Matrix([[1.5]]), Matrix([[0.1 + 0.2, -0.0, 1e16]]), Matrix([[1, 2, 3, 4]] * 4)],
    ids=["2x2", "1x1", "awkward-floats", "4x4"],
)
def test_a_small_repr_pastes_back(m: Matrix) -> None:
    back = eval(repr(m))
    assert back == m
    signs = [math.copysign(1.0, x) for row in m.tolist() for x in row]
    assert [math.copysign(1.0, x) for row in back.tolist() for x in row] == signs


def test_the_exact_text_pastes_back_any_float() -> None:
    m = Matrix(AWKWARD)
    assert eval(display.exact_matrix(m.tolist())) == m
    assert repr(m).startswith("<Matrix shape=(3, 3): ")  # too long for an exact repr


def test_repr_text() -> None:
    assert repr(Matrix([[1, 2], [3, 4]])) == "Matrix([[1.0, 2.0], [3.0, 4.0]])"
    assert repr(Matrix([[-0.0]])) == "Matrix([[-0.0]])"


@pytest.mark.parametrize("special", [math.inf, -math.inf, math.nan], ids=["inf", "-inf", "nan"])
def test_repr_of_infinities_and_nan_pastes_back_or_they_are_refused(special: float) -> None:
    try:
        m = Matrix([[1.0, special]])
    except ValueError:
        return  # refusing inf and nan at construction would also be consistent
    back = eval(repr(m))
    assert repr(back) == repr(m)


def test_str_is_an_aligned_grid() -> None:
    assert str(Matrix([[1, -2.5], [30, 4]])) == "[[ 1  -2.5]\n [30     4]]"
    assert str(Matrix([[1]])) == "[[1]]"
    assert str(Matrix.identity(2)) == "[[1  0]\n [0  1]]"


def test_str_columns_are_right_aligned() -> None:
    m = Matrix([[1, -1000.25, 3], [-20, 5, 0.125], [300, 6, -7]])
    lines = str(m).split("\n")
    assert len(lines) == 3
    rows = str(m)[1:-1].split("\n ")  # drop the outer brackets: one "[...]" per row
    assert len({len(row) for row in rows}) == 1  # every row the same width
    # each column's cells end at the same character position
    cells = [line.strip("[] ").split() for line in lines]
    assert [row[1] for row in cells] == ["-1000.25", "5", "6"]
    ends = []
    for line, row in zip(lines, cells):
        position, row_ends = 0, []
        for cell in row:
            position = line.index(cell, position) + len(cell)
            row_ends.append(position)
        ends.append(row_ends)
    assert ends[0] == ends[1] == ends[2]


def test_str_of_a_large_matrix_is_shortened() -> None:
    text = str(Matrix.normal(768, 8, rng=0))
    lines = text.split("\n")
    assert len(lines) == 7  # three rows, a row of "...", three rows
    assert "..." in lines[3]
    assert all("..." in line for line in lines)  # 8 columns shortened to 3 + ... + 3
    rows = text[1:-1].split("\n ")
    assert len({len(row) for row in rows}) == 1


def test_a_power_too_large_for_a_float_is_refused_on_every_interpreter() -> None:
    # CPython raises OverflowError for 1e200 ** 2; PyPy returns inf: both must end in the same error
    for value in (Matrix([[1e200, 2.0]]), Vector([2.0, 1e200])):
        with pytest.raises(PurennError) as error:
            value ** 2
        assert str(error.value).endswith("and the result is too large for a float (above about 1.8e308)")
    assert (Matrix([[math.inf, 2.0]]) ** 2).tolist() == [[math.inf, 4.0]]  # an infinite entry stays infinite
