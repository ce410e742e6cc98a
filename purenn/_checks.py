"""Checks shared by Vector and Matrix: numbers, counts, seeds and indices.

Private to purenn. Each check runs once per operation (or once per entry at
construction), never inside an arithmetic loop.
"""

import random
from typing import Union

from purenn.errors import ShapeError

Seed = Union[random.Random, int]
"""Where randomness comes from: an explicit ``random.Random``, or a seed for a new one."""


def as_entry(value: object, where: str) -> float:
    """Return ``value`` as a float, or raise TypeError saying where it was.

    ``where`` completes the sentence "the entry ... is", e.g. "at row 1, column 2".

    >>> as_entry(3, "at index 0")
    3.0
    >>> as_entry("3", "at index 0")
    Traceback (most recent call last):
    ...
    TypeError: the entry at index 0 is '3' (a str); entries must be int or float
    """
    if isinstance(value, float):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool):
        raise TypeError(
            f"the entry {where} is {value!r} (a bool); write 1.0 or 0.0 to use it as a number"
        )
    raise TypeError(
        f"the entry {where} is {value!r} (a {type(value).__name__}); entries must be int or float"
    )


def is_number(value: object) -> bool:
    """True for an int or float that can act as a scalar operand (bools excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_count(count: object, what: str) -> int:
    """Return ``count`` if it is a positive int, else raise a clear error.

    >>> check_count(0, "rows")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: rows must be at least 1, got 0
    """
    if not isinstance(count, int) or isinstance(count, bool):
        raise TypeError(f"{what} must be an int, got {count!r} (a {type(count).__name__})")
    if count < 1:
        raise ShapeError(f"{what} must be at least 1, got {count}")
    return count


def check_index(index: object, length: int, what: str) -> int:
    """Return ``index`` as a position in ``range(length)``; negative counts from the end.

    >>> check_index(-1, 3, "row")
    2
    >>> check_index(3, 3, "row")
    Traceback (most recent call last):
    ...
    IndexError: row index 3 is out of range: there are 3 rows (0 to 2, or -3 to -1)
    """
    if not isinstance(index, int) or isinstance(index, bool):
        raise TypeError(f"{what} index must be an int, got {index!r} (a {type(index).__name__})")
    if not -length <= index < length:
        raise IndexError(
            f"{what} index {index} is out of range: there are {length} {what}s "
            f"(0 to {length - 1}, or {-length} to -1)"
        )
    return index % length


def as_rng(rng: Seed) -> random.Random:
    """Return ``rng`` itself, or a new ``random.Random`` seeded with it.

    >>> as_rng(7).random() == random.Random(7).random()
    True
    """
    if isinstance(rng, random.Random):
        return rng
    if isinstance(rng, int) and not isinstance(rng, bool):
        return random.Random(rng)
    raise TypeError(f"rng must be a random.Random or an int seed, got {rng!r}")
