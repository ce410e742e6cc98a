"""NumPy reference for the article's two-layer network, equations (1) to (14).

Run by record.py (never by the test suite). Needs NumPy, never imports
purenn: the network below is written again from the equations in
docs/math.md, in NumPy, with the same conventions:

- row convention: X (m, n), one sample per row; b1 and b2 added to every row;
- σ(z) = 1 / (1 + e^(−z)), written e^z / (1 + e^z) for z < 0 (no overflow);
- binary cross-entropy averaged over all N = m·o entries, each logarithm
  clamped at −100 as PyTorch's binary_cross_entropy does;
- ∂J/∂z2 = (ŷ − y) / N (the σ' cancels), then equations (8) to (13);
- full-batch gradient descent, W ← W − α·∂J/∂W, b ← b − α·∂J/∂b.

One recorder, record_network -> network.json, with two problems:

(a) the diabetes table (16 x 4 -> 4 hidden -> 1), copied below as literal
    data; initial weights drawn uniformly from ±1/√fan_in with a fixed seed,
    zero biases; learning rate 1.0;
(b) a random problem, 40 x 5 -> 7 hidden -> 3 outputs, random X and random
    0/1 targets, biases drawn like the weights; learning rate 0.5.

For each: one forward and backward pass from the initial weights (z1, a1,
z2, ŷ, the loss and the four gradients), and training runs of 1, 10 and
1,500 epochs (the weights afterwards, and the loss of the first ten epochs,
every 100th and the last). Three more
single passes: saturated outputs (the −100 clamp), fractional targets, and a
single sample.

The file format
---------------
Like the core files (encoding.py), except that a case's arguments and
results are named, since a pass has many of each::

    {"id": "forward_backward/diabetes", "op": "forward_backward",
     "args": {"X": {"matrix": ...}, "Y": ..., "W1": ..., "b1": ..., "W2": ..., "b2": ...},
     "expected": {"z1": {"matrix": ..., "scale": ...}, ..., "loss": {"float": ..., "scale": ...}, ...}}

    {"id": "fit/diabetes_1500_epochs", "op": "fit",
     "args": {..., "learning_rate": 1.0, "epochs": 1500, "history_epochs": [0, 1, ..., 9, 100, ..., 1400, 1499]},
     "expected": {"W1": ..., "b1": ..., "W2": ..., "b2": ...,
                  "history": {"vector": [the loss of each epoch in history_epochs], "scale": [...]}}}

The scales
----------
A test compares |purenn − NumPy| <= tolerance · max(|expected|, scale).
For a value made in many steps, "the size of the terms" of encoding.py
generalises to a first-order bound on how far rounding can move it: every
quantity is carried as a ``Tracked`` (value, scale) pair, where each
operation adds its own rounding (the size of its terms) to the rounding
it inherits from its inputs, weighted by how sensitive it is to them (the
derivative). So the scale of a1 = σ(z1) is σ'(z1)·scale(z1) + |a1|, and
the scale of ln(1 − ŷ) grows as ŷ nears 1, where the subtraction cancels.
Any two correct implementations then agree to a few eps times the scale.

After training, the scale of a weight is the sum of the sizes of the terms
that built it: |initial value| + Σ over updates of |α·∂J/∂w|. The loss of
each epoch has the scale of a single pass at that epoch's weights.
"""

from typing import Callable, Dict, List, Mapping, Optional, Tuple, Union

import numpy as np
from numpy.typing import ArrayLike

from encoding import Json, Result, Section, floats

Array = np.ndarray

SEED_NETWORK = 20240620

LOG_FLOOR = -100.0
"""PyTorch clamps every logarithm of its cross-entropy losses at −100."""

KINK_MARGIN = 1e-8
"""A quantity closer than this (relative to its scale) to a kink or a clamp could land on
either side of it in another implementation; the recorder refuses such inputs."""

# The article's example in the form purenn ships it: all 16 combinations of
# four yes/no risk factors (high_glucose, overweight, family_history,
# physically_active) and the label
#     diabetes = (high_glucose AND overweight) OR (family_history AND NOT physically_active).
DIABETES_X = [
    [0, 0, 0, 0],
    [0, 0, 0, 1],
    [0, 0, 1, 0],
    [0, 0, 1, 1],
    [0, 1, 0, 0],
    [0, 1, 0, 1],
    [0, 1, 1, 0],
    [0, 1, 1, 1],
    [1, 0, 0, 0],
    [1, 0, 0, 1],
    [1, 0, 1, 0],
    [1, 0, 1, 1],
    [1, 1, 0, 0],
    [1, 1, 0, 1],
    [1, 1, 1, 0],
    [1, 1, 1, 1],
]
DIABETES_Y = [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1]
DIABETES_HIDDEN = 4


# ------------------------------------------------- values with error scales


class Tracked:
    """A float64 array and, entry by entry, a first-order bound on its rounding error.

    |computed − exact| <= (a small multiple of) eps · scale. Exact inputs have
    scale 0; each operation below adds the size of its own terms and passes on
    its inputs' scales times its sensitivity to them. Plain numbers and arrays
    mixed in are exact.
    """

    __slots__ = ("value", "scale")

    def __init__(self, value: ArrayLike, scale: Optional[ArrayLike] = None) -> None:
        self.value = np.asarray(value, dtype=np.float64)
        self.scale = np.zeros_like(self.value) if scale is None else np.asarray(scale, dtype=np.float64)
        if self.scale.shape != self.value.shape:
            raise ValueError(f"scale {self.scale.shape} and value {self.value.shape} differ in shape")

    @staticmethod
    def of(x: "Operand") -> "Tracked":
        return x if isinstance(x, Tracked) else Tracked(x)

    @property
    def T(self) -> "Tracked":
        return Tracked(self.value.T, self.scale.T)

    @property
    def shape(self) -> Tuple[int, ...]:
        return tuple(self.value.shape)

    def integral(self) -> bool:
        """Exact (scale 0) and made of whole numbers: arithmetic on such values can be exact."""
        return not np.any(self.scale) and bool(np.all(self.value == np.round(self.value)))

    @staticmethod
    def exact_or(value: Array, scale: Array, terms: Array, *operands: "Tracked") -> "Tracked":
        """Tracked(value, scale), except that whole numbers whose terms stay below 2^53 give
        an exact result in any order of operations (scale 0), as every implementation must."""
        if all(x.integral() for x in operands) and float(np.max(terms, initial=0.0)) < 2.0**53:
            return Tracked(value)
        return Tracked(value, scale)

    def __add__(self, other: "Operand") -> "Tracked":
        """x + y: rounding |x| + |y|, plus both inputs' scales."""
        y = Tracked.of(other)
        terms = np.abs(self.value) + np.abs(y.value)
        return Tracked.exact_or(self.value + y.value, self.scale + y.scale + terms, terms, self, y)

    def __radd__(self, other: "Operand") -> "Tracked":
        return Tracked.of(other) + self

    def __sub__(self, other: "Operand") -> "Tracked":
        y = Tracked.of(other)
        terms = np.abs(self.value) + np.abs(y.value)
        return Tracked.exact_or(self.value - y.value, self.scale + y.scale + terms, terms, self, y)

    def __rsub__(self, other: "Operand") -> "Tracked":
        return Tracked.of(other) - self

    def __neg__(self) -> "Tracked":
        return Tracked(-self.value, self.scale)

    def __mul__(self, other: "Operand") -> "Tracked":
        """x * y: |y|·scale(x) + |x|·scale(y) + |x·y|."""
        y = Tracked.of(other)
        value = self.value * y.value
        scale = np.abs(y.value) * self.scale + np.abs(self.value) * y.scale + np.abs(value)
        return Tracked.exact_or(value, scale, np.abs(value), self, y)

    def __rmul__(self, other: "Operand") -> "Tracked":
        return Tracked.of(other) * self

    def __truediv__(self, other: "Operand") -> "Tracked":
        """x / y: (scale(x) + |x/y|·scale(y)) / |y| + |x/y|."""
        y = Tracked.of(other)
        value = self.value / y.value
        size = np.abs(y.value)
        return Tracked(value, self.scale / size + np.abs(value) * y.scale / size + np.abs(value))

    def __matmul__(self, other: "Operand") -> "Tracked":
        """a @ b: each entry a sum of products, of size (|a| + scale(a)) @ (|b| + scale(b))."""
        y = Tracked.of(other)
        value = self.value @ y.value
        scale = (np.abs(self.value) + self.scale) @ (np.abs(y.value) + y.scale)
        return Tracked.exact_or(value, scale, scale, self, y)

    def sum(self, axis: int, keepdims: bool = False) -> "Tracked":
        """A sum of entries: the sum of their sizes and scales."""
        return Tracked(
            np.sum(self.value, axis=axis, keepdims=keepdims),
            np.sum(np.abs(self.value) + self.scale, axis=axis, keepdims=keepdims),
        )

    def total(self) -> "Tracked":
        """The sum of every entry, a 0-d value."""
        return Tracked(np.sum(self.value), np.sum(np.abs(self.value) + self.scale))

    def apply(self, value: Array, derivative: Array, rounds: ArrayLike = True) -> "Tracked":
        """f(x) for an elementwise f: |f'(x)|·scale(x), plus |f(x)| where f rounds. The caller
        computes f(x) and f'(x); ``rounds`` is False (or False entry by entry) where f(x) is exact."""
        return Tracked(value, np.abs(derivative) * self.scale + np.where(rounds, np.abs(value), 0.0))


Operand = Union[Tracked, Array, float]


def sigmoid(z: Tracked) -> Tracked:
    """σ(z) = 1 / (1 + e^(−z)) for z >= 0, e^z / (1 + e^z) for z < 0, so that e^(·) <= 1."""
    e = np.exp(-np.abs(z.value))
    value = np.where(z.value >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e))
    return z.apply(value, value * (1.0 - value))


def clamped_log(p: Tracked) -> Tracked:
    """max(ln p, −100), and −100 for p = 0: PyTorch's rule, which keeps a saturated output finite."""
    positive = p.value > 0.0
    with np.errstate(divide="ignore"):
        raw = np.log(np.where(positive, p.value, 1.0))
    clamped = ~positive | (raw < LOG_FLOOR)
    value = np.where(clamped, LOG_FLOOR, raw)
    # ln's sensitivity to p is 1/p; a clamped entry is the constant −100.
    sensitivity = np.where(clamped, 0.0, p.scale / np.where(positive, p.value, 1.0))
    scale = np.where(clamped, 0.0, sensitivity + np.abs(value))
    near = positive & (np.abs(raw - LOG_FLOOR) <= KINK_MARGIN * np.maximum(scale, 100.0))
    if np.any(near):
        raise ValueError(f"a logarithm lies within rounding of the −100 clamp: {raw[near]}")
    return Tracked(value, scale)


def check_clear_of_kink(z: Tracked, what: str) -> None:
    """Refuse a z that rounding could put on the other side of 0 (ReLU's kink).

    A z whose scale is 0 was computed exactly (every term an exact 0) and is safe.
    """
    close = (z.scale > 0.0) & (np.abs(z.value) <= KINK_MARGIN * z.scale)
    if np.any(close):
        raise ValueError(f"{what}: {np.count_nonzero(close)} entries within rounding of the kink at 0")


# ------------------------------------------------ the network, eq. (1)-(14)


def forward(X: Tracked, W1: Tracked, b1: Tracked, W2: Tracked, b2: Tracked) -> Dict[str, Tracked]:
    """Equations (1) to (4)."""
    z1 = X @ W1 + b1  # (1)  (m, h), b1 broadcast over the rows
    a1 = sigmoid(z1)  # (2)  (m, h)
    z2 = a1 @ W2 + b2  # (3)  (m, o)
    output = sigmoid(z2)  # (4)  (m, o)
    return {"z1": z1, "a1": a1, "z2": z2, "output": output}


def bce(output: Tracked, Y: Array) -> Tracked:
    """Equation (5): J = −(1/N) Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)], N = m·o, logs clamped at −100."""
    terms = clamped_log(output) * Y + clamped_log(1.0 - output) * (1.0 - Y)  # (m, o)
    return -terms.total() / float(Y.size)


def backward(X: Tracked, Y: Array, W2: Tracked, passed: Mapping[str, Tracked]) -> Dict[str, Tracked]:
    """Equations (7) to (13); (6) times σ'(z2) is (7), with ŷ·(1 − ŷ) cancelled."""
    N = float(Y.size)
    a1 = passed["a1"]
    dz2 = (passed["output"] - Y) / N  # (7)  (m, o)
    dW2 = a1.T @ dz2  # (8)  (h, o)
    db2 = dz2.sum(axis=0)  # (9)  (o,)
    da1 = dz2 @ W2.T  # (10) (m, h)
    dz1 = da1 * (a1 * (1.0 - a1))  # (11) (m, h)
    dW1 = X.T @ dz1  # (12) (n, h)
    db1 = dz1.sum(axis=0)  # (13) (h,)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


PARAMETERS = ("W1", "b1", "W2", "b2")


def loss_and_gradients(
    X: Array, Y: Array, weights: Mapping[str, Array]
) -> Tuple[Dict[str, Tracked], Tracked, Dict[str, Tracked]]:
    """One full pass from exact inputs: the forward values, J and the gradients."""
    tracked = {name: Tracked(weights[name]) for name in PARAMETERS}
    inputs = Tracked(X)
    passed = forward(inputs, tracked["W1"], tracked["b1"], tracked["W2"], tracked["b2"])
    loss = bce(passed["output"], Y)
    return passed, loss, backward(inputs, Y, tracked["W2"], passed)


def result(x: Tracked) -> Result:
    return floats(x.value, x.scale)


def forward_backward(X: Array, Y: Array, W1: Array, b1: Array, W2: Array, b2: Array) -> Dict[str, Json]:
    """Every quantity of one pass: z1, a1, z2, output, the loss and the four gradients."""
    passed, loss, gradients = loss_and_gradients(X, Y, {"W1": W1, "b1": b1, "W2": W2, "b2": b2})
    expected: Dict[str, Json] = {name: result(value) for name, value in passed.items()}
    expected["loss"] = result(loss)
    expected.update({name: result(value) for name, value in gradients.items()})
    return expected


def fit(
    X: Array,
    Y: Array,
    W1: Array,
    b1: Array,
    W2: Array,
    b2: Array,
    learning_rate: float,
    epochs: int,
    history_epochs: List[int],
) -> Dict[str, Json]:
    """``epochs`` rounds of full-batch gradient descent, equation (14); the weights after
    the last, and the loss (measured before its update) of each epoch in ``history_epochs``."""
    weights = {"W1": W1.copy(), "b1": b1.copy(), "W2": W2.copy(), "b2": b2.copy()}
    travelled = {name: np.abs(value) for name, value in weights.items()}
    losses: List[float] = []
    loss_scales: List[float] = []
    for _ in range(epochs):
        _, loss, gradients = loss_and_gradients(X, Y, weights)
        losses.append(float(loss.value))
        loss_scales.append(float(loss.scale))
        for name in PARAMETERS:
            step = learning_rate * gradients["d" + name].value
            weights[name] = weights[name] - step  # (14)
            travelled[name] += np.abs(step)
    expected: Dict[str, Json] = {name: floats(weights[name], travelled[name]) for name in PARAMETERS}
    expected["history"] = floats(np.array(losses)[history_epochs], np.array(loss_scales)[history_epochs])
    return expected


def sampled_epochs(epochs: int) -> List[int]:
    """The epochs whose loss a training case stores: the first ten, every 100th, and the last.

    A wrong update changes the weights, and so every later loss; the samples
    and the final weights catch it without storing all 1,500 losses.
    """
    return sorted(set(range(min(epochs, 10))) | set(range(0, epochs, 100)) | {epochs - 1})


REFERENCE: Dict[str, Callable[..., Dict[str, Json]]] = {
    "forward_backward": forward_backward,
    "fit": fit,
}


# ------------------------------------------------------------ named cases


def argument(value: object) -> Json:
    """An input as JSON: {"vector": ...} / {"matrix": ...} for arrays, else plain JSON."""
    if isinstance(value, np.ndarray):
        if value.dtype != np.float64 or not np.all(np.isfinite(value)) or value.ndim not in (1, 2):
            raise ValueError(f"array arguments are finite float64 vectors or matrices, got {value!r}")
        return {"vector" if value.ndim == 1 else "matrix": value.tolist()}
    if isinstance(value, np.generic):
        raise TypeError(f"pass Python numbers, not {type(value).__name__}: {value!r}")
    if isinstance(value, (list, tuple)):
        return [argument(v) for v in value]
    if isinstance(value, dict):
        return {str(k): argument(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot write {value!r} as a golden argument")


class NamedSection(Section):
    """The cases of one golden file whose arguments and results are named.

    ``reference[op](**args)`` returns a dict of results (built with
    encoding.floats); the case stores {"args": {name: input}, "expected": {name: result}}.
    """

    def named_case(self, op: str, label: str, **args: object) -> None:
        case_id = f"{op}/{label}"
        if case_id in self._ids:
            raise ValueError(f"duplicate golden case id {case_id!r}")
        if " " in case_id:
            raise ValueError(f"golden case ids have no spaces (pytest -k), got {case_id!r}")
        self._ids[case_id] = len(self.cases)
        copies = {name: a.copy() if isinstance(a, np.ndarray) else a for name, a in args.items()}
        expected = self.reference[op](**copies)
        self.cases.append({"id": case_id, "op": op, "args": argument(args), "expected": expected})


# ------------------------------------------------------------------- cases


def initial_weights(rng: np.random.Generator, n: int, h: int, o: int, biases: bool) -> Dict[str, Array]:
    """Uniform ±1/√fan_in weights (PyTorch's default for a linear layer); biases likewise or zero."""
    limit1, limit2 = 1.0 / np.sqrt(n), 1.0 / np.sqrt(h)
    W1 = rng.uniform(-limit1, limit1, (n, h))
    W2 = rng.uniform(-limit2, limit2, (h, o))
    b1 = rng.uniform(-limit1, limit1, h) if biases else np.zeros(h)
    b2 = rng.uniform(-limit2, limit2, o) if biases else np.zeros(o)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def record_network() -> Tuple[str, Mapping[str, object]]:
    s = NamedSection("network", SEED_NETWORK, REFERENCE)
    rng = s.rng

    # (a) the diabetes table, learning rate 1.0
    X = np.array(DIABETES_X, dtype=np.float64)
    Y = np.array(DIABETES_Y, dtype=np.float64).reshape(-1, 1)
    weights = initial_weights(rng, 4, DIABETES_HIDDEN, 1, biases=False)
    s.named_case("forward_backward", "diabetes", X=X, Y=Y, **weights)
    for epochs in (1, 10, 1500):
        s.named_case(
            "fit", f"diabetes_{epochs}_epochs", X=X, Y=Y, **weights, learning_rate=1.0, epochs=epochs,
            history_epochs=sampled_epochs(epochs),
        )

    # (b) a random 40 x 5 -> 7 -> 3 problem with 0/1 targets, learning rate 0.5
    X = rng.standard_normal((40, 5))
    Y = rng.integers(0, 2, (40, 3)).astype(np.float64)
    weights = initial_weights(rng, 5, 7, 3, biases=True)
    s.named_case("forward_backward", "random_40x5_7_3", X=X, Y=Y, **weights)
    for epochs in (1, 10, 1500):
        s.named_case(
            "fit", f"random_40x5_7_3_{epochs}_epochs", X=X, Y=Y, **weights, learning_rate=0.5, epochs=epochs,
            history_epochs=sampled_epochs(epochs),
        )

    # saturated outputs: z2 of size ~1000 makes ŷ exactly 0 or 1, so some logs are clamped at −100
    X = rng.standard_normal((6, 3))
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    weights = initial_weights(rng, 3, 4, 2, biases=True)
    weights["W2"] = weights["W2"] * 2000.0
    s.named_case("forward_backward", "saturated_6x3_4_2", X=X, Y=Y, **weights)

    # fractional targets (binary cross-entropy takes any y in [0, 1]) and a single sample
    X = rng.standard_normal((9, 4))
    Y = rng.uniform(0.0, 1.0, (9, 2))
    s.named_case("forward_backward", "soft_targets_9x4_5_2", X=X, Y=Y, **initial_weights(rng, 4, 5, 2, biases=True))
    X = rng.standard_normal((1, 3))
    Y = np.array([[1.0]])
    s.named_case("forward_backward", "one_sample_1x3_2_1", X=X, Y=Y, **initial_weights(rng, 3, 2, 1, biases=True))
    return s.document()
