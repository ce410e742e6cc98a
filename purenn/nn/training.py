"""Training loops beyond the article's: mini-batches, momentum, schedules, early stopping.

``train`` runs gradient descent on any model that can list its parameters,
replace them, and give the loss and gradients of a batch (a ``Trainable``:
``MLP`` and ``TwoLayerNetwork`` both are). Every ``fit`` returns a
``History``, which reads like the list of the epochs' losses.

The article trains for 1,500 epochs and observes that its loss is about as
low as it gets by around epoch 800. On a linear scale the curve does look
flat there, but the loss keeps falling (see docs/math.md, "Does the loss
stop falling?"). ``plateau_epoch`` replaces the judgement by eye with a rule
that does not depend on the run's length; early stopping (``patience``)
decides when to stop on held-out validation data instead.

The default learning rates of the library:

- ``ARTICLE_LEARNING_RATE`` = 1.0, for ``TwoLayerNetwork``: large next to
  deep-learning habits, and safe because the loss curves gently: σ' is at
  most 1/4 in both layers, the diabetes inputs are 0 or 1, and the loss is a
  mean (1/N). It is not the averaging alone: 1.0 learns the diabetes table
  in the article's 1,500 epochs, and so do 3 and 10, while 30 does not
  (docs/math.md, equation (14)).
- ``LEARNING_RATE`` = 0.1, for ``train`` and ``MLP.fit``: deeper networks
  with ReLU-like units (unbounded) and mini-batches take smaller steps.

>>> history = History(loss=[0.7, 0.4, 0.1])
>>> history[-1], len(history), max(history)
(0.1, 3, 0.7)
"""

import math
import random
from typing import TYPE_CHECKING, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError, ShapeError, TrainingDiverged
from purenn.checks import positive_number, whole_number
from purenn.linalg.matrix import Matrix
from purenn.nn.optim import SGD, Optimizer, Parameter
from purenn.nn.schedules import Schedule, as_schedule

if TYPE_CHECKING:  # a Protocol is only for the type checker: Python 3.6 has none at run time
    from typing import Protocol

__all__ = [
    "ARTICLE_LEARNING_RATE", "DIVERGED_RISE", "EPOCHS", "History", "LEARNING_RATE", "PLATEAU_FRACTION",
    "PLATEAU_WINDOW", "Parameter", "batches", "check_epochs", "check_learning_rate", "check_loss", "plateau_epoch",
    "train", "updates_per_epoch",
]


ARTICLE_LEARNING_RATE = 1.0
"""The default α of the article's ``TwoLayerNetwork`` (why: see the module docstring)."""

LEARNING_RATE = 0.1
"""The default α of ``train`` and ``MLP.fit`` (why: see the module docstring)."""

EPOCHS = 1500
"""The default number of epochs of both ``fit``s and of ``train``: the article's 1,500."""

PLATEAU_FRACTION = 0.01
"""The loss has levelled off once the next ``PLATEAU_WINDOW`` epochs bring it less than 1% lower."""

PLATEAU_WINDOW = 100
"""How many epochs ahead ``plateau_epoch`` looks from each epoch."""

DIVERGED_RISE = 20.0
"""Training has diverged once an epoch's loss is more than this many times the first epoch's.

Divergence does not always overflow: a loss clamps its logarithms at
``LOG_FLOOR`` (purenn/nn/losses.py), so with steps far too long the
outputs saturate at 0 and 1, on the wrong side for some rows, and the loss
stays finite, stuck at a multiple of 100 / N. The rise gives it away: from
random weights the loss starts near ln 2 (0.69 for one yes/no output), and
a run that learns stays far below 20 times that. The article's network on
the diabetes table with a learning rate of 100 starts at 0.8223 and then
swings between about 0.7 and the clamped 56.25 without settling; at epoch 3
its loss, 16.81, is 20.4 times the first, and training stops there
(tests/test_robust.py)."""


def plateau_epoch(
    history: Sequence[float], fraction: float = PLATEAU_FRACTION, window: int = PLATEAU_WINDOW
) -> Optional[int]:
    """The first epoch after which the loss got less than ``fraction`` of itself lower
    within the next ``window`` epochs; None when no epoch of the run qualifies.

    The rule: epoch e has levelled off when

        history[e] − min(history[e + 1], ..., history[e + window]) < fraction · history[e]

    (1% within 100 epochs by default). It is a *relative* improvement over a
    *fixed* window, looking forward from e only, so the answer does not depend
    on how long the run happened to be: a longer run of the same training
    finds the same epoch, and a run that ends before any epoch qualifies
    (including one shorter than ``window + 1`` epochs) gives None. Taking the
    lowest loss of the window, not its last, keeps one noisy epoch (common
    with mini-batches) from looking like the end of learning.

    A loss that only rises over the window counts as levelled off too: it did
    not fall. A NaN or infinite loss (a run that blew up) raises PurennError.

    Cross-entropy on data the network classifies perfectly has no finite
    minimiser: the loss keeps falling, ever more slowly, while the weights
    grow. The article's network on the diabetes table has not levelled off
    by this rule after its 1,500 epochs: its loss still falls by about 11%
    over the last 100.

    >>> plateau_epoch([1.0, 0.5, 0.2, 0.1, 0.0999, 0.0998], window=1)
    3
    >>> plateau_epoch([1.0, 0.5, 0.2, 0.1, 0.0999, 0.0998], window=3) is None
    True
    >>> plateau_epoch([1.0, float("nan")])
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: plateau_epoch needs finite losses, but the loss of epoch 1 is nan
    """
    if len(history) == 0:
        raise PurennError("plateau_epoch needs the loss of at least one epoch")
    if not 0.0 <= fraction < 1.0:
        raise PurennError(f"fraction must be at least 0 and below 1, got {fraction!r}")
    whole_number(window, "window", least=1)
    for epoch, loss in enumerate(history):
        if not math.isfinite(loss):
            raise PurennError(f"plateau_epoch needs finite losses, but the loss of epoch {epoch} is {loss!r}")
    for epoch in range(len(history) - window):
        lowest_ahead = min(history[epoch + 1:epoch + window + 1])
        if history[epoch] - lowest_ahead < fraction * history[epoch]:
            return epoch
    return None


# ------------------------------------------------------------------ training


if TYPE_CHECKING:

    class Trainable(Protocol):
        """What ``train`` and ``gradient_check`` need from a model: its parameters by
        name, a way to replace them, the loss and gradients of a batch, and the loss
        alone (for validation data). ``MLP`` and ``TwoLayerNetwork`` have all four."""

        def parameters(self) -> Dict[str, Parameter]: ...

        def set_parameters(self, parameters: Dict[str, Parameter]) -> None: ...

        def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]: ...

        def evaluate(self, X: Matrix, Y: Matrix) -> float: ...


def check_epochs(epochs: object) -> int:
    """Return ``epochs`` if it is a whole number of at least 0 (purenn.checks.whole_number).

    >>> check_epochs(-1)
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: epochs must be a whole number of at least 0, got -1
    """
    return whole_number(epochs, "epochs")


def check_learning_rate(learning_rate: object) -> float:
    """Return ``learning_rate`` as a float if it is a positive number, else raise naming it.

    >>> check_learning_rate(0)
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: learning_rate must be a positive number, got 0
    """
    return positive_number(learning_rate, "learning_rate")


class History(Sequence[float]):
    """What happened while training, epoch by epoch; every ``fit`` returns one.

    ``loss``: the training loss of each epoch (the mean of its batches' losses,
    weighted by batch size; each batch's loss is measured before its update).
    ``validation_loss``: the loss on the validation data after each epoch
    (empty without validation data). ``learning_rates``: the rate of every
    update. ``best_epoch``: the epoch whose weights the model kept (the one with
    the lowest validation loss when stopping early; else the last).
    ``interrupted``: training was stopped by Ctrl-C (KeyboardInterrupt); the
    model has the weights of the last epoch that finished.

    A History reads like the list of losses it holds: ``history[-1]`` is the
    last epoch's loss, ``len(history)`` the number of epochs run, and a loop
    over it gives the losses in order. To draw it, use ``purenn.plot``
    (``line_chart(history)``): nn computes, the layer above draws.
    """

    __slots__ = ("loss", "validation_loss", "learning_rates", "best_epoch", "stopped_early", "interrupted")

    def __init__(
        self,
        loss: Optional[List[float]] = None,
        validation_loss: Optional[List[float]] = None,
        learning_rates: Optional[List[float]] = None,
        best_epoch: int = -1,
        stopped_early: bool = False,
        interrupted: bool = False,
    ) -> None:
        self.loss: List[float] = [] if loss is None else loss
        self.validation_loss: List[float] = [] if validation_loss is None else validation_loss
        self.learning_rates: List[float] = [] if learning_rates is None else learning_rates
        self.best_epoch = best_epoch
        self.stopped_early = stopped_early
        self.interrupted = interrupted

    def __eq__(self, other: object) -> bool:
        """Equal when every field is: the same losses, rates, best epoch and way of stopping."""
        if not isinstance(other, History):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def __repr__(self) -> str:
        """Short enough for a debugger's variables pane, even after thousands of epochs."""
        if not self.loss:
            return "History(epochs_run=0)"
        validation = f", validation loss {self.validation_loss[-1]:.4g}" if self.validation_loss else ""
        text = (
            f"History(epochs_run={self.epochs_run}, loss {self.loss[0]:.4g} -> {self.loss[-1]:.4g}{validation}, "
            f"best_epoch={self.best_epoch}, stopped_early={self.stopped_early})"
        )
        return text if len(text) <= 100 else text.replace(", best_epoch", ",\n        best_epoch")


    @property
    def epochs_run(self) -> int:
        """How many epochs ran (fewer than asked for when training stopped early)."""
        return len(self.loss)

    @overload
    def __getitem__(self, epoch: int) -> float: ...

    @overload
    def __getitem__(self, epochs: slice) -> List[float]: ...

    def __getitem__(self, epoch: Union[int, slice]) -> Union[float, List[float]]:
        """The loss of an epoch (``history[-1]``), or of a slice of epochs as a list."""
        return self.loss[epoch]

    def __len__(self) -> int:
        """The number of epochs run."""
        return len(self.loss)

    def __iter__(self) -> Iterator[float]:
        """The loss of every epoch, in order."""
        return iter(self.loss)


def batches(m: int, batch_size: Optional[int], rng: Optional[random.Random]) -> List[List[int]]:
    """The row indices of each mini-batch of one epoch.

    Without ``batch_size`` (full-batch gradient descent, as in the article)
    there is one batch of all rows, in order. Otherwise the rows are shuffled
    with ``rng`` and cut into batches of ``batch_size``; the last may be
    smaller.

    >>> batches(5, None, None)
    [[0, 1, 2, 3, 4]]
    >>> batches(5, 2, random.Random(0))
    [[2, 1], [0, 4], [3]]
    """
    order = list(range(m))
    if batch_size is None or batch_size >= m:
        if batch_size is not None and rng is not None:
            rng.shuffle(order)
        return [order]
    if rng is None:
        raise PurennError("mini-batches need a random.Random to shuffle with")
    rng.shuffle(order)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def updates_per_epoch(m: int, batch_size: Optional[int]) -> int:
    """How many weight updates one epoch over ``m`` rows makes: one per mini-batch of ``batches``,
    one for full-batch training. A schedule counts updates, so this turns epochs into its steps.

    >>> updates_per_epoch(150, None), updates_per_epoch(150, 32), updates_per_epoch(10, 32)
    (1, 5, 1)
    >>> updates_per_epoch(150, 32) == len(batches(150, 32, random.Random(0)))
    True
    """
    if batch_size is None or batch_size >= m:
        return 1
    return math.ceil(m / batch_size)


def train(
    model: "Trainable",
    X: Matrix,
    Y: Matrix,
    epochs: int = EPOCHS,
    learning_rate: Optional[Union[float, Schedule]] = None,
    on_epoch: Optional[Callable[[int, float], None]] = None,
    *,
    batch_size: Optional[int] = None,
    optimizer: Optional[Optimizer] = None,
    seed: int = 0,
    validation: Optional[Tuple[Matrix, Matrix]] = None,
    patience: Optional[int] = None,
) -> History:
    """Train ``model`` by gradient descent on (X, Y); return the History.

    - ``learning_rate``: a number, or a schedule from purenn.nn.schedules, asked
      for the rate α of every update and given to the optimizer before it.
      None: the optimizer's own rate, or ``LEARNING_RATE`` without an optimizer.
    - ``on_epoch(epoch, loss)``: called after every epoch: a hook for a
      progress display (``purenn.plot.progress.Progress`` is one), a log, or a
      list of your own.
    - ``batch_size``: None for full-batch gradient descent (the article's);
      a number for mini-batches, reshuffled every epoch by ``random.Random(seed)``.
    - ``optimizer``: how each update moves the weights, one of purenn.nn.optim's
      (``SGD(0.01, momentum=0.9)``, ``Adam()``, ...); it keeps its state across
      calls. Without one, plain gradient descent: p ← p − α·∂J/∂p, equation (14).
    - ``validation`` = (X_val, Y_val) and ``patience``: early stopping. After
      each epoch the loss on the validation data is measured; when it has not
      improved for ``patience`` epochs in a row, training stops and the model
      gets back the weights of its best epoch.

    Ctrl-C (a KeyboardInterrupt, raised anywhere in an epoch or by
    ``on_epoch``) stops training: the model gets back the weights of the
    last epoch that finished, and the History, marked ``interrupted``,
    holds the epochs that ran.
    """
    _check_arguments(model, X, Y, epochs, batch_size, patience, validation)
    if optimizer is None:
        optimizer = SGD(LEARNING_RATE)
    else:
        _check_optimizer(optimizer, learning_rate)
    rate = optimizer.learning_rate if learning_rate is None else learning_rate
    run = _Run(model, optimizer, as_schedule(rate if callable(rate) else check_learning_rate(rate)))
    rng = random.Random(seed)
    try:
        for epoch in range(epochs):
            loss = run.epoch(X, Y, epoch, batches(X.shape[0], batch_size, rng), batch_size is not None)
            if on_epoch is not None:
                on_epoch(epoch, loss)
            if validation is not None and run.should_stop(validation, epoch, patience):
                break
    except KeyboardInterrupt:  # Ctrl-C: keep what the finished epochs learned, and say so
        model.set_parameters(run.finished)
        run.history.interrupted = True
    if not run.history.stopped_early:
        run.history.best_epoch = len(run.history.loss) - 1
    return run.history


def _check_arguments(
    model: "Trainable",
    X: Matrix,
    Y: Matrix,
    epochs: int,
    batch_size: Optional[int],
    patience: Optional[int],
    validation: Optional[Tuple[Matrix, Matrix]],
) -> None:
    """Refuse, before any work, what ``train`` cannot use, naming the argument and the rule."""
    check_epochs(epochs)
    if batch_size is not None:
        whole_number(batch_size, "batch_size", least=1)
    if patience is not None:
        whole_number(patience, "patience", least=1)
    if patience is not None and validation is None:
        raise PurennError("early stopping (patience) needs validation data to watch")
    if not all(callable(getattr(model, name, None)) for name in ("parameters", "set_parameters", "loss_and_gradients")):
        raise TypeError(f"train needs a model such as MLP or TwoLayerNetwork, got {type(model).__name__}")
    if not isinstance(X, Matrix) or not isinstance(Y, Matrix):
        raise TypeError(f"X and Y must be Matrices, one row per sample; got {type(X).__name__} and {type(Y).__name__}")
    if validation is not None and not (
        isinstance(validation, tuple) and len(validation) == 2 and all(isinstance(M, Matrix) for M in validation)
    ):
        raise TypeError(f"validation must be a pair of Matrices (X_val, Y_val), got {validation!r:.80}")
    if X.shape[0] != Y.shape[0]:
        raise ShapeError(f"X has {X.shape[0]} rows but Y has {Y.shape[0]}: there must be one target row per sample")


class _Run:
    """The state of one call of ``train``: the history so far, the update count, and the
    weights to fall back on (the best epoch's, for early stopping; the last finished one's, for Ctrl-C)."""

    def __init__(self, model: "Trainable", optimizer: Optimizer, schedule: Schedule) -> None:
        self.model, self.optimizer, self.schedule = model, optimizer, schedule
        self.history = History()
        self.step = 0
        self.finished = self.best_parameters = model.parameters()
        self.best_loss = math.inf
        self.waited = 0

    def epoch(self, X: Matrix, Y: Matrix, epoch: int, order: List[List[int]], mini_batches: bool) -> float:
        """One pass over the data, one update per batch; returns the epoch's loss."""
        model, optimizer = self.model, self.optimizer
        weighted_losses: List[Tuple[float, int]] = []
        alpha = 0.0
        for rows in order:
            X_batch, Y_batch = (X.take(rows), Y.take(rows)) if mini_batches else (X, Y)
            alpha = optimizer.learning_rate = _scheduled(self.schedule, self.step)
            try:
                loss, gradients = model.loss_and_gradients(X_batch, Y_batch)
            except OverflowError as error:
                raise TrainingDiverged(_diverged(epoch, self.step, alpha, "overflowed")) from error
            model.set_parameters(optimizer.step(model.parameters(), gradients))
            self.history.learning_rates.append(alpha)
            weighted_losses.append((loss, len(rows)))
            self.step += 1
        # the epoch's loss: its batches' losses, weighted by their sizes (one batch: its loss)
        epoch_loss = weighted_losses[0][0] if len(weighted_losses) == 1 else (
            math.fsum(loss * size for loss, size in weighted_losses) / X.shape[0]
        )
        if not math.isfinite(epoch_loss) or not _all_finite(model.parameters()):
            raise TrainingDiverged(_diverged(epoch, self.step - 1, alpha, "became infinite or NaN"))
        check_loss(epoch, epoch_loss, self.history.loss, alpha, self.step - 1)
        self.history.loss.append(epoch_loss)
        self.finished = model.parameters()
        return epoch_loss

    def should_stop(self, validation: Tuple[Matrix, Matrix], epoch: int, patience: Optional[int]) -> bool:
        """Measure the validation loss; True (with the best epoch's weights put back) when it is time to stop."""
        validation_loss = self.model.evaluate(*validation)
        self.history.validation_loss.append(validation_loss)
        if validation_loss < self.best_loss:
            self.best_loss, self.best_parameters, self.waited = validation_loss, self.model.parameters(), 0
            self.history.best_epoch = epoch
            return False
        self.waited += 1
        if patience is None or self.waited < patience:
            return False
        self.history.stopped_early = True
        self.model.set_parameters(self.best_parameters)
        return True


def _check_optimizer(optimizer: object, learning_rate: Optional[Union[float, Schedule]]) -> None:
    """Refuse an optimizer that is not one, and a learning rate the optimizer's own would silently override."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"optimizer must be an optimiser of purenn.nn.optim, such as Adam(learning_rate=0.003), "
                        f"got {optimizer!r:.40} (a {type(optimizer).__name__})")
    if learning_rate is not None and not callable(learning_rate) and learning_rate != optimizer.learning_rate:
        raise PurennError(
            f"learning_rate={learning_rate!r} would replace the rate {optimizer.learning_rate:g} the optimizer "
            f"was given: give the rate to the optimizer ({type(optimizer).__name__}(learning_rate=...)) only, "
            "or a schedule as learning_rate"
        )


def check_loss(epoch: int, loss: float, losses: Sequence[float], alpha: float, step: Optional[int] = None,
               usual: float = LEARNING_RATE) -> None:
    """Raise TrainingDiverged when the loss of ``epoch`` (after the earlier ``losses``) shows that training diverged.

    It has when the loss is NaN or infinite, or more than DIVERGED_RISE
    times the first epoch's loss: a clamped loss that stopped falling (see
    ``DIVERGED_RISE``). ``alpha`` is the learning rate of the last update,
    ``step`` its number (by default, the epoch's); ``usual`` the model's
    default rate, which the message suggests when a tenth of ``alpha`` is
    larger still.

    >>> check_loss(1, 50.0, [0.69], alpha=1e300)
    Traceback (most recent call last):
    ...
    purenn.errors.TrainingDiverged: training diverged: at epoch 1 (...) the loss rose to 50, more than 20 times ... 0.1.
    """
    step = epoch if step is None else step
    if not math.isfinite(loss):
        raise TrainingDiverged(_diverged(epoch, step, alpha, "became infinite or NaN", usual))
    if losses and loss > DIVERGED_RISE * losses[0] > 0.0:
        what = f"loss rose to {loss:.4g}, more than {DIVERGED_RISE:g} times the first epoch's ({losses[0]:.4g})"
        raise TrainingDiverged(_diverged(epoch, step, alpha, what, usual))


def _scheduled(schedule: Schedule, step: int) -> float:
    """The learning rate a schedule gives for update ``step``: a positive number, or an error naming the update."""
    rate = schedule(step)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        raise TypeError(f"the learning-rate schedule gave {rate!r:.40} for update {step}; a rate is a number")
    if not 0.0 < rate < math.inf:
        raise PurennError(f"the learning-rate schedule gave {rate!r} for update {step}; a learning rate must be "
                          "a positive number (a negative one climbs the loss instead of descending it)")
    return float(rate)


def _diverged(epoch: int, step: int, alpha: float, what: str, usual: float = LEARNING_RATE) -> str:
    numbers = "the " if what.startswith("loss") else "the numbers "
    return (
        f"training diverged: at epoch {epoch} (update {step}, learning rate {alpha:g}) {numbers}"
        f"{what}, because the steps overshoot the minimum by more each time. "
        f"Try a smaller learning rate, such as {min(alpha / 10, usual):g}."
    )


def _all_finite(parameters: Dict[str, Parameter]) -> bool:
    """True when no weight or bias is infinite or NaN."""
    for value in parameters.values():
        entries = value.flat if isinstance(value, Matrix) else value
        if not all(map(math.isfinite, entries)):
            return False
    return True
