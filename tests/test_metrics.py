"""Unit tests for purenn.nn.metrics: classification scores, confusion matrix, log loss, MSE, R².

Expected values are worked out by hand in the comments. Where a constant is
marked "scikit-learn 1.9.1", it was also cross-checked against scikit-learn
1.9.1 (zero_division=0) during development; scikit-learn is not needed to
run these tests. Error tests check the message, not only the type.
"""

import math
import random
import re
from typing import Callable, List, Sequence

import pytest

from purenn import DataError, Matrix, ShapeError
from purenn.nn import losses
from purenn.data.datasets import diabetes
from purenn.nn.metrics import (
    ConfusionMatrix,
    accuracy,
    confusion_matrix,
    f1,
    labels,
    log_loss,
    precision,
    r2_score,
    recall,
)

Score = Callable[..., float]


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally from the start of the message."""
    return "^" + re.escape(text)


# ----------------------------------------------------------------- labels


def test_labels_of_one_column_threshold_at_half_inclusive() -> None:
    assert labels(Matrix([[0.9], [0.2], [0.5], [0.49]])) == [1, 0, 1, 0]


def test_labels_threshold_can_be_moved() -> None:
    assert labels(Matrix([[0.9], [0.2], [0.5]]), threshold=0.8) == [1, 0, 0]


def test_labels_of_several_columns_is_argmax_first_on_ties() -> None:
    scores = Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.4, 0.2, 0.4], [-3.0, -1.0, -2.0]])
    assert labels(scores) == [1, 0, 0, 1]


def test_labels_of_one_hot_targets() -> None:
    assert labels(Matrix([[0, 0, 1], [1, 0, 0]])) == [2, 0]


def test_labels_of_a_data_set_feed_the_metrics() -> None:
    y = labels(diabetes().Y)
    assert len(y) == 16 and set(y) == {0, 1}
    assert accuracy(y, y) == 1.0


def test_labels_needs_a_matrix() -> None:
    with pytest.raises(TypeError, match=exactly("labels takes a Matrix with one row per sample, got list")):
        labels([[0.5]])  # type: ignore[arg-type]


# --------------------------------------------------------------- accuracy


def test_accuracy_by_hand() -> None:
    # 3 of the 4 labels agree
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75


def test_accuracy_perfect_and_worst() -> None:
    y = [0, 1, 1, 0, 1]
    assert accuracy(y, y) == 1.0
    assert accuracy(y, [1 - label for label in y]) == 0.0


def test_accuracy_takes_any_sequence_of_ints() -> None:
    scores = Matrix([[0.2, 0.8], [0.9, 0.1]])
    assert accuracy((1, 0), scores.argmax(axis=1)) == 1.0


# ------------------------------------------- binary precision, recall, F1

Y_TRUE = [1, 0, 1, 1, 0, 1, 0, 0]
Y_PRED = [1, 1, 0, 1, 0, 1, 1, 0]
# positive 1: TP = 3 (indices 0, 3, 5), FP = 2 (1, 6), FN = 1 (2)
# positive 0: TP = 2 (4, 7),            FP = 1 (2),    FN = 2 (1, 6)


def test_binary_scores_by_hand() -> None:
    assert precision(Y_TRUE, Y_PRED) == 3 / 5
    assert recall(Y_TRUE, Y_PRED) == 3 / 4
    assert f1(Y_TRUE, Y_PRED) == 6 / 9  # 2·TP / (2·TP + FP + FN)


def test_binary_scores_for_positive_class_0() -> None:
    assert precision(Y_TRUE, Y_PRED, positive=0) == 2 / 3
    assert recall(Y_TRUE, Y_PRED, positive=0) == 2 / 4
    assert f1(Y_TRUE, Y_PRED, positive=0) == 4 / 7


def test_binary_scores_match_scikit_learn() -> None:
    # scikit-learn 1.9.1: precision_score, recall_score, f1_score with pos_label 1 and 0
    assert math.isclose(precision(Y_TRUE, Y_PRED), 0.6)
    assert math.isclose(recall(Y_TRUE, Y_PRED), 0.75)
    assert math.isclose(f1(Y_TRUE, Y_PRED), 0.6666666666666666)
    assert math.isclose(precision(Y_TRUE, Y_PRED, positive=0), 0.6666666666666666)
    assert math.isclose(recall(Y_TRUE, Y_PRED, positive=0), 0.5)
    assert math.isclose(f1(Y_TRUE, Y_PRED, positive=0), 0.5714285714285714)


def test_f1_is_the_harmonic_mean_of_precision_and_recall() -> None:
    p, r = precision(Y_TRUE, Y_PRED), recall(Y_TRUE, Y_PRED)
    assert math.isclose(f1(Y_TRUE, Y_PRED), 2 * p * r / (p + r))


@pytest.mark.parametrize("score", [precision, recall, f1])
def test_perfect_predictions_score_1(score: Score) -> None:
    assert score(Y_TRUE, Y_TRUE) == 1.0
    assert score(Y_TRUE, Y_TRUE, positive=0) == 1.0


@pytest.mark.parametrize("score", [precision, recall, f1])
def test_all_wrong_predictions_score_0(score: Score) -> None:
    flipped = [1 - label for label in Y_TRUE]
    assert score(Y_TRUE, flipped) == 0.0


def test_never_predicting_the_positive_class_gives_precision_0() -> None:
    # TP + FP = 0: precision is 0/0, defined as 0.0 (scikit-learn's zero_division=0)
    assert precision([1, 1, 0], [0, 0, 0]) == 0.0
    assert recall([1, 1, 0], [0, 0, 0]) == 0.0
    assert f1([1, 1, 0], [0, 0, 0]) == 0.0


def test_no_positive_anywhere_gives_0_not_an_error() -> None:
    assert precision([0, 0], [0, 0]) == recall([0, 0], [0, 0]) == f1([0, 0], [0, 0]) == 0.0


# ------------------------------------------------------------ macro average

MULTI_TRUE = [0, 0, 1, 1, 1, 2, 2, 2, 2, 3]
MULTI_PRED = [0, 1, 1, 1, 2, 2, 2, 0, 2, 1]
# class   TP  FP  FN   precision  recall  F1
#   0      1   1   1      1/2      1/2    1/2
#   1      2   2   1      2/4      2/3    4/7
#   2      3   1   1      3/4      3/4    3/4
#   3      0   0   1      0 (0/0)  0/1    0       never predicted


def test_macro_average_by_hand() -> None:
    assert precision(MULTI_TRUE, MULTI_PRED, average="macro") == (1 / 2 + 2 / 4 + 3 / 4 + 0) / 4
    assert math.isclose(recall(MULTI_TRUE, MULTI_PRED, average="macro"), (1 / 2 + 2 / 3 + 3 / 4 + 0) / 4)
    assert math.isclose(f1(MULTI_TRUE, MULTI_PRED, average="macro"), (1 / 2 + 4 / 7 + 3 / 4 + 0) / 4)


def test_macro_average_matches_scikit_learn() -> None:
    # scikit-learn 1.9.1, average="macro", zero_division=0
    assert accuracy(MULTI_TRUE, MULTI_PRED) == 0.6
    assert math.isclose(precision(MULTI_TRUE, MULTI_PRED, average="macro"), 0.4375)
    assert math.isclose(recall(MULTI_TRUE, MULTI_PRED, average="macro"), 0.47916666666666663)
    assert math.isclose(f1(MULTI_TRUE, MULTI_PRED, average="macro"), 0.45535714285714285)


def test_macro_f1_is_the_mean_of_per_class_f1_not_the_f1_of_the_means() -> None:
    p = precision(MULTI_TRUE, MULTI_PRED, average="macro")
    r = recall(MULTI_TRUE, MULTI_PRED, average="macro")
    assert not math.isclose(f1(MULTI_TRUE, MULTI_PRED, average="macro"), 2 * p * r / (p + r))


def test_macro_averages_only_classes_that_occur() -> None:
    # Class 1 appears nowhere, so it is not averaged in: the same as relabelling 2 as 1.
    assert precision([0, 2, 2], [0, 2, 0], average="macro") == precision([0, 1, 1], [0, 1, 0], average="macro")


def test_macro_of_two_classes_is_the_mean_of_both_binary_scores() -> None:
    for score in (precision, recall, f1):
        both = (score(Y_TRUE, Y_PRED, positive=0) + score(Y_TRUE, Y_PRED, positive=1)) / 2
        assert math.isclose(score(Y_TRUE, Y_PRED, average="macro"), both)


# ---------------------------------------------------- classification errors


@pytest.mark.parametrize("score", [accuracy, precision, recall, f1])
def test_length_mismatch_names_both_lengths(score: Score) -> None:
    name = "F1" if score is f1 else score.__name__
    with pytest.raises(ShapeError, match=exactly(
        f"cannot compute {name} of y_true (3 labels) against y_pred (2 labels): "
        "there must be one prediction per true label"
    )):
        score([0, 1, 1], [0, 1])


@pytest.mark.parametrize("score", [accuracy, precision, recall, f1])
def test_empty_labels_are_refused(score: Score) -> None:
    with pytest.raises(ShapeError, match="needs at least one label; got empty y_true and y_pred"):
        score([], [])


@pytest.mark.parametrize(
    "y_pred, message",
    [
        ([0, 1.0], "y_pred[1] is 1.0 (a float): labels are class indices, the ints 0, 1, 2...; "
                   "labels(Y) turns a Matrix of outputs into them"),
        ([0, True], "y_pred[1] is True (a bool): labels are class indices"),
        (["0", "1"], "y_pred[0] is '0' (a str): labels are class indices"),
    ],
)
def test_labels_must_be_ints(y_pred: List[object], message: str) -> None:
    with pytest.raises(TypeError, match=exactly(message)):
        accuracy([0, 1], y_pred)  # type: ignore[arg-type]


def test_negative_labels_are_refused() -> None:
    with pytest.raises(DataError, match=exactly("y_true[1] is -1: class indices start at 0")):
        accuracy([0, -1], [0, 1])


def test_binary_average_refuses_a_third_class() -> None:
    with pytest.raises(DataError, match=exactly(
        "y_true[2] is 2, but average='binary' needs labels 0 and 1 only; "
        "for three or more classes use average='macro'"
    )):
        precision([0, 1, 2], [0, 1, 1])


@pytest.mark.parametrize("positive", [2, -1, True])
def test_binary_positive_must_be_0_or_1(positive: int) -> None:
    with pytest.raises(ValueError, match=exactly(
        f"positive must be the class 0 or 1 for average='binary', got {positive!r}"
    )):
        recall([0, 1], [0, 1], positive=positive)


def test_unknown_average_is_refused() -> None:
    with pytest.raises(ValueError, match=exactly("average must be 'binary' or 'macro', got 'micro'")):
        f1([0, 1], [0, 1], average="micro")  # type: ignore[arg-type]


# ------------------------------------------------------- confusion matrix


def test_confusion_matrix_counts_rows_true_columns_predicted() -> None:
    # scikit-learn 1.9.1 confusion_matrix gives the same table
    cm = confusion_matrix(MULTI_TRUE, MULTI_PRED)
    assert cm.counts == ((1, 1, 0, 0), (0, 2, 1, 0), (1, 0, 3, 0), (0, 1, 0, 0))
    assert cm.class_names == ("0", "1", "2", "3")


def test_confusion_matrix_table_text() -> None:
    cm = confusion_matrix([1, 1, 1, 0, 0, 1], [1, 0, 1, 0, 1, 1], class_names=["healthy", "diabetes"])
    assert str(cm) == (
        "true \\ predicted  healthy  diabetes\n"
        "healthy                 1         1\n"
        "diabetes                1         3"
    )


def test_confusion_matrix_table_widens_for_large_counts_and_long_names() -> None:
    cm = ConfusionMatrix(counts=((1234, 5), (0, 7)), class_names=("a", "a much longer name"))
    assert str(cm) == (
        "true \\ predicted       a  a much longer name\n"
        "a                   1234                   5\n"
        "a much longer name     0                   7"
    )


def test_confusion_matrix_diagonal_and_total_agree_with_accuracy() -> None:
    rng = random.Random(3)
    y_true = [rng.randrange(4) for _ in range(50)]
    y_pred = [rng.randrange(4) for _ in range(50)]
    counts = confusion_matrix(y_true, y_pred, class_names=list("abcd")).counts
    assert sum(map(sum, counts)) == 50
    assert sum(counts[i][i] for i in range(4)) / 50 == accuracy(y_true, y_pred)


def test_class_names_keep_classes_that_never_occur() -> None:
    cm = confusion_matrix([0, 0], [0, 0], class_names=["no", "yes"])
    assert cm.counts == ((2, 0), (0, 0))


def test_confusion_matrix_is_a_frozen_value() -> None:
    cm = confusion_matrix([0, 1], [0, 1])
    assert cm == ConfusionMatrix(counts=((1, 0), (0, 1)), class_names=("0", "1"))
    assert eval(repr(cm)) == cm
    with pytest.raises(AttributeError):
        cm.counts = ((0,),)  # type: ignore[misc]


def test_confusion_matrix_label_without_a_name() -> None:
    with pytest.raises(DataError, match=exactly(
        "y_pred[1] is 2, but class_names names only 2 classes (0 to 1)"
    )):
        confusion_matrix([0, 1], [0, 2], class_names=["no", "yes"])


def test_confusion_matrix_class_names_must_be_a_sequence_of_distinct_names() -> None:
    with pytest.raises(TypeError, match=exactly("class_names must be a sequence of names, got the string 'ab'")):
        confusion_matrix([0, 1], [0, 1], class_names="ab")
    with pytest.raises(ValueError, match=exactly("class_names must all differ, got ['a', 'a']")):
        confusion_matrix([0, 1], [0, 1], class_names=["a", "a"])


def test_confusion_matrix_record_checks_its_shape() -> None:
    with pytest.raises(ShapeError, match=exactly(
        "a ConfusionMatrix with 2 class names needs 2 rows of 2 counts each; got rows of lengths [2, 3]"
    )):
        ConfusionMatrix(counts=((1, 0), (0, 1, 2)), class_names=("no", "yes"))


def test_confusion_matrix_length_mismatch() -> None:
    with pytest.raises(ShapeError, match=exactly(
        "cannot compute a confusion matrix of y_true (1 label) against y_pred (2 labels)"
    )):
        confusion_matrix([0], [0, 1])


# --------------------------------------------------------------- log loss


def test_binary_log_loss_is_binary_cross_entropy() -> None:
    Y = Matrix([[1.0], [0.0], [1.0], [1.0]])
    P = Matrix([[0.9], [0.2], [0.6], [0.4]])
    assert log_loss(Y, P) == losses.binary_cross_entropy(P, Y)
    # scikit-learn 1.9.1 log_loss([1, 0, 1, 1], [0.9, 0.2, 0.6, 0.4])
    assert math.isclose(log_loss(Y, P), 0.4389051056530454)


def test_categorical_log_loss_is_categorical_cross_entropy() -> None:
    Y = Matrix([[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    P = Matrix([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.25, 0.5, 0.25]])
    assert log_loss(Y, P) == losses.categorical_cross_entropy(P, Y)
    # by hand: −(ln 0.7 + ln 0.8 + ln 0.5) / 3; scikit-learn 1.9.1 gives the same
    assert math.isclose(log_loss(Y, P), -(math.log(0.7) + math.log(0.8) + math.log(0.5)) / 3)
    assert math.isclose(log_loss(Y, P), 0.4243218919376292)


def test_log_loss_of_certain_and_right_is_0_and_certain_and_wrong_is_finite() -> None:
    assert log_loss(Matrix([[1.0], [0.0]]), Matrix([[1.0], [0.0]])) == 0.0
    # ln 0 is clamped at −100, as in purenn.nn.losses: one of two samples costs 100
    assert log_loss(Matrix([[1.0], [0.0]]), Matrix([[0.0], [0.0]])) == 50.0


def test_log_loss_shape_mismatch() -> None:
    with pytest.raises(ShapeError, match=exactly(
        "cannot compute log_loss of Y_true (2, 1) against Y_prob (1, 2): there must be one prediction per target"
    )):
        log_loss(Matrix([[1], [0]]), Matrix([[0.5, 0.5]]))


def test_log_loss_refuses_values_that_are_not_probabilities() -> None:
    with pytest.raises(DataError, match=exactly(
        "Y_prob[1, 0] is 2.5: log_loss needs values between 0 and 1 (probabilities, after the sigmoid or softmax)"
    )):
        log_loss(Matrix([[1], [0]]), Matrix([[0.5], [2.5]]))


def test_log_loss_refuses_several_yes_no_columns() -> None:
    with pytest.raises(DataError, match=exactly("row 0 of Y_true sums to 2.0: with several columns")):
        log_loss(Matrix([[1, 1]]), Matrix([[0.5, 0.5]]))


# ----------------------------------------------------- mean squared error


def test_mean_squared_error_is_one_function_the_loss() -> None:
    Y = Matrix([[1.0, 2.0], [3.0, 4.0]])
    P = Matrix([[1.5, 2.0], [2.0, 4.5]])
    # (0.25 + 0 + 1 + 0.25) / 4; scikit-learn 1.9.1 gives the same
    assert losses.mean_squared_error(P, Y) == 0.375
    # no second mean_squared_error with the arguments the other way round
    import purenn.nn.metrics as metrics
    assert not hasattr(metrics, "mean_squared_error")


# -------------------------------------------------------------------- R²


def column(values: Sequence[float]) -> Matrix:
    return Matrix([[v] for v in values])


def test_r2_of_a_perfect_fit_is_1() -> None:
    Y = column([0.5, 2.0, -3.0])
    assert r2_score(Y, Y) == 1.0


def test_r2_of_predicting_the_mean_is_0() -> None:
    assert r2_score(column([1, 2, 3, 6]), column([3, 3, 3, 3])) == 0.0


def test_r2_by_hand() -> None:
    # ȳ = 3, SS_tot = 9 + 1 + 1 + 9 = 20, SS_res = 1 + 0 + 0 + 1 = 2
    assert r2_score(column([0, 2, 4, 6]), column([1, 2, 4, 5])) == 1 - 2 / 20


def test_r2_worse_than_the_mean_is_negative() -> None:
    # SS_tot = 2, SS_res = 4 + 0 + 4 = 8; scikit-learn 1.9.1 gives -3.0
    assert r2_score(column([1, 2, 3]), column([3, 2, 1])) == -3.0


def test_r2_of_several_columns_is_the_mean_over_columns() -> None:
    Y = Matrix([[1, 5], [2, 5], [3, 5], [6, 5]])
    P = Matrix([[1.5, 5], [2, 5], [2.5, 5], [6, 5]])
    # column 0: 1 − 0.5/14; column 1 is constant and predicted exactly: 1.0
    assert math.isclose(r2_score(Y, P), ((1 - 0.5 / 14) + 1.0) / 2)
    assert math.isclose(r2_score(Y, P), 0.9821428571428572)  # scikit-learn 1.9.1


def test_r2_of_a_constant_column_predicted_wrongly_is_0() -> None:
    Y = Matrix([[1, 5], [2, 5], [3, 5], [6, 5]])
    P = Matrix([[1.5, 4], [2, 5], [2.5, 5], [6, 5]])
    assert math.isclose(r2_score(Y, P), ((1 - 0.5 / 14) + 0.0) / 2)
    assert math.isclose(r2_score(Y, P), 0.48214285714285715)  # scikit-learn 1.9.1


def test_r2_needs_two_samples() -> None:
    with pytest.raises(ShapeError, match=exactly(
        "r2_score needs at least 2 samples (rows), got Y_true of shape (1, 1): one sample has no variation to explain"
    )):
        r2_score(Matrix([[1]]), Matrix([[1]]))


def test_r2_shape_mismatch() -> None:
    with pytest.raises(ShapeError, match=exactly("cannot compute r2_score of Y_true (2, 1) against Y_pred (2, 2)")):
        r2_score(column([1, 2]), Matrix([[1, 1], [2, 2]]))


def test_regression_metrics_need_matrices() -> None:
    with pytest.raises(TypeError, match=exactly("r2_score takes two Matrices (Y_true, Y_pred), got list and Matrix")):
        r2_score([1.0, 2.0], column([1, 2]))  # type: ignore[arg-type]
