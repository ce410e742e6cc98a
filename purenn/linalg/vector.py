"""Vector: an immutable 1-D array of floats, written out by hand.

A Vector is a value, like a float or a tuple: every operation returns a new
Vector and none changes one in place, so an intermediate result kept in a
variable (or shown in a debugger) never changes under you.

>>> v = Vector([1, 2, 3])
>>> v
Vector([1.0, 2.0, 3.0])
>>> v.shape
(3,)
>>> v + 1
Vector([2.0, 3.0, 4.0])
>>> v @ Vector([1, 0, -1])
-2.0

In purenn a Vector holds one bias per unit, or one row or column of a Matrix.
"""

import math
import operator
from typing import Callable, Iterable, Iterator, List, Optional, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError
from purenn.checks import (
    Seed, as_number, as_rng, as_scalar, check_count, check_index, is_number, is_sequence, power_problem,
)
from purenn.text import described, number
from purenn.linalg import display, kernel
from purenn.linalg._checks import as_entry, check_tolerances
from purenn.linalg.reductions import index_of_largest, index_of_smallest, largest, smallest, total

__all__ = ["Vector"]

Number = Union[int, float]


def _vector(data: Tuple[float, ...]) -> "Vector":
    """A Vector around a tuple of floats already known to be valid; no checks.

    What every operation of this module (and of matrix.py) builds its result with: ``Vector._wrap``
    as a plain function, without the lookup and binding of a classmethod (about 35 ns a result on CPython 3.11).
    """
    vector = object.__new__(Vector)
    vector._data = data
    return vector


class Vector:
    """An immutable 1-D array of floats with NumPy's names: ``shape``, ``@``, ``sum``...

    Build one from any iterable of numbers; ints become floats:

    >>> Vector((0.5, 2))
    Vector([0.5, 2.0])

    Strings, None, bools and nested sequences are refused, with the position:

    >>> Vector([1, [2]])
    Traceback (most recent call last):
    ...
    TypeError: the entry at index 1 is [2] (a list); entries must be int or float

    So are sets, which have no order, and dicts, which would give their keys.
    """

    __slots__ = ("_data",)
    _data: Tuple[float, ...]

    # ----------------------------------------------------------- construction

    # The Vector is built in __new__, as fractions.Fraction is, and there is no
    # __init__: calling v.__init__(...) again cannot change an existing value.
    def __new__(cls, values: Iterable[float]) -> "Vector":
        if not is_sequence(values):
            raise TypeError(
                "a Vector is built from a sequence of numbers, e.g. Vector([1, 2, 3]); "
                f"got {described(values)}"
            )
        data = tuple(as_entry(x, f"at index {i}") for i, x in enumerate(values))
        if not data:
            raise ShapeError("a Vector needs at least one entry; got an empty sequence")
        return cls._wrap(data)

    @classmethod
    def _wrap(cls, data: Tuple[float, ...]) -> "Vector":
        """Wrap a tuple of floats that is already known to be valid; no checks.

        (Inside linalg, results are built by ``_vector``, the same without a classmethod.)
        """
        vector = object.__new__(cls)
        vector._data = data
        return vector

    def __reduce__(self) -> Tuple[type, Tuple[Tuple[float, ...]]]:
        """How pickle and copy rebuild a Vector: Vector(entries)."""
        return (type(self), (self._data,))

    @classmethod
    def full(cls, n: int, value: float) -> "Vector":
        """A Vector of ``n`` copies of ``value``.

        >>> Vector.full(3, 0.5)
        Vector([0.5, 0.5, 0.5])
        """
        return cls._wrap((as_number(value, "value"),) * check_count(n, "n"))

    @classmethod
    def zeros(cls, n: int) -> "Vector":
        """A Vector of ``n`` zeros: how purenn starts every bias.

        >>> Vector.zeros(2)
        Vector([0.0, 0.0])
        """
        return cls.full(n, 0.0)

    @classmethod
    def ones(cls, n: int) -> "Vector":
        """A Vector of ``n`` ones.

        >>> Vector.ones(2)
        Vector([1.0, 1.0])
        """
        return cls.full(n, 1.0)

    @classmethod
    def uniform(cls, n: int, low: float = 0.0, high: float = 1.0, *, rng: Seed) -> "Vector":
        """``n`` numbers drawn uniformly from [low, high], from an explicit generator or seed.

        ``random.uniform`` can return ``high`` itself, through rounding, so the
        interval is closed. The same seed always gives the same Vector:

        >>> Vector.uniform(3, rng=42) == Vector.uniform(3, rng=42)
        True
        >>> all(-1 <= x <= 1 for x in Vector.uniform(100, -1, 1, rng=0))
        True
        """
        source = as_rng(rng)
        return cls._wrap(tuple(source.uniform(low, high) for _ in range(check_count(n, "n"))))

    @classmethod
    def normal(cls, n: int, mean: float = 0.0, std: float = 1.0, *, rng: Seed) -> "Vector":
        """``n`` numbers drawn from a normal (Gaussian) distribution, from an explicit generator or seed.

        >>> v = Vector.normal(2000, mean=5.0, std=0.1, rng=1)
        >>> round(v.mean(), 1)
        5.0
        """
        source = as_rng(rng)
        return cls._wrap(tuple(source.gauss(mean, std) for _ in range(check_count(n, "n"))))

    # ------------------------------------------------------------------ shape

    @property
    def shape(self) -> Tuple[int]:
        """``(n,)``, as NumPy writes the shape of a 1-D array.

        >>> Vector([1, 2, 3]).shape
        (3,)
        """
        return (len(self._data),)

    def __len__(self) -> int:
        """len(v): the number of entries."""
        return len(self._data)

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> "Vector": ...

    def __getitem__(self, index: Union[int, slice]) -> Union[float, "Vector"]:
        """v[i] is one entry (negative i counts from the end); v[a:b] is a shorter Vector.

        >>> v = Vector([10, 20, 30])
        >>> v[0], v[-1]
        (10.0, 30.0)
        >>> v[1:]
        Vector([20.0, 30.0])
        """
        if isinstance(index, slice):
            part = self._data[index]
            if not part:
                raise ShapeError(f"the slice {index} of a {self.shape} Vector is empty")
            return _vector(part)
        return self._data[check_index(index, len(self._data), "entry")]

    def __iter__(self) -> Iterator[float]:
        """Iterate over the entries, first to last."""
        return iter(self._data)

    def tolist(self) -> List[float]:
        """The entries as a plain list of floats.

        >>> Vector([1, 2]).tolist()
        [1.0, 2.0]
        """
        return list(self._data)

    # --------------------------------------------------------------- equality

    def __eq__(self, other: object) -> bool:
        """u == v: True when both are Vectors with exactly the same entries.

        As in NumPy, a NaN entry equals nothing, so a Vector holding one is
        not even equal to itself:

        >>> v = Vector([1, float("nan")])
        >>> v == v
        False
        """
        if not isinstance(other, Vector):
            return NotImplemented
        # Tuples compare in C, but count the very same NaN object as equal to itself.
        return self._data == other._data and not any(map(math.isnan, self._data))

    def __hash__(self) -> int:
        return hash(("Vector", self._data))

    def __bool__(self) -> bool:
        """Refuse to guess: ``if v:`` could mean "any entry", "all entries" or "not empty".

        >>> bool(Vector([1, 2]))
        Traceback (most recent call last):
        ...
        TypeError: the truth value of a (2,) Vector is ambiguous; use len(v), v == w or v.allclose(w)
        """
        raise TypeError(
            f"the truth value of a {self.shape} Vector is ambiguous; "
            "use len(v), v == w or v.allclose(w)"
        )

    def allclose(self, other: "Vector", rel_tol: float = 1e-9, abs_tol: float = 1e-12) -> bool:
        """True when every pair of entries passes ``math.isclose`` with these tolerances.

        Entries x and y are close when |x − y| <= max(rel_tol·max(|x|, |y|), abs_tol).
        The default abs_tol of 1e-12 lets a computed 1e-17 count as close to an
        exact 0, where no relative tolerance could; pass abs_tol=0.0 to
        compare only relatively.

        >>> Vector([1.0, 2.0]).allclose(Vector([1.0, 2.0 + 1e-12]))
        True
        >>> Vector([0.1 + 0.2 - 0.3]).allclose(Vector([0.0]))
        True
        >>> Vector([1, 2, 3]).allclose(Vector([1, 2]))
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot compare (3,) with (2,): the shapes must be equal
        """
        if not isinstance(other, Vector):
            raise TypeError(f"allclose compares with a Vector, got {type(other).__name__}")
        check_tolerances(rel_tol, abs_tol)
        if len(other._data) != len(self._data):
            raise ShapeError(f"cannot compare {self.shape} with {other.shape}: the shapes must be equal")
        return all(
            math.isclose(x, y, rel_tol=rel_tol, abs_tol=abs_tol)
            for x, y in zip(self._data, other._data)
        )

    # ------------------------------------------------------------ elementwise

    def _check_same_shape(self, other: "Vector", verb: str, symbol: str) -> None:
        if len(other._data) != len(self._data):
            raise ShapeError(
                f"cannot {verb} {self.shape} {symbol} {other.shape}: "
                "Vectors must have the same length"
            )

    def _combine(
        self, other: object, op: Callable[[float, float], float], verb: str, symbol: str
    ) -> Optional["Vector"]:
        """Apply ``op`` entry by entry to self and a same-length Vector, or a number.

        Returns None for an operand of another type, so that the operator can
        return NotImplemented and let Python try the other operand's method.
        """
        if isinstance(other, Vector):
            self._check_same_shape(other, verb, symbol)
            return _vector(tuple(map(op, self._data, other._data)))
        if isinstance(other, (int, float)) and not isinstance(other, bool):
            scalar = other if type(other) is float else as_scalar(other, symbol)  # an int may be too large
            return _vector(tuple([op(x, scalar) for x in self._data]))
        return None

    def __add__(self, other: Union["Vector", Number]) -> "Vector":
        """u + v, entry by entry; v may be a number."""
        if type(other) is Vector and len(other._data) == len(self._data):  # fast path: nothing to check
            return _vector(tuple(map(operator.add, self._data, other._data)))
        result = self._combine(other, operator.add, "add", "+")
        return NotImplemented if result is None else result

    def __sub__(self, other: Union["Vector", Number]) -> "Vector":
        """u - v, entry by entry; v may be a number."""
        if type(other) is Vector and len(other._data) == len(self._data):  # fast path: nothing to check
            return _vector(tuple(map(operator.sub, self._data, other._data)))
        result = self._combine(other, operator.sub, "subtract", "-")
        return NotImplemented if result is None else result

    def __mul__(self, other: Union["Vector", Number]) -> "Vector":
        """u * v, entry by entry (not the dot product: that is u @ v); v may be a number.

        >>> Vector([1, 2]) * Vector([3, 4])
        Vector([3.0, 8.0])
        """
        if type(other) is Vector and len(other._data) == len(self._data):  # fast path: nothing to check
            return _vector(tuple(map(operator.mul, self._data, other._data)))
        result = self._combine(other, operator.mul, "multiply", "*")
        return NotImplemented if result is None else result

    def __truediv__(self, other: Union["Vector", Number]) -> "Vector":
        """u / v, entry by entry; v may be a number. Division by zero raises ZeroDivisionError."""
        if type(other) is Vector and len(other._data) == len(self._data):  # fast path: nothing to check
            return _vector(tuple(map(operator.truediv, self._data, other._data)))
        result = self._combine(other, operator.truediv, "divide", "/")
        return NotImplemented if result is None else result

    def __radd__(self, other: Number) -> "Vector":
        """x + v, for a number x: the same as v + x."""
        return self.__add__(other)

    def __rsub__(self, other: Number) -> "Vector":
        """x - v, for a number x.

        >>> 1 - Vector([0.25, 1])
        Vector([0.75, 0.0])
        """
        result = self._combine(other, lambda x, y: y - x, "subtract", "-")
        return NotImplemented if result is None else result

    def __rmul__(self, other: Number) -> "Vector":
        """x * v, for a number x: the same as v * x."""
        return self.__mul__(other)

    def __rtruediv__(self, other: Number) -> "Vector":
        """x / v, for a number x."""
        result = self._combine(other, lambda x, y: y / x, "divide", "/")
        return NotImplemented if result is None else result

    def __neg__(self) -> "Vector":
        """-v"""
        return _vector(tuple(-x for x in self._data))

    def __pos__(self) -> "Vector":
        """+v (the same values)."""
        return self

    def __abs__(self) -> "Vector":
        """abs(v), entry by entry."""
        return _vector(tuple(abs(x) for x in self._data))

    def __pow__(self, exponent: Number) -> "Vector":
        """v ** p, each entry raised to the number p.

        >>> Vector([1, 2, 3]) ** 2
        Vector([1.0, 4.0, 9.0])

        A result that is not a real number, or too large for a float, is a
        PurennError naming the entry:

        >>> Vector([4, -1]) ** 0.5
        Traceback (most recent call last):
        ...
        purenn.errors.PurennError: cannot raise (2,) ** 0.5: the entry at index 1 is -1.0, ...not a real number
        >>> Vector([1, 0]) ** -1
        Traceback (most recent call last):
        ...
        purenn.errors.PurennError: cannot raise (2,) ** -1: ...index 1 is 0.0, and 0 to a negative power divides by zero
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
                    return _vector(data)
        except (OverflowError, ZeroDivisionError):
            pass
        i, x = next((i, x) for i, x in enumerate(self._data) if power_problem(x, p))
        raise PurennError(
            f"cannot raise {self.shape} ** {exponent!r}: the entry at index {i} is {x!r}, "
            f"and {power_problem(x, p)}"
        )

    def map(self, f: Callable[[float], float]) -> "Vector":
        """Apply a float function to every entry; f must return an int or a float.

        >>> Vector([0, 1]).map(math.exp).allclose(Vector([1, math.e]))
        True
        >>> Vector([1, 2]).map(str)
        Traceback (most recent call last):
        ...
        TypeError: the entry f returned for index 0 is '1.0' (a str); entries must be int or float
        """
        results = tuple(map(f, self._data))
        if not kernel.all_floats(results):  # all floats: the usual case
            results = tuple(as_entry(r, f"f returned for index {i}") for i, r in enumerate(results))
        return _vector(results)

    # ---------------------------------------------------------------- product

    def dot(self, other: "Vector") -> float:
        """The dot product: the sum of u[i] * v[i] over every i.

        >>> Vector([1, 2, 3]).dot(Vector([4, 5, 6]))
        32.0
        >>> Vector([1, 2]).dot(Vector([1, 2, 3]))
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: cannot take the dot product (2,) @ (3,): Vectors must have the same length
        """
        if not isinstance(other, Vector):
            raise TypeError(f"dot needs a Vector, got {type(other).__name__}")
        self._check_same_shape(other, "take the dot product", "@")
        return kernel.dot(self._data, other._data)

    def __matmul__(self, other: "Vector") -> float:
        """u @ v: the dot product. (v @ M, a Vector times a Matrix, is Matrix.__rmatmul__.)"""
        if not isinstance(other, Vector):
            return NotImplemented
        return self.dot(other)

    # ------------------------------------------------------------- reductions

    def sum(self) -> float:
        """The sum of the entries; inf when it is too large for a float, as in NumPy.

        >>> Vector([1, 2, 3.5]).sum(), Vector([1e308, 1e308]).sum()
        (6.5, inf)
        """
        return total(self._data)

    def mean(self) -> float:
        """The arithmetic mean of the entries.

        >>> Vector([1, 2, 3, 4]).mean()
        2.5
        """
        return self.sum() / len(self._data)

    def max(self) -> float:
        """The largest entry; nan when any entry is nan, as in NumPy.

        >>> Vector([3, -1, 7]).max()
        7.0
        """
        return largest(self._data)

    def min(self) -> float:
        """The smallest entry; nan when any entry is nan, as in NumPy.

        >>> Vector([3, -1, 7]).min()
        -1.0
        """
        return smallest(self._data)

    def argmax(self) -> int:
        """The index of the largest entry (the first, if several tie; the first nan, if any).

        >>> Vector([3, 7, 7]).argmax()
        1
        """
        return index_of_largest(self._data)

    def argmin(self) -> int:
        """The index of the smallest entry (the first, if several tie; the first nan, if any).

        >>> Vector([3, -1, -1]).argmin()
        1
        """
        return index_of_smallest(self._data)

    # ---------------------------------------------------------------- display

    def __repr__(self) -> str:
        """Vector([...]) that pastes back, up to 16 entries; else a one-line summary.

        The rule is in purenn/linalg/display.py.

        >>> Vector([0.5, float("inf")])
        Vector([0.5, float('inf')])
        >>> Vector(range(100))
        <Vector shape=(100,): [0, 1, 2, ..., 97, 98, 99]>
        """
        return display.vector_repr(self._data)

    def __str__(self) -> str:
        """The entries in brackets, like NumPy prints a 1-D array; summarised past 1000 entries.

        >>> print(Vector([1, -0.5, 20]))
        [1  -0.5  20]
        """
        shown = display.edges(
            [number(x) for x in self._data],
            limit=len(self._data) > display.STR_MAX_ENTRIES,
        )
        return "[" + "  ".join(shown) + "]"

    def _repr_latex_(self) -> str:
        r"""The Vector typeset as a row, for Jupyter; past 16 entries, ⋯ stands for the middle ones.

        >>> print(Vector([1, 0.5])._repr_latex_())
        $\begin{bmatrix}1 & 0.5\end{bmatrix}$
        """
        return display.latex([self._data])
