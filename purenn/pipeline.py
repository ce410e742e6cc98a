"""From a data set to a trained, scored model: what ``python -m purenn train`` does.

The steps, in the order that keeps the test score honest:

1. split the rows into a training part and a test part (stratified for
   classification, so both parts keep the class proportions);
2. fit the scaler on the training part only, and scale both parts with it
   (for regression the target is standardised too, and un-scaled for scoring);
3. pick the output/loss pairing from the task: sigmoid + binary cross-entropy
   for two classes, softmax + categorical cross-entropy for more, identity +
   mean squared error for regression;
4. train an MLP with the chosen settings;
5. score it on both parts.

>>> from purenn.datasets import xor
>>> result = train_model(xor(), TrainConfig(layers=(8,), activation="tanh", epochs=300,
...                      batch_size=None, learning_rate=0.5, momentum=0.0, test_size=0.25, scale="none"))
>>> result.metrics["train_accuracy"]
1.0
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from purenn import metrics
from purenn.datasets import Dataset
from purenn.matrix import Matrix
from purenn.mlp import MLP
from purenn.modelfile import TrainedModel
from purenn.preprocessing import SCALERS, StandardScaler, Split, train_test_split
from purenn.schedules import Constant, Cyclical, Schedule, StepDecay
from purenn.training import History

__all__ = ["OUTPUT_FOR_TASK", "SCHEDULES", "TrainConfig", "TrainingResult", "train_model"]

OUTPUT_FOR_TASK = {"binary": "sigmoid", "multiclass": "softmax", "regression": "identity"}
"""The output/loss pairing each task gets."""

SCHEDULES = ("constant", "step", "cyclic")


@dataclass(frozen=True)
class TrainConfig:
    """Every setting of a training run, with defaults that suit a CSV of a few hundred
    to a few thousand rows and tens of features: two ReLU hidden layers (16 and 8),
    mini-batches of 32 with momentum 0.9, 200 epochs, standardised inputs.
    """

    layers: Tuple[int, ...] = (16, 8)
    activation: str = "relu"
    epochs: int = 200
    batch_size: Optional[int] = 32
    learning_rate: float = 0.05
    schedule: str = "constant"
    momentum: float = 0.9
    test_size: float = 0.25
    scale: str = "standard"
    seed: int = 0
    patience: Optional[int] = None

    def schedule_for(self, updates_per_epoch: int) -> Schedule:
        """The learning-rate schedule this config names, counted in updates.

        - constant: ``learning_rate`` throughout;
        - step: halve the rate every quarter of the epochs;
        - cyclic: Smith's triangular schedule between learning_rate / 4 and
          learning_rate, with a half cycle of 4 epochs (Smith suggests 2 to 10).

        >>> TrainConfig(learning_rate=0.2, schedule="cyclic").schedule_for(10)
        Cyclical(base=0.05, peak=0.2, half_cycle=40, mode='triangular')
        """
        if self.schedule == "constant":
            return Constant(self.learning_rate)
        if self.schedule == "step":
            return StepDecay(self.learning_rate, factor=0.5, every=updates_per_epoch * max(1, self.epochs // 4))
        if self.schedule == "cyclic":
            return Cyclical(self.learning_rate / 4, self.learning_rate, half_cycle=4 * updates_per_epoch)
        raise ValueError(f"unknown schedule {self.schedule!r}; choose one of: {', '.join(SCHEDULES)}")


@dataclass(frozen=True)
class TrainingResult:
    """The trained model, its history, the split it was trained and tested on, and its scores."""

    model: TrainedModel
    history: History
    split: Split
    metrics: Dict[str, float]
    test_labels: Tuple[List[int], List[int]]


def train_model(data: Dataset, config: TrainConfig) -> TrainingResult:
    """Split, scale, train and score, as the module docstring describes."""
    if config.scale not in SCALERS:
        raise ValueError(f"unknown scaling {config.scale!r}; choose one of: {', '.join(SCALERS)}")
    classification = data.task != "regression"
    split = train_test_split(data.X, data.Y, test_size=config.test_size, seed=config.seed, stratify=classification)
    scaler = SCALERS[config.scale].fit(split.X_train)
    target_scaler = StandardScaler.fit(split.Y_train) if not classification and config.scale != "none" else None
    X_train = scaler.transform(split.X_train)
    Y_train = target_scaler.transform(split.Y_train) if target_scaler is not None else split.Y_train

    validation: Optional[Tuple[Matrix, Matrix]] = None
    if config.patience is not None:
        held = train_test_split(X_train, Y_train, test_size=0.15, seed=config.seed, stratify=classification)
        X_train, Y_train = held.X_train, held.Y_train
        validation = (held.X_test, held.Y_test)

    sizes = [data.X.shape[1], *config.layers, data.Y.shape[1]]
    network = MLP(sizes, activation=config.activation, output=OUTPUT_FOR_TASK[data.task], seed=config.seed)
    batch = config.batch_size if config.batch_size is not None else X_train.shape[0]
    updates_per_epoch = -(-X_train.shape[0] // batch)
    history = network.fit(
        X_train,
        Y_train,
        epochs=config.epochs,
        learning_rate=config.schedule_for(updates_per_epoch),
        batch_size=config.batch_size,
        momentum=config.momentum,
        seed=config.seed,
        validation=validation,
        patience=config.patience,
    )
    target_name = data.target_names[0] if data.task != "multiclass" else "class"
    model = TrainedModel(
        network, scaler, data.feature_names, data.task, data.class_names, target_name, target_scaler
    )
    scores: Dict[str, float] = {"final_loss": history.loss[-1] if history.loss else float("nan"),
                                "epochs_run": float(history.epochs_run)}
    test_truth: List[int] = []
    test_guess: List[int] = []
    for part, X, Y in (("train", split.X_train, split.Y_train), ("test", split.X_test, split.Y_test)):
        if classification:
            truth = metrics.labels(Y)
            guess = network.predict(scaler.transform(X))
            scores[f"{part}_accuracy"] = metrics.accuracy(truth, guess)
            if part == "test":
                test_truth, test_guess = truth, guess
        else:
            scores[f"{part}_r2"] = metrics.r2_score(Y, model.outputs(X))
            scores[f"{part}_mse"] = metrics.mean_squared_error(Y, model.outputs(X))
    return TrainingResult(model, history, split, scores, (test_truth, test_guess))
