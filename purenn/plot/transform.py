"""A 2 x 2 matrix as a map of the plane: the unit square, and where the matrix sends it.

``linear_map(A)`` draws the unit square with corners (0, 0), (1, 0), (1, 1),
(0, 1) and its image, the parallelogram with corners A·(0, 0), A·(1, 0),
A·(1, 1), A·(0, 1). The basis vectors e1 = (1, 0) and e2 = (0, 1) are drawn
as arrows, and their images A·e1 and A·e2, which are the columns of A.
Everything else follows from those two arrows: (x, y) is x·e1 + y·e2, and
A keeps sums and multiples, so A·(x, y) = x·A·e1 + y·A·e2. The square's
image is therefore the parallelogram spanned by A's columns, and its area
is |det A| times the square's.

One unit takes as many pixels across as up (``Plot(equal_aspect=True)``),
so a rotation keeps the square square and a right angle looks right.

>>> figure = linear_map([[2, 1], [0, 1]])
>>> figure.svg.count('class="image"'), figure.svg.count('class="arrow"')
(1, 4)
"""

from typing import List, Optional, Sequence, Tuple, Union

from purenn.errors import ShapeError
from purenn.linalg.matrix import Matrix
from purenn.plot.figure import PADDING, Figure, Plot
from purenn.plot.legend import LegendEntry
from purenn.plot.marks import Arrow, Label, Mark, Polygon
from purenn.plot.scales import LinearScale, padded
from purenn.plot.style import INK, PALETTE, TITLE_SIZE, Style, mix, text_width
from purenn.plot.ticks import MINUS

__all__ = ["SQUARE", "image_corners", "linear_map"]

Point = Tuple[float, float]

SQUARE: Tuple[Point, ...] = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
"""The corners of the unit square, in order around it."""

SQUARE_STYLE = Style(mix(INK, "#FFFFFF", 0.45), "6 4", "square", 2.0)
"""The square: a dashed grey outline, so the image (solid, in colour) stands out from it in greyscale too."""

IMAGE_STYLE = Style(PALETTE[0], "", "square", 2.5)
"""The image: a solid blue outline over a pale blue fill."""

E1, E2 = PALETTE[1], PALETTE[2]
"""The colours of e1 and A·e1 (orange) and of e2 and A·e2 (bluish green)."""

CHROME = (126.0, 156.0)
"""About how many px of a figure's width and height go to other things than the plot area:
the axes' labels and titles at the sides, the title and the legend above, the x axis below."""

LABEL_OFFSET = 16.0
"""How far beyond an arrow's tip, in px, its name is written."""


def _as_matrix(A: Union[Matrix, Sequence[Sequence[float]]]) -> Matrix:
    matrix = A if isinstance(A, Matrix) else Matrix(A)
    if matrix.shape != (2, 2):
        raise ShapeError(f"linear_map draws a map of the plane, which is a (2, 2) matrix; got shape {matrix.shape}")
    return matrix


def image_corners(A: Union[Matrix, Sequence[Sequence[float]]]) -> List[Point]:
    """Where A sends each corner of the unit square: A·(x, y) = (a·x + b·y, c·x + d·y).

    >>> image_corners([[0, -1], [1, 0]])  # a quarter turn anticlockwise
    [(0.0, 0.0), (0.0, 1.0), (-1.0, 1.0), (-1.0, 0.0)]
    """
    matrix = _as_matrix(A)
    return [(matrix[0, 0] * x + matrix[0, 1] * y, matrix[1, 0] * x + matrix[1, 1] * y) for x, y in SQUARE]


def _entry(value: float) -> str:
    """A matrix entry for a title: up to 2 significant digits, a true minus sign."""
    text = f"{value:.2g}"
    return MINUS + text[1:] if text.startswith("-") and float(text) != 0.0 else text.lstrip("-")


def _names(tips: Sequence[Tuple[Point, str]]) -> List[Mark]:
    """Each distinct tip's names, joined by " = " where arrows end at the same point, written beside it.

    A name stands 45° anticlockwise from the arrow's direction, beyond its
    tip: above an arrow along the x axis, to the left of one along the y
    axis, so that names of arrows along one line do not sit on each other's shafts.
    """
    names: List[Tuple[Point, List[str]]] = []
    for tip, name in tips:
        same = [entry for entry in names if entry[0] == tip]
        if same:
            same[0][1].append(name)
        else:
            names.append((tip, [name]))
    labels: List[Mark] = []
    for (x, y), joined in names:
        length = (x * x + y * y) ** 0.5
        ux, uy = (x / length, y / length) if length > 1e-12 else (1.0, 0.0)
        # turned 45° anticlockwise: (ux − uy, ux + uy) / √2; pixel y grows downwards, hence −dy
        dx, dy = (ux - uy) * 0.7071 * LABEL_OFFSET, -(ux + uy) * 0.7071 * LABEL_OFFSET
        labels.append(Label(x, y, " = ".join(joined), anchor="middle", dx=dx, dy=dy, halo=True))
    return labels


def linear_map(
    A: Union[Matrix, Sequence[Sequence[float]]],
    *,
    title: Optional[str] = None,
    name: str = "A",
    basis: bool = True,
    width: float = 400,
    height: Optional[float] = None,
) -> Figure:
    """The unit square and its image under the 2 x 2 matrix ``A``, with e1, e2 and A·e1, A·e2 when ``basis``.

    ``name`` is what the figure calls the matrix: with ``name="R"`` the
    arrows are e₁, e₂, Re₁ and Re₂. ``title`` defaults to its entries (to 2
    significant digits, when they fit). The legend gives the image's area,
    |det A|: 0 when A is singular and the square collapses onto a line
    (or a point). ``height`` defaults to what the picture needs when one
    unit is as long up as across, so a flat image gets a short figure.

    >>> linear_map([[1, 0], [0, 0]], title="projection onto the x axis")
    Figure(400 x 430)
    """
    matrix = _as_matrix(A)
    image = image_corners(matrix)
    area = abs(matrix[0, 0] * matrix[1, 1] - matrix[0, 1] * matrix[1, 0])
    marks: List[Mark] = [
        Polygon([x for x, _ in SQUARE], [y for _, y in SQUARE], SQUARE_STYLE, mix(INK, "#FFFFFF", 0.92), "square"),
        Polygon([x for x, _ in image], [y for _, y in image], IMAGE_STYLE, mix(PALETTE[0], "#FFFFFF", 0.8), "image"),
    ]
    if basis:
        # A's columns last
        tips = [(SQUARE[1], "e₁"), (SQUARE[3], "e₂"), (image[1], f"{name}e₁"), (image[3], f"{name}e₂")]
        for (tip, _), colour, dash, line in zip(tips, (E1, E2, E1, E2), ("4 3", "4 3", "", ""), (2.0, 2.0, 3.0, 3.0)):
            marks.append(Arrow((0.0, 0.0), tip, Style(colour, dash, "circle", line)))
        marks += _names(tips)
    legend = [
        LegendEntry("unit square", Style(mix(INK, "#FFFFFF", 0.92)), "swatch"),
        LegendEntry(f"image, area {area:.3g}", Style(mix(PALETTE[0], "#FFFFFF", 0.8)), "swatch"),
    ]
    xs = [x for x, _ in SQUARE + tuple(image)]
    ys = [y for _, y in SQUARE + tuple(image)]
    # room around the shapes for the arrows' names, then out to round ticks
    x_scale, y_scale = LinearScale(padded(xs, 0.2)).nice(), LinearScale(padded(ys, 0.2)).nice()
    if title is None:
        rows = [f"[{_entry(matrix[i, 0])}, {_entry(matrix[i, 1])}]" for i in range(2)]
        title = f"{name} = [{rows[0]}, {rows[1]}]"
        if text_width(title, TITLE_SIZE) > width - 2 * PADDING:  # too long to fit above the plot
            title = f"the map x ↦ {name} x"
    if height is None:
        across, up = x_scale.domain[1] - x_scale.domain[0], y_scale.domain[1] - y_scale.domain[0]
        height = round(CHROME[1] + (width - CHROME[0]) * up / across)
    plot = Plot(x_scale, y_scale, marks, "x", "y", title, legend, equal_aspect=True)
    return Figure.of(plot, width, height)
