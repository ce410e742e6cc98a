"""Every SVG figure parses as XML and holds what it should: a path per curve, a marker per data
point, a line per weight, tick labels at the expected round numbers, a legend entry per series,
and text that never overlaps and is large enough for a slide.

The helpers at the top read a figure back from its SVG text; the other plot tests use them too.
"""

import math
import os
import random
import re
import xml.etree.ElementTree as ET
from typing import List, NamedTuple, Tuple

import pytest

from purenn.data.datasets import sine, spirals, xor
from purenn.errors import PurennError
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import MLP
from purenn.nn.optim import SGD
from purenn.nn.network import TwoLayerNetwork
from purenn.nn.schedules import Constant, Cyclical, StepDecay
from purenn.nn.training import History, plateau_epoch
from purenn.plot import (
    Figure, activation_functions, decision_boundary, learning_rate_schedule, loss_curve, loss_curves,
    network_diagram, regression_fit, side_by_side,
)
from purenn.plot.style import text_width
from purenn.plot.ticks import MINUS

SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------ reading a figure back


def parse(figure: Figure) -> ET.Element:
    """The figure's SVG as an element tree (this fails if the text is not well-formed XML)."""
    root = ET.fromstring(figure.svg.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def by_class(root: ET.Element, name: str) -> List[ET.Element]:
    """Every element whose class attribute includes ``name``."""
    return [e for e in root.iter() if name in e.get("class", "").split()]


def texts(root: ET.Element, name: str) -> List[str]:
    return [e.text or "" for e in by_class(root, name)]


def tick_labels(root: ET.Element, axis: str) -> List[str]:
    """The tick labels of the first axis of that kind: "x-axis", "y-axis" or "right"."""
    axes = by_class(root, axis)
    return [e.text or "" for e in axes[0].iter(SVG + "text") if e.get("class") == "tick-label"]


SUPERSCRIPT = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"


def as_number(label: str) -> float:
    """A tick label read back as a number: −0.5 and 3, and 10⁻⁵ or −2×10⁶ too."""
    label = label.replace(MINUS, "-")
    exponent = "".join(c for c in label if c in SUPERSCRIPT)
    if not exponent:
        return float(label)
    base = label[: -len(exponent)]                   # "10", "-10", "2×10" or "-2×10"
    assert base.endswith("10"), label
    mantissa = base[:-2].rstrip("×")
    factor = float(mantissa) if mantissa not in ("", "-") else (-1.0 if mantissa == "-" else 1.0)
    return factor * 10.0 ** int(exponent.translate(str.maketrans(SUPERSCRIPT, "-0123456789")))


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float
    text: str

    def overlaps(self, other: "Box") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


def _translation(element: ET.Element) -> Tuple[float, float]:
    match = re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", element.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def text_boxes(root: ET.Element) -> List[Box]:
    """The extent of every text, from its font size and the same width estimate the layout uses.

    Height: from 0.8 em above the baseline to 0.25 em below it. An upright
    (rotated) title's box is turned around the point it is rotated about.
    """
    boxes = []

    def walk(element: ET.Element, dx: float, dy: float) -> None:
        tx, ty = _translation(element)
        dx, dy = dx + tx, dy + ty
        if element.tag == SVG + "text":
            size = float(element.get("font-size", "0"))
            x, y = float(element.get("x", "0")) + dx, float(element.get("y", "0")) + dy
            content = element.text or ""
            width = text_width(content, size)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor", "start")]
            box = Box(left, y - 0.8 * size, left + width, y + 0.25 * size, content)
            if "rotate" in element.get("transform", ""):
                cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
                half_w, half_h = (box.bottom - box.top) / 2, (box.right - box.left) / 2
                box = Box(cx - half_w, cy - half_h, cx + half_w, cy + half_h, content)
            boxes.append(box)
        for child in element:
            walk(child, dx, dy)

    walk(root, 0.0, 0.0)
    return boxes


def assert_readable(figure: Figure) -> None:
    """No two texts overlap, every text is inside the figure, and no font is below 14 px."""
    root = parse(figure)
    boxes = text_boxes(root)
    for i, a in enumerate(boxes):
        assert a.left >= -0.5 and a.right <= figure.width + 0.5, f"{a.text!r} sticks out sideways: {a}"
        assert a.top >= -0.5 and a.bottom <= figure.height + 0.5, f"{a.text!r} sticks out above or below: {a}"
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), f"{a.text!r} overlaps {b.text!r}: {a} and {b}"
    sizes = [float(e.get("font-size", "0")) for e in root.iter(SVG + "text")]
    assert sizes and min(sizes) >= 14, f"a font smaller than 14 px: {min(sizes)}"


# ------------------------------------------------------------------ fixtures


def _spirals_run() -> Tuple[MLP, History]:
    data = spirals(n_per_class=40)
    net = MLP([2, 12, 3], activation="tanh", output="softmax", seed=0)
    held = list(range(0, 120, 6))
    history = net.fit(data.X, data.Y, epochs=60, learning_rate=Cyclical(0.05, 0.2, half_cycle=8),
                      batch_size=30, optimizer=SGD(0.05, momentum=0.9), validation=(data.X.take(held), data.Y.take(held)))
    return net, history


@pytest.fixture(scope="module")
def spirals_run() -> Tuple[MLP, History]:
    return _spirals_run()


# ------------------------------------------------------------------ the loss curve


def test_loss_curve_of_a_list_has_one_path_and_round_ticks() -> None:
    losses = [1.0, 0.6, 0.4, 0.3, 0.25, 0.24, 0.24]
    figure = loss_curve(losses)
    root = parse(figure)
    assert len(by_class(root, "line")) == 1
    assert tick_labels(root, "x-axis") == ["0", "1", "2", "3", "4", "5", "6"]
    assert tick_labels(root, "y-axis") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert len(by_class(root, "legend-entry")) == 1
    assert by_class(root, "rule") == []  # seven epochs are too few to judge a plateau
    assert_readable(figure)


def test_loss_curve_marks_the_plateau_when_the_loss_levelled_off() -> None:
    losses = [0.1 + 0.9 * 0.97 ** epoch for epoch in range(500)]
    plateau = plateau_epoch(losses)
    assert plateau is not None
    rule_text = [e.text for e in by_class(parse(loss_curve(losses)), "rule")[0].iter(SVG + "text")]
    assert rule_text == [f"plateau: epoch {plateau}"]


def test_loss_curve_path_has_a_point_per_epoch_placed_by_the_scales() -> None:
    figure = loss_curve([4.0, 2.0, 1.0])
    root = parse(figure)
    steps = by_class(root, "line")[0].get("d", "").split(" L")
    assert len(steps) == 3
    xs = [float(step.lstrip("M").split(",")[0]) for step in steps]
    ys = [float(step.lstrip("M").split(",")[1]) for step in steps]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.02)       # equal epochs, equal steps
    assert ys[1] - ys[0] == pytest.approx(2 * (ys[2] - ys[1]), abs=0.05)  # linear: 4 -> 2 is twice 2 -> 1


def test_loss_curve_of_a_history_has_validation_and_the_learning_rate_on_a_second_axis(
    spirals_run: Tuple[MLP, History]
) -> None:
    _, history = spirals_run
    figure = loss_curve(history)
    root = parse(figure)
    assert len(by_class(root, "line")) == 3  # training, validation, learning rate
    entries = [" ".join(t for t in e.itertext() if t.strip()) for e in by_class(root, "legend-entry")]
    assert entries == ["training loss", "validation loss", "learning rate (right axis)"]
    right = [as_number(label) for label in tick_labels(root, "right")]
    assert right[0] == 0.0 and right[-1] >= max(history.learning_rates)
    assert_readable(figure)


def test_a_constant_learning_rate_gets_no_second_axis() -> None:
    net = MLP([2, 4, 1], activation="tanh", seed=0)
    data = xor()
    history = net.fit(data.X, data.Y, epochs=30, learning_rate=Constant(0.5))
    root = parse(loss_curve(history))
    assert by_class(root, "right") == []
    assert len(by_class(root, "line")) == 1


def test_log_scale_ticks_are_powers_or_one_two_five() -> None:
    figure = loss_curve([3.0 * 0.5 ** epoch for epoch in range(12)], log=True)  # 3 down to 0.0015
    labels = [as_number(label) for label in tick_labels(parse(figure), "y-axis")]
    assert labels == [0.001, 0.01, 0.1, 1.0, 10.0]
    narrow = [as_number(label) for label in tick_labels(parse(loss_curve([1.1, 0.5, 0.09], log=True)), "y-axis")]
    assert narrow == [0.05, 0.1, 0.2, 0.5, 1.0, 2.0]
    with pytest.raises(PurennError, match="log scale cannot show a loss of 0"):
        loss_curve([1.0, 0.0], log=True)


def test_early_stopping_marks_the_kept_epoch() -> None:
    history = History(loss=[1.0, 0.5, 0.4, 0.39, 0.38], validation_loss=[1.0, 0.6, 0.55, 0.6, 0.7],
                      best_epoch=2, stopped_early=True)
    root = parse(loss_curve(history))
    labels = [e.text for rule in by_class(root, "rule") for e in rule.iter(SVG + "text")]
    assert "kept: epoch 2" in labels


def test_loss_curves_compare_runs_with_a_path_and_a_legend_entry_each() -> None:
    runs = {"constant": [1.0, 0.7, 0.5], "cyclical": [1.0, 0.6, 0.4, 0.3], "step": [0.9, 0.8, 0.6]}
    figure = loss_curves(runs)
    root = parse(figure)
    assert len(by_class(root, "line")) == 3
    assert [" ".join(e.itertext()).strip() for e in by_class(root, "legend-entry")] == list(runs)
    dashes = [e.get("stroke-dasharray") for e in by_class(root, "line")]
    assert len(set(dashes)) == 3, "each run needs its own dash pattern, to read without colour"
    assert_readable(figure)


def test_loss_curves_name_their_axis_by_the_loss_drawn() -> None:
    both = {"training": [1.0, 0.5], "test": [1.1, 0.7]}
    assert ">training loss</text>" in loss_curves(both).svg  # the default: training losses
    figure = loss_curves(both, y_title="loss", log=True)
    assert ">loss (log scale)</text>" in figure.svg and "training loss" not in figure.svg


# ------------------------------------------------------------------ the other figures


def test_decision_boundary_has_a_marker_per_row_filled_for_training_and_hollow_for_test() -> None:
    data = spirals(n_per_class=20)
    net = MLP([2, 6, 3], activation="tanh", output="softmax", seed=1)
    X_train, X_test = data.X.take(list(range(0, 60, 2))), data.X.take(list(range(1, 60, 2)))
    Y_train, Y_test = data.Y.take(list(range(0, 60, 2))), data.Y.take(list(range(1, 60, 2)))
    figure = decision_boundary(net, X_train, Y_train, X_test=X_test, Y_test=Y_test, class_names=data.class_names, resolution=30)
    root = parse(figure)
    points = by_class(root, "point")
    assert len(points) == 60
    assert sum(1 for p in points if p.get("fill") == "#FFFFFF") == 30  # the test rows are hollow
    shapes = {p.tag for p in points}
    assert shapes == {SVG + "circle", SVG + "rect", SVG + "polygon"}  # a shape per class, not colour alone
    entries = [" ".join(e.itertext()).strip() for e in by_class(root, "legend-entry")]
    assert entries == ["arm_0", "arm_1", "arm_2", "training", "test", "pale: unsure"]
    assert_readable(figure)


def test_decision_boundary_needs_two_columns() -> None:
    with pytest.raises(PurennError, match=r"X must have 2 columns, got \(4, 3\)"):
        decision_boundary(MLP([3, 1]), Matrix.zeros(4, 3), [0, 1, 0, 1])


@pytest.mark.parametrize("model", [MLP([2, 16, 8, 3], activation="leaky_relu", output="softmax"),
                                   TwoLayerNetwork(2, 4, n_outputs=2)], ids=["MLP", "TwoLayerNetwork"])
def test_network_diagram_has_a_line_per_weight_and_labels_per_layer(model: object) -> None:
    assert isinstance(model, (MLP, TwoLayerNetwork))
    figure = network_diagram(model, feature_names=["x1", "x2"])
    root = parse(figure)
    weights = [W for W in model.parameters().values() if isinstance(W, Matrix)]
    lines = by_class(root, "weights")[0].findall(SVG + "line")
    assert len(lines) == sum(W.shape[0] * W.shape[1] for W in weights)
    values = [w for W in weights for row in W for w in row]
    for line, w in zip(lines, values):  # the order of W1 row by row, then W2 ...
        assert (line.get("stroke-dasharray") is None) == (w >= 0), "negative weights are dashed"
    widest = max(values, key=abs)
    assert float(lines[values.index(widest)].get("stroke-width", "0")) == 6.0
    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    assert len(by_class(root, "points")) == len(sizes)  # a column of nodes per layer
    assert sum(len(column) for column in by_class(root, "points")) == sum(sizes)
    labels = texts(root, "label")
    assert f"{sizes[0]} inputs" in labels and f"{sizes[-1]} outputs" in labels
    assert ("sigmoid" in labels) if isinstance(model, TwoLayerNetwork) else ("leaky_relu" in labels)
    assert_readable(figure)


def test_activation_functions_draw_each_function_and_its_derivative() -> None:
    figure = activation_functions()
    root = parse(figure)
    assert len(by_class(root, "line")) == 8  # four activations, each φ and φ'
    assert texts(root, "title") == ["sigmoid", "tanh", "relu", "leaky_relu"]
    assert_readable(figure)
    sigmoid_axis = [as_number(label) for label in tick_labels(root, "y-axis")]
    assert sigmoid_axis == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_learning_rate_schedule_has_ticks_at_round_numbers() -> None:
    figure = learning_rate_schedule(StepDecay(0.4, factor=0.5, every=25), updates=100)
    root = parse(figure)
    assert len(by_class(root, "line")) == 1
    assert by_class(root, "line")[0].get("d", "").count("L") == 99
    assert tick_labels(root, "x-axis") == ["0", "20", "40", "60", "80", "100"]
    assert [as_number(label) for label in tick_labels(root, "y-axis")] == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert_readable(figure)


def test_regression_fit_has_every_point_the_curve_and_the_line() -> None:
    data = sine(n_samples=50)
    net = MLP([1, 8, 1], activation="tanh", output="identity", seed=0)
    net.fit(data.X, data.Y, epochs=20, learning_rate=0.05)
    figure = regression_fit(net, data.X, data.Y)
    root = parse(figure)
    assert len(by_class(root, "point")) == 50
    assert len(by_class(root, "line")) == 2
    assert tick_labels(root, "x-axis") == [f"{MINUS}3", f"{MINUS}2", f"{MINUS}1", "0", "1", "2", "3"]
    assert_readable(figure)


# ------------------------------------------------------------------ ticks and labels, widely


def test_tick_labels_never_overlap_on_any_range() -> None:
    rng = random.Random(7)
    for _ in range(60):
        scale = 10 ** rng.uniform(-4, 5)
        low = rng.uniform(-1, 1) * scale
        high = low + rng.uniform(0.001, 3) * scale
        width = rng.choice([400, 800])
        figure = loss_curves({"a": [low, high, (low + high) / 2]}, width=width, height=rng.choice([300, 500]))
        assert_readable(figure)
        for axis in ("x-axis", "y-axis"):
            values = [as_number(label) for label in tick_labels(parse(figure), axis)]
            steps = {round(b - a, 12) for a, b in zip(values, values[1:])}
            assert len(steps) <= 1 or max(steps) - min(steps) <= 1e-9 * max(abs(v) for v in values), values
            step = steps.pop()
            mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
            assert round(mantissa, 6) in (1.0, 2.0, 5.0), f"step {step} is not 1, 2 or 5 x 10^k"


# ------------------------------------------------------------------ the figure value


def test_figure_text_is_the_same_on_every_run(spirals_run: Tuple[MLP, History]) -> None:
    net, history = spirals_run
    assert loss_curve(history).svg == loss_curve(history).svg
    assert network_diagram(net).svg == network_diagram(net).svg


def test_repr_svg_is_the_svg_and_the_repr_is_short() -> None:
    figure = loss_curve([1.0, 0.5])
    assert figure._repr_svg_() == figure.svg
    assert repr(figure) == "Figure(800 x 500)"


def test_save_writes_the_svg_and_leaves_no_temporary_file(tmp_path: "os.PathLike[str]") -> None:
    figure = loss_curve([1.0, 0.5])
    path = os.path.join(os.fspath(tmp_path), "loss.svg")
    figure.save(path)
    with open(path, encoding="utf-8") as file:
        assert file.read() == figure.svg
    assert os.listdir(os.fspath(tmp_path)) == ["loss.svg"]
    with pytest.raises(OSError):
        figure.save(os.path.join(os.fspath(tmp_path), "missing", "loss.svg"))
    assert os.listdir(os.fspath(tmp_path)) == ["loss.svg"]


def test_text_is_escaped() -> None:
    figure = loss_curves({"<b> & 'c'": [1.0, 0.5]}, title='a "quoted" <title>')
    root = parse(figure)
    assert texts(root, "title") == ['a "quoted" <title>']


def test_side_by_side_keeps_every_figure() -> None:
    figures = [loss_curve([1.0, 0.5]), loss_curve([2.0, 1.0]), loss_curve([3.0, 1.0])]
    combined = side_by_side(figures, columns=2)
    assert (combined.width, combined.height) == (1600, 1000)
    assert len(by_class(parse(combined), "line")) == 3
    assert_readable(combined)


def test_a_long_cyclical_schedule_is_readable() -> None:
    figure = learning_rate_schedule(Cyclical(0.001, 0.1, half_cycle=50), updates=400)
    assert_readable(figure)
    assert tick_labels(parse(figure), "x-axis") == ["0", "100", "200", "300", "400"]


def test_a_wide_network_keeps_its_labels_inside_and_apart() -> None:
    figure = network_diagram(MLP([30, 64, 2], output="softmax"), feature_names=[f"feature_{i}" for i in range(30)])
    root = parse(figure)
    assert len(by_class(root, "weights")[0]) == 30 * 64 + 64 * 2
    assert "feature_0" not in texts(root, "label")  # 30 names would not fit beside 30 nodes
    assert_readable(figure)


# ------------------------------------------------------ one calling convention

FIGURES = {
    # the figure: the data it draws, positional and in this order; everything else is keyword-only
    "activation_functions": ["names"],
    "decision_boundary": ["model", "X", "Y"],
    "learning_rate_schedule": ["schedule", "updates"],
    "linear_map": ["A"],
    "loss_curve": ["run"],
    "loss_curves": ["runs"],
    "network_diagram": ["model"],
    "regression_fit": ["model", "X", "Y"],
}


def test_every_figure_takes_its_data_first_and_the_rest_by_name() -> None:
    import inspect

    import purenn.plot

    figures = [name for name in purenn.plot.__all__ if name in FIGURES]
    assert sorted(figures) == sorted(FIGURES), "a new figure: add it to FIGURES with its data arguments"
    for name, data in FIGURES.items():
        parameters = inspect.signature(getattr(purenn.plot, name)).parameters
        positional = [p.name for p in parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        assert positional == data, f"{name} takes {positional} by position"
        assert {"width", "height"} <= set(parameters), f"{name} has no width and height"
        title = parameters.get("title")
        assert title is None or title.default is None or title.default, f"{name}'s default title is empty"
        # one name for one thing: the inputs' names are feature_names wherever a figure takes them
        assert not {"input_names", "names"} & (set(parameters) - set(data)), f"{name} names its inputs differently"
