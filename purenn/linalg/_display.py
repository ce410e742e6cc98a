"""Text for repr() and str(): full when small, shortened when large.

Private to purenn. A debugger shows repr() of every variable, so a large
Matrix must not print thousands of numbers: past a limit, only the first and
last few rows and columns are shown, with ``...`` between.
"""

import math
from typing import List, Sequence

REPR_MAX_ENTRIES = 64
"""Up to this many entries, repr() is exact and pastes back into Python."""

STR_MAX_ENTRIES = 1000
"""Up to this many entries, str() shows every one (NumPy's threshold too)."""

EDGE = 3
"""How many leading and trailing rows or columns a shortened display keeps."""

INLINE_EDGE_COLUMNS = 2
"""How many leading and trailing columns a one-line shortened repr() keeps, so
that a (768, 8) Matrix of small weights still fits in a few hundred characters."""


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
    """
    if n == 1:
        return f"{n} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return f"{n} {noun[:-1]}ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return f"{n} {noun}es"
    return f"{n} {noun}s"


def edges(items: Sequence[str], limit: bool, edge: int = EDGE) -> List[str]:
    """Keep the first and last ``edge`` items with "..." between, when ``limit`` is set.

    >>> edges([str(i) for i in range(10)], limit=True)
    ['0', '1', '2', '...', '7', '8', '9']
    >>> edges(['a', 'b'], limit=True)
    ['a', 'b']
    """
    if not limit or len(items) <= 2 * edge + 1:
        return list(items)
    return list(items[:edge]) + ["..."] + list(items[-edge:])


def inline(rows: Sequence[Sequence[float]]) -> str:
    """Rows of numbers on one line, only the edge rows and columns: for a shortened repr().

    >>> inline([[float(j) for j in range(8)] for i in range(9)])
    '[[0, 1, ..., 6, 7], [0, 1, ..., 6, 7], [0, 1, ..., 6, 7], ..., [0, 1, ..., 6, 7], [0, 1, ..., 6, 7], [0, 1, ..., 6, 7]]'
    """
    def one_row(row: Sequence[float]) -> str:
        shown = edges([number(x, 4) for x in row], limit=True, edge=INLINE_EDGE_COLUMNS)
        return "[" + ", ".join(shown) + "]"

    if len(rows) <= 2 * EDGE + 1:
        return "[" + ", ".join(one_row(row) for row in rows) + "]"
    head = [one_row(row) for row in rows[:EDGE]]
    tail = [one_row(row) for row in rows[-EDGE:]]
    return "[" + ", ".join(head + ["..."] + tail) + "]"


def grid(rows: Sequence[Sequence[float]], shorten: bool) -> str:
    """Rows of numbers as right-aligned columns in brackets, like NumPy prints them.

    >>> print(grid([(1.0, -2.5), (30.0, 4.0)], shorten=False))
    [[ 1  -2.5]
     [30     4]]
    """
    if shorten and len(rows) > 2 * EDGE + 1:
        cells = [edges([number(x) for x in row], shorten) for row in rows[:EDGE]]
        cells.append(["..."] * len(cells[0]))
        cells += [edges([number(x) for x in row], shorten) for row in rows[-EDGE:]]
    else:
        cells = [edges([number(x) for x in row], shorten) for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in cells]
    return "[" + "\n ".join("[" + line + "]" for line in lines) + "]"
