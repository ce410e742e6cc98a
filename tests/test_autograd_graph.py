"""The computation graph drawn: the SVG figure (every node, edge and operation) and the text listing."""

import xml.etree.ElementTree as ET
from typing import List, Tuple

import pytest

from purenn.autograd import Value, graph_nodes
from purenn.autograd.nn import MLP, binary_cross_entropy
from purenn.errors import PurennError
from purenn.plot import graph_figure, graph_text
from purenn.plot.graph import LIMIT, expression, node_names

SVG = "{http://www.w3.org/2000/svg}"


def neuron() -> Value:
    x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
    y = (x * w + b).tanh()
    y.label = "y"
    y.backward()
    return y


def texts(svg: str) -> List[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(SVG + "text")]


def test_every_node_is_a_box_with_its_data_grad_and_name() -> None:
    svg = ET.fromstring(graph_figure(neuron()).svg)
    assert len(svg.findall(f".//{SVG}polygon[@class='node']")) == 6
    assert len(svg.findall(f".//{SVG}polygon[@class='operation']")) == 3  # *, + and tanh
    # an arrow from each input into its operation, and one from each operation into its node
    assert len(svg.findall(f".//{SVG}g[@class='edge']")) == 2 + 2 + 1 + 3
    shown = texts(graph_figure(neuron()).svg)
    for expected in ["data 0.4621", "grad 1", "data -3", "grad 1.573", "grad -2.359", "*", "+", "tanh",
                     "x", "w", "b", "y"]:
        assert expected in shown, expected
    assert "left out" not in " ".join(shown)


def test_the_figure_is_the_same_text_every_time_and_shows_inline() -> None:
    figure = graph_figure(neuron())
    assert figure.svg == graph_figure(neuron()).svg
    assert figure._repr_svg_() == figure.svg
    assert "−" in texts(graph_figure(Value(1.0) - Value(2.0)).svg)


def test_a_large_graph_is_summarised_and_says_how_many_nodes_it_left_out() -> None:
    model = MLP([4, 4, 1], activation="sigmoid", seed=0)
    loss = binary_cross_entropy([model([1.0, 0.0, 1.0, 1.0])], [[1.0]])
    loss.backward()
    total = len(graph_nodes(loss))
    svg = graph_figure(loss).svg
    root = ET.fromstring(svg)
    assert len(root.findall(f".//{SVG}polygon[@class='node']")) == LIMIT
    title = texts(svg)[0]
    assert title == f"The computation graph: the {LIMIT} nodes nearest the output ({total - LIMIT} of {total} left out)"
    assert root.findall(f".//{SVG}g[@class='left-out']"), "a node whose inputs were not drawn gets a dashed arrow"
    assert "inputs not drawn" in texts(svg)
    assert len(ET.fromstring(graph_figure(loss, limit=5).svg).findall(f".//{SVG}polygon[@class='node']")) == 5


Box = Tuple[float, float, float, float]
Segment = Tuple[float, float, float, float]


def boxes_and_segments(svg: str) -> Tuple[List[Box], List[Segment]]:
    """The node boxes (left, top, right, bottom) and every straight piece of every edge, in px."""
    root = ET.fromstring(svg)
    boxes = []
    for polygon in root.iter(SVG + "polygon"):
        if polygon.get("class") == "node":
            xs = [float(p.split(",")[0]) for p in polygon.get("points", "").split()]
            ys = [float(p.split(",")[1]) for p in polygon.get("points", "").split()]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    segments = []
    for group in root.iter(SVG + "g"):
        if group.get("class") == "edge":
            line = group.find(SVG + "line")
            assert line is not None
            x1, y1, x2, y2 = (float(line.get(k, "nan")) for k in ("x1", "y1", "x2", "y2"))
            segments.append((x1, y1, x2, y2))
    for path in root.iter(SVG + "path"):
        if path.get("class") == "line":
            points = [step.split(",") for step in path.get("d", "")[1:].split(" L")]
            segments += [(float(a[0]), float(a[1]), float(b[0]), float(b[1])) for a, b in zip(points, points[1:])]
    return boxes, segments


def crossings(svg: str) -> List[Tuple[Segment, Box]]:
    """The pieces of edges that pass through a node's box (their ends may touch its border)."""
    boxes, segments = boxes_and_segments(svg)
    found = []
    for segment in segments:
        x1, y1, x2, y2 = segment
        for box in boxes:
            left, top, right, bottom = box
            inside = [(x1 + (x2 - x1) * t / 50, y1 + (y2 - y1) * t / 50) for t in range(1, 50)]
            if any(left + 1 < x < right - 1 and top + 1 < y < bottom - 1 for x, y in inside):
                found.append((segment, box))
    return found


def used_twice() -> Value:
    a = Value(3.0, label="a")
    c = a * a + a  # a reaches c along three paths: twice through the product, once straight into the sum
    c.backward()
    return c


def test_every_path_of_a_value_used_twice_is_an_arrow_of_its_own() -> None:
    svg = graph_figure(used_twice()).svg
    _, segments = boxes_and_segments(svg)
    arrows_in = [s for s in segments if s[:2] != s[2:]]
    # into *: a twice; into +: the product and a; and from each operation box into its node
    assert len(ET.fromstring(svg).findall(f".//{SVG}g[@class='edge']")) == 2 + 2 + 2
    ends = [s[2:] for s in arrows_in]
    assert len(set(ends)) == len(ends), "two arrows end at the same point: they would be drawn as one"
    assert crossings(svg) == [], "the edge from a straight into + must go around the product's box, not behind it"


def test_no_edge_passes_behind_a_box() -> None:
    a = Value(0.5, label="a")
    d = ((a * 2).exp() + a.tanh()) * a
    d.backward()
    model = MLP([4, 4, 1], activation="sigmoid", seed=0)
    loss = binary_cross_entropy([model([1.0, 0.0, 1.0, 1.0])], [[1.0]])
    loss.backward()
    for root in (neuron(), d, loss):
        assert crossings(graph_figure(root).svg) == []


def test_the_text_listing_reads_as_a_program() -> None:
    assert graph_text(neuron()).splitlines() == [
        "x  = leaf       data  2          grad -2.359",
        "w  = leaf       data -3          grad  1.573",
        "v3 = x * w      data -6          grad  0.7864",
        "b  = leaf       data  6.5        grad  0.7864",
        "v5 = v3 + b     data  0.5        grad  0.7864",
        "y  = tanh(v5)   data  0.4621     grad  1",
    ]


def test_the_listing_of_a_long_chain_keeps_both_ends() -> None:
    v = Value(0.5, label="start")
    for _ in range(100):
        v = -v
    lines = graph_text(v, limit=10).splitlines()
    assert len(lines) == 11 and lines[5] == "... 91 more nodes ..."
    assert lines[0].startswith("start = leaf") and lines[-1].startswith("v101  = -v100")


def test_every_operation_is_written_as_its_formula() -> None:
    a = Value(1.5, label="a")
    b = Value(2.0, label="b")
    names = node_names([a, b])
    assert [expression(node, names) for node in [a, a + b, a - b, a * b, a / b, -a, a ** 2, a.exp(), a.log(),
                                                 a.tanh(), a.sigmoid(), a.relu(), a.softplus()]] == [
        "leaf", "a + b", "a - b", "a * b", "a / b", "-a", "a ** 2", "exp(a)", "log(a)",
        "tanh(a)", "sigmoid(a)", "relu(a)", "softplus(a)"]


@pytest.mark.parametrize("draw", [graph_figure, graph_text])
def test_bad_arguments_are_named(draw: object) -> None:
    assert callable(draw)
    with pytest.raises(TypeError, match=r"draws a Value's graph, got 3.0 \(float\)"):
        draw(3.0)
    with pytest.raises(PurennError, match="limit"):
        draw(Value(1.0), limit=0)
