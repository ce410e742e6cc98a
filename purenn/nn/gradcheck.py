"""Check backpropagation against finite differences.

Backpropagation computes ∂J/∂w for every weight w at once, by the chain
rule. A slow but simple way to get the same numbers is to nudge one weight
at a time and watch the loss move (a central finite difference):

    ∂J/∂w ≈ (J(w + ε) − J(w − ε)) / (2ε)

If the two agree to about 1e-7 relative, the backward pass is right. This
works for any model that can list its parameters by name, rebuild itself
with changed ones, and report its loss and gradients (a ``Trainable``, the
one model protocol of ``purenn.nn.training``): ``TwoLayerNetwork``
(network.py) and ``MLP`` (mlp.py) both are.

>>> from purenn import Matrix, TwoLayerNetwork
>>> net = TwoLayerNetwork(n_inputs=3, n_hidden=4, n_outputs=2, seed=0)
>>> X = Matrix.uniform(5, 3, -1, 1, rng=1)
>>> Y = Matrix([[1, 0], [0, 1], [1, 1], [0, 0], [1, 0]])
>>> result = gradient_check(net, X, Y)
>>> result.checked        # every entry of W1, b1, W2 and b2
26
>>> result.worst_relative_error < 1e-7
True

The same check on an MLP of three layers:

>>> from purenn.nn.mlp import MLP
>>> gradient_check(MLP([3, 4, 4, 2], activation="tanh", seed=0), X, Y).worst_relative_error < 1e-7
True
"""

import math
from typing import TYPE_CHECKING, Iterable, NamedTuple, Tuple

from purenn.errors import PurennError
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn.training import Parameter

if TYPE_CHECKING:
    from purenn.nn.training import Trainable

__all__ = ["GradientCheck", "gradient_check", "relative_error"]


class GradientCheck(NamedTuple):
    """The outcome of a gradient check: the worst disagreement, and where it was."""

    worst_relative_error: float
    worst_parameter: str
    analytic: float
    numeric: float
    checked: int

    def __str__(self) -> str:
        return (
            f"checked {self.checked} gradients; worst relative error {self.worst_relative_error:.2e} "
            f"at {self.worst_parameter} (backprop {self.analytic:.10g}, finite difference {self.numeric:.10g})"
        )


def _entries(parameter: Parameter) -> Tuple[Tuple[str, Tuple[int, ...]], ...]:
    """Every position in a parameter, with its label: "[i, j]" or "[i]"."""
    if isinstance(parameter, Matrix):
        rows, columns = parameter.shape
        return tuple((f"[{i}, {j}]", (i, j)) for i in range(rows) for j in range(columns))
    return tuple((f"[{i}]", (i,)) for i in range(len(parameter)))


def _nudged(parameter: Parameter, position: Tuple[int, ...], delta: float) -> Parameter:
    """A copy of ``parameter`` with delta added to the entry at ``position``."""
    if isinstance(parameter, Matrix):
        rows = parameter.tolist()
        rows[position[0]][position[1]] += delta
        return Matrix(rows)
    values = parameter.tolist()
    values[position[0]] += delta
    return Vector(values)


def _value(parameter: Parameter, position: Tuple[int, ...]) -> float:
    if isinstance(parameter, Matrix):
        return parameter[position[0], position[1]]
    return parameter[position[0]]


def _values(parameter: Parameter) -> Iterable[float]:
    if isinstance(parameter, Matrix):
        return iter(parameter.flat)
    return iter(parameter)


def relative_error(a: float, b: float, floor: float = 1e-8) -> float:
    """|a − b| / max(|a|, |b|, floor): the floor keeps two near-zero numbers from looking far apart.

    >>> relative_error(1.0, 1.001) < 1e-3
    True
    """
    return abs(a - b) / max(abs(a), abs(b), floor)


def gradient_check(model: "Trainable", X: Matrix, Y: Matrix, epsilon: float = 1e-5) -> GradientCheck:
    """Compare every backprop gradient of ``model`` on (X, Y) with a central finite difference.

    Costs two loss evaluations per parameter entry: for small networks only.
    Returns the worst relative error and where it occurred. Each nudge is
    made with ``set_parameters``; the model gets its own parameters back at
    the end, even when the check raises.

    The relative error of an entry is |a − n| / max(|a|, |n|, floor), with a
    the backprop value, n the finite difference, and
    floor = 1e-4 · (the largest |a| of the model), but at least 1e-12.
    Why a floor: the central difference subtracts two losses that agree in
    most of their digits, so n carries a round-off error of about
    eps · |J| / ε (eps ≈ 2.2e-16), whatever the size of the true gradient.
    For a tiny but correct gradient (a saturated unit's, 1e-10 say) that
    noise alone is a large relative error. Measured against the floor
    instead, it is negligible, while a wrong gradient of any size that
    matters still shows.

    A NaN or infinite gradient, from backprop or from the finite difference,
    cannot be compared: it raises PurennError naming the parameter entry.
    """
    if not all(callable(getattr(model, name, None)) for name in ("loss_and_gradients", "parameters", "set_parameters")):
        raise TypeError(f"gradient_check needs a model such as MLP or TwoLayerNetwork, got {type(model).__name__}")
    if not isinstance(epsilon, (int, float)) or isinstance(epsilon, bool):
        raise TypeError(f"epsilon must be a number, the step of the finite difference; got {epsilon!r:.40}")
    if not 0.0 < epsilon < 1.0:
        raise PurennError(f"epsilon must be above 0 and below 1 (the step of the finite difference, "
                          f"such as 1e-5), got {epsilon!r}")
    _, analytic_gradients = model.loss_and_gradients(X, Y)
    parameters = model.parameters()
    for name in parameters:
        for label, position in _entries(analytic_gradients[name]):
            analytic = _value(analytic_gradients[name], position)
            if not math.isfinite(analytic):
                raise PurennError(
                    f"cannot check the gradients: backprop gives {analytic!r} for {name}{label}; "
                    "a NaN or infinite gradient means the backward pass (or the forward pass) broke"
                )
    largest = max(abs(a) for name in parameters for a in _values(analytic_gradients[name]))
    floor = max(1e-4 * largest, 1e-12)
    worst = GradientCheck(0.0, "", 0.0, 0.0, 0)
    checked = 0
    try:
        for name, parameter in parameters.items():
            for label, position in _entries(parameter):
                losses = []
                for delta in (epsilon, -epsilon):
                    changed = dict(parameters)
                    changed[name] = _nudged(parameter, position, delta)
                    model.set_parameters(changed)
                    losses.append(model.evaluate(X, Y))
                numeric = (losses[0] - losses[1]) / (2.0 * epsilon)
                if not math.isfinite(numeric):
                    raise PurennError(
                        f"cannot check the gradients: the finite difference for {name}{label} is "
                        f"{numeric!r}, because the loss is not finite near these weights"
                    )
                analytic = _value(analytic_gradients[name], position)
                error = relative_error(analytic, numeric, floor)
                checked += 1
                if error >= worst.worst_relative_error:
                    worst = GradientCheck(error, name + label, analytic, numeric, 0)
    finally:
        model.set_parameters(parameters)
    return GradientCheck(worst.worst_relative_error, worst.worst_parameter, worst.analytic, worst.numeric, checked)
