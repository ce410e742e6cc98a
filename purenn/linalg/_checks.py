"""The checks only linalg makes: an entry of a Vector or Matrix, the tolerances of allclose.

Private to linalg (the checks every layer makes are in purenn/checks.py).
Each runs once per operation, or once per entry at construction, never
inside an arithmetic loop.
"""

from purenn.errors import PurennError
from purenn.checks import as_number
from purenn.text import type_with_article


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


# --------------------------------------------------------------- reductions
# Sum, max and min as NumPy gives them, shared by Vector and Matrix.


