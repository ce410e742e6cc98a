"""Checks shared by Vector and Matrix: numbers, counts, seeds and indices.

Private to purenn. Each check runs once per operation (or once per entry at
construction), never inside an arithmetic loop.
"""

import math
import random
from collections.abc import Iterable, Mapping, Set
from typing import Iterable as IterableOf, Sequence, Union

from purenn.errors import PurennError, ShapeError
from purenn.linalg._display import counted

Seed = Union[random.Random, int]
"""Where randomness comes from: an explicit ``random.Random``, or a seed for a new one."""


def type_with_article(value: object) -> str:
    """The type of ``value`` with its article, for messages: "an int", "a str".

    >>> type_with_article(3), type_with_article("3"), type_with_article(None)
    ('an int', 'a str', 'a NoneType')
    """
    name = type(value).__name__
    return ("an " if name[0].lower() in "aeiou" else "a ") + name


def as_entry(value: object, where: str) -> float:
    """Return ``value`` as a float, or raise saying where it was.

    ``where`` completes the sentence "the entry ... is", e.g. "at row 1, column 2".

    >>> as_entry(3, "at index 0")
    3.0
    >>> as_entry("3", "at index 0")
    Traceback (most recent call last):
    ...
    TypeError: the entry at index 0 is '3' (a str); entries must be int or float
    >>> as_entry(10**400, "at index 0")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: the entry at index 0 is an int too large for a float (the largest float is about 1.8e308)
    """
    if type(value) is float:
        return value
    if isinstance(value, bool):
        raise TypeError(
            f"the entry {where} is {value!r} (a bool); write 1.0 or 0.0 to use it as a number"
        )
    if isinstance(value, (int, float)):  # an int, or a subclass of float
        try:
            return float(value)
        except OverflowError:
            raise PurennError(
                f"the entry {where} is an int too large for a float (the largest float is about 1.8e308)"
            ) from None
    raise TypeError(f"the entry {where} is {value!r} ({type_with_article(value)}); entries must be int or float")


def as_number(value: object, name: str) -> float:
    """Return the argument ``name`` as a float, or raise TypeError naming it.

    >>> as_number(2, "value")
    2.0
    >>> as_number("x", "value")
    Traceback (most recent call last):
    ...
    TypeError: value must be an int or a float, got 'x' (a str)
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise PurennError(f"{name} is an int too large for a float (the largest float is about 1.8e308)") from None
    raise TypeError(f"{name} must be an int or a float, got {value!r} ({type_with_article(value)})")


def check_tolerances(rel_tol: object, abs_tol: object) -> None:
    """Both tolerances of an ``allclose`` are numbers of at least 0.

    >>> check_tolerances(1e-9, -1.0)
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: abs_tol must be at least 0, got -1.0
    """
    for name, value in (("rel_tol", rel_tol), ("abs_tol", abs_tol)):
        if not as_number(value, name) >= 0.0:
            raise PurennError(f"{name} must be at least 0, got {value!r}")


def is_number(value: object) -> bool:
    """True for an int or float that can act as a scalar operand (bools excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_sequence(values: object) -> bool:
    """True for an iterable that keeps its order and is not text: a list, tuple, range, Vector...

    Strings and bytes are text, not numbers. A set has no order, and a dict
    would give its keys, so neither can say which entry goes where.

    >>> is_sequence([1, 2]), is_sequence(x for x in (1, 2)), is_sequence({1, 2}), is_sequence("12")
    (True, True, False, False)
    """
    return isinstance(values, Iterable) and not isinstance(values, (str, bytes, Set, Mapping))


def described(value: object) -> str:
    """``value`` and its type, for a message; sets and dicts say why they cannot be used.

    >>> described("12"), described({2}), described({"a": 1})
    ("'12' (a str)", '{2} (a set, which has no order)', "{'a': 1} (a dict, which would give its keys)")
    """
    if isinstance(value, Set):
        return f"{value!r} ({type_with_article(value)}, which has no order)"
    if isinstance(value, Mapping):
        return f"{value!r} ({type_with_article(value)}, which would give its keys)"
    return f"{value!r} ({type_with_article(value)})"


def power_problem(x: float, p: float) -> str:
    """Why x ** p has no float value, or "" when it has one.

    >>> power_problem(-1.0, 0.5)
    'a negative number to a fractional power is not a real number'
    >>> power_problem(4.0, 0.5)
    ''
    """
    if x < 0.0 and not p.is_integer():
        return "a negative number to a fractional power is not a real number"
    try:
        x**p
    except ZeroDivisionError:
        return "0 to a negative power divides by zero"
    except OverflowError:
        return "the result is too large for a float (above about 1.8e308)"
    return ""


def check_count(count: object, what: str) -> int:
    """Return ``count`` if it is a positive int, else raise a clear error.

    >>> check_count(0, "rows")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: rows must be at least 1, got 0
    """
    if not isinstance(count, int) or isinstance(count, bool):
        raise TypeError(f"{what} must be an int, got {count!r} ({type_with_article(count)})")
    if count < 1:
        raise ShapeError(f"{what} must be at least 1, got {count}")
    if count > MAX_COUNT:
        raise ShapeError(f"{what} must be at most {MAX_COUNT:,} (more would not fit in memory), got {count:,}")
    return count


MAX_COUNT = 1_000_000_000
"""The largest count of rows, columns or entries asked for: a billion floats take 8 GB even in an array."""


def check_index(index: object, length: int, what: str) -> int:
    """Return ``index`` as a position in ``range(length)``; negative counts from the end.

    >>> check_index(-1, 3, "row")
    2
    >>> check_index(3, 3, "entry")
    Traceback (most recent call last):
    ...
    IndexError: entry index 3 is out of range: there are 3 entries (0 to 2, or -3 to -1)
    """
    if not isinstance(index, int) or isinstance(index, bool):
        raise TypeError(f"{what} index must be an int, got {index!r} ({type_with_article(index)})")
    if not -length <= index < length:
        raise IndexError(
            f"{what} index {index} is out of range: there are {counted(length, what)} "
            f"(0 to {length - 1}, or {-length} to -1)"
        )
    return index % length


def as_rng(rng: Seed, name: str = "rng") -> random.Random:
    """Return ``rng`` itself, or a new ``random.Random`` seeded with it.

    ``name`` is the argument's name in the message when ``rng`` is neither.

    >>> as_rng(7).random() == random.Random(7).random()
    True
    """
    if isinstance(rng, random.Random):
        return rng
    if isinstance(rng, int) and not isinstance(rng, bool):
        return random.Random(rng)
    raise TypeError(f"{name} must be a random.Random or an int seed, got {rng!r} ({type_with_article(rng)})")


# --------------------------------------------------------------- reductions
# Sum, max and min as NumPy gives them, shared by Vector and Matrix.


def total(values: IterableOf[float]) -> float:
    """The sum of ``values``, exactly rounded; inf (or nan) when it does not fit a float.

    ``math.fsum`` is exact, but it raises OverflowError when a partial sum
    passes the largest float, and ValueError for inf + -inf. NumPy gives
    inf and nan there, and so does this: the plain running sum does.

    >>> total([0.1] * 10), total([1e308, 1e308]), total([float("inf"), -float("inf")])
    (1.0, inf, nan)
    """
    numbers = values if isinstance(values, (list, tuple)) else list(values)  # read twice below, if need be
    try:
        return math.fsum(numbers)
    except (OverflowError, ValueError):  # too large for a float, or inf + -inf
        return sum(numbers, 0.0)


def largest(values: Sequence[float]) -> float:
    """The largest of ``values``; nan if any is nan, wherever it is (as NumPy's max).

    Python's ``max`` keeps its first value when a later one is nan, so that
    ``max([nan, 1.0])`` is nan but ``max([1.0, nan])`` is 1.0.

    >>> largest([1.0, float("nan"), 3.0])
    nan
    """
    return math.nan if any(x != x for x in values) else max(values)


def smallest(values: Sequence[float]) -> float:
    """The smallest of ``values``; nan if any is nan, wherever it is (as NumPy's min).

    >>> smallest([3.0, 1.0, float("nan")])
    nan
    """
    return math.nan if any(x != x for x in values) else min(values)


def index_of_largest(values: Sequence[float]) -> int:
    """The index of the largest value (the first, if several tie); that of the first nan, if any.

    >>> index_of_largest([1.0, 3.0, 3.0]), index_of_largest([1.0, float("nan"), 3.0])
    (1, 1)
    """
    nan = next((i for i, x in enumerate(values) if x != x), None)
    return nan if nan is not None else max(range(len(values)), key=values.__getitem__)


def index_of_smallest(values: Sequence[float]) -> int:
    """The index of the smallest value (the first, if several tie); that of the first nan, if any.

    >>> index_of_smallest([3.0, 1.0, 1.0]), index_of_smallest([3.0, 1.0, float("nan")])
    (1, 2)
    """
    nan = next((i for i, x in enumerate(values) if x != x), None)
    return nan if nan is not None else min(range(len(values)), key=values.__getitem__)


def as_scalar(value: float, symbol: str) -> float:
    """An int or float operand of ``symbol`` (+, *, ** ...) as a float; PurennError when it is too large for one.

    >>> as_scalar(2, "*")
    2.0
    >>> as_scalar(10**400, "*")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: cannot use an int of 401 digits with *: it is too large for a float (the largest is about 1.8e308)
    """
    try:
        return float(value)
    except OverflowError:
        raise PurennError(
            f"cannot use an int of {len(str(abs(int(value))))} digits with {symbol}: it is too large for a float "
            "(the largest is about 1.8e308)"
        ) from None


def mean_of(values: Sequence[float]) -> float:
    """The mean of finite ``values``, exactly rounded sum over m; Σ (x / m) when Σ x is beyond the largest float.

    >>> mean_of([1.0, 2.0]), mean_of([1.5e308, 1.5e308])
    (1.5, 1.5e+308)
    """
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.fsum(x / len(values) for x in values)


def length(values: Sequence[float]) -> float:
    """sqrt(sum of x**2) over ``values``, with neither overflow nor underflow.

    With s a power of two close to the largest |x|: length = s * sqrt(sum of (x/s)**2).
    Every x/s is at most 2 in size, so its square neither overflows nor (for
    the entries that matter) underflows; and dividing or multiplying by a
    power of two is exact, so the scaling adds no rounding error.

    >>> length([3 * 2.0**600, 4 * 2.0**600]) == 5 * 2.0**600, length([3e-200, 4e-200]) > 0
    (True, True)
    """
    largest = max(abs(x) for x in values)
    if largest == 0.0 or not math.isfinite(largest):  # 0, inf or nan: nothing to scale
        return largest
    _, exponent = math.frexp(largest)  # largest = m * 2**exponent with 0.5 <= m < 1
    s = math.ldexp(1.0, exponent - 1)  # 2**(exponent - 1) <= largest < 2**exponent
    return s * math.sqrt(math.fsum((x / s) ** 2 for x in values))
