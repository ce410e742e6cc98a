"""Losses and their gradients: checked against formulas written out here and finite differences.

Every loss averages over all N = rows × columns entries (PyTorch's
reduction="mean"); the (3, 2) cases below would catch a mean over rows only.
"""

import math
import random
from typing import Callable, List

import pytest

from purenn.nn.activations import sigmoid, sigmoid_slope_from_output, softmax
from purenn.errors import ShapeError
from purenn.nn.losses import (
    LOG_FLOOR,
    binary_cross_entropy,
    binary_cross_entropy_gradient,
    categorical_cross_entropy,
    categorical_cross_entropy_gradient,
    mean_squared_error,
    mean_squared_error_gradient,
)
from purenn.linalg.matrix import Matrix

STEP = 1e-6
"""Step of the central differences; the losses here are about 1, so round-off is about 1e-10."""


def random_matrix(rows: int, columns: int, low: float, high: float, rng: random.Random) -> Matrix:
    return Matrix([[rng.uniform(low, high) for _ in range(columns)] for _ in range(rows)])


def nudged(matrix: Matrix, i: int, j: int, delta: float) -> Matrix:
    rows = matrix.tolist()
    rows[i][j] += delta
    return Matrix(rows)


def numeric_gradient(loss: Callable[[Matrix], float], at: Matrix, h: float = STEP) -> Matrix:
    """∂loss/∂at, one entry at a time, by central differences."""
    rows, columns = at.shape
    return Matrix(
        [
            [(loss(nudged(at, i, j, h)) - loss(nudged(at, i, j, -h))) / (2.0 * h) for j in range(columns)]
            for i in range(rows)
        ]
    )


def bce_by_hand(output: List[List[float]], target: List[List[float]]) -> float:
    """Equation (5) with math.log, term by term: −(1/N) Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)]."""
    terms = []
    for output_row, target_row in zip(output, target):
        for p, y in zip(output_row, target_row):
            terms.append(y * math.log(p) + (1.0 - y) * math.log(1.0 - p))
    return -sum(terms) / len(terms)


# ---------------------------------------------------- binary cross-entropy


@pytest.mark.parametrize("seed", range(10))
def test_bce_equals_the_formula_written_by_hand(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 6), rng.randint(1, 3)
    output = random_matrix(rows, columns, 0.01, 0.99, rng)
    target = Matrix([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(columns)] for _ in range(rows)])
    expected = bce_by_hand(output.tolist(), target.tolist())
    assert math.isclose(binary_cross_entropy(output, target), expected, rel_tol=1e-12)


def test_bce_is_a_mean_over_all_entries_like_pytorch() -> None:
    # PyTorch's binary_cross_entropy(reduction="mean") divides by the number of
    # entries N = m·o = 6 here, not by the number of rows m = 3.
    output = Matrix([[0.9, 0.2], [0.4, 0.7], [0.1, 0.6]])
    target = Matrix([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    per_entry = [
        -math.log(0.9), -math.log(0.8),
        -math.log(0.6), -math.log(0.7),
        -math.log(0.9), -math.log(0.4),
    ]
    assert math.isclose(binary_cross_entropy(output, target), sum(per_entry) / 6, rel_tol=1e-12)
    assert not math.isclose(binary_cross_entropy(output, target), sum(per_entry) / 3, rel_tol=1e-3)


def test_bce_of_a_coin_flip_is_ln_2() -> None:
    assert binary_cross_entropy(Matrix([[0.5, 0.5]]), Matrix([[1.0, 0.0]])) == math.log(2)


@pytest.mark.parametrize(
    "output, target, expected",
    [
        (0.0, 1.0, 100.0),  # ln 0 is clamped at −100: a confident wrong answer costs 100
        (1.0, 0.0, 100.0),
        (0.0, 0.0, 0.0),  # a confident right answer costs nothing
        (1.0, 1.0, 0.0),
        (1e-300, 1.0, 100.0),  # ln(1e-300) ≈ −690.8 is clamped as well
    ],
)
def test_bce_is_finite_for_saturated_outputs(output: float, target: float, expected: float) -> None:
    assert binary_cross_entropy(Matrix([[output]]), Matrix([[target]])) == expected


def test_log_floor_is_pytorchs() -> None:
    assert LOG_FLOOR == -100.0


def test_bce_of_a_saturated_sigmoid_is_finite() -> None:
    output = sigmoid(Matrix([[-1000.0, 1000.0]]))
    loss = binary_cross_entropy(output, Matrix([[1.0, 0.0]]))
    assert loss == 100.0


@pytest.mark.parametrize("seed", range(5))
def test_bce_gradient_equation_6_matches_finite_differences(seed: int) -> None:
    rng = random.Random(seed)
    output = random_matrix(3, 2, 0.05, 0.95, rng)
    target = Matrix([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(2)] for _ in range(3)])
    analytic = binary_cross_entropy_gradient(output, target)
    numeric = numeric_gradient(lambda p: binary_cross_entropy(p, target), output)
    assert analytic.shape == output.shape
    assert analytic.allclose(numeric, rel_tol=1e-6)


@pytest.mark.parametrize("seed", range(5))
def test_equation_6_times_sigmoid_slope_from_output_is_equation_7(seed: int) -> None:
    # (7): ∂J/∂z2 = ∂J/∂ŷ ⊙ σ'(z2) = (1/N)·(ŷ − y): the σ' cancels the denominator of (6).
    rng = random.Random(seed)
    z2 = random_matrix(4, 3, -4.0, 4.0, rng)
    output = sigmoid(z2)
    target = Matrix([[rng.choice([0.0, 1.0]) for _ in range(3)] for _ in range(4)])
    N = 12
    chained = binary_cross_entropy_gradient(output, target) * sigmoid_slope_from_output(output)
    direct = (output - target) / N
    assert chained.allclose(direct, rel_tol=1e-12)


def test_equation_7_matches_finite_differences_through_the_sigmoid() -> None:
    z2 = Matrix([[-1.5, 0.25], [2.0, -0.5], [0.75, 3.0]])
    target = Matrix([[0.0, 1.0], [1.0, 1.0], [0.0, 0.3]])
    numeric = numeric_gradient(lambda z: binary_cross_entropy(sigmoid(z), target), z2)
    assert ((sigmoid(z2) - target) / 6).allclose(numeric, rel_tol=1e-6)


def test_bce_gradient_is_finite_for_saturated_outputs() -> None:
    gradient = binary_cross_entropy_gradient(Matrix([[0.0, 1.0]]), Matrix([[1.0, 0.0]]))
    assert all(math.isfinite(g) for row in gradient for g in row)
    assert gradient[0, 0] < 0.0 < gradient[0, 1]


# ------------------------------------------------------ mean squared error


def test_mse_equals_the_formula_written_by_hand() -> None:
    rng = random.Random(3)
    output = random_matrix(3, 2, -2.0, 2.0, rng)
    target = random_matrix(3, 2, -2.0, 2.0, rng)
    pairs = zip((p for row in output for p in row), (y for row in target for y in row))
    expected = sum((p - y) ** 2 for p, y in pairs) / 6
    assert math.isclose(mean_squared_error(output, target), expected, rel_tol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_mse_gradient_matches_finite_differences(seed: int) -> None:
    rng = random.Random(seed)
    output = random_matrix(3, 2, -2.0, 2.0, rng)
    target = random_matrix(3, 2, -2.0, 2.0, rng)
    numeric = numeric_gradient(lambda p: mean_squared_error(p, target), output)
    assert mean_squared_error_gradient(output, target).allclose(numeric, rel_tol=1e-6)


# --------------------------------------------- softmax and categorical loss


def test_softmax_rows_are_probabilities() -> None:
    rng = random.Random(5)
    z = random_matrix(6, 4, -10.0, 10.0, rng)
    probabilities = softmax(z)
    assert probabilities.shape == (6, 4)
    for row in probabilities:
        assert all(p > 0.0 for p in row)
        assert math.isclose(math.fsum(row), 1.0, rel_tol=1e-15)


def test_softmax_matches_the_formula_written_by_hand() -> None:
    z = [0.5, -1.0, 2.0]
    exps = [math.exp(v) for v in z]
    expected = Matrix([[e / sum(exps) for e in exps]])
    assert softmax(Matrix([z])).allclose(expected, rel_tol=1e-12)


def test_softmax_survives_large_scores() -> None:
    result = softmax(Matrix([[1000.0, 0.0], [1000.0, 1000.0], [-1000.0, 0.0], [1e308, 1e308]]))
    assert result == Matrix([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0], [0.5, 0.5]])


def test_softmax_ignores_a_constant_added_to_a_row() -> None:
    z = Matrix([[0.1, 0.2, 0.3]])
    assert softmax(z + 500.0).allclose(softmax(z), rel_tol=1e-12)


def test_categorical_cross_entropy_is_a_mean_over_rows() -> None:
    output = Matrix([[0.7, 0.2, 0.1], [0.25, 0.5, 0.25]])
    target = Matrix([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    expected = -(math.log(0.7) + math.log(0.5)) / 2
    assert math.isclose(categorical_cross_entropy(output, target), expected, rel_tol=1e-12)


def test_categorical_cross_entropy_is_finite_for_a_zero_probability() -> None:
    assert categorical_cross_entropy(Matrix([[0.0, 1.0]]), Matrix([[1.0, 0.0]])) == 100.0


@pytest.mark.parametrize("seed", range(5))
def test_categorical_gradient_with_respect_to_softmax_input_matches_finite_differences(seed: int) -> None:
    rng = random.Random(seed)
    z = random_matrix(3, 4, -3.0, 3.0, rng)
    classes = [rng.randrange(4) for _ in range(3)]
    target = Matrix([[1.0 if j == k else 0.0 for j in range(4)] for k in classes])  # one-hot rows
    analytic = categorical_cross_entropy_gradient(softmax(z), target)
    numeric = numeric_gradient(lambda scores: categorical_cross_entropy(softmax(scores), target), z)
    assert analytic.allclose(numeric, rel_tol=1e-6)


# ------------------------------------------------------------------ errors

LOSSES = [
    (binary_cross_entropy, "binary cross-entropy"),
    (binary_cross_entropy_gradient, "binary cross-entropy"),
    (mean_squared_error, "mean squared error"),
    (mean_squared_error_gradient, "mean squared error"),
    (categorical_cross_entropy, "categorical cross-entropy"),
    (categorical_cross_entropy_gradient, "categorical cross-entropy"),
]


@pytest.mark.parametrize("loss, name", LOSSES, ids=[function.__name__ for function, _ in LOSSES])
def test_shape_mismatch_names_both_shapes(loss: Callable[[Matrix, Matrix], object], name: str) -> None:
    with pytest.raises(ShapeError) as error:
        loss(Matrix([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]), Matrix([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]))
    assert str(error.value) == (
        f"cannot compute {name} of outputs (3, 2) against targets (2, 3): there must be one target per output"
    )


def test_shape_mismatch_is_a_value_error_too() -> None:
    with pytest.raises(ValueError):
        binary_cross_entropy(Matrix([[0.5]]), Matrix([[1.0, 0.0]]))


def test_non_matrix_arguments_are_a_type_error() -> None:
    with pytest.raises(TypeError) as error:
        binary_cross_entropy([[0.5]], Matrix([[1.0]]))  # type: ignore[arg-type]
    assert str(error.value) == (
        "binary cross-entropy takes two Matrices (outputs, targets), got list and Matrix"
    )
