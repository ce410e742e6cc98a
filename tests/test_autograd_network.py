"""The article's gradients two ways: the Value graph's backward against TwoLayerNetwork.backward's matrix formulas.

Equations (6) to (13) were derived by hand; the graph of Values knows only
one local derivative per operation. Both must give the same numbers, to
1e-12 relative (a gradient that is exactly 0 one way must be exactly 0 the
other way), for every sample alone and for batches. (Not always to the last
bit: the matrix product and the neuron add up their terms in different
orders.) Small MLPs of Values are also
checked against finite differences, and against purenn.nn.MLP's backward.
"""

import math
from typing import Dict, List

import pytest

from purenn import MLP as MatrixMLP, Matrix, TwoLayerNetwork, Vector
from purenn.autograd import Value, graph_nodes
from purenn.autograd.nn import MLP, Layer, Neuron, binary_cross_entropy, mean_squared_error
from purenn.data.datasets import diabetes, xor
from purenn.errors import PurennError, ShapeError


def assert_same(got: List[float], expected: List[float], what: str) -> None:
    assert len(got) == len(expected), what
    for k, (g, e) in enumerate(zip(got, expected)):
        if e == 0.0:
            assert g == 0.0, (what, k, g)
        else:
            assert math.isclose(g, e, rel_tol=1e-12), (what, k, g, e)


def matrix_and_graph_gradients(rows: List[int], seed: int) -> Dict[str, List[List[float]]]:
    data = diabetes()
    X, Y = Matrix([data.X.tolist()[i] for i in rows]), Matrix([data.Y.tolist()[i] for i in rows])
    net = TwoLayerNetwork(4, 4, 1, seed=seed)
    by_hand = net.backward(X, Y, net.forward(X))
    model = MLP([4, 4, 1], activation="sigmoid", output="sigmoid", seed=seed)
    loss = binary_cross_entropy([model(x) for x in X.tolist()], Y.tolist())
    model.zero_grad()
    loss.backward()
    assert math.isclose(loss.data, net.loss(net.forward(X).output, Y), rel_tol=1e-14)
    (dW1, db1), (dW2, db2) = model.gradients()
    return {
        "dW1": [list(dW1.flat), list(by_hand.dW1.flat)],
        "db1": [list(db1), list(by_hand.db1)],
        "dW2": [list(dW2.flat), list(by_hand.dW2.flat)],
        "db2": [list(db2), list(by_hand.db2)],
    }


def test_the_value_mlp_starts_from_the_article_networks_weights() -> None:
    net, model = TwoLayerNetwork(4, 4, 1, seed=3), MLP([4, 4, 1], activation="sigmoid", seed=3)
    (W1, b1), (W2, b2) = model.weights()
    assert (W1, b1, W2, b2) == (net.W1, net.b1, net.W2, net.b2)


@pytest.mark.parametrize("rows", [list(range(16)), [3, 12, 5]], ids=["the whole table", "three rows"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_gradient_equals_the_matrix_backward(rows: List[int], seed: int) -> None:
    for name, (graph, by_hand) in matrix_and_graph_gradients(rows, seed).items():
        assert_same(graph, by_hand, f"{name}, rows={rows}, seed={seed}")


@pytest.mark.parametrize("row", range(16))
def test_every_gradient_of_one_sample_equals_the_matrix_backward(row: int) -> None:
    for name, (graph, by_hand) in matrix_and_graph_gradients([row], 0).items():
        assert_same(graph, by_hand, f"{name}, row {row}")


def test_a_deeper_value_mlp_equals_purenn_nn_mlp() -> None:
    data = xor()
    net = MatrixMLP([2, 3, 3, 1], activation="tanh", output="sigmoid", seed=4)
    loss, by_hand = net.loss_and_gradients(data.X, data.Y)
    p = net.parameters()
    weights, biases = [p["W1"], p["W2"], p["W3"]], [p["b1"], p["b2"], p["b3"]]
    assert all(isinstance(W, Matrix) for W in weights) and all(isinstance(b, Vector) for b in biases)
    model = MLP.from_weights([W for W in weights if isinstance(W, Matrix)], [b for b in biases if isinstance(b, Vector)],
                             activation="tanh", output="sigmoid")
    graph_loss = binary_cross_entropy([model(x) for x in data.X.tolist()], data.Y.tolist())
    graph_loss.backward()
    assert math.isclose(graph_loss.data, loss, rel_tol=1e-14)
    for k, (dW, db) in enumerate(model.gradients(), start=1):
        expected_W, expected_b = by_hand[f"W{k}"], by_hand[f"b{k}"]
        assert isinstance(expected_W, Matrix) and isinstance(expected_b, Vector)
        assert_same(list(dW.flat), list(expected_W.flat), f"W{k}")
        assert_same(list(db), list(expected_b), f"b{k}")


@pytest.mark.parametrize("activation, output, loss_name", [
    ("tanh", "sigmoid", "bce"), ("relu", "linear", "mse"), ("softplus", "tanh", "mse"), ("sigmoid", "sigmoid", "bce"),
])
def test_small_mlps_agree_with_finite_differences(activation: str, output: str, loss_name: str) -> None:
    X = [[0.3, -1.2], [1.1, 0.4], [-0.7, 0.9]]
    Y = [[1.0], [0.0], [1.0]]
    loss_of = binary_cross_entropy if loss_name == "bce" else mean_squared_error
    model = MLP([2, 3, 1], activation=activation, output=output, seed=5)
    loss = loss_of([model(x) for x in X], Y)
    loss.backward()
    h = 1e-6
    for p in model.parameters():
        start = p.data
        p.data = start + h
        up = loss_of([model(x) for x in X], Y).data
        p.data = start - h
        down = loss_of([model(x) for x in X], Y).data
        p.data = start
        assert math.isclose(p.grad, (up - down) / (2 * h), rel_tol=1e-6, abs_tol=1e-8)


def test_the_article_network_of_values_learns() -> None:
    data = diabetes()
    X, Y = data.X.tolist(), data.Y.tolist()
    model = MLP([4, 4, 1], activation="sigmoid", output="sigmoid", seed=0)
    net = TwoLayerNetwork(4, 4, 1, seed=0)
    losses = []
    for _ in range(30):
        loss = binary_cross_entropy([model(x) for x in X], Y)
        model.zero_grad()
        loss.backward()
        model.step(1.0)
        losses.append(loss.data)
    history = net.fit(data.X, data.Y, epochs=30, learning_rate=1.0)
    assert losses[-1] < losses[0]
    for ours, theirs in zip(losses, history.loss):  # the same training, step for step
        assert math.isclose(ours, theirs, rel_tol=1e-10)


def test_the_losses_of_values() -> None:
    assert math.isclose(binary_cross_entropy([[Value(0.25)]], [[0.0]]).data, -math.log(0.75), rel_tol=1e-15)
    soft = binary_cross_entropy([[Value(0.25)]], [[0.5]]).data  # a target between 0 and 1 keeps both terms
    assert math.isclose(soft, -(0.5 * math.log(0.25) + 0.5 * math.log(0.75)), rel_tol=1e-15)
    assert binary_cross_entropy([[Value(1.0)]], [[1.0]]).data == 0.0  # a saturated right answer needs no log(0)
    with pytest.raises(PurennError, match=r"cannot take log\(0.0\)"):
        binary_cross_entropy([[Value(1.0)]], [[0.0]])


@pytest.mark.parametrize("make, error, message", [
    (lambda: MLP([3]), PurennError, "an MLP needs at least 2 sizes (inputs and outputs), got [3]"),
    (lambda: MLP([2, 1], activation="gelu"), PurennError, "unknown activation 'gelu'; choose one of linear, relu"),
    (lambda: MLP([2, 1])([1.0]), ShapeError, "this MLP takes 2 inputs per sample, got 1"),
    (lambda: MLP([2, 1])([1.0, "2"]), TypeError, "an input must be a number or a Value, got '2' (a str)"),
    (lambda: MLP.from_weights([Matrix([[1.0]]), Matrix([[1.0, 2.0], [3.0, 4.0]])], [Vector([0.0]), Vector([0.0, 0.0])]),
     ShapeError, "layer 1 has W of shape (2, 2) after one of (1, 1): it needs one row per output of the layer before (1)"),
    (lambda: Layer(Matrix([[1.0, 2.0]]), Vector([0.0])), ShapeError, "b has shape (1,) but W is (1, 2)"),
    (lambda: Neuron([Value(1.0)], Value(0.0))([1.0, 2.0]), ShapeError, "this neuron has 1 weights but was given 2"),
    (lambda: Neuron([1.0], Value(0.0)), TypeError, "a Neuron's weights and bias must be Values"),
    (lambda: binary_cross_entropy([[Value(0.5)]], [[1.0], [0.0]]), ShapeError, "one target per output"),
    (lambda: mean_squared_error([[0.5]], [[1.0]]), TypeError, "takes Values as outputs and numbers as targets"),
])
def test_bad_input_is_named(make: object, error: type, message: str) -> None:
    assert callable(make)
    with pytest.raises(error) as caught:
        make()
    assert message in str(caught.value)


def test_each_input_is_one_leaf_read_by_every_neuron_of_the_first_layer() -> None:
    out = MLP([2, 3, 1], seed=0)([0.5, -1.0])[0]
    x0 = [leaf for leaf in out.leaves() if leaf.label == "x[0]"]
    assert len(x0) == 1 and x0[0].data == 0.5
    assert len([node for node in graph_nodes(out) if any(parent is x0[0] for parent in node.parents)]) == 3
    given = Value(2.0)
    assert given in MLP([1, 2, 1], seed=0)([given])[0].leaves(), "a Value given as input is used as it is"
