"""Learning-rate schedules: Constant, StepDecay and Smith's Cyclical, checked against formulas
written out here independently; reprs, validation, values, plot and as_schedule."""

import math
import re
from typing import Callable, Dict, List

import pytest

from purenn.nn.schedules import Constant, Cyclical, Schedule, StepDecay, as_schedule

STEPS = range(201)  # t = 0 .. 200


def smith(t: int, base: float, peak: float, half_cycle: int, mode: str, gamma: float = 1.0) -> float:
    """Smith (2017), written as a triangle wave instead of his cycle/x formula.

    Within each cycle of 2·half_cycle updates the rate climbs linearly from base to
    peak for half_cycle updates and falls back for the next half_cycle. The
    amplitude is scaled by 1/2 per finished cycle (triangular2) or by gamma^t
    (exp_range).
    """
    position = t % (2 * half_cycle)  # where in the current cycle
    rising = position <= half_cycle
    height = position / half_cycle if rising else (2 * half_cycle - position) / half_cycle  # 0 → 1 → 0
    cycles_done = t // (2 * half_cycle)
    scale = {"triangular": 1.0, "triangular2": 0.5**cycles_done, "exp_range": gamma**t}[mode]
    return base + (peak - base) * height * scale


# ------------------------------------------------------------------ Constant


def test_constant() -> None:
    schedule = Constant(0.5)
    assert [schedule(t) for t in (0, 1, 999, 10**6)] == [0.5] * 4
    assert Constant(2)(0) == 2.0 and isinstance(Constant(2)(0), float)
    assert schedule.values(3) == [0.5, 0.5, 0.5]


# ----------------------------------------------------------------- StepDecay


def test_step_decay_drops_at_the_right_updates() -> None:
    schedule = StepDecay(1.0, factor=0.5, every=10)
    assert schedule.values(35) == [1.0] * 10 + [0.5] * 10 + [0.25] * 10 + [0.125] * 5
    drops = [t for t in range(1, 100) if schedule(t) < schedule(t - 1)]
    assert drops == [10, 20, 30, 40, 50, 60, 70, 80, 90]


def test_step_decay_formula() -> None:
    schedule = StepDecay(0.3, factor=0.1, every=3)
    # α(t) = initial · factor^⌊t / every⌋
    assert schedule.values(12) == pytest.approx([0.3 * 0.1 ** (t // 3) for t in range(12)], rel=1e-15)
    assert StepDecay(0.2, factor=1.0, every=1).values(5) == [0.2] * 5  # factor 1: no decay
    assert StepDecay(0.4).values(201)[99:102] == [0.4, 0.2, 0.2]  # defaults: halve every 100


# ------------------------------------------------------------------ Cyclical


@pytest.mark.parametrize("half_cycle", [1, 2, 5, 7, 50, 200])
@pytest.mark.parametrize("base, peak", [(0.0, 1.0), (0.001, 0.006), (0.05, 0.2)])
def test_triangular_follows_smith(half_cycle: int, base: float, peak: float) -> None:
    schedule = Cyclical(base, peak, half_cycle)
    expected = [smith(t, base, peak, half_cycle, "triangular") for t in STEPS]
    assert [schedule(t) for t in STEPS] == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("half_cycle", [1, 3, 10, 25])
def test_triangular2_follows_smith(half_cycle: int) -> None:
    schedule = Cyclical(0.01, 0.09, half_cycle, mode="triangular2")
    expected = [smith(t, 0.01, 0.09, half_cycle, "triangular2") for t in STEPS]
    assert schedule.values(201) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("half_cycle", [1, 4, 20])
@pytest.mark.parametrize("gamma", [1.0, 0.99, 0.9])
def test_exp_range_follows_smith(half_cycle: int, gamma: float) -> None:
    schedule = Cyclical(0.1, 0.4, half_cycle, mode="exp_range", gamma=gamma)
    expected = [smith(t, 0.1, 0.4, half_cycle, "exp_range", gamma) for t in STEPS]
    assert schedule.values(201) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("half_cycle", [1, 2, 5, 7, 50])
@pytest.mark.parametrize("mode", ["triangular", "triangular2", "exp_range"])
def test_base_at_the_cycle_ends_and_peak_in_the_middle(half_cycle: int, mode: str) -> None:
    schedule = Cyclical(0.1, 0.7, half_cycle, mode=mode, gamma=0.99 if mode == "exp_range" else 1.0)
    assert schedule(0) == 0.1
    assert schedule(2 * half_cycle) == 0.1
    assert schedule(4 * half_cycle) == 0.1
    first_cycle = schedule.values(2 * half_cycle + 1)
    assert max(first_cycle) == first_cycle[half_cycle]  # the top of the first cycle is at t = half_cycle
    if mode == "triangular":
        assert schedule(half_cycle) == pytest.approx(0.7, rel=1e-15)
        assert schedule(3 * half_cycle) == pytest.approx(0.7, rel=1e-15)
    if mode == "triangular2":
        assert schedule(half_cycle) == pytest.approx(0.7, rel=1e-15)
        assert schedule(3 * half_cycle) == pytest.approx(0.1 + 0.6 / 2, rel=1e-15)  # half the amplitude
        assert schedule(5 * half_cycle) == pytest.approx(0.1 + 0.6 / 4, rel=1e-15)


def test_cyclical_docstring_examples() -> None:
    assert [round(rate, 2) for rate in Cyclical(0.1, 0.5, half_cycle=2).values(9)] == [
        0.1, 0.3, 0.5, 0.3, 0.1, 0.3, 0.5, 0.3, 0.1
    ]
    assert Cyclical(0.0, 1.0, half_cycle=2, mode="triangular2").values(10) == [
        0.0, 0.5, 1.0, 0.5, 0.0, 0.25, 0.5, 0.25, 0.0, 0.125
    ]


def test_cyclical_with_equal_base_and_peak_is_constant() -> None:
    assert Cyclical(0.2, 0.2, 3).values(10) == [0.2] * 10


# ---------------------------------------------------------------------- reprs


@pytest.mark.parametrize(
    "schedule, text",
    [
        (Constant(0.1), "Constant(rate=0.1)"),
        (StepDecay(1.0, factor=0.5, every=10), "StepDecay(initial=1.0, factor=0.5, every=10)"),
        (Cyclical(0.1, 0.5, half_cycle=2), "Cyclical(base=0.1, peak=0.5, half_cycle=2, mode='triangular')"),
        (
            Cyclical(0.0, 1.0, 4, mode="triangular2"),
            "Cyclical(base=0.0, peak=1.0, half_cycle=4, mode='triangular2')",
        ),
        (
            Cyclical(0.1, 0.4, 8, mode="exp_range", gamma=0.99),
            "Cyclical(base=0.1, peak=0.4, half_cycle=8, mode='exp_range', gamma=0.99)",
        ),
    ],
)
def test_repr_pastes_back(schedule: Schedule, text: str) -> None:
    assert repr(schedule) == text
    namespace: Dict[str, object] = {"Constant": Constant, "StepDecay": StepDecay, "Cyclical": Cyclical}
    assert eval(text, namespace) == schedule


def test_schedules_are_immutable_values() -> None:
    schedule = Cyclical(0.1, 0.5, 2)
    with pytest.raises(AttributeError):
        setattr(schedule, "peak", 1.0)
    assert Constant(0.1) == Constant(0.1) and hash(Constant(0.1)) == hash(Constant(0.1))
    assert StepDecay(1.0) != StepDecay(1.0, every=5)


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Constant(0), "rate must be a positive number, got 0"),
        (lambda: Constant(-0.1), "rate must be a positive number, got -0.1"),
        (lambda: Constant(math.inf), "rate must be a positive number, got inf"),
        (lambda: Constant(math.nan), "rate must be a positive number, got nan"),
        (lambda: Constant(True), "rate must be an int or a float, got True (a bool)"),
        (lambda: Constant("0.1"),  # type: ignore[arg-type]
         "rate must be an int or a float, got '0.1' (a str)"),
        (lambda: StepDecay(0), "initial must be a positive number, got 0"),
        (lambda: StepDecay(1.0, factor=0.0), "factor must be in (0, 1], got 0.0"),
        (lambda: StepDecay(1.0, factor=1.5), "factor must be in (0, 1], got 1.5"),
        (lambda: StepDecay(1.0, every=0), "every must be a whole number of at least 1, got 0"),
        (lambda: StepDecay(1.0, every=2.5),  # type: ignore[arg-type]
         "every must be a whole number (an int), got 2.5 (a float)"),
        (lambda: Cyclical(-0.1, 1.0, 2), "base must be a number of at least 0, got -0.1"),
        (lambda: Cyclical(math.nan, 1.0, 2), "base must be a number of at least 0, got nan"),
        (lambda: Cyclical(0.0, 0.0, 2), "peak must be a positive number, got 0.0"),
        (lambda: Cyclical(0.5, 0.1, 2), "peak (0.1) must not be below base (0.5)"),
        (lambda: Cyclical(0.1, 0.5, 0), "half_cycle must be a whole number of at least 1, got 0"),
        (lambda: Cyclical(0.1, 0.5, 1.5),  # type: ignore[arg-type]
         "half_cycle must be a whole number (an int), got 1.5 (a float)"),
        (lambda: Cyclical(0.1, 0.5, 2, mode="cosine"),
         "mode must be one of triangular, triangular2, exp_range; got 'cosine'"),
        (lambda: Cyclical(0.1, 0.5, 2, mode="exp_range", gamma=0.0), "gamma must be in (0, 1], got 0.0"),
        (lambda: Cyclical(0.1, 0.5, 2, mode="exp_range", gamma=1.01), "gamma must be in (0, 1], got 1.01"),
    ],
)
def test_bad_settings_are_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises((TypeError, ValueError)) as error:
        make()
    assert str(error.value) == message
    # purenn.checks' rule: a value of the wrong type is a TypeError, a wrong value a PurennError
    assert isinstance(error.value, TypeError) == bool(re.search(r"\((a|an) \w+\)$", message))


# ------------------------------------------------------------- values, plot


@pytest.mark.parametrize("schedule", [Constant(0.1), StepDecay(0.5, every=3), Cyclical(0.1, 0.5, 4)], ids=repr)
def test_values_lists_the_first_n_rates(schedule: Schedule) -> None:
    assert schedule.values(0) == []
    values = schedule.values(25)
    assert len(values) == 25
    assert values == [schedule(t) for t in range(25)]


# ---------------------------------------------------------------- as_schedule


def test_as_schedule() -> None:
    assert as_schedule(0.1) == Constant(0.1)
    assert as_schedule(2) == Constant(2)
    schedules: List[Schedule] = [Constant(0.3), StepDecay(1.0), Cyclical(0.1, 0.2, 3)]
    for schedule in schedules:
        assert as_schedule(schedule) is schedule
    with pytest.raises(ValueError, match="rate must be a positive number, got 0"):
        as_schedule(0)
    with pytest.raises(ValueError, match="rate must be a positive number, got -1.0"):
        as_schedule(-1.0)


def test_repr_of_a_cyclical_with_an_unused_gamma_pastes_back() -> None:
    try:
        schedule = Cyclical(0.1, 0.5, 2, gamma=0.5)
    except ValueError:
        return  # refusing a gamma that triangular ignores is a fix too
    assert eval(repr(schedule), {"Cyclical": Cyclical}) == schedule
