"""Activation functions: stable at the extremes, symmetric, and with the right derivatives.

Each ``*_slope_from_output`` takes the activation's *output* a = φ(z). The
tests check it against a central finite difference of φ itself, so a slope
written in terms of the wrong variable (z instead of a) would be caught.
"""

import math
import random
from decimal import Decimal, localcontext
from typing import Callable, List, Tuple

import pytest

from purenn.nn.activations import (
    ACTIVATIONS,
    LEAKY_SLOPE,
    Activation,
    he_normal,
    leaky_relu,
    leaky_relu_slope_from_output,
    relu,
    relu_slope_from_output,
    sigmoid,
    sigmoid_slope_from_output,
    tanh,
    tanh_slope_from_output,
    xavier_uniform,
)
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

FloatFunction = Callable[[float], float]

GRID: List[float] = [k / 4 for k in range(-24, 25)]  # -6.0, -5.75, ..., 6.0
"""Where the derivatives are checked: wide enough to reach the sigmoid's flat tails."""

STEP = 1e-5
"""Step h of the central difference (f(z + h) − f(z − h)) / 2h: error about h² ≈ 1e-10."""


def central_difference(f: FloatFunction, z: float, h: float = STEP) -> float:
    return (f(z + h) - f(z - h)) / (2.0 * h)


def sigmoid_reference(z: float) -> float:
    """σ(z) to 50 significant digits, with Decimal: a reference independent of purenn's formula."""
    with localcontext() as context:
        context.prec = 50
        return float(1 / (1 + (-Decimal(z)).exp()))


# --------------------------------------------------------------- stability

EXTREMES: List[float] = [1000.0, -1000.0, 1e308, -1e308, 709.8, -709.8, -745.0, 745.0]


@pytest.mark.parametrize("z", EXTREMES)
def test_sigmoid_is_stable_at_extreme_inputs(z: float) -> None:
    a = sigmoid(z)  # must not raise OverflowError (math.exp(710) does)
    assert not math.isnan(a)
    assert 0.0 <= a <= 1.0


def test_sigmoid_saturates_to_exact_limits() -> None:
    assert sigmoid(1e308) == 1.0
    assert sigmoid(-1e308) == 0.0
    assert sigmoid(1000.0) == 1.0
    assert sigmoid(-1000.0) == 0.0


def test_sigmoid_keeps_tiny_outputs_instead_of_rounding_them_to_zero() -> None:
    # e^(-745) is the smallest positive float (subnormal); σ(-745) is that number, not 0.
    assert sigmoid(-745.0) == math.exp(-745.0) > 0.0
    assert sigmoid(-709.8) > 0.0


def test_sigmoid_of_matrix_with_extremes() -> None:
    result = sigmoid(Matrix([[-1e308, -745.0, 0.0], [709.8, 1000.0, 1e308]]))
    assert result.shape == (2, 3)
    assert all(0.0 <= a <= 1.0 for row in result for a in row)


@pytest.mark.parametrize("z", [float(k) for k in range(-700, 701, 25)] + [-0.5, 0.5, 1e-8, -1e-8])
def test_sigmoid_matches_high_precision_reference(z: float) -> None:
    # Relative accuracy everywhere, including the far negative side where σ(z) ≈ e^z is tiny:
    # 1 - 1/(1 + e^(-z)) style formulas lose every digit there.
    assert math.isclose(sigmoid(z), sigmoid_reference(z), rel_tol=1e-15)


@pytest.mark.parametrize("z", [k / 2 for k in range(-80, 81)] + [100.0, 700.0])
def test_sigmoid_symmetry(z: float) -> None:
    # σ(−z) = 1 − σ(z), checked as σ(−z) + σ(z) = 1 so the tiny side keeps its precision.
    assert math.isclose(sigmoid(-z) + sigmoid(z), 1.0, rel_tol=1e-15)


def test_sigmoid_known_values() -> None:
    assert sigmoid(0.0) == 0.5
    assert math.isclose(sigmoid(2.0), 1.0 / (1.0 + math.exp(-2.0)), rel_tol=1e-15)
    assert math.isclose(sigmoid(-2.0), 1.0 / (1.0 + math.exp(2.0)), rel_tol=1e-15)


def test_tanh_is_stable_and_bounded() -> None:
    for z in EXTREMES:
        a = tanh(z)
        assert -1.0 <= a <= 1.0
    assert tanh(0.0) == 0.0


def test_relu_and_leaky_relu_values() -> None:
    assert relu(Vector([-2.0, 0.0, 3.5])) == Vector([0.0, 0.0, 3.5])
    assert leaky_relu(Vector([-2.0, 0.0, 3.5])) == Vector([-2.0 * LEAKY_SLOPE, 0.0, 3.5])
    assert LEAKY_SLOPE == 0.01


# ------------------------------------------------------------- derivatives


@pytest.mark.parametrize("z", GRID)
def test_sigmoid_slope_from_output_matches_finite_difference(z: float) -> None:
    analytic = sigmoid_slope_from_output(sigmoid(z))
    assert math.isclose(analytic, central_difference(sigmoid, z), rel_tol=1e-6)


@pytest.mark.parametrize("z", GRID)
def test_tanh_slope_from_output_matches_finite_difference(z: float) -> None:
    analytic = tanh_slope_from_output(tanh(z))
    assert math.isclose(analytic, central_difference(tanh, z), rel_tol=1e-6)


@pytest.mark.parametrize("z", [z for z in GRID if abs(z) > 0.1])
def test_relu_slope_from_output_matches_finite_difference_away_from_zero(z: float) -> None:
    analytic = relu_slope_from_output(relu(z))
    numeric = central_difference(relu, z)
    assert analytic == (1.0 if z > 0 else 0.0)
    assert math.isclose(analytic, numeric, rel_tol=1e-6, abs_tol=1e-12)


@pytest.mark.parametrize("z", [z for z in GRID if abs(z) > 0.1])
def test_leaky_relu_slope_from_output_matches_finite_difference_away_from_zero(z: float) -> None:
    analytic = leaky_relu_slope_from_output(leaky_relu(z))
    assert analytic == (1.0 if z > 0 else LEAKY_SLOPE)
    assert math.isclose(analytic, central_difference(leaky_relu, z), rel_tol=1e-6)


def test_derivatives_at_zero_follow_the_documented_convention() -> None:
    assert sigmoid_slope_from_output(sigmoid(0.0)) == 0.25
    assert tanh_slope_from_output(tanh(0.0)) == 1.0
    assert relu_slope_from_output(relu(0.0)) == 0.0
    assert leaky_relu_slope_from_output(leaky_relu(0.0)) == LEAKY_SLOPE


def test_sigmoid_slope_from_output_vanishes_when_saturated() -> None:
    assert sigmoid_slope_from_output(sigmoid(1000.0)) == 0.0
    assert sigmoid_slope_from_output(sigmoid(-1000.0)) == 0.0


# ------------------------------------------------ float, Vector and Matrix

# Each function three times: mypy sees one generic function as three typed ones.
FORMS: List[Tuple[str, Callable[[float], float], Callable[[Vector], Vector], Callable[[Matrix], Matrix]]] = [
    ("sigmoid", sigmoid, sigmoid, sigmoid),
    ("sigmoid_slope_from_output", sigmoid_slope_from_output, sigmoid_slope_from_output, sigmoid_slope_from_output),
    ("tanh", tanh, tanh, tanh),
    ("tanh_slope_from_output", tanh_slope_from_output, tanh_slope_from_output, tanh_slope_from_output),
    ("relu", relu, relu, relu),
    ("relu_slope_from_output", relu_slope_from_output, relu_slope_from_output, relu_slope_from_output),
    ("leaky_relu", leaky_relu, leaky_relu, leaky_relu),
    ("leaky_relu_slope_from_output", leaky_relu_slope_from_output, leaky_relu_slope_from_output, leaky_relu_slope_from_output),
]
VALUES: List[float] = [-3.0, -0.5, 0.0, 0.25, 0.75, 2.0]


@pytest.mark.parametrize("name, on_float, on_vector, on_matrix", FORMS, ids=[form[0] for form in FORMS])
def test_float_vector_and_matrix_forms_agree(
    name: str,
    on_float: Callable[[float], float],
    on_vector: Callable[[Vector], Vector],
    on_matrix: Callable[[Matrix], Matrix],
) -> None:
    expected = [on_float(z) for z in VALUES]
    vector_result = on_vector(Vector(VALUES))
    matrix_result = on_matrix(Matrix([VALUES[:3], VALUES[3:]]))
    assert isinstance(vector_result, Vector), name
    assert isinstance(matrix_result, Matrix), name
    assert vector_result == Vector(expected)
    assert matrix_result == Matrix([expected[:3], expected[3:]])


def test_functions_do_not_change_their_input() -> None:
    z = Matrix([[-1.0, 2.0]])
    sigmoid(z)
    assert z == Matrix([[-1.0, 2.0]])


# ---------------------------------------------------------------- registry


def test_registry_names() -> None:
    assert set(ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu"}
    for name, activation in ACTIVATIONS.items():
        assert isinstance(activation, Activation)
        assert activation.name == name
        assert repr(activation) == f"Activation({name!r})"


def test_registry_entries_are_the_module_functions() -> None:
    assert ACTIVATIONS["sigmoid"].function is sigmoid
    assert ACTIVATIONS["sigmoid"].slope_from_output is sigmoid_slope_from_output
    assert ACTIVATIONS["tanh"].function is tanh
    assert ACTIVATIONS["tanh"].slope_from_output is tanh_slope_from_output
    assert ACTIVATIONS["relu"].function is relu
    assert ACTIVATIONS["relu"].slope_from_output is relu_slope_from_output
    assert ACTIVATIONS["leaky_relu"].function is leaky_relu
    assert ACTIVATIONS["leaky_relu"].slope_from_output is leaky_relu_slope_from_output


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_registry_derivative_matches_finite_difference_on_a_matrix(name: str) -> None:
    activation = ACTIVATIONS[name]
    z = Matrix([[-2.5, -0.75, 0.5], [1.25, 3.0, -4.0]])  # no entry at 0, where ReLU has a kink
    analytic = activation.slope_from_output(activation.function(z))
    numeric = (activation.function(z + STEP) - activation.function(z - STEP)) / (2.0 * STEP)
    assert analytic.allclose(numeric, rel_tol=1e-6, abs_tol=1e-12)


def test_activation_records_are_frozen() -> None:
    with pytest.raises(AttributeError):
        setattr(ACTIVATIONS["sigmoid"], "name", "other")


# ------------------------------------------------- initial weights, per entry


def test_each_activation_brings_its_initial_weights() -> None:
    assert {name: a.initial_weights for name, a in ACTIVATIONS.items()} == {
        "sigmoid": xavier_uniform, "tanh": xavier_uniform, "relu": he_normal, "leaky_relu": he_normal,
    }


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_an_mlp_draws_hidden_weights_with_its_activations_scheme(name: str) -> None:
    from purenn.nn.mlp import MLP

    rng = random.Random(4)
    expected_hidden = ACTIVATIONS[name].initial_weights(3, 5, rng)
    expected_output = xavier_uniform(5, 2, rng)  # the output layer is always Xavier
    net = MLP([3, 5, 2], activation=name, output="softmax", seed=4)
    assert [layer.W for layer in net.layers] == [expected_hidden, expected_output]


def test_a_new_activation_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A made-up activation, added as one entry, gets its own function, slope and initial weights."""
    def softsign(z: Matrix) -> Matrix:
        return z.map(lambda x: x / (1.0 + abs(x)))

    def softsign_slope_from_output(a: Matrix) -> Matrix:
        return a.map(lambda y: (1.0 - abs(y)) ** 2)

    def ones(n_in: int, n_out: int, rng: random.Random) -> Matrix:
        return Matrix.full(n_in, n_out, 1.0)

    from purenn.nn.mlp import MLP

    monkeypatch.setitem(ACTIVATIONS, "softsign", Activation("softsign", softsign, softsign_slope_from_output, ones))
    net = MLP([2, 3, 1], activation="softsign", seed=0)
    assert net.layers[0].W == Matrix.full(2, 3, 1.0)
    X = Matrix([[1.0, 1.0]])
    assert net.forward(X).outputs[0] == Matrix([[2.0 / 3.0] * 3])
    from purenn.nn.gradcheck import gradient_check
    assert gradient_check(net, Matrix([[0.5, -1.0], [2.0, 0.1]]), Matrix([[1.0], [0.0]])).worst_relative_error < 1e-7
