"""Grid: a small immutable matrix of exact fractions (or of floats), for working by hand.

A teacher's board holds -3 and 1/3, where floats hold -2.9999999999999982
and 0.3333333333333333. Python's ``fractions.Fraction`` is exact rational
arithmetic, so a matrix of Fractions can be row-reduced with no rounding at
all. A Grid holds such entries:

- built from ints and Fractions, every entry is a ``Fraction`` (exact);
- built from anything with a float in it (a ``Matrix``, say), every entry is
  a ``float``, and arithmetic rounds as usual;
- an entry written as text is read exactly, as a person means it: "1/3" is
  one third and "0.1" is one tenth (the float 0.1 is not: it is
  3602879701896397/36028797018963968).

>>> A = Grid([[1, 2], [3, 4]])
>>> A.exact, A[1, 0]
(True, Fraction(3, 1))
>>> print(A @ Grid([[Fraction(1, 2)], [0]]))
[[1/2]
 [3/2]]
>>> Grid([[0.5, 2]]).exact
False
>>> print(Grid([["1/3", "0.1"], ["-2.5", "1e-3"]]))
[[ 1/3    1/10]
 [−5/2  1/1000]]

Why a separate type, rather than Fractions inside ``Matrix``: ``Matrix`` is
the network's array. Its entries are floats, its products run through one
fast float kernel, and its types say ``float`` everywhere, which keeps
``mypy --strict`` simple and the training loop as fast as it is. Exact
arithmetic is for the small matrices of a lesson, where speed does not
matter, so it lives here, beside ``Matrix`` and not inside it; the row
reduction in ``elimination.py`` is written once, for any field (Fraction or
float), and a Grid is what it returns. ``to_matrix()`` and ``as_grid`` move
between the two worlds.
"""

import math
import re
from fractions import Fraction
from typing import Iterable, Iterator, List, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError, SingularMatrixError
from purenn.text import counted
from purenn.linalg.gauss import eliminate
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["MINUS", "Grid", "Scalar", "as_grid", "as_numbers", "latex", "plain", "read_number", "show"]

Scalar = Union[Fraction, float]
"""An entry of a Grid: a Fraction when the Grid is exact, else a float."""

Rows = Tuple[Tuple[Scalar, ...], ...]

MAX_ENTRIES = 10_000
"""The largest Grid accepted: exact elimination costs n³ Fraction operations."""


class Grid:
    """An immutable (rows, columns) matrix of Fractions, or of floats; see the module docstring.

    >>> Grid([[1, Fraction(1, 2)], [0, -3]])
    Grid([[1, Fraction(1, 2)], [0, -3]])
    >>> Grid([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: row 1 has 1 entry but row 0 has 2: every row of a matrix must have the same length
    """

    __slots__ = ("_rows", "_exact")
    _rows: Rows
    _exact: bool

    def __new__(cls, rows: Iterable[Iterable[object]]) -> "Grid":
        return as_grid(rows)

    @classmethod
    def _wrap(cls, rows: Rows, exact: bool) -> "Grid":
        """Wrap rows already known to be valid, all Fractions (exact) or all floats; no checks."""
        grid = object.__new__(cls)
        grid._rows = rows
        grid._exact = exact
        return grid

    @classmethod
    def identity(cls, n: int, exact: bool = True) -> "Grid":
        """The (n, n) identity, exact unless ``exact=False``.

        >>> print(Grid.identity(2))
        [[1  0]
         [0  1]]
        """
        one: Scalar = Fraction(1) if exact else 1.0
        zero: Scalar = Fraction(0) if exact else 0.0
        return cls._wrap(tuple(tuple(one if i == j else zero for j in range(n)) for i in range(n)), exact)

    # ----------------------------------------------------------------- shape

    @property
    def shape(self) -> Tuple[int, int]:
        """(rows, columns)."""
        return (len(self._rows), len(self._rows[0]))

    @property
    def exact(self) -> bool:
        """True when every entry is a Fraction, False when every entry is a float."""
        return self._exact

    @property
    def rows(self) -> Rows:
        """The rows, as tuples."""
        return self._rows

    def __getitem__(self, index: Tuple[int, int]) -> Scalar:
        """The entry at (row, column), counting from 0."""
        i, j = index
        return self._rows[i][j]

    def column(self, j: int) -> Tuple[Scalar, ...]:
        """Column j as a tuple.

        >>> Grid([[1, 2], [3, 4]]).column(1) == (2, 4)
        True
        """
        return tuple(row[j] for row in self._rows)

    def columns(self, start: int, stop: int) -> "Grid":
        """The columns start..stop-1, as a Grid: the right half of [A | I], say."""
        return Grid._wrap(tuple(row[start:stop] for row in self._rows), self._exact)

    def __iter__(self) -> Iterator[Tuple[Scalar, ...]]:
        return iter(self._rows)

    @property
    def T(self) -> "Grid":
        """The transpose.

        >>> Grid([[1, 2]]).T == Grid([[1], [2]])
        True
        """
        return Grid._wrap(tuple(zip(*self._rows)), self._exact)

    def tolist(self) -> List[List[Scalar]]:
        """The entries as a list of lists."""
        return [list(row) for row in self._rows]

    def to_matrix(self) -> Matrix:
        """The nearest float Matrix, to go back to purenn's fast arrays.

        >>> Grid([[Fraction(1, 4)]]).to_matrix()
        Matrix([[0.25]])
        """
        return Matrix([[float(x) for x in row] for row in self._rows])

    # -------------------------------------------------------------- equality

    def __eq__(self, other: object) -> bool:
        """Same shape and equal entries (Fraction(1, 2) equals 0.5)."""
        if not isinstance(other, Grid):
            return NotImplemented
        return self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    # ----------------------------------------------------------- arithmetic

    def __matmul__(self, other: "Grid") -> "Grid":
        """The matrix product: entry (i, j) is row i of self dot column j of other.

        Exact when both Grids are; an error names both shapes:

        >>> Grid([[1, 2]]) @ Grid([[1, 2]])
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot multiply (1, 2) @ (1, 2): inner dimensions 2 and 1 differ
        """
        if not isinstance(other, Grid):
            return NotImplemented
        n, p = self.shape[1], other.shape[0]
        if n != p:
            raise ShapeError(f"cannot multiply {self.shape} @ {other.shape}: inner dimensions {n} and {p} differ")
        columns = list(zip(*other._rows))
        exact = self._exact and other._exact
        rows = tuple(tuple(_dot(row, column, exact) for column in columns) for row in self._rows)
        return Grid._wrap(rows, exact)

    def _inverse(self) -> "Grid":
        """A⁻¹ by the one elimination of ``gauss.py`` on [A | I] (``inverse_steps`` shows the working)."""
        n = self.shape[0]
        identity = Grid.identity(n, self._exact)._rows
        result: Rows
        if self._exact:
            exact = [[Fraction(x) for x in row + unit] for row, unit in zip(self._rows, identity)]
            pivots = eliminate(exact, n, Fraction(1), reduced=True).pivots
            result = tuple(tuple(row[n:]) for row in exact)
        else:
            floats = [[float(x) for x in row + unit] for row, unit in zip(self._rows, identity)]
            pivots = eliminate(floats, n, 1.0, reduced=True).pivots
            result = tuple(tuple(row[n:]) for row in floats)
        if len(pivots) < n:
            raise SingularMatrixError(f"cannot invert: the {self.shape} matrix is singular (its rank is below {n})")
        return Grid._wrap(result, self._exact)

    def _same_shape(self, other: object, sign: str) -> "Grid":
        if not isinstance(other, Grid):
            raise TypeError(f"cannot compute Grid {sign} {type(other).__name__}: both must be Grids")
        if other.shape != self.shape:
            raise ShapeError(f"cannot compute {self.shape} {sign} {other.shape}: the shapes must be equal")
        return other

    def __add__(self, other: "Grid") -> "Grid":
        """Entry by entry; exact when both Grids are.

        >>> print(Grid([[1, 2]]) + Grid([["1/2", 0]]))
        [[3/2  2]]
        """
        other = self._same_shape(other, "+")
        rows = tuple(tuple(a + b for a, b in zip(r, s)) for r, s in zip(self._rows, other._rows))
        return as_grid(rows)

    def __sub__(self, other: "Grid") -> "Grid":
        """Entry by entry; exact when both Grids are.

        >>> print(Grid([[1, 2]]) - Grid([[1, 3]]))
        [[0  −1]]
        """
        other = self._same_shape(other, "−")
        rows = tuple(tuple(a - b for a, b in zip(r, s)) for r, s in zip(self._rows, other._rows))
        return as_grid(rows)

    def __neg__(self) -> "Grid":
        return Grid._wrap(tuple(tuple(-a for a in row) for row in self._rows), self._exact)

    def __mul__(self, c: object) -> "Grid":
        """A number times every entry: exact for an int, a Fraction or a text like "1/3".

        >>> print(Grid([[1, 2]]) * Fraction(1, 2)), print("1/3" * Grid([[3, 6]]))
        [[1/2  1]]
        [[1  2]]
        (None, None)
        """
        factor = _entry(c, "the number multiplying a Grid")
        if isinstance(factor, float):
            return Grid._wrap(tuple(tuple(float(a) * factor for a in row) for row in self._rows), False)
        return as_grid(tuple(tuple(a * Fraction(factor) for a in row) for row in self._rows))

    __rmul__ = __mul__

    def __pow__(self, k: int) -> "Grid":
        """A square Grid times itself k times (A⁰ = I; a negative k uses the inverse), by repeated squaring.

        >>> print(Grid([[1, 1], [0, 1]]) ** 5), print(Grid([[2, 0], [0, 4]]) ** -1)
        [[1  5]
         [0  1]]
        [[1/2    0]
         [  0  1/4]]
        (None, None)
        """
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"a Grid's power must be a whole number, got {k!r}")
        if self.shape[0] != self.shape[1]:
            raise ShapeError(f"cannot raise a {self.shape} matrix to a power: it must be square")
        base = self._inverse() if k < 0 else self
        result = Grid.identity(self.shape[0], self._exact)
        exponent = abs(k)
        while exponent:
            if exponent & 1:
                result = result @ base
            exponent >>= 1
            if exponent:
                base = base @ base
        return result

    # -------------------------------------------------------------- display

    def __repr__(self) -> str:
        """Grid([[...]]) that pastes back (with ``from fractions import Fraction``)."""
        def literal(x: Scalar) -> str:
            if isinstance(x, Fraction):
                return str(x.numerator) if x.denominator == 1 else f"Fraction({x.numerator}, {x.denominator})"
            return repr(x)

        return "Grid([" + ", ".join("[" + ", ".join(map(literal, row)) + "]" for row in self._rows) + "])"

    def __str__(self) -> str:
        """Right-aligned columns, fractions as 1/3, as on the board.

        >>> print(Grid([[1, Fraction(-1, 3)], [10, 0]]))
        [[ 1  −1/3]
         [10     0]]
        """
        return text(self._rows)

    def _repr_latex_(self) -> str:
        """The Grid as a LaTeX matrix, which Jupyter shows typeset.

        >>> Grid([[1, Fraction(1, 2)]])._repr_latex_()
        '$\\\\begin{pmatrix} 1 & \\\\frac{1}{2} \\\\end{pmatrix}$'
        """
        return "$" + latex_matrix(self._rows) + "$"


def _dot(row: Sequence[Scalar], column: Sequence[Scalar], exact: bool) -> Scalar:
    """sum of row[k] * column[k]; exact for Fractions."""
    total: Scalar = Fraction(0) if exact else 0.0
    for a, b in zip(row, column):
        total = total + a * b
    return total


# ----------------------------------------------------------------- input


def as_grid(rows: object, name: str = "the matrix") -> Grid:
    """``rows`` as a Grid: exact if every entry is an int or a Fraction, else floats.

    Takes a Grid, a Matrix (floats), or a sequence of rows of numbers. An
    error names ``name``, the row and the rule broken:

    >>> as_grid([[1, 2], [3, None]])
    Traceback (most recent call last):
    ...
    TypeError: the matrix: the entry at row 1, column 1 is None ...; entries must be int, Fraction, float or text
    """
    if isinstance(rows, Grid):
        return rows
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise TypeError(f"{name} must be a list of rows, e.g. [[1, 2], [3, 4]]; got {rows!r}")
    checked: List[Tuple[Union[int, Fraction, float], ...]] = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
            raise TypeError(
                f"{name}: row {i} is {row!r}, not a list of numbers; a matrix is a list of rows, e.g. [[1, 2], [3, 4]]"
            )
        entries = tuple(_entry(x, f"{name}: the entry at row {i}, column {j}") for j, x in enumerate(row))
        if checked and len(entries) != len(checked[0]):
            raise ShapeError(
                f"row {i} has {counted(len(entries), 'entry')} but row 0 has {len(checked[0])}: "
                "every row of a matrix must have the same length"
            )
        checked.append(entries)
        if len(checked) * len(entries) > MAX_ENTRIES:
            raise ShapeError(f"{name} has more than {MAX_ENTRIES} entries: exact elimination is for small matrices")
    if not checked or not checked[0]:
        raise ShapeError(f"{name} needs at least one row and one column, got {rows!r}")
    exact = all(not isinstance(x, float) for row in checked for x in row)
    if exact:
        return Grid._wrap(tuple(tuple(Fraction(x) for x in row) for row in checked), True)
    return Grid._wrap(tuple(tuple(float(x) for x in row) for row in checked), False)


def as_numbers(values: object, name: str = "b") -> Tuple[Union[int, Fraction, float], ...]:
    """A right-hand side b: a Vector or a sequence of numbers, checked.

    >>> as_numbers([1, Fraction(1, 2)])
    (1, Fraction(1, 2))
    """
    if isinstance(values, Vector):
        return tuple(values)
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list of numbers, e.g. [1, 2]; got {values!r}")
    numbers = tuple(_entry(x, f"{name}: the entry at index {i}") for i, x in enumerate(values))
    if not numbers:
        raise ShapeError(f"{name} needs at least one entry, got {values!r}")
    return numbers


def _entry(x: object, where: str) -> Union[int, Fraction, float]:
    if isinstance(x, str):
        return read_number(x, where)
    if isinstance(x, bool) or not isinstance(x, (int, Fraction, float)):
        raise TypeError(f"{where} is {x!r} (a {type(x).__name__}); entries must be int, Fraction, float or text")
    if isinstance(x, float) and not math.isfinite(x):
        raise PurennError(f"{where} is {x}; entries must be finite numbers")
    return x


def read_number(text: str, where: str = "the number") -> Fraction:
    """A number written by a person, read exactly: "3", "-1/3", "2.5", "1e-20", "0.1" (one tenth).

    >>> read_number("0.1"), read_number(" -1/3 "), read_number("1e-3")
    (Fraction(1, 10), Fraction(-1, 3), Fraction(1, 1000))
    >>> read_number("1/0", "row 2, column 1")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: row 2, column 1 is '1/0': division by zero
    >>> read_number("x")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: the number is 'x': write a whole number (3), a fraction (-1/3) or a decimal (2.5, 1e-20)
    """
    stripped = text.strip().replace("\u2212", "-")  # the printed minus sign − reads as -
    if len(stripped) > 100:
        raise PurennError(f"{where} is {len(stripped)} characters long: at most 100 for one number")
    power = re.search(r"[eE]\s*([+-]?\d+)$", stripped)
    if power is not None and abs(int(power.group(1))) > 400:
        raise PurennError(f"{where} is {text!r}: a power of ten beyond 1e±400 is not a number for the board")
    try:
        return Fraction(stripped)
    except ZeroDivisionError:
        raise PurennError(f"{where} is {text!r}: division by zero") from None
    except ValueError:
        raise PurennError(
            f"{where} is {text!r}: write a whole number (3), a fraction (-1/3) or a decimal (2.5, 1e-20)"
        ) from None


# --------------------------------------------------------------- display


MINUS = "\u2212"
"""The minus sign of printed mathematics, −, wider than the hyphen -: every display of the course writes it."""


def plain(x: Scalar) -> str:
    """One entry as Python writes it: 3, -1/3, or a float in 6 significant digits (for LaTeX and reprs).

    >>> plain(Fraction(-1, 3)), plain(Fraction(4)), plain(0.1 + 0.2), plain(-0.0), plain(-1e-20)
    ('-1/3', '4', '0.3', '0', '-1e-20')
    """
    if isinstance(x, Fraction):
        return str(x)
    return "0" if x == 0.0 else format(x, ".6g")


def show(x: Scalar) -> str:
    """One entry as on the board, in the one notation of every display: 3, −1/3, 1e−20 (minus as −, fractions as 1/3).

    >>> show(Fraction(-1, 3)), show(Fraction(4)), show(0.1 + 0.2), show(-0.0), show(-1e-20)
    ('−1/3', '4', '0.3', '0', '−1e−20')
    """
    return plain(x).replace("-", MINUS)


def text(rows: Sequence[Sequence[Scalar]], divider: int = 0) -> str:
    """Rows as right-aligned columns in brackets; a bar before column ``divider`` if it is > 0.

    >>> print(text([[1, 2, 3], [4, 5, 6]], divider=2))
    [[1  2 | 3]
     [4  5 | 6]]
    """
    return columns([[show(x) for x in row] for row in rows], divider)


def columns(cells: Sequence[Sequence[str]], divider: int = 0) -> str:
    """Rows of entries already written as text, right-aligned in columns, in brackets; a bar before ``divider``.

    >>> print(columns([["1", "(2)"], ["-10", "3"]], divider=1))
    [[  1 | (2)]
     [-10 |   3]]
    """
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]

    def line(row: Sequence[str]) -> str:
        parts = [cell.rjust(width) for cell, width in zip(row, widths)]
        if 0 < divider < len(parts):
            return "  ".join(parts[:divider]) + " | " + "  ".join(parts[divider:])
        return "  ".join(parts)

    return "[" + "\n ".join("[" + line(row) + "]" for row in cells) + "]"


def latex(x: Scalar) -> str:
    """One entry in LaTeX: 3, \\frac{1}{3}, -\\frac{1}{3}.

    >>> latex(Fraction(-1, 3))
    '-\\\\frac{1}{3}'
    """
    if isinstance(x, Fraction) and x.denominator != 1:
        sign = "-" if x < 0 else ""
        return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    return plain(x)


def latex_matrix(rows: Sequence[Sequence[Scalar]], divider: int = 0) -> str:
    """Rows as a LaTeX pmatrix (an array with a bar before column ``divider`` if it is > 0)."""
    body = " \\\\ ".join(" & ".join(latex(x) for x in row) for row in rows)
    if 0 < divider < len(rows[0]):
        spec = "c" * divider + "|" + "c" * (len(rows[0]) - divider)
        return f"\\left(\\begin{{array}}{{{spec}}} {body} \\end{{array}}\\right)"
    return f"\\begin{{pmatrix}} {body} \\end{{pmatrix}}"
