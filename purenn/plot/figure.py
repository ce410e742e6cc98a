"""A figure: a value holding finished SVG, and the plot layout that composes scales, axes, marks and legend.

``Plot`` is one panel: scales for x and y (and optionally a second y on the
right), the marks to draw through them, the axis titles, the legend
entries. ``Plot.draw`` lays it out in a box of pixels: title, legend rows,
then the plot area, its margins wide enough for the tick labels it chose.

``Figure`` is what a figure function returns: its size and its elements.
``figure.svg`` is the SVG text, ``figure.save(path)`` writes it (whole or
not at all) and ``_repr_svg_`` lets Jupyter show it inline, with nothing
to import.

>>> from purenn.plot.scales import LinearScale
>>> from purenn.plot.marks import Line
>>> from purenn.plot.style import series_style
>>> plot = Plot(LinearScale((0, 10)), LinearScale((0, 1)), [Line([0, 10], [0, 1], series_style(0))], "x", "y")
>>> figure = Figure.of(plot, width=400, height=300)
>>> figure
Figure(400 x 300)
>>> figure.svg.splitlines()[1]
'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
"""

import errno
import os
from typing import List, Optional, Sequence, Tuple, Union

from purenn.errors import PurennError
from purenn.data.writing import write_atomically
from purenn.plot.axes import TICK_LENGTH, bottom_axis, fitting_ticks, grid, side_axis, widest_label
from purenn.plot.legend import LegendEntry, draw_legend
from purenn.plot.marks import Mark
from purenn.plot.scales import LinearScale, Scale
from purenn.plot.style import BACKGROUND, FONT, INK, LABEL_SIZE, TICK_SIZE, TITLE_SIZE
from purenn.plot.svg import Element

__all__ = ["Figure", "Plot", "check_destination", "side_by_side"]

PathLike = Union[str, "os.PathLike[str]"]

PADDING = 14.0
"""Room around the edge of a panel, in px."""


class Plot:
    """One panel: ``Plot(x, y, marks, x_title, y_title, title, legend, y2, y2_marks, y2_title)``.

    ``x`` and ``y`` are scales whose domains are set; their pixel ranges come
    from the layout. ``y2`` is an optional second y scale, drawn on the
    right, for ``y2_marks``. With ``axes=False`` the panel has no axes or
    grid (a diagram whose scales only place things). With ``equal_aspect``,
    one unit takes as many pixels across as up, so that a square looks
    square and an angle keeps its size; the plot area shrinks, centred, to
    make it so.
    """

    __slots__ = ("x", "y", "marks", "x_title", "y_title", "title", "legend", "y2", "y2_marks", "y2_title",
                 "y2_colour", "axes", "equal_aspect")

    def __init__(
        self,
        x: Scale,
        y: Scale,
        marks: Sequence[Mark],
        x_title: str = "",
        y_title: str = "",
        title: str = "",
        legend: Sequence[LegendEntry] = (),
        y2: Optional[Scale] = None,
        y2_marks: Sequence[Mark] = (),
        y2_title: str = "",
        y2_colour: str = INK,
        axes: bool = True,
        equal_aspect: bool = False,
    ) -> None:
        self.x, self.y, self.marks = x, y, list(marks)
        self.x_title, self.y_title, self.title, self.legend = x_title, y_title, title, list(legend)
        self.y2, self.y2_marks, self.y2_title, self.y2_colour = y2, list(y2_marks), y2_title, y2_colour
        if equal_aspect and not (isinstance(x, LinearScale) and isinstance(y, LinearScale)):
            raise PurennError(
                "equal_aspect=True needs linear x and y scales: on a log scale a unit has no fixed length"
            )
        self.axes, self.equal_aspect = axes, equal_aspect

    def __repr__(self) -> str:
        return f"Plot({self.title!r}, {len(self.marks) + len(self.y2_marks)} marks)"

    def draw(self, left: float, top: float, width: float, height: float) -> Element:
        """The panel laid out in the box from pixel (left, top), ``width`` x ``height``."""
        parts: List[Element] = []
        box_bottom = top + height
        top += PADDING
        if self.title:
            parts.append(Element("text", {"class": "title", "x": left + width / 2, "y": top + TITLE_SIZE * 0.8,
                                          "text-anchor": "middle", "font-family": FONT, "font-size": TITLE_SIZE,
                                          "font-weight": "bold", "fill": INK}, text=self.title))
            top += TITLE_SIZE + 10
        if self.legend:
            legend, used = draw_legend(self.legend, left + PADDING, top, width - 2 * PADDING)
            parts.append(legend)
            top += used + 8
        # the plot area: below the title and legend, above room for the x axis's labels and title
        area_top, area_bottom = top + 8, box_bottom - PADDING - self._x_axis_room()
        if area_bottom - area_top < 40:
            raise PurennError(f"a figure {width:.0f} x {height:.0f} px is too small for this plot; make it larger")
        y = self.y.with_range(area_bottom, area_top)
        y_ticks = fitting_ticks(y, vertical=True) if self.axes else []
        margin_left = PADDING + (TICK_LENGTH + 4 + widest_label(y_ticks) + 10 + LABEL_SIZE + 8 if self.axes else 0)
        y2 = self.y2.with_range(area_bottom, area_top) if self.y2 is not None else None
        y2_ticks = fitting_ticks(y2, vertical=True) if y2 is not None else []
        if y2 is not None:
            margin_right = PADDING + TICK_LENGTH + 4 + widest_label(y2_ticks) + 10 + LABEL_SIZE + 8
        else:
            margin_right = PADDING + (self._last_x_label_half() if self.axes else 0)
        x = self.x.with_range(left + margin_left, left + width - margin_right)
        if self.equal_aspect:
            x, y = _equal_aspect(x, y)
            y_ticks = fitting_ticks(y, vertical=True) if self.axes else []
            area_bottom = y.range[0]
        x_ticks = fitting_ticks(x, vertical=False) if self.axes else []
        if self.axes:
            parts.append(grid(x, y, x_ticks, y_ticks))
        if y2 is not None:  # the second axis's marks first, beneath the main ones
            parts.extend(mark.draw(x, y2) for mark in self.y2_marks)
        parts.extend(mark.draw(x, y) for mark in self.marks)
        if self.axes:
            parts.append(bottom_axis(x, x_ticks, area_bottom, self.x_title))
            parts.append(side_axis(y, y_ticks, x.range[0], self.y_title))
            if y2 is not None:
                parts.append(side_axis(y2, y2_ticks, x.range[1], self.y2_title, right=True, colour=self.y2_colour))
        return Element("g", {"class": "plot"}, parts)

    def _x_axis_room(self) -> float:
        """The height of the x axis below the plot area: ticks, labels and title."""
        if not self.axes:
            return 0.0
        return TICK_LENGTH + 4 + TICK_SIZE + (10 + LABEL_SIZE if self.x_title else 0) + 4

    def _last_x_label_half(self) -> float:
        """Room on the right for half of the last x label, which is centred on the plot's right edge."""
        last = self.x.ticks(2)[-1:]
        return widest_label(last) / 2 + 4 if last else 0.0


def _equal_aspect(x: Scale, y: Scale) -> Tuple[Scale, Scale]:
    """The two scales with the pixel range of one narrowed, about its middle, to give both as many px per unit.

    ``y``'s range runs downwards (bottom pixel first), as in ``Plot.draw``.
    """
    x_per_unit = abs(x.range[1] - x.range[0]) / (x.domain[1] - x.domain[0])
    y_per_unit = abs(y.range[1] - y.range[0]) / (y.domain[1] - y.domain[0])
    if x_per_unit > y_per_unit:
        middle, half = (x.range[0] + x.range[1]) / 2, y_per_unit * (x.domain[1] - x.domain[0]) / 2
        return x.with_range(middle - half, middle + half), y
    middle, half = (y.range[0] + y.range[1]) / 2, x_per_unit * (y.domain[1] - y.domain[0]) / 2
    return x, y.with_range(middle + half, middle - half)


class Figure:
    """A finished figure: ``width`` x ``height`` px and the SVG elements that draw it.

    ``Figure.of(plot)`` lays out one panel; ``side_by_side(figures)`` puts
    figures in a row (or a grid).
    """

    __slots__ = ("width", "height", "elements")

    def __init__(self, width: float, height: float, elements: Sequence[Element]) -> None:
        self.width, self.height, self.elements = width, height, tuple(elements)

    @classmethod
    def of(cls, plot: Plot, width: float = 800, height: float = 500) -> "Figure":
        """One panel filling a figure of ``width`` x ``height`` px."""
        return cls(width, height, [plot.draw(0.0, 0.0, width, height)])

    def __repr__(self) -> str:
        return f"Figure({self.width:g} x {self.height:g})"

    @property
    def svg(self) -> str:
        """The figure as a complete SVG document, the same text on every run."""
        root = Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "width": self.width, "height": self.height,
                               "viewBox": f"0 0 {self.width:g} {self.height:g}"}, [
            Element("rect", {"width": self.width, "height": self.height, "fill": BACKGROUND}),
            *self.elements,
        ])
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + root.to_xml() + "\n"

    def _repr_svg_(self) -> str:
        """What Jupyter shows for a figure left as the last value of a cell."""
        return self.svg

    def save(self, path: PathLike) -> None:
        """Write the SVG to ``path``; the file is complete or left as it was, never half-written.

        ``purenn.data.writing.write_atomically`` writes it, as it writes models:
        to a new file beside ``path`` that then replaces it in one step, with
        the permissions of the file it replaces; a stream (``/dev/stdout``) is
        written to as it is.
        """
        check_destination(path)
        write_atomically(path, self.svg)


def check_destination(path: PathLike) -> str:
    """The directory ``path`` would be written in; raises FileNotFoundError if there is no such
    directory, PermissionError if it cannot be written to, IsADirectoryError if ``path`` is a
    directory. Cheap: call it before a long computation.

    >>> check_destination("/no/such/place/figure.svg")
    Traceback (most recent call last):
    ...
    FileNotFoundError: [Errno ...] no such directory: '/no/such/place'
    """
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise FileNotFoundError(errno.ENOENT, "no such directory", directory)
    if not os.access(directory, os.W_OK):
        raise PermissionError(errno.EACCES, "cannot write in this directory", directory)
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", os.fspath(path))
    return directory


def side_by_side(figures: Sequence[Figure], columns: Optional[int] = None) -> Figure:
    """The figures in a row, or in rows of ``columns``, as one figure.

    >>> from purenn.plot.functions import activation_functions
    >>> side_by_side([activation_functions(["relu"]), activation_functions(["tanh"])])
    Figure(1600 x 500)
    """
    if not figures:
        raise PurennError("side_by_side needs at least one figure")
    per_row = len(figures) if columns is None else columns
    if per_row < 1:
        raise PurennError(f"columns must be at least 1, got {columns!r}")
    cell_width = max(figure.width for figure in figures)
    cell_height = max(figure.height for figure in figures)
    placed = []
    for index, figure in enumerate(figures):
        row, column = divmod(index, per_row)
        shift = f"translate({column * cell_width:g} {row * cell_height:g})"
        placed.append(Element("g", {"transform": shift}, figure.elements))
    rows = -(-len(figures) // per_row)
    return Figure(cell_width * min(per_row, len(figures)), cell_height * rows, placed)

