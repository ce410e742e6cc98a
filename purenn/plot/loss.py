"""The loss curve: how the loss fell, epoch by epoch, and where it stopped falling.

``loss_curve`` draws one training run: the training loss, the validation
loss when there was validation data, the epoch where the loss levelled off
if it did (by the rule of ``purenn.nn.training.plateau_epoch``), the epoch whose weights early
stopping kept, and, when the learning rate changed during the run (a
cyclical or step schedule), the learning rate of every update against a
second y axis on the right. ``loss_curves`` puts several runs on one
figure, to compare settings.

>>> figure = loss_curve([1.0, 0.6, 0.4, 0.3, 0.25, 0.24, 0.24])
>>> figure.svg.count('class="line"')
1
"""

from typing import List, Mapping, Optional, Sequence, Union

from purenn.errors import PurennError
from purenn.nn.training import History, plateau_epoch
from purenn.plot.figure import Figure, Plot
from purenn.plot.legend import LegendEntry
from purenn.plot.marks import Line, Mark, Rule
from purenn.plot.scales import LinearScale, LogScale, Scale, extent
from purenn.plot.style import GRID, INK, PALETTE, Style, mix, series_style

__all__ = ["loss_curve", "loss_curves"]

Run = Union[History, Sequence[float]]
"""A training run: its History, or just the loss of every epoch."""

LEARNING_RATE_STYLE = Style(PALETTE[2], "2 4", "triangle", 2.0)
"""The learning rate: bluish green, dotted, on the right-hand axis."""

RULE_STYLE = Style(mix(INK, GRID, 0.35), "6 4", "circle", 1.5)
"""A marked epoch: a thin dashed dark-grey line."""


def _losses(run: Run) -> List[float]:
    return list(run.loss) if isinstance(run, History) else list(run)


def _loss_scale(values: Sequence[float], log: bool) -> Scale:
    low, high = extent(values)
    if log:
        if low <= 0.0:
            raise PurennError(f"a log scale cannot show a loss of {low!r}: draw this loss with log=False")
        return LogScale((low, high)).nice()
    return LinearScale((min(0.0, low), high)).nice()


def loss_curve(
    run: Run,
    *,
    log: bool = False,
    title: str = "Loss per epoch",
    width: float = 800,
    height: float = 500,
) -> Figure:
    """The loss of every epoch of one run; see the module docstring for what else is marked.

    ``run`` is a History (from ``MLP.fit`` or ``purenn.nn.training.train``)
    or a list of losses (from ``TwoLayerNetwork.fit``). ``log`` puts the loss
    on a log scale, where a loss that keeps halving falls in a straight line.
    """
    losses = _losses(run)
    if not losses:
        raise PurennError("loss_curve needs the loss of at least one epoch; this run has none")
    validation = list(run.validation_loss) if isinstance(run, History) else []
    rates = list(run.learning_rates) if isinstance(run, History) else []
    epochs = list(range(len(losses)))
    train_style, validation_style = series_style(0), series_style(1)
    marks: List[Mark] = [Line(epochs, losses, train_style)]
    legend = [LegendEntry("training loss", train_style)]
    if validation:
        marks.append(Line(list(range(len(validation))), validation, validation_style))
        legend.append(LegendEntry("validation loss", validation_style))
    plateau = plateau_epoch(losses)  # None when the loss had not levelled off within the run
    if plateau is not None:
        marks.append(Rule(plateau, f"plateau: epoch {plateau}", RULE_STYLE))
    if isinstance(run, History) and run.stopped_early:
        marks.append(Rule(run.best_epoch, f"kept: epoch {run.best_epoch}", RULE_STYLE, row=1))
    x = LinearScale((0, max(len(losses) - 1, 1))).nice()
    y = _loss_scale(losses + validation, log)
    y_title = "loss" + (" (log scale)" if log else "")
    if not rates or min(rates) == max(rates):  # a constant rate: nothing to show on a second axis
        return Figure.of(Plot(x, y, marks, "epoch", y_title, title, legend), width, height)
    per_epoch = len(rates) / len(losses)  # updates per epoch: update t is drawn at epoch t / per_epoch
    positions = [t / per_epoch for t in range(len(rates))]
    legend.append(LegendEntry("learning rate (right axis)", LEARNING_RATE_STYLE))
    plot = Plot(x, y, marks, "epoch", y_title, title, legend,
                y2=LinearScale((0.0, max(rates))).nice(), y2_marks=[Line(positions, rates, LEARNING_RATE_STYLE)],
                y2_title="learning rate", y2_colour=LEARNING_RATE_STYLE.colour)
    return Figure.of(plot, width, height)


def loss_curves(
    runs: Mapping[str, Run],
    *,
    log: bool = False,
    validation: bool = False,
    title: str = "Loss per epoch",
    y_title: Optional[str] = None,
    width: float = 800,
    height: float = 500,
) -> Figure:
    """Several runs' training losses on one figure, one series per run, named by the mapping's keys.

    With ``validation``, each run's validation loss is drawn instead. ``y_title``
    names the vertical axis when the series are other losses (say, a training
    and a test loss side by side); by default it says which loss is drawn.

    >>> figure = loss_curves({"constant": [1.0, 0.5, 0.3], "cyclical": [1.0, 0.4, 0.2]})
    >>> figure.svg.count('class="legend-entry"')
    2
    """
    if not runs:
        raise PurennError("loss_curves needs at least one run")
    marks: List[Mark] = []
    legend = []
    everything: List[float] = []
    longest = 1
    for index, (name, run) in enumerate(runs.items()):
        losses = _losses(run)
        if validation:
            if not isinstance(run, History) or not run.validation_loss:
                raise PurennError(f"the run {name!r} has no validation loss to draw")
            losses = list(run.validation_loss)
        if not losses:
            raise PurennError(f"the run {name!r} has no losses to draw")
        style = series_style(index)
        marks.append(Line(list(range(len(losses))), losses, style))
        legend.append(LegendEntry(name, style))
        everything += losses
        longest = max(longest, len(losses) - 1)
    if y_title is None:
        y_title = "validation loss" if validation else "training loss"
    y_title += " (log scale)" if log else ""
    x = LinearScale((0, longest)).nice()
    return Figure.of(Plot(x, _loss_scale(everything, log), marks, "epoch", y_title, title, legend), width, height)
