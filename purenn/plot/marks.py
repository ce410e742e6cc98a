"""Marks: the shapes that draw data. Each holds data in data units and draws itself through two scales.

- ``Line``: a series of (x, y) joined by straight segments, one SVG path;
- ``Points``: one marker per (x, y): circle, square, triangle, diamond;
- ``Cells``: filled rectangles given by their corners (a shaded map);
- ``Segments``: straight lines each with its own colour, width and dash
  (the weights of a network diagram);
- ``Rule``: a vertical line across the plot at one x, with a label;
- ``Label``: text placed at a data point;
- ``Polygon``: a closed shape given by its corners, filled and outlined;
- ``Arrow``: a straight line from one point to another with a head at the end.

A mark's ``draw(x, y)`` returns an SVG ``Element``; ``x`` and ``y`` are
scales already fitted to the plot's pixels. The same mark drawn on a log
scale follows the log scale: marks know data, scales know pixels.

>>> from purenn.plot.scales import LinearScale
>>> line = Line([0, 1, 2], [0, 1, 0], Style("#000000"))
>>> print(line.draw(LinearScale((0, 2), (0, 200)), LinearScale((0, 1), (100, 0))).to_xml())
<path class="line" d="M0,100 L100,0 L200,100" fill="none" stroke="#000000" stroke-width="3" stroke-linejoin="round"/>
"""

import math
from typing import Dict, NamedTuple, Sequence, Tuple, Union

from purenn.errors import PurennError
from purenn.plot.scales import Scale, extent
from purenn.plot.style import FONT, INK, TICK_SIZE, Style
from purenn.plot.svg import Attribute, Element, number, points_text

__all__ = ["Arrow", "Cell", "Cells", "Label", "Line", "Mark", "Points", "Polygon", "Rule", "Segment", "Segments",
           "marker"]


HALO: Dict[str, Attribute] = {"stroke": "#FFFFFF", "stroke-width": 4, "paint-order": "stroke"}
"""A white outline drawn under a text's letters, which keeps them legible where they cross a line."""


def _pairs(xs: Sequence[float], ys: Sequence[float], what: str) -> None:
    if len(xs) != len(ys):
        raise PurennError(f"{what} needs as many x values as y values, got {len(xs)} and {len(ys)}")
    extent(xs)  # raises for no values, or a NaN or infinite one
    extent(ys)


class Line:
    """``Line(xs, ys, style)``: the points joined in order, as one path."""

    __slots__ = ("xs", "ys", "style")

    def __init__(self, xs: Sequence[float], ys: Sequence[float], style: Style) -> None:
        _pairs(xs, ys, "a line")
        self.xs, self.ys, self.style = list(xs), list(ys), style

    def __repr__(self) -> str:
        return f"Line({len(self.xs)} points, {self.style.colour})"

    def draw(self, x: Scale, y: Scale) -> Element:
        steps = [f"{number(x(a))},{number(y(b))}" for a, b in zip(self.xs, self.ys)]
        return Element("path", {
            "class": "line",
            "d": "M" + " L".join(steps),
            "fill": "none",
            "stroke": self.style.colour,
            "stroke-width": self.style.width,
            "stroke-dasharray": self.style.dash or None,
            "stroke-linejoin": "round",
        })


def marker(shape: str, cx: float, cy: float, r: float, fill: str, stroke: str, stroke_width: float,
           role: str = "point") -> Element:
    """One marker of ``shape`` centred at pixel (cx, cy), about 2r across; ``role`` is its class.

    >>> print(marker("square", 10, 10, 4, "#FFFFFF", "#000000", 1).to_xml())
    <rect class="point" x="6.4" y="6.4" width="7.2" height="7.2" fill="#FFFFFF" stroke="#000000" stroke-width="1"/>
    """
    paint: Dict[str, Attribute] = {"fill": fill, "stroke": stroke, "stroke-width": stroke_width}
    if shape == "circle":
        return Element("circle", {"class": role, "cx": cx, "cy": cy, "r": r, **paint})
    if shape == "square":  # a little smaller than 2r, so it looks as large as the circle
        side = 1.8 * r
        return Element("rect", {"class": role, "x": cx - side / 2, "y": cy - side / 2,
                                "width": side, "height": side, **paint})
    corners = {
        "triangle": [(0.0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        "down": [(0.0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
        "diamond": [(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)],
    }
    if shape not in corners:
        raise PurennError(f"unknown marker shape {shape!r}; choose one of: circle, square, {', '.join(corners)}")
    points = [(cx + dx * r, cy + dy * r) for dx, dy in corners[shape]]
    return Element("polygon", {"class": role, "points": points_text(points), **paint})


class Points:
    """``Points(xs, ys, style, filled=True)``: a marker per point; hollow ones are white inside."""

    __slots__ = ("xs", "ys", "style", "filled", "radius")

    def __init__(
        self, xs: Sequence[float], ys: Sequence[float], style: Style, filled: bool = True, radius: float = 5.0
    ) -> None:
        _pairs(xs, ys, "points")
        self.xs, self.ys, self.style, self.filled, self.radius = list(xs), list(ys), style, filled, radius

    def __repr__(self) -> str:
        return f"Points({len(self.xs)} points, {self.style.shape}, {'filled' if self.filled else 'hollow'})"

    def draw(self, x: Scale, y: Scale) -> Element:
        # filled: the series' colour with a thin white rim, so overlapping points stay apart;
        # hollow: white inside a thick ring of the series' colour
        fill, stroke, width = ((self.style.colour, "#FFFFFF", 1.0) if self.filled
                               else ("#FFFFFF", self.style.colour, 2.0))
        return Element("g", {"class": "points"}, [
            marker(self.style.shape, x(a), y(b), self.radius, fill, stroke, width) for a, b in zip(self.xs, self.ys)
        ])


class Cell(NamedTuple):
    """A rectangle in data units, from (x0, y0) to (x1, y1), filled with ``colour``."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str


class Cells:
    """``Cells(cells)``: filled rectangles without outlines, for a shaded map behind the data."""

    __slots__ = ("cells",)

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.cells = list(cells)

    def __repr__(self) -> str:
        return f"Cells({len(self.cells)} rectangles)"

    def draw(self, x: Scale, y: Scale) -> Element:
        rectangles = []
        for cell in self.cells:
            left, right = sorted((x(cell.x0), x(cell.x1)))
            top, bottom = sorted((y(cell.y0), y(cell.y1)))
            rectangles.append(Element("rect", {
                "x": left, "y": top, "width": right - left, "height": bottom - top, "fill": cell.colour,
            }))
        # crispEdges: neighbouring cells meet without the faint seams anti-aliasing would draw
        return Element("g", {"class": "cells", "shape-rendering": "crispEdges"}, rectangles)


class Segment(NamedTuple):
    """A straight line from (x0, y0) to (x1, y1) in data units, with its own look."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str
    width: float
    dash: str = ""
    opacity: float = 1.0


class Segments:
    """``Segments(segments)``: straight lines, each with its own colour, width and dash."""

    __slots__ = ("segments", "name")

    def __init__(self, segments: Sequence[Segment], name: str = "segments") -> None:
        self.segments, self.name = list(segments), name

    def __repr__(self) -> str:
        return f"Segments({len(self.segments)} {self.name})"

    def draw(self, x: Scale, y: Scale) -> Element:
        return Element("g", {"class": self.name, "stroke-linecap": "round"}, [
            Element("line", {
                "x1": x(s.x0), "y1": y(s.y0), "x2": x(s.x1), "y2": y(s.y1), "stroke": s.colour,
                "stroke-width": s.width, "stroke-dasharray": s.dash or None,
                "stroke-opacity": s.opacity if s.opacity < 1.0 else None,
            })
            for s in self.segments
        ])


class Rule:
    """``Rule(x, label, style, row)``: a vertical line across the whole plot at data value x.

    Its label is at the top, on the ``row``-th line down (0 for the first),
    so that the labels of two rules near each other can stand one above the other.
    """

    __slots__ = ("x", "label", "style", "row")

    def __init__(self, x: float, label: str, style: Style, row: int = 0) -> None:
        self.x, self.label, self.style, self.row = x, label, style, row

    def __repr__(self) -> str:
        return f"Rule(x={self.x!r}, {self.label!r})"

    def draw(self, x: Scale, y: Scale) -> Element:
        at = x(self.x)
        top, bottom = sorted(y.range)
        middle = (x.range[0] + x.range[1]) / 2
        # the label sits beside the line, on the side with more room
        anchor, shift = ("start", 6.0) if at < middle else ("end", -6.0)
        return Element("g", {"class": "rule"}, [
            Element("line", {"x1": at, "y1": top, "x2": at, "y2": bottom, "stroke": self.style.colour,
                             "stroke-width": self.style.width, "stroke-dasharray": self.style.dash or None}),
            Element("text", {"x": at + shift, "y": top + (TICK_SIZE + 6) * (self.row + 1),
                             "text-anchor": anchor,
                             "font-family": FONT, "font-size": TICK_SIZE, "fill": INK, **HALO}, text=self.label),
        ])


class Label:
    """``Label(x, y, text)``: text at a data point, moved by (dx, dy) px; ``anchor`` "start", "middle" or "end".

    With ``halo`` the letters get a white outline beneath them, so they stay
    legible where they cross a line.
    """

    __slots__ = ("x", "y", "text", "size", "anchor", "dx", "dy", "halo")

    def __init__(self, x: float, y: float, text: str, size: float = TICK_SIZE, anchor: str = "middle",
                 dx: float = 0.0, dy: float = 0.0, halo: bool = False) -> None:
        self.x, self.y, self.text, self.size, self.anchor, self.dx, self.dy = x, y, text, size, anchor, dx, dy
        self.halo = halo

    def __repr__(self) -> str:
        return f"Label({self.text!r})"

    def draw(self, x: Scale, y: Scale) -> Element:
        # y + 0.35 em puts the middle of a digit's height on the point
        return Element("text", {"class": "label", "x": x(self.x) + self.dx, "y": y(self.y) + self.dy + self.size * 0.35,
                                "text-anchor": self.anchor, "font-family": FONT, "font-size": self.size,
                                "fill": INK, **(HALO if self.halo else {})}, text=self.text)


class Polygon:
    """``Polygon(xs, ys, style, fill)``: the corners joined in order and closed, filled with ``fill``.

    The outline has the style's colour, width and dash. A polygon whose
    corners all lie on one line (no area) still shows, as its outline.
    """

    __slots__ = ("xs", "ys", "style", "fill", "name")

    def __init__(self, xs: Sequence[float], ys: Sequence[float], style: Style, fill: str = "none",
                 name: str = "polygon") -> None:
        _pairs(xs, ys, "a polygon")
        self.xs, self.ys, self.style, self.fill, self.name = list(xs), list(ys), style, fill, name

    def __repr__(self) -> str:
        return f"Polygon({len(self.xs)} corners, {self.style.colour})"

    def draw(self, x: Scale, y: Scale) -> Element:
        return Element("polygon", {
            "class": self.name,
            "points": points_text([(x(a), y(b)) for a, b in zip(self.xs, self.ys)]),
            "fill": self.fill,
            "stroke": self.style.colour,
            "stroke-width": self.style.width,
            "stroke-dasharray": self.style.dash or None,
            "stroke-linejoin": "round",
        })


class Arrow:
    """``Arrow(start, end, style)``: a line from the data point ``start`` to ``end``, with a head at ``end``.

    The head is a triangle a fixed number of pixels long, whatever the scales,
    so arrows of every length have the same head. An arrow of length zero is
    drawn as a dot.
    """

    __slots__ = ("start", "end", "style", "name")

    HEAD = 12.0
    """The length of the head, in px."""

    def __init__(self, start: Tuple[float, float], end: Tuple[float, float], style: Style,
                 name: str = "arrow") -> None:
        for which, point in (("start", start), ("end", end)):
            if not isinstance(point, (tuple, list)) or len(point) != 2:
                raise TypeError(f"an arrow's {which} must be a pair of numbers (x, y), got {point!r:.40}")
        _pairs([start[0], end[0]], [start[1], end[1]], "an arrow")
        self.start, self.end, self.style, self.name = start, end, style, name

    def __repr__(self) -> str:
        return f"Arrow({self.start!r} to {self.end!r})"

    def draw(self, x: Scale, y: Scale) -> Element:
        x0, y0, x1, y1 = x(self.start[0]), y(self.start[1]), x(self.end[0]), y(self.end[1])
        length = math.hypot(x1 - x0, y1 - y0)
        colour = self.style.colour
        if length < 1e-9:
            dot = marker("circle", x1, y1, self.style.width, colour, colour, 0, role="tip")
            return Element("g", {"class": self.name}, [dot])
        ux, uy = (x1 - x0) / length, (y1 - y0) / length        # along the arrow, one pixel
        head = min(self.HEAD, length)
        bx, by = x1 - ux * head, y1 - uy * head                  # where the head meets the shaft
        half = head * 0.45
        corners = [(x1, y1), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
        return Element("g", {"class": self.name}, [
            Element("line", {"x1": x0, "y1": y0, "x2": bx, "y2": by, "stroke": colour,
                             "stroke-width": self.style.width, "stroke-dasharray": self.style.dash or None}),
            Element("polygon", {"points": points_text(corners), "fill": colour}),
        ])


Mark = Union[Line, Points, Cells, Segments, Rule, Label, Polygon, Arrow]
"""Anything a plot can draw."""
