"""The handwritten digits: the shipped file, digits(), their figures, and the command line's options for them."""

import gzip
import hashlib
import pathlib
import re
import xml.etree.ElementTree as ET
from typing import Callable

import pytest

from purenn.app.cli import main
from purenn.data.datasets import DIGITS_CSV, DATASETS, digits
from purenn.errors import PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.metrics import confusion_matrix
from purenn.nn.mlp import MLP
from purenn.plot.confusion import confusion_figure, square_colour
from purenn.plot.digits import (
    digit_grid, digit_mistakes, digit_text, digits_text, example_digits, find_mistakes, image_side, weight_colour,
    weight_images,
)
from purenn.plot.style import NEGATIVE, POSITIVE
from tests.test_plot_figures import SVG, by_class

ROOT = pathlib.Path(__file__).resolve().parent.parent
LICENCE = (ROOT / "purenn" / "data" / "DIGITS-LICENSE.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ the data


def test_the_shipped_file_is_scikit_learns_byte_for_byte() -> None:
    digest = hashlib.sha256(DIGITS_CSV.read_bytes()).hexdigest()
    assert digest == "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
    assert f"SHA-256 `{digest}`" in LICENCE
    assert f"{DIGITS_CSV.stat().st_size:,} bytes" in LICENCE


def test_the_file_has_the_documented_layout() -> None:
    lines = gzip.decompress(DIGITS_CSV.read_bytes()).decode("ascii").split()
    rows = [[int(value) for value in line.split(",")] for line in lines]
    assert len(rows) == 1797 and {len(row) for row in rows} == {65}
    assert {value for row in rows for value in row[:64]} == set(range(17))
    assert {row[64] for row in rows} == set(range(10))


def test_digits_shapes_names_and_scale() -> None:
    data = digits()
    assert (data.name, data.task) == ("digits", "multiclass")
    assert data.X.shape == (1797, 64) and data.Y.shape == (1797, 10)
    assert data.class_names == data.target_names == tuple("0123456789")
    assert data.feature_names[8 * 3 + 5] == "pixel_3_5"
    assert (data.X.min(), data.X.max()) == (0.0, 16.0)
    assert all(value == int(value) for value in data.X.flat)


def test_the_counts_and_the_sum_in_the_licence_file() -> None:
    data = digits()
    counts = [int(count) for count in data.Y.sum(axis=0)]
    assert counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert ", ".join(str(count) for count in counts) in " ".join(LICENCE.split())
    assert data.X.sum() == 561718.0 and "add up to 561,718" in LICENCE


def test_the_first_image_is_a_zero() -> None:
    data = digits()
    assert data.Y[0].argmax() == 0
    first_row = digit_text(data.X[0].tolist(), unicode=False).splitlines()[0]
    assert first_row == "    ..++::"  # pixels 0, 0, 5, 13, 9, 1, 0, 0


def test_the_description_and_the_licence_credit_the_authors() -> None:
    description = digits().description
    for text in (description, LICENCE):
        assert "Alpaydin" in text.replace("ı", "i") and "Kaynak" in text and "1998" in text
        assert "CC BY 4.0" in text
    assert "0 (blank) to 16 (all ink)" in " ".join(description.split())
    assert list(DATASETS)[-1] == "digits"


def test_digits_load_from_any_working_directory(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert digits().X.shape == (1797, 64)


def test_a_repr_with_many_column_names_stays_short() -> None:
    text = repr(digits())
    assert text == ("Dataset('digits', X shape (1797, 64), Y shape (1797, 10), features ['pixel_0_0', 'pixel_0_1', "
                    "'pixel_0_2', ..., 'pixel_7_7'] (64 names), targets ['0', '1', '2', '3', '4', '5', '6', '7', '8', "
                    "'9'])")


# ------------------------------------------------------------------ figures


def _root(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def test_the_example_grid_draws_every_class_with_its_label() -> None:
    root = _root(example_digits(digits(), per_class=2).svg)
    assert len(by_class(root, "frame")) == 20
    labels = [e.text for e in by_class(root, "label")]
    assert labels == list("0123456789") * 2


def test_a_pixel_is_shaded_by_its_value_and_blank_pixels_are_not_drawn() -> None:
    root = _root(digit_grid(Matrix([[0, 16, 8, 0]]), ["x"], darkest=16).svg)
    fills = [cell.get("fill") for cell in root.iter(SVG + "rect") if cell.get("fill") != "#FFFFFF"]
    assert fills == ["#222222", "#909090"]


def test_mistakes_are_found_most_confident_first() -> None:
    probabilities = Matrix([[0.1, 0.9], [0.7, 0.3], [0.45, 0.55], [0.2, 0.8]])
    found = find_mistakes(probabilities, [0, 0, 0, 1])
    assert [(m.row, m.true, m.predicted) for m in found] == [(0, 0, 1), (2, 0, 1)]
    assert [m.probability for m in found] == [0.9, 0.55]
    with pytest.raises(ShapeError, match="a true class per row: 4 rows, 3 classes"):
        find_mistakes(probabilities, [0, 0, 0])


def test_the_mistakes_figure_captions_truth_reading_and_probability() -> None:
    X = Matrix([[16, 0, 0, 16], [0, 16, 16, 0], [16, 16, 0, 0]])
    Y = Matrix([[1, 0], [0, 1], [1, 0]])
    always_one = lambda rows: Matrix([[0.25, 0.75]] * len(rows))  # noqa: E731
    root = _root(digit_mistakes(always_one, X, Y, ["a", "b"]).svg)
    labels = [e.text for e in by_class(root, "label")]
    assert labels == ["true a", "read b", "p = 0.75"] * 2
    assert root.find(f".//{SVG}text[@class='title']").text == "2 of 3 images misread"
    perfect = lambda rows: Matrix([[1.0 - y, y] for y in Y.column(1)])  # noqa: E731
    assert "no mistakes" in digit_mistakes(perfect, X, Y, ["a", "b"]).svg


def test_weights_are_drawn_in_diverging_colours_with_zero_white() -> None:
    assert weight_colour(2.0, 2.0) == POSITIVE and weight_colour(-2.0, 2.0) == NEGATIVE
    assert weight_colour(0.0, 2.0) == "#FFFFFF"
    W = Matrix([[1.0, 0.0], [-1.0, 0.5], [0.0, 0.0], [0.0, -0.5]])  # two units of a 2 x 2 image each
    root = _root(weight_images(W).svg)
    fills = [cell.get("fill") for cell in root.iter(SVG + "rect") if cell.get("fill") != "#FFFFFF"]
    assert fills[:2] == [POSITIVE, NEGATIVE]
    assert [e.text for e in by_class(root, "label")] == ["unit 0", "unit 1"]
    net = MLP([64, 3, 10], seed=0)
    assert len(by_class(_root(weight_images(net).svg), "frame")) == 3


def test_the_confusion_figure_writes_every_count_on_its_square() -> None:
    matrix = confusion_matrix([0, 0, 0, 1, 2, 2], [0, 0, 1, 1, 2, 0], class_names=["x", "y", "z"])
    root = _root(confusion_figure(matrix).svg)
    assert sorted(e.text for e in by_class(root, "count")) == ["1", "1", "1", "1", "2"]
    assert square_colour(3, 3, True) == POSITIVE and square_colour(0, 3, False) == "#FFFFFF"


def test_text_pictures() -> None:
    assert digits_text([], []) == ""
    text = digits_text([[16, 0, 0, 16]] * 30, [str(n) for n in range(30)], unicode=False, width=40)
    assert max(len(line) for line in text.splitlines()) <= 40
    assert text.splitlines()[2].split() == [str(n) for n in range(6)]


@pytest.mark.parametrize("call, message", [
    (lambda: image_side(10), "10 pixels is not a square number"),
    (lambda: digit_grid(Matrix([[1, 2, 3, 4]]), ["a", "b"]), "1 images need as many captions, got 2"),
    (lambda: digit_grid(Matrix([[1, 2, 3, 4]]), ["a"], columns=0), "columns must be a whole number of at least 1"),
    (lambda: weight_images(Matrix([[1.0]] * 4), names=["a", "b"]), "names has 2 names for 1 units"),
])
def test_bad_input_is_named(call: Callable[[], object], message: str) -> None:
    with pytest.raises((PurennError, ShapeError), match=re.escape(message)):
        call()


# ------------------------------------------------------------------ command line


def test_train_draws_the_four_digit_figures(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = {name: tmp_path / f"{name}.svg" for name in ("digits", "mistakes", "confusion", "weights")}
    argv = ["train", "--data", "digits", "--epochs", "1", "--layers", "6", "--quiet"]
    for name, path in paths.items():
        argv += [f"--plot-{name}", str(path)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    for what, name in (("example images", "digits"), ("misread test images", "mistakes"),
                       ("confusion matrix", "confusion"), ("first-layer weights", "weights")):
        assert f"{what} drawn to {paths[name]}" in out
    assert len(by_class(_root(paths["weights"].read_text()), "frame")) == 6
    assert len(by_class(_root(paths["digits"].read_text()), "frame")) == 30
    counts = [int(e.text or "") for e in by_class(_root(paths["confusion"].read_text()), "count")]
    assert sum(counts) == 451  # every test image once: 25% of 1,797, rounded per class


def test_without_a_hidden_layer_each_class_has_its_weight_picture(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "w.svg"
    assert main(["train", "--data", "digits", "--epochs", "1", "--layers", "", "--quiet",
                 "--plot-weights", str(path)]) == 0
    root = _root(path.read_text())
    assert [e.text for e in by_class(root, "label")] == [f"class {n}" for n in range(10)]
    assert "each output's weights" in (root.find(f".//{SVG}text[@class='title']").text or "")


@pytest.mark.parametrize("argv, message", [
    (["--data", "iris", "--plot-weights"], "--plot-weights draws images; iris's 4 features are not the pixels of one"),
    (["--data", "sine", "--plot-confusion"], "--plot-confusion draws classes; sine is a regression task"),
    (["--data", "xor", "--plot-digits"], "--plot-digits draws images"),
])
def test_the_figure_options_refuse_data_that_does_not_fit_before_training(
    argv: list, message: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["train", *argv, str(tmp_path / "f.svg")])
    assert exit.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert message in captured.err
    assert list(tmp_path.iterdir()) == []


def test_explain_shows_the_digit_it_learns_from(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--data", "digits", "--sample", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("row 5 of digits, labelled 5, as an image:\n")
    assert "64 inputs -> 4 hidden (sigmoid) -> 10 outputs" in out
    assert main(["explain", "--data", "iris", "--sample", "5"]) == 0
    assert "as an image" not in capsys.readouterr().out


def test_the_documented_digits_run_reaches_its_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    """README: ``train --data digits --epochs 30`` reaches a test accuracy of at least 0.95 (slow: SLOW_CLAIMS)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "python3 -m purenn train --data digits --epochs 30" in readme
    assert main(["train", "--data", "digits", "--epochs", "30", "--quiet"]) == 0
    accuracy = float(capsys.readouterr().out.split("test accuracy ")[1].split()[0])
    assert accuracy >= 0.95
    assert f"test accuracy {accuracy:.4f}" in readme
