"""Colours, dash patterns, marker shapes and fonts that read on a slide, in greyscale and for colour-blind viewers.

The colours are Okabe and Ito's palette ("Color Universal Design", 2008),
chosen so that people with any common colour-vision deficiency can tell
them apart. Colour is never the only difference: the n-th series also has
the n-th dash pattern and marker shape, so a figure printed in grey still
says which line is which.

Font sizes are in pixels of a figure about 800 pixels wide, the width of a
lecture slide's plot; the smallest text (tick labels) is 15 px.

>>> series_style(1)
Style(colour='#E69F00', dash='9 5', shape='square', width=3.0)
>>> mix("#000000", "#FFFFFF", 0.25)
'#404040'
"""

from typing import NamedTuple, Tuple

__all__ = [
    "BACKGROUND", "DASHES", "FONT", "GRID", "INK", "LABEL_SIZE", "NEGATIVE", "PALETTE", "POSITIVE", "SHAPES",
    "TICK_SIZE", "TITLE_SIZE", "Style", "mix", "series_style", "text_width",
]

PALETTE: Tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
"""Okabe-Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
Blue and orange come first: one dark and one light, apart in greyscale too."""

DASHES: Tuple[str, ...] = ("", "9 5", "2 4", "9 4 2 4")
"""Solid, dashed, dotted, dash-dot: the SVG ``stroke-dasharray`` of each series in turn."""

SHAPES: Tuple[str, ...] = ("circle", "square", "triangle", "diamond", "down")
"""Marker shapes of each series (or class) in turn; "down" is a triangle pointing down."""

POSITIVE = PALETTE[0]
"""Blue: a positive weight (drawn solid)."""

NEGATIVE = PALETTE[3]
"""Vermillion: a negative weight (drawn dashed, so the sign shows without colour)."""

INK = "#222222"
"""Axes, labels and titles: near-black."""

GRID = "#DDDDDD"
"""Light grey grid lines, behind the data."""

BACKGROUND = "#FFFFFF"

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

TICK_SIZE = 15
"""Tick labels and legend entries, in px."""

LABEL_SIZE = 17
"""Axis titles, in px."""

TITLE_SIZE = 20
"""A figure's title, in px."""

CHARACTER_WIDTH = 0.62
"""A generous width of one character, as a fraction of the font size: DejaVu Sans's
digits are 0.64 em, most of its lower-case letters 0.5 to 0.63 em, Arial's narrower."""


class Style(NamedTuple):
    """How a series looks: its colour, dash pattern, marker shape and line width in px."""

    colour: str
    dash: str = ""
    shape: str = "circle"
    width: float = 3.0


def series_style(index: int) -> Style:
    """The look of the index-th series: the index-th colour, dash pattern and shape, in turn."""
    return Style(PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)], SHAPES[index % len(SHAPES)])


def mix(colour: str, other: str, amount: float) -> str:
    """The colour ``amount`` of the way from ``colour`` to ``other`` (both "#RRGGBB").

    ``mix(c, "#FFFFFF", 0.8)`` is a pale tint of c, for shading an area.
    """
    start = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    end = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(a + (b - a) * amount):02X}" for a, b in zip(start, end))


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width in px of ``text`` at font size ``size``.

    Used to lay labels out so that they never overlap, without measuring fonts.

    >>> text_width("0.25", 15)
    37.2
    """
    return round(len(text) * CHARACTER_WIDTH * size, 2)
