"""TwoLayerNetwork: shapes, initialisation, equations (1)-(14), training, and its error messages."""

import math
import random
from typing import List, Tuple

import pytest

from purenn.data.datasets import diabetes, xor
from purenn.errors import DataError, PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.network import Forward, Gradients, TwoLayerNetwork
from purenn.nn.training import History
from purenn.linalg.vector import Vector


def sigma(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def small_problem(
    n: int = 3, h: int = 4, o: int = 2, m: int = 5, seed: int = 0
) -> Tuple[TwoLayerNetwork, Matrix, Matrix]:
    rng = random.Random(seed)
    X = Matrix([[rng.uniform(-1.0, 1.0) for _ in range(n)] for _ in range(m)])
    Y = Matrix([[float(rng.randint(0, 1)) for _ in range(o)] for _ in range(m)])
    return TwoLayerNetwork(n, h, o, seed=seed), X, Y


def entries(parameter: Matrix) -> List[float]:
    return [value for row in parameter for value in row]


# ------------------------------------------------------------------ shapes


def test_parameter_shapes() -> None:
    net = TwoLayerNetwork(n_inputs=3, n_hidden=4, n_outputs=2)
    assert net.W1.shape == (3, 4)
    assert net.b1.shape == (4,)
    assert net.W2.shape == (4, 2)
    assert net.b2.shape == (2,)
    assert net.shape == (3, 4, 2)
    assert isinstance(net.b1, Vector) and isinstance(net.b2, Vector)


def test_forward_and_gradient_shapes() -> None:
    net, X, Y = small_problem(n=3, h=4, o=2, m=5)
    forward = net.forward(X)
    assert isinstance(forward, Forward)
    assert forward.z1.shape == (5, 4)
    assert forward.a1.shape == (5, 4)
    assert forward.z2.shape == (5, 2)
    assert forward.output.shape == (5, 2)
    gradients = net.backward(X, Y, forward)
    assert isinstance(gradients, Gradients)
    assert gradients.dW1.shape == (3, 4)
    assert gradients.db1.shape == (4,)
    assert gradients.dW2.shape == (4, 2)
    assert gradients.db2.shape == (2,)
    assert gradients.by_parameter() == {
        "W1": gradients.dW1, "b1": gradients.db1, "W2": gradients.dW2, "b2": gradients.db2
    }


def test_records_are_frozen() -> None:
    net, X, Y = small_problem()
    forward = net.forward(X)
    with pytest.raises(AttributeError):
        setattr(forward, "output", forward.z2)
    with pytest.raises(AttributeError):
        setattr(net.backward(X, Y, forward), "dW1", forward.z1)


def test_repr() -> None:
    net = TwoLayerNetwork.from_weights(Matrix([[1, 2]]), Vector([0, 0]), Matrix([[3], [4]]), Vector([0]))
    assert repr(net) == (
        "TwoLayerNetwork(W1=Matrix([[1.0, 2.0]]), b1=Vector([0.0, 0.0]),\n"
        "                W2=Matrix([[3.0], [4.0]]), b2=Vector([0.0]))"
    )
    assert repr(TwoLayerNetwork(4, 3)).startswith("TwoLayerNetwork(W1=<(4, 3) [[")


# ---------------------------------------------------------- initialisation


def test_same_seed_same_weights() -> None:
    first, second = TwoLayerNetwork(4, 5, 2, seed=7), TwoLayerNetwork(4, 5, 2, seed=7)
    assert first.parameters() == second.parameters()


def test_a_random_generator_can_be_the_seed() -> None:
    assert TwoLayerNetwork(3, 2, seed=random.Random(11)).parameters() == TwoLayerNetwork(3, 2, seed=11).parameters()


def test_different_seeds_differ() -> None:
    weights = {seed: TwoLayerNetwork(4, 5, 2, seed=seed).W1 for seed in range(5)}
    assert len(set(weights.values())) == 5


@pytest.mark.parametrize("n, h, o", [(1, 1, 1), (4, 4, 1), (9, 16, 3), (100, 2, 2)])
def test_weights_within_one_over_square_root_of_fan_in(n: int, h: int, o: int) -> None:
    net = TwoLayerNetwork(n, h, o, seed=n + h + o)
    assert all(abs(w) <= 1.0 / math.sqrt(n) for w in entries(net.W1))
    assert all(abs(w) <= 1.0 / math.sqrt(h) for w in entries(net.W2))


def test_weights_fill_their_range() -> None:
    # Not squeezed into a corner of ±1/√fan-in: both signs, and close to the limit.
    W1 = entries(TwoLayerNetwork(4, 50, seed=0).W1)
    assert min(W1) < -0.45 and max(W1) > 0.45


def test_biases_start_at_zero() -> None:
    net = TwoLayerNetwork(3, 4, 2, seed=1)
    assert net.b1 == Vector.zeros(4)
    assert net.b2 == Vector.zeros(2)


def test_weights_are_not_all_equal() -> None:
    # Equal weights would give every hidden unit the same gradient for ever.
    net = TwoLayerNetwork(4, 4, seed=0)
    assert len(set(entries(net.W1))) == 16
    assert len(set(entries(net.W2))) == 4
    columns = [tuple(net.W1.column(j)) for j in range(4)]
    assert len(set(columns)) == 4  # every hidden unit starts different


@pytest.mark.parametrize("argument", [0, -1])
def test_sizes_must_be_at_least_one(argument: int) -> None:
    with pytest.raises(ValueError) as error:
        TwoLayerNetwork(4, argument)
    assert str(error.value) == f"n_hidden must be at least 1, got {argument!r}"


@pytest.mark.parametrize("argument", [2.0, True, "3"])
def test_sizes_must_be_ints(argument: object) -> None:
    with pytest.raises(TypeError) as error:
        TwoLayerNetwork(4, argument)  # type: ignore[arg-type]
    assert str(error.value) == f"n_hidden must be an int, got {argument!r} (a {type(argument).__name__})"


# ------------------------------------------------------------ from_weights


def from_weights_error(W1: Matrix, b1: Vector, W2: Matrix, b2: Vector) -> str:
    with pytest.raises(ShapeError) as error:
        TwoLayerNetwork.from_weights(W1, b1, W2, b2)
    return str(error.value)


def test_from_weights_keeps_the_weights() -> None:
    W1, b1, W2, b2 = Matrix([[1.0, -1.0]]), Vector([0.5, 0.25]), Matrix([[2.0], [3.0]]), Vector([-1.0])
    net = TwoLayerNetwork.from_weights(W1, b1, W2, b2)
    assert net.parameters() == {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    assert net.shape == (1, 2, 1)


def test_from_weights_b1_shape_error() -> None:
    message = from_weights_error(Matrix([[1, -1]]), Vector([0]), Matrix([[1], [1]]), Vector([0]))
    assert message == "b1 has shape (1,) but W1 is (1, 2): b1 needs one entry per hidden unit (2)"


def test_from_weights_W2_shape_error() -> None:
    message = from_weights_error(Matrix([[1, -1]]), Vector([0, 0]), Matrix([[1], [1], [1]]), Vector([0]))
    assert message == "W2 has shape (3, 1) but W1 is (1, 2): W2 needs one row per hidden unit (2)"


def test_from_weights_b2_shape_error() -> None:
    message = from_weights_error(Matrix([[1, -1]]), Vector([0, 0]), Matrix([[1], [1]]), Vector([0, 0]))
    assert message == "b2 has shape (2,) but W2 is (2, 1): b2 needs one entry per output (1)"


def test_from_weights_type_error() -> None:
    with pytest.raises(TypeError) as error:
        TwoLayerNetwork.from_weights(
            Matrix([[1.0]]), Matrix([[0.0]]), Matrix([[1.0]]), Vector([0.0])  # type: ignore[arg-type]
        )
    assert str(error.value) == "b1 must be a Vector, got Matrix"


# ------------------------------------------------------------------ forward


def test_forward_matches_a_hand_computation() -> None:
    # One sample, 2 inputs, 2 hidden units, 1 output, every number written out.
    net = TwoLayerNetwork.from_weights(
        W1=Matrix([[0.5, -1.0], [0.25, 2.0]]),
        b1=Vector([0.1, -0.2]),
        W2=Matrix([[1.5], [-0.75]]),
        b2=Vector([0.3]),
    )
    x1, x2 = 1.0, 2.0
    z1 = [x1 * 0.5 + x2 * 0.25 + 0.1, x1 * -1.0 + x2 * 2.0 - 0.2]  # (1)  [1.1, 2.8]
    a1 = [sigma(z) for z in z1]  # (2)
    z2 = a1[0] * 1.5 + a1[1] * -0.75 + 0.3  # (3)
    y_hat = sigma(z2)  # (4)

    forward = net.forward(Matrix([[x1, x2]]))
    assert forward.z1.allclose(Matrix([z1]), rel_tol=1e-12)
    assert forward.a1.allclose(Matrix([a1]), rel_tol=1e-12)
    assert forward.z2.allclose(Matrix([[z2]]), rel_tol=1e-12)
    assert forward.output.allclose(Matrix([[y_hat]]), rel_tol=1e-12)


def test_forward_adds_the_bias_to_every_row() -> None:
    net = TwoLayerNetwork.from_weights(Matrix([[0.0]]), Vector([2.0]), Matrix([[1.0]]), Vector([0.0]))
    assert net.forward(Matrix([[1.0], [-3.0], [5.0]])).z1 == Matrix([[2.0], [2.0], [2.0]])


def test_loss_is_equation_5() -> None:
    output, Y = Matrix([[0.8], [0.3]]), Matrix([[1.0], [0.0]])
    expected = -(math.log(0.8) + math.log(0.7)) / 2
    assert math.isclose(TwoLayerNetwork(1, 1).loss(output, Y), expected, rel_tol=1e-12)


# ----------------------------------------------------------------- backward


def test_backward_matches_the_equations_by_hand() -> None:
    # Equations (7)-(13) for one sample and one hidden unit, in plain floats.
    w1, c1, w2, c2 = 0.7, -0.2, 1.3, 0.4
    x, y = 0.5, 1.0
    net = TwoLayerNetwork.from_weights(Matrix([[w1]]), Vector([c1]), Matrix([[w2]]), Vector([c2]))
    a1 = sigma(x * w1 + c1)
    y_hat = sigma(a1 * w2 + c2)
    dz2 = y_hat - y  # (7), N = 1
    dz1 = dz2 * w2 * a1 * (1.0 - a1)  # (10), (11)
    gradients = net.backward(Matrix([[x]]), Matrix([[y]]), net.forward(Matrix([[x]])))
    assert math.isclose(gradients.dW2[0, 0], a1 * dz2, rel_tol=1e-12)  # (8)
    assert math.isclose(gradients.db2[0], dz2, rel_tol=1e-12)  # (9)
    assert math.isclose(gradients.dW1[0, 0], x * dz1, rel_tol=1e-12)  # (12)
    assert math.isclose(gradients.db1[0], dz1, rel_tol=1e-12)  # (13)


def test_backward_is_pure() -> None:
    net, X, Y = small_problem()
    before = net.parameters()
    forward = net.forward(X)
    first = net.backward(X, Y, forward)
    second = net.backward(X, Y, forward)
    assert net.parameters() == before
    for name, value in before.items():
        assert net.parameters()[name] is value  # not even replaced by an equal copy
    assert first == second
    assert net.forward(X) == forward


def test_backward_stays_finite_when_the_output_saturates() -> None:
    net = TwoLayerNetwork.from_weights(Matrix([[1000.0]]), Vector([0.0]), Matrix([[1000.0]]), Vector([0.0]))
    X, Y = Matrix([[1.0]]), Matrix([[0.0]])
    forward = net.forward(X)
    assert forward.output == Matrix([[1.0]])
    assert net.loss(forward.output, Y) == 100.0
    gradients = net.backward(X, Y, forward)
    assert gradients.db2 == Vector([1.0])  # (7): ŷ − y, exact even though (6) would divide by zero


# ------------------------------------------------------------------- update


def test_step_moves_every_parameter_by_minus_learning_rate_times_gradient() -> None:
    net, X, Y = small_problem()
    before = net.parameters()
    forward = net.forward(X)
    expected_loss = net.loss(forward.output, Y)
    gradients = net.backward(X, Y, forward).by_parameter()

    loss = net.step(X, Y, learning_rate=0.3)

    assert loss == expected_loss  # the loss before the update
    after = net.parameters()
    assert after["W1"] == before["W1"] - 0.3 * gradients["W1"]
    assert after["b1"] == before["b1"] - 0.3 * gradients["b1"]
    assert after["W2"] == before["W2"] - 0.3 * gradients["W2"]
    assert after["b2"] == before["b2"] - 0.3 * gradients["b2"]


def test_step_lowers_the_loss_for_a_small_learning_rate() -> None:
    net, X, Y = small_problem()
    first = net.step(X, Y, learning_rate=0.1)
    assert net.step(X, Y, learning_rate=0.1) < first


# ------------------------------------------------------------------ training


def test_fit_returns_one_loss_per_epoch_and_reports_each() -> None:
    net, X, Y = small_problem()
    seen: List[Tuple[int, float]] = []
    history = net.fit(X, Y, epochs=7, on_epoch=lambda epoch, loss: seen.append((epoch, loss)))
    assert len(history) == 7
    assert seen == list(enumerate(history))


def test_fit_for_zero_epochs_changes_nothing() -> None:
    net, X, Y = small_problem()
    before = net.parameters()
    history = net.fit(X, Y, epochs=0)
    assert len(history) == 0 and list(history) == [] and history.learning_rates == []
    assert net.parameters() == before


@pytest.mark.parametrize("epochs, kind, message", [
    (-1, PurennError, "epochs must be a whole number of at least 0, got -1"),
    (1.5, TypeError, "epochs must be a whole number (an int), got 1.5 (a float)"),
    (True, TypeError, "epochs must be a whole number (an int), got True (a bool)"),
    ("10", TypeError, "epochs must be a whole number (an int), got '10' (a str)"),
])
def test_fit_refuses_bad_epochs(epochs: object, kind: type, message: str) -> None:
    net, X, Y = small_problem()
    with pytest.raises(kind) as error:
        net.fit(X, Y, epochs=epochs)  # type: ignore[arg-type]
    assert str(error.value) == message


def test_fit_is_reproducible() -> None:
    data = diabetes()
    first = TwoLayerNetwork(4, 4, seed=3).fit(data.X, data.Y, epochs=50)
    second = TwoLayerNetwork(4, 4, seed=3).fit(data.X, data.Y, epochs=50)
    assert first == second


def test_the_article_run_learns_the_diabetes_table() -> None:
    # The defaults: 4 hidden units, learning rate 1.0, seed 0, the article's 1,500 epochs.
    data = diabetes()
    net = TwoLayerNetwork(n_inputs=4, n_hidden=4)
    assert net.shape == (4, 4, 1)
    history = net.fit(data.X, data.Y, epochs=1500)  # with the article's α = 1.0, the default
    assert isinstance(history, History) and len(history) == 1500 and history.learning_rates == [1.0] * 1500
    assert all(later <= earlier for earlier, later in zip(history, history[1:]))
    assert history[0] > 0.5 and history[-1] < 0.01
    assert net.predict(data.X) == [int(y) for y in data.Y.column(0)]  # 16 of 16


def test_xor_learns() -> None:
    data = xor()
    net = TwoLayerNetwork(n_inputs=2, n_hidden=3, seed=1)
    history = net.fit(data.X, data.Y, epochs=2000, learning_rate=2.0)
    assert history[-1] < 0.01 < math.log(2) < history[0]
    assert net.predict(data.X) == [0, 1, 1, 0]


# ------------------------------------------------------------------ predict


def test_predict_proba_is_the_forward_output() -> None:
    net, X, _ = small_problem()
    assert net.predict_proba(X) == net.forward(X).output


def test_predict_thresholds_the_probabilities() -> None:
    net = TwoLayerNetwork.from_weights(Matrix([[1.0]]), Vector([0.0]), Matrix([[10.0]]), Vector([-5.0]))
    X = Matrix([[-5.0], [0.0], [5.0]])
    probabilities = net.predict_proba(X).column(0)
    assert probabilities[0] < 0.5 == probabilities[1] < probabilities[2]  # z2 = 0 exactly in the middle
    assert net.predict(X) == [0, 1, 1]  # 0.5 counts as yes
    assert net.predict(X, threshold=0.9) == [0, 0, 1]


def test_predict_gives_the_same_labels_as_an_mlp_and_refuses_several_outputs() -> None:
    net = TwoLayerNetwork(3, 4, n_outputs=2, seed=0)
    with pytest.raises(PurennError, match="'sigmoid' with 2 columns: use predict_proba"):
        net.predict(Matrix([[0.0, 1.0, 2.0]]))


# ------------------------------------------------------------- bad inputs


def test_X_with_the_wrong_number_of_columns() -> None:
    net = TwoLayerNetwork(4, 3)
    with pytest.raises(ShapeError) as error:
        net.forward(Matrix([[1.0, 0.0, 1.0]]))
    assert str(error.value) == (
        "X has shape (1, 3) but the network takes 4 inputs (W1 is (4, 3)): X needs one column per input"
    )


def test_Y_with_the_wrong_shape() -> None:
    net = TwoLayerNetwork(2, 3)
    X = Matrix([[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ShapeError) as error:
        net.step(X, Matrix([[1.0, 0.0]]))
    assert str(error.value) == (
        "Y has shape (1, 2) but the network gives outputs of shape (2, 1): "
        "Y needs one row per sample and one column per output"
    )


@pytest.mark.parametrize("bad", [2.0, -0.5, 1.0000001, float("nan")])
def test_targets_outside_zero_one_are_refused_by_name(bad: float) -> None:
    net = TwoLayerNetwork(2, 3)
    X = Matrix([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = Matrix([[1.0], [0.0], [bad]])
    with pytest.raises(DataError) as error:
        net.fit(X, Y, epochs=1)
    assert str(error.value) == (
        f"target Y[2, 0] is {bad!r}: binary cross-entropy needs targets between 0 and 1 (0 for no, 1 for yes)"
    )


def test_bad_targets_are_refused_before_any_update() -> None:
    net = TwoLayerNetwork(1, 2)
    before = net.parameters()
    with pytest.raises(DataError):
        net.step(Matrix([[1.0]]), Matrix([[3.0]]))
    assert net.parameters() == before


def test_X_must_be_a_matrix() -> None:
    net = TwoLayerNetwork(2, 3)
    with pytest.raises(TypeError) as error:
        net.forward([[0.0, 1.0]])  # type: ignore[arg-type]
    assert str(error.value) == "X must be a Matrix with one sample per row, got list"
    with pytest.raises(TypeError):
        net.forward(Vector([0.0, 1.0]))  # type: ignore[arg-type]


def test_Y_must_be_a_matrix() -> None:
    net = TwoLayerNetwork(2, 3)
    with pytest.raises(TypeError) as error:
        net.step(Matrix([[0.0, 1.0]]), Vector([1.0]))  # type: ignore[arg-type]
    assert str(error.value) == "Y must be a Matrix with one row of targets per sample, got Vector"


@pytest.mark.parametrize("rate", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_learning_rates_are_refused(rate: float) -> None:
    net, X, Y = small_problem()
    before = net.parameters()
    with pytest.raises(ValueError) as error:
        net.fit(X, Y, epochs=1, learning_rate=rate)
    assert str(error.value) == f"learning_rate must be a positive number, got {rate!r}"
    with pytest.raises(ValueError):
        net.step(X, Y, learning_rate=rate)
    assert net.parameters() == before


@pytest.mark.parametrize("rate", ["0.1"])
def test_learning_rates_that_are_not_numbers_are_refused(rate: object) -> None:
    net, X, Y = small_problem()
    with pytest.raises(TypeError) as error:
        net.fit(X, Y, epochs=1, learning_rate=rate)  # type: ignore[arg-type]
    assert str(error.value) == f"learning_rate must be an int or a float, got {rate!r} (a {type(rate).__name__})"
    with pytest.raises(TypeError):
        net.step(X, Y, learning_rate=rate)  # type: ignore[arg-type]


# ---------------------------------------------------------------- parameters


def test_with_parameters_returns_a_new_network_and_leaves_self_alone() -> None:
    net = TwoLayerNetwork(2, 3)
    before = net.parameters()
    changed = dict(before)
    changed["b2"] = Vector([1.0])
    other = net.with_parameters(changed)
    assert other is not net
    assert other.b2 == Vector([1.0])
    assert net.parameters() == before


def test_with_parameters_keeps_the_subclass() -> None:
    class Variant(TwoLayerNetwork):
        pass

    net = Variant(2, 3)
    assert type(net.with_parameters(net.parameters())) is Variant


def test_loss_and_gradients_agree_with_forward_loss_backward() -> None:
    net, X, Y = small_problem()
    forward = net.forward(X)
    loss, gradients = net.loss_and_gradients(X, Y)
    assert loss == net.loss(forward.output, Y)
    assert gradients == net.backward(X, Y, forward).by_parameter()
