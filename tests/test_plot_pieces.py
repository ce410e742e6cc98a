"""The pieces the figures are built from: the SVG writer, nice ticks, scales, axes, legend."""

import math
import xml.etree.ElementTree as ET

import pytest

from purenn.errors import PurennError
from purenn.plot.axes import GAP, fitting_ticks
from purenn.plot.legend import LegendEntry, draw_legend, entry_width
from purenn.plot.marks import Arrow
from purenn.plot.scales import LinearScale, LogScale, padded
from purenn.plot.style import Style, mix, series_style, text_width
from purenn.plot.svg import Element, escape, number
from purenn.plot.ticks import MINUS, log_ticks, nice_number, nice_ticks, tick_text


# ------------------------------------------------------------------ the SVG writer


def test_numbers_have_at_most_two_decimals_and_no_negative_zero() -> None:
    assert [number(x) for x in (0.0, -0.0, -0.004, 1.006, 12.5, 100.0, 1e-9, -2.499)] == [
        "0", "0", "0", "1.01", "12.5", "100", "0", "-2.5"]


def test_attributes_and_text_are_escaped_and_parse_back() -> None:
    element = Element("g", {"class": 'a"b<c>&', "skip": None}, [Element("text", {"x": 1.5}, text="x < y & 'z'")])
    parsed = ET.fromstring(element.to_xml())
    assert parsed.attrib == {"class": 'a"b<c>&'}
    assert parsed[0].text == "x < y & 'z'"
    assert escape("<&>") == "&lt;&amp;&gt;"


def test_attribute_order_is_kept() -> None:
    assert Element("rect", {"y": 1, "x": 2, "a": 3}).to_xml() == '<rect y="1" x="2" a="3"/>'


# ------------------------------------------------------------------ ticks


@pytest.mark.parametrize("low, high, count, expected", [
    (0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    (0, 199, 5, [0, 50, 100, 150, 200]),
    (-3.14, 3.14, 7, [-4, -3, -2, -1, 0, 1, 2, 3, 4]),
    (0.0013, 0.0092, 5, [0.0, 0.002, 0.004, 0.006, 0.008, 0.01]),
    (1_000, 12_000, 4, [0, 5000, 10000, 15000]),
])
def test_nice_ticks_are_round_and_cover_the_range(low: float, high: float, count: int, expected: list) -> None:
    ticks = nice_ticks(low, high, count)
    assert [tick.value for tick in ticks] == expected
    assert ticks[0].value <= low and ticks[-1].value >= high


def test_nice_number_is_one_two_five_or_ten_times_a_power() -> None:
    for x in (0.0003, 0.17, 1.4, 2.9, 6.9, 7.1, 42.0, 9_999.0):
        for round_it in (True, False):
            nice = nice_number(x, round_it)
            mantissa = nice / 10 ** math.floor(math.log10(nice) + 1e-9)
            assert round(mantissa, 9) in (1, 2, 5, 10)
            if not round_it:
                assert nice >= x


def test_tick_labels_use_as_many_decimals_as_the_step_and_a_true_minus() -> None:
    assert [tick.label for tick in nice_ticks(-0.3, 0.3, 4)] == [f"{MINUS}0.4", f"{MINUS}0.2", "0.0", "0.2", "0.4"]
    assert tick_text(-0.0, 1) == "0.0"
    assert [tick.label for tick in nice_ticks(0, 3e6, 4)][-1] == "3×10⁶"
    assert [tick.label for tick in log_ticks(1e-7, 1e-3)][:2] == ["10⁻⁷", "10⁻⁶"]


def test_log_ticks() -> None:
    assert [tick.value for tick in log_ticks(0.002, 5)] == [0.001, 0.01, 0.1, 1.0, 10.0]
    assert [tick.label for tick in log_ticks(0.3, 4)] == ["0.2", "0.5", "1", "2", "5"]
    with pytest.raises(PurennError, match="positive"):
        log_ticks(0.0, 1.0)


def test_ticks_refuse_infinite_ranges() -> None:
    with pytest.raises(PurennError, match="finite"):
        nice_ticks(0, math.inf)


# ------------------------------------------------------------------ scales


def test_linear_scale_maps_the_domain_onto_the_range_even_backwards() -> None:
    y = LinearScale((0, 4), (300, 100))
    assert (y(0), y(1), y(4)) == (300.0, 250.0, 100.0)
    assert LinearScale((0.13, 0.91)).nice().domain == (0.0, 1.0)
    assert LinearScale((5, 5)).domain == (4.5, 5.5)  # one value: centred in a unit range


def test_log_scale_gives_equal_ratios_equal_steps() -> None:
    y = LogScale((1, 1000), (0, 300))
    assert [y(v) for v in (1, 10, 100, 1000)] == pytest.approx([0, 100, 200, 300])
    with pytest.raises(PurennError, match="cannot show zero or negative"):
        LogScale((0, 1))
    with pytest.raises(PurennError, match="only positive numbers"):
        y(-1)


def test_log_scale_ticks_thin_to_the_count() -> None:
    scale = LogScale((0.01, 5))
    assert [t.label for t in scale.ticks(20)] == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5"]
    assert [t.label for t in scale.ticks(5)] == ["0.01", "0.1", "1"]


def test_padded_leaves_room_around_the_points() -> None:
    assert padded([1, 3], share=0.25) == (0.5, 3.5)
    assert padded([2, 2]) == (1.5, 2.5)


# ------------------------------------------------------------------ axes and legend


@pytest.mark.parametrize("pixels", [60, 120, 300, 700])
def test_fitting_ticks_leave_a_gap_between_labels(pixels: int) -> None:
    scale = LinearScale((-12_345, 98_765), (0, pixels))
    ticks = fitting_ticks(scale, vertical=False)
    assert ticks
    for a, b in zip(ticks, ticks[1:]):
        room = (text_width(a.label, 15) + text_width(b.label, 15)) / 2 + GAP
        assert abs(scale(b.value) - scale(a.value)) >= room


def test_fitting_ticks_take_the_most_that_fit() -> None:
    scale = LinearScale((0, 1), (500, 0))
    assert [t.label for t in fitting_ticks(scale, vertical=True)] == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]


def test_legend_wraps_rows_within_the_width() -> None:
    entries = [LegendEntry(f"series number {i}", series_style(i)) for i in range(6)]
    legend, height = draw_legend(entries, left=0, top=0, width=500)
    assert len(legend.children) == 6
    rows = height / 26.0
    assert rows == 3  # two entries of about 200 px fit a row of 500
    assert entry_width(entries[0]) < 250


def test_mix_and_series_styles() -> None:
    assert mix("#0072B2", "#FFFFFF", 0.0) == "#0072B2"
    assert mix("#0072B2", "#FFFFFF", 1.0) == "#FFFFFF"
    styles = [series_style(i) for i in range(4)]
    assert len({s.colour for s in styles}) == len({s.dash for s in styles}) == len({s.shape for s in styles}) == 4
    assert Style("#000000").dash == ""


@pytest.mark.parametrize("start", [{"kind": "standard"}, (1.0,), "ab", 3.0])
def test_an_arrow_needs_two_points(start: object) -> None:
    with pytest.raises(TypeError) as error:
        Arrow(start, (1.0, 1.0), Style("#000000"))  # type: ignore[arg-type]
    assert str(error.value) == f"an arrow's start must be a pair of numbers (x, y), got {start!r:.40}"
