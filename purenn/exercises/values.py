"""What a learner's function gave back, read as a shape and its entries, and compared with the answer.

A learner writes plain Python, so an answer may come back as a number, a
list, a tuple, a list of rows, a purenn ``Vector`` or ``Matrix``, with ints,
floats or Fractions in it: all are read the same way, as a ``Shaped`` value
(its shape as NumPy writes it, and its entries row after row):

>>> read([[1, 2, 3], (4, 5, 6)])
Shaped(shape=(2, 3), flat=(1, 2, 3, 4, 5, 6))
>>> read(2.5).shape, read([]).shape, read([[], []]).shape, read(10 ** 400)
((), (0,), (2, 0), Shaped(shape=(), flat=(inf,)))

What cannot be an answer says why, with a short tag that names the mistake:

>>> read(None)
Traceback (most recent call last):
...
purenn.exercises.values.NotAnAnswer: it returned None: is a `return` missing at the end of the function?

**When two numbers agree.** Floats round, and a correct solution may add
in another order than purenn does, so entries are compared with a relative
tolerance: a learner's entry agrees with the expected one when they differ by
at most ``REL_TOL`` (1e-9) times the size of the answer they belong to, that
is the larger of the entry itself and the largest entry of that answer (so an
entry that should be 0 is judged on the scale of its neighbours). An exercise
may give a larger size where the answer's own entries do not show it (the
determinant, whose scale is the product of the lengths of the rows). Exact
answers (Fractions and ints) agree within the same tolerance; whether an
answer had to be exact is a separate check (``is_exact``).

>>> first_difference(read([1.0, 2.0]), read([1.0, 2.0 + 1e-12]))
>>> first_difference(read([1.0, 2.0]), read([1.0, 2.1]))
(1,)
"""

import math
import numbers
from fractions import Fraction
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from purenn.linalg.exact import Grid
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["REL_TOL", "NotAnAnswer", "Number", "Shaped", "first_difference", "is_exact", "read", "show", "transposed"]

REL_TOL = 1e-9
"""How far apart, relative to the size of the answer, two entries may be and still agree."""

Number = Union[int, float, Fraction]


class NotAnAnswer(Exception):
    """What came back cannot be read as a number, a vector or a matrix; ``tag`` names the mistake."""

    def __init__(self, text: str, tag: str) -> None:
        super().__init__(text)
        self.tag = tag


class Shaped(NamedTuple):
    """An answer read as NumPy would hold it: its shape, and its entries row after row."""

    shape: Tuple[int, ...]
    flat: Tuple[Number, ...]

    def entry(self, index: Tuple[int, ...]) -> Number:
        """The entry at ``index``: () for a number, (i,) in a vector, (i, j) in a matrix."""
        if len(index) == 2:
            return self.flat[index[0] * self.shape[1] + index[1]]
        return self.flat[index[0]] if index else self.flat[0]


def read(value: object, what: str = "it", where: str = "") -> Shaped:
    """``value`` as a Shaped answer, or NotAnAnswer saying why it is none; ``where`` names a part ("its z1").

    >>> read(Matrix([[1, 2]])), read(Vector([3]))
    (Shaped(shape=(1, 2), flat=(1.0, 2.0)), Shaped(shape=(1,), flat=(3.0,)))
    >>> read([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    purenn.exercises.values.NotAnAnswer: it returned rows of different lengths: row 0 has 2 entries, row 1 has 1
    """
    if isinstance(value, Matrix):
        return Shaped(value.shape, tuple(value.flat))
    if isinstance(value, Grid):
        return read(value.tolist(), what)
    if isinstance(value, Vector):
        return Shaped((len(value),), tuple(value))
    number = _number(value)
    if number is not None:
        return Shaped((), (number,))
    value = _sequence(value, what, where)
    if not value:
        return Shaped((0,), ())
    numbers_ = [_number(item) for item in value]
    if all(n is not None for n in numbers_):
        return Shaped((len(value),), tuple(n for n in numbers_ if n is not None))
    rows: List[Tuple[Number, ...]] = []
    for i, item in enumerate(value):
        if isinstance(item, Vector):
            rows.append(tuple(item))
            continue
        if _number(item) is not None:
            raise NotAnAnswer(f"{what} returned a mixture of numbers and rows (entry {i} is {item!r})", "type")
        item = _sequence(item, what, f"row {i} of what {what} returned")
        entries = [_number(x) for x in item]
        bad = [x for x, n in zip(item, entries) if n is None]
        if bad:
            inner = bad[0]
            if hasattr(inner, "__next__") or inner is None:
                _sequence(inner, what, f"an entry of row {i}")
            raise NotAnAnswer(f"{what} returned a row {i} that holds {_kind(inner)} ({_short(inner)}), where a "
                              f"matrix has numbers: lists of lists of numbers, one list per row", "type")
        rows.append(tuple(n for n in entries if n is not None))
    lengths = [len(row) for row in rows]
    for i, length in enumerate(lengths):
        if length != lengths[0]:
            raise NotAnAnswer(f"{what} returned rows of different lengths: row 0 has {lengths[0]} entries, "
                              f"row {i} has {length}", "shape")
    return Shaped((len(rows), lengths[0]), tuple(x for row in rows for x in row))


def _number(value: object) -> Optional[Number]:
    """A number as it is (int, float, Fraction), another real number as a float, anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Fraction)):
        try:
            float(value)
        except OverflowError:  # past the largest float: compared as infinity (and so wrong)
            return math.inf if value > 0 else -math.inf
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, numbers.Real):  # a NumPy float, a Decimal-like type
        try:
            return float(value)
        except (OverflowError, TypeError, ValueError):
            return None
    return None


def _sequence(value: object, what: str, where: str = "") -> Sequence[object]:
    """``value`` if it is a list or a tuple; else NotAnAnswer, saying what it is."""
    place = f"{where} is" if where else f"{what} returned"
    if value is Ellipsis:
        raise NotAnAnswer(f"{place} `...`, the placeholder of the stub: replace it with the code that computes "
                          f"{'it' if where else 'the answer'}", "stub")
    if value is None and where:
        raise NotAnAnswer(f"{place} None, where numbers belong: was it made by a call that changes a list and "
                          f"returns None, such as list.append or list.sort?", "None")
    if value is None:
        raise NotAnAnswer(f"{place} None: is a `return` missing at the end of the function?", "None")
    if hasattr(value, "__next__"):
        raise NotAnAnswer(f"{place} {_kind(value)}, which hands out its values once and then is empty: "
                          f"make a list of them, with [ ... ] around a comprehension or list(...)", "generator")
    if not isinstance(value, (list, tuple)):
        raise NotAnAnswer(f"{place} {_kind(value)} ({_short(value)}): return a number, a list of numbers, "
                          f"or a list of rows", "type")
    return value


def _kind(value: object) -> str:
    name = type(value).__name__
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# ------------------------------------------------------------- comparing


def first_difference(got: Shaped, expected: Shaped, size: float = 0.0) -> Optional[Tuple[int, ...]]:
    """The index of the first entry where ``got`` disagrees with ``expected`` (both the same shape), or None.

    ``size`` is a least scale for the answer (see the module docstring).
    """
    scale = max([abs(float(x)) for x in expected.flat] + [size])
    for k, (g, e) in enumerate(zip(got.flat, expected.flat)):
        if not agree(g, e, scale):
            return _index(k, expected.shape)
    return None


def agree(got: Number, expected: Number, scale: float) -> bool:
    """Whether two entries agree: within REL_TOL of max(|expected|, scale)."""
    if got == expected:
        return True
    g, e = float(got), float(expected)
    if math.isnan(g) or math.isinf(g):
        return False
    return abs(g - e) <= REL_TOL * max(abs(e), scale)


def _index(k: int, shape: Tuple[int, ...]) -> Tuple[int, ...]:
    if len(shape) == 2:
        return (k // shape[1], k % shape[1])
    return (k,) if shape else ()


def transposed(value: Shaped) -> Shaped:
    """The transpose of a matrix (a number or a vector comes back as it is)."""
    if len(value.shape) != 2:
        return value
    rows, columns = value.shape
    return Shaped((columns, rows), tuple(value.flat[i * columns + j] for j in range(columns) for i in range(rows)))


def is_exact(value: Shaped) -> bool:
    """True when every entry is an int or a Fraction (no float rounded anything)."""
    return all(isinstance(x, (int, Fraction)) for x in value.flat)


# ------------------------------------------------------------- showing


def show(value: Shaped, whole: bool = False) -> str:
    """An answer as a learner would write it: a number, a list, or a list of rows.

    ``whole``: show a float that is a whole number without its ".0" (for an
    expected answer, whose floats come from purenn's Matrix).

    >>> show(read([[1, Fraction(1, 2)], [0.25, -3.0]]))
    '[[1, 1/2], [0.25, -3.0]]'
    >>> show(read([2.0, 0.5]), whole=True)
    '[2, 0.5]'
    """
    texts = [_entry(x, whole) for x in value.flat]
    if not value.shape:
        return texts[0]
    if len(value.shape) == 1:
        return "[" + ", ".join(texts) + "]"
    columns = value.shape[1]
    if not columns:  # rows with nothing in them
        return "[" + ", ".join("[]" for _ in range(value.shape[0])) + "]"
    rows = [texts[i:i + columns] for i in range(0, len(texts), columns)]
    return "[" + ", ".join("[" + ", ".join(row) + "]" for row in rows) + "]"


def _entry(x: Number, whole: bool) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e16:
        return repr(int(x)) if whole else repr(x)
    return repr(x) if isinstance(x, int) else f"{x:.10g}"


def shapes_text(values: Sequence[Shaped]) -> str:
    """The shapes of several answers, for a message."""
    return ", ".join(str(v.shape) for v in values)
