"""The bundled data sets: the diabetes table follows its stated rule and really needs a hidden layer."""

import itertools
import math
from typing import List, Tuple

from purenn.nn.activations import sigmoid
from purenn.data.datasets import Dataset, diabetes, xor
from purenn.linalg.matrix import Matrix
from purenn.nn.network import TwoLayerNetwork
from purenn.linalg.vector import Vector

Row = Tuple[int, ...]


def rows_of(matrix: Matrix) -> List[Row]:
    return [tuple(int(value) for value in row) for row in matrix]


def labelled_rows(data: Dataset) -> List[Tuple[Row, int]]:
    return list(zip(rows_of(data.X), [label for (label,) in rows_of(data.Y)]))


def accuracy(predicted: Matrix, target: Matrix) -> int:
    return sum(1 for p, y in zip(predicted.column(0), target.column(0)) if p == y)


# ---------------------------------------------------------------- diabetes


def test_diabetes_shapes_and_names() -> None:
    data = diabetes()
    assert data.name == "diabetes"
    assert data.X.shape == (16, 4)
    assert data.Y.shape == (16, 1)
    assert data.feature_names == ("high_glucose", "overweight", "family_history", "physically_active")
    assert data.target_names == ("diabetes",)


def test_diabetes_every_entry_is_zero_or_one() -> None:
    data = diabetes()
    assert all(value in (0.0, 1.0) for matrix in (data.X, data.Y) for row in matrix for value in row)


def test_diabetes_every_row_follows_the_stated_rule() -> None:
    for (high_glucose, overweight, family_history, physically_active), label in labelled_rows(diabetes()):
        rule = (high_glucose and overweight) or (family_history and not physically_active)
        assert label == int(bool(rule)), (high_glucose, overweight, family_history, physically_active)


def test_diabetes_rule_is_written_in_the_description() -> None:
    description = diabetes().description
    assert "diabetes = (high_glucose AND overweight) OR (family_history AND NOT physically_active)" in description
    assert "NOT medical data" in description


def test_diabetes_has_all_16_combinations_exactly_once() -> None:
    rows = rows_of(diabetes().X)
    assert len(rows) == 16
    assert sorted(rows) == sorted(itertools.product((0, 1), repeat=4))


def test_diabetes_has_both_answers() -> None:
    labels = [label for _, label in labelled_rows(diabetes())]
    assert labels.count(1) == 7 and labels.count(0) == 9


def test_diabetes_non_separability_witness_from_the_description() -> None:
    # Two yes rows and two no rows with the same sum: any w·x + b gives the yes pair
    # the same total as the no pair, so no threshold can put both yes rows above it
    # and both no rows below it.
    yes_rows = [(1, 1, 0, 1), (0, 0, 1, 0)]
    no_rows = [(1, 0, 1, 1), (0, 1, 0, 0)]
    table = dict(labelled_rows(diabetes()))
    assert [table[row] for row in yes_rows] == [1, 1]
    assert [table[row] for row in no_rows] == [0, 0]
    total = tuple(map(sum, zip(*yes_rows)))
    assert total == tuple(map(sum, zip(*no_rows))) == (1, 1, 1, 1)
    description = diabetes().description
    for row in yes_rows + no_rows:
        assert str(row) in description


def logistic_regression(X: Matrix, Y: Matrix, epochs: int, learning_rate: float) -> Tuple[Matrix, List[float]]:
    """No hidden layer: ŷ = σ(X·w + b), trained by gradient descent on the mean cross-entropy.

    Returns the final predictions (0 or 1) and the loss of every epoch.
    """
    m, n = X.shape
    w = Matrix.zeros(n, 1)
    b = Vector.zeros(1)
    history = []
    for _ in range(epochs):
        output = sigmoid(X @ w + b)  # (m, 1)
        history.append(-math.fsum(y * math.log(p) + (1 - y) * math.log(1 - p)
                                  for p, y in zip(output.column(0), Y.column(0))) / m)
        dz = (output - Y) / m  # (m, 1): the σ' cancels, as in equation (7)
        w = w - learning_rate * (X.T @ dz)  # (n, 1)
        b = b - learning_rate * dz.sum(axis=0)  # (1,)
    predictions = sigmoid(X @ w + b).map(lambda p: 1.0 if p >= 0.5 else 0.0)
    return predictions, history


def test_logistic_regression_cannot_learn_the_diabetes_table() -> None:
    data = diabetes()
    predictions, history = logistic_regression(data.X, data.Y, epochs=3000, learning_rate=1.0)
    assert history[-1] < history[0]  # it did train...
    assert history[-1] > 0.1  # ...but its loss stays well above the two-layer network's
    assert accuracy(predictions, data.Y) < 16  # ...and it cannot get every row right


def test_two_layer_network_learns_the_diabetes_table() -> None:
    data = diabetes()
    net = TwoLayerNetwork(n_inputs=4, n_hidden=4, seed=0)
    history = net.fit(data.X, data.Y, epochs=1500)
    assert net.predict(data.X) == [int(y) for y in data.Y.column(0)]  # 16 of 16
    assert history[-1] < 0.01


def test_diabetes_returns_a_fresh_equal_dataset_each_time() -> None:
    assert diabetes() == diabetes()


def test_dataset_repr() -> None:
    assert repr(xor()) == (
        "Dataset('xor', X shape (4, 2), Y shape (4, 1), features ['a', 'b'], targets ['a_xor_b'])"
    )


# --------------------------------------------------------------------- XOR


def test_xor_truth_table() -> None:
    assert labelled_rows(xor()) == [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]
    assert xor().feature_names == ("a", "b")
    assert xor().target_names == ("a_xor_b",)


def test_logistic_regression_cannot_learn_xor() -> None:
    data = xor()
    predictions, history = logistic_regression(data.X, data.Y, epochs=3000, learning_rate=1.0)
    assert math.isclose(history[-1], math.log(2), rel_tol=1e-6)  # stuck at a coin flip
    assert accuracy(predictions, data.Y) < 4


# ------------------------------------------------------------ class names


def test_a_binary_data_set_without_class_names_gets_0_and_1() -> None:
    data = Dataset("t", Matrix([[1], [2]]), Matrix([[0], [1]]), ("x",), ("y",), task="binary")
    assert data.class_names == ("0", "1")


def test_a_multiclass_data_set_without_class_names_is_named_by_its_columns() -> None:
    data = Dataset("t", Matrix([[1], [2]]), Matrix([[1, 0], [0, 1]]), ("x",), ("cat", "dog"), task="multiclass")
    assert data.class_names == data.target_names == ("cat", "dog")


def test_a_regression_data_set_has_no_class_names() -> None:
    assert Dataset("t", Matrix([[1], [2]]), Matrix([[0.5], [1.5]]), ("x",), ("y",), task="regression").class_names == ()
