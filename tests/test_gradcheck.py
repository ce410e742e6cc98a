"""Backpropagation against finite differences, on many random networks, plus proof the check can fail.

A gradient check that never fails proves nothing, so the second half feeds
it deliberately wrong gradients and requires a large error.
"""

import math
import random
from typing import Dict, Tuple, Type

import pytest

from purenn.nn.gradcheck import GradientCheck, gradient_check, relative_error
from purenn.linalg.matrix import Matrix
from purenn.nn.network import TwoLayerNetwork
from purenn.linalg.vector import Vector
from purenn.nn.training import Parameter



def random_problem(seed: int) -> Tuple[TwoLayerNetwork, Matrix, Matrix]:
    """A small random network and data: n in 1..5, h in 1..6, o in 1..3, m in 1..8."""
    rng = random.Random(seed)
    n, h, o, m = rng.randint(1, 5), rng.randint(1, 6), rng.randint(1, 3), rng.randint(1, 8)
    X = Matrix([[rng.uniform(-2.0, 2.0) for _ in range(n)] for _ in range(m)])
    # Targets: yes/no answers and fractions in between (any value in [0, 1] is allowed).
    Y = Matrix([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(o)] for _ in range(m)])
    return TwoLayerNetwork(n, h, o, seed=rng), X, Y


@pytest.mark.parametrize("seed", range(30))
def test_backprop_matches_finite_differences_on_random_networks(seed: int) -> None:
    net, X, Y = random_problem(seed)
    result = gradient_check(net, X, Y)
    n, h, o = net.shape
    assert result.checked == n * h + h + h * o + o  # every entry of W1, b1, W2 and b2
    assert result.worst_relative_error < 1e-6, str(result)


def test_backprop_matches_finite_differences_after_training() -> None:
    # Away from the starting point too, where weights are larger and units closer to saturation.
    net, X, Y = random_problem(100)
    net.fit(X, Y, epochs=200)
    assert gradient_check(net, X, Y).worst_relative_error < 1e-6


def test_gradient_check_changes_nothing() -> None:
    net, X, Y = random_problem(1)
    before = net.parameters()
    gradient_check(net, X, Y)
    assert net.parameters() == before


def test_gradient_check_report() -> None:
    net, X, Y = random_problem(2)
    result = gradient_check(net, X, Y)
    assert isinstance(result, GradientCheck)
    assert result.worst_parameter[:2] in {"W1", "b1", "W2", "b2"}
    assert math.isclose(result.worst_relative_error, relative_error(result.analytic, result.numeric), rel_tol=1e-12)
    assert str(result).startswith(f"checked {result.checked} gradients; worst relative error ")


# ------------------------------------------------------- negative controls


class ScaledGradient(TwoLayerNetwork):
    """Backprop with one gradient off by 1%: the kind of slip a gradient check exists to catch.

    Only the analytic gradients are wrong; the loss, which the finite
    differences use, is the correct one.
    """

    name = "W2"
    factor = 1.01

    def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]:
        loss, gradients = super().loss_and_gradients(X, Y)
        wrong = dict(gradients)
        wrong[self.name] = wrong[self.name] * self.factor
        return loss, wrong


class ScaledB1Gradient(ScaledGradient):
    name = "b1"


class MissingB1Gradient(ScaledGradient):
    """Forgot equation (13): the hidden biases get a zero gradient."""

    name = "b1"
    factor = 0.0


class FlippedW1Gradient(ScaledGradient):
    """A sign slip in equation (12)."""

    name = "W1"
    factor = -1.0


@pytest.mark.parametrize(
    "model, expected_parameter",
    [(ScaledGradient, "W2"), (ScaledB1Gradient, "b1"), (MissingB1Gradient, "b1"), (FlippedW1Gradient, "W1")],
)
@pytest.mark.parametrize("seed", range(3))
def test_gradient_check_catches_a_wrong_gradient(
    model: Type[ScaledGradient], expected_parameter: str, seed: int
) -> None:
    correct, X, Y = random_problem(seed)
    wrong = model.from_weights(correct.W1, correct.b1, correct.W2, correct.b2)
    assert gradient_check(correct, X, Y).worst_relative_error < 1e-6  # the same problem, done right
    result = gradient_check(wrong, X, Y)
    assert result.worst_relative_error > 1e-3, str(result)
    assert result.worst_parameter.startswith(expected_parameter)


def test_a_one_percent_slip_shows_as_about_one_percent() -> None:
    correct, X, Y = random_problem(4)
    wrong = ScaledGradient.from_weights(correct.W1, correct.b1, correct.W2, correct.b2)
    result = gradient_check(wrong, X, Y)
    assert 0.9e-2 < result.worst_relative_error < 1.1e-2


class NaNGradient(ScaledGradient):
    """A backward pass that produced NaN for b1 (for instance after dividing 0 by 0)."""

    name = "b1"
    factor = math.nan


def test_gradient_check_does_not_pass_nan_gradients() -> None:
    correct, X, Y = random_problem(0)
    broken = NaNGradient.from_weights(correct.W1, correct.b1, correct.W2, correct.b2)
    try:
        result = gradient_check(broken, X, Y)
    except ValueError:
        return  # refusing is fine too
    assert not result.worst_relative_error < 1e-6, str(result)


def test_a_correct_network_with_a_saturated_hidden_unit_passes() -> None:
    net = TwoLayerNetwork.from_weights(Matrix([[20.0]]), Vector([0.0]), Matrix([[1.0]]), Vector([0.0]))
    X, Y = Matrix([[1.0]]), Matrix([[1.0]])
    # The backprop value is right: ∂J/∂b1 = (ŷ − y)·W2·σ'(20), written out here.
    a1 = 1.0 / (1.0 + math.exp(-20.0))
    y_hat = 1.0 / (1.0 + math.exp(-a1))
    _, gradients = net.loss_and_gradients(X, Y)
    db1 = gradients["b1"]
    assert isinstance(db1, Vector)
    assert math.isclose(db1[0], (y_hat - 1.0) * 1.0 * a1 * (1.0 - a1), rel_tol=1e-6)
    assert gradient_check(net, X, Y).worst_relative_error < 1e-6


# ----------------------------------------------------------- relative_error


def test_relative_error_of_equal_numbers_is_zero() -> None:
    assert relative_error(3.5, 3.5) == 0.0
    assert relative_error(0.0, 0.0) == 0.0


def test_relative_error_divides_by_the_larger_magnitude() -> None:
    assert relative_error(1.0, 1.5) == 0.5 / 1.5
    assert relative_error(-2.0, 2.0) == 2.0
    assert relative_error(-4.0, -3.0) == 0.25


def test_relative_error_is_symmetric() -> None:
    rng = random.Random(0)
    for _ in range(20):
        a, b = rng.uniform(-5, 5), rng.uniform(-5, 5)
        assert relative_error(a, b) == relative_error(b, a)


def test_relative_error_floor() -> None:
    # Two numbers near zero are compared against the floor, not against each other.
    assert relative_error(0.0, 1e-12) == 1e-12 / 1e-8
    assert relative_error(1e-12, 2e-12, floor=1e-6) == 1e-12 / 1e-6
