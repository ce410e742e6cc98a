"""The figure of a 2 x 2 matrix as a map of the plane: read back from its SVG, the image's corners
are A applied to the unit square's corners, one unit is as long across as up, the arrows end at
A's columns, and the ticks are round numbers."""

import math
import random
import xml.etree.ElementTree as ET
from typing import List, Tuple

import pytest

from purenn.errors import PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.plot import linear_map, side_by_side
from purenn.plot.figure import Plot
from purenn.plot.scales import LinearScale, LogScale
from purenn.plot.transform import SQUARE, image_corners
from purenn.plot.ticks import nice_number
from tests.test_plot_boundary import _axis_map
from tests.test_plot_figures import SVG, as_number, assert_readable, by_class, parse, tick_labels

ROTATION_30 = [[math.cos(math.pi / 6), -math.sin(math.pi / 6)], [math.sin(math.pi / 6), math.cos(math.pi / 6)]]

MAPS = {
    "rotation": ROTATION_30,
    "shear": [[1, 1], [0, 1]],
    "stretch and shear": [[2, 1], [0, 1]],
    "projection": [[0.5, 0.5], [0.5, 0.5]],
    "reflection": [[0, 1], [1, 0]],
    "negative": [[-1.5, 0.25], [0.5, -2]],
    "zero": [[0, 0], [0, 0]],
}


def _polygon_in_data(root: ET.Element, name: str) -> List[Tuple[float, float]]:
    """The corners of the polygon of class ``name``, turned from pixels back into data units by the axes' ticks."""
    to_x = _axis_map(by_class(root, "x-axis")[0], "x1")
    to_y = _axis_map(by_class(root, "y-axis")[0], "y1")
    points = by_class(root, name)[0].get("points", "").split()
    return [(to_x(float(p.split(",")[0])), to_y(float(p.split(",")[1]))) for p in points]


def _applied(A: List[List[float]], point: Tuple[float, float]) -> Tuple[float, float]:
    x, y = point
    return A[0][0] * x + A[0][1] * y, A[1][0] * x + A[1][1] * y


def _pixels_per_unit(root: ET.Element, axis: str, coordinate: str) -> float:
    element = by_class(root, axis)[0]
    marks = element.findall(SVG + "line")[1:]
    labels = [as_number(e.text or "") for e in element.iter(SVG + "text") if e.get("class") == "tick-label"]
    pixels = abs(float(marks[-1].get(coordinate, "0")) - float(marks[0].get(coordinate, "0")))
    return pixels / (labels[-1] - labels[0])


@pytest.mark.parametrize("name", sorted(MAPS))
def test_the_image_is_the_matrix_applied_to_the_square(name: str) -> None:
    A = MAPS[name]
    root = parse(linear_map(A))
    tolerance = 0.02  # the SVG keeps two decimals of a pixel; a unit is at least 50 px here
    for drawn, corner in zip(_polygon_in_data(root, "square"), SQUARE):
        assert drawn == pytest.approx(corner, abs=tolerance)
    image = _polygon_in_data(root, "image")
    assert len(image) == 4
    for drawn, corner in zip(image, SQUARE):
        assert drawn == pytest.approx(_applied(A, corner), abs=tolerance)


@pytest.mark.parametrize("name", sorted(MAPS))
def test_a_unit_is_as_long_across_as_up_and_the_ticks_are_round(name: str) -> None:
    figure = linear_map(MAPS[name])
    root = parse(figure)
    assert _pixels_per_unit(root, "x-axis", "x1") == pytest.approx(_pixels_per_unit(root, "y-axis", "y1"), rel=1e-3)
    for axis in ("x-axis", "y-axis"):
        values = [as_number(label) for label in tick_labels(root, axis)]
        assert len(values) >= 2
        step = values[1] - values[0]
        assert nice_number(step, round_it=True) == pytest.approx(step)  # 1, 2 or 5 times a power of ten
        assert all(value / step == pytest.approx(round(value / step)) for value in values)
    assert_readable(figure)


def test_the_arrows_end_at_the_basis_vectors_and_at_the_columns_of_a() -> None:
    A = [[2, 1], [0, 1]]
    root = parse(linear_map(A))
    to_x = _axis_map(by_class(root, "x-axis")[0], "x1")
    to_y = _axis_map(by_class(root, "y-axis")[0], "y1")
    tips = []
    for arrow in by_class(root, "arrow"):
        head = arrow.find(SVG + "polygon")
        assert head is not None
        x, y = head.get("points", "").split()[0].split(",")  # the head's first corner is the tip
        tips.append((to_x(float(x)), to_y(float(y))))
    expected = [(1, 0), (0, 1), (2, 0), (1, 1)]  # e1, e2, A e1 = column 1 of A, A e2 = column 2
    assert len(tips) == 4
    for tip, want in zip(tips, expected):
        assert tip == pytest.approx(want, abs=0.02)
    names = [e.text for e in by_class(root, "label")]
    assert names == ["e₁", "e₂", "Ae₁", "Ae₂"]


def test_the_matrix_is_called_by_the_name_given() -> None:
    figure = linear_map([[2, 0], [0, 3]], name="D")
    root = parse(figure)
    assert [e.text for e in by_class(root, "label")] == ["e₁", "e₂", "De₁", "De₂"]
    assert "D = [[2, 0], [0, 3]]" in figure.svg and "Ae" not in figure.svg


def test_arrows_that_end_together_share_one_name() -> None:
    root = parse(linear_map([[1, 1], [0, 1]]))  # a shear keeps e1 where it is
    assert [e.text for e in by_class(root, "label")] == ["e₁ = Ae₁", "e₂", "Ae₂"]
    root = parse(linear_map([[0.5, 0.5], [0.5, 0.5]]))  # a projection sends e1 and e2 to one point
    assert [e.text for e in by_class(root, "label")] == ["e₁", "e₂", "Ae₁ = Ae₂"]


def test_the_legend_gives_the_area_of_the_image_as_abs_det() -> None:
    for A, area in (([[2, 1], [0, 1]], "2"), ([[0.5, 0.5], [0.5, 0.5]], "0"), ([[-1.5, 0.25], [0.5, -2]], "2.88")):
        root = parse(linear_map(A))
        entries = [" ".join(t for t in e.itertext() if t.strip()) for e in by_class(root, "legend-entry")]
        assert entries == ["unit square", f"image, area {area}"]


def test_the_default_title_shows_the_entries_with_a_true_minus() -> None:
    root = parse(linear_map(Matrix([[0, -1], [1, 0]])))
    assert [e.text for e in by_class(root, "title")] == ["A = [[0, −1], [1, 0]]"]
    root = parse(linear_map([[1, 0], [0, 1]], title="the identity", basis=False))
    assert [e.text for e in by_class(root, "title")] == ["the identity"]
    assert by_class(root, "arrow") == [] and by_class(root, "label") == []
    root = parse(linear_map([[-0.123, -0.456], [-0.789, -0.0123]], width=300))
    assert [e.text for e in by_class(root, "title")] == ["the map x ↦ A x"]  # the entries would not fit


def test_image_corners_on_random_matrices() -> None:
    rng = random.Random(0)
    for _ in range(200):
        A = [[rng.uniform(-3, 3) for _ in range(2)] for _ in range(2)]
        assert image_corners(A) == [_applied(A, corner) for corner in SQUARE]


def test_side_by_side_and_xml() -> None:
    figure = side_by_side([linear_map(A) for A in MAPS.values()], columns=2)
    root = parse(figure)
    assert len(by_class(root, "image")) == len(MAPS)


def test_only_a_2_by_2_matrix_is_a_map_of_the_plane() -> None:
    with pytest.raises(ShapeError, match=r"\(2, 2\) matrix; got shape \(2, 3\)"):
        linear_map([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(PurennError, match="equal_aspect=True needs linear"):
        Plot(LinearScale((0, 1)), LogScale((1, 10)), [], equal_aspect=True)


def test_an_arrow_of_length_zero_is_a_dot() -> None:
    root = parse(linear_map([[0, 0], [0, 0]]))  # A e1 = A e2 = 0
    arrows = by_class(root, "arrow")
    assert [len(arrow.findall(SVG + "line")) for arrow in arrows] == [1, 1, 0, 0]
    assert [len(arrow.findall(SVG + "circle")) for arrow in arrows] == [0, 0, 1, 1]
    assert [e.text for e in by_class(root, "label")] == ["e₁", "e₂", "Ae₁ = Ae₂"]
