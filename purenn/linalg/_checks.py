"""Checks shared by Vector and Matrix: numbers, counts, seeds and indices.

Private to purenn. Each check runs once per operation (or once per entry at
construction), never inside an arithmetic loop.
"""

import random
from collections.abc import Iterable, Mapping, Set
from typing import Union

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
        return float(value)
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
    return count


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
