"""Tick marks at round numbers: 1, 2 or 5 times a power of ten.

After Paul Heckbert's "Nice numbers for graph labels" (Graphics Gems,
1990): to put about n ticks on the range [low, high],

1. the step is (high − low) / (n − 1), rounded to the nearest nice number;
2. the first tick is the largest multiple of the step at or below ``low``,
   the last the smallest multiple at or above ``high``.

(Heckbert first rounds the range itself up to a nice number; that can
widen an axis by half again, so here the step comes from the range as it is.)

Every tick is then a whole multiple of a step of 1, 2 or 5 × 10^k, so the
labels need no more decimals than the step has. A log scale puts its ticks
at the powers of ten, or at 1, 2 and 5 times them when the data spans too
few decades for powers alone.

>>> [tick.label for tick in nice_ticks(0.0, 0.83, count=5)]
['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']
>>> [tick.label for tick in log_ticks(0.03, 2.4)]
['0.02', '0.05', '0.1', '0.2', '0.5', '1', '2', '5']
"""

import math
from typing import List, NamedTuple, Tuple

from purenn.errors import PurennError

__all__ = ["MINUS", "Tick", "decimals_of", "log_ticks", "nice_number", "nice_ticks", "tick_text"]

MINUS = "\u2212"
"""The minus sign of typeset mathematics (−), wider and clearer than a hyphen (-)."""


class Tick(NamedTuple):
    """A tick's position in data units and the label written beside it."""

    value: float
    label: str


def nice_number(x: float, round_it: bool) -> float:
    """A nice number (1, 2, 5 or 10 × 10^k) for ``x``: the smallest at or above it, or with ``round_it``
    the one Heckbert rounds to, cutting at 1.5, 3 and 7 (close to the geometric midpoints).

    >>> nice_number(0.83, round_it=False), nice_number(0.21, round_it=True), nice_number(370, round_it=True)
    (1.0, 0.2, 500.0)
    >>> nice_number(3.4, round_it=True)  # nearer 2 on a ruler, but past the cut at 3
    5.0
    """
    if not x > 0.0 or not math.isfinite(x):
        raise PurennError(f"nice_number needs a positive finite number, got {x!r}")
    exponent = math.floor(math.log10(x))
    fraction = x / 10.0**exponent  # 1 <= fraction < 10
    if round_it:
        nice = 1.0 if fraction < 1.5 else 2.0 if fraction < 3.0 else 5.0 if fraction < 7.0 else 10.0
    else:
        nice = 1.0 if fraction <= 1.0 else 2.0 if fraction <= 2.0 else 5.0 if fraction <= 5.0 else 10.0
    return nice * 10.0**exponent


def decimals_of(step: float) -> int:
    """How many decimals a multiple of ``step`` needs: 0 for 1, 2, 5, 10 ...; 1 for 0.1, 0.2, 0.5 ...

    >>> decimals_of(50.0), decimals_of(0.2), decimals_of(0.05)
    (0, 1, 2)
    """
    return max(0, -math.floor(math.log10(step) + 1e-9))


def tick_text(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals and a true minus sign; very small or large ones as 2×10⁻⁶.

    >>> tick_text(-0.5, 1), tick_text(0.0, 2), tick_text(1e-6, 6), tick_text(-2.5e6, 0)
    ('−0.5', '0.00', '10⁻⁶', '−2.5×10⁶')
    """
    if value != 0.0 and (decimals > 4 or abs(value) >= 1e6):
        digits, exponent = f"{abs(value):.6e}".split("e")  # '2.500000', '-06'
        mantissa = digits.rstrip("0").rstrip(".")
        power = "10" + str(int(exponent)).translate(_SUPERSCRIPTS)
        text = power if mantissa == "1" else f"{mantissa}×{power}"
        return MINUS + text if value < 0 else text
    text = f"{value:.{decimals}f}"
    if text.startswith("-"):
        text = text[1:] if float(text) == 0.0 else MINUS + text[1:]
    return text


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def nice_ticks(low: float, high: float, count: int = 5) -> List[Tick]:
    """About ``count`` ticks at round numbers, from at or below ``low`` to at or above ``high``.

    A range of one value is widened to the round numbers around it.

    >>> [tick.value for tick in nice_ticks(3.0, 3.0)]
    [1.0, 2.0, 3.0, 4.0, 5.0]
    >>> [tick.label for tick in nice_ticks(-1.2, 1.2, count=4)]
    ['−2', '−1', '0', '1', '2']
    """
    low, high = _finite_range(low, high)
    if low == high:
        half = abs(low) * 0.5 if low != 0.0 else 1.0
        low, high = low - half, high + half
    if count < 2:
        raise PurennError(f"nice_ticks needs a count of at least 2, got {count}")
    step = nice_number((high - low) / (count - 1), round_it=True)
    decimals = decimals_of(step)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = []
    for k in range(first, last + 1):
        value = round(k * step, decimals)  # k · step, without the float noise of 3 · 0.1
        ticks.append(Tick(value + 0.0, tick_text(value, decimals)))  # + 0.0 turns -0.0 into 0.0
    return ticks


def log_ticks(low: float, high: float) -> List[Tick]:
    """Ticks for a log scale, from at or below ``low`` to at or above ``high`` (both positive).

    Powers of ten when ``high`` is a thousand times ``low`` or more, else
    every 1, 2 and 5 × 10^k in between.

    >>> [tick.label for tick in log_ticks(0.004, 30)]
    ['0.001', '0.01', '0.1', '1', '10', '100']
    """
    low, high = _finite_range(low, high)
    if low <= 0.0:
        raise PurennError(f"a log scale needs positive numbers, got {low!r}")
    if low == high:
        low, high = low / 2.0, high * 2.0
    bottom, top = math.floor(math.log10(low) + 1e-9), math.ceil(math.log10(high) - 1e-9)
    multiples: Tuple[float, ...] = (1.0,) if high >= 1000.0 * low else (1.0, 2.0, 5.0)
    candidates = [(m * 10.0**k, max(0, -k)) for k in range(bottom, top + 1) for m in multiples]
    below = max(i for i, (value, _) in enumerate(candidates) if value <= low * (1 + 1e-9))
    above = min(i for i, (value, _) in enumerate(candidates) if value >= high * (1 - 1e-9))
    return [Tick(round(value, decimals), tick_text(value, decimals)) for value, decimals in candidates[below:above + 1]]


def _finite_range(low: float, high: float) -> Tuple[float, float]:
    if not (math.isfinite(low) and math.isfinite(high)):
        raise PurennError(f"ticks need a finite range, got {low!r} to {high!r}")
    return (low, high) if low <= high else (high, low)
