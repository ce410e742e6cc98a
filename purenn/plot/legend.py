"""The legend: one entry per series, a sample of its look beside its name, in rows above the plot.

Above the plot rather than inside it, so it can never hide data. Entries
run left to right and wrap onto a new row when the next one would not fit;
each row is centred.

>>> entries = [LegendEntry("training", Style("#0072B2")), LegendEntry("validation", Style("#E69F00", "9 5"))]
>>> legend, height = draw_legend(entries, left=0, top=0, width=800)
>>> len(legend.children), height
(2, 26.0)
"""

from typing import List, NamedTuple, Sequence, Tuple

from purenn.plot.marks import marker
from purenn.plot.style import FONT, INK, TICK_SIZE, Style, text_width
from purenn.plot.svg import Element

__all__ = ["KINDS", "LegendEntry", "draw_legend", "entry_width"]

KINDS = ("line", "point", "hollow", "swatch")
"""How an entry shows its series: a stretch of line, a filled or hollow marker, or a patch of colour."""

SAMPLE = 34.0
"""The width of an entry's sample, in px."""

ROW = 26.0
"""The height of one row of entries, in px."""

SPACING = 28.0
"""The room between two entries of a row, in px."""


class LegendEntry(NamedTuple):
    """A series' name and look; ``kind`` is one of KINDS."""

    label: str
    style: Style
    kind: str = "line"


def entry_width(entry: LegendEntry) -> float:
    """The width of an entry in px: its sample, a space, its label."""
    return SAMPLE + 8.0 + text_width(entry.label, TICK_SIZE)


def _sample(entry: LegendEntry, x: float, y: float) -> Element:
    """The entry's sample, its left end at pixel x and its middle at pixel y."""
    style = entry.style
    if entry.kind == "line":
        return Element("line", {"x1": x, "y1": y, "x2": x + SAMPLE, "y2": y, "stroke": style.colour,
                                "stroke-width": style.width, "stroke-dasharray": style.dash or None})
    if entry.kind == "swatch":
        return Element("rect", {"x": x + 4, "y": y - 9, "width": SAMPLE - 8, "height": 18, "fill": style.colour,
                                "stroke": INK, "stroke-width": 0.75})
    filled = entry.kind == "point"
    fill, stroke, width = (style.colour, "#FFFFFF", 1.0) if filled else ("#FFFFFF", style.colour, 2.0)
    return marker(style.shape, x + SAMPLE / 2, y, 6.0, fill, stroke, width, role="legend-marker")


def draw_legend(entries: Sequence[LegendEntry], left: float, top: float, width: float) -> Tuple[Element, float]:
    """The legend's element, laid out in rows across ``width`` px from (left, top), and its height."""
    rows: List[List[LegendEntry]] = [[]]
    used = 0.0
    for entry in entries:
        needed = entry_width(entry) + (SPACING if rows[-1] else 0.0)
        if rows[-1] and used + needed > width:
            rows.append([])
            used, needed = 0.0, entry_width(entry)
        rows[-1].append(entry)
        used += needed
    groups = []
    for number, row in enumerate(rows):
        y = top + ROW * number + ROW / 2
        row_width = sum(entry_width(entry) for entry in row) + SPACING * (len(row) - 1)
        x = left + max(0.0, (width - row_width) / 2)
        for entry in row:
            groups.append(Element("g", {"class": "legend-entry"}, [
                _sample(entry, x, y),
                Element("text", {"x": x + SAMPLE + 8, "y": y + TICK_SIZE * 0.35, "font-family": FONT,
                                 "font-size": TICK_SIZE, "fill": INK}, text=entry.label),
            ]))
            x += entry_width(entry) + SPACING
    height = ROW * len(rows) if entries else 0.0
    return Element("g", {"class": "legend"}, groups), height
