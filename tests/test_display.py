"""The display rule of purenn/linalg/display.py, on a 1x1, a 4x4, a 16x4, a 768x8 and a 1x1000 value.

Small values print exactly and paste back; large ones print a summary of at
most 3 lines of at most 100 characters; records show names, shapes and a few
values; str() is the aligned grid; notebooks get a typeset matrix.
"""

import math
import re
from typing import List, Tuple, Union

import pytest

from purenn.linalg import Matrix, Vector, records
from purenn.text import LINE_WIDTH
from purenn.linalg.display import REPR_MAX_LINES

SIZES = [(1, 1), (4, 4), (16, 4), (768, 8), (1, 1000)]


def _fits(text: str) -> bool:
    lines = text.split("\n")
    return len(lines) <= REPR_MAX_LINES and all(len(line) <= LINE_WIDTH for line in lines)


def _numbers(text: str) -> List[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?", text)]


@pytest.mark.parametrize("rows, columns", SIZES, ids=[f"{r}x{c}" for r, c in SIZES])
@pytest.mark.parametrize("scale", [1.0, 1e-6, 1e6])
def test_every_repr_fits_in_three_lines_of_100_characters(rows: int, columns: int, scale: float) -> None:
    m = Matrix.normal(rows, columns, std=scale, rng=rows * columns)
    assert _fits(repr(m)), repr(m)
    if rows == 1:
        assert _fits(repr(m[0])), repr(m[0])


@pytest.mark.parametrize("rows, columns", SIZES, ids=[f"{r}x{c}" for r, c in SIZES])
def test_a_small_value_is_exact_and_a_large_one_a_summary(rows: int, columns: int) -> None:
    whole = Matrix([[float(i + j) for j in range(columns)] for i in range(rows)])
    text = repr(whole)
    if rows * columns <= 16:
        assert eval(text) == whole  # 1x1 and 4x4 of small numbers
        assert not text.startswith("<")
    else:
        assert text.startswith(f"<Matrix shape={whole.shape}: [[") and text.endswith("]]>")
        assert "..." in text
        numbers = _numbers(text.split(":", 1)[1])
        assert numbers[0] == whole[0, 0] and numbers[-1] == whole[-1, -1]  # first and last entries


def test_a_4x4_of_long_floats_is_summarised_in_two_lines_without_dots() -> None:
    m = Matrix.uniform(4, 4, rng=0)
    text = repr(m)
    assert text.count("\n") == 1 and "..." not in text
    assert [round(x, 3) for x in _numbers(text.split(":", 1)[1])] == [
        round(x, 3) for row in m.tolist() for x in row
    ]


def test_the_summary_of_16x4_shows_the_first_and_last_rows_at_4_digits() -> None:
    m = Matrix([[1 / (i + j + 1) for j in range(4)] for i in range(16)])
    assert repr(m).split("\n") == [
        "<Matrix shape=(16, 4): [[1, 0.5, 0.3333, 0.25], [0.5, 0.3333, 0.25, 0.2],",
        "                        ...,",
        "                        [0.06667, 0.0625, 0.05882, 0.05556], [0.0625, 0.05882, 0.05556, 0.05263]]>",
    ]


def test_the_summary_of_768x8_and_1x1000() -> None:
    assert repr(Matrix.full(768, 8, 0.5)).split("\n") == [
        "<Matrix shape=(768, 8): [[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],",
        "                         ...,",
        "                         [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]]>",
    ]
    wide = Matrix([[float(j) for j in range(1000)]])
    assert repr(wide) == "<Matrix shape=(1, 1000): [[0, 1, 2, ..., 997, 998, 999]]>"
    assert repr(wide[0]) == "<Vector shape=(1000,): [0, 1, 2, ..., 997, 998, 999]>"


def test_the_limits_are_16_entries_and_100_characters() -> None:
    assert repr(Vector.zeros(16)).startswith("Vector([")  # 16 entries, 92 characters
    assert repr(Vector.zeros(17)).startswith("<Vector shape=(17,)")
    assert repr(Vector([0.1 + 0.2] * 5)).startswith("<Vector shape=(5,)")  # 5 entries, 108 characters


def test_str_is_the_aligned_grid_and_summarised_past_1000_entries() -> None:
    assert str(Matrix([[1, 2], [3, 4]])) == "[[1  2]\n [3  4]]"
    assert str(Matrix.zeros(16, 4)).count("\n") == 15  # every row
    assert str(Matrix.zeros(1, 1000)).count("...") == 0
    big = str(Matrix.zeros(768, 8)).split("\n")
    assert len(big) == 7 and all("..." in line for line in big)


def test_notebooks_get_a_typeset_matrix_with_dots_when_large() -> None:
    assert Matrix([[1, 2], [3, 4]])._repr_latex_() == r"$\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}$"
    assert Vector([1e-8, 2.5e10])._repr_latex_() == r"$\begin{bmatrix}10^{-8} & 2.5 \cdot 10^{10}\end{bmatrix}$"
    big = Matrix.zeros(768, 8)._repr_latex_()
    assert big.count(r"\vdots") == 8 and r"\cdots" not in big and big.endswith(r"\quad (768 \times 8)$")
    wide = Matrix.zeros(1, 1000)._repr_latex_()
    assert wide == r"$\begin{bmatrix}0 & 0 & 0 & \cdots & 0 & 0 & 0\end{bmatrix}\quad (1 \times 1000)$"
    assert Matrix.zeros(16, 4)._repr_latex_().count(r"\\") == 15  # the diabetes table's size: every row


def test_a_record_shows_names_shapes_and_a_few_values_in_three_lines() -> None:
    fields: List[Tuple[str, Union[Matrix, Vector, float]]] = [("z1", Matrix.normal(16, 4, rng=1)), ("a1", Matrix.normal(768, 8, rng=2)),
              ("b", Vector.normal(1000, rng=3)), ("W", Matrix([[1.0]])), ("rate", 0.5)]
    text = records.record("Forward", fields)
    assert _fits(text), text
    assert text.startswith("Forward(z1=<(16, 4) [[") and "a1=<(768, 8) [[" in text and "b=<(1000,) [" in text
    assert "W=Matrix([[1.0]])" in text and text.endswith("rate=0.5)")


def test_brief_falls_back_to_the_shape_alone() -> None:
    assert records.brief(Matrix([[-1.234e-100] * 3] * 3), 12) == "<(3, 3) ...>"


@pytest.mark.parametrize("special", [math.inf, -math.inf, math.nan])
def test_specials_in_a_summary(special: float) -> None:
    text = repr(Matrix([[special] * 20]))
    assert _fits(text) and str(special) in text
