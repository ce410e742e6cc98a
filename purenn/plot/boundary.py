"""The decision boundary: which class a classifier gives every point of the plane, with the data on top.

The plane around the data is cut into a grid of cells. The model classifies
each cell's centre, and the cell is shaded in a pale tint of that class's
colour: palest where the model is unsure (the predicted class's probability
below 0.7), darker where it is sure (0.9 or more). The lines where the
shading changes hue are the decision boundaries. The data points go on
top: each class its own colour and marker shape, training rows filled,
test rows hollow.

Neighbouring cells of one colour in a row are drawn as one rectangle, so a
grid of 80 x 80 cells makes a file of a few hundred rectangles, not 6,400.

>>> from purenn.data.datasets import xor
>>> from purenn.nn.mlp import MLP
>>> data = xor()
>>> net = MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
>>> _ = net.fit(data.X, data.Y, epochs=500, learning_rate=0.5)
>>> figure = decision_boundary(net, data.X, data.Y, resolution=20)
>>> figure.svg.count('class="point"')
4
"""

from typing import List, Optional, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.metrics import labels as output_classes
from purenn.plot.figure import Figure, Plot
from purenn.plot.legend import LegendEntry
from purenn.plot.marks import Cell, Cells, Mark, Points
from purenn.plot.models import Model, model_outputs, probabilities_from_outputs
from purenn.plot.scales import LinearScale, padded
from purenn.plot.style import INK, PALETTE, SHAPES, Style, mix

__all__ = ["SURE", "TINTS", "class_style", "decision_boundary", "region_colour"]

Labels = Union[Matrix, Sequence[int]]
"""Classes as a one-hot Matrix (m, k), a 0/1 column (m, 1), or a list of class numbers."""

TINTS = (0.6, 0.75, 0.88)
"""How far towards white a region's colour is mixed: sure, fairly sure, unsure."""

SURE = (0.9, 0.7)
"""A cell is "sure" from a probability of 0.9 for its class, "fairly sure" from 0.7, else "unsure"."""

PADDING = 0.05
"""The shaded plane reaches this share of the data's spread beyond the outermost points."""


def class_style(k: int) -> Style:
    """The colour and marker shape of class k (the k-th of the palette, and of the shapes)."""
    return Style(PALETTE[k % len(PALETTE)], "", SHAPES[k % len(SHAPES)])


def region_colour(k: int, probability: float) -> str:
    """The shade of a cell predicted as class k with that ``probability``.

    >>> region_colour(0, 0.95), region_colour(0, 0.5)
    ('#99C7E0', '#E0EEF6')
    """
    tint = TINTS[0] if probability >= SURE[0] else TINTS[1] if probability >= SURE[1] else TINTS[2]
    return mix(class_style(k).colour, "#FFFFFF", tint)


def _labels(Y: Labels, m: int, name: str) -> List[int]:
    """Class numbers from one-hot rows, a 0/1 column, or a list of class numbers; one per row of X."""
    if isinstance(Y, Matrix):
        labels = [round(y) for y in Y.column(0)] if Y.shape[1] == 1 else list(Y.argmax(axis=1))
    else:
        labels = [int(label) for label in Y]
    if len(labels) != m:
        raise ShapeError(f"{name} has {len(labels)} rows but its inputs have {m}: one class per row")
    if any(label < 0 for label in labels):
        raise PurennError(f"{name} holds a negative class number; classes count from 0")
    return labels


def _cells(model: Model, x: LinearScale, y: LinearScale, resolution: int) -> List[Cell]:
    """The grid's cells shaded by the model's class at their centres, runs of one colour merged."""
    (x0, x1), (y0, y1) = x.domain, y.domain
    dx, dy = (x1 - x0) / resolution, (y1 - y0) / resolution
    centres = Matrix([[x0 + (i + 0.5) * dx, y0 + (j + 0.5) * dy] for j in range(resolution) for i in range(resolution)])
    output = model_outputs(model, centres)                     # (resolution², o): one run of the network
    classes = output_classes(output)  # the class each output means, by the rule of every predict
    probabilities = probabilities_from_outputs(output)
    colours = [region_colour(k, probabilities[row][k]) for row, k in enumerate(classes)]
    cells = []
    for j in range(resolution):
        row = colours[j * resolution:(j + 1) * resolution]
        start = 0
        for i in range(1, resolution + 1):
            if i == resolution or row[i] != row[start]:
                cells.append(Cell(x0 + start * dx, y0 + j * dy, x0 + i * dx, y0 + (j + 1) * dy, row[start]))
                start = i
    return cells


def decision_boundary(
    model: Model,
    X: Matrix,
    Y: Labels,
    *,
    X_test: Optional[Matrix] = None,
    Y_test: Optional[Labels] = None,
    class_names: Sequence[str] = (),
    feature_names: Tuple[str, str] = ("x1", "x2"),
    resolution: int = 80,
    title: str = "Decision boundary",
    width: float = 800,
    height: float = 640,
) -> Figure:
    """The plane shaded by the class ``model`` gives each point, with the rows X (and X_test) on top.

    ``model`` is an MLP, a TwoLayerNetwork or a function from inputs to
    outputs (see ``purenn.plot.models``); X (m, 2) holds two features per
    row, Y their classes. The grid has ``resolution`` cells along each axis.

    Raises ShapeError when X does not have two columns (a plane has two
    coordinates) or Y does not have one class per row.
    """
    if X.shape[1] != 2:
        raise ShapeError(f"a decision boundary is drawn in the plane: X must have 2 columns, got {X.shape}")
    if not isinstance(resolution, int) or resolution < 2:
        raise PurennError(f"resolution must be a whole number of cells, at least 2, got {resolution!r}")
    parts = [(X, _labels(Y, X.shape[0], "Y"), True)]
    if X_test is not None and Y_test is not None:
        if X_test.shape[1] != 2:
            raise ShapeError(f"X_test must have 2 columns like X, got {X_test.shape}")
        parts.append((X_test, _labels(Y_test, X_test.shape[0], "Y_test"), False))
    everything = [row for inputs, _, _ in parts for row in inputs]
    x = LinearScale(padded([r[0] for r in everything], PADDING))
    y = LinearScale(padded([r[1] for r in everything], PADDING))
    marks: List[Mark] = [Cells(_cells(model, x, y, resolution))]
    n_classes = max([len(class_names), 2] + [label + 1 for _, labels, _ in parts for label in labels])
    radius = 5.0 if len(everything) <= 400 else 3.5
    for inputs, labels, filled in parts:
        for k in range(n_classes):
            rows = [row for row, label in zip(inputs, labels) if label == k]
            if rows:
                marks.append(Points([r[0] for r in rows], [r[1] for r in rows], class_style(k), filled, radius))
    names = list(class_names) or [f"class {k}" for k in range(n_classes)]
    legend = [LegendEntry(names[k], class_style(k), "point") for k in range(n_classes)]
    neutral = Style(mix(INK, "#FFFFFF", 0.3))
    legend.append(LegendEntry("training", neutral, "point"))
    if len(parts) > 1:
        legend.append(LegendEntry("test", neutral, "hollow"))
    legend.append(LegendEntry("pale: unsure", Style(mix(INK, "#FFFFFF", TINTS[2])), "swatch"))
    plot = Plot(x, y, marks, feature_names[0], feature_names[1], title, legend)
    return Figure.of(plot, width, height)
