"""The confusion matrix as a figure: a square per (true class, predicted class), with its count.

Rows are the true classes, columns the predicted ones (as in
``purenn.nn.metrics.confusion_matrix``), so the right answers run down the
diagonal. A square's shade is its count as a share of its row (of every
example of that true class): blue on the diagonal, vermillion off it, so a
class the model often confuses with another shows as a dark vermillion
square, and an empty square stays white. Every count is written in its
square, so the figure reads in greyscale too.

>>> from purenn.nn.metrics import confusion_matrix
>>> figure = confusion_figure(confusion_matrix([0, 0, 1, 1], [0, 1, 1, 1], class_names=["no", "yes"]))
>>> figure
Figure(233 x 220)
>>> figure.svg.count('class="count"')
3
"""

from typing import List

from purenn.nn.metrics import ConfusionMatrix
from purenn.plot.figure import PADDING, Figure, Plot
from purenn.plot.marks import Cell, Cells, Label, Mark, Polygon
from purenn.plot.scales import LinearScale, Scale
from purenn.plot.style import GRID, INK, LABEL_SIZE, NEGATIVE, POSITIVE, TICK_SIZE, TITLE_SIZE, Style, mix, text_width
from purenn.plot.svg import Element

__all__ = ["SQUARE", "confusion_figure", "square_colour"]

SQUARE = 44.0
"""The side of one square, in px."""


def square_colour(count: int, row_total: int, right: bool) -> str:
    """The shade of a square: white when empty, up to full blue (right) or vermillion (wrong) for a whole row.

    >>> square_colour(0, 10, True), square_colour(10, 10, False) == NEGATIVE, square_colour(5, 10, True)
    ('#FFFFFF', True, '#73B1D5')
    """
    share = count / row_total if row_total else 0.0
    if count:  # a single mistake among many still shows
        share = max(share, 0.12)
    # share 1 is the full colour; the scale starts a little above white
    return mix("#FFFFFF", POSITIVE if right else NEGATIVE, 0.1 + 0.9 * share if count else 0.0)


class _Count(Label):
    """A count in its square: white on a dark square, ink on a pale one."""

    __slots__ = ("dark",)

    def __init__(self, x: float, y: float, text: str, dark: bool) -> None:
        super().__init__(x, y, text, TICK_SIZE)
        self.dark = dark

    def draw(self, x: Scale, y: Scale) -> Element:
        element = super().draw(x, y)
        attributes = dict(element.attributes)
        attributes["class"] = "count"
        attributes["fill"] = "#FFFFFF" if self.dark else INK
        return Element("text", attributes, text=element.text)


def confusion_figure(matrix: ConfusionMatrix, title: str = "Confusion matrix") -> Figure:
    """``matrix`` (rows: true class, columns: predicted class) as squares shaded by their share of the row.

    The counts are in the squares; the row and column labels are the class names.
    """
    names, counts = matrix.class_names, matrix.counts
    k = len(names)
    marks: List[Mark] = []
    cells = []
    for i, row in enumerate(counts):
        total = sum(row)
        for j, count in enumerate(row):
            colour = square_colour(count, total, i == j)
            cells.append(Cell(j, k - i, j + 1, k - i - 1, colour))
            if count:
                share = count / total if total else 0.0
                marks.append(_Count(j + 0.5, k - i - 0.5, str(count), share > 0.5))
    marks.insert(0, Cells(cells))
    for n in range(k + 1):  # the grid lines between the squares
        marks.append(Polygon([n, n], [0, k], Style(GRID, "", "", 1.0), name="grid"))
        marks.append(Polygon([0, k], [n, n], Style(GRID, "", "", 1.0), name="grid"))
    widest = max(text_width(name, TICK_SIZE) for name in names)
    for n, name in enumerate(names):
        marks.append(Label(-0.15, k - n - 0.5, name, TICK_SIZE, "end"))      # true class, left of its row
        marks.append(Label(n + 0.5, k, name, TICK_SIZE, "middle", dy=-14))   # predicted class, above its column
    marks.append(Label(k / 2, k, "predicted class", LABEL_SIZE, "middle", dy=-22 - TICK_SIZE))
    marks.append(Label(-0.15, k, "true class", LABEL_SIZE, "end", dy=-14))  # in the corner, over the row labels
    # px around the squares for the labels; one unit of the scales is one square, SQUARE px
    left_room = max(widest + 0.15 * SQUARE, text_width("true class", LABEL_SIZE)) + 6.0
    top_room, bottom_room = 14.0 + TICK_SIZE + 8.0 + LABEL_SIZE + 8.0, 4.0
    inner_width = max(left_room + SQUARE * k + 6.0, text_width(title, TITLE_SIZE))
    width = round(inner_width + 2 * PADDING)
    height = round(PADDING + (TITLE_SIZE + 10.0 if title else 0.0) + 8.0 + top_room + SQUARE * k + bottom_room
                   + PADDING)
    x = LinearScale((-left_room / SQUARE, (width - 2 * PADDING - left_room) / SQUARE))
    y = LinearScale((-bottom_room / SQUARE, k + top_room / SQUARE))
    return Figure.of(Plot(x, y, marks, title=title, axes=False), width, height)
