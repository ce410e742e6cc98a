"""The network diagram: layers as columns of nodes, and every weight a line between two of them.

Column 0 holds the inputs, the last column the outputs. The weight W[l][i][j]
(from unit i of one layer to unit j of the next) is a line whose width grows
with |w| (the largest weight of the network gets the widest line) and whose
colour and dash show its sign: blue and solid for positive, vermillion and
dashed for negative. Under each column: how many units it has and what
they compute.

>>> from purenn.nn.mlp import MLP
>>> figure = network_diagram(MLP([2, 3, 1], activation="tanh", seed=0))
>>> import xml.etree.ElementTree as ET
>>> svg = ET.fromstring(figure.svg)
>>> len(svg.findall(".//{http://www.w3.org/2000/svg}g[@class='weights']/*"))  # one line per weight: 2·3 + 3·1
9
"""

from typing import List, Sequence, Union

from purenn.errors import PurennError
from purenn.nn.mlp import MLP
from purenn.nn.network import TwoLayerNetwork
from purenn.plot.figure import PADDING, Figure, Plot
from purenn.plot.legend import LegendEntry
from purenn.plot.marks import Label, Mark, Points, Segment, Segments
from purenn.plot.models import wiring
from purenn.plot.scales import LinearScale
from purenn.plot.style import INK, LABEL_SIZE, NEGATIVE, POSITIVE, TICK_SIZE, Style, text_width

__all__ = ["NEGATIVE_DASH", "edge_width", "network_diagram"]

NEGATIVE_DASH = "7 4"
"""The dash pattern of a negative weight's line."""

WIDEST = 6.0
"""The width in px of the line of the largest weight; the others are narrower in proportion."""

NARROWEST = 0.6
"""The width in px of a weight near zero: thin, but still there."""

NODE_STYLE = Style(INK, "", "circle", 2.0)

CHROME = 120.0
"""About how many px of a figure's height its title, legend and paddings take."""

UNDER = 70.0
"""The px below the lowest node for the two lines that describe each column."""


def edge_width(weight: float, largest: float) -> float:
    """The line width of ``weight`` when the largest |weight| of the network is ``largest``.

    >>> edge_width(-2.0, 4.0)
    3.3
    """
    share = abs(weight) / largest if largest > 0.0 else 0.0
    return round(NARROWEST + (WIDEST - NARROWEST) * share, 2)


def _column_positions(n: int) -> List[float]:
    """n nodes one unit apart, centred on 0 (the top node first)."""
    return [(n - 1) / 2 - i for i in range(n)]


def _layer_text(index: int, size: int, last: int, activation: str) -> List[str]:
    if index == 0:
        return [f"{size} input{'s' if size != 1 else ''}"]
    if index == last:
        return [f"{size} output{'s' if size != 1 else ''}", activation]
    return [f"{size} hidden", activation]


def network_diagram(
    model: Union[MLP, TwoLayerNetwork],
    *,
    feature_names: Sequence[str] = (),
    output_names: Sequence[str] = (),
    title: str = "The network's weights",
    width: float = 800,
    height: float = 560,
) -> Figure:
    """Every weight of ``model`` (an MLP or a TwoLayerNetwork) as a line between two nodes.

    ``feature_names`` and ``output_names``, when given, label the first and
    last columns' nodes (unless the nodes stand too close for a line of text each).
    """
    weights, activations = wiring(model)
    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    for names, size, which in ((feature_names, sizes[0], "feature_names"), (output_names, sizes[-1], "output_names")):
        if names and len(names) != size:
            raise PurennError(f"{which} has {len(names)} names for {size} nodes")
    largest = max(abs(w) for W in weights for row in W for w in row)
    tallest = max(sizes)
    columns = [_column_positions(size) for size in sizes]
    edges = []
    for layer, W in enumerate(weights):
        for i, row in enumerate(W):
            for j, w in enumerate(row):
                edges.append(Segment(
                    layer, columns[layer][i], layer + 1, columns[layer + 1][j],
                    POSITIVE if w >= 0.0 else NEGATIVE, edge_width(w, largest),
                    "" if w >= 0.0 else NEGATIVE_DASH, 0.45 + 0.55 * (abs(w) / largest if largest else 0.0),
                ))
    marks: List[Mark] = [Segments(edges, "weights")]
    # the nodes' spacing and size follow from the height left for them
    area = height - CHROME                                       # px, about, for the nodes and their labels
    unit = (area - UNDER) / tallest                              # px between two neighbouring nodes
    radius = max(3.0, min(14.0, 0.35 * unit))
    for layer, positions in enumerate(columns):
        marks.append(Points([layer] * len(positions), positions, NODE_STYLE, filled=False, radius=radius))
    lowest = -(tallest - 1) / 2 - 0.5                            # half a step below the lowest node
    last = len(sizes) - 1
    for layer, size in enumerate(sizes):
        for line, text in enumerate(_layer_text(layer, size, last, activations[layer - 1] if layer else "")):
            marks.append(Label(layer, lowest, text, LABEL_SIZE if line == 0 else TICK_SIZE, dy=22 + 22 * line))
    beside = radius + 8                                          # px from a node's centre to its name
    if unit < TICK_SIZE + 4:  # nodes too close together for a name each: leave the names out
        feature_names, output_names = (), ()
    for names, layer, anchor, sign in ((feature_names, 0, "end", -1), (output_names, last, "start", 1)):
        for name, position in zip(names, columns[layer]):
            marks.append(Label(layer, position, name, TICK_SIZE, anchor, dx=sign * beside))
    longest = max([text_width(name, TICK_SIZE) for name in list(feature_names) + list(output_names)] + [0.0])
    column_labels = [_layer_text(0, sizes[0], last, "")[0], _layer_text(last, sizes[-1], last, "")[0]]
    side = max([40.0, beside + longest + 6] + [text_width(text, LABEL_SIZE) / 2 + 4 for text in column_labels])
    across = width - 2 * PADDING                                 # px between the panel's paddings
    margin = side * max(last, 1) / max(across - 2 * side, 1.0)  # data units with `side` px each side
    legend = [
        LegendEntry("positive weight", Style(POSITIVE, "", "circle", 3.0)),
        LegendEntry("negative weight", Style(NEGATIVE, NEGATIVE_DASH, "circle", 3.0)),
        LegendEntry(f"widest line: |w| = {largest:.3g}", Style(INK, "", "circle", WIDEST), "line"),
    ]
    x = LinearScale((-margin, last + margin))
    y = LinearScale((lowest - UNDER / unit, (tallest - 1) / 2 + 0.5))
    return Figure.of(Plot(x, y, marks, title=title, legend=legend, axes=False), width, height)
