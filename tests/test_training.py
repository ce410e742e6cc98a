"""train(): mini-batches, momentum, schedules, the loss it records, early stopping; plateau_epoch."""

import random
from typing import Dict, List, Optional, Tuple, Union

import re

import pytest

from purenn.data.datasets import diabetes, sine
from purenn.errors import ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import MLP, Layer
from purenn.nn.network import TwoLayerNetwork
from purenn.nn.optim import SGD
from purenn.nn.schedules import Constant, Cyclical, StepDecay
from purenn.nn.training import (
    PLATEAU_FRACTION, PLATEAU_WINDOW, History, Parameter, batches, plateau_epoch, train, updates_per_epoch,
)
from purenn.plot.text import line_chart
from purenn.linalg.vector import Vector



class Recorder:
    """A Trainable that records what train() asks of it.

    Its one weight w has gradient 1 everywhere, so each update moves w by exactly
    −α; the loss of a batch is ``loss`` if given, else the mean of the batch's
    row numbers (X holds each row's number in its one column).
    """

    def __init__(self, loss: Optional[float] = None) -> None:
        self.W = Matrix([[0.0]])
        self.b = Vector([0.0])
        self.fixed_loss = loss
        self.batches: List[List[int]] = []
        self.losses: List[float] = []
        self.weights_seen: List[float] = []

    def parameters(self) -> Dict[str, Parameter]:
        return {"W1": self.W, "b1": self.b}

    def set_parameters(self, parameters: Dict[str, Parameter]) -> None:
        W, b = parameters["W1"], parameters["b1"]
        assert isinstance(W, Matrix) and isinstance(b, Vector)
        self.W, self.b = W, b

    def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]:
        rows = [int(row[0]) for row in X]
        loss = self.fixed_loss if self.fixed_loss is not None else sum(rows) / len(rows)
        self.batches.append(rows)
        self.losses.append(loss)
        self.weights_seen.append(self.W[0, 0])
        return loss, {"W1": Matrix([[1.0]]), "b1": Vector([0.0])}


def numbered_rows(m: int) -> Tuple[Matrix, Matrix]:
    return Matrix([[float(i)] for i in range(m)]), Matrix([[0.0]] * m)


def small_problem(m: int = 12, seed: int = 0) -> Tuple[MLP, Matrix, Matrix]:
    rng = random.Random(seed)
    X = Matrix([[rng.uniform(-1, 1) for _ in range(3)] for _ in range(m)])
    Y = Matrix([[float(rng.randint(0, 1))] for _ in range(m)])
    return MLP([3, 5, 1], activation="tanh", output="sigmoid", seed=seed), X, Y


def minus(value: Parameter, alpha: float, direction: Parameter) -> Parameter:
    if isinstance(value, Matrix) and isinstance(direction, Matrix):
        return value - alpha * direction
    assert isinstance(value, Vector) and isinstance(direction, Vector)
    return value - alpha * direction


# ------------------------------------------------------------------ batches


def test_full_batch_is_every_row_in_order() -> None:
    assert batches(5, None, None) == [[0, 1, 2, 3, 4]]
    assert batches(5, None, random.Random(0)) == [[0, 1, 2, 3, 4]]  # nothing to shuffle for
    assert batches(3, 10, None) == [[0, 1, 2]]


def test_a_batch_size_of_at_least_m_is_one_shuffled_batch() -> None:
    (only,) = batches(6, 6, random.Random(1))
    assert sorted(only) == list(range(6))
    (only,) = batches(6, 50, random.Random(1))
    assert sorted(only) == list(range(6))


@pytest.mark.parametrize("m, size", [(10, 3), (10, 5), (7, 2), (100, 32), (5, 1)])
def test_mini_batches_cover_every_row_once(m: int, size: int) -> None:
    epoch = batches(m, size, random.Random(3))
    assert sorted(i for batch in epoch for i in batch) == list(range(m))
    expected_sizes = [size] * (m // size) + ([m % size] if m % size else [])
    assert [len(batch) for batch in epoch] == expected_sizes  # only the last may be smaller


def test_batches_are_seeded_and_reshuffled_every_epoch() -> None:
    assert batches(10, 3, random.Random(4)) == batches(10, 3, random.Random(4))
    assert batches(5, 2, random.Random(0)) == [[2, 1], [0, 4], [3]]  # the docstring's example
    rng = random.Random(4)
    first, second = batches(10, 3, rng), batches(10, 3, rng)
    assert first != second
    assert sorted(sum(first, [])) == sorted(sum(second, [])) == list(range(10))


def test_mini_batches_need_a_generator() -> None:
    with pytest.raises(ValueError, match="mini-batches need a random.Random to shuffle with"):
        batches(10, 3, None)


@pytest.mark.parametrize("m, size, updates", [
    (100, None, 1), (100, 1, 100), (100, 32, 4), (100, 100, 1), (100, 500, 1), (7, 3, 3), (0, None, 1),
])
def test_updates_per_epoch_counts_the_batches(m: int, size: Optional[int], updates: int) -> None:
    assert updates_per_epoch(m, size) == len(batches(m, size, random.Random(0))) == updates


def test_train_uses_those_batches() -> None:
    X, Y = numbered_rows(10)
    model = Recorder()
    train(model, X, Y, epochs=3, learning_rate=0.1, batch_size=4, seed=5)
    rng = random.Random(5)
    expected = [batch for _ in range(3) for batch in batches(10, 4, rng)]
    assert model.batches == expected
    epochs = [model.batches[3 * e:3 * e + 3] for e in range(3)]
    assert all(sorted(sum(epoch, [])) == list(range(10)) for epoch in epochs)
    assert epochs[0] != epochs[1] != epochs[2]  # reshuffled between epochs


def test_full_batch_training_passes_the_rows_in_order() -> None:
    X, Y = numbered_rows(7)
    model = Recorder()
    train(model, X, Y, epochs=2, learning_rate=0.1)
    assert model.batches == [list(range(7))] * 2


# --------------------------------------------------- the loss train records


def test_epoch_loss_is_the_batch_losses_weighted_by_batch_size() -> None:
    X, Y = numbered_rows(10)
    model = Recorder()
    history = train(model, X, Y, epochs=4, learning_rate=0.1, batch_size=4, seed=0)
    # Batches of 4, 4 and 2 rows: each batch's loss is the mean of its row numbers,
    # so the weighted mean is the mean of all the row numbers, 4.5, whatever the shuffle.
    assert history.loss == pytest.approx([4.5] * 4, rel=1e-15)
    unweighted = [sum(model.losses[3 * e:3 * e + 3]) / 3 for e in range(4)]
    assert any(abs(mean - 4.5) > 0.1 for mean in unweighted)  # the plain mean would be wrong


def test_epoch_loss_is_measured_before_each_update() -> None:
    net, X, Y = small_problem()
    start_loss, _ = net.loss_and_gradients(X, Y)
    history = net.fit(X, Y, epochs=3, learning_rate=0.5)
    assert history.loss[0] == pytest.approx(start_loss, rel=1e-15)


def test_full_batch_loss_is_recorded_exactly() -> None:
    X, Y = numbered_rows(3)
    history = train(Recorder(loss=0.1), X, Y, epochs=1, learning_rate=0.1)
    assert history.loss == [0.1]


# --------------------------------------------------- gradient descent itself


@pytest.mark.parametrize("batch_size", [None, 5])
def test_momentum_zero_is_plain_gradient_descent_exactly(batch_size: Optional[int]) -> None:
    net, X, Y = small_problem()
    by_hand = MLP.from_layers(net.layers, activation="tanh", output="sigmoid")
    history = net.fit(X, Y, epochs=6, learning_rate=0.3, batch_size=batch_size, optimizer=SGD(0.3, momentum=0.0), seed=2)
    rng = random.Random(2)
    for _ in range(6):
        for rows in batches(X.shape[0], batch_size, rng):
            X_batch, Y_batch = (X, Y) if batch_size is None else (X.take(rows), Y.take(rows))
            _, gradients = by_hand.loss_and_gradients(X_batch, Y_batch)
            # (14) p ← p − α·∂J/∂p
            by_hand.set_parameters({name: minus(p, 0.3, gradients[name]) for name, p in by_hand.parameters().items()})
    assert net.parameters() == by_hand.parameters()
    assert len(history.learning_rates) == 6 * (1 if batch_size is None else 3)


def test_momentum_follows_pytorchs_formula() -> None:
    # One weight and one bias, ŷ = w·x + b, mean squared error on two points:
    # ∂J/∂w = (2/m) Σ (ŷ − y)·x and ∂J/∂b = (2/m) Σ (ŷ − y).
    points = [(1.0, 3.0), (2.0, 5.0)]
    X, Y = Matrix([[x] for x, _ in points]), Matrix([[y] for _, y in points])
    net = MLP.from_layers([Layer(Matrix([[0.5]]), Vector([0.0]))], output="identity")
    mu = 0.9
    schedule = StepDecay(0.1, factor=0.5, every=1)  # α = 0.1, 0.05, 0.025: a changing rate tells formulas apart
    net.fit(X, Y, epochs=3, learning_rate=schedule, optimizer=SGD(0.1, momentum=mu))

    def gradient(w: float, b: float) -> Tuple[float, float]:
        m = len(points)
        errors = [(w * x + b - y, x) for x, y in points]
        return sum(2 / m * e * x for e, x in errors), sum(2 / m * e for e, _ in errors)

    # PyTorch: v1 = g1, p1 = p0 − α0·v1; v2 = μ·v1 + g2, p2 = p1 − α1·v2; ...
    w, b, vw, vb = 0.5, 0.0, 0.0, 0.0
    for t in range(3):
        gw, gb = gradient(w, b)
        vw, vb = (gw, gb) if t == 0 else (mu * vw + gw, mu * vb + gb)
        w, b = w - schedule(t) * vw, b - schedule(t) * vb
    assert net.layers[0].W[0, 0] == pytest.approx(w, rel=1e-13)
    assert net.layers[0].b[0] == pytest.approx(b, rel=1e-13)

    # Sutskever's form, v = μ·v − α·g and p = p + v, agrees only while α is constant.
    w2, b2, vw, vb = 0.5, 0.0, 0.0, 0.0
    for t in range(3):
        gw, gb = gradient(w2, b2)
        vw, vb = mu * vw - schedule(t) * gw, mu * vb - schedule(t) * gb
        w2, b2 = w2 + vw, b2 + vb
    assert abs(w2 - w) > 1e-3


def test_momentum_matches_the_formula_bit_for_bit() -> None:
    net, X, Y = small_problem()
    start = MLP.from_layers(net.layers, activation="tanh", output="sigmoid")
    net.fit(X, Y, epochs=3, optimizer=SGD(0.4, momentum=0.8))
    p0 = start.parameters()
    _, g1 = start.loss_and_gradients(X, Y)
    v1 = g1
    p1 = {name: minus(p0[name], 0.4, v1[name]) for name in p0}
    _, g2 = start.with_parameters(p1).loss_and_gradients(X, Y)
    v2 = {name: g2[name] + 0.8 * v1[name] for name in p0}
    p2 = {name: minus(p1[name], 0.4, v2[name]) for name in p0}
    _, g3 = start.with_parameters(p2).loss_and_gradients(X, Y)
    v3 = {name: g3[name] + 0.8 * v2[name] for name in p0}
    p3 = {name: minus(p2[name], 0.4, v3[name]) for name in p0}
    assert net.parameters() == p3


# ---------------------------------------------------------------- schedules


@pytest.mark.parametrize(
    "schedule",
    [Cyclical(0.01, 0.1, half_cycle=3), StepDecay(0.2, factor=0.5, every=5), Constant(0.05)],
    ids=repr,
)
def test_the_schedule_gives_the_rate_of_every_update(schedule: Union[Cyclical, StepDecay, Constant]) -> None:
    X, Y = numbered_rows(10)
    model = Recorder()
    history = train(model, X, Y, epochs=5, learning_rate=schedule, batch_size=3, seed=0)
    updates = 5 * 4  # 10 rows in batches of 3, 3, 3 and 1
    assert history.learning_rates == schedule.values(updates)
    # The weight's gradient is 1, so update t moves it by exactly −α(t).
    steps = [before - after for before, after in zip(model.weights_seen, model.weights_seen[1:])]
    assert steps == pytest.approx(schedule.values(updates - 1), rel=1e-9)


def test_a_number_is_a_constant_rate() -> None:
    X, Y = numbered_rows(4)
    history = train(Recorder(), X, Y, epochs=3, learning_rate=0.25, batch_size=2, seed=0)
    assert history.learning_rates == [0.25] * 6


# ----------------------------------------------------------- early stopping


def test_early_stopping_on_a_rising_validation_loss() -> None:
    # ŷ = w·x + b starts at 0 and is trained towards y = 2x, but validated on y = x: the
    # validation loss falls while ŷ nears x, then rises as ŷ goes on towards 2x.
    xs = [i / 9 for i in range(10)]
    X = Matrix([[x] for x in xs])
    Y_train, Y_val = Matrix([[2 * x] for x in xs]), Matrix([[x] for x in xs])
    net = MLP.from_layers([Layer(Matrix([[0.0]]), Vector([0.0]))], output="identity")
    snapshots: List[Dict[str, Parameter]] = []
    history = net.fit(
        X, Y_train, epochs=500, learning_rate=0.02, validation=(X, Y_val), patience=4,
        on_epoch=lambda epoch, loss: snapshots.append(net.parameters()),
    )
    assert history.stopped_early
    assert 0 < history.best_epoch < history.epochs_run < 500
    assert history.epochs_run == history.best_epoch + 1 + 4  # four epochs without improvement
    assert len(history.validation_loss) == history.epochs_run
    best = min(history.validation_loss)
    assert history.validation_loss.index(best) == history.best_epoch
    assert net.loss_and_gradients(X, Y_val)[0] == best  # the model holds the best epoch's weights
    assert net.parameters() == snapshots[history.best_epoch]
    assert net.parameters() != snapshots[-1]
    assert history.loss[-1] < history.loss[history.best_epoch]  # training kept improving


def test_early_stopping_when_a_big_network_overfits_a_tiny_noisy_set() -> None:
    data = sine(n_samples=10, noise=0.4, seed=1)
    clean = sine(n_samples=40, noise=0.0, seed=2)
    net = MLP([1, 32, 32, 1], activation="tanh", output="identity", seed=0)
    history = net.fit(
        data.X, data.Y, epochs=1500, learning_rate=0.1, validation=(clean.X, clean.Y), patience=20
    )
    assert history.stopped_early and history.epochs_run < 1500
    assert history.epochs_run == history.best_epoch + 1 + 20
    assert history.best_epoch == history.validation_loss.index(min(history.validation_loss))
    assert net.loss_and_gradients(clean.X, clean.Y)[0] == min(history.validation_loss)
    assert history.validation_loss[-1] > min(history.validation_loss)
    assert history.loss[-1] < history.loss[history.best_epoch]  # the training loss still fell: overfitting


def test_validation_without_patience_runs_every_epoch_and_keeps_the_last_weights() -> None:
    net, X, Y = small_problem()
    history = net.fit(X, Y, epochs=5, learning_rate=0.5, validation=(X, Y))
    assert not history.stopped_early
    assert history.epochs_run == 5 and history.best_epoch == 4
    assert len(history.validation_loss) == 5
    assert history.validation_loss[-1] == net.loss_and_gradients(X, Y)[0]


def test_on_epoch_hears_every_epoch() -> None:
    net, X, Y = small_problem()
    heard: List[Tuple[int, float]] = []
    history = net.fit(X, Y, epochs=4, learning_rate=0.5, on_epoch=lambda e, loss: heard.append((e, loss)))
    assert heard == list(enumerate(history.loss))


def test_mlp_fit_takes_exactly_train_s_parameters_with_the_same_defaults() -> None:
    """MLP.fit is train with the network in front: no option of one is missing from the other, and
    neither knows how progress is shown (a display is an on_epoch hook, from purenn.plot)."""
    import inspect

    fit = list(inspect.signature(MLP.fit).parameters.values())[1:]  # without self
    loop = list(inspect.signature(train).parameters.values())[1:]  # without model
    assert [(p.name, p.kind, p.default) for p in fit] == [(p.name, p.kind, p.default) for p in loop]
    assert [p.name for p in fit] == [
        "X", "Y", "epochs", "learning_rate", "on_epoch", "batch_size", "optimizer", "seed", "validation", "patience",
    ]


def test_zero_epochs_change_nothing() -> None:
    net, X, Y = small_problem()
    before = net.parameters()
    history = net.fit(X, Y, epochs=0)
    assert history == History(best_epoch=-1)
    assert history.epochs_run == 0
    assert net.parameters() == before


# ------------------------------------------------------------------- errors


def test_patience_needs_validation_data() -> None:
    net, X, Y = small_problem()
    with pytest.raises(ValueError) as error:
        net.fit(X, Y, epochs=5, patience=3)
    assert str(error.value) == "early stopping (patience) needs validation data to watch"


@pytest.mark.parametrize(
    "options, message",
    [
        ({"epochs": -1}, "epochs must be a whole number of at least 0, got -1"),
        ({"epochs": 2.5}, "epochs must be a whole number (an int), got 2.5 (a float)"),
        ({"epochs": True}, "epochs must be a whole number (an int), got True (a bool)"),
        ({"batch_size": 0}, "batch_size must be a whole number of at least 1, got 0"),
        ({"batch_size": -4}, "batch_size must be a whole number of at least 1, got -4"),
        ({"batch_size": 2.0}, "batch_size must be a whole number (an int), got 2.0 (a float)"),
        ({"learning_rate": 0.0}, "learning_rate must be a positive number, got 0.0"),
        ({"learning_rate": -0.1}, "learning_rate must be a positive number, got -0.1"),
    ],
)
def test_bad_settings_are_refused(options: Dict[str, object], message: str) -> None:
    net, X, Y = small_problem()
    settings: Dict[str, object] = {"epochs": 3}
    settings.update(options)
    before = net.parameters()
    with pytest.raises((TypeError, ValueError)) as error:
        train(net, X, Y, **settings)  # type: ignore[arg-type]
    assert str(error.value) == message
    # purenn.checks' rule: a value of the wrong type is a TypeError, a wrong value a PurennError
    assert isinstance(error.value, TypeError) == bool(re.search(r"\((a|an) \w+\)$", message))
    assert net.parameters() == before


def test_rows_of_x_and_y_must_pair_up() -> None:
    net, X, Y = small_problem(m=6)
    with pytest.raises(ShapeError) as error:
        net.fit(X, Y.take([0, 1, 2]), epochs=1)
    assert str(error.value) == "X has 6 rows but Y has 3: there must be one target row per sample"


# ------------------------------------------------------------ plateau_epoch


def test_plateau_epoch_rule() -> None:
    assert (PLATEAU_FRACTION, PLATEAU_WINDOW) == (0.01, 100)
    assert plateau_epoch([1.0, 0.5, 0.2, 0.1, 0.0999, 0.0998], window=1) == 3
    assert plateau_epoch([1.0, 0.5, 0.2, 0.1, 0.0999, 0.0998], window=3) is None
    assert plateau_epoch([0.3]) is None  # nothing to look ahead to
    assert plateau_epoch([0.2, 0.3, 0.4], window=1) == 0  # a rising loss did not fall
    # The rule: the first epoch e after which the loss gets less than 1% lower within 100 epochs.
    history = [1.0 / (1 + epoch) ** 0.5 for epoch in range(30000)]
    plateau = plateau_epoch(history)
    assert plateau is not None

    def falls(e: int) -> float:
        return (history[e] - min(history[e + 1:e + 101])) / history[e]

    assert falls(plateau) < 0.01 <= falls(plateau - 1)

    # One noisy epoch at the end of the window is not the end of learning: the rule takes
    # the lowest loss of the window (comparing with epoch 2 alone would stop at epoch 0).
    assert plateau_epoch([1.0, 0.5, 1.2, 0.3, 0.2], window=2) is None


def test_plateau_epoch_does_not_depend_on_the_length_of_the_run() -> None:
    # A rule measured against the run's own last loss moves when the run is longer;
    # this one looks only ahead, so cutting the run short never changes its answer.
    history = [1.0 / (1 + epoch) for epoch in range(400)]
    found = plateau_epoch(history, fraction=0.4)
    assert found is not None
    assert all(plateau_epoch(history[:end], fraction=0.4) == found for end in range(found + 101, 401, 7))
    assert all(plateau_epoch(history[:end], fraction=0.4) is None for end in range(1, found + 101))


def test_the_articles_run_has_not_levelled_off_after_1500_epochs() -> None:
    data = diabetes()
    history = TwoLayerNetwork(4, 4, 1, seed=0).fit(data.X, data.Y, epochs=1500, learning_rate=1.0).loss
    assert plateau_epoch(history) is None
    # Still falling by about 11% over its last 100 epochs, and the article's epoch 800
    # is 3.5 times the final loss: the curve only looks flat on a linear scale.
    assert 0.10 < (history[1399] - history[1499]) / history[1399] < 0.12
    assert 3.4 < history[800] / history[1499] < 3.6


@pytest.mark.parametrize(
    "history, fraction, window, message",
    [
        ([], 0.02, 100, "plateau_epoch needs the loss of at least one epoch"),
        ([1.0, 0.5], 1.0, 100, "fraction must be at least 0 and below 1, got 1.0"),
        ([1.0, 0.5], -0.1, 100, "fraction must be at least 0 and below 1, got -0.1"),
        ([1.0, 0.5], 0.01, 0, "window must be a whole number of at least 1, got 0"),
    ],
)
def test_plateau_epoch_refuses_bad_input(history: List[float], fraction: float, window: int, message: str) -> None:
    with pytest.raises(ValueError) as error:
        plateau_epoch(history, fraction, window)
    assert str(error.value) == message


# ----------------------------------------------- divergence, custom schedules, repr


def test_a_learning_rate_that_is_far_too_large_stops_with_a_clear_error() -> None:
    from purenn.data.datasets import sine
    from purenn.errors import TrainingDiverged
    from purenn.nn.mlp import MLP

    data = sine(n_samples=60, seed=0)
    network = MLP([1, 8, 1], activation="tanh", output="identity", seed=0)
    with pytest.raises(TrainingDiverged, match=r"training diverged: at epoch \d+ .*Try a smaller learning rate"):
        network.fit(data.X, data.Y, epochs=200, learning_rate=5.0)


def test_any_function_of_the_update_number_is_a_schedule() -> None:
    from purenn.data.datasets import xor
    from purenn.nn.mlp import MLP

    data = xor()
    history = MLP([2, 4, 1], seed=0).fit(data.X, data.Y, epochs=5, learning_rate=lambda t: 0.5 / (1 + t))
    assert history.learning_rates == [0.5 / (1 + t) for t in range(5)]


def test_the_article_network_trains_with_train_too() -> None:
    from purenn.data.datasets import diabetes
    from purenn.nn.network import TwoLayerNetwork

    data = diabetes()
    literal, general = TwoLayerNetwork(4, 4, seed=0), TwoLayerNetwork(4, 4, seed=0)
    expected = literal.fit(data.X, data.Y, epochs=50)
    history = train(general, data.X, data.Y, epochs=50, learning_rate=1.0)
    assert history == expected  # the same History, from either fit
    assert general.parameters() == literal.parameters()


def test_history_repr_stays_short_after_many_epochs() -> None:
    history = History(loss=[1.0 / (1 + e) for e in range(5000)], best_epoch=4999)
    text = repr(history)
    assert text == "History(epochs_run=5000, loss 1 -> 0.0002, best_epoch=4999, stopped_early=False)"
    assert "•" in line_chart(history.loss) or "*" in line_chart(history.loss, unicode=False)


def test_a_history_reads_like_the_list_of_its_losses() -> None:
    history = History(loss=[0.9, 0.5, 0.2], learning_rates=[0.1] * 3, best_epoch=2)
    assert history[0] == 0.9 and history[-1] == 0.2 and history[1:] == [0.5, 0.2]
    assert len(history) == 3 == history.epochs_run
    assert list(history) == [0.9, 0.5, 0.2] and 0.5 in history and min(history) == 0.2
    assert plateau_epoch(history) == plateau_epoch(history.loss)
    assert not History()  # empty, like an empty list
