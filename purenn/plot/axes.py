"""Axes: a scale drawn as a line with tick marks, round-number labels and a title.

The labels must never overlap. Each label's extent is known before it is
drawn (its width from ``style.text_width``, its height the font size), so
``fitting_ticks`` asks the scale for fewer and fewer ticks until the labels
stand apart with a gap between them.

>>> from purenn.plot.scales import LinearScale
>>> x = LinearScale((0, 1000), (0, 150))
>>> [tick.label for tick in fitting_ticks(x, vertical=False)]
['0', '500', '1000']
"""

from typing import List, Sequence

from purenn.plot.scales import Scale
from purenn.plot.style import FONT, GRID, INK, LABEL_SIZE, TICK_SIZE, text_width
from purenn.plot.svg import Element, number
from purenn.plot.ticks import Tick

__all__ = ["GAP", "TICK_LENGTH", "bottom_axis", "fitting_ticks", "grid", "side_axis", "widest_label"]

TICK_LENGTH = 6.0
"""How far a tick mark sticks out of its axis, in px."""

GAP = 12.0
"""The least room between two labels, in px."""

MOST_TICKS = 6
"""An axis starts by asking for this many ticks, then fewer until they fit."""


def _overlap(ticks: Sequence[Tick], scale: Scale, vertical: bool, size: float) -> bool:
    """True when two neighbouring labels would come closer than GAP."""
    for a, b in zip(ticks, ticks[1:]):
        distance = abs(scale(b.value) - scale(a.value))
        room = size if vertical else (text_width(a.label, size) + text_width(b.label, size)) / 2
        if distance < room + GAP:
            return True
    return False


def fitting_ticks(scale: Scale, vertical: bool, size: float = TICK_SIZE, most: int = MOST_TICKS) -> List[Tick]:
    """The most ticks (up to about ``most``) whose labels stand apart along the scale's range.

    At the worst it keeps the first and last tick only, and if even those
    two would touch, the first alone.
    """
    for count in range(most, 1, -1):
        ticks = scale.ticks(count)
        if len(ticks) >= 2 and not _overlap(ticks, scale, vertical, size):
            return ticks
    ticks = scale.ticks(2)
    ends = [ticks[0], ticks[-1]] if len(ticks) >= 2 else ticks
    return ends if not _overlap(ends, scale, vertical, size) else ends[:1]


def widest_label(ticks: Sequence[Tick], size: float = TICK_SIZE) -> float:
    """The width in px of the widest tick label."""
    return max((text_width(tick.label, size) for tick in ticks), default=0.0)


def _text(x: float, y: float, text: str, size: float, anchor: str, **extra: str) -> Element:
    return Element("text", {"x": x, "y": y, "text-anchor": anchor, "font-family": FONT, "font-size": size,
                            "fill": INK, **extra}, text=text)


def bottom_axis(scale: Scale, ticks: Sequence[Tick], at: float, title: str) -> Element:
    """An x axis along pixel row ``at``: labels below the ticks, the title below the labels."""
    low, high = scale.range
    parts = [Element("line", {"x1": low, "y1": at, "x2": high, "y2": at, "stroke": INK, "stroke-width": 1.5})]
    for tick in ticks:
        x = scale(tick.value)
        parts.append(Element("line", {"x1": x, "y1": at, "x2": x, "y2": at + TICK_LENGTH, "stroke": INK,
                                      "stroke-width": 1.5}))
        parts.append(_text(x, at + TICK_LENGTH + 4 + TICK_SIZE * 0.8, tick.label, TICK_SIZE, "middle",
                           **{"class": "tick-label"}))
    if title:
        below = at + TICK_LENGTH + 4 + TICK_SIZE + 10 + LABEL_SIZE * 0.8
        parts.append(_text((low + high) / 2, below, title, LABEL_SIZE, "middle", **{"class": "axis-title"}))
    return Element("g", {"class": "axis x-axis"}, parts)


def side_axis(scale: Scale, ticks: Sequence[Tick], at: float, title: str, right: bool = False,
              colour: str = INK) -> Element:
    """A y axis along pixel column ``at``, its labels to the left (or, with ``right``, to the right).

    The title is turned upright, beyond the widest label.
    """
    low, high = scale.range
    out = 1.0 if right else -1.0  # the side the ticks, labels and title are on
    parts = [Element("line", {"x1": at, "y1": low, "x2": at, "y2": high, "stroke": colour, "stroke-width": 1.5})]
    for tick in ticks:
        y = scale(tick.value)
        parts.append(Element("line", {"x1": at, "y1": y, "x2": at + out * TICK_LENGTH, "y2": y, "stroke": colour,
                                      "stroke-width": 1.5}))
        parts.append(_text(at + out * (TICK_LENGTH + 4), y + TICK_SIZE * 0.35, tick.label, TICK_SIZE,
                           "start" if right else "end", **{"class": "tick-label"}))
    if title:
        x = at + out * (TICK_LENGTH + 4 + widest_label(ticks) + 10 + LABEL_SIZE * 0.5)
        y = (low + high) / 2
        parts.append(_text(x, y + LABEL_SIZE * 0.35, title, LABEL_SIZE, "middle", **{
            "class": "axis-title", "transform": f"rotate({90 if right else -90} {number(x)} {number(y)})"}))
    return Element("g", {"class": "axis y-axis" + (" right" if right else "")}, parts)


def grid(x: Scale, y: Scale, x_ticks: Sequence[Tick], y_ticks: Sequence[Tick]) -> Element:
    """Light lines across the plot at every tick, behind the data."""
    top, bottom = sorted(y.range)
    left, right = sorted(x.range)
    lines = [Element("line", {"x1": x(t.value), "y1": top, "x2": x(t.value), "y2": bottom}) for t in x_ticks]
    lines += [Element("line", {"x1": left, "y1": y(t.value), "x2": right, "y2": y(t.value)}) for t in y_ticks]
    return Element("g", {"class": "grid", "stroke": GRID, "stroke-width": 1}, lines)
