"""MLP backpropagation against finite differences, for every activation with every output/loss pairing.

purenn.nn.gradcheck.gradient_check nudges each weight and bias by ε = 1e-5 up
and down and compares (J(w + ε) − J(w − ε)) / 2ε with the backprop gradient.
On the problems below the two agree to 2e-8 or better; the bound asserted is 1e-6.

ReLU and leaky ReLU are not smooth at z = 0. If a nudge moved some hidden z
across 0, the finite difference would mix the slopes of both sides and
disagree with backprop although backprop is right. So each random problem
for those two activations is drawn again until every hidden z is farther
from 0 than any single nudge can move it (``kink_margin``): then the loss is
smooth in every direction the check probes, and the comparison is fair.

The finite difference has its own round-off: it subtracts two losses that
agree in most digits, so it is off by about eps·|J|/ε ≈ 2e-11·|J| whatever
the gradient. A gradient entry of 1e-5·|J| would show a relative error near
1e-6 with backprop exactly right (seen on random nets where a narrow layer
shrinks the gradients before it: backprop matched a Richardson-extrapolated
difference to 3e-9 while the plain one was off by 2e-6). To keep the bound a test
of backprop and not of the finite difference, each problem is also drawn
again until every gradient entry is exactly 0 (a silent ReLU unit, where both
sides give exactly 0) or at least RESOLVED·|J| = 3e-4·|J|, where the
difference's round-off is below 1e-7 relative (``resolvable``).

What backprop does exactly at a kink (derivative 0 for ReLU, 0.01 for leaky
ReLU, the slope of the z < 0 side) is a convention, not something finite
differences can confirm; the last tests pin it down and show why the check
must stay away from it.
"""

import random
from typing import List, Tuple

import pytest

from purenn.nn.activations import ACTIVATIONS
from purenn.nn.gradcheck import gradient_check
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import HEADS, MLP, Layer
from purenn.linalg.vector import Vector

EPSILON = 1e-5  # gradient_check's default nudge
WORST_ALLOWED = 1e-6
RESOLVED = 3e-4  # the smallest |gradient| / |J| whose finite difference is good to 1e-7
KINKED = ("relu", "leaky_relu")
PAIRINGS = [(activation, output) for activation in ACTIVATIONS for output in HEADS]
SEEDS = range(5)


def targets(rng: random.Random, m: int, o: int, output: str) -> Matrix:
    """0/1 answers and fractions (sigmoid), one-hot rows and soft distributions (softmax), numbers (identity)."""
    if output == "sigmoid":
        return Matrix([[rng.choice([0.0, 1.0, rng.random()]) for _ in range(o)] for _ in range(m)])
    if output == "softmax":
        rows = []
        for _ in range(m):
            if rng.random() < 0.5:
                weights = [rng.random() + 0.01 for _ in range(o)]
                rows.append([w / sum(weights) for w in weights])  # a soft target: sums to 1
            else:
                hot = rng.randrange(o)
                rows.append([1.0 if j == hot else 0.0 for j in range(o)])
        return Matrix(rows)
    return Matrix([[rng.gauss(0.0, 1.0) for _ in range(o)] for _ in range(m)])


def kink_margin(net: MLP, X: Matrix, epsilon: float = EPSILON) -> float:
    """min over hidden z of |z| / (the most any single ε-nudge of one parameter can move it).

    A nudge of ε in W_l or b_l moves each z_l by at most ε·max(1, max|a_(l−1)|). Each later
    layer multiplies a change by at most max_j Σ_i |W[i, j]| (ReLU and leaky ReLU change
    by no more than their input). Above 1, no nudge reaches a kink.
    """
    passed = net.forward(X)
    layers = net.layers
    inputs = [X] + list(passed.outputs[:-1])  # a_(l−1) for each layer l
    worst = float("inf")
    reach = 0.0  # the largest change of z_l any nudge (in layer l or before) can cause
    for l in range(len(layers) - 1):  # hidden layers only: the output layer has no kink
        spread = max(sum(abs(w) for w in layers[l].W.column(j)) for j in range(layers[l].W.shape[1]))
        reach = reach * spread + epsilon * max(1.0, max(abs(x) for row in inputs[l] for x in row))
        nearest = min(abs(z) for row in passed.zs[l] for z in row)
        worst = min(worst, nearest / reach)
    return worst


def resolvable(net: MLP, X: Matrix, Y: Matrix) -> bool:
    """Every gradient entry is 0 or at least RESOLVED·|J|: big enough for the finite difference to judge."""
    loss, gradients = net.loss_and_gradients(X, Y)
    entries = [x for gradient in gradients.values() for x in _flat(gradient)]
    return all(x == 0.0 or abs(x) >= RESOLVED * abs(loss) for x in entries)


def _flat(parameter: object) -> List[float]:
    if isinstance(parameter, Matrix):
        return [x for row in parameter.tolist() for x in row]
    assert isinstance(parameter, Vector)
    return parameter.tolist()


def random_problem(activation: str, output: str, seed: int) -> Tuple[MLP, Matrix, Matrix]:
    """A small random MLP (1 to 3 hidden layers of 1 to 5 units, nonzero biases) and data,
    drawn again until it is clear of kinks and ``resolvable``."""
    rng = random.Random(f"{activation}/{output}/{seed}")
    while True:
        n = rng.randint(1, 4)
        o = rng.randint(2, 3) if output == "softmax" else rng.randint(1, 3)
        sizes = [n] + [rng.randint(1, 5) for _ in range(rng.randint(1, 3))] + [o]
        m = rng.randint(1, 6)
        net = MLP(sizes, activation=activation, output=output, seed=rng)
        # random biases: zero biases (the initial ones) would be a special case
        net = MLP.from_layers(
            [Layer(layer.W, Vector([rng.uniform(-0.5, 0.5) for _ in layer.b])) for layer in net.layers],
            activation, output,
        )
        X = Matrix([[rng.uniform(-2.0, 2.0) for _ in range(n)] for _ in range(m)])
        Y = targets(rng, m, o, output)
        if (activation not in KINKED or kink_margin(net, X) > 2.0) and resolvable(net, X, Y):
            return net, X, Y


def parameter_count(net: MLP) -> int:
    return sum(layer.W.shape[0] * layer.W.shape[1] + layer.b.shape[0] for layer in net.layers)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("activation,output", PAIRINGS)
def test_backprop_matches_finite_differences(activation: str, output: str, seed: int) -> None:
    net, X, Y = random_problem(activation, output, seed)
    result = gradient_check(net, X, Y)
    assert result.checked == parameter_count(net)
    assert result.worst_relative_error < WORST_ALLOWED, f"{net}: {result}"


def test_every_pairing_is_checked() -> None:
    assert len(PAIRINGS) == len(ACTIVATIONS) * len(HEADS) == 12


def test_problems_are_resolvable_by_finite_differences() -> None:
    for activation, output in PAIRINGS:
        for seed in SEEDS:
            assert resolvable(*random_problem(activation, output, seed)), (activation, output, seed)


def test_kinked_problems_are_clear_of_their_kinks() -> None:
    margins: List[float] = []
    for activation in KINKED:
        for output in HEADS:
            for seed in SEEDS:
                net, X, _ = random_problem(activation, output, seed)
                margins.append(kink_margin(net, X))
    assert min(margins) > 2.0


# ------------------------------------------------------- at the kink itself


def one_unit_at_its_kink(activation: str) -> MLP:
    """x → one hidden unit with z = 0·1 + 0 = 0 exactly → identity output; MSE against y = 1."""
    return MLP.from_layers(
        [Layer(Matrix([[1.0]]), Vector([0.0])), Layer(Matrix([[1.0]]), Vector([0.0]))],
        activation=activation, output="identity",
    )


@pytest.mark.parametrize("activation,slope", [("relu", 0.0), ("leaky_relu", 0.01)])
def test_backprop_at_a_kink_uses_the_slope_of_the_negative_side(activation: str, slope: float) -> None:
    net = one_unit_at_its_kink(activation)
    X, Y = Matrix([[0.0]]), Matrix([[1.0]])
    assert net.forward(X).zs[0] == Matrix([[0.0]])
    _, gradients = net.loss_and_gradients(X, Y)
    # ŷ = 0, ∂J/∂ŷ = 2·(0 − 1) = −2, ∂J/∂b1 = −2 · W2 · φ'(0)
    assert gradients["b1"] == Vector([-2.0 * slope])


@pytest.mark.parametrize("activation", KINKED)
def test_finite_differences_at_a_kink_average_the_two_sides(activation: str) -> None:
    # This is why the random problems stay away from kinks: at z = 0 the central
    # difference for b1 is the mean of the slopes on both sides, −(2 + 2·slope)/2,
    # while backprop gives the z < 0 side's, −2·slope. The check rightly reports it.
    net = one_unit_at_its_kink(activation)
    result = gradient_check(net, Matrix([[0.0]]), Matrix([[1.0]]))
    assert result.worst_parameter == "b1[0]"
    assert result.worst_relative_error > 0.5
