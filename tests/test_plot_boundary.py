"""The decision boundary's shading agrees with the model's own ``predict``.

The test reads the figure as a viewer would: it recovers the pixel <-> data
mapping from the axes' tick marks and labels, finds the centres of sampled
grid cells, asks the model's ``predict`` for the class there, and checks the
colour of the rectangle drawn under that pixel is a shade of that class.
"""

import random
import xml.etree.ElementTree as ET
from typing import Callable, List, Tuple

import pytest

from purenn.app.pipeline import TrainConfig, train_model
from purenn.data.datasets import Dataset, moons, spirals, xor
from purenn.linalg.matrix import Matrix
from purenn.nn.optim import SGD
from purenn.nn.mlp import MLP
from purenn.nn.network import TwoLayerNetwork
from purenn.plot import decision_boundary
from purenn.plot.boundary import region_colour
from tests.test_plot_figures import SVG, as_number, by_class, parse

RESOLUTION = 40
SAMPLES = 150


def _axis_map(axis: ET.Element, coordinate: str) -> Callable[[float], float]:
    """pixel -> data along one axis, from its first and last tick mark and label."""
    marks = axis.findall(SVG + "line")[1:]  # the first line is the axis itself
    labels = [as_number(e.text or "") for e in axis.iter(SVG + "text") if e.get("class") == "tick-label"]
    p0, p1 = float(marks[0].get(coordinate, "0")), float(marks[-1].get(coordinate, "0"))
    v0, v1 = labels[0], labels[-1]
    return lambda pixel: v0 + (pixel - p0) * (v1 - v0) / (p1 - p0)


def _sampled_cells(root: ET.Element, seed: int) -> List[Tuple[Tuple[float, float], str]]:
    """Centres of sampled grid cells, in data units, with the fill of the rectangle under each."""
    to_x = _axis_map(by_class(root, "x-axis")[0], "x1")
    to_y = _axis_map(by_class(root, "y-axis")[0], "y1")
    rects = [(float(r.get("x", "0")), float(r.get("y", "0")), float(r.get("width", "0")),
              float(r.get("height", "0")), r.get("fill", "")) for r in by_class(root, "cells")[0]]
    left, top = min(r[0] for r in rects), min(r[1] for r in rects)
    right, bottom = max(r[0] + r[2] for r in rects), max(r[1] + r[3] for r in rects)
    rng = random.Random(seed)
    found = []
    for _ in range(SAMPLES):
        i, j = rng.randrange(RESOLUTION), rng.randrange(RESOLUTION)
        px = left + (i + 0.5) * (right - left) / RESOLUTION
        py = top + (j + 0.5) * (bottom - top) / RESOLUTION
        under = [fill for x, y, w, h, fill in rects if x <= px <= x + w and y <= py <= y + h]
        assert len(under) == 1, f"pixel ({px}, {py}) is under {len(under)} cells"
        found.append(((to_x(px), to_y(py)), under[0]))
    return found


def _shades(k: int) -> List[str]:
    return [region_colour(k, p) for p in (1.0, 0.8, 0.5)]


def _check(root: ET.Element, predict: Callable[[Matrix], List[int]], seed: int = 0) -> None:
    cells = _sampled_cells(root, seed)
    classes = predict(Matrix([list(centre) for centre, _ in cells]))
    assert len(set(classes)) >= 2, "the sample should see more than one class"
    for (centre, fill), k in zip(cells, classes):
        assert fill in _shades(k), f"at {centre} predict says class {k}, but the cell is {fill}"


@pytest.mark.parametrize("data, output", [(spirals(n_per_class=30), "softmax"), (moons(n_samples=60), "sigmoid")],
                         ids=["softmax MLP, spirals", "sigmoid MLP, moons"])
def test_mlp(data: Dataset, output: str) -> None:
    net = MLP([2, 12, data.Y.shape[1]], activation="tanh", output=output, seed=0)
    net.fit(data.X, data.Y, epochs=40, batch_size=15, optimizer=SGD(0.1, momentum=0.9))
    root = parse(decision_boundary(net, data.X, data.Y, resolution=RESOLUTION))
    _check(root, lambda X: list(net.predict(X)))


def test_the_articles_network_on_xor() -> None:
    data = xor()
    net = TwoLayerNetwork(2, 4, seed=1)
    net.fit(data.X, data.Y, epochs=1500, learning_rate=2.0)
    root = parse(decision_boundary(net, data.X, data.Y, resolution=RESOLUTION))
    _check(root, net.predict)


def test_a_trained_model_with_its_scaler_as_the_command_line_draws_it() -> None:
    data = moons(n_samples=80)
    result = train_model(data, TrainConfig(layers=(8,), activation="tanh", epochs=30, learning_rate=0.1))
    model, train = result.model, result.parts.train
    root = parse(decision_boundary(model.outputs, train.X, train.Y, resolution=RESOLUTION))
    _check(root, lambda X: [model.class_names.index(name) for name in model.predict(X).classes])


@pytest.mark.parametrize("resolution", [2, 7])
def test_cells_tile_the_plot_area_without_gaps(resolution: int) -> None:
    data = xor()
    root = parse(decision_boundary(MLP([2, 3, 1], seed=0), data.X, data.Y, resolution=resolution))
    rects = [(float(r.get("width", "0")), float(r.get("height", "0"))) for r in by_class(root, "cells")[0]]
    heights = {round(h, 1) for _, h in rects}
    assert len(heights) == 1
    area = sum(w * h for w, h in rects)
    x_axis = by_class(root, "x-axis")[0].findall(SVG + "line")[0]
    y_axis = by_class(root, "y-axis")[0].findall(SVG + "line")[0]
    width = float(x_axis.get("x2", "0")) - float(x_axis.get("x1", "0"))
    height = float(y_axis.get("y1", "0")) - float(y_axis.get("y2", "0"))
    assert area == pytest.approx(width * height, rel=1e-3)
