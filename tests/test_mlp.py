"""MLP: sizes, initialisation, forward/backward shapes, parameters, predict, targets, and
the key check that [n, h, o] with sigmoid everywhere is exactly the article's TwoLayerNetwork."""

import math
import random
import statistics
from typing import Callable, Dict, List, Tuple

import pytest

from purenn.data.datasets import diabetes, sine, spirals, xor
from purenn.errors import DataError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.optim import SGD
from purenn.nn.mlp import HEADS, MLP, Layer, LayerGradients, MLPForward
from purenn.nn.network import TwoLayerNetwork
from purenn.linalg.vector import Vector
from purenn.nn.training import Parameter

ACTIVATION_NAMES = ["sigmoid", "tanh", "relu", "leaky_relu"]
OUTPUT_NAMES = ["sigmoid", "softmax", "identity"]


def entries(W: Matrix) -> List[float]:
    return [w for row in W for w in row]


def random_matrix(rows: int, columns: int, rng: random.Random, low: float = -1.0, high: float = 1.0) -> Matrix:
    return Matrix([[rng.uniform(low, high) for _ in range(columns)] for _ in range(rows)])


def targets_for(output: str, m: int, o: int, rng: random.Random) -> Matrix:
    """Valid targets for an output/loss pairing: 0/1, one-hot rows, or any numbers."""
    if output == "sigmoid":
        return Matrix([[float(rng.randint(0, 1)) for _ in range(o)] for _ in range(m)])
    if output == "softmax":
        return Matrix([[1.0 if j == i % o else 0.0 for j in range(o)] for i in range(m)])
    return random_matrix(m, o, rng, -3.0, 3.0)


def with_random_biases(net: MLP, seed: int) -> MLP:
    """The same network with nonzero biases, so that every term of the forward pass matters."""
    rng = random.Random(seed)
    parameters: Dict[str, Parameter] = dict(net.parameters())
    for name, value in net.parameters().items():
        if isinstance(value, Vector):
            parameters[name] = Vector([rng.uniform(-0.5, 0.5) for _ in range(len(value))])
    return net.with_parameters(parameters)


def mlp_like(net: TwoLayerNetwork) -> MLP:
    """An MLP [n, h, o] with sigmoid hidden units and a sigmoid output, holding net's weights."""
    return MLP.from_layers(
        [Layer(net.W1, net.b1), Layer(net.W2, net.b2)], activation="sigmoid", output="sigmoid"
    )


# ------------------------------------------------------------ sizes and repr


def test_sizes_and_repr() -> None:
    net = MLP([4, 16, 8, 3], activation="tanh", output="softmax", seed=1)
    assert net.sizes == [4, 16, 8, 3]
    assert repr(net) == "MLP([4, 16, 8, 3], activation='tanh', output='softmax')"
    assert [layer.W.shape for layer in net.layers] == [(4, 16), (16, 8), (8, 3)]
    assert [layer.b.shape for layer in net.layers] == [(16,), (8,), (3,)]
    assert all(layer.b == Vector.zeros(len(layer.b)) for layer in net.layers)


def test_defaults_and_no_hidden_layer() -> None:
    net = MLP((3, 2))  # a tuple works too; no hidden layer is logistic regression
    assert net.sizes == [3, 2]
    assert repr(net) == "MLP([3, 2], activation='relu', output='sigmoid')"
    assert len(net.layers) == 1


def test_heads_table() -> None:
    assert sorted(HEADS) == ["identity", "sigmoid", "softmax"]
    assert repr(HEADS["softmax"]) == "Head(output='softmax', loss='categorical cross-entropy')"
    assert HEADS["sigmoid"].loss_name == "binary cross-entropy"
    assert HEADS["identity"].loss_name == "mean squared error"


@pytest.mark.parametrize(
    "sizes, message",
    [
        ([3], "an MLP needs at least two sizes (inputs and outputs), got [3]"),
        ([], "an MLP needs at least two sizes (inputs and outputs), got []"),
        ([3, 0, 1], "every layer size must be a whole number of at least 1, got [3, 0, 1]"),
        ([3, -2, 1], "every layer size must be a whole number of at least 1, got [3, -2, 1]"),
        ([3, 2.5, 1], "every layer size must be a whole number of at least 1, got [3, 2.5, 1]"),
        ([3, True, 1], "every layer size must be a whole number of at least 1, got [3, True, 1]"),
    ],
)
def test_bad_sizes(sizes: List[int], message: str) -> None:
    with pytest.raises(ShapeError) as error:
        MLP(sizes)
    assert str(error.value) == message


def test_unknown_activation_and_output() -> None:
    with pytest.raises(ValueError) as error:
        MLP([2, 3, 1], activation="gelu")
    assert str(error.value) == "unknown activation 'gelu'; choose one of: sigmoid, tanh, relu, leaky_relu"
    with pytest.raises(ValueError) as error:
        MLP([2, 3, 1], output="tanh")
    assert str(error.value) == "unknown output 'tanh'; choose one of: sigmoid, softmax, identity"


# -------------------------------------------- every pairing builds and runs


@pytest.mark.parametrize("output", OUTPUT_NAMES)
@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
def test_every_activation_and_output_pair_runs(activation: str, output: str) -> None:
    rng = random.Random(3)
    X = random_matrix(6, 3, rng)
    Y = targets_for(output, 6, 4, rng)
    net = MLP([3, 5, 4, 4], activation=activation, output=output, seed=2)
    forward = net.forward(X)
    assert forward.output.shape == (6, 4)
    values = entries(forward.output)
    assert all(math.isfinite(value) for value in values)
    if output == "sigmoid":
        assert all(0.0 < value < 1.0 for value in values)
    if output == "softmax":
        assert all(value > 0.0 for value in values)
        assert all(math.isclose(sum(row), 1.0, rel_tol=1e-12) for row in forward.output)
    loss, gradients = net.loss_and_gradients(X, Y)
    assert math.isfinite(loss) and loss >= 0.0
    assert {name: value.shape for name, value in gradients.items()} == {
        name: value.shape for name, value in net.parameters().items()
    }


def test_forward_by_hand() -> None:
    # z1 = [1, 2]·[[1, -1], [2, 0]] + [0.5, 0.5] = [5.5, -0.5]; a1 = relu(z1) = [5.5, 0]
    # z2 = a1·[[2], [3]] + [1] = 12; identity output: ŷ = 12
    net = MLP.from_layers(
        [Layer(Matrix([[1, -1], [2, 0]]), Vector([0.5, 0.5])), Layer(Matrix([[2], [3]]), Vector([1]))],
        activation="relu",
        output="identity",
    )
    forward = net.forward(Matrix([[1, 2]]))
    assert forward.zs == (Matrix([[5.5, -0.5]]), Matrix([[12.0]]))
    assert forward.outputs == (Matrix([[5.5, 0.0]]), Matrix([[12.0]]))
    assert forward.output == Matrix([[12.0]])
    # MSE on one target of 10: J = (12 − 10)² = 4; δ2 = 2·(12 − 10) = 4
    loss, gradients = net.loss_and_gradients(Matrix([[1, 2]]), Matrix([[10]]))
    assert loss == 4.0
    assert gradients["W2"] == Matrix([[4 * 5.5], [0.0]])  # a1ᵀ·δ2
    assert gradients["b2"] == Vector([4.0])
    # δ1 = (δ2·W2ᵀ) ⊙ relu'(a1) = [8, 12] ⊙ [1, 0] = [8, 0]
    assert gradients["W1"] == Matrix([[8.0, 0.0], [16.0, 0.0]])  # Xᵀ·δ1
    assert gradients["b1"] == Vector([8.0, 0.0])


# --------------------------------------------------------------- shapes


def test_forward_and_gradient_shapes() -> None:
    rng = random.Random(0)
    X, Y = random_matrix(6, 3, rng), targets_for("sigmoid", 6, 2, rng)
    net = MLP([3, 5, 4, 2], activation="tanh", seed=0)
    forward = net.forward(X)
    assert isinstance(forward, MLPForward)
    assert [z.shape for z in forward.zs] == [(6, 5), (6, 4), (6, 2)]
    assert [a.shape for a in forward.outputs] == [(6, 5), (6, 4), (6, 2)]
    assert forward.output is forward.outputs[-1]
    gradients = net.backward(X, Y, forward)
    assert all(isinstance(g, LayerGradients) for g in gradients)
    assert [g.dW.shape for g in gradients] == [(3, 5), (5, 4), (4, 2)]
    assert [g.db.shape for g in gradients] == [(5,), (4,), (2,)]
    loss, named = net.loss_and_gradients(X, Y)
    assert sorted(named) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    assert [named[f"W{i}"] for i in (1, 2, 3)] == [g.dW for g in gradients]
    assert [named[f"b{i}"] for i in (1, 2, 3)] == [g.db for g in gradients]
    assert loss == net.loss(forward.output, Y)


def test_records_are_frozen() -> None:
    net = MLP([2, 3, 1], seed=0)
    X, Y = Matrix([[0, 1]]), Matrix([[1]])
    forward = net.forward(X)
    with pytest.raises(AttributeError):
        setattr(forward, "zs", ())
    with pytest.raises(AttributeError):
        setattr(net.backward(X, Y, forward)[0], "dW", Matrix([[0]]))
    with pytest.raises(AttributeError):
        setattr(net.layers[0], "W", Matrix([[0]]))


# ------------------------------------------------------------ initialisation


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_xavier_uniform_for_sigmoid_and_tanh(activation: str) -> None:
    net = MLP([60, 90, 40, 3], activation=activation, seed=4)
    for layer in net.layers:
        n_in, n_out = layer.W.shape
        limit = math.sqrt(6.0 / (n_in + n_out))
        values = entries(layer.W)
        assert all(-limit <= w <= limit for w in values)
        if len(values) >= 3000:  # fills the range, not a corner of it
            assert min(values) < -0.99 * limit and max(values) > 0.99 * limit
    # Uniform on ±limit has standard deviation limit/√3 = √(2 / (n_in + n_out)).
    big = entries(net.layers[0].W)
    assert statistics.pstdev(big) == pytest.approx(math.sqrt(2.0 / 150), rel=0.03)


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_he_normal_for_relu_hidden_layers_and_xavier_output(activation: str) -> None:
    net = MLP([100, 200, 300, 1], activation=activation, seed=5)
    for layer in net.layers[:2]:
        n_in = layer.W.shape[0]
        values = entries(layer.W)
        std = math.sqrt(2.0 / n_in)
        assert statistics.pstdev(values) == pytest.approx(std, rel=0.02)
        assert abs(math.fsum(values) / len(values)) < 0.02 * std
        # A normal distribution has tails: beyond the Xavier limit, unlike a uniform one.
        xavier = math.sqrt(6.0 / sum(layer.W.shape))
        assert sum(abs(w) > xavier for w in values) > 0.05 * len(values)
    # The output layer is always Xavier: inside ±√(6 / (300 + 1)), where He (std 0.082) would stray.
    output_limit = math.sqrt(6.0 / 301)
    output_weights = entries(net.layers[2].W)
    assert all(abs(w) <= output_limit for w in output_weights)
    assert max(abs(w) for w in output_weights) > 0.9 * output_limit


def test_seeds_are_reproducible() -> None:
    first = MLP([4, 6, 5, 2], activation="relu", seed=9).parameters()
    assert MLP([4, 6, 5, 2], activation="relu", seed=9).parameters() == first
    assert MLP([4, 6, 5, 2], activation="relu", seed=random.Random(9)).parameters() == first
    assert MLP([4, 6, 5, 2], activation="relu", seed=10).parameters() != first
    weights = {seed: MLP([3, 4, 1], seed=seed).layers[0].W for seed in range(6)}
    assert len(set(weights.values())) == 6


# ------------------------------------------------------------- from_layers


def test_from_layers() -> None:
    layers = [Layer(Matrix([[1, 2]]), Vector([0, 0])), Layer(Matrix([[1], [1]]), Vector([0]))]
    net = MLP.from_layers(layers, activation="tanh", output="identity")
    assert repr(net) == "MLP([1, 2, 1], activation='tanh', output='identity')"
    assert net.layers == tuple(layers)


@pytest.mark.parametrize(
    "layers, error, message",
    [
        (
            [Layer(Matrix([[1, 2]]), Vector([0, 0])), Layer(Matrix([[1], [1], [1]]), Vector([0]))],
            ShapeError,
            "W2 has shape (3, 1) but layer 1 has 2 units: W2 needs one row per unit of the layer before",
        ),
        (
            [Layer(Matrix([[1, 2]]), Vector([0]))],
            ShapeError,
            "b1 has shape (1,) but W1 is (1, 2): b1 needs one entry per unit (2)",
        ),
        (
            [Layer(Matrix([[1, 2]]), Vector([0, 0])), Layer(Matrix([[1], [1]]), Vector([0, 0]))],
            ShapeError,
            "b2 has shape (2,) but W2 is (2, 1): b2 needs one entry per unit (1)",
        ),
    ],
)
def test_from_layers_shape_errors(layers: List[Layer], error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        MLP.from_layers(layers)
    assert str(raised.value) == message


def test_from_layers_needs_a_layer() -> None:
    with pytest.raises(ValueError, match=r"expected parameters W1, b1, \.\.\."):
        MLP.from_layers([])


# ----------------------------------------------------- parameters


def test_set_parameters_replaces_every_weight() -> None:
    net = MLP([2, 3, 1], seed=0)
    other = MLP([2, 3, 1], seed=1).parameters()
    net.set_parameters(other)
    assert net.parameters() == other


@pytest.mark.parametrize(
    "change, error, message",
    [
        (lambda p: p.pop("b2"), ValueError, "expected parameters W1, b1, ..., W1, b1; got ['W1', 'W2', 'b1']"),
        (
            lambda p: p.update(W3=Matrix([[1]])),
            ValueError,
            "expected parameters W1, b1, ..., W2, b2; got ['W1', 'W2', 'W3', 'b1', 'b2']",
        ),
        (lambda p: p.update(W1=[[1, 2, 3], [4, 5, 6]]), TypeError, "W1 must be a Matrix and b1 a Vector"),
        (lambda p: p.update(b2=Matrix([[0]])), TypeError, "W2 must be a Matrix and b2 a Vector"),
        (
            lambda p: p.update(b1=Vector([0, 0])),
            ShapeError,
            "b1 has shape (2,) but W1 is (2, 3): b1 needs one entry per unit (3)",
        ),
        (
            lambda p: p.update(W2=Matrix([[1], [1]])),
            ShapeError,
            "W2 has shape (2, 1) but layer 1 has 3 units: W2 needs one row per unit of the layer before",
        ),
        (
            lambda p: p.update(W1=Matrix([[1, 1, 1]])),
            ShapeError,
            "new weights have shapes [(1, 3), (3, 1)], the network's are [(2, 3), (3, 1)]",
        ),
    ],
)
def test_set_parameters_validation(change: Callable[[Dict[str, object]], None], error: type, message: str) -> None:
    net = MLP([2, 3, 1], seed=0)
    before = net.parameters()
    parameters: Dict[str, object] = dict(before)
    change(parameters)
    with pytest.raises(error) as raised:
        net.set_parameters(parameters)  # type: ignore[arg-type]
    assert str(raised.value) == message
    assert net.parameters() == before  # a refused update changes nothing


def test_with_parameters_leaves_the_original_unchanged() -> None:
    net = MLP([2, 3, 1], activation="tanh", output="identity", seed=0)
    before = net.parameters()
    new_parameters = MLP([2, 3, 1], seed=7).parameters()
    copy = net.with_parameters(new_parameters)
    assert copy is not net
    assert copy.parameters() == new_parameters
    assert net.parameters() == before
    assert repr(copy) == repr(net)


def test_loss_and_gradients_changes_nothing() -> None:
    net = MLP([3, 4, 2], activation="relu", output="softmax", seed=0)
    X, Y = Matrix([[1, 2, 3], [0, -1, 2]]), Matrix([[1, 0], [0, 1]])
    before = net.parameters()
    first = net.loss_and_gradients(X, Y)
    assert net.parameters() == before
    assert net.loss_and_gradients(X, Y) == first


# ------------------------------------- the key test: MLP == TwoLayerNetwork


def random_problem(m: int, n: int, o: int, seed: int) -> Tuple[Matrix, Matrix]:
    rng = random.Random(seed)
    return random_matrix(m, n, rng), Matrix([[float(rng.randint(0, 1)) for _ in range(o)] for _ in range(m)])


def test_forward_loss_and_gradients_equal_the_two_layer_network_exactly() -> None:
    X, Y = random_problem(40, 5, 3, seed=1)
    net = TwoLayerNetwork(5, 7, 3, seed=2)
    net = TwoLayerNetwork.from_weights(net.W1, Vector([0.1 * i for i in range(7)]), net.W2, Vector([0.3, -0.2, 0.1]))
    mlp = mlp_like(net)
    article, general = net.forward(X), mlp.forward(X)
    assert general.zs == (article.z1, article.z2)
    assert general.outputs == (article.a1, article.output)
    assert mlp.loss(general.output, Y) == net.loss(article.output, Y)
    assert mlp.loss_and_gradients(X, Y) == net.loss_and_gradients(X, Y)


@pytest.mark.parametrize(
    "problem, hidden, learning_rate, epochs",
    [
        ("diabetes", 4, 1.0, 1500),  # the article's run
        ("random 40x5 -> 3", 7, 0.7, 50),
        pytest.param("random 5x5 -> 3", 7, 2.0, 300),
    ],
)
def test_training_equals_two_layer_network_exactly(problem: str, hidden: int, learning_rate: float, epochs: int) -> None:
    if problem == "diabetes":
        data = diabetes()
        X, Y = data.X, data.Y
    else:
        X, Y = random_problem(40 if "40" in problem else 5, 5, 3, seed=5)
    net = TwoLayerNetwork(X.shape[1], hidden, Y.shape[1], seed=3)
    mlp = mlp_like(net)
    article_history = net.fit(X, Y, epochs=epochs, learning_rate=learning_rate)
    history = mlp.fit(X, Y, epochs=epochs, learning_rate=learning_rate)
    assert mlp.parameters() == net.parameters()  # every weight, bit for bit
    assert history == article_history  # the same History: losses, rates, best epoch
    assert history.learning_rates == [learning_rate] * epochs


# ----------------------------------------------------------------- predict


def test_predict_softmax_is_the_argmax() -> None:
    # No hidden layer: z = X·W, so each row's largest z is known in advance.
    net = MLP.from_layers([Layer(Matrix([[1, 0, -1], [0, 1, -1]]), Vector([0, 0, 0]))], output="softmax")
    X = Matrix([[2, 0], [0, 2], [-1, -1], [3, 1]])
    assert net.predict(X) == [0, 1, 2, 0]
    probabilities = net.predict_proba(X)
    assert probabilities.shape == (4, 3)
    assert all(math.isclose(sum(row), 1.0, rel_tol=1e-12) for row in probabilities)


def test_predict_sigmoid_thresholds_one_column() -> None:
    net = MLP.from_layers([Layer(Matrix([[1]]), Vector([0]))], output="sigmoid")
    X = Matrix([[-1], [0], [1]])
    assert net.predict_proba(X) == Matrix([[1 / (1 + math.e)], [0.5], [1 / (1 + 1 / math.e)]])
    assert net.predict(X) == [0, 1, 1]  # 0.5 reaches the threshold
    assert net.predict(X, threshold=0.6) == [0, 0, 1]


def test_predict_refuses_identity_and_multi_column_sigmoid() -> None:
    regression = MLP([2, 3, 1], output="identity", seed=0)
    with pytest.raises(ValueError) as error:
        regression.predict(Matrix([[0, 1]]))
    assert str(error.value) == (
        "predict gives class labels for a softmax output or a one-column sigmoid output; "
        "this network's output is 'identity' with 1 columns: use predict_proba"
    )
    assert regression.predict_proba(Matrix([[0, 1]])).shape == (1, 1)
    with pytest.raises(ValueError, match="this network's output is 'sigmoid' with 2 columns: use predict_proba"):
        MLP([2, 3, 2], output="sigmoid", seed=0).predict(Matrix([[0, 1]]))


# ------------------------------------------------------- input validation


@pytest.mark.parametrize(
    "output, Y, message",
    [
        (
            "sigmoid",
            Matrix([[0], [1.5], [1]]),
            "target Y[1, 0] is 1.5: binary cross-entropy needs targets between 0 and 1 "
            "(class labels as 0/1, or one-hot rows)",
        ),
        ("sigmoid", Matrix([[0], [1], [-1]]), "target Y[2, 0] is -1.0: binary cross-entropy"),
        ("sigmoid", Matrix([[math.nan], [1], [0]]), "target Y[0, 0] is nan: binary cross-entropy"),
        ("softmax", Matrix([[1, 0], [0, 1], [2, -1]]), "target Y[2, 0] is 2.0: categorical cross-entropy"),
    ],
)
def test_targets_outside_zero_to_one_are_refused(output: str, Y: Matrix, message: str) -> None:
    net = MLP([2, 3, Y.shape[1]], output=output, seed=0)
    X = Matrix([[0, 0], [0, 1], [1, 1]])
    for attempt in (
        lambda: net.loss_and_gradients(X, Y),
        lambda: net.loss(net.forward(X).output, Y),
        lambda: net.backward(X, Y, net.forward(X)),
        lambda: net.fit(X, Y, epochs=1),
    ):
        with pytest.raises(DataError) as error:
            attempt()
        assert str(error.value).startswith(message)


def test_identity_output_takes_any_numbers() -> None:
    net = MLP([2, 3, 1], output="identity", seed=0)
    loss, _ = net.loss_and_gradients(Matrix([[0, 0], [1, 1]]), Matrix([[-7.5], [300]]))
    assert loss > 1000


def test_shape_errors_name_both_shapes() -> None:
    net = MLP([2, 3, 1], seed=0)
    X = Matrix([[0, 0], [0, 1], [1, 1]])
    with pytest.raises(ShapeError) as error:
        net.loss_and_gradients(X, Matrix([[0, 1], [1, 0], [0, 0]]))
    assert str(error.value) == (
        "Y has shape (3, 2) but the network gives outputs of shape (3, 1): "
        "Y needs one row per sample and one column per output"
    )
    with pytest.raises(ShapeError) as error:
        net.loss_and_gradients(X, Matrix([[0], [1]]))
    assert str(error.value).startswith("Y has shape (2, 1) but the network gives outputs of shape (3, 1)")
    with pytest.raises(ShapeError) as error:
        net.forward(Matrix([[0, 0, 0]]))
    assert str(error.value) == "X has shape (1, 3) but the network takes 2 inputs (W1 is (2, 3)): X needs one column per input"
    with pytest.raises(TypeError, match="X must be a Matrix with one sample per row, got list"):
        net.forward([[0, 0]])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Y must be a Matrix with one row of targets per sample, got list"):
        net.loss_and_gradients(X, [[0], [1], [0]])  # type: ignore[arg-type]


# ------------------------------------------------------- training learns


def test_training_learns_xor() -> None:
    data = xor()
    net = MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
    history = net.fit(data.X, data.Y, epochs=500, learning_rate=0.5)
    assert net.predict(data.X) == [0, 1, 1, 0]
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert history.epochs_run == 500 and not history.stopped_early


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_training_learns_spirals(activation: str) -> None:
    data = spirals(n_per_class=40, seed=1)
    net = MLP([2, 24, 3], activation=activation, output="softmax", seed=0)
    history = net.fit(data.X, data.Y, epochs=150, batch_size=20, optimizer=SGD(0.2, momentum=0.9), seed=0)
    labels = [row.argmax() for row in data.Y]
    accuracy = sum(p == y for p, y in zip(net.predict(data.X), labels)) / len(labels)
    assert history.loss[0] > 0.9  # about ln 3 = 1.1 at the start: guessing
    assert history.loss[-1] < 0.25 * history.loss[0]
    assert accuracy > 0.9  # a straight-line classifier gets about half


def test_training_learns_sine_regression() -> None:
    data = sine(n_samples=80, noise=0.1, seed=0)
    net = MLP([1, 16, 1], activation="tanh", output="identity", seed=0)
    history = net.fit(data.X, data.Y, epochs=150, batch_size=16, optimizer=SGD(0.05, momentum=0.9), seed=0)
    assert history.loss[0] > 0.2
    assert history.loss[-1] < 0.03  # noise² = 0.01 is the floor
    fitted = net.predict_proba(Matrix([[math.pi / 2], [-math.pi / 2]]))
    assert fitted.column(0).tolist() == pytest.approx([1.0, -1.0], abs=0.2)


def test_softmax_targets_must_be_rows_that_sum_to_one() -> None:
    net = MLP([2, 3, 2], output="softmax", seed=0)
    X = Matrix([[0, 1], [1, 0], [1, 1]])
    with pytest.raises(DataError, match=r"target row Y\[0\] sums to 2\.0: categorical cross-entropy needs each row"):
        net.loss_and_gradients(X, Matrix([[1, 1], [0, 1], [1, 0]]))


def test_softmax_needs_two_outputs() -> None:
    with pytest.raises(ShapeError, match="a softmax output needs at least 2 units"):
        MLP([4, 4, 1], output="softmax")


def test_evaluate_is_the_loss_of_the_forward_pass() -> None:
    net = MLP([2, 3, 1], seed=0)
    X, Y = Matrix([[0, 1], [1, 1]]), Matrix([[1], [0]])
    assert net.evaluate(X, Y) == net.loss(net.forward(X).output, Y)


def test_both_fits_share_their_leading_parameters_and_the_rest_is_keyword_only() -> None:
    import inspect

    from purenn.nn.network import TwoLayerNetwork

    article = list(inspect.signature(TwoLayerNetwork.fit).parameters.values())
    general = list(inspect.signature(MLP.fit).parameters.values())
    assert [p.name for p in article] == ["self", "X", "Y", "epochs", "learning_rate", "on_epoch"]
    assert [p.name for p in general[:6]] == [p.name for p in article]
    assert article[3].default == general[3].default == 1500
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in general[6:]) and len(general) > 6


def test_mlp_fit_is_a_method_whose_errors_name_fit() -> None:
    net = MLP([2, 3, 1], seed=0)
    X, Y = Matrix([[0, 1], [1, 0]]), Matrix([[1], [0]])
    assert net.fit(X, Y, epochs=2).epochs_run == 2
    with pytest.raises(TypeError, match=r"fit\(\) missing 1 required positional argument: 'Y'"):
        net.fit(X)  # type: ignore[call-arg]
