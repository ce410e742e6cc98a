"""Sum, max, min and mean of a run of floats as NumPy gives them, shared by Vector, Matrix and the data layer.

>>> total([0.1] * 10), largest([1.0, float("nan")]), mean_of([1.0, 2.0])
(1.0, nan, 1.5)
"""

import math
from typing import Iterable, Sequence

__all__ = ["index_of_largest", "index_of_smallest", "largest", "length", "mean_of", "smallest", "total"]


def total(values: Iterable[float]) -> float:
    """The sum of ``values``, exactly rounded; inf (or nan) when it does not fit a float.

    ``math.fsum`` is exact, but it raises OverflowError when a partial sum
    passes the largest float, and ValueError for inf + -inf. NumPy gives
    inf and nan there, and so does this: the plain running sum does.

    >>> total([0.1] * 10), total([1e308, 1e308]), total([float("inf"), -float("inf")])
    (1.0, inf, nan)
    """
    numbers = values if isinstance(values, (list, tuple)) else list(values)  # read twice below, if need be
    try:
        return math.fsum(numbers)
    except (OverflowError, ValueError):  # too large for a float, or inf + -inf
        return sum(numbers, 0.0)


def largest(values: Sequence[float]) -> float:
    """The largest of ``values``; nan if any is nan, wherever it is (as NumPy's max).

    Python's ``max`` keeps its first value when a later one is nan, so that
    ``max([nan, 1.0])`` is nan but ``max([1.0, nan])`` is 1.0.

    >>> largest([1.0, float("nan"), 3.0])
    nan
    """
    return math.nan if any(x != x for x in values) else max(values)


def smallest(values: Sequence[float]) -> float:
    """The smallest of ``values``; nan if any is nan, wherever it is (as NumPy's min).

    >>> smallest([3.0, 1.0, float("nan")])
    nan
    """
    return math.nan if any(x != x for x in values) else min(values)


def index_of_largest(values: Sequence[float]) -> int:
    """The index of the largest value (the first, if several tie); that of the first nan, if any.

    >>> index_of_largest([1.0, 3.0, 3.0]), index_of_largest([1.0, float("nan"), 3.0])
    (1, 1)
    """
    nan = next((i for i, x in enumerate(values) if x != x), None)
    return nan if nan is not None else max(range(len(values)), key=values.__getitem__)


def index_of_smallest(values: Sequence[float]) -> int:
    """The index of the smallest value (the first, if several tie); that of the first nan, if any.

    >>> index_of_smallest([3.0, 1.0, 1.0]), index_of_smallest([3.0, 1.0, float("nan")])
    (1, 2)
    """
    nan = next((i for i, x in enumerate(values) if x != x), None)
    return nan if nan is not None else min(range(len(values)), key=values.__getitem__)


def mean_of(values: Sequence[float]) -> float:
    """The mean of finite ``values``, exactly rounded sum over m; Σ (x / m) when Σ x is beyond the largest float.

    >>> mean_of([1.0, 2.0]), mean_of([1.5e308, 1.5e308])
    (1.5, 1.5e+308)
    """
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.fsum(x / len(values) for x in values)


def length(values: Sequence[float]) -> float:
    """sqrt(sum of x**2) over ``values``, with neither overflow nor underflow.

    With s a power of two close to the largest |x|: length = s * sqrt(sum of (x/s)**2).
    Every x/s is at most 2 in size, so its square neither overflows nor (for
    the entries that matter) underflows; and dividing or multiplying by a
    power of two is exact, so the scaling adds no rounding error.

    >>> length([3 * 2.0**600, 4 * 2.0**600]) == 5 * 2.0**600, length([3e-200, 4e-200]) > 0
    (True, True)
    """
    largest = max(abs(x) for x in values)
    if largest == 0.0 or not math.isfinite(largest):  # 0, inf or nan: nothing to scale
        return largest
    _, exponent = math.frexp(largest)  # largest = m * 2**exponent with 0.5 <= m < 1
    s = math.ldexp(1.0, exponent - 1)  # 2**(exponent - 1) <= largest < 2**exponent
    return s * math.sqrt(math.fsum((x / s) ** 2 for x in values))
