"""How a Matrix or a Vector shows itself: exactly when small, summarised when large.

Private to purenn. The rule, stated once here and used by every repr:

- ``repr()``, what a debugger and the Python prompt show, is exact when the
  value has at most 16 entries and that text fits in 100 characters; it then
  pastes back into Python: ``Matrix([[1.0, 2.0], [3.0, 4.0]])``.
- Otherwise ``repr()`` is a summary of at most 3 lines of at most 100
  characters, in angle brackets so that nobody takes it for code: the shape,
  then the first and last rows and columns at 4 significant digits, with
  ``...`` for the ones left out, the way NumPy summarises a large array.
- ``str()``, what ``print`` shows, is an aligned grid at 6 significant digits:
  every entry up to 1000 of them (NumPy's threshold), beyond that the first and
  last 3 rows and columns with ``...`` between.
- A record (a forward pass, gradients, a network) shows each of its values in
  a fixed width: the exact repr if it fits, else the shape and the first
  entries; the record keeps to 3 lines of 100 characters too (``records.py``).
- In a notebook, ``latex()`` typesets the matrix, with ⋯ and ⋮ standing for the
  rows and columns left out past 16 of either.

>>> print(matrix_repr([[0.5] * 8] * 768))
<Matrix shape=(768, 8): [[0.5, 0.5, 0.5, ..., 0.5, 0.5, 0.5],
                         ...,
                         [0.5, 0.5, 0.5, ..., 0.5, 0.5, 0.5]]>
"""

import math
from typing import List, Optional, Sequence

from purenn.text import LINE_WIDTH, literal, number

REPR_MAX_ENTRIES = 16
"""Up to this many entries (and LINE_WIDTH characters), repr() is exact and pastes back."""


REPR_MAX_LINES = 3
"""No repr is longer than this many lines."""

REPR_DIGITS = 4
"""Significant digits of the numbers in a summary."""

STR_MAX_ENTRIES = 1000
"""Up to this many entries, str() shows every one (NumPy's threshold too)."""

EDGE = 3
"""How many leading and trailing rows or columns a summary keeps, at most."""

TYPESET_MAX_LINES = 16
"""Up to this many rows (or columns), a typeset matrix shows them all."""


# ------------------------------------------------------------------ numbers


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


# --------------------------------------------------------------------- repr


def exact_matrix(rows: Sequence[Sequence[float]]) -> str:
    """``Matrix([[...], ...])`` with every digit: the text that evaluates back to the same Matrix."""
    return "Matrix([" + ", ".join("[" + ", ".join(map(literal, row)) + "]" for row in rows) + "])"


def exact_vector(values: Sequence[float]) -> str:
    """``Vector([...])`` with every digit: the text that evaluates back to the same Vector."""
    return "Vector([" + ", ".join(map(literal, values)) + "])"


def is_small(entries: int, text: str) -> bool:
    return entries <= REPR_MAX_ENTRIES and len(text) <= LINE_WIDTH


def matrix_repr(rows: Sequence[Sequence[float]], width: int = LINE_WIDTH) -> str:
    """The repr of a Matrix with these rows: exact when small, else a summary (see the rule above).

    ``width`` is the longest a line may be.

    >>> matrix_repr([[1.0, 2.0], [3.0, 4.0]])
    'Matrix([[1.0, 2.0], [3.0, 4.0]])'
    >>> print(matrix_repr([[i + j / 10 for j in range(4)] for i in range(5)]))
    <Matrix shape=(5, 4): [[0, 0.1, 0.2, 0.3], [1, 1.1, 1.2, 1.3], [2, 2.1, 2.2, 2.3],
                           [3, 3.1, 3.2, 3.3], [4, 4.1, 4.2, 4.3]]>
    """
    text = exact_matrix(rows)
    if is_small(len(rows) * len(rows[0]), text) and len(text) <= width:
        return text
    head = f"<Matrix shape={(len(rows), len(rows[0]))}: ["
    room = width - len(head) - 2  # every line ends in "," or "]>"
    sample = list(rows[:REPR_MAX_LINES * EDGE]) + list(rows[-REPR_MAX_LINES * EDGE:])  # all a summary can show
    edge = _columns_that_fit(sample, room)
    widest = max(len(_row_text(row, edge)) for row in sample)
    per_line = max(1, min(EDGE, (room + 2) // (widest + 2)))  # k rows take k·widest + 2·(k − 1)
    if len(rows) <= REPR_MAX_LINES * per_line:
        shown = [_row_text(row, edge) for row in rows]
        lines = [", ".join(shown[k:k + per_line]) for k in range(0, len(shown), per_line)]
    else:
        first = ", ".join(_row_text(row, edge) for row in rows[:per_line])
        last = ", ".join(_row_text(row, edge) for row in rows[-per_line:])
        lines = [first, "...", last]
    return head + (",\n" + " " * len(head)).join(lines) + "]>"


def vector_repr(values: Sequence[float], width: int = LINE_WIDTH) -> str:
    """The repr of a Vector with these entries: exact when small, else a one-line summary.

    >>> vector_repr([0.5, 2.0])
    'Vector([0.5, 2.0])'
    >>> vector_repr([float(i) for i in range(100)])
    '<Vector shape=(100,): [0, 1, 2, ..., 97, 98, 99]>'
    """
    text = exact_vector(values)
    if is_small(len(values), text) and len(text) <= width:
        return text
    head = f"<Vector shape={(len(values),)}: "
    return head + _row_text(values, _columns_that_fit([values], width - len(head) - 1)) + ">"


def _row_text(row: Sequence[float], edge: int) -> str:
    """One row in brackets at REPR_DIGITS digits: all of it, or its first and last ``edge`` entries."""
    if len(row) <= 2 * edge + 1:
        return "[" + ", ".join(number(x, REPR_DIGITS) for x in row) + "]"
    first = [number(x, REPR_DIGITS) for x in row[:edge]]
    last = [number(x, REPR_DIGITS) for x in row[-edge:]]
    return "[" + ", ".join(first + ["..."] + last) + "]"


def _columns_that_fit(rows: Sequence[Sequence[float]], room: int) -> int:
    """How many leading and trailing columns to show so that every row fits in ``room`` characters."""
    for edge in (len(rows[0]), EDGE, 2):
        if all(len(_row_text(row, edge)) <= room for row in rows):
            return edge
    return 1


# ---------------------------------------------------------------------- str


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


# -------------------------------------------------------------------- LaTeX


def latex(rows: Sequence[Sequence[float]]) -> str:
    r"""The rows typeset as a matrix for a notebook (IPython's ``_repr_latex_``).

    Past TYPESET_MAX_LINES rows or columns, the first and last EDGE are kept
    and \vdots, \cdots and \ddots stand for the rest; the shape follows.

    >>> print(latex([[1.0, 0.5], [-2.0, 1e-08]]))
    $\begin{bmatrix}1 & 0.5 \\ -2 & 10^{-8}\end{bmatrix}$
    """
    m, n = len(rows), len(rows[0])
    cut_rows, cut_columns = m > TYPESET_MAX_LINES, n > TYPESET_MAX_LINES
    row_index: List[Optional[int]] = list(range(m))
    column_index: List[Optional[int]] = list(range(n))
    if cut_rows:
        row_index = list(range(EDGE)) + [None] + list(range(m - EDGE, m))
    if cut_columns:
        column_index = list(range(EDGE)) + [None] + list(range(n - EDGE, n))
    lines = []
    for i in row_index:
        cells = []
        for j in column_index:
            if i is None:
                cells.append(r"\ddots" if j is None else r"\vdots")
            else:
                cells.append(r"\cdots" if j is None else _typeset(rows[i][j]))
        lines.append(" & ".join(cells))
    body = r"\begin{bmatrix}" + r" \\ ".join(lines) + r"\end{bmatrix}"
    shape = rf"\quad ({m} \times {n})" if cut_rows or cut_columns else ""
    return f"${body}{shape}$"


def _typeset(x: float) -> str:
    r"""A number for LaTeX at 6 significant digits; 1e-08 becomes 10^{-8}, 2.5e+10 becomes 2.5 \cdot 10^{10}."""
    text = number(x)
    if "e" not in text or math.isinf(x) or math.isnan(x):
        return text.replace("inf", r"\infty")
    mantissa, exponent = text.split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else ("-" + power if mantissa == "-1" else rf"{mantissa} \cdot {power}")
