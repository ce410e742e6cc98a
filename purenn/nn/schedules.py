"""Learning-rate schedules: the step size α as a function of the update number.

A schedule is a small immutable object you can call, print and plot:
``schedule(t)`` is the learning rate of update t (t counts every weight
update from 0: one per epoch in full-batch training, one per mini-batch
otherwise), and ``schedule.values(n)`` lists the first n rates.

- ``Constant(rate)``: the article's fixed α.
- ``StepDecay(initial, factor, every)``: multiply by ``factor`` every ``every`` updates.
- ``Cyclical(base, peak, half_cycle, mode)``: L. Smith's cyclical learning
  rates ("Cyclical Learning Rates for Training Neural Networks", 2017). The
  rate climbs linearly from ``base`` to ``peak`` over ``half_cycle`` updates,
  falls back over the next ``half_cycle``, and repeats. Smith's argument:
  short stretches of large steps help escape saddle points and flat regions,
  and the small steps between them settle into a minimum, with no need to
  search for the one best fixed rate.

>>> schedule = Cyclical(base=0.1, peak=0.5, half_cycle=2)
>>> [round(rate, 2) for rate in schedule.values(9)]
[0.1, 0.3, 0.5, 0.3, 0.1, 0.3, 0.5, 0.3, 0.1]
>>> schedule
Cyclical(base=0.1, peak=0.5, half_cycle=2, mode='triangular')
"""

import math
from typing import Callable, Dict, List, Tuple, Type, Union

from purenn.errors import PurennError
from purenn.checks import positive_number, whole_number

__all__ = ["Constant", "Cyclical", "SCHEDULES", "Schedule", "StepDecay", "as_schedule"]


class _Schedule:
    """What every schedule shares: its settings, named by ``__slots__``, make one value that
    cannot change (printed, compared and hashed by them), and the list of its values
    (``purenn.plot`` draws them)."""

    __slots__: Tuple[str, ...] = ()

    def _set_once(self, *settings: object) -> None:
        """Set the settings once, in the order of ``__slots__``: the constructor's last step."""
        for name, value in zip(self.__slots__, settings):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a {type(self).__name__} cannot change: make a new one instead of setting {name}")

    def _settings(self) -> Tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, _Schedule) and other._settings() == self._settings()

    def __hash__(self) -> int:
        return hash((type(self).__name__,) + self._settings())

    def __repr__(self) -> str:
        settings = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({settings})"

    def __call__(self, step: int) -> float:
        raise NotImplementedError

    def values(self, steps: int) -> List[float]:
        """The learning rates of updates 0, 1, ..., steps − 1 (at most ten million of them)."""
        _check_step(steps)
        if steps > 10_000_000:
            raise PurennError(f"values(steps) lists at most 10,000,000 rates, got {steps:,}; ask for fewer")
        return [self(t) for t in range(steps)]


class Constant(_Schedule):
    """The same learning rate for every update.

    >>> Constant(0.5)(1000)
    0.5
    """

    __slots__ = ("rate",)
    rate: float

    def __init__(self, rate: float) -> None:
        positive_number(rate, "rate")
        self._set_once(rate)

    def __call__(self, step: int) -> float:
        return float(self.rate)

    @classmethod
    def for_run(cls, learning_rate: float, epochs: int, updates_per_epoch: int) -> "Constant":
        """``learning_rate`` throughout."""
        return cls(learning_rate)


class StepDecay(_Schedule):
    """α(t) = initial · factor^⌊t / every⌋: the rate drops by ``factor`` every ``every`` updates.

    >>> StepDecay(1.0, factor=0.5, every=10).values(25)[::5]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """

    __slots__ = ("initial", "factor", "every")
    initial: float
    factor: float
    every: int

    def __init__(self, initial: float, factor: float = 0.5, every: int = 100) -> None:
        positive_number(initial, "initial")
        if not 0.0 < factor <= 1.0:
            raise PurennError(f"factor must be in (0, 1], got {factor!r}")
        whole_number(every, "every", least=1)
        self._set_once(initial, factor, every)

    def __call__(self, step: int) -> float:
        _check_step(step)
        return self.initial * self.factor ** (step // self.every)

    @classmethod
    def for_run(cls, learning_rate: float, epochs: int, updates_per_epoch: int) -> "StepDecay":
        """Start at ``learning_rate`` and halve it every quarter of the epochs.

        >>> StepDecay.for_run(0.1, epochs=200, updates_per_epoch=5)
        StepDecay(initial=0.1, factor=0.5, every=250)
        """
        return cls(learning_rate, factor=0.5, every=updates_per_epoch * max(1, epochs // 4))


_MODES = ("triangular", "triangular2", "exp_range")


class Cyclical(_Schedule):
    """Smith's triangular cyclical learning rate, with its two decaying variants.

    With t the update number and s = half_cycle (Smith's "step size"):

        cycle = ⌊1 + t / (2s)⌋             which cycle t is in, from 1
        x     = |t / s − 2·cycle + 1|      1 at the cycle's ends, 0 at its middle
        α(t)  = base + (peak − base) · max(0, 1 − x) · scale

    where scale is 1 for "triangular", 1 / 2^(cycle − 1) for "triangular2"
    (each cycle's amplitude is half the last one's) and gamma^t for
    "exp_range" (the amplitude decays smoothly).

    >>> Cyclical(0.0, 1.0, half_cycle=2, mode="triangular2").values(10)
    [0.0, 0.5, 1.0, 0.5, 0.0, 0.25, 0.5, 0.25, 0.0, 0.125]
    """

    __slots__ = ("base", "peak", "half_cycle", "mode", "gamma")
    base: float
    peak: float
    half_cycle: int
    mode: str
    gamma: float

    def __init__(
        self, base: float, peak: float, half_cycle: int, mode: str = "triangular", gamma: float = 1.0
    ) -> None:
        if not isinstance(base, (int, float)) or not 0.0 <= base < math.inf:
            raise PurennError(f"base must be a number of at least 0, got {base!r}")
        positive_number(peak, "peak")
        if peak < base:
            raise PurennError(f"peak ({peak!r}) must not be below base ({base!r})")
        whole_number(half_cycle, "half_cycle", least=1)
        if mode not in _MODES:
            raise PurennError(f"mode must be one of {', '.join(_MODES)}; got {mode!r}")
        if not 0.0 < gamma <= 1.0:
            raise PurennError(f"gamma must be in (0, 1], got {gamma!r}")
        self._set_once(base, peak, half_cycle, mode, gamma)

    def __call__(self, step: int) -> float:
        _check_step(step)
        s = self.half_cycle
        cycle = 1 + step // (2 * s)
        # x = |t / s − 2·cycle + 1|, from t's place within its cycle: exact for every whole t, however large
        x = abs((step - 2 * s * (cycle - 1)) / s - 1)
        if self.mode == "triangular":
            scale = 1.0
        elif self.mode == "triangular2":
            scale = 0.5 ** (cycle - 1) if cycle < 2000 else 0.0  # 0.5^1999 is already below the smallest float
        else:
            scale = self.gamma**step
        return self.base + (self.peak - self.base) * max(0.0, 1.0 - x) * scale

    @classmethod
    def for_run(cls, learning_rate: float, epochs: int, updates_per_epoch: int) -> "Cyclical":
        """Smith's triangular schedule between ``learning_rate`` / 4 and ``learning_rate``, with a half
        cycle of 4 epochs (Smith suggests 2 to 10).

        >>> Cyclical.for_run(0.2, epochs=200, updates_per_epoch=10)
        Cyclical(base=0.05, peak=0.2, half_cycle=40, mode='triangular')
        """
        return cls(learning_rate / 4, learning_rate, half_cycle=4 * updates_per_epoch)

    def __repr__(self) -> str:
        gamma = f", gamma={self.gamma!r}" if self.mode == "exp_range" or self.gamma != 1.0 else ""
        return (
            f"Cyclical(base={self.base!r}, peak={self.peak!r}, half_cycle={self.half_cycle!r}, "
            f"mode={self.mode!r}{gamma})"
        )


Schedule = Callable[[int], float]
"""Any function from the update number t (from 0) to a learning rate: the
classes above, or your own, e.g. ``lambda t: 0.1 * 0.99 ** t``."""


SCHEDULES: Dict[str, Type[Union[Constant, StepDecay, Cyclical]]] = {
    "constant": Constant, "step": StepDecay, "cyclic": Cyclical,
}
"""Every schedule by its short name, as the command line names them. Each class's ``for_run(learning_rate,
epochs, updates_per_epoch)`` gives a sensible schedule of its kind for a run of that length: a new schedule is
one class above and one entry here.

>>> SCHEDULES["step"].for_run(0.1, epochs=8, updates_per_epoch=1)
StepDecay(initial=0.1, factor=0.5, every=2)
"""


def as_schedule(learning_rate: Union[float, Schedule]) -> Schedule:
    """A schedule as it is, or a plain number as a Constant schedule.

    >>> as_schedule(0.1)
    Constant(rate=0.1)
    >>> as_schedule(lambda t: 1 / (1 + t))(3)
    0.25
    """
    if callable(learning_rate):
        return learning_rate
    return Constant(learning_rate)


def _check_step(step: object) -> None:
    """An update number is a whole number, at least 0."""
    if not isinstance(step, int) or isinstance(step, bool):
        raise TypeError(f"a schedule's step is the number of the update, an int; got {step!r}")
    if step < 0:
        raise PurennError(f"a schedule's step counts updates from 0; got {step}")
