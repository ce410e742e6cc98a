"""Grid: a small immutable matrix of exact fractions (or of floats), for working by hand.

A teacher's board holds -3 and 1/3, where floats hold -2.9999999999999982
and 0.3333333333333333. Python's ``fractions.Fraction`` is exact rational
arithmetic, so a matrix of Fractions can be row-reduced with no rounding at
all. A Grid holds such entries:

- built from ints and Fractions, every entry is a ``Fraction`` (exact);
- built from anything with a float in it (a ``Matrix``, say), every entry is
  a ``float``, and arithmetic rounds as usual.

>>> A = Grid([[1, 2], [3, 4]])
>>> A.exact, A[1, 0]
(True, Fraction(3, 1))
>>> print(A @ Grid([[Fraction(1, 2)], [0]]))
[[1/2]
 [3/2]]
>>> Grid([[0.5, 2]]).exact
False

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
from fractions import Fraction
from typing import Iterable, Iterator, List, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError
from purenn.linalg._display import counted
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["Grid", "Scalar", "as_grid", "as_numbers", "show", "latex"]

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
        [[ 1  -1/3]
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

    >>> as_grid([[1, 2], [3, "4"]])
    Traceback (most recent call last):
    ...
    TypeError: the matrix: the entry at row 1, column 1 is '4' (a str); entries must be int, Fraction or float
    """
    if isinstance(rows, Grid):
        return rows
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Iterable):
        raise TypeError(f"{name} must be a list of rows, e.g. [[1, 2], [3, 4]]; got {rows!r}")
    checked: List[Tuple[Union[int, Fraction, float], ...]] = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Iterable):
            raise TypeError(f"{name}: row {i} is {row!r}, not a list of numbers; a matrix is a list of rows, e.g. [[1, 2], [3, 4]]")
        entries = tuple(_entry(x, f"{name}: the entry at row {i}, column {j}") for j, x in enumerate(row))
        if checked and len(entries) != len(checked[0]):
            raise ShapeError(
                f"row {i} has {counted(len(entries), 'entry')} but row 0 has {len(checked[0])}: every row of a matrix must have the same length"
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
    if isinstance(x, bool) or not isinstance(x, (int, Fraction, float)):
        raise TypeError(f"{where} is {x!r} (a {type(x).__name__}); entries must be int, Fraction or float")
    if isinstance(x, float) and not math.isfinite(x):
        raise PurennError(f"{where} is {x}; entries must be finite numbers")
    return x


# --------------------------------------------------------------- display


def show(x: Scalar) -> str:
    """One entry as on the board: 3, -1/3, or a float in 6 significant digits.

    >>> show(Fraction(-1, 3)), show(Fraction(4)), show(0.1 + 0.2), show(-0.0)
    ('-1/3', '4', '0.3', '0')
    """
    if isinstance(x, Fraction):
        return str(x)
    return "0" if x == 0.0 else format(x, ".6g")


def text(rows: Sequence[Sequence[Scalar]], divider: int = 0) -> str:
    """Rows as right-aligned columns in brackets; a bar before column ``divider`` if it is > 0.

    >>> print(text([[1, 2, 3], [4, 5, 6]], divider=2))
    [[1  2 | 3]
     [4  5 | 6]]
    """
    cells = [[show(x) for x in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))]

    def line(row: List[str]) -> str:
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
    return show(x)


def latex_matrix(rows: Sequence[Sequence[Scalar]], divider: int = 0) -> str:
    """Rows as a LaTeX pmatrix (an array with a bar before column ``divider`` if it is > 0)."""
    body = " \\\\ ".join(" & ".join(latex(x) for x in row) for row in rows)
    if 0 < divider < len(rows[0]):
        spec = "c" * divider + "|" + "c" * (len(rows[0]) - divider)
        return f"\\left(\\begin{{array}}{{{spec}}} {body} \\end{{array}}\\right)"
    return f"\\begin{{pmatrix}} {body} \\end{{pmatrix}}"
