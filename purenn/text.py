"""The English purenn writes: numbers as they print, counts with their nouns, a value with its type.

Every layer writes messages, reports and reprs, and all of them word these
things one way, from here: ``counted(3, "row")`` is "3 rows" everywhere.

>>> counted(2, "class"), type_with_article(3), number(1 / 3)
('2 classes', 'an int', '0.333333')
"""

import math
from collections.abc import Mapping, Set

__all__ = ["counted", "described", "LINE_WIDTH", "literal", "number", "type_with_article"]


LINE_WIDTH = 100
"""No line of a repr is longer than this."""


def literal(x: float) -> str:
    """A float as Python source that evaluates back to it, for repr().

    >>> [literal(v) for v in (0.1, -0.0, float("inf"), float("-inf"), float("nan"))]
    ['0.1', '-0.0', "float('inf')", "float('-inf')", "float('nan')"]
    """
    if math.isnan(x) or math.isinf(x):
        return f"float('{x}')"  # str() gives 'nan', 'inf' or '-inf'
    return repr(x)


def number(x: float, digits: int = 6) -> str:
    """A float in at most ``digits`` significant digits: 0.5, 1, -2.25, 1e-08.

    >>> [number(v) for v in (0.5, 1.0, -2.25, 1e-08, 1/3)]
    ['0.5', '1', '-2.25', '1e-08', '0.333333']
    """
    return format(x, f".{digits}g")


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless n is 1: purenn's one pluraliser, for messages and reports.

    >>> counted(1, "row"), counted(3, "feature"), counted(0, "entry"), counted(2, "class")
    ('1 row', '3 features', '0 entries', '2 classes')
    >>> counted(2, "epoch"), counted(2, "batch")
    ('2 epochs', '2 batches')
    """
    if n == 1:
        return f"{n} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return f"{n} {noun[:-1]}ies"
    if noun.endswith(("s", "x", "ch", "sh")) and noun != "epoch":  # "epoch" ends in a k sound
        return f"{n} {noun}es"
    return f"{n} {noun}s"


def type_with_article(value: object) -> str:
    """The type of ``value`` with its article, for messages: "an int", "a str".

    >>> type_with_article(3), type_with_article("3"), type_with_article(None)
    ('an int', 'a str', 'a NoneType')
    """
    name = type(value).__name__
    return ("an " if name[0].lower() in "aeiou" else "a ") + name


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
