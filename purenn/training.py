"""Reading a training run: where the loss curve stops paying for more epochs.

The article trains for 1,500 epochs and notes that the loss is about as low
as it gets by around epoch 800. ``plateau_epoch`` turns that observation by
eye into a rule a program can apply to any run.
"""

from typing import Sequence

__all__ = ["PLATEAU_FRACTION", "plateau_epoch"]

PLATEAU_FRACTION = 0.02
"""The loss has plateaued once less than 2% of its total fall is still to come."""


def plateau_epoch(history: Sequence[float], fraction: float = PLATEAU_FRACTION) -> int:
    """The first epoch from which the loss stopped improving meaningfully.

    The rule: the total improvement of the run is history[0] − history[-1].
    The plateau starts at the first epoch e where what is still to be gained,
    history[e] − history[-1], is at most ``fraction`` (2%) of that total.
    The epochs after it bought less than 2% of the run's improvement.

    A run whose loss never fell plateaus at epoch 0.

    >>> plateau_epoch([1.0, 0.5, 0.2, 0.1, 0.1, 0.1])
    3
    >>> plateau_epoch([1.0, 0.5, 0.2, 0.1], fraction=0.25)
    2
    """
    if len(history) == 0:
        raise ValueError("plateau_epoch needs the loss of at least one epoch")
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"fraction must be at least 0 and below 1, got {fraction!r}")
    final = history[-1]
    total = history[0] - final
    if total <= 0.0:
        return 0
    return next(epoch for epoch, loss in enumerate(history) if loss - final <= fraction * total)
