"""Matrix: an immutable 2-D array of floats, written out by hand.

A Matrix is a grid of rows, each the same length; ``m.shape`` is
``(rows, columns)``. Like a Vector it is a value: every operation returns a
new Matrix.

Inside, the entries are kept in one flat tuple, row after row, the way NumPy
keeps an array in one block of memory ("row-major order"): entry (i, j) of
an (m, n) Matrix is at position i·n + j. An entry-by-entry operation is then
one pass over one tuple, whatever the shape.

>>> m = Matrix([[1, 2], [3, 4]])
>>> m.shape
(2, 2)
>>> m.T
Matrix([[1.0, 3.0], [2.0, 4.0]])
>>> m @ Vector([1, 1])
Vector([3.0, 7.0])
>>> print(m * 10)
[[10  20]
 [30  40]]

``@`` is the matrix product and ``*`` the entry-by-entry product; no operator
means both. The one broadcasting rule, used for the network's biases, is that
a Vector combined with a Matrix applies to every row (see ``Matrix.__add__``).
"""

import math
import operator
from itertools import chain
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError
from purenn.checks import (
    Seed, as_number, as_rng, as_scalar, check_count, check_index, is_number, is_sequence, power_problem,
)
from purenn.text import counted, described, type_with_article
from purenn.linalg import display, kernel
from purenn.linalg._checks import as_entry, check_tolerances
from purenn.linalg.reductions import index_of_largest, index_of_smallest, largest, smallest, total
from purenn.linalg.vector import Vector, _vector

__all__ = ["Matrix"]

Number = Union[int, float]
Rows = Tuple[Tuple[float, ...], ...]
Flat = Tuple[float, ...]
Operand = Union["Matrix", Vector, Number]

_VERBS = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}

MAX_ENTRIES = 100_000_000
"""The most entries a Matrix built from its shape may have (``zeros``, ``full``, ``identity``,
``uniform``, ``normal``): a hundred million, 800 MB of references even when all are one 0.0."""


def _entries(height: int, width: int) -> int:
    """height · width, once checked against MAX_ENTRIES: refused before anything is allocated.

    >>> _entries(10**5, 10**5)
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: ...10,000,000,000 entries, over the limit of 100,000,000 (800 MB of memory or more)
    """
    if height * width > MAX_ENTRIES:
        raise ShapeError(f"a ({height}, {width}) Matrix would have {height * width:,} entries, over the limit of "
                         f"{MAX_ENTRIES:,} ({8 * MAX_ENTRIES // 10**6:,} MB of memory or more)")
    return height * width


def _matrix(data: Flat, shape: Tuple[int, int]) -> "Matrix":
    """A Matrix around entries already known to be a valid tuple of floats, row after row; no checks.

    What every operation of this module builds its result with. It is
    ``Matrix._wrap`` as a plain function, without the lookup and binding of a
    classmethod: a small saving (about 35 ns a result on CPython 3.11), made
    some thirty times in every epoch of the main job.
    """
    matrix = object.__new__(Matrix)
    matrix._data = data
    matrix._shape = shape
    return matrix


class Matrix:
    """An immutable 2-D array of floats with NumPy's names: ``shape``, ``T``, ``@``...

    Build one from a sequence of rows, each a sequence of numbers; ints
    become floats. Errors say which row or entry is wrong:

    >>> Matrix([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: row 1 has 1 entry but row 0 has 2: every row of a Matrix must have the same length
    >>> Matrix([1, 2])
    Traceback (most recent call last):
    ...
    TypeError: row 0 is 1 (an int), not a sequence: a Matrix is built from a list of rows...; for a 1-D array use Vector
    """

    # __weakref__: so that a check that has passed can remember the Matrix it passed
    # without keeping it alive (purenn/nn/_inputs.py does, for targets Y)
    __slots__ = ("_data", "_shape", "__weakref__")
    _data: Flat  # the entries, row after row: entry (i, j) is _data[i * columns + j]
    _shape: Tuple[int, int]

    # ----------------------------------------------------------- construction

    # The Matrix is built in __new__, as fractions.Fraction is, and there is no
    # __init__: calling m.__init__(...) again cannot change an existing value.
    def __new__(cls, rows: Iterable[Iterable[float]]) -> "Matrix":
        example = "a Matrix is built from a list of rows, e.g. Matrix([[1, 2], [3, 4]])"
        return cls._from_rows(_checked_lines(rows, "row", example))

    @classmethod
    def _wrap(cls, data: Flat, shape: Tuple[int, int]) -> "Matrix":
        """Wrap entries already known to be a valid tuple of floats, row after row; no checks.

        (Inside this module, results are built by ``_matrix``, the same without a classmethod.)
        """
        matrix = object.__new__(cls)
        matrix._data = data
        matrix._shape = shape
        return matrix

    @classmethod
    def _from_rows(cls, rows: Sequence[Sequence[float]]) -> "Matrix":
        """Wrap rows already known to be valid and of equal length; no checks."""
        return cls._wrap(tuple(chain.from_iterable(rows)), (len(rows), len(rows[0])))

    @property
    def _rows(self) -> Rows:
        """The rows, each a tuple (cut from the flat tuple when asked for)."""
        data, width = self._data, self._shape[1]
        return tuple([data[start:start + width] for start in range(0, len(data), width)])

    def __reduce__(self) -> Tuple[type, Tuple[Rows]]:
        """How pickle and copy rebuild a Matrix: Matrix(rows)."""
        return (type(self), (self._rows,))

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[float]]) -> "Matrix":
        """A Matrix whose rows are the given sequences (the same as ``Matrix(rows)``).

        >>> Matrix.from_rows([Vector([1, 2]), Vector([3, 4])])
        Matrix([[1.0, 2.0], [3.0, 4.0]])
        """
        return cls(rows)

    @classmethod
    def from_columns(cls, columns: Iterable[Iterable[float]]) -> "Matrix":
        """A Matrix whose columns are the given sequences; errors speak of columns.

        >>> Matrix.from_columns([[1, 2], [3, 4]])
        Matrix([[1.0, 3.0], [2.0, 4.0]])
        >>> Matrix.from_columns([[1, 2], [3]])
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: column 1 has 1 entry but column 0 has 2: every column...must have the same length
        """
        example = "a Matrix is built from a list of columns, e.g. Matrix.from_columns([[1, 3], [2, 4]])"
        return cls._from_rows(_checked_lines(columns, "column", example)).T

    @classmethod
    def full(cls, rows: int, columns: int, value: float) -> "Matrix":
        """A (rows, columns) Matrix with every entry equal to ``value``.

        >>> Matrix.full(2, 3, 7)
        Matrix([[7.0, 7.0, 7.0], [7.0, 7.0, 7.0]])
        """
        width = check_count(columns, "columns")
        height = check_count(rows, "rows")
        return cls._wrap((as_number(value, "value"),) * _entries(height, width), (height, width))

    @classmethod
    def zeros(cls, rows: int, columns: int) -> "Matrix":
        """A (rows, columns) Matrix of zeros.

        >>> Matrix.zeros(1, 2)
        Matrix([[0.0, 0.0]])
        """
        return cls.full(rows, columns, 0.0)

    @classmethod
    def ones(cls, rows: int, columns: int) -> "Matrix":
        """A (rows, columns) Matrix of ones.

        >>> Matrix.ones(2, 1)
        Matrix([[1.0], [1.0]])
        """
        return cls.full(rows, columns, 1.0)

    @classmethod
    def identity(cls, n: int) -> "Matrix":
        """The (n, n) identity: ones on the diagonal, zeros elsewhere; I @ A == A.

        >>> print(Matrix.identity(3))
        [[1  0  0]
         [0  1  0]
         [0  0  1]]
        """
        size = check_count(n, "n")
        _entries(size, size)
        return cls._wrap(tuple(1.0 if i == j else 0.0 for i in range(size) for j in range(size)), (size, size))

    @classmethod
    def uniform(
        cls, rows: int, columns: int, low: float = 0.0, high: float = 1.0, *, rng: Seed
    ) -> "Matrix":
        """Numbers drawn uniformly from [low, high], row by row, from an explicit generator or seed.

        (``random.uniform`` can return ``high`` itself, through rounding.)

        >>> Matrix.uniform(2, 3, -1, 1, rng=7) == Matrix.uniform(2, 3, -1, 1, rng=7)
        True
        >>> Matrix.uniform(2, 3, rng=7).shape
        (2, 3)
        """
        source = as_rng(rng)
        width = check_count(columns, "columns")
        height = check_count(rows, "rows")
        return cls._wrap(tuple(source.uniform(low, high) for _ in range(_entries(height, width))), (height, width))

    @classmethod
    def normal(
        cls, rows: int, columns: int, mean: float = 0.0, std: float = 1.0, *, rng: Seed
    ) -> "Matrix":
        """Numbers drawn from a normal distribution, row by row, from an explicit generator or seed.

        >>> m = Matrix.normal(100, 20, std=2.0, rng=3)
        >>> m.shape, abs(m.mean()) < 0.1
        ((100, 20), True)
        """
        source = as_rng(rng)
        width = check_count(columns, "columns")
        height = check_count(rows, "rows")
        return cls._wrap(tuple(source.gauss(mean, std) for _ in range(_entries(height, width))), (height, width))

    # ------------------------------------------------------------------ shape

    @property
    def shape(self) -> Tuple[int, int]:
        """``(rows, columns)``.

        >>> Matrix([[1, 2, 3]]).shape
        (1, 3)
        """
        return self._shape

    def __len__(self) -> int:
        """len(m): the number of rows, as for a NumPy array."""
        return self._shape[0]

    @overload
    def __getitem__(self, index: Tuple[int, int]) -> float: ...
    @overload
    def __getitem__(self, index: int) -> Vector: ...
    @overload
    def __getitem__(self, index: slice) -> "Matrix": ...

    def __getitem__(self, index: Union[Tuple[int, int], int, slice]) -> Union[float, Vector, "Matrix"]:
        """m[i, j] is one entry, m[i] the row i as a Vector, m[a:b] a Matrix of those rows.

        Negative indices count from the end, as everywhere in Python.

        >>> m = Matrix([[1, 2], [3, 4], [5, 6]])
        >>> m[1, 0], m[-1, -1]
        (3.0, 6.0)
        >>> m[0]
        Vector([1.0, 2.0])
        >>> m[1:]
        Matrix([[3.0, 4.0], [5.0, 6.0]])
        """
        if isinstance(index, tuple):
            if len(index) != 2:
                raise IndexError(f"a Matrix takes two indices, m[i, j]; got {len(index)}: {index!r}")
            i, j = index
            if isinstance(i, slice) or isinstance(j, slice):
                raise TypeError(
                    "m[i, j] takes two ints; for a whole column use m.column(j), "
                    "for a row m.row(i) or m[i], for a run of rows m[a:b]"
                )
            rows, columns = self._shape
            return self._data[check_index(i, rows, "row") * columns + check_index(j, columns, "column")]
        if isinstance(index, slice):
            picked = range(self._shape[0])[index]  # the row numbers the slice picks, negative steps too
            if not picked:
                raise ShapeError(f"the slice {index} of a {self._shape} Matrix has no rows")
            return self.take(picked)
        return self.row(index)

    def row(self, i: int) -> Vector:
        """Row ``i`` as a Vector.

        >>> Matrix([[1, 2], [3, 4]]).row(1)
        Vector([3.0, 4.0])
        """
        rows, columns = self._shape
        start = check_index(i, rows, "row") * columns
        return _vector(self._data[start:start + columns])

    def column(self, j: int) -> Vector:
        """Column ``j`` as a Vector.

        >>> Matrix([[1, 2], [3, 4]]).column(1)
        Vector([2.0, 4.0])
        """
        columns = self._shape[1]
        # every columns-th entry, starting at entry j of row 0
        return _vector(self._data[check_index(j, columns, "column")::columns])

    def take(self, indices: Iterable[int]) -> "Matrix":
        """The rows at the given indices, in that order (NumPy's ``take(indices, axis=0)``).

        Used to shuffle a data set or pick a mini-batch.

        >>> Matrix([[1, 1], [2, 2], [3, 3]]).take([2, 0])
        Matrix([[3.0, 3.0], [1.0, 1.0]])
        """
        rows, columns = self._shape
        data = self._data
        starts = [check_index(i, rows, "row") * columns for i in indices]
        if not starts:
            raise ShapeError("take() needs at least one row index; got none")
        picked = chain.from_iterable([data[start:start + columns] for start in starts])
        return _matrix(tuple(picked), (len(starts), columns))

    def __iter__(self) -> Iterator[Vector]:
        """Iterate over the rows, each a Vector."""
        return map(Vector._wrap, self._rows)

    @property
    def flat(self) -> Flat:
        """Every entry, row after row, in one tuple: the order in which a Matrix keeps them.

        (NumPy's ``flat`` is an iterator in the same order.)

        >>> Matrix([[1, 2], [3, 4]]).flat
        (1.0, 2.0, 3.0, 4.0)
        """
        return self._data

    def tolist(self) -> List[List[float]]:
        """The entries as a list of rows, each a list of floats.

        >>> Matrix([[1, 2]]).tolist()
        [[1.0, 2.0]]
        """
        return [list(row) for row in self._rows]

    @property
    def T(self) -> "Matrix":
        """The transpose: row i of m.T is column i of m; shape (r, c) becomes (c, r).

        >>> Matrix([[1, 2, 3]]).T
        Matrix([[1.0], [2.0], [3.0]])
        """
        # Row i, column j of m becomes row j, column i of m.T (the loop is in kernel.py).
        rows, columns = self._shape
        return _matrix(kernel.transpose(self._data, rows, columns), (columns, rows))

    def transpose(self) -> "Matrix":
        """The same as ``m.T``."""
        return self.T

    # --------------------------------------------------------------- equality

    def __eq__(self, other: object) -> bool:
        """a == b: True when both are Matrices of the same shape with exactly the same entries.

        As in NumPy, a NaN entry equals nothing, not even itself.
        """
        if not isinstance(other, Matrix):
            return NotImplemented
        # Tuples compare in C, but count the very same NaN object as equal to itself.
        return self._shape == other._shape and self._data == other._data and not any(map(math.isnan, self._data))

    def __hash__(self) -> int:
        return hash(("Matrix", self._shape, self._data))

    def __bool__(self) -> bool:
        """Refuse to guess, as NumPy does: ``if m:`` has no single obvious meaning.

        >>> bool(Matrix([[0]]))
        Traceback (most recent call last):
        ...
        TypeError: the truth value of a (1, 1) Matrix is ambiguous; use len(m), a == b or a.allclose(b)
        """
        raise TypeError(
            f"the truth value of a {self._shape} Matrix is ambiguous; "
            "use len(m), a == b or a.allclose(b)"
        )

    def allclose(self, other: "Matrix", rel_tol: float = 1e-9, abs_tol: float = 1e-12) -> bool:
        """True when every pair of entries passes ``math.isclose`` with these tolerances.

        Entries x and y are close when |x − y| <= max(rel_tol·max(|x|, |y|), abs_tol).
        The default abs_tol of 1e-12 lets a computed 1e-17 count as close to an
        exact 0, where no relative tolerance could: A @ inverse(A) is close to
        the identity. Pass abs_tol=0.0 to compare only relatively.

        >>> Matrix([[1.0]]).allclose(Matrix([[1.0 + 1e-12]]))
        True
        >>> Matrix([[1.0, 1e-17]]).allclose(Matrix([[1.0, 0.0]]))
        True
        >>> Matrix([[1.0]]).allclose(Matrix([[1.0, 2.0]]))
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot compare (1, 1) with (1, 2): the shapes must be equal
        """
        if not isinstance(other, Matrix):
            raise TypeError(f"allclose compares with a Matrix, got {type(other).__name__}")
        check_tolerances(rel_tol, abs_tol)
        if other._shape != self._shape:
            raise ShapeError(f"cannot compare {self._shape} with {other._shape}: the shapes must be equal")
        return all(math.isclose(x, y, rel_tol=rel_tol, abs_tol=abs_tol) for x, y in zip(self._data, other._data))

    # ------------------------------------------------------------ elementwise

    def _combine(
        self, other: object, op: Callable[[float, float], float], symbol: str, reflected: bool = False
    ) -> Optional["Matrix"]:
        """Apply ``op`` entry by entry; the shared body of + - * / and their reflections.

        ``other`` may be:
        - a Matrix of the same shape: entry (i, j) meets entry (i, j);
        - a Vector with one entry per column: it meets every row (row broadcasting,
          as the article adds a bias b to every row of X @ W);
        - a number: it meets every entry.
        ``reflected``: ``other`` came first, as in v - a, so it is op's first
        operand, and a ShapeError's message shows the operands in that order.
        An operand of another type gives None, so that the operator returns
        NotImplemented and Python tries the other operand.
        """
        data, shape = self._data, self._shape
        if isinstance(other, Matrix):
            if other._shape != shape:
                raise ShapeError(
                    f"cannot {_VERBS[symbol]} {shape} {symbol} {other._shape}: "
                    "entry-by-entry operations need equal shapes"
                )
            # entries at the same position meet: both matrices keep them in the same order
            return _matrix(tuple(map(op, data, other._data)), shape)
        if isinstance(other, Vector):
            if len(other._data) != shape[1]:
                left, right = (other.shape, self._shape) if reflected else (self._shape, other.shape)
                raise ShapeError(
                    f"cannot {_VERBS[symbol]} {left} {symbol} {right}: a Vector is "
                    f"applied to every row, so it needs one entry per column ({self._shape[1]})"
                )
            every_row = other._data * shape[0]  # the Vector repeated once per row, lined up with data
            if reflected:
                return _matrix(tuple(map(op, every_row, data)), shape)
            return _matrix(tuple(map(op, data, every_row)), shape)
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            scalar = other if type(other) is float else as_scalar(other, symbol)  # an int may be too large
            return self._with_number(scalar, symbol, reflected)
        return None

    def _with_number(self, x: float, symbol: str, reflected: bool) -> "Matrix":
        """Every entry e combined with the number x: e + x, e - x, e * x or e / x (x - e... when ``reflected``).

        Each operator is written out: calling ``op(e, x)`` for every entry took
        about a fifth longer (``1.0 - a`` on a (16, 4) Matrix, CPython 3.11).
        """
        data = self._data
        if symbol == "+":
            entries = [x + e for e in data] if reflected else [e + x for e in data]
        elif symbol == "-":
            entries = [x - e for e in data] if reflected else [e - x for e in data]
        elif symbol == "*":
            entries = [x * e for e in data] if reflected else [e * x for e in data]
        else:
            entries = [x / e for e in data] if reflected else [e / x for e in data]
        return _matrix(tuple(entries), self._shape)

    def __add__(self, other: Operand) -> "Matrix":
        """a + b, entry by entry. b may be a Matrix of the same shape, a number, or a
        Vector with one entry per column, which is added to every row:

        >>> Matrix([[1, 2], [3, 4]]) + Vector([10, 20])
        Matrix([[11.0, 22.0], [13.0, 24.0]])
        >>> Matrix([[1, 2], [3, 4]]) + Matrix([[1, 2, 3]])
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot add (2, 2) + (1, 3): entry-by-entry operations need equal shapes
        """
        if type(other) is Matrix and other._shape == self._shape:  # fast path, the usual case: nothing to check
            return _matrix(tuple(map(operator.add, self._data, other._data)), self._shape)
        result = self._combine(other, operator.add, "+")
        return NotImplemented if result is None else result

    def __sub__(self, other: Operand) -> "Matrix":
        """a - b, entry by entry; b as for ``+``.

        >>> Matrix([[5, 5]]) - 1
        Matrix([[4.0, 4.0]])
        """
        if type(other) is Matrix and other._shape == self._shape:  # fast path, the usual case: nothing to check
            return _matrix(tuple(map(operator.sub, self._data, other._data)), self._shape)
        result = self._combine(other, operator.sub, "-")
        return NotImplemented if result is None else result

    def __mul__(self, other: Operand) -> "Matrix":
        """a * b, entry by entry (the Hadamard product; the matrix product is a @ b); b as for ``+``.

        >>> Matrix([[1, 2], [3, 4]]) * Matrix([[2, 0], [0, 2]])
        Matrix([[2.0, 0.0], [0.0, 8.0]])
        """
        if type(other) is Matrix and other._shape == self._shape:  # fast path, the usual case: nothing to check
            return _matrix(tuple(map(operator.mul, self._data, other._data)), self._shape)
        result = self._combine(other, operator.mul, "*")
        return NotImplemented if result is None else result

    def __truediv__(self, other: Operand) -> "Matrix":
        """a / b, entry by entry; b as for ``+``. Division by zero raises ZeroDivisionError.

        >>> Matrix([[1, 2], [3, 4]]) / Vector([1, 2])
        Matrix([[1.0, 1.0], [3.0, 2.0]])
        """
        if type(other) is Matrix and other._shape == self._shape:  # fast path, the usual case: nothing to check
            return _matrix(tuple(map(operator.truediv, self._data, other._data)), self._shape)
        result = self._combine(other, operator.truediv, "/")
        return NotImplemented if result is None else result

    def __radd__(self, other: Union[Vector, Number]) -> "Matrix":
        """b + a, for a number or a Vector b: the same as a + b."""
        result = self._combine(other, operator.add, "+", reflected=True)
        return NotImplemented if result is None else result

    def __rsub__(self, other: Union[Vector, Number]) -> "Matrix":
        """b - a, for a number or a Vector b.

        >>> 1 - Matrix([[0.25, 1]])
        Matrix([[0.75, 0.0]])
        """
        result = self._combine(other, operator.sub, "-", reflected=True)
        return NotImplemented if result is None else result

    def __rmul__(self, other: Union[Vector, Number]) -> "Matrix":
        """b * a, for a number or a Vector b: the same as a * b."""
        result = self._combine(other, operator.mul, "*", reflected=True)
        return NotImplemented if result is None else result

    def __rtruediv__(self, other: Union[Vector, Number]) -> "Matrix":
        """b / a, for a number or a Vector b."""
        result = self._combine(other, operator.truediv, "/", reflected=True)
        return NotImplemented if result is None else result

    def __neg__(self) -> "Matrix":
        """-a"""
        return _matrix(tuple(map(operator.neg, self._data)), self._shape)

    def __pos__(self) -> "Matrix":
        """+a (the same values)."""
        return self

    def __abs__(self) -> "Matrix":
        """abs(a), entry by entry."""
        return _matrix(tuple(map(abs, self._data)), self._shape)

    def __pow__(self, exponent: Number) -> "Matrix":
        """a ** p, each entry raised to the number p (not a matrix power).

        >>> Matrix([[1, -2]]) ** 2
        Matrix([[1.0, 4.0]])

        A result that is not a real number, or too large for a float, is a
        PurennError naming the entry:

        >>> Matrix([[1, -2]]) ** 0.5
        Traceback (most recent call last):
        ...
        purenn.errors.PurennError: cannot raise (1, 2) ** 0.5: the entry at row 0, column 1 is -2.0, ...real number
        """
        if not is_number(exponent):
            return NotImplemented
        p = as_scalar(exponent, "**")
        try:
            # (x ** 0.5 of a negative x would be a complex number, not an error)
            if p.is_integer() or not any(x < 0.0 for x in self._data):
                data = tuple(x**p for x in self._data)
                # PyPy gives inf where CPython raises OverflowError: an inf from finite entries is an overflow
                if all(map(math.isfinite, data)) or not all(map(math.isfinite, self._data)):
                    return _matrix(data, self._shape)
        except (OverflowError, ZeroDivisionError):
            pass
        i, j, x = next(
            (i, j, x) for i, row in enumerate(self._rows) for j, x in enumerate(row) if power_problem(x, p)
        )
        raise PurennError(
            f"cannot raise {self._shape} ** {exponent!r}: the entry at row {i}, column {j} is {x!r}, "
            f"and {power_problem(x, p)}"
        )

    def map(self, f: Callable[[float], float]) -> "Matrix":
        """Apply a float function to every entry; how activations reach a Matrix.

        f must return an int or a float (an int becomes a float):

        >>> Matrix([[0, 1], [4, 9]]).map(math.sqrt)
        Matrix([[0.0, 1.0], [2.0, 3.0]])
        >>> Matrix([[0, 1]]).map(lambda x: x > 0)
        Traceback (most recent call last):
        ...
        TypeError: the entry f returned for row 0, column 0 is False (a bool); write 1.0 or 0.0 to use it as a number
        """
        results = tuple([f(x) for x in self._data])
        if not kernel.all_floats(results):  # all floats: the usual case
            columns = self._shape[1]
            results = tuple(
                as_entry(r, f"f returned for row {k // columns}, column {k % columns}") for k, r in enumerate(results)
            )
        return _matrix(results, self._shape)

    # ---------------------------------------------------------------- product

    @overload
    def __matmul__(self, other: "Matrix") -> "Matrix": ...
    @overload
    def __matmul__(self, other: Vector) -> Vector: ...

    def __matmul__(self, other: Union["Matrix", Vector]) -> Union["Matrix", Vector]:
        """a @ b, the matrix product: entry (i, j) is row i of a dotted with column j of b.

        The arithmetic is in purenn/linalg/kernel.py; in plain mode
        (``kernel.plain_mode``) it is the loop ``total += A[i][k] * B[k][j]``, over the rows A[i] of a and B[k] of b.

        Shapes: (m, n) @ (n, p) -> (m, p). A Vector on the right acts as a
        column: (m, n) @ (n,) -> (m,).

        >>> Matrix([[1, 2], [3, 4]]) @ Matrix([[5], [6]])
        Matrix([[17.0], [39.0]])
        >>> Matrix([[1, 2, 3], [4, 5, 6]]) @ Matrix([[1, 2]])
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot multiply (2, 3) @ (1, 2): inner dimensions 3 and 1 differ
        """
        if isinstance(other, Matrix):
            (m, n), (inner, p) = self._shape, other._shape
            if inner != n:
                raise _inner_dimensions_differ(self._shape, other._shape)
            return _matrix(kernel.matmul(self._data, other._data, m, n, p), (m, p))
        if isinstance(other, Vector):
            m, n = self._shape
            if other.shape[0] != n:
                raise _inner_dimensions_differ(self._shape, other.shape)
            return _vector(kernel.matmul(self._data, other._data, m, n, 1))  # the Vector as an (n, 1) column
        return NotImplemented

    def __rmatmul__(self, other: Vector) -> Vector:
        """v @ a, for a Vector v acting as a row: (n,) @ (n, p) -> (p,).

        >>> Vector([1, 1]) @ Matrix([[1, 2], [3, 4]])
        Vector([4.0, 6.0])
        """
        if not isinstance(other, Vector):
            return NotImplemented
        n, p = self._shape
        if other.shape[0] != n:
            raise _inner_dimensions_differ(other.shape, self._shape)
        return _vector(kernel.matmul(other._data, self._data, 1, n, p))  # the Vector as a (1, n) row

    def matmul(self, other: "Matrix") -> "Matrix":
        """The same as ``a @ b`` for two matrices."""
        return self @ other

    # ------------------------------------------------------------- reductions

    @overload
    def sum(self, axis: None = None) -> float: ...
    @overload
    def sum(self, axis: int) -> Vector: ...

    def sum(self, axis: Optional[int] = None) -> Union[float, Vector]:
        """The sum of all entries, or along an axis as NumPy does it.

        axis=0 adds the rows together (one result per column, shape (c,));
        axis=1 adds along each row (one result per row, shape (r,)). As in
        NumPy, axis=-1 is the last axis (1) and axis=-2 the first (0).

        >>> m = Matrix([[1, 2], [3, 4]])
        >>> m.sum(), m.sum(axis=0), m.sum(axis=1)
        (10.0, Vector([4.0, 6.0]), Vector([3.0, 7.0]))
        >>> m.sum(axis=-1)
        Vector([3.0, 7.0])
        >>> m.sum(axis=2)
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: sum(axis=2) is not defined for a Matrix: axis=0 (or -2)...axis=1 (or -1)...
        """
        if axis is None:
            return total(self._data)
        return _vector(tuple(map(total, self._lines(axis, "sum"))))

    @overload
    def mean(self, axis: None = None) -> float: ...
    @overload
    def mean(self, axis: int) -> Vector: ...

    def mean(self, axis: Optional[int] = None) -> Union[float, Vector]:
        """The mean of all entries, or along an axis (axis=0: one mean per column).

        >>> Matrix([[1, 2], [3, 4]]).mean(axis=0)
        Vector([2.0, 3.0])
        """
        if axis is None:
            return self.sum() / (self._shape[0] * self._shape[1])
        return _vector(tuple(total(line) / len(line) for line in self._lines(axis, "mean")))

    @overload
    def max(self, axis: None = None) -> float: ...
    @overload
    def max(self, axis: int) -> Vector: ...

    def max(self, axis: Optional[int] = None) -> Union[float, Vector]:
        """The largest entry, or the largest along an axis (axis=0: one per column).

        >>> m = Matrix([[1, 5], [3, 4]])
        >>> m.max(), m.max(axis=0), m.max(axis=1)
        (5.0, Vector([3.0, 5.0]), Vector([5.0, 4.0]))
        """
        if axis is None:
            return largest(self._data)
        return _vector(tuple(largest(line) for line in self._lines(axis, "max")))

    @overload
    def min(self, axis: None = None) -> float: ...
    @overload
    def min(self, axis: int) -> Vector: ...

    def min(self, axis: Optional[int] = None) -> Union[float, Vector]:
        """The smallest entry, or the smallest along an axis (axis=0: one per column).

        >>> Matrix([[1, 5], [3, 4]]).min(axis=1)
        Vector([1.0, 3.0])
        """
        if axis is None:
            return smallest(self._data)
        return _vector(tuple(smallest(line) for line in self._lines(axis, "min")))

    def argmax(self, axis: int) -> Tuple[int, ...]:
        """The index of the largest entry along an axis (the first, if several tie).

        axis=1 gives, for each row, the column of its largest entry: how a
        multi-class network's scores become predicted classes. axis=0 gives,
        for each column, the row of its largest entry.

        >>> Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]).argmax(axis=1)
        (1, 0)
        """
        return tuple(index_of_largest(line) for line in self._lines(axis, "argmax"))

    def argmin(self, axis: int) -> Tuple[int, ...]:
        """The index of the smallest entry along an axis (the first, if several tie).

        axis=1 gives, for each row, the column of its smallest entry; axis=0
        gives, for each column, the row of its smallest entry.

        >>> Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]).argmin(axis=1)
        (0, 1)
        """
        return tuple(index_of_smallest(line) for line in self._lines(axis, "argmin"))

    def _lines(self, axis: int, name: str) -> Sequence[Tuple[float, ...]]:
        """The lines a reduction runs along: the columns for axis 0 (or -2), the rows for axis 1 (or -1)."""
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(f"{name}(axis=...) takes an int, 0 or 1; got {axis!r} ({type_with_article(axis)})")
        columns = self._shape[1]
        if axis in (0, -2):  # column j: every columns-th entry from entry j on
            return [self._data[j::columns] for j in range(columns)]
        if axis in (1, -1):
            return self._rows
        raise ShapeError(
            f"{name}(axis={axis!r}) is not defined for a Matrix: axis=0 (or -2) reduces over rows "
            "(one result per column), axis=1 (or -1) over columns (one per row)"
        )

    # ---------------------------------------------------------------- display

    def __repr__(self) -> str:
        """Matrix([[...], ...]) that pastes back, up to 16 entries; else a summary of at most 3 lines.

        The rule is in purenn/linalg/display.py.

        >>> Matrix([[1, float("nan")]])
        Matrix([[1.0, float('nan')]])
        >>> Matrix.full(768, 8, 0.5)
        <Matrix shape=(768, 8): [[0.5, 0.5, 0.5, ..., 0.5, 0.5, 0.5],
                                 ...,
                                 [0.5, 0.5, 0.5, ..., 0.5, 0.5, 0.5]]>
        """
        return display.matrix_repr(self._rows)

    def __str__(self) -> str:
        """An aligned grid, like NumPy prints a 2-D array; summarised past 1000 entries.

        >>> print(Matrix([[1, -2.5], [30, 4]]))
        [[ 1  -2.5]
         [30     4]]
        """
        rows, columns = self._shape
        return display.grid(self._rows, shorten=rows * columns > display.STR_MAX_ENTRIES)

    def _repr_latex_(self) -> str:
        r"""The Matrix typeset, for Jupyter; past 16 rows or columns, ⋮ and ⋯ stand for the middle ones.

        >>> print(Matrix([[1, 2], [3, 4]])._repr_latex_())
        $\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}$
        """
        return display.latex(self._rows)


def _inner_dimensions_differ(left: Tuple[int, ...], right: Tuple[int, ...]) -> ShapeError:
    """The error of ``left @ right`` when the last dimension of left is not the first of right."""
    return ShapeError(f"cannot multiply {left} @ {right}: inner dimensions {left[-1]} and {right[0]} differ")


def _checked_lines(lines: Iterable[Iterable[float]], line: str, example: str) -> Rows:
    """Check and convert the rows (``line`` = "row") or columns ("column") given to build a Matrix.

    Each must be a sequence of numbers, all of the same length; an error names
    the line and, for a bad entry, its row and column in the Matrix built.
    ``example`` opens the message when ``lines`` itself is no sequence.
    """
    if not is_sequence(lines):
        raise TypeError(f"{example}; got {described(lines)}")
    checked: List[Tuple[float, ...]] = []
    for k, values in enumerate(lines):
        if type(values) is not list and type(values) is not tuple and not is_sequence(values):
            raise TypeError(
                f"{line} {k} is {described(values)}, not a sequence: {example}; for a 1-D array use Vector"
            )
        entries = tuple(values)
        if kernel.all_floats(entries):  # the usual case, checked in C: nothing to convert
            pass
        elif line == "row":
            entries = tuple(as_entry(x, f"at row {k}, column {j}") for j, x in enumerate(entries))
        else:
            entries = tuple(as_entry(x, f"at row {i}, column {k}") for i, x in enumerate(entries))
        if checked and len(entries) != len(checked[0]):
            raise ShapeError(
                f"{line} {k} has {counted(len(entries), 'entry')} but {line} 0 has {len(checked[0])}: "
                f"every {line} of a Matrix must have the same length"
            )
        checked.append(entries)
    if not checked or not checked[0]:
        raise ShapeError("a Matrix needs at least one row and one column; got an empty sequence")
    return tuple(checked)
