"""Unit tests for purenn.Vector: construction, indexing, arithmetic, equality, display.

Error tests check the message as well as the type (STYLE.md rule 7): a learner
reads the message, so its wording is part of the behaviour. Messages are
matched with ``re.escape`` on the literal text.
"""

import math
import operator
import random
import re
from fractions import Fraction

import pytest

from purenn.linalg import display

from purenn import Matrix, PurennError, ShapeError, Vector


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally from the start of the message."""
    return "^" + re.escape(text)


# ------------------------------------------------------------------ construction


def test_ints_become_floats() -> None:
    v = Vector([1, 2, 3])
    assert v.tolist() == [1.0, 2.0, 3.0]
    assert all(type(x) is float for x in v)


@pytest.mark.parametrize(
    "source",
    [[1.0, 2.0], (1, 2.0), range(1, 3), (x for x in (1, 2)), iter([1, 2]), Vector([1, 2])],
    ids=["list", "tuple", "range", "generator", "iterator", "Vector"],
)
def test_built_from_any_iterable_of_numbers(source: object) -> None:
    assert Vector(source) == Vector([1.0, 2.0])  # type: ignore[arg-type]


def test_large_and_special_floats_are_kept() -> None:
    v = Vector([1e308, -1e-308, 5e-324, 2**53])
    assert v.tolist() == [1e308, -1e-308, 5e-324, float(2**53)]


def test_input_list_is_not_aliased() -> None:
    data = [1.0, 2.0]
    v = Vector(data)
    data[0] = 99.0
    assert v[0] == 1.0


@pytest.mark.parametrize(
    "values, error, message",
    [
        ([], ShapeError, "a Vector needs at least one entry; got an empty sequence"),
        ((), ShapeError, "a Vector needs at least one entry; got an empty sequence"),
        (iter([]), ShapeError, "a Vector needs at least one entry; got an empty sequence"),
        ("123", TypeError, "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); got '123' (a str)"),
        (b"12", TypeError, "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); got b'12' (a bytes)"),
        (None, TypeError, "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); got None (a NoneType)"),
        (5, TypeError, "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); got 5"),
        (2.5, TypeError, "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); got 2.5 (a float)"),
        ([1, "2"], TypeError, "the entry at index 1 is '2' (a str); entries must be int or float"),
        ([1, 2, b"3"], TypeError, "the entry at index 2 is b'3' (a bytes); entries must be int or float"),
        ([None], TypeError, "the entry at index 0 is None (a NoneType); entries must be int or float"),
        ([1, True], TypeError, "the entry at index 1 is True (a bool); write 1.0 or 0.0 to use it as a number"),
        ([False, 1], TypeError, "the entry at index 0 is False (a bool); write 1.0 or 0.0 to use it as a number"),
        ([[1], 2], TypeError, "the entry at index 0 is [1] (a list); entries must be int or float"),
        ([1, (2, 3)], TypeError, "the entry at index 1 is (2, 3) (a tuple); entries must be int or float"),
        ([1, 1j], TypeError, "the entry at index 1 is 1j (a complex); entries must be int or float"),
        ([Fraction(1, 2)], TypeError, "the entry at index 0 is Fraction(1, 2) (a Fraction); entries must be int or float"),
        ([Vector([1])], TypeError, "the entry at index 0 is Vector([1.0]) (a Vector); entries must be int or float"),
    ],
    ids=[
        "empty-list", "empty-tuple", "empty-iterator", "str", "bytes", "None", "int", "float",
        "str-entry", "bytes-entry", "None-entry", "True-entry", "False-entry", "nested-list",
        "nested-tuple", "complex-entry", "Fraction-entry", "Vector-entry",
    ],
)
def test_bad_input_is_refused_with_its_position(values: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        Vector(values)  # type: ignore[arg-type]


def test_empty_vector_error_is_a_value_error_of_the_family() -> None:
    with pytest.raises(ValueError) as info:
        Vector([])
    assert isinstance(info.value, PurennError)


def test_int_too_large_for_a_float_names_its_position() -> None:
    with pytest.raises((OverflowError, ValueError, TypeError), match="index 1"):
        Vector([1, 10**400])


# ------------------------------------------------------- classmethod constructors


def test_zeros_ones_full() -> None:
    assert Vector.zeros(3) == Vector([0, 0, 0])
    assert Vector.ones(2) == Vector([1, 1])
    assert Vector.full(2, 7) == Vector([7.0, 7.0])
    assert type(Vector.full(1, 7)[0]) is float
    assert Vector.full(1, -0.5) == Vector([-0.5])


@pytest.mark.parametrize(
    "value, message",
    [
        (True, "value must be an int or a float, got True (a bool)"),
        ("1", "value must be an int or a float, got '1' (a str)"),
        (None, "value must be an int or a float, got None (a NoneType)"),
    ],
)
def test_full_refuses_a_non_number_value(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=exactly(message)):
        Vector.full(2, value)  # type: ignore[arg-type]


BAD_COUNTS = [
    (0, ShapeError, "n must be at least 1, got 0"),
    (-1, ShapeError, "n must be at least 1, got -1"),
    (2.5, TypeError, "n must be an int, got 2.5 (a float)"),
    (2.0, TypeError, "n must be an int, got 2.0 (a float)"),
    (True, TypeError, "n must be an int, got True (a bool)"),
    ("3", TypeError, "n must be an int, got '3' (a str)"),
    (None, TypeError, "n must be an int, got None (a NoneType)"),
]

CONSTRUCTORS = {
    "zeros": lambda n: Vector.zeros(n),
    "ones": lambda n: Vector.ones(n),
    "full": lambda n: Vector.full(n, 1.5),
    "uniform": lambda n: Vector.uniform(n, rng=0),
    "normal": lambda n: Vector.normal(n, rng=0),
}


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
@pytest.mark.parametrize("n, error, message", BAD_COUNTS, ids=[repr(c[0]) for c in BAD_COUNTS])
def test_bad_counts_are_refused(name: str, n: object, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        CONSTRUCTORS[name](n)


@pytest.mark.parametrize("name", sorted(CONSTRUCTORS))
def test_count_of_one_is_fine(name: str) -> None:
    assert CONSTRUCTORS[name](1).shape == (1,)


def test_uniform_with_an_int_seed_is_the_stream_of_random_Random() -> None:
    source = random.Random(42)
    expected = [source.uniform(-2.0, 3.0) for _ in range(5)]
    assert Vector.uniform(5, -2.0, 3.0, rng=42).tolist() == expected


def test_uniform_with_a_generator_uses_and_advances_it() -> None:
    rng = random.Random(7)
    first = Vector.uniform(4, rng=rng)
    second = Vector.uniform(4, rng=rng)
    assert first != second
    reference = random.Random(7)
    assert first.tolist() == [reference.uniform(0.0, 1.0) for _ in range(4)]
    assert second.tolist() == [reference.uniform(0.0, 1.0) for _ in range(4)]


def test_uniform_is_reproducible_and_seed_dependent() -> None:
    assert Vector.uniform(10, rng=1) == Vector.uniform(10, rng=1)
    assert Vector.uniform(10, rng=1) != Vector.uniform(10, rng=2)
    assert Vector.uniform(10, rng=random.Random(1)) == Vector.uniform(10, rng=1)


def test_uniform_bounds() -> None:
    v = Vector.uniform(2000, -0.5, 0.25, rng=3)
    assert all(-0.5 <= x <= 0.25 for x in v)
    assert v.min() < -0.45 and v.max() > 0.2  # the whole range is used
    assert all(0.0 <= x <= 1.0 for x in Vector.uniform(500, rng=4))


def test_normal_is_the_stream_of_random_gauss() -> None:
    source = random.Random(5)
    expected = [source.gauss(1.0, 2.0) for _ in range(6)]
    assert Vector.normal(6, 1.0, 2.0, rng=5).tolist() == expected


def test_normal_statistics() -> None:
    v = Vector.normal(5000, mean=3.0, std=0.5, rng=11)
    assert abs(v.mean() - 3.0) < 0.05
    std = math.sqrt(((v - v.mean()) ** 2).mean())
    assert abs(std - 0.5) < 0.05


def test_no_global_random_state_is_used() -> None:
    random.seed(0)
    state = random.getstate()
    Vector.uniform(5, rng=1)
    Vector.normal(5, rng=random.Random(2))
    assert random.getstate() == state


@pytest.mark.parametrize("rng", [None, True, 1.5, "42"])
def test_rng_must_be_a_Random_or_int(rng: object) -> None:
    with pytest.raises(TypeError, match=exactly("rng must be a random.Random or an int seed, got ")):
        Vector.uniform(3, rng=rng)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=exactly("rng must be a random.Random or an int seed, got ")):
        Vector.normal(3, rng=rng)  # type: ignore[arg-type]


def test_rng_is_required_and_keyword_only() -> None:
    with pytest.raises(TypeError):
        Vector.uniform(3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Vector.normal(3, 0.0, 1.0, 42)  # type: ignore[call-arg]


# -------------------------------------------------------------- shape and indexing


def test_shape_and_len() -> None:
    v = Vector([4, 5, 6])
    assert v.shape == (3,)
    assert isinstance(v.shape, tuple)
    assert len(v) == 3


def test_indexing_positive_and_negative() -> None:
    v = Vector([10, 20, 30])
    assert (v[0], v[1], v[2]) == (10.0, 20.0, 30.0)
    assert (v[-1], v[-2], v[-3]) == (30.0, 20.0, 10.0)
    assert type(v[0]) is float


@pytest.mark.parametrize("index", [3, -4, 100])
def test_index_out_of_range(index: int) -> None:
    v = Vector([10, 20, 30])
    with pytest.raises(IndexError, match=exactly(f"entry index {index} is out of range: there are 3 ")):
        v[index]


def test_index_out_of_range_message_spells_entries() -> None:
    with pytest.raises(IndexError, match=exactly("entry index 3 is out of range: there are 3 entries (0 to 2, or -3 to -1)")):
        Vector([10, 20, 30])[3]


@pytest.mark.parametrize(
    "index, message",
    [
        (1.0, "entry index must be an int, got 1.0 (a float)"),
        (True, "entry index must be an int, got True (a bool)"),
        ("0", "entry index must be an int, got '0' (a str)"),
        (None, "entry index must be an int, got None (a NoneType)"),
    ],
)
def test_index_must_be_an_int(index: object, message: str) -> None:
    with pytest.raises(TypeError, match=exactly(message)):
        Vector([1, 2])[index]  # type: ignore[call-overload]


def test_slices_are_vectors() -> None:
    v = Vector([0, 1, 2, 3, 4])
    assert v[1:3] == Vector([1, 2])
    assert v[::-1] == Vector([4, 3, 2, 1, 0])
    assert v[::2] == Vector([0, 2, 4])
    assert v[-2:] == Vector([3, 4])
    assert v[:] == v
    assert isinstance(v[0:1], Vector)


@pytest.mark.parametrize("part", [slice(5, None), slice(2, 2), slice(3, 1)])
def test_empty_slice_is_a_shape_error(part: slice) -> None:
    with pytest.raises(ShapeError, match=r"the slice .* of a \(5,\) Vector is empty"):
        Vector([0, 1, 2, 3, 4])[part]


def test_iteration_and_tolist() -> None:
    v = Vector([1, 2, 3])
    assert list(v) == [1.0, 2.0, 3.0]
    assert [x for x in v] == v.tolist()
    assert sum(v) == 6.0
    assert 2.0 in v and 2 in v and 5 not in v


def test_tolist_is_a_fresh_copy() -> None:
    v = Vector([1, 2])
    values = v.tolist()
    values[0] = 99.0
    values.append(3.0)
    assert v == Vector([1, 2])
    assert v.tolist() is not v.tolist()


# ----------------------------------------------------------------- immutability


def test_no_item_assignment_or_deletion() -> None:
    v = Vector([1, 2])
    with pytest.raises(TypeError):
        v[0] = 5.0  # type: ignore[index]
    with pytest.raises(TypeError):
        del v[0]  # type: ignore[attr-defined]
    assert v == Vector([1, 2])


def test_no_attribute_assignment() -> None:
    v = Vector([1, 2])
    with pytest.raises(AttributeError):
        v.shape = (3,)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        v.extra = 1  # type: ignore[attr-defined]
    assert not hasattr(v, "__dict__")
    assert v.shape == (2,)


def test_augmented_assignment_rebinds_and_leaves_the_original() -> None:
    v = Vector([1, 2])
    alias = v
    v += 1
    v *= 2
    assert alias == Vector([1, 2])
    assert v == Vector([4, 6])


def test_reinitialising_does_not_change_the_value() -> None:
    v = Vector([1, 2])
    key = {v: "kept"}
    try:
        v.__init__([7, 8])  # type: ignore[misc]
    except (TypeError, AttributeError):
        pass
    assert v == Vector([1, 2])
    assert key[Vector([1, 2])] == "kept"


# --------------------------------------------------------------------- equality


def test_equality_is_exact() -> None:
    assert Vector([1, 2]) == Vector([1.0, 2.0])
    assert Vector([0.1 + 0.2]) != Vector([0.3])
    assert Vector([1, 2]) != Vector([1, 2, 3])
    assert not (Vector([1, 2]) != Vector([1, 2]))
    assert Vector([0.0]) == Vector([-0.0])


@pytest.mark.parametrize("other", [[1.0, 2.0], (1.0, 2.0), 1.0, "12", None, Matrix([[1, 2]])])
def test_equality_with_other_types_is_false(other: object) -> None:
    v = Vector([1, 2])
    assert (v == other) is False
    assert (other == v) is False
    assert v != other
    assert v.__eq__(other) is NotImplemented


def test_hash_is_consistent_with_equality() -> None:
    assert hash(Vector([1, 2])) == hash(Vector([1.0, 2.0]))
    assert hash(Vector([0.0])) == hash(Vector([-0.0]))
    assert len({Vector([1, 2]), Vector([1.0, 2.0]), Vector([2, 1])}) == 2
    table = {Vector([1, 2]): "a"}
    assert table[Vector([1.0, 2.0])] == "a"


def test_bool_is_refused() -> None:
    message = "the truth value of a (2,) Vector is ambiguous; use len(v), v == w or v.allclose(w)"
    with pytest.raises(TypeError, match=exactly(message)):
        bool(Vector([1, 2]))
    with pytest.raises(TypeError, match="ambiguous"):
        if Vector([0]):
            pass
    with pytest.raises(TypeError, match="ambiguous"):
        not Vector([1])


def test_allclose() -> None:
    v = Vector([1.0, 2.0])
    assert v.allclose(Vector([1.0, 2.0 + 1e-12]))
    assert not v.allclose(Vector([1.0, 2.001]))
    assert v.allclose(Vector([1.0, 2.001]), rel_tol=1e-3)
    assert not Vector([0.0]).allclose(Vector([1e-11]))  # the default abs_tol is 1e-12
    assert not Vector([0.0]).allclose(Vector([1e-12]), abs_tol=0.0)
    assert Vector([0.0]).allclose(Vector([1e-12]), abs_tol=1e-9)


def test_allclose_shape_mismatch() -> None:
    with pytest.raises(ShapeError, match=r"\(3,\).*\(2,\)"):
        Vector([1, 2, 3]).allclose(Vector([1, 2]))


def test_allclose_shape_mismatch_message_reads_well() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot compare (3,) with (2,)")):
        Vector([1, 2, 3]).allclose(Vector([1, 2]))


@pytest.mark.parametrize("other", [[1.0, 2.0], Matrix([[1, 2]]), 1.0])
def test_allclose_with_a_non_vector_is_a_type_error(other: object) -> None:
    with pytest.raises(TypeError, match="allclose"):
        Vector([1, 2]).allclose(other)  # type: ignore[arg-type]


# ------------------------------------------------------------------ elementwise

OPERATORS = [
    (operator.add, "+", "add"),
    (operator.sub, "-", "subtract"),
    (operator.mul, "*", "multiply"),
    (operator.truediv, "/", "divide"),
]


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=[o[2] for o in OPERATORS])
def test_elementwise_with_a_vector(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    u, v = Vector([6, -3, 0.5]), Vector([2, 4, -0.25])
    assert op(u, v) == Vector([op(a, b) for a, b in zip(u, v)])


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=[o[2] for o in OPERATORS])
@pytest.mark.parametrize("scalar", [2, -0.5])
def test_elementwise_with_a_scalar_on_either_side(op, symbol: str, verb: str, scalar: float) -> None:  # type: ignore[no-untyped-def]
    v = Vector([6, -3, 0.5])
    assert op(v, scalar) == Vector([op(x, scalar) for x in v])
    assert op(scalar, v) == Vector([op(scalar, x) for x in v])
    assert all(type(x) is float for x in op(v, scalar))


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=[o[2] for o in OPERATORS])
def test_elementwise_length_mismatch(op, symbol: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    message = f"cannot {verb} (2,) {symbol} (3,): Vectors must have the same length"
    with pytest.raises(ShapeError, match=exactly(message)):
        op(Vector([1, 2]), Vector([1, 2, 3]))


def test_division_by_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        Vector([1, 2]) / 0
    with pytest.raises(ZeroDivisionError):
        Vector([1, 2]) / Vector([1, 0])
    with pytest.raises(ZeroDivisionError):
        1 / Vector([1, 0])


def test_reflected_subtraction_and_division_keep_the_order() -> None:
    assert 1 - Vector([0.25, 1]) == Vector([0.75, 0.0])
    assert 1 / Vector([4, 0.5]) == Vector([0.25, 2.0])
    assert 10 - Vector([3]) == Vector([7])


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=[o[2] for o in OPERATORS])
@pytest.mark.parametrize("flag", [True, False])
def test_bool_operands_are_refused(op, symbol: str, verb: str, flag: bool) -> None:  # type: ignore[no-untyped-def]
    v = Vector([1, 2])
    with pytest.raises(TypeError):
        op(v, flag)
    with pytest.raises(TypeError):
        op(flag, v)


UNKNOWN = ["a", None, [1.0, 2.0], (1.0, 2.0), Fraction(1, 2), 1j, True, object()]


@pytest.mark.parametrize("op, symbol, verb", OPERATORS, ids=[o[2] for o in OPERATORS])
@pytest.mark.parametrize("other", UNKNOWN, ids=[type(o).__name__ for o in UNKNOWN])
def test_unknown_operands_are_a_type_error(op, symbol: str, verb: str, other: object) -> None:  # type: ignore[no-untyped-def]
    v = Vector([1, 2])
    with pytest.raises(TypeError):
        op(v, other)
    with pytest.raises(TypeError):
        op(other, v)


DUNDERS = ["__add__", "__sub__", "__mul__", "__truediv__", "__rtruediv__", "__matmul__", "__pow__"]


@pytest.mark.parametrize("dunder", DUNDERS)
@pytest.mark.parametrize("other", ["a", None, [1.0, 2.0], True], ids=["str", "None", "list", "bool"])
def test_operators_return_NotImplemented_for_unknown_types(dunder: str, other: object) -> None:
    assert getattr(Vector([1, 2]), dunder)(other) is NotImplemented


@pytest.mark.parametrize("dunder", ["__radd__", "__rsub__", "__rmul__"])
def test_reflected_operators_return_NotImplemented_for_unknown_types(dunder: str) -> None:
    assert getattr(Vector([1, 2]), dunder)("a") is NotImplemented


def test_reflected_type_error_names_the_operator_the_user_wrote() -> None:
    with pytest.raises(TypeError, match=re.escape("for -: 'str' and 'Vector'")):
        "a" - Vector([1, 2])  # type: ignore[operator]


def test_vector_op_matrix_is_left_to_the_matrix() -> None:
    v = Vector([1, 2])
    m = Matrix([[10, 20], [30, 40]])
    assert v.__add__(m) is NotImplemented  # type: ignore[operator]
    assert v + m == Matrix([[11, 22], [31, 42]])


# ------------------------------------------------------------------------ unary


def test_unary_operators() -> None:
    v = Vector([1, -2, 0])
    assert -v == Vector([-1, 2, 0])
    assert math.copysign(1.0, (-v)[2]) == -1.0  # -0.0, as floats do
    assert +v == v
    assert abs(v) == Vector([1, 2, 0])
    assert -(-v) == v


def test_power() -> None:
    v = Vector([1, -2, 3])
    assert v ** 2 == Vector([1, 4, 9])
    assert v ** 2.0 == Vector([1, 4, 9])
    assert v ** 3 == Vector([1, -8, 27])
    assert v ** 0 == Vector([1, 1, 1])
    assert Vector([2, 4]) ** -1 == Vector([0.5, 0.25])
    assert Vector([4, 9, 0]) ** 0.5 == Vector([2, 3, 0])
    assert Vector([-0.0]) ** 0.5 == Vector([0.0])


def test_fractional_power_of_a_negative_entry_names_it() -> None:
    message = (
        "cannot raise (3,) ** 0.5: the entry at index 2 is -1.0, and a negative number "
        "to a fractional power is not a real number"
    )
    with pytest.raises(ValueError, match=exactly(message)):
        Vector([4, 0, -1]) ** 0.5


@pytest.mark.parametrize("exponent", [True, "2", None, [2], Vector([2, 2])])
def test_power_needs_a_number(exponent: object) -> None:
    with pytest.raises(TypeError):
        Vector([1, 2]) ** exponent  # type: ignore[operator]


def test_number_to_the_power_of_a_vector_is_not_supported() -> None:
    with pytest.raises(TypeError):
        2 ** Vector([1, 2])  # type: ignore[operator]


def test_map() -> None:
    assert Vector([0, 1]).map(math.exp).allclose(Vector([1, math.e]))
    result = Vector([1.5, 2.5]).map(lambda x: 1)  # an int result becomes a float
    assert result == Vector([1, 1]) and all(type(x) is float for x in result)


@pytest.mark.parametrize("result", ["3", True])
def test_map_refuses_what_construction_refuses(result: object) -> None:
    with pytest.raises(TypeError):
        Vector([1, 2]).map(lambda x: result)  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------------- product


def test_dot_product() -> None:
    u, v = Vector([1, 2, 3]), Vector([4, 5, 6])
    assert u @ v == 32.0
    assert u.dot(v) == 32.0
    assert type(u @ v) is float


def test_dot_product_length_mismatch() -> None:
    message = "cannot take the dot product (2,) @ (3,): Vectors must have the same length"
    with pytest.raises(ShapeError, match=exactly(message)):
        Vector([1, 2]) @ Vector([1, 2, 3])
    with pytest.raises(ShapeError, match=exactly(message)):
        Vector([1, 2]).dot(Vector([1, 2, 3]))


def test_dot_needs_a_vector() -> None:
    with pytest.raises(TypeError, match=exactly("dot needs a Vector, got list")):
        Vector([1, 2]).dot([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Vector([1, 2]) @ [1, 2]  # type: ignore[operator]
    with pytest.raises(TypeError):
        Vector([1, 2]) @ 2  # type: ignore[operator]


def test_dot_matches_a_plain_loop_on_random_vectors() -> None:
    rng = random.Random(0)
    for _ in range(50):
        n = rng.randint(1, 30)
        xs = [rng.uniform(-10, 10) for _ in range(n)]
        ys = [rng.uniform(-10, 10) for _ in range(n)]
        expected = math.fsum(x * y for x, y in zip(xs, ys))
        assert math.isclose(Vector(xs) @ Vector(ys), expected, rel_tol=1e-9, abs_tol=1e-9)


# ------------------------------------------------------------------- reductions


def test_reductions() -> None:
    v = Vector([3, -1, 7, 0.5])
    assert v.sum() == 9.5
    assert v.mean() == 9.5 / 4
    assert v.max() == 7.0
    assert v.min() == -1.0
    assert v.argmax() == 2
    assert v.argmin() == 1
    assert type(v.argmax()) is int


def test_sum_is_exactly_rounded() -> None:
    assert Vector([0.1] * 10).sum() == 1.0
    assert Vector([1e100, 1.0, -1e100]).sum() == 1.0


def test_argmax_argmin_ties_give_the_first() -> None:
    assert Vector([7, 3, 7]).argmax() == 0
    assert Vector([1, -1, -1]).argmin() == 1
    assert Vector([5]).argmax() == 0 and Vector([5]).argmin() == 0


# ---------------------------------------------------------------------- display

AWKWARD = [0.1 + 0.2, 1e-300, -0.0, 5e-324, 1.7976931348623157e308, 1 / 3, -2.5, 1e16, 123456789.123]


def test_a_small_repr_pastes_back() -> None:
    v = Vector([0.1 + 0.2, -0.0, 1e16, 1 / 3])
    back = eval(repr(v))
    assert back == v
    assert [math.copysign(1.0, x) for x in back] == [math.copysign(1.0, x) for x in v]
    assert repr(Vector([1, 2])) == "Vector([1.0, 2.0])"


def test_the_exact_text_pastes_back_any_float() -> None:
    v = Vector(AWKWARD)
    assert eval(display.exact_vector(v.tolist())) == v
    assert repr(v).startswith("<Vector shape=(9,): ")  # too long for an exact repr


@pytest.mark.parametrize("special", [math.inf, -math.inf, math.nan], ids=["inf", "-inf", "nan"])
def test_repr_of_infinities_and_nan_pastes_back_or_they_are_refused(special: float) -> None:
    try:
        v = Vector([1.0, special])
    except ValueError:
        return  # refusing inf and nan at construction would also be consistent
    back = eval(repr(v))
    assert repr(back) == repr(v)


def test_long_repr_is_short() -> None:
    v = Vector.normal(10_000, rng=2)
    text = repr(v)
    assert len(text) <= 100
    assert "shape=(10000,)" in text
    assert text.startswith("<Vector")
    assert repr(Vector(range(100))) == "<Vector shape=(100,): [0, 1, 2, ..., 97, 98, 99]>"


def test_str() -> None:
    assert str(Vector([1, -0.5, 20])) == "[1  -0.5  20]"
    assert str(Vector([1 / 3])) == "[0.333333]"
    long = str(Vector(range(5000)))
    assert "..." in long and len(long) < 200
