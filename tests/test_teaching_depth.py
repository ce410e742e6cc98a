"""What notebook 04 (training in depth) says about purenn's own code, checked against the code.

The notebook checks its numbers with asserts in its cells, and tests/test_notebooks.py
runs it. What it cannot check by running is that a sentence about purenn stays true
when purenn changes: "the loss recorded for an epoch is the size-weighted mean of its
batches' losses", "these are the commented lines of the class SGD", "the defaults of
purenn train are batches of 32, momentum 0.9 and the rate 0.01", "MLP starts ReLU
layers with He weights". Each test here names the section whose sentence it keeps true.
All of them run in well under a second.
"""

import inspect
import math
import random
from typing import List

import pytest

from purenn.app.pipeline import TrainConfig
from purenn.data.datasets import moons
from purenn.data.preprocessing import StandardScaler
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn import metrics
from purenn.nn.activations import he_normal, relu_slope_from_output, sigmoid, softmax, xavier_uniform
from purenn.nn.losses import (
    LOG_FLOOR,
    binary_cross_entropy,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
)
from purenn.nn.mlp import MLP
from purenn.nn.optim import SGD, Adam
from purenn.nn.training import LEARNING_RATE, batches


def _variance(values: List[float]) -> float:
    mean = math.fsum(values) / len(values)
    return math.fsum((value - mean) ** 2 for value in values) / len(values)


# ------------------------------------------------- section 1: mini-batches


@pytest.mark.parametrize("m, batch_size", [(100, 32), (96, 32), (7, 3), (5, 5)])
def test_an_epoch_cuts_the_shuffled_rows_into_ceil_m_over_b_batches(m: int, batch_size: int) -> None:
    cut = batches(m, batch_size, random.Random(0))
    assert len(cut) == -(-m // batch_size)
    assert sorted(row for rows in cut for row in rows) == list(range(m)), "every row exactly once per epoch"
    assert all(len(rows) == batch_size for rows in cut[:-1]) and 0 < len(cut[-1]) <= batch_size
    if m == 100:
        assert [len(rows) for rows in cut] == [32, 32, 32, 4], "the last batch takes the 4 rows left over"


def test_the_epoch_loss_is_the_size_weighted_mean_of_batch_losses_each_before_its_update() -> None:
    # Section 1: "the loss recorded for an epoch is the mean of its batches' losses, weighted by their
    # sizes, each measured on its own batch just before that batch's update", and the batches of a run
    # with seed 0 are those of batches(m, 32, random.Random(0)).
    data = moons(n_samples=100, noise=0.2, seed=0)
    trained = MLP([2, 6, 1], activation="relu", seed=0)
    history = trained.fit(data.X, data.Y, epochs=1, batch_size=32, seed=0, learning_rate=0.1)

    by_hand = MLP([2, 6, 1], activation="relu", seed=0)
    optimizer = SGD(learning_rate=0.1)
    weighted = []
    for rows in batches(100, 32, random.Random(0)):
        loss, gradients = by_hand.loss_and_gradients(data.X.take(rows), data.Y.take(rows))
        by_hand.set_parameters(optimizer.step(by_hand.parameters(), gradients))
        weighted.append(loss * len(rows))
    assert len(history.learning_rates) == 4, "four updates in one epoch of 100 rows"
    assert history[0] == pytest.approx(math.fsum(weighted) / 100, rel=1e-12)
    assert all(trained.parameters()[name].allclose(value) for name, value in by_hand.parameters().items())


# --------------------------------------------------- section 1: momentum and Adam


def test_sgd_carries_the_momentum_lines_the_notebook_quotes() -> None:
    source = inspect.getsource(SGD)
    assert "v ← μ·v + g" in source and "p ← p − α·d" in source


def test_adam_carries_the_lines_the_notebook_quotes() -> None:
    source = inspect.getsource(Adam)
    for line in ("m ← β1·m + (1 − β1)·g", "v ← β2·v + (1 − β2)·g²", "m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)",
                 "p ← p − α·m̂ / (√v̂ + ε)"):
        assert line in source, line


def test_momentum_on_a_steady_slope_steps_alpha_times_one_minus_mu_to_the_t_over_one_minus_mu() -> None:
    optimizer = SGD(learning_rate=0.01, momentum=0.9)
    parameters = {"p": Vector([0.0])}
    for t in range(1, 41):
        before = parameters["p"][0]
        parameters = optimizer.step(parameters, {"p": Vector([1.0])})
        assert before - parameters["p"][0] == pytest.approx(0.01 * (1 - 0.9 ** t) / (1 - 0.9), rel=1e-12)


def test_adams_defaults_and_its_first_step_of_about_alpha_whatever_the_gradient() -> None:
    adam = Adam()
    assert (adam.beta1, adam.beta2, adam.eps) == (0.9, 0.999, 1e-8)
    for gradient in (1000.0, 1.0, 0.001, -3.0):
        moved = Adam(learning_rate=0.05).step({"p": Vector([0.0])}, {"p": Vector([gradient])})["p"][0]
        assert -moved == pytest.approx(0.05 * gradient / (abs(gradient) + 1e-8), rel=1e-12)


def test_the_defaults_of_purenn_train_are_the_ones_section_1_explains() -> None:
    defaults = TrainConfig()
    chosen = (defaults.batch_size, defaults.optimizer, defaults.learning_rate, defaults.momentum)
    assert chosen == (32, "sgd", 0.01, 0.9)
    # "0.01 / (1 − 0.9) = 0.1, the same size as purenn's default rate without momentum"
    assert defaults.learning_rate / (1 - defaults.momentum) == pytest.approx(LEARNING_RATE) and LEARNING_RATE == 0.1


# --------------------------------------------------- section 2: the ReLU kink


def test_backprop_takes_relus_slope_at_exactly_zero_to_be_zero() -> None:
    assert relu_slope_from_output(Vector([0.0, 2.5])) == Vector([0.0, 1.0])


# ---------------------------------------------------- section 3: softmax


def test_softmax_shifts_by_the_largest_score_so_large_scores_neither_overflow_nor_change_it() -> None:
    z = Matrix([[2.0, 1.0, -1.0]])
    assert softmax(z + 100.0).allclose(softmax(z)) and sum(softmax(z).row(0)) == pytest.approx(1.0)
    large = softmax(Matrix([[1000.0, 999.0, 998.0]])).row(0)
    assert [round(p, 4) for p in large] == [0.6652, 0.2447, 0.09]
    assert softmax(Matrix([[0.0, 800.0]])).row(0).tolist() == [0.0, 1.0], "e^(−800) underflows to exactly 0"


def test_categorical_cross_entropy_gradient_is_y_hat_minus_y_over_m_and_its_loss_is_clamped() -> None:
    y_hat = softmax(Matrix([[2.0, 1.0, -1.0], [0.0, 0.5, 0.0]]))
    Y = Matrix([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    assert categorical_cross_entropy_gradient(y_hat, Y).allclose((y_hat - Y) / 2)
    expected = -(math.log(y_hat[0, 1]) + math.log(y_hat[1, 0])) / 2
    assert categorical_cross_entropy(y_hat, Y) == pytest.approx(expected, rel=1e-12)
    hopeless = softmax(Matrix([[0.0, 800.0]]))
    assert categorical_cross_entropy(hopeless, Matrix([[1.0, 0.0]])) == -LOG_FLOOR == 100.0


def test_the_binary_loss_from_y_hat_is_stuck_at_100_once_sigma_rounds_to_one() -> None:
    for z in (40.0, 100.0, 800.0):
        assert sigmoid(z) == 1.0
        assert binary_cross_entropy(Matrix([[sigmoid(z)]]), Matrix([[0.0]])) == 100.0


# ------------------------------------------------- section 4: evaluation


def test_logistic_regression_is_mlp_with_no_hidden_layer() -> None:
    model = MLP([2, 1], output="sigmoid", seed=0)
    assert len(model.layers) == 1
    X = Matrix([[0.5, -1.0], [2.0, 0.25]])
    (layer,) = model.layers
    assert model.predict_proba(X).allclose(sigmoid(X @ layer.W + layer.b))


def test_precision_recall_f1_and_the_confusion_matrix_are_as_defined() -> None:
    y_true = [1, 1, 1, 0, 0, 0, 0, 1]
    y_pred = [1, 1, 0, 1, 0, 0, 0, 0]    # TP 2, FN 2, FP 1, TN 3
    assert metrics.precision(y_true, y_pred) == pytest.approx(2 / 3)
    assert metrics.recall(y_true, y_pred) == pytest.approx(2 / 4)
    assert metrics.f1(y_true, y_pred) == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))
    table = str(metrics.confusion_matrix(y_true, y_pred, class_names=["no", "yes"]))
    assert "true \\ predicted" in table, "rows are the true classes, columns the predicted ones"
    rows = [line.split() for line in table.splitlines()[1:]]
    assert rows == [["no", "3", "1"], ["yes", "2", "2"]]


def test_with_no_positive_answers_precision_recall_and_f1_are_zero() -> None:
    rare_truth, always_no = [1] * 5 + [0] * 95, [0] * 100
    assert metrics.accuracy(rare_truth, always_no) == 0.95
    assert metrics.precision(rare_truth, always_no) == metrics.recall(rare_truth, always_no) == 0.0
    assert metrics.f1(rare_truth, always_no) == 0.0


# ---------------------------------------------- section 5: initialisation


def test_mlp_starts_relu_like_layers_with_he_and_the_others_with_xavier() -> None:
    # Section 5: He's variance 2/n_in for ReLU and leaky ReLU layers, Xavier's 2/(n_in + n_out) for the
    # others; with 64 units in and out these are 1/32 and 1/64, told apart by 4096 draws each.
    for activation, hidden_variance in (("relu", 2 / 64), ("leaky_relu", 2 / 64), ("tanh", 2 / 128),
                                        ("sigmoid", 2 / 128)):
        network = MLP([64, 64, 64, 1], activation=activation, seed=0)
        for layer in network.layers[:-1]:
            assert _variance(list(layer.W.flat)) == pytest.approx(hidden_variance, rel=0.1), activation


def test_xavier_and_he_draw_with_the_variances_section_5_derives() -> None:
    n_in, n_out = 200, 300
    W = xavier_uniform(n_in, n_out, random.Random(0))
    limit = math.sqrt(6 / (n_in + n_out))
    assert max(abs(value) for value in W.flat) <= limit
    assert _variance(list(W.flat)) == pytest.approx(2 / (n_in + n_out), rel=0.03), "r²/3 = 2/(n_in + n_out)"
    W = he_normal(n_in, n_out, random.Random(0))
    assert _variance(list(W.flat)) == pytest.approx(2 / n_in, rel=0.03)


# ---------------------------------------------- section 6: standardising


def test_standardising_gives_every_column_mean_0_and_standard_deviation_1() -> None:
    X = Matrix([[1.0, 50.0], [2.0, 70.0], [4.0, 60.0], [9.0, 20.0]])
    scaler = StandardScaler.fit(X)
    standardised = scaler.transform(X)
    for j in range(2):
        column = list(standardised.column(j))
        assert math.fsum(column) == pytest.approx(0.0, abs=1e-12)
        assert _variance(column) == pytest.approx(1.0, rel=1e-12)
    assert scaler.transform(Matrix([[4.0, 60.0]])).allclose(standardised.take([2])), "the same numbers for new rows"
