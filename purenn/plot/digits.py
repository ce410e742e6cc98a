"""Pictures of small images: digits with their labels, the ones a model misreads, and what its units look for.

Each image is one row of a Matrix, its pixels row by row (the layout of
``purenn.data.datasets.digits``: 64 pixels, 8 x 8); any square number of
pixels works. In SVG, a pixel is a small square shaded from white (0) to
near-black (the darkest value, 16 for the digits):

- ``digit_grid``: images in a grid, each with a caption under it;
- ``example_digits``: the first few images of every class of a data set;
- ``digit_mistakes``: the images a model gets wrong, each with its true
  label, the label the model gave it and that label's probability;
- ``weight_images``: each unit of a network's first layer as an image of
  its weights, one per pixel, in diverging colours: blue for a positive
  weight, vermillion for a negative one, white for zero, the strongest
  colour for the largest |w| of the layer.

In text, for a terminal: ``digit_text`` (one image) and ``digits_text``
(several side by side, with captions).

>>> from purenn.linalg.matrix import Matrix
>>> one = [0, 16, 16, 0] * 4  # a 4 x 4 image: a bar down the middle
>>> print(digit_text(one, unicode=False))
  ####
  ####
  ####
  ####
>>> digit_grid(Matrix([one, one]), ["a", "b"])
Figure(240 x 113)
"""

import math
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import MLP
from purenn.nn.network import TwoLayerNetwork
from purenn.data.datasets import DIGITS_DARKEST, Dataset
from purenn.plot.figure import Figure, Plot
from purenn.plot.legend import LegendEntry, draw_legend
from purenn.plot.marks import Cell, Cells, Label, Mark, Polygon
from purenn.plot.models import Model, class_probabilities, wiring
from purenn.plot.scales import LinearScale
from purenn.plot.style import GRID, INK, NEGATIVE, POSITIVE, TITLE_SIZE, Style, mix, text_width

__all__ = [
    "Mistake", "digit_grid", "digit_mistakes", "digit_text", "digits_text", "example_digits", "find_mistakes",
    "image_side", "weight_colour", "weight_images",
]

GAP = 2.0
"""The room between two images, in pixels of an image."""

CAPTION = 2.6
"""The room under an image for one line of its caption, in pixels of an image."""

LARGEST_PIXEL = 9.0
"""The most px a pixel of an image takes: a grid of a few images is not blown up to the figure's width."""

PAPER = "#FFFFFF"

_ASCII_SHADES = " .:+#"
_UNICODE_SHADES = " ░▒▓█"
"""A pixel in text, from blank to darkest: one character of five, printed twice so that the image is square."""


def image_side(pixels: int) -> int:
    """The side of a square image of ``pixels`` pixels; ShapeError if ``pixels`` is not a square of 2 or more.

    >>> image_side(64)
    8
    """
    side = int(round(math.sqrt(pixels)))
    if side < 2 or side * side != pixels:
        raise ShapeError(
            f"an image here is a square of pixels, one row of X row by row; {pixels} pixels "
            "is not a square number of at least 4 (the digits have 64, 8 x 8)"
        )
    return side


def _grey(value: float, darkest: float) -> str:
    """The shade of a pixel: white at 0, INK at ``darkest`` (values beyond are clipped)."""
    return mix(PAPER, INK, min(1.0, max(0.0, value / darkest)))


def weight_colour(weight: float, largest: float) -> str:
    """A weight's colour: white at 0, towards POSITIVE (blue) or NEGATIVE (vermillion) as |weight| nears ``largest``.

    >>> weight_colour(1.0, 1.0) == POSITIVE, weight_colour(-0.5, 1.0), weight_colour(0.0, 1.0)
    (True, '#EAAE80', '#FFFFFF')
    """
    share = min(1.0, abs(weight) / largest) if largest > 0.0 else 0.0
    return mix(PAPER, POSITIVE if weight >= 0.0 else NEGATIVE, share)


def _image_marks(pixels: Sequence[float], side: int, left: float, top: float,
                 colour_of: "_Colour") -> List[Mark]:
    """One image as marks: a cell per pixel not white, and a thin frame around the whole square.

    (left, top) is the image's top-left corner in data units; y grows upwards.
    """
    cells = []
    for index, value in enumerate(pixels):
        colour = colour_of(value)
        if colour != PAPER:
            r, c = divmod(index, side)
            cells.append(Cell(left + c, top - r, left + c + 1, top - r - 1, colour))
    corners_x, corners_y = [left, left + side, left + side, left], [top, top, top - side, top - side]
    frame = Polygon(corners_x, corners_y, Style(GRID, "", "", 1.0), name="frame")
    return [frame, Cells(cells)]


class _Colour:
    """How the pixels of a figure are coloured: grey by darkness, or diverging by weight."""

    __slots__ = ("diverging", "scale")

    def __init__(self, diverging: bool, scale: float) -> None:
        self.diverging, self.scale = diverging, scale

    def __call__(self, value: float) -> str:
        return weight_colour(value, self.scale) if self.diverging else _grey(value, self.scale)


def _grid(
    images: Sequence[Sequence[float]],
    captions: Sequence[Sequence[str]],
    colour_of: _Colour,
    title: str,
    columns: int,
    width: float,
    legend: Sequence[LegendEntry] = (),
) -> Figure:
    """Images in rows of ``columns``, each with its caption lines under it, laid out to ``width`` px."""
    if not images:
        raise PurennError("there are no images to draw")
    if len(captions) != len(images):
        raise PurennError(f"{len(images)} images need as many captions, got {len(captions)}")
    if not isinstance(columns, int) or columns < 1:
        raise PurennError(f"columns must be a whole number of at least 1, got {columns!r}")
    side = image_side(len(images[0]))
    if any(len(image) != side * side for image in images):
        raise ShapeError(f"every image needs {side * side} pixels, as the first one has")
    lines = max(len(caption) for caption in captions)
    across = min(columns, len(images))
    rows = -(-len(images) // across)
    step_x, step_y = side + GAP, side + GAP + CAPTION * lines
    marks: List[Mark] = []
    for index, (image, caption) in enumerate(zip(images, captions)):
        row, column = divmod(index, across)
        left, top = column * step_x, -row * step_y
        marks.extend(_image_marks(image, side, left, top, colour_of))
        for line, text in enumerate(caption):
            marks.append(Label(left + side / 2, top - side - CAPTION * (line + 0.5), text))
    x = LinearScale((-GAP / 2, across * step_x - GAP / 2))
    y = LinearScale((-rows * step_y + GAP / 2, GAP / 2))
    # the height follows from the width: one unit as many px across as up (paddings: figure.PADDING)
    per_unit = min(LARGEST_PIXEL, (width - 28.0) / (across * step_x))
    width = max(round(28.0 + per_unit * across * step_x), round(text_width(title, TITLE_SIZE) + 28.0), 240)
    chrome = 14.0 + (TITLE_SIZE + 10.0 if title else 0.0) + 8.0 + 14.0
    if legend:
        chrome += _legend_height(legend, width - 28.0) + 8.0
    height = round(chrome + per_unit * rows * step_y)
    plot = Plot(x, y, marks, title=title, legend=legend, axes=False, equal_aspect=True)
    return Figure.of(plot, width, height)


def _legend_height(legend: Sequence[LegendEntry], width: float) -> float:
    return draw_legend(legend, 0.0, 0.0, width)[1]


def digit_grid(
    X: Matrix,
    captions: Sequence[Union[str, Sequence[str]]],
    title: str = "",
    columns: int = 10,
    darkest: float = DIGITS_DARKEST,
    width: float = 800,
) -> Figure:
    """Every row of X as an image, in rows of ``columns``, each with its caption (a str or a few lines).

    Pixels are shaded from white (0) to near-black (``darkest``).
    """
    lines = [[caption] if isinstance(caption, str) else list(caption) for caption in captions]
    return _grid([row.tolist() for row in X], lines, _Colour(False, darkest), title, columns, width)


def example_digits(data: Dataset, per_class: int = 3, title: str = "") -> Figure:
    """The first ``per_class`` images of every class of ``data``, a column per class, each with its label.

    >>> from purenn.data.datasets import digits
    >>> example_digits(digits(), per_class=2)
    Figure(800 x 261)
    """
    labels = data.Y.argmax(axis=1)
    chosen = []
    for k in range(len(data.class_names)):
        rows = [i for i, label in enumerate(labels) if label == k][:per_class]
        chosen.append(rows)
    order = [rows[n] for n in range(per_class) for rows in chosen if n < len(rows)]
    return digit_grid(data.X.take(order), [data.class_names[labels[i]] for i in order],
                      title=title or f"{data.name}: the first {per_class} of every class",
                      columns=len(data.class_names))


class Mistake(NamedTuple):
    """One misread image: its row, its true class, the class the model gave it and that class's probability."""

    row: int
    true: int
    predicted: int
    probability: float


def find_mistakes(probabilities: Matrix, truth: Sequence[int]) -> List[Mistake]:
    """Every row whose most probable class is not its true class, the most confident mistake first.

    ``probabilities`` is (m, k), one row per image; ``truth`` the true class
    of each. Ties in confidence keep the rows' order.

    >>> find_mistakes(Matrix([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]]), [0, 0, 0])
    [Mistake(row=2, true=0, predicted=1, probability=0.8), Mistake(row=1, true=0, predicted=1, probability=0.6)]
    """
    if len(truth) != len(probabilities):
        raise ShapeError(f"find_mistakes needs a true class per row: {len(probabilities)} rows, {len(truth)} classes")
    found = []
    for row, (p, k) in enumerate(zip(probabilities, truth)):
        guess = p.argmax()
        if guess != k:
            found.append(Mistake(row, k, guess, p[guess]))
    return sorted(found, key=lambda mistake: -mistake.probability)


def digit_mistakes(
    model: Model,
    X: Matrix,
    Y: Matrix,
    class_names: Sequence[str],
    limit: int = 20,
    title: str = "",
    images: Optional[Matrix] = None,
) -> Figure:
    """The images the model gets wrong, the most confident mistakes first, at most ``limit`` of them.

    ``model`` takes X as it is (a trained model with its scaler, or a
    function that scales first); ``Y`` is one-hot. Under each image: its
    true label, the label the model read, and that label's probability p.
    ``images`` are the pixels to draw, when X is not (by default X itself).
    With no mistake at all, the figure says so.
    """
    drawn = X if images is None else images
    if len(drawn) != len(X) or len(Y) != len(X):
        raise ShapeError(f"X, Y and images need a row per image: got {len(X)}, {len(Y)} and {len(drawn)} rows")
    mistakes = find_mistakes(class_probabilities(model, X), Y.argmax(axis=1))
    shown = mistakes[:limit]
    heading = title or f"{len(mistakes)} of {len(X)} images misread"
    if len(shown) < len(mistakes):
        heading += f" (the {len(shown)} most confident)"
    if not shown:  # nothing to draw: one blank image says so
        side = image_side(X.shape[1])
        return _grid([[0.0] * side * side], [["no mistakes"]], _Colour(False, 1.0), heading, 1, 800)
    captions = [[f"true {class_names[m.true]}", f"read {class_names[m.predicted]}", f"p = {m.probability:.2f}"]
                for m in shown]
    return _grid([drawn[m.row].tolist() for m in shown], captions, _Colour(False, DIGITS_DARKEST), heading, 8, 800)


def weight_images(
    model: Union[MLP, TwoLayerNetwork, Matrix],
    title: str = "What each first-layer unit looks for",
    columns: int = 8,
    names: Sequence[str] = (),
) -> Figure:
    """Every unit of the first layer as an image of its incoming weights: W1's column j, pixel by pixel.

    ``model`` is a network or its first weight matrix W1 (n_pixels, units).
    A blue pixel raises the unit's input z where it is inked, a vermillion
    one lowers it; white is a weight of 0. One colour scale serves every
    unit, its strongest colour at the largest |w| of the layer. Each image
    is captioned with its name in ``names`` (default: "unit 0", "unit 1"...).

    >>> from purenn.nn.mlp import MLP
    >>> weight_images(MLP([64, 6, 10], seed=0))
    Figure(568 x 239)
    """
    W = model if isinstance(model, Matrix) else wiring(model).weights[0]
    largest = max(abs(w) for w in W.flat)
    units = [list(W.column(j)) for j in range(W.shape[1])]
    legend = [
        LegendEntry(f"positive, up to {largest:.2g}", Style(POSITIVE), "swatch"),
        LegendEntry(f"negative, down to {-largest:.2g}", Style(NEGATIVE), "swatch"),
        LegendEntry("zero", Style(PAPER), "swatch"),
    ]
    if names and len(names) != len(units):
        raise PurennError(f"names has {len(names)} names for {len(units)} units")
    captions = [[name] for name in names] if names else [[f"unit {j}"] for j in range(len(units))]
    return _grid(units, captions, _Colour(True, largest), title, columns, 800, legend)


# ----------------------------------------------------------------------- text


def digit_text(pixels: Sequence[float], unicode: bool = True, darkest: float = DIGITS_DARKEST) -> str:
    """One image as lines of text, each pixel two characters from blank to darkest (so the image is square).

    >>> print(digit_text([0, 4, 8, 16], darkest=16))
      ░░
    ▒▒██
    """
    return "\n".join(row.rstrip() for row in _text_rows(pixels, unicode, darkest))


def _text_rows(pixels: Sequence[float], unicode: bool, darkest: float) -> List[str]:
    shades = _UNICODE_SHADES if unicode else _ASCII_SHADES
    side = image_side(len(pixels))
    top = len(shades) - 1

    def shade(value: float) -> str:
        level = int(round(min(1.0, max(0.0, value / darkest)) * top))
        return shades[level] * 2

    return ["".join(shade(value) for value in pixels[r * side:(r + 1) * side]) for r in range(side)]


def digits_text(
    images: Sequence[Sequence[float]],
    captions: Sequence[str],
    unicode: bool = True,
    width: int = 80,
    darkest: float = DIGITS_DARKEST,
) -> str:
    """Several images side by side in text, as many as fit in ``width`` characters, each caption under its image.

    >>> print(digits_text([[16, 0, 0, 16], [0, 16, 16, 0]], ["a", "b"], unicode=False))
    ##      ##
      ##  ##
    a     b
    """
    if len(images) != len(captions):
        raise PurennError(f"{len(images)} images need as many captions, got {len(captions)}")
    blocks: List[Tuple[List[str], str]] = [(_text_rows(image, unicode, darkest), caption)
                                           for image, caption in zip(images, captions)]
    if not blocks:
        return ""
    cell = max(max(len(rows[0]) for rows, _ in blocks), max(len(caption) for caption in captions)) + 2
    per_line = max(1, width // cell)
    out: List[str] = []
    for start in range(0, len(blocks), per_line):
        group = blocks[start:start + per_line]
        for r in range(len(group[0][0])):
            out.append("".join(rows[r].ljust(cell) for rows, _ in group).rstrip())
        out.append("".join(caption.ljust(cell) for _, caption in group).rstrip())
    return "\n".join(out)
