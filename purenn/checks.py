"""The checks every layer makes of the arguments it is given, and where randomness comes from.

One rule for every mistake of the same kind: a value of the wrong type is a
``TypeError``, a value of the right type that cannot be used is a
``PurennError`` (purenn/errors.py), and both messages name the argument,
what it got and what it needs.

>>> whole_number(3, "epochs")
3
>>> positive_number("0.1", "learning_rate")
Traceback (most recent call last):
...
TypeError: learning_rate must be an int or a float, got '0.1' (a str)
"""

import math
import random
from collections.abc import Iterable, Mapping, Set
from typing import Union

from purenn.errors import PurennError, ShapeError
from purenn.text import counted, type_with_article

__all__ = [
    "MAX_COUNT", "Seed", "as_number", "as_rng", "as_scalar", "check_count", "check_index", "is_number", "is_sequence",
    "positive_number", "power_problem", "whole_number",
]


Seed = Union[random.Random, int]
"""Where randomness comes from: an explicit ``random.Random``, or a seed for a new one."""


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


def power_problem(x: float, p: float) -> str:
    """Why x ** p has no float value, or "" when it has one.

    >>> power_problem(-1.0, 0.5)
    'a negative number to a fractional power is not a real number'
    >>> power_problem(4.0, 0.5)
    ''
    >>> power_problem(1e200, 2.0)
    'the result is too large for a float (above about 1.8e308)'
    """
    if x < 0.0 and not p.is_integer():
        return "a negative number to a fractional power is not a real number"
    too_large = "the result is too large for a float (above about 1.8e308)"
    try:
        result = x**p
    except ZeroDivisionError:
        return "0 to a negative power divides by zero"
    except OverflowError:  # CPython
        return too_large
    if math.isinf(result) and math.isfinite(x) and math.isfinite(p):  # PyPy gives inf instead of raising
        return too_large
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


def as_scalar(value: float, symbol: str) -> float:
    """An int or float operand of ``symbol`` (+, *, ** ...) as a float; PurennError when it is too large for one.

    >>> as_scalar(2, "*")
    2.0
    >>> as_scalar(10**400, "*")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: ...int of 401 digits with *: it is too large for a float (the largest is about 1.8e308)
    """
    try:
        return float(value)
    except OverflowError:
        raise PurennError(
            f"cannot use an int of {len(str(abs(int(value))))} digits with {symbol}: it is too large for a float "
            "(the largest is about 1.8e308)"
        ) from None


def whole_number(value: object, name: str, least: int = 0) -> int:
    """Return the argument ``name`` if it is a whole number of at least ``least``.

    A bool, a float (even 3.0) or a str is a TypeError; a whole number
    below ``least`` a PurennError.

    >>> whole_number(0, "patience", least=1)
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: patience must be a whole number of at least 1, got 0
    >>> whole_number(2.0, "epochs")
    Traceback (most recent call last):
    ...
    TypeError: epochs must be a whole number (an int), got 2.0 (a float)
    """
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number (an int), got {value!r:.40} ({type_with_article(value)})")
    if value < least:
        raise PurennError(f"{name} must be a whole number of at least {least}, got {value!r}")
    return value


def positive_number(value: object, name: str) -> float:
    """Return the argument ``name`` as a float if it is a positive, finite number.

    >>> positive_number(0.5, "learning_rate")
    0.5
    >>> positive_number(0, "learning_rate")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: learning_rate must be a positive number, got 0
    """
    number = as_number(value, name)
    if not 0.0 < number < math.inf:
        raise PurennError(f"{name} must be a positive number, got {value!r:.40}")
    return number

