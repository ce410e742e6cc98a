"""From a data set to a trained, scored model: what ``python -m purenn train`` does.

The steps, in the order that keeps the test score honest:

1. split the rows into a training part and a test part (stratified for
   classification, so both parts keep the class proportions); with early
   stopping, hold out a validation part of the training rows as well;
2. fit the scaler on the training rows only, and scale every part with it
   (for regression the target is standardised too, and un-scaled for scoring);
3. pick the output/loss pairing from the task: sigmoid + binary cross-entropy
   for two classes, softmax + categorical cross-entropy for more, identity +
   mean squared error for regression;
4. train an MLP with the chosen settings;
5. score it on the training and test parts.

``prepare`` does steps 1 to 3 and ``fit_and_score`` steps 4 and 5, so that a
caller can show the plan before the (slow) training starts; ``train_model``
does all five.

>>> from purenn.data.datasets import xor
>>> result = train_model(xor(), TrainConfig(layers=(8,), activation="tanh", epochs=300,
...                      batch_size=None, learning_rate=0.5, momentum=0.0, test_size=0, scale="none"))
>>> result.scores.train_accuracy, result.scores.test_accuracy
(1.0, None)
"""

import math
from typing import Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple, TypeVar, Union

from purenn.errors import DataError, PurennError
from purenn.text import counted
from purenn.linalg.matrix import Matrix
from purenn.nn import losses, metrics
from purenn.nn.mlp import MLP, OUTPUT_FOR_TASK
from purenn.nn.optim import OPTIMIZERS, SGD, Optimizer
from purenn.nn.schedules import SCHEDULES, Schedule
from purenn.nn.training import History
from purenn.data.datasets import Dataset
from purenn.data.preprocessing import SCALERS, ColumnError, Scaler, StandardScaler, train_test_split
from purenn.app.messages import Message, Setting
from purenn.app.modelfile import TrainedModel

__all__ = [
    "LEARNING_RATES", "MAX_NUMBERS", "MIN_TEST_ROWS", "OPTIMIZERS", "SCHEDULES", "VALIDATION_SIZE", "Part", "Parts",
    "Prepared", "Scores", "TrainConfig", "TrainingResult", "check_prediction_size", "check_run_size", "fit_and_score",
    "prepare", "run_size", "train_model",
]

_T = TypeVar("_T")

LEARNING_RATES: Dict[str, float] = {"sgd": 0.01, "adam": 0.003, "adamw": 0.003, "rmsprop": 0.003}
"""The ``train`` command's default learning rate for each optimiser, and why:

- 0.01 for SGD, which the command uses with momentum 0.9: momentum sums past
  gradients, so on a steady slope each step grows to 0.01 / (1 − 0.9) = 0.1
  times the gradient, the size of the library's ``LEARNING_RATE``
  (purenn/nn/training.py).
- 0.003 for Adam, AdamW and RMSprop. Adam and AdamW (Adam, but for its
  weight decay) move every weight by up to about the learning rate per
  update, whatever the size of its gradient. At PyTorch's default of 0.001
  that is too slow for 200 epochs: the spirals (seed 0) reach a test
  accuracy of 0.84, against 0.96 at 0.003. At 0.01 the loss can jump late
  in training: the spirals (seed 2) end at 4.8 times their lowest loss with
  Adam and 3.2 times with RMSprop; at 0.003, at 1.1 times with either.
"""

VALIDATION_SIZE = 0.15
"""With early stopping, the share of the training rows held out to watch the validation loss."""

MIN_TEST_ROWS = 10
"""Below this many test rows a test score says little (one row is 10% or more); a warning says so."""

MAX_NUMBERS = 20_000_000
"""The most numbers a training run may hold at once (``run_size``): twenty million, some
0.5 to 1 GB in plain Python, where each number is an object of its own; a run that
would need more is refused before anything is built."""


def run_size(rows: int, sizes: Sequence[int]) -> int:
    """About how many numbers training a network of layer ``sizes`` on ``rows`` rows holds at once.

    The weights and biases four times over (themselves, their gradients, and
    an optimiser's two running averages), and three numbers per unit for a
    pass over every row (each layer's sums, its outputs, and their gradients).
    The data themselves are already read, and bounded by the file's limits.

    >>> run_size(150, (4, 16, 8, 3))
    13122
    """
    weights = sum((before + 1) * after for before, after in zip(sizes, sizes[1:]))
    return 4 * weights + 3 * rows * sum(sizes[1:])


def check_run_size(rows: int, sizes: Sequence[int]) -> None:
    """Refuse, before anything is built, a run that would hold more than MAX_NUMBERS numbers (``run_size``).

    >>> check_run_size(150, (4, 10_000_000, 3))
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: ... 4 -> 10000000 -> 3 trained on 150 rows would hold about 4,820,001,362 numbers ...
    """
    needed = run_size(rows, sizes)
    if needed > MAX_NUMBERS:
        raise PurennError(
            f"a network of layer sizes {' -> '.join(str(size) for size in sizes)} trained on {counted(rows, 'row')} "
            f"would hold about {needed:,} numbers at once, over the limit of {MAX_NUMBERS:,} (some 0.5 to 1 GB in "
            "plain Python): use fewer or smaller hidden layers, or fewer rows"
        )


def check_prediction_size(rows: int, sizes: Sequence[int]) -> None:
    """Refuse, before the pass is made, predictions that would hold more than MAX_NUMBERS numbers.

    One pass of ``rows`` rows through a network of layer ``sizes`` holds each
    layer's sums and outputs for every row: 2 · rows · (every size but the
    first). The weights are already read, and bounded by the model file's limits.

    >>> check_prediction_size(3_000, (1, 300_000, 1))
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: predicting 3,000 rows with ... 1 -> 300000 -> 1 would hold about 1,800,006,000 ...
    """
    needed = 2 * rows * sum(sizes[1:])
    if needed > MAX_NUMBERS:
        raise PurennError(
            f"predicting {rows:,} rows with a network of layer sizes {' -> '.join(str(size) for size in sizes)} "
            f"would hold about {needed:,} numbers at once, over the limit of {MAX_NUMBERS:,} (some 0.5 to 1 GB in "
            "plain Python): predict fewer rows at a time"
        )


class TrainConfig(NamedTuple):
    """Every setting of a training run.

    The defaults train every built-in data set well and suit a CSV of a few
    hundred to a couple of thousand rows: two leaky ReLU hidden layers (16
    and 8), mini-batches of 32, SGD with momentum 0.9 and a learning rate of
    0.01, 200 epochs, a stratified 25% test part, standardised inputs.
    Leaky ReLU rather than ReLU, because a ReLU layer can go silent for
    good; 0.01 because with momentum 0.9 the steps grow to ten times the
    rate (see ``LEARNING_RATES``). The
    runs behind these choices are in ``benchmarks/README.md``.
    ``test_size`` 0 keeps no test part: every row trains, and only the
    training scores are reported.
    """

    layers: Tuple[int, ...] = (16, 8)
    activation: str = "leaky_relu"
    epochs: int = 200
    batch_size: Optional[int] = 32
    learning_rate: float = 0.01
    schedule: str = "constant"
    momentum: float = 0.9
    optimizer: str = "sgd"
    weight_decay: Optional[float] = None
    test_size: float = 0.25
    scale: str = "standard"
    seed: int = 0
    patience: Optional[int] = None

    def make_optimizer(self) -> Optimizer:
        """A new optimiser of the kind this config names (``purenn.nn.optim.OPTIMIZERS``), with
        ``momentum`` for "sgd" (the others keep their own running averages) and ``weight_decay``
        (None: the optimiser's own default, 0.01 for AdamW and 0 for the others).

        >>> TrainConfig(optimizer="adamw").make_optimizer()
        AdamW(learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.01)
        """
        kind = _lookup(OPTIMIZERS, self.optimizer, "optimizer")
        settings: Dict[str, float] = {} if self.weight_decay is None else {"weight_decay": self.weight_decay}
        if kind is SGD:
            settings["momentum"] = self.momentum
        return kind(self.learning_rate, **settings)

    def schedule_for(self, updates_per_epoch: int) -> Schedule:
        """The learning-rate schedule this config names (``purenn.nn.schedules.SCHEDULES``), counted in
        updates: constant, step (halve the rate every quarter of the epochs) or cyclic (Smith's triangular
        schedule between learning_rate / 4 and learning_rate, with a half cycle of 4 epochs).

        >>> TrainConfig(learning_rate=0.2, schedule="cyclic").schedule_for(10)
        Cyclical(base=0.05, peak=0.2, half_cycle=40, mode='triangular')
        """
        kind = _lookup(SCHEDULES, self.schedule, "schedule")
        return kind.for_run(self.learning_rate, self.epochs, updates_per_epoch)


def _lookup(table: Mapping[str, _T], name: str, what: str) -> _T:
    if name not in table:
        raise PurennError(f"unknown {what} {name!r}; choose one of: {', '.join(table)}")
    return table[name]


# ------------------------------------------------------------------ the parts


class Part(NamedTuple):
    """One part of a data set's rows, raw (not scaled): inputs X (m, n) and targets Y (m, o)."""

    X: Matrix
    Y: Matrix


class Parts(NamedTuple):
    """Where the rows of a data set went.

    ``train``: the rows the network learns from, and the scalers are fitted on.
    ``validation``: rows held out of the training part for early stopping to
    watch (only with ``patience``; else None).
    ``test``: rows held out for the test score (None when ``test_size`` is 0).
    ``stratified``: whether each class was split on its own; if not, for
    classification, ``unstratified_because`` says why.
    """

    train: Part
    validation: Optional[Part]
    test: Optional[Part]
    stratified: bool
    unstratified_because: str = ""


class Prepared(NamedTuple):
    """Steps 1 to 3: the parts, the scalers fitted on the training rows, and the network's shape.

    ``warnings`` are about the data, known before training: a test part too
    small to mean much, for instance. Each is a ``Message`` that names the
    settings to change, so that the command line can show them as flags.
    """

    data: Dataset
    config: TrainConfig
    parts: Parts
    scaler: Scaler
    target_scaler: Optional[Scaler]
    sizes: Tuple[int, ...]
    output: str
    warnings: Tuple[Message, ...]


class Scores(NamedTuple):
    """How the trained model did: accuracy for classification, R² and MSE for regression.

    The scores of a task that does not apply are None, and so are the test
    scores when there is no test part. ``final_loss`` is the last epoch's
    training loss (for regression, on the standardised target).
    """

    final_loss: float
    epochs_run: int
    train_accuracy: Optional[float] = None
    test_accuracy: Optional[float] = None
    train_r2: Optional[float] = None
    test_r2: Optional[float] = None
    train_mse: Optional[float] = None
    test_mse: Optional[float] = None

    def as_dict(self) -> Dict[str, Union[int, float]]:
        """The scores that apply, by name: what the train command's metrics file holds.

        >>> Scores(final_loss=0.25, epochs_run=3, train_accuracy=1.0).as_dict()
        {'final_loss': 0.25, 'epochs_run': 3, 'train_accuracy': 1.0}
        """
        every: Dict[str, Optional[Union[int, float]]] = {
            "final_loss": self.final_loss,
            "epochs_run": self.epochs_run,
            "train_accuracy": self.train_accuracy,
            "test_accuracy": self.test_accuracy,
            "train_r2": self.train_r2,
            "test_r2": self.test_r2,
            "train_mse": self.train_mse,
            "test_mse": self.test_mse,
        }
        return {name: value for name, value in every.items() if value is not None}


class TrainingResult(NamedTuple):
    """The trained model, its history, where the rows went, and the scores.

    ``test_labels``: the true and the predicted class of every test row
    (classification with a test part only). ``warnings``: what looks wrong
    about the training run (the data's own are in ``Prepared.warnings``).
    """

    model: TrainedModel
    history: History
    parts: Parts
    scores: Scores
    test_labels: Optional[Tuple[List[int], List[int]]]
    warnings: Tuple[Message, ...]


# ---------------------------------------------------------------- the steps


def train_model(
    data: Dataset, config: TrainConfig, on_epoch: Optional[Callable[[int, float], None]] = None
) -> TrainingResult:
    """Split, scale, train and score, as the module docstring describes.

    ``on_epoch(epoch, loss)`` is called after every epoch, as training runs.
    """
    return fit_and_score(prepare(data, config), on_epoch)


def prepare(data: Dataset, config: TrainConfig) -> Prepared:
    """Steps 1 to 3: split the rows, fit the scalers on the training rows, choose the network.

    Raises PurennError for an unknown scaling or a test_size outside [0, 1),
    DataError when the rows cannot be split as asked.
    """
    if config.scale not in SCALERS:
        raise PurennError(f"unknown scaling {config.scale!r}; choose one of: {', '.join(SCALERS)}")
    if not 0.0 <= config.test_size < 1.0:
        raise PurennError(f"test_size must be at least 0 and below 1, got {config.test_size!r}")
    check_run_size(data.X.shape[0], (data.X.shape[1], *config.layers, data.Y.shape[1]))
    classes = data.class_names if data.task != "regression" else None
    train, test, validation = Part(data.X, data.Y), None, None
    divisions: List[Tuple[bool, str]] = []  # (stratified?, why not) for each split made
    warnings: List[Message] = []
    if config.test_size > 0:
        train, test, done, why = _divide(train, config.test_size, config.seed, classes)
        divisions.append((done, why))
        if len(test.X) < MIN_TEST_ROWS:
            warnings.append(Message(
                f"the test part has only {counted(len(test.X), 'row')}, too few for its score to mean much; "
                "use more data or a larger {}, or {} to train on every row "
                "(for a table of every case there is, like xor or diabetes, nothing is unseen)",
                (Setting("test_size"), Setting("test_size", 0)),
            ))
    if config.patience is not None:
        try:
            train, validation, done, why = _divide(train, VALIDATION_SIZE, config.seed, classes)
        except DataError as error:  # its words are train_test_split's, about a test_size the user never gave
            raise DataError(
                f"early stopping (patience) holds out {VALIDATION_SIZE:.0%} of the training rows to watch, but "
                f"{counted(len(train.X), 'training row')} cannot be divided so ({_cause(error)}): use more data, "
                "or train without early stopping"
            ) from None
        divisions.append((done, why))
    stratified = bool(divisions) and all(done for done, _ in divisions)
    because = next((why for _, why in divisions if why), "")
    try:
        scaler = SCALERS[config.scale].fit(train.X)
    except ColumnError as error:  # name the column, not its number
        raise DataError(f"{data.name}: feature {data.feature_names[error.column]!r}: {error.problem}") from None
    try:
        target_scaler = StandardScaler.fit(train.Y) if classes is None and config.scale != "none" else None
    except ColumnError as error:
        raise DataError(f"{data.name}: target {data.target_names[error.column]!r}: {error.problem}") from None
    parts = {"training": train, "validation": validation, "test": test}
    for name, part in parts.items():
        if part is not None:
            _check_scaled(data, name, part, scaler, target_scaler)
    return Prepared(
        data=data,
        config=config,
        parts=Parts(train, validation, test, stratified, because),
        scaler=scaler,
        target_scaler=target_scaler,
        sizes=(data.X.shape[1], *config.layers, data.Y.shape[1]),
        output=OUTPUT_FOR_TASK[data.task],
        warnings=tuple(warnings),
    )


def fit_and_score(
    prepared: Prepared,
    on_epoch: Optional[Callable[[int, float], None]] = None,
    on_trained: Optional[Callable[[TrainedModel, History], None]] = None,
) -> TrainingResult:
    """Steps 4 and 5: train a new MLP on the prepared rows, then score it on each part.

    ``on_trained(model, history)`` is called as soon as training ends (also
    when Ctrl-C ended it: see ``History.interrupted``), before the scoring:
    the place to save the model, so that nothing after it can lose the run.
    """
    data, config, parts = prepared.data, prepared.config, prepared.parts
    network = MLP(prepared.sizes, activation=config.activation, output=prepared.output, seed=config.seed)
    target_name = data.target_names[0] if data.task != "multiclass" else "class"
    model = TrainedModel(
        network, prepared.scaler, data.feature_names, data.task, data.class_names, target_name, prepared.target_scaler
    )
    X_train, Y_train = _scaled(prepared, parts.train)
    validation = _scaled(prepared, parts.validation) if parts.validation is not None else None
    rows_per_batch = config.batch_size if config.batch_size is not None else len(X_train)
    history = network.fit(
        X_train,
        Y_train,
        epochs=config.epochs,
        learning_rate=config.schedule_for(math.ceil(len(X_train) / rows_per_batch)),
        batch_size=config.batch_size,
        optimizer=config.make_optimizer(),
        seed=config.seed,
        validation=validation,
        patience=config.patience,
        on_epoch=on_epoch,
    )
    if on_trained is not None:
        on_trained(model, history)
    final_loss = history.loss[-1] if history.loss else math.nan
    train, test = parts.train, parts.test
    train_outputs = model.outputs(train.X)  # one run of the network per part
    test_outputs = model.outputs(test.X) if test is not None else None
    test_labels: Optional[Tuple[List[int], List[int]]] = None
    if data.task == "regression":
        scores = Scores(
            final_loss,
            history.epochs_run,
            train_r2=metrics.r2_score(train.Y, train_outputs),
            train_mse=losses.mean_squared_error(train_outputs, train.Y),
        )
        if test is not None and test_outputs is not None:
            scores = scores._replace(
                test_r2=metrics.r2_score(test.Y, test_outputs),
                test_mse=losses.mean_squared_error(test_outputs, test.Y),
            )
    else:
        train_accuracy = metrics.accuracy(metrics.labels(train.Y), metrics.labels(train_outputs))
        scores = Scores(final_loss, history.epochs_run, train_accuracy=train_accuracy)
        if test is not None and test_outputs is not None:
            test_labels = (metrics.labels(test.Y), metrics.labels(test_outputs))
            scores = scores._replace(test_accuracy=metrics.accuracy(*test_labels))
    return TrainingResult(model, history, parts, scores, test_labels, _training_warnings(history, config))


# ------------------------------------------------------------------ helpers


def _divide(
    rows: Part, size: float, seed: int, classes: Optional[Tuple[str, ...]]
) -> Tuple[Part, Part, bool, str]:
    """Hold out ``size`` of ``rows``: (kept, held out, stratified?, why not).

    Classification is stratified, unless a class has a single row, which
    cannot be on both sides; then the split is a plain shuffled one and the
    reason names that class.
    """
    because = ""
    if classes is not None:
        counts = [0] * len(classes)
        for label in metrics.labels(rows.Y):
            counts[label] += 1
        rare = [name for name, count in zip(classes, counts) if count == 1]
        if rare:
            shown = ", ".join(repr(name) for name in rare[:5]) + (", ..." if len(rare) > 5 else "")
            because = f"{counted(len(rare), 'class')} with a single row ({shown})"
    stratify = classes is not None and not because
    split = train_test_split(rows.X, rows.Y, test_size=size, seed=seed, stratify=stratify)
    return Part(split.X_train, split.Y_train), Part(split.X_test, split.Y_test), stratify, because


def _check_scaled(data: Dataset, name: str, part: Part, scaler: Scaler, target_scaler: Optional[Scaler]) -> None:
    """Refuse, before training, a row that scaling (fitted on the training rows) turns into infinity.

    A value far outside the training rows (1e308 where they lie within 0.01
    of each other) scales to infinity. The row is named by its value and
    column, not by its place in the ``name`` part: that part is shuffled, so
    its row numbers are no file's.
    """
    checks = [(part.X, scaler, data.feature_names, "feature")]
    if target_scaler is not None:
        checks.append((part.Y, target_scaler, data.target_names, "target"))
    for raw, fitted, names, what in checks:
        scaled = fitted.transform(raw)
        for i, row in enumerate(scaled.tolist()):
            for j, x in enumerate(row):
                if not math.isfinite(x):
                    raise DataError(
                        f"{data.name}: {what} {names[j]!r}: the value {raw[i, j]!r} (in a row of the {name} part) "
                        f"is so far outside the training rows that scaling it, as they are scaled, gives {x!r}; "
                        "remove that row, or train without scaling"
                    )


def _cause(error: DataError) -> str:
    """What went wrong in a split, in words that do not name its test_size.

    >>> _cause(DataError("test_size=0.15 of 2 rows leaves the test part empty (0 of 2 rows go to the test part); ..."))
    'the part held out would be empty'
    """
    text = str(error)
    if "leaves the test part empty" in text:
        return "the part held out would be empty"
    if "leaves the training part empty" in text:
        return "no row would be left to train on"
    if text.startswith("cannot stratify"):
        return "a class has a single row"
    return text


def _scaled(prepared: Prepared, rows: Part) -> Tuple[Matrix, Matrix]:
    """The rows as the network sees them: scaled inputs and (for regression) scaled targets."""
    Y = prepared.target_scaler.transform(rows.Y) if prepared.target_scaler is not None else rows.Y
    return prepared.scaler.transform(rows.X), Y


def _training_warnings(history: History, config: TrainConfig) -> Tuple[Message, ...]:
    """A warning when the loss ended far above its lowest, reached well before the end.

    "Far above": more than twice the lowest. "Well before": not in the last
    10% of the epochs. Then the steps were too large, and the run threw
    away what it had learned. (When early stopping kept the best weights,
    the last epoch's loss is not the model's, and nothing is said.)
    """
    loss = history.loss
    if not loss or history.stopped_early:
        return ()
    lowest = min(loss)
    best = loss.index(lowest)
    if loss[-1] > 2 * lowest and best < len(loss) - max(1, len(loss) // 10):
        return (Message(
            f"the loss ended at {loss[-1]:.4g}, more than twice its lowest ({lowest:.4g} at epoch {best}): "
            "the steps were too large for the end of training; try a smaller learning rate, e.g. {}",
            (Setting("learning_rate", config.learning_rate / 2),),
        ),)
    return ()
