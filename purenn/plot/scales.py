"""Scales: functions from data values to pixels, and the ticks that label them.

A scale has a ``domain`` (the data values it covers, low to high) and a
``range`` (the pixels they go to). The range may run backwards: an SVG's y
grows downwards, so a y scale maps its low end to the bottom pixel.

- ``LinearScale``: equal steps of data take equal steps of pixels;
- ``LogScale``: equal *ratios* take equal steps (1 to 10 as far as 10 to
  100), for numbers that shrink over orders of magnitude, like a loss.

``nice`` widens a domain out to round tick values, so that an axis starts
and ends on a labelled number.

>>> x = LinearScale((0, 10), (50, 450))
>>> x(0), x(5), x(10)
(50.0, 250.0, 450.0)
>>> y = LogScale((0.01, 1), (300, 100))
>>> y(0.1)
200.0
"""

import math
from typing import List, Sequence, Tuple, TypeVar, Union

from purenn.errors import PurennError
from purenn.checks import is_number
from purenn.plot.ticks import Tick, log_ticks, nice_ticks

__all__ = ["LinearScale", "LogScale", "Scale", "extent", "padded"]


def extent(values: Sequence[float]) -> Tuple[float, float]:
    """(smallest, largest) of ``values``, which must be finite numbers.

    >>> extent([3, -1, 2])
    (-1, 3)
    """
    if len(values) == 0:
        raise PurennError("a scale needs at least one value to cover")
    for value in values:
        if not math.isfinite(value):
            raise PurennError(f"only finite numbers can be plotted, got {value!r}")
    return min(values), max(values)


def padded(values: Sequence[float], share: float = 0.05) -> Tuple[float, float]:
    """The extent of ``values`` widened by ``share`` of its length at each end, so no point sits on the frame.

    >>> padded([0, 10])
    (-0.5, 10.5)
    """
    low, high = extent(values)
    margin = (high - low) * share or 0.5
    return low - margin, high + margin


_S = TypeVar("_S", bound="_Scale")


class _Scale:
    """What both scales share: a domain (low, high), a pixel range, and mapping one onto the other.

    ``scale(value)`` = range[0] + f(value) · (range[1] − range[0]), where f
    is 0 at the low end of the domain and 1 at the high end: linear in the
    value for a LinearScale, in its logarithm for a LogScale.
    """

    __slots__ = ("domain", "range")

    def __init__(self, domain: Tuple[float, float], range: Tuple[float, float] = (0.0, 1.0)) -> None:
        for name, pair in (("domain", domain), ("range", range)):
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(is_number(x) for x in pair)):
                raise TypeError(f"a scale's {name} is a pair of numbers (low, high), got {pair!r:.60}")
        self.domain = self._checked(float(domain[0]), float(domain[1]))
        self.range = (float(range[0]), float(range[1]))

    def _checked(self, low: float, high: float) -> Tuple[float, float]:
        raise NotImplementedError

    def _fraction(self, value: float) -> float:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(domain={self.domain!r}, range={self.range!r})"

    def __call__(self, value: float) -> float:
        r0, r1 = self.range
        return r0 + self._fraction(value) * (r1 - r0)

    def with_range(self: _S, low: float, high: float) -> _S:
        """The same domain mapped onto the pixels from ``low`` to ``high``."""
        return type(self)(self.domain, (low, high))


class LinearScale(_Scale):
    """``LinearScale(domain, range)``: value ↦ range[0] + (value − d0) / (d1 − d0) · (range[1] − range[0])."""

    __slots__ = ()

    def _checked(self, low: float, high: float) -> Tuple[float, float]:
        if not (math.isfinite(low) and math.isfinite(high)) or low > high:
            raise PurennError(f"a scale's domain must be two finite numbers, low to high; got {(low, high)!r}")
        if low == high:  # one value alone: centre it in a range one unit wide
            return low - 0.5, high + 0.5
        return low, high

    def _fraction(self, value: float) -> float:
        d0, d1 = self.domain
        return (value - d0) / (d1 - d0)

    def ticks(self, count: int = 5) -> List[Tick]:
        """About ``count`` ticks at round numbers inside the domain."""
        low, high = self.domain
        tolerance = (high - low) * 1e-9
        return [tick for tick in nice_ticks(low, high, count) if low - tolerance <= tick.value <= high + tolerance]

    def nice(self, count: int = 5) -> "LinearScale":
        """This scale with its domain widened out to the nearest round ticks.

        >>> LinearScale((0.13, 0.91)).nice().domain
        (0.0, 1.0)
        """
        ticks = nice_ticks(self.domain[0], self.domain[1], count)
        return LinearScale((ticks[0].value, ticks[-1].value), self.range)


class LogScale(_Scale):
    """``LogScale(domain, range)``: linear in log10(value); the domain must be positive."""

    __slots__ = ()

    def _checked(self, low: float, high: float) -> Tuple[float, float]:
        if not (0.0 < low <= high < math.inf):
            raise PurennError(
                f"a log scale's domain must be two positive finite numbers, low to high; got {(low, high)!r} "
                "(a log scale cannot show zero or negative values)"
            )
        if low == high:
            return low / 2.0, high * 2.0
        return low, high

    def _fraction(self, value: float) -> float:
        d0, d1 = self.domain
        if value <= 0.0:
            raise PurennError(f"a log scale cannot place {value!r}: only positive numbers have a logarithm")
        return (math.log10(value) - math.log10(d0)) / (math.log10(d1) - math.log10(d0))

    def ticks(self, count: int = 5) -> List[Tick]:
        """Ticks at 1, 2 and 5 × 10^k (or powers of ten alone) inside the domain.

        ``count`` is ignored when the ticks are powers of ten; otherwise the
        2s and then the 5s are dropped until at most ``count`` ticks are left.
        """
        low, high = self.domain
        inside = [tick for tick in log_ticks(low, high) if low * (1 - 1e-9) <= tick.value <= high * (1 + 1e-9)]
        for drop in (2, 5):
            if len(inside) <= count:
                break
            thinned = [tick for tick in inside if _leading_digit(tick.value) != drop]
            inside = thinned if len(thinned) >= 2 else inside
        return inside

    def nice(self, count: int = 5) -> "LogScale":
        """This scale with its domain widened out to the nearest 1, 2 or 5 × 10^k (or power of ten)."""
        ticks = log_ticks(self.domain[0], self.domain[1])
        return LogScale((ticks[0].value, ticks[-1].value), self.range)


def _leading_digit(value: float) -> int:
    """The first significant digit of a positive number: 2 for 0.02 and for 200."""
    return round(value / 10.0 ** math.floor(math.log10(value) + 1e-9))


Scale = Union[LinearScale, LogScale]
"""Either kind of scale: both map data to pixels and give their ticks."""
