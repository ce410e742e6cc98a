"""The tape of Matrix operations: the article's network recorded as a handful of matrix steps, and its backward.

The backward steps of ``@``, ``+``, ``sigmoid`` and the cross-entropy are the
matrix formulas of equations (7) to (13); recorded on a tape, they must give
``TwoLayerNetwork.backward``'s gradients to 1e-12 relative, and the graph of
Values' too.
"""

import math
from typing import Callable, Dict, List, Tuple

import pytest

from purenn import Matrix, TwoLayerNetwork
from purenn.autograd.nn import MLP, binary_cross_entropy
from purenn.autograd.tape import Tape, Tensor
from purenn.data.datasets import diabetes
from purenn.errors import PurennError, ShapeError


def article_network_on_a_tape(net: TwoLayerNetwork, X: Matrix, Y: Matrix) -> Tuple[Tape, Dict[str, Tensor]]:
    tape = Tape()
    m = X.shape[0]
    t = {
        "X": tape.leaf(X, "X"), "ones": tape.leaf(Matrix.ones(m, 1), "ones"),
        "W1": tape.leaf(net.W1, "W1"), "b1": tape.leaf(Matrix([list(net.b1)]), "b1"),
        "W2": tape.leaf(net.W2, "W2"), "b2": tape.leaf(Matrix([list(net.b2)]), "b2"),
    }
    z1 = t["X"] @ t["W1"] + t["ones"] @ t["b1"]     # (1)
    a1 = z1.sigmoid()                                # (2)
    z2 = a1 @ t["W2"] + t["ones"] @ t["b2"]          # (3)
    t["J"] = z2.binary_cross_entropy_with_logits(Y)  # (4) and (5)
    z1.label, a1.label, z2.label, t["J"].label = "z1", "a1", "z2", "J"
    tape.backward(t["J"])
    return tape, t


def assert_close(got: List[float], expected: List[float], what: str) -> None:
    assert len(got) == len(expected), what
    for g, e in zip(got, expected):
        assert math.isclose(g, e, rel_tol=1e-12, abs_tol=0.0 if e else 1e-300), (what, g, e)


@pytest.mark.parametrize("rows", [list(range(16)), [15], [0, 7, 9]], ids=["the whole table", "one row", "three rows"])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_tape_gives_the_matrix_formulas_gradients(rows: List[int], seed: int) -> None:
    data = diabetes()
    X, Y = data.X.take(rows), data.Y.take(rows)
    net = TwoLayerNetwork(4, 4, 1, seed=seed)
    forward = net.forward(X)
    by_hand = net.backward(X, Y, forward)
    _, t = article_network_on_a_tape(net, X, Y)
    assert math.isclose(t["J"].data[0, 0], net.loss(forward.output, Y), rel_tol=1e-13)
    assert_close(list(t["W1"].grad.flat), list(by_hand.dW1.flat), "dW1")
    assert_close(list(t["b1"].grad.flat), list(by_hand.db1), "db1")
    assert_close(list(t["W2"].grad.flat), list(by_hand.dW2.flat), "dW2")
    assert_close(list(t["b2"].grad.flat), list(by_hand.db2), "db2")


def test_the_tape_and_the_graph_of_values_agree() -> None:
    data = diabetes()
    net = TwoLayerNetwork(4, 4, 1, seed=2)
    _, t = article_network_on_a_tape(net, data.X, data.Y)
    model = MLP([4, 4, 1], activation="sigmoid", output="sigmoid", seed=2)
    loss = binary_cross_entropy([model(x) for x in data.X.tolist()], data.Y.tolist())
    model.zero_grad()
    loss.backward()
    (dW1, db1), (dW2, db2) = model.gradients()
    assert_close(list(t["W1"].grad.flat), list(dW1.flat), "dW1")
    assert_close(list(t["b2"].grad.flat), list(db2), "db2")


def test_the_tape_lists_one_entry_per_matrix_operation() -> None:
    data = diabetes()
    tape, _ = article_network_on_a_tape(TwoLayerNetwork(4, 4, 1, seed=0), data.X, data.Y)
    assert str(tape).splitlines() == [
        "X    = leaf                                      (16, 4)",
        "ones = leaf                                      (16, 1)",
        "W1   = leaf                                      (4, 4)",
        "b1   = leaf                                      (1, 4)",
        "W2   = leaf                                      (4, 1)",
        "b2   = leaf                                      (1, 1)",
        "t7   = X @ W1                                    (16, 4)",
        "t8   = ones @ b1                                 (16, 4)",
        "z1   = t7 + t8                                   (16, 4)",
        "a1   = sigmoid(z1)                               (16, 4)",
        "t11  = a1 @ W2                                   (16, 1)",
        "t12  = ones @ b2                                 (16, 1)",
        "z2   = t11 + t12                                 (16, 1)",
        "J    = cross-entropy(sigmoid(z2), Y)             (1, 1)",
    ]
    assert repr(tape) == "Tape(14 entries)"


def test_backward_twice_gives_the_same_gradients_and_ignores_what_came_after_the_loss() -> None:
    data = diabetes()
    tape, t = article_network_on_a_tape(TwoLayerNetwork(4, 4, 1, seed=0), data.X, data.Y)
    first = t["W1"].grad
    t["W1"].sigmoid()  # recorded after the loss: not part of it
    tape.backward(t["J"])
    assert t["W1"].grad == first


def test_a_saturated_output_costs_no_log_of_zero() -> None:
    tape = Tape()
    z = tape.leaf(Matrix([[800.0], [-800.0]]), "z")
    J = z.binary_cross_entropy_with_logits(Matrix([[1.0], [0.0]]))
    tape.backward(J)
    assert J.data[0, 0] == 0.0 and z.grad == Matrix([[0.0], [0.0]])


@pytest.mark.parametrize("make, error, message", [
    (lambda tape: tape.leaf([[1.0]]), TypeError, "tape.leaf needs a Matrix, got a list"),
    (lambda tape: tape.leaf(Matrix([[1.0]]), label=3), TypeError, "a Tensor's label needs a str, got an int"),
    (lambda tape: tape.leaf(Matrix([[1.0]])) @ Matrix([[1.0]]), TypeError,
     "a Tensor @ needs another Tensor of its tape, got a Matrix; make a Matrix a Tensor with tape.leaf(matrix)"),
    (lambda tape: tape.leaf(Matrix([[1.0]])) + Tape().leaf(Matrix([[1.0]])), PurennError,
     "cannot compute + of Tensors of two different tapes"),
    (lambda tape: tape.leaf(Matrix([[1.0, 2.0]])) + tape.leaf(Matrix([[1.0]])), ShapeError,
     "cannot add Tensors of shapes (1, 2) and (1, 1): add a bias row b to every row as ones @ b"),
    (lambda tape: tape.leaf(Matrix([[1.0, 2.0]])) @ tape.leaf(Matrix([[1.0, 2.0]])), ShapeError,
     "cannot multiply (1, 2) @ (1, 2)"),
    (lambda tape: tape.leaf(Matrix([[1.0]])).binary_cross_entropy_with_logits(Matrix([[1.0, 0.0]])), ShapeError,
     "the targets Y have shape (1, 2) but the outputs (1, 1): one target each"),
    (lambda tape: tape.backward(tape.leaf(Matrix([[1.0, 2.0]]))), ShapeError,
     "backward starts from one number, a (1, 1) loss, not a matrix of shape (1, 2)"),
    (lambda tape: tape.backward(Tape().leaf(Matrix([[1.0]]))), TypeError, "tape.backward needs a Tensor of this tape"),
    (lambda tape: Tensor(Matrix([[1.0]]), Matrix([[1.0]])), TypeError, "a Tensor belongs to a Tape, got a Matrix"),
    (lambda tape: Tensor(tape, [[1.0]]), TypeError, "a Tensor holds a Matrix, got a list"),
    (lambda tape: tape.leaf(Matrix([[1.0, float("nan")]])), PurennError,
     "a Tensor needs finite entries, got nan at row 0, column 1"),
    (lambda tape: tape.leaf(Matrix([[1e308]])) + tape.leaf(Matrix([[1e308]])), PurennError,
     "the result of + is inf at row 0, column 0: too large for a float"),
    (lambda tape: tape.leaf(Matrix([[1.0]])).binary_cross_entropy_with_logits(Matrix([[2.0]])), PurennError,
     "a target of binary cross-entropy is a probability, between 0 and 1: got 2.0 at row 0, column 0"),
])
def test_bad_input_is_named(make: Callable[[Tape], object], error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        make(Tape())
    assert message in str(caught.value)
