"""What training shows in a terminal besides the progress line: the decision map and charts sized to the terminal."""

import contextlib
import io
import types
from typing import List

import pytest

from purenn import Matrix
from purenn.app.cli import main
from purenn.errors import PurennError
from purenn.plot import text
from purenn.plot.text import CHART_WIDTH_CAP, chart_width, decision_map, line_chart, supports_unicode


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def grid_of(drawn: str, height: int) -> List[str]:
    """The map's rows of symbols, without the labels and the axis."""
    rows = drawn.splitlines()[:height]
    return [row.split("┤" if "┤" in row else "|", 1)[1] for row in rows]


def test_every_region_symbol_is_the_class_picked_at_the_centre_of_its_cell() -> None:
    asked: List[List[float]] = []

    def classify(P: Matrix) -> List[int]:  # three bands by the distance from (0, 0)
        asked.extend([list(row) for row in P])
        return [min(2, int((x * x + y * y) ** 0.5 / 0.6)) for x, y in P]

    X = Matrix([[-1.0, -1.0], [1.0, 1.0]])
    width, height = 30, 12
    drawn = decision_map(classify, X, [0, 0], ["in", "mid", "out"], width=width, height=height)
    grid = grid_of(drawn, height)
    assert len(asked) == width * height and len(grid) == height and all(len(row) == width for row in grid)
    regions = "·░▒"
    for r in range(height):
        for c in range(width):
            if grid[r][c] == "●":  # one of the two data points
                continue
            assert grid[r][c] == regions[classify(Matrix([asked[r * width + c]]))[0]], (r, c)
    assert sum(row.count("●") for row in grid) == 2
    # the map's centre is near (0, 0): class "in"; its corners are far: class "out"
    assert grid[height // 2][width // 2] == "·" and grid[1][1] == "▒"


def test_the_points_are_drawn_with_their_own_class_on_top_of_the_regions() -> None:
    X = Matrix([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    everything_is_class_0 = lambda P: [0] * P.shape[0]
    drawn = decision_map(everything_is_class_0, X, [0, 1, 0, 1], ["a", "b"], width=10, height=5, unicode=False)
    grid = grid_of(drawn, 5)
    assert grid[4][0] == "o" and grid[4][9] == "x" and grid[0][0] == "o" and grid[0][9] == "x"
    assert {symbol for row in grid for symbol in row} == {".", "o", "x"}  # the x's sit in o's region: mistakes
    assert drawn.splitlines()[-1] == "o a (region .)   x b (region -)"


def test_the_axes_are_labelled_with_the_padded_range_of_the_points() -> None:
    X = Matrix([[0.0, 10.0], [2.0, 20.0]])
    lines = decision_map(lambda P: [0] * P.shape[0], X, [0, 0], ["a"], width=20, height=4, unicode=False).splitlines()
    assert lines[0].split()[0] == "20.5" and lines[3].split()[0] == "9.5"  # 10 to 20, widened by 5% each side
    assert lines[5].split() == ["-0.1", "2.1"]


@pytest.mark.parametrize(
    "X, labels, names, message",
    [
        (Matrix([[1.0, 2.0, 3.0]]), [0], ["a"], r"X must have 2 columns and a row, got shape \(1, 3\)"),
        (Matrix([[1.0, 2.0]]), [0, 1], ["a", "b"], "one label per row of X: 1 rows, 2 labels"),
        (Matrix([[1.0, 2.0]]), [2], ["a", "b"], "got label 2, but there are 2 class_names"),
        (Matrix([[1.0, 2.0]]), [0], [str(k) for k in range(7)], "symbols for 6 classes, got 7"),
    ],
)
def test_bad_input_is_refused_with_a_message(X: Matrix, labels: List[int], names: List[str], message: str) -> None:
    with pytest.raises(PurennError, match=message):
        decision_map(lambda P: [0] * P.shape[0], X, labels, names)


def test_a_stream_that_cannot_encode_the_symbols_gets_ascii() -> None:
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert not supports_unicode(ascii_stream)
    assert supports_unicode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) and supports_unicode(io.StringIO())
    drawn = decision_map(lambda P: [0] * P.shape[0], Matrix([[0.0, 0.0], [1.0, 1.0]]), [0, 1], ["a", "b"],
                         unicode=supports_unicode(ascii_stream))
    drawn.encode("ascii")  # raises if anything is not ASCII


# ----------------------------------------------------------- terminal width


@pytest.mark.parametrize("columns, expected", [(80, 68), (200, CHART_WIDTH_CAP), (25, 20)])
def test_a_chart_on_a_terminal_is_as_wide_as_the_terminal_allows(
    columns: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text.shutil, "get_terminal_size", lambda: types.SimpleNamespace(columns=columns))
    assert chart_width(Terminal()) == expected
    assert chart_width(io.StringIO()) == 60  # not a terminal: the same width wherever it runs
    if columns >= 80:
        chart = line_chart([1e-5 * 1.5 ** -k for k in range(200)], width=chart_width(Terminal()))
        assert max(len(line) for line in chart.splitlines()) <= columns  # even with the longest y labels


# --------------------------------------------------------- the train command


def cli(arguments: List[str]) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(arguments) == 0
    return out.getvalue()


def test_train_on_two_features_shows_the_decision_map() -> None:
    out = cli(["train", "--data", "spirals", "--epochs", "3"])
    assert "what the network predicts across the plane" in out
    assert "● arm_0 (region ·)   ▲ arm_1 (region ░)   ■ arm_2 (region ▒)" in out


def test_train_shows_no_map_for_other_data_or_when_quiet() -> None:
    assert "across the plane" not in cli(["train", "--data", "iris", "--epochs", "3"])  # 4 features
    assert "across the plane" not in cli(["train", "--data", "sine", "--epochs", "3"])  # regression
    assert "across the plane" not in cli(["train", "--data", "moons", "--epochs", "3", "--quiet"])
