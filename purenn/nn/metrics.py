r"""Metrics: how good a model's predictions are, in numbers a person can read.

A loss (``purenn.nn.losses``) is what training makes smaller; a metric is what
you report afterwards. Every metric here takes the truth first and the
prediction second, as scikit-learn's do.

Classification metrics compare class labels: sequences of ints, the class
indices 0, 1, 2, ... (for yes/no: 0 for no, 1 for yes). ``labels(Y)`` turns a
Matrix of network outputs or targets into such a list.

>>> y_true = [1, 1, 1, 1, 1, 1, 0, 0]
>>> y_pred = [1, 1, 1, 0, 0, 0, 1, 0]
>>> accuracy(y_true, y_pred), precision(y_true, y_pred), recall(y_true, y_pred), f1(y_true, y_pred)
(0.5, 0.75, 0.5, 0.6)
>>> print(confusion_matrix(y_true, y_pred, class_names=["healthy", "diabetes"]))
true \ predicted  healthy  diabetes
healthy                 1         1
diabetes                3         3

Probability and regression metrics compare Matrices of the same shape
(m samples, o outputs): ``log_loss`` and ``r2_score``. For the mean squared
error use the loss itself, ``purenn.nn.losses.mean_squared_error(output,
target)``: one function under that name, taking the output first like every
loss (the square makes the order irrelevant to its value).

>>> r2_score(Matrix([[1.0], [2.0], [3.0]]), Matrix([[1.0], [2.0], [3.0]]))
1.0
"""

import math
from typing import TYPE_CHECKING, List, NamedTuple, Optional, Sequence, Tuple

from purenn.errors import DataError, ShapeError
from purenn.text import counted
from purenn.linalg.matrix import Matrix
from purenn.nn import losses

__all__ = [
    "ConfusionMatrix",
    "accuracy",
    "confusion_matrix",
    "f1",
    "THRESHOLD",
    "labels",
    "log_loss",
    "precision",
    "r2_score",
    "recall",
]

if TYPE_CHECKING:  # Literal is only for the type checker: Python 3.6 and 3.7 have none at run time
    from typing import Literal

    Average = Literal["binary", "macro"]
    """How precision, recall and F1 treat classes: one positive class, or the mean over all classes."""


# ------------------------------------------------------------------ labels


THRESHOLD = 0.5
"""A one-column output means class 1 where it reaches this: the default of every ``predict`` and of ``labels``."""


def labels(Y: Matrix, threshold: float = THRESHOLD) -> List[int]:
    """One class label per row of a Matrix of outputs or targets: (m, c) → m ints.

    One column (the probability of "yes"): 1 where the value reaches
    ``threshold``, else 0, the rule ``TwoLayerNetwork.predict`` uses.
    Several columns (class scores, probabilities or one-hot rows): the index
    of the row's largest entry (the first, if several tie); ``threshold`` is
    not used.

    >>> labels(Matrix([[0.9], [0.2], [0.5]]))
    [1, 0, 1]
    >>> labels(Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1]]))
    [1, 0]
    """
    if not isinstance(Y, Matrix):
        raise TypeError(f"labels takes a Matrix with one row per sample, got {type(Y).__name__}")
    if Y.shape[1] == 1:
        return [1 if y >= threshold else 0 for y in Y.column(0)]
    return list(Y.argmax(axis=1))


def _check_labels(
    y_true: Sequence[int], y_pred: Sequence[int], name: str
) -> Tuple[Tuple[int, ...], Tuple[int, ...]]:
    """Return both label sequences as tuples after checking they pair up and hold class indices."""
    truth, predicted = tuple(y_true), tuple(y_pred)
    if len(truth) != len(predicted):
        raise ShapeError(
            f"cannot compute {name} of y_true ({counted(len(truth), 'label')}) against y_pred "
            f"({counted(len(predicted), 'label')}): there must be one prediction per true label"
        )
    if not truth:
        raise ShapeError(f"{name} needs at least one label; got empty y_true and y_pred")
    for which, sequence in (("y_true", truth), ("y_pred", predicted)):
        for i, label in enumerate(sequence):
            if not isinstance(label, int) or isinstance(label, bool):
                raise TypeError(
                    f"{which}[{i}] is {label!r} (a {type(label).__name__}): labels are class "
                    "indices, the ints 0, 1, 2...; labels(Y) turns a Matrix of outputs into them"
                )
            if label < 0:
                raise DataError(f"{which}[{i}] is {label}: class indices start at 0")
    return truth, predicted


# ---------------------------------------------------------------- accuracy


def accuracy(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """The fraction of predictions that are right: (number of i with y_pred[i] == y_true[i]) / m.

    Shapes: m labels each, for any number of classes. Raises ShapeError if
    the lengths differ or are 0.

    >>> accuracy([0, 1, 2, 2], [0, 1, 1, 2])
    0.75
    >>> accuracy([0, 1, 1], [0, 1])
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot compute accuracy of y_true (3 labels) against y_pred (2 labels)...
    """
    truth, predicted = _check_labels(y_true, y_pred, "accuracy")
    correct = sum(1 for t, p in zip(truth, predicted) if t == p)
    return correct / len(truth)


# ---------------------------------------------- precision, recall and F1


class _Tally(NamedTuple):
    """The counts for one class c: said c and was c (tp), said c but was not (fp), was c but said otherwise (fn)."""

    tp: int
    fp: int
    fn: int


def _tallies(
    y_true: Sequence[int], y_pred: Sequence[int], positive: int, average: str, name: str
) -> List[_Tally]:
    """One tally per class that the score averages over: [positive] for binary, every class seen for macro."""
    truth, predicted = _check_labels(y_true, y_pred, name)
    if average == "binary":
        if not isinstance(positive, int) or isinstance(positive, bool) or positive not in (0, 1):
            raise ValueError(f"positive must be the class 0 or 1 for average='binary', got {positive!r}")
        for which, sequence in (("y_true", truth), ("y_pred", predicted)):
            for i, label in enumerate(sequence):
                if label > 1:
                    raise DataError(
                        f"{which}[{i}] is {label}, but average='binary' needs labels 0 and 1 only; "
                        "for three or more classes use average='macro'"
                    )
        classes = [positive]
    elif average == "macro":
        classes = sorted(set(truth) | set(predicted))
    else:
        raise ValueError(f"average must be 'binary' or 'macro', got {average!r}")
    return [
        _Tally(
            tp=sum(1 for t, p in zip(truth, predicted) if t == c and p == c),
            fp=sum(1 for t, p in zip(truth, predicted) if t != c and p == c),
            fn=sum(1 for t, p in zip(truth, predicted) if t == c and p != c),
        )
        for c in classes
    ]


def _ratio(numerator: int, denominator: int) -> float:
    """numerator / denominator, or 0.0 when the denominator is 0 (scikit-learn's zero_division=0)."""
    return numerator / denominator if denominator else 0.0


def _mean(scores: Sequence[float]) -> float:
    return math.fsum(scores) / len(scores)


def precision(
    y_true: Sequence[int], y_pred: Sequence[int], *, positive: int = 1, average: "Average" = "binary"
) -> float:
    """Precision = TP / (TP + FP): of the samples predicted positive, the fraction that are.

    TP (true positives) counts samples predicted ``positive`` that are
    ``positive``; FP (false positives) those predicted ``positive`` that are not.
    A class never predicted has TP + FP = 0 and precision 0.0 (scikit-learn's
    ``zero_division=0``).

    ``average="binary"`` (the default): labels are 0 and 1, and the score is
    for the class ``positive``. ``average="macro"``: the score of every class
    that appears in y_true or y_pred, each counted as the positive class in
    turn, then their plain mean (every class weighs the same however many
    samples it has), as scikit-learn defines it; ``positive`` is not used.

    Shapes: m labels each. Raises ShapeError if the lengths differ or are 0,
    DataError for a label other than 0 or 1 with ``average="binary"``.

    >>> precision([0, 1, 1, 0], [1, 1, 1, 0])
    0.6666666666666666
    >>> precision([0, 1, 2, 2], [0, 2, 2, 2], average="macro")  # class 1 is never predicted
    0.5555555555555555
    """
    tallies = _tallies(y_true, y_pred, positive, average, "precision")
    return _mean([_ratio(t.tp, t.tp + t.fp) for t in tallies])


def recall(
    y_true: Sequence[int], y_pred: Sequence[int], *, positive: int = 1, average: "Average" = "binary"
) -> float:
    """Recall = TP / (TP + FN): of the samples that are positive, the fraction found.

    FN (false negatives) counts samples that are ``positive`` but were
    predicted as another class. A class absent from y_true has TP + FN = 0
    and recall 0.0 (scikit-learn's ``zero_division=0``). ``positive`` and
    ``average`` as for ``precision``; raises as ``precision``.

    >>> recall([0, 1, 1, 0], [1, 1, 1, 0])
    1.0
    >>> recall([0, 1, 2, 2], [0, 2, 2, 2], average="macro")
    0.6666666666666666
    """
    tallies = _tallies(y_true, y_pred, positive, average, "recall")
    return _mean([_ratio(t.tp, t.tp + t.fn) for t in tallies])


def f1(
    y_true: Sequence[int], y_pred: Sequence[int], *, positive: int = 1, average: "Average" = "binary"
) -> float:
    """F1 = 2·TP / (2·TP + FP + FN): the harmonic mean of precision and recall.

    The same as 2·P·R / (P + R), written so that it never divides by zero
    when TP > 0; it is 0.0 when TP = 0. With ``average="macro"`` it is the
    mean of the per-class F1 scores (not the F1 of the macro precision and
    recall), as scikit-learn computes it. ``positive`` and ``average`` as
    for ``precision``; raises as ``precision``.

    >>> f1([0, 1, 1, 0], [1, 1, 1, 0])
    0.8
    >>> f1([0, 1, 2, 2], [0, 2, 2, 2], average="macro")
    0.6
    """
    tallies = _tallies(y_true, y_pred, positive, average, "F1")
    return _mean([_ratio(2 * t.tp, 2 * t.tp + t.fp + t.fn) for t in tallies])


# -------------------------------------------------------- confusion matrix


class _ConfusionMatrixFields(NamedTuple):
    """The fields of a ConfusionMatrix, whose constructor checks that they fit together."""

    counts: Tuple[Tuple[int, ...], ...]
    class_names: Tuple[str, ...]


class ConfusionMatrix(_ConfusionMatrixFields):
    r"""How often each true class was predicted as each class.

    ``counts[i][j]`` is the number of samples of true class i predicted as
    class j (rows: truth, columns: prediction, as in scikit-learn), so the
    diagonal holds the right answers. ``class_names[i]`` names class i.
    ``print()`` shows it as a table:

    >>> cm = ConfusionMatrix(counts=((5, 1), (2, 12)), class_names=("no", "yes"))
    >>> print(cm)
    true \ predicted  no  yes
    no                 5    1
    yes                2   12
    """

    __slots__ = ()

    def __new__(cls, counts: Tuple[Tuple[int, ...], ...], class_names: Tuple[str, ...]) -> "ConfusionMatrix":
        """Refuse a table that is not k × k for k class names."""
        k = len(class_names)
        lengths = [len(row) for row in counts]
        if k == 0 or lengths != [k] * k:
            raise ShapeError(
                f"a ConfusionMatrix with {k} class names needs {k} rows of {k} counts each; "
                f"got rows of lengths {lengths}"
            )
        return super().__new__(cls, counts, class_names)

    def __str__(self) -> str:
        """The counts as an aligned table: a row per true class, a column per predicted class."""
        corner = "true \\ predicted"
        cells = [[str(n) for n in row] for row in self.counts]
        first = max(len(corner), *(len(name) for name in self.class_names))
        widths = [
            max(len(name), *(len(row[j]) for row in cells))
            for j, name in enumerate(self.class_names)
        ]
        header = [corner.ljust(first)] + [name.rjust(w) for name, w in zip(self.class_names, widths)]
        lines = ["  ".join(header)]
        for name, row in zip(self.class_names, cells):
            lines.append("  ".join([name.ljust(first)] + [c.rjust(w) for c, w in zip(row, widths)]))
        return "\n".join(lines)


def confusion_matrix(
    y_true: Sequence[int], y_pred: Sequence[int], class_names: Optional[Sequence[str]] = None
) -> ConfusionMatrix:
    r"""Count every (true class, predicted class) pair: a (k, k) table of ints.

    Entry [i][j] = the number of samples whose true label is i and predicted
    label is j. The classes are 0 to k − 1, where k is the number of
    ``class_names`` if given, else the largest label + 1; a class that never
    occurs keeps its row and column, all zeros (scikit-learn instead keeps
    only the labels that occur). Without names, classes are named "0", "1"...

    Shapes: m labels each. Raises ShapeError if the lengths differ or are 0,
    DataError for a label that has no name in ``class_names``.

    >>> cm = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0])
    >>> cm.counts
    ((1, 1, 0), (0, 1, 0), (1, 0, 2))
    >>> print(cm)
    true \ predicted  0  1  2
    0                 1  1  0
    1                 0  1  0
    2                 1  0  2
    """
    truth, predicted = _check_labels(y_true, y_pred, "a confusion matrix")
    if class_names is None:
        k = max(max(truth), max(predicted)) + 1
        names = tuple(str(c) for c in range(k))
    else:
        if isinstance(class_names, str):
            raise TypeError(f"class_names must be a sequence of names, got the string {class_names!r}")
        names = tuple(class_names)
        k = len(names)
        if len(set(names)) != k:
            raise ValueError(f"class_names must all differ, got {list(names)}")
        for which, sequence in (("y_true", truth), ("y_pred", predicted)):
            for i, label in enumerate(sequence):
                if label >= k:
                    raise DataError(
                        f"{which}[{i}] is {label}, but class_names names only {k} classes (0 to {k - 1})"
                    )
    table = [[0] * k for _ in range(k)]
    for t, p in zip(truth, predicted):
        table[t][p] += 1
    return ConfusionMatrix(counts=tuple(tuple(row) for row in table), class_names=names)


# ------------------------------------------------------------ probabilities


def _check_matrices(Y_true: Matrix, Y_pred: Matrix, name: str, pred_name: str) -> None:
    losses.check_pair(Y_true, Y_pred, name, ("Y_true", pred_name), "there must be one prediction per target")


def log_loss(Y_true: Matrix, Y_prob: Matrix) -> float:
    """Cross-entropy of predicted probabilities against the truth: 0 is perfect, lower is better.

    One column (yes/no targets, sigmoid outputs): binary cross-entropy,
        −(1/m) Σ [ y·ln p + (1 − y)·ln(1 − p) ]
    Several columns (one-hot targets, softmax outputs): categorical cross-entropy,
        −(1/m) Σ_rows Σ_classes y·ln p

    These are ``purenn.nn.losses.binary_cross_entropy`` and
    ``categorical_cross_entropy`` (mind the order: the losses take the output
    first), so each logarithm is clamped at −100 and a probability of
    exactly 0 or 1 gives a finite result. scikit-learn's ``log_loss`` clips
    the probabilities to machine epsilon instead; the two agree unless a
    probability is within about 2e-16 of 0 or 1.

    Shapes: (m, 1) or (m, c) both. Raises ShapeError if they differ;
    DataError for a probability or target outside [0, 1], or, with several
    columns, a row of Y_true that does not sum to 1 (several yes/no outputs
    at once call for ``losses.binary_cross_entropy``).

    >>> log_loss(Matrix([[1.0], [0.0]]), Matrix([[0.5], [0.5]])) == math.log(2)
    True
    >>> round(log_loss(Matrix([[1, 0, 0]]), Matrix([[0.7, 0.2, 0.1]])), 6)
    0.356675
    """
    _check_matrices(Y_true, Y_prob, "log_loss", "Y_prob")
    for which, Y in (("Y_true", Y_true), ("Y_prob", Y_prob)):
        for i, row in enumerate(Y):
            for j, value in enumerate(row):
                if not 0.0 <= value <= 1.0:
                    raise DataError(
                        f"{which}[{i}, {j}] is {value!r}: log_loss needs values between 0 and 1 "
                        "(probabilities, after the sigmoid or softmax)"
                    )
    if Y_true.shape[1] == 1:
        return losses.binary_cross_entropy(Y_prob, Y_true)
    for i, row in enumerate(Y_true):
        if not math.isclose(row.sum(), 1.0, abs_tol=1e-9):
            raise DataError(
                f"row {i} of Y_true sums to {row.sum()!r}: with several columns log_loss expects one "
                "class per row (one-hot); for several yes/no outputs use losses.binary_cross_entropy"
            )
    return losses.categorical_cross_entropy(Y_prob, Y_true)


# -------------------------------------------------------------- regression


def r2_score(Y_true: Matrix, Y_pred: Matrix) -> float:
    """R² = 1 − SS_res / SS_tot: the share of the targets' variation the predictions explain.

        SS_res = Σ (y − ŷ)²   the squared errors of the predictions
        SS_tot = Σ (y − ȳ)²   the squared errors of always predicting the mean ȳ

    1 is a perfect fit, 0 is no better than predicting the mean, and a
    negative score is worse than that. With several columns, R² is computed
    for each column (with its own mean) and the results averaged, as
    scikit-learn's default ``multioutput="uniform_average"``. A constant
    column has SS_tot = 0; as in scikit-learn, it scores 1.0 if predicted
    exactly, else 0.0.

    Shapes: (m, o) both, m ≥ 2. Raises ShapeError if the shapes differ or
    there is only one row (one sample has no variation to explain).

    >>> Y = Matrix([[0.0], [2.0], [4.0], [6.0]])
    >>> r2_score(Y, Matrix([[1.0], [2.0], [4.0], [5.0]]))  # SS_res = 2, SS_tot = 20
    0.9
    >>> r2_score(Y, Matrix.full(4, 1, 3.0))  # always the mean, 3
    0.0
    """
    _check_matrices(Y_true, Y_pred, "r2_score", "Y_pred")
    if Y_true.shape[0] < 2:
        raise ShapeError(
            f"r2_score needs at least 2 samples (rows), got Y_true of shape {Y_true.shape}: "
            "one sample has no variation to explain"
        )
    scores = []
    for j in range(Y_true.shape[1]):
        y, y_hat = Y_true.column(j), Y_pred.column(j)
        size = max(map(abs, y))  # R² is the same in any unit: in units of the largest |y|, no square
        if 0.0 < size < 1e-100 or 1e100 < size < math.inf:  # of tiny values underflows to 0, nor of huge ones overflows
            y, y_hat = y / size, y_hat / size
        ss_res = ((y - y_hat) ** 2).sum()
        if y.max() == y.min():  # constant targets: SS_tot = 0
            scores.append(1.0 if ss_res == 0.0 else 0.0)
            continue
        ss_tot = ((y - y.mean()) ** 2).sum()
        scores.append(1.0 - ss_res / ss_tot)
    return _mean(scores)
