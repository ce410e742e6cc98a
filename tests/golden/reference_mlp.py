"""NumPy reference for purenn's MLP and its training loop (mlp.py, training.py, schedules.py).

Run by record.py (never by the test suite). Needs NumPy, never imports
purenn. The definitions, written again here from their statements:

- layer l: z = a_previous · W + b (b added to every row), a = φ(z) for a
  hidden layer, the output function for the last; a_0 = X;
- φ: sigmoid; tanh; relu = max(0, z) with derivative 1 for z > 0 and 0 for
  z <= 0 (0 at the kink itself); leaky_relu = z for z > 0, else 0.01·z,
  derivative 1 for z > 0, else 0.01;
- output/loss pairings, each with ∂J/∂z of the last layer:
    sigmoid + binary cross-entropy, mean over all m·o entries,   (ŷ − y) / (m·o)
    softmax (row maximum subtracted first) + categorical
      cross-entropy −(1/m) Σ y·ln ŷ, mean over the m rows,        (ŷ − y) / m
    identity + mean squared error, mean over all m·o entries,    2·(ŷ − y) / (m·o)
  every logarithm clamped at −100 (PyTorch's rule);
- backward: ∂J/∂W = a_previousᵀ · δ, ∂J/∂b = Σ over rows of δ,
  δ_previous = (δ · Wᵀ) ⊙ φ'(z_previous);
- training: every epoch the rows are cut into mini-batches (below), and each
  batch makes one update with learning rate α(t), t counting updates from 0;
  with momentum μ (PyTorch's form) each parameter keeps a velocity,
  v ← μ·v + ∂J/∂p (the first v is the gradient), p ← p − α·v; the loss of an
  epoch is the mean of its batches' losses weighted by their sizes, each
  measured before its batch's update;
- schedules: StepDecay α(t) = initial·factor^⌊t / every⌋; Smith's Cyclical with
  s = half_cycle: cycle = ⌊1 + t/(2s)⌋, x = |t/s − 2·cycle + 1|,
  α = base + (peak − base)·max(0, 1 − x)·scale, scale = 1 (triangular),
  1/2^(cycle−1) (triangular2) or gamma^t (exp_range).

The shuffle order. purenn shuffles with ``random.Random(seed)``, one generator
for the whole run: each epoch it shuffles list(range(m)) in place with
``rng.shuffle`` and cuts the result into batches in order, the last one
smaller. Without a batch size there is one batch of all rows, in order, and
nothing is shuffled; a batch size of m or more gives one shuffled batch.
``batch_order`` below does the same with Python's own random module and the
recorder stores the index lists in each case (args "batch_order"), so the
test can check that purenn's order is this one.

One recorder, record_mlp -> mlp.json (the format of network.json; see
reference_network.py, which also defines ``Tracked``, the values with error
scales that every expected value here is computed with):

- "forward_backward": every z and a, the loss and every gradient, for each
  hidden activation with each output/loss pairing on sizes [4, 6, 5, 3], then
  deeper and shallower nets, a single sample, saturated outputs (clamped
  logarithms), large softmax scores, regression, and ReLU units sitting
  exactly on the kink (whole-number inputs, so that z = 0 exactly);
- "train": the weights, the loss of every epoch and the learning rate of
  every update after a few epochs: mini-batches, one shuffled full batch,
  full batch, momentum 0.9, step decay, and the three cyclical modes.

ReLU nets are drawn again until no hidden z lies within rounding of the
kink (at every update of a training run too), or else the case is exact.
"""

import math
import random
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from encoding import Json, floats
from reference_network import NamedSection, Tracked, check_clear_of_kink, clamped_log, result, sigmoid

Array = np.ndarray
Weights = Dict[str, Array]

SEED_MLP = 20240621

LEAKY_SLOPE = 0.01
ACTIVATION_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")
OUTPUT_NAMES = ("sigmoid", "softmax", "identity")
KINKED = ("relu", "leaky_relu")


# ------------------------------------------------------------ activations


def activate(z: Tracked, name: str) -> Tracked:
    """φ(z) for a hidden layer."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        value = np.tanh(z.value)
        return z.apply(value, 1.0 - value * value)
    positive = z.value > 0.0
    if name == "relu":
        return z.apply(np.where(positive, z.value, 0.0), np.where(positive, 1.0, 0.0), rounds=False)
    if name == "leaky_relu":
        value = np.where(positive, z.value, LEAKY_SLOPE * z.value)
        return z.apply(value, np.where(positive, 1.0, LEAKY_SLOPE), rounds=~positive)
    raise ValueError(f"unknown activation {name!r}")


def derivative(z: Tracked, a: Tracked, name: str) -> Tracked:
    """φ'(z), from z (the kinked functions: their derivative at z = 0 is that of z < 0)."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    positive = z.value > 0.0
    if name == "relu":
        return Tracked(np.where(positive, 1.0, 0.0))
    if name == "leaky_relu":
        return Tracked(np.where(positive, 1.0, LEAKY_SLOPE))
    raise ValueError(f"unknown activation {name!r}")


# ------------------------------------------------ output/loss pairings


def softmax(z: Tracked) -> Tracked:
    """Each row's e^(z − max z) over their sum."""
    top = np.argmax(z.value, axis=1)[:, None]
    shifted = z - Tracked(np.take_along_axis(z.value, top, axis=1), np.take_along_axis(z.scale, top, axis=1))
    exps = np.exp(shifted.value)
    e = shifted.apply(exps, exps)
    return e / e.sum(axis=1, keepdims=True)


def output_function(z: Tracked, output: str) -> Tracked:
    if output == "sigmoid":
        return sigmoid(z)
    if output == "softmax":
        return softmax(z)
    if output == "identity":
        return z
    raise ValueError(f"unknown output {output!r}")


def loss(out: Tracked, Y: Array, output: str) -> Tracked:
    m, o = Y.shape
    if output == "sigmoid":  # binary cross-entropy, mean over the m·o entries
        terms = clamped_log(out) * Y + clamped_log(1.0 - out) * (1.0 - Y)
        return -terms.total() / float(m * o)
    if output == "softmax":  # categorical cross-entropy, mean over the m rows
        return -(clamped_log(out) * Y).total() / float(m)
    if output == "identity":  # mean squared error, mean over the m·o entries
        difference = out - Y
        return (difference * difference).total() / float(m * o)
    raise ValueError(f"unknown output {output!r}")


def last_delta(out: Tracked, Y: Array, output: str) -> Tracked:
    """∂J/∂z of the last layer, where the output function's derivative has cancelled."""
    m, o = Y.shape
    if output == "sigmoid":
        return (out - Y) / float(m * o)
    if output == "softmax":
        return (out - Y) / float(m)
    if output == "identity":
        return (out - Y) * float(2.0 / (m * o))
    raise ValueError(f"unknown output {output!r}")


# ---------------------------------------------------------------- the MLP


def depth(weights: Mapping[str, Array]) -> int:
    count = len(weights) // 2
    if sorted(weights) != sorted([f"W{i}" for i in range(1, count + 1)] + [f"b{i}" for i in range(1, count + 1)]):
        raise ValueError(f"expected W1, b1, ..., got {sorted(weights)}")
    return count


def passes(
    X: Array, Y: Array, weights: Mapping[str, Array], activation: str, output: str
) -> Tuple[List[Tracked], List[Tracked], Tracked, Dict[str, Tracked]]:
    """One forward and backward pass: the zs, the as, J, and every gradient by name.

    Refuses (ValueError) a hidden z of a ReLU net that rounding could put on the
    other side of the kink.
    """
    L = depth(weights)
    W = [Tracked(weights[f"W{i}"]) for i in range(1, L + 1)]
    b = [Tracked(weights[f"b{i}"]) for i in range(1, L + 1)]
    zs: List[Tracked] = []
    activations: List[Tracked] = []
    a = Tracked(X)  # (m, n)
    for l in range(L):
        z = a @ W[l] + b[l]  # (m, n_l)
        last = l == L - 1
        if activation in KINKED and not last:
            check_clear_of_kink(z, f"z{l + 1}")
        a = output_function(z, output) if last else activate(z, activation)
        zs.append(z)
        activations.append(a)
    J = loss(activations[-1], Y, output)
    gradients: Dict[str, Tracked] = {}
    delta = last_delta(activations[-1], Y, output)  # (m, o)
    for l in reversed(range(L)):
        a_previous = Tracked(X) if l == 0 else activations[l - 1]
        gradients[f"W{l + 1}"] = a_previous.T @ delta  # (n_in, n_out)
        gradients[f"b{l + 1}"] = delta.sum(axis=0)  # (n_out,)
        if l > 0:
            delta = (delta @ W[l].T) * derivative(zs[l - 1], activations[l - 1], activation)
    return zs, activations, J, gradients


def forward_backward(X: Array, Y: Array, activation: str, output: str, **weights: Array) -> Dict[str, Json]:
    zs, activations, J, gradients = passes(X, Y, weights, activation, output)
    expected: Dict[str, Json] = {}
    for l, (z, a) in enumerate(zip(zs, activations), start=1):
        expected[f"z{l}"] = result(z)
        expected[f"a{l}"] = result(a)
    expected["loss"] = result(J)
    for name, gradient in gradients.items():
        expected["d" + name] = result(gradient)
    return expected


# --------------------------------------------------------------- training


def batch_order(m: int, batch_size: Optional[int], seed: int, epochs: int) -> List[List[List[int]]]:
    """The row indices of every batch of every epoch, as purenn's training draws them."""
    rng = random.Random(seed)
    order: List[List[List[int]]] = []
    for _ in range(epochs):
        rows = list(range(m))
        if batch_size is None:
            order.append([rows])
            continue
        rng.shuffle(rows)
        order.append([rows[start:start + batch_size] for start in range(0, m, batch_size)])
    return order


def rate(schedule: Mapping[str, Any], t: int) -> Tuple[float, float]:
    """The learning rate of update t, and the size of its terms (its scale)."""
    kind = schedule["kind"]
    if kind == "constant":
        return float(schedule["rate"]), 0.0
    if kind == "step_decay":
        decayed = np.float64(schedule["initial"]) * np.float64(schedule["factor"]) ** (t // schedule["every"])
        return float(decayed), 0.0
    if kind == "cyclical":
        base, peak, s = np.float64(schedule["base"]), np.float64(schedule["peak"]), schedule["half_cycle"]
        cycle = np.floor(1.0 + t / (2.0 * s))
        x = np.abs(t / s - 2.0 * cycle + 1.0)
        mode = schedule["mode"]
        if mode == "triangular":
            scale = np.float64(1.0)
        elif mode == "triangular2":
            scale = 1.0 / 2.0 ** (cycle - 1.0)
        elif mode == "exp_range":
            scale = np.float64(schedule["gamma"]) ** t
        else:
            raise ValueError(f"unknown mode {mode!r}")
        value = base + (peak - base) * max(0.0, 1.0 - x) * scale
        # 1 − x cancels: t/s is rounded, so its error is eps·t/s, times (peak − base)·scale
        return float(value), float(base + (peak - base) * scale * (t / s + 1.0))
    raise ValueError(f"unknown schedule {kind!r}")


def train(
    X: Array,
    Y: Array,
    activation: str,
    output: str,
    epochs: int,
    batch_size: Optional[int],
    momentum: float,
    seed: int,
    schedule: Mapping[str, Any],
    batch_order: Sequence[Sequence[Sequence[int]]],
    **weights: Array,
) -> Dict[str, Json]:
    """Train from the given weights; the weights after, every epoch's loss, every update's rate."""
    del seed, batch_size  # the recorded batch_order says everything they decide
    m = X.shape[0]
    parameters = {name: value.copy() for name, value in weights.items()}
    travelled = {name: np.abs(value) for name, value in weights.items()}
    velocity: Dict[str, Array] = {}
    losses, loss_scales, rates, rate_scales = [], [], [], []
    t = 0
    if len(batch_order) != epochs:
        raise ValueError(f"batch_order has {len(batch_order)} epochs, expected {epochs}")
    for epoch in batch_order:
        if sorted(i for rows in epoch for i in rows) != list(range(m)):
            raise ValueError("each epoch's batches must hold every row once")
        weighted, weighted_scales = [], []
        for rows in epoch:
            _, _, J, gradients = passes(X[list(rows)], Y[list(rows)], parameters, activation, output)
            alpha, alpha_scale = rate(schedule, t)
            for name in parameters:
                direction = gradients[name].value
                if momentum > 0.0:
                    if name in velocity:
                        direction = momentum * velocity[name] + direction  # v ← μ·v + g
                    velocity[name] = direction
                step = alpha * direction
                parameters[name] = parameters[name] - step  # p ← p − α·v
                travelled[name] = travelled[name] + np.abs(step)
            weighted.append(float(J.value) * len(rows))
            weighted_scales.append(float(J.scale) * len(rows))
            rates.append(alpha)
            rate_scales.append(alpha_scale)
            t += 1
        losses.append(math.fsum(weighted) / m)
        loss_scales.append((math.fsum(weighted_scales) + math.fsum(abs(w) for w in weighted)) / m)
    expected: Dict[str, Json] = {name: floats(parameters[name], travelled[name]) for name in sorted(parameters)}
    expected["loss"] = floats(np.array(losses), np.array(loss_scales))
    expected["learning_rates"] = floats(np.array(rates), np.array(rate_scales))
    return expected


REFERENCE: Dict[str, Callable[..., Dict[str, Json]]] = {
    "forward_backward": forward_backward,
    "train": train,
}


# ------------------------------------------------------------------- cases


def draw_weights(rng: np.random.Generator, sizes: Sequence[int], activation: str, bias: float = 0.5) -> Weights:
    """He (normal, std √(2/n_in)) for ReLU hidden layers, Xavier (uniform ±√(6/(n_in+n_out)))
    otherwise and for the output layer; biases uniform ±``bias``."""
    weights: Weights = {}
    for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        if activation in KINKED and l < len(sizes) - 1:
            weights[f"W{l}"] = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            weights[f"W{l}"] = rng.uniform(-limit, limit, (n_in, n_out))
        weights[f"b{l}"] = rng.uniform(-bias, bias, n_out)
    return weights


def draw_targets(rng: np.random.Generator, m: int, o: int, output: str) -> Array:
    if output == "sigmoid":
        return rng.integers(0, 2, (m, o)).astype(np.float64)
    if output == "softmax":
        return np.eye(o)[rng.integers(0, o, m)]
    return rng.standard_normal((m, o))


def clear_of_kinks(X: Array, Y: Array, weights: Weights, activation: str, output: str) -> bool:
    try:
        passes(X, Y, weights, activation, output)
    except ValueError:
        return False
    return True


def single_pass(
    s: NamedSection, label: str, sizes: Sequence[int], m: int, activation: str, output: str, last_scale: float = 1.0
) -> None:
    """A forward/backward case on fresh random data, drawn again while a ReLU z sits on its kink."""
    while True:
        X = s.rng.standard_normal((m, sizes[0]))
        Y = draw_targets(s.rng, m, sizes[-1], output)
        weights = draw_weights(s.rng, sizes, activation)
        L = len(sizes) - 1
        weights[f"W{L}"] = weights[f"W{L}"] * last_scale
        if clear_of_kinks(X, Y, weights, activation, output):
            break
    s.named_case("forward_backward", label, X=X, Y=Y, activation=activation, output=output, **weights)


def training_run(
    s: NamedSection,
    label: str,
    sizes: Sequence[int],
    m: int,
    activation: str,
    output: str,
    epochs: int,
    batch_size: Optional[int],
    schedule: Dict[str, Json],
    momentum: float = 0.0,
    seed: int = 0,
) -> None:
    """A training case from fresh random data and weights, with the shuffle order recorded."""
    X = s.rng.standard_normal((m, sizes[0]))
    Y = draw_targets(s.rng, m, sizes[-1], output)
    weights = draw_weights(s.rng, sizes, activation, bias=0.1)
    s.named_case(
        "train",
        label,
        X=X,
        Y=Y,
        activation=activation,
        output=output,
        epochs=epochs,
        batch_size=batch_size,
        momentum=momentum,
        seed=seed,
        schedule=schedule,
        batch_order=batch_order(m, batch_size, seed, epochs),
        **weights,
    )


def constant(rate: float) -> Dict[str, Json]:
    return {"kind": "constant", "rate": rate}


def record_mlp() -> Tuple[str, Mapping[str, object]]:
    s = NamedSection("mlp", SEED_MLP, REFERENCE)

    # every hidden activation with every output/loss pairing, on sizes [4, 6, 5, 3]
    for activation in ACTIVATION_NAMES:
        for output in OUTPUT_NAMES:
            single_pass(s, f"{activation}_{output}_4-6-5-3", [4, 6, 5, 3], 8, activation, output)

    # deeper, shallower (no hidden layer), one sample, regression with one output
    for activation, output in zip(ACTIVATION_NAMES, ("softmax", "sigmoid", "identity", "softmax")):
        single_pass(s, f"{activation}_{output}_5-4-4-4-4-2", [5, 4, 4, 4, 4, 2], 7, activation, output)
    for output in OUTPUT_NAMES:
        single_pass(s, f"no_hidden_{output}_4-3", [4, 3], 6, "tanh", output)
    single_pass(s, "relu_softmax_one_sample_3-5-4", [3, 5, 4], 1, "relu", "softmax")
    single_pass(s, "tanh_identity_regression_2-8-1", [2, 8, 1], 12, "tanh", "identity")

    # saturated sigmoid outputs (logs clamped at −100) and softmax scores of size ~1000
    single_pass(s, "tanh_sigmoid_saturated_3-4-2", [3, 4, 2], 6, "tanh", "sigmoid", last_scale=2000.0)
    single_pass(s, "tanh_softmax_large_scores_3-4-3", [3, 4, 3], 6, "tanh", "softmax", last_scale=2000.0)

    # ReLU exactly at its kink: whole-number inputs, weights and biases make z = 0 exactly
    X = np.array([[1.0, -1.0, 2.0], [0.0, 1.0, -1.0], [2.0, 2.0, 1.0], [1.0, 1.0, 0.0], [-1.0, 0.0, 1.0]])
    W1 = np.array([[1.0, -1.0, 1.0, 0.0], [1.0, 1.0, -2.0, 1.0], [0.0, 1.0, 1.0, 1.0]])
    b1 = np.array([0.0, 0.0, 1.0, 0.0])
    W2 = np.array([[0.5, -0.25, 0.75], [-1.0, 0.5, 0.25], [0.25, 1.0, -0.5], [0.75, -0.5, 1.0]])
    b2 = np.array([0.1, -0.2, 0.3])
    one_hot = np.eye(3)[[0, 2, 1, 1, 0]]
    numbers = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [0.0, 1.5, 1.0], [-2.0, 0.5, 0.0], [1.0, 1.0, 1.0]])
    for activation in KINKED:
        for output, Y in (("softmax", one_hot), ("identity", numbers)):
            s.named_case(
                "forward_backward", f"{activation}_{output}_exact_kinks_3-4-3",
                X=X, Y=Y, activation=activation, output=output, W1=W1, b1=b1, W2=W2, b2=b2,
            )

    # training runs on 23 samples, [4, 6, 5, 3] unless said otherwise.
    # Mini-batches of 5 or 4 (the last one smaller), one shuffled batch, the full batch:
    net = [4, 6, 5, 3]
    training_run(s, "minibatch_tanh_softmax", net, 23, "tanh", "softmax", 6, 5, constant(0.3), seed=3)
    training_run(s, "minibatch_relu_sigmoid", net, 23, "relu", "sigmoid", 6, 4, constant(0.5), seed=4)
    training_run(s, "minibatch_leaky_relu_identity", net, 23, "leaky_relu", "identity", 6, 5, constant(0.05), seed=5)
    training_run(s, "one_shuffled_batch_sigmoid_identity", [3, 5, 2], 10, "sigmoid", "identity", 4, 10, constant(0.2), seed=6)
    training_run(s, "full_batch_sigmoid_sigmoid", net, 23, "sigmoid", "sigmoid", 10, None, constant(1.0))
    # momentum 0.9 (PyTorch's form)
    training_run(s, "momentum_full_batch_tanh_identity", net, 23, "tanh", "identity", 15, None, constant(0.02), momentum=0.9)
    training_run(
        s, "momentum_minibatch_sigmoid_softmax", net, 23, "sigmoid", "softmax", 6, 6, constant(0.1), momentum=0.9, seed=7
    )
    # schedules: step decay and Smith's three cyclical modes
    decay: Dict[str, Json] = {"kind": "step_decay", "initial": 0.5, "factor": 0.5, "every": 7}
    training_run(s, "step_decay_relu_softmax", net, 23, "relu", "softmax", 6, 5, decay, seed=8)
    for mode, gamma in (("triangular", 1.0), ("triangular2", 1.0), ("exp_range", 0.97)):
        cyclical: Dict[str, Json] = {
            "kind": "cyclical", "base": 0.05, "peak": 0.6, "half_cycle": 4, "mode": mode, "gamma": gamma,
        }
        training_run(s, f"cyclical_{mode}_tanh_softmax", net, 23, "tanh", "softmax", 6, 4, cyclical, seed=9)
    cyclical = {"kind": "cyclical", "base": 0.01, "peak": 0.2, "half_cycle": 5, "mode": "triangular", "gamma": 1.0}
    training_run(
        s, "cyclical_triangular_momentum_leaky_relu_sigmoid", net, 23, "leaky_relu", "sigmoid", 6, 4, cyclical,
        momentum=0.9, seed=10,
    )
    return s.document()
