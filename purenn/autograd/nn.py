"""A neuron, a layer and a multi-layer perceptron made of Values, and the losses to train them.

A neuron computes z = w·x + b, one multiplication and one addition per
input, each a node of the computation graph, and then its activation. A
layer is a list of neurons that read the same inputs; an MLP is a list of
layers, each reading the outputs of the one before. Nothing here knows a
derivative: ``loss.backward()`` finds them all.

``MLP([4, 4, 1], activation="sigmoid", seed=0)`` is the article's network
with the very weights of ``TwoLayerNetwork(4, 4, 1, seed=0)``: both draw
them with ``Matrix.uniform`` from the same generator, layer by layer.
Weights are stored as in the article, W (n_in, n_out): neuron j of a layer
holds column j.

>>> model = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
>>> model
MLP([2, 3, 1], activation='tanh', output='sigmoid'): 13 parameters
>>> X, Y = [[0.0, 1.0], [1.0, 0.0]], [[1.0], [0.0]]
>>> loss = binary_cross_entropy([model(x) for x in X], Y)
>>> model.zero_grad()
>>> loss.backward()
>>> dW, db = model.gradients()[0]
>>> dW.shape, db.shape
((2, 3), (3,))
"""

import random
from typing import Callable, Dict, List, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError
from purenn.checks import as_rng, check_count, is_number
from purenn.text import type_with_article
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.autograd.value import Value

__all__ = ["ACTIVATIONS", "Layer", "MLP", "Neuron", "binary_cross_entropy", "mean_squared_error"]

Input = Union[Value, float]


def _linear(z: Value) -> Value:
    return z


ACTIVATIONS: Dict[str, Callable[[Value], Value]] = {
    "tanh": Value.tanh,
    "sigmoid": Value.sigmoid,
    "relu": Value.relu,
    "softplus": Value.softplus,
    "linear": _linear,
}
"""The activations a neuron may apply to its z, by name."""


def _check_activation(name: str, what: str) -> Callable[[Value], Value]:
    if name not in ACTIVATIONS:
        raise PurennError(f"unknown {what} {name!r}; choose one of {', '.join(sorted(ACTIVATIONS))}")
    return ACTIVATIONS[name]


class Neuron:
    """``Neuron(w, b, activation)``: φ(w·x + b) for weights ``w`` and bias ``b``, all Values.

    >>> n = Neuron([Value(2.0), Value(-1.0)], Value(0.5), "linear")
    >>> n([1.0, 3.0])
    Value(data=-0.5, grad=0.0)
    """

    __slots__ = ("w", "b", "activation", "_phi")

    def __init__(self, w: Sequence[Value], b: Value, activation: str = "tanh") -> None:
        if not w or not all(isinstance(v, Value) for v in list(w) + [b]):
            raise TypeError("a Neuron's weights and bias must be Values, and it needs at least one weight")
        self.w, self.b, self.activation = list(w), b, activation
        self._phi = _check_activation(activation, "activation")

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)} inputs, {self.activation})"

    def __call__(self, x: Sequence[Input]) -> Value:
        """φ(w·x + b)"""
        if len(x) != len(self.w):
            raise ShapeError(f"this neuron has {len(self.w)} weights but was given {len(x)} inputs")
        w = self.w
        # z = w₀x₀ + w₁x₁ + ... + b: each product and each sum a node of the graph
        z = w[0] * x[0]
        for i in range(1, len(w)):
            z = z + w[i] * x[i]
        return self._phi(z + self.b)

    def parameters(self) -> List[Value]:
        """The weights, then the bias."""
        return self.w + [self.b]


class Layer:
    """``Layer(W, b, activation, name)``: one neuron per column of W (n_in, n_out), reading the same inputs.

    The parameters are labelled as the entries of W and b they came from,
    ``W1[0,2]`` and ``b1[2]`` for a layer named "1", so that a figure or a
    listing of the graph says which weight each leaf is.

    >>> layer = Layer(Matrix([[1.0, -1.0]]), Vector([0.0, 0.0]), "relu")
    >>> [v.data for v in layer([2.0])]
    [2.0, 0.0]
    """

    __slots__ = ("neurons",)

    def __init__(self, W: Matrix, b: Vector, activation: str = "tanh", name: str = "") -> None:
        if not isinstance(W, Matrix) or not isinstance(b, Vector):
            raise TypeError(f"a Layer takes a Matrix W and a Vector b, got {type_with_article(W)} and "
                            f"{type_with_article(b)}")
        n_in, n_out = W.shape
        if b.shape != (n_out,):
            raise ShapeError(f"b has shape {b.shape} but W is {W.shape}: b needs one entry per column of W ({n_out})")
        self.neurons = [
            Neuron([Value(W[i, j], label=f"W{name}[{i},{j}]") for i in range(n_in)], Value(b[j], label=f"b{name}[{j}]"),
                   activation)
            for j in range(n_out)
        ]

    def __repr__(self) -> str:
        return f"Layer({len(self.neurons[0].w)} -> {len(self.neurons)}, {self.neurons[0].activation})"

    def __call__(self, x: Sequence[Input]) -> List[Value]:
        """[φ(x·W + b)]: one Value per neuron, always a list."""
        return [neuron(x) for neuron in self.neurons]

    def parameters(self) -> List[Value]:
        return [p for neuron in self.neurons for p in neuron.parameters()]

    def weights(self) -> Tuple[Matrix, Vector]:
        """(W, b) as numbers: W (n_in, n_out), b (n_out,)."""
        return (Matrix([[n.w[i].data for n in self.neurons] for i in range(len(self.neurons[0].w))]),
                Vector([n.b.data for n in self.neurons]))

    def gradients(self) -> Tuple[Matrix, Vector]:
        """(∂J/∂W, ∂J/∂b) as numbers, in the shapes of W and b."""
        return (Matrix([[n.w[i].grad for n in self.neurons] for i in range(len(self.neurons[0].w))]),
                Vector([n.b.grad for n in self.neurons]))


class MLP:
    """``MLP(sizes, activation="tanh", output="sigmoid", seed=0)``: layers of Values, of the given sizes.

    ``sizes`` lists the inputs, each hidden layer's units and the outputs:
    ``[4, 4, 1]`` is the article's network. Weights are drawn uniformly
    from ±1/√(n_in) and biases start at 0, as ``TwoLayerNetwork`` does.
    ``MLP.from_weights(weights, biases, ...)`` starts from given ones.
    """

    __slots__ = ("sizes", "activation", "output", "layers")

    def __init__(self, sizes: Sequence[int], activation: str = "tanh", output: str = "sigmoid",
                 seed: Union[int, random.Random] = 0) -> None:
        if len(sizes) < 2:
            raise PurennError(f"an MLP needs at least 2 sizes (inputs and outputs), got {list(sizes)!r}")
        sizes = [check_count(size, "each size") for size in sizes]
        rng = as_rng(seed, "seed")
        weights, biases = [], []
        for n_in, n_out in zip(sizes, sizes[1:]):
            limit = 1.0 / n_in ** 0.5
            weights.append(Matrix.uniform(n_in, n_out, -limit, limit, rng=rng))
            biases.append(Vector.zeros(n_out))
        self._install(weights, biases, activation, output)

    @classmethod
    def from_weights(cls, weights: Sequence[Matrix], biases: Sequence[Vector], activation: str = "tanh",
                     output: str = "sigmoid") -> "MLP":
        """An MLP with these weights W (n_in, n_out) and biases b (n_out,), layer by layer.

        >>> MLP.from_weights([Matrix([[1.0, 2.0]]), Matrix([[1.0], [1.0]])], [Vector([0.0, 0.0]), Vector([0.0])])
        MLP([1, 2, 1], activation='tanh', output='sigmoid'): 7 parameters
        """
        model = cls.__new__(cls)
        model._install(list(weights), list(biases), activation, output)
        return model

    def _install(self, weights: List[Matrix], biases: List[Vector], activation: str, output: str) -> None:
        _check_activation(activation, "activation")
        _check_activation(output, "output activation")
        if not weights or len(weights) != len(biases):
            raise PurennError(f"an MLP needs one bias vector per weight matrix, got {len(weights)} and {len(biases)}")
        for k in range(1, len(weights)):
            if weights[k].shape[0] != weights[k - 1].shape[1]:
                raise ShapeError(f"layer {k} has W of shape {weights[k].shape} after one of {weights[k - 1].shape}: "
                                 f"it needs one row per output of the layer before ({weights[k - 1].shape[1]})")
        last = len(weights) - 1
        self.layers = [Layer(W, b, output if k == last else activation, str(k + 1))
                       for k, (W, b) in enumerate(zip(weights, biases))]
        self.sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
        self.activation, self.output = activation, output

    def __repr__(self) -> str:
        return (f"MLP({self.sizes}, activation={self.activation!r}, output={self.output!r}): "
                f"{len(self.parameters())} parameters")

    def __call__(self, x: Sequence[Input]) -> List[Value]:
        """The outputs for one sample ``x`` (a list of numbers or Values): always a list.

        Each number of ``x`` becomes one leaf, labelled ``x[0]``, ``x[1]``, ...,
        which every neuron of the first layer reads: one node with an arrow to
        each neuron, as in the article's picture of the network.

        >>> model = MLP([2, 3, 1], seed=0)
        >>> out = model([0.5, -1.0])[0]
        >>> sorted({leaf.label for leaf in out.leaves() if leaf.label.startswith("x")})
        ['x[0]', 'x[1]']
        """
        if len(x) != self.sizes[0]:
            raise ShapeError(f"this MLP takes {self.sizes[0]} inputs per sample, got {len(x)}")
        for value in x:
            if not (isinstance(value, Value) or is_number(value)):
                raise TypeError(f"an input must be a number or a Value, got {value!r} ({type_with_article(value)})")
        inputs = [value if isinstance(value, Value) else Value(value, label=f"x[{i}]") for i, value in enumerate(x)]
        h = self.layers[0](inputs)
        for layer in self.layers[1:]:
            h = layer(h)
        return h

    def parameters(self) -> List[Value]:
        """Every weight and bias, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        """Set every parameter's grad to 0: gradients add up over backward passes until then."""
        for p in self.parameters():
            p.grad = 0.0

    def weights(self) -> List[Tuple[Matrix, Vector]]:
        """(W, b) of each layer, as numbers."""
        return [layer.weights() for layer in self.layers]

    def gradients(self) -> List[Tuple[Matrix, Vector]]:
        """(∂J/∂W, ∂J/∂b) of each layer, as numbers in the shapes of W and b."""
        return [layer.gradients() for layer in self.layers]

    def step(self, learning_rate: float) -> None:
        """Gradient descent, equation (14): p ← p − α·∂J/∂p for every parameter p."""
        for p in self.parameters():
            p.data -= learning_rate * p.grad


def _pairs(outputs: Sequence[Sequence[Value]], targets: Sequence[Sequence[float]], what: str) -> int:
    """N, the number of outputs, once each output is known to have a target that is a number."""
    if len(outputs) != len(targets) or any(len(o) != len(t) for o, t in zip(outputs, targets)) or not outputs:
        raise ShapeError(f"{what} needs one target per output, and at least one: got {len(outputs)} samples "
                         f"of outputs and {len(targets)} of targets")
    for row, target_row in zip(outputs, targets):
        for y_hat, y in zip(row, target_row):
            if not isinstance(y_hat, Value) or not is_number(y):
                raise TypeError(f"{what} takes Values as outputs and numbers as targets, got {y_hat!r} "
                                f"({type_with_article(y_hat)}) and {y!r} ({type_with_article(y)})")
    return sum(len(row) for row in outputs)


def _total(terms: List[Value]) -> Value:
    """t₀ + t₁ + ..., added one at a time from the left (as Python's ``sum`` would, without its 0 + t₀)."""
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def binary_cross_entropy(outputs: Sequence[Sequence[Value]], targets: Sequence[Sequence[float]]) -> Value:
    """Equation (5) as a graph: J = −(1/N) Σ [y·ln ŷ + (1 − y)·ln(1 − ŷ)], N outputs in all.

    A target of exactly 1 or 0 leaves out the term it multiplies by 0, so
    that a saturated output on the right side costs no log(0).

    >>> loss = binary_cross_entropy([[Value(0.5)]], [[1.0]])
    >>> round(loss.data, 6)
    0.693147
    """
    N = _pairs(outputs, targets, "binary cross-entropy")
    terms = []
    for row, target_row in zip(outputs, targets):
        for y_hat, y in zip(row, target_row):
            if y == 1.0:
                terms.append(y_hat.log())
            elif y == 0.0:
                terms.append((1.0 - y_hat).log())
            else:
                terms.append(y * y_hat.log() + (1.0 - y) * (1.0 - y_hat).log())
    return _total(terms) * (-1.0 / N)


def mean_squared_error(outputs: Sequence[Sequence[Value]], targets: Sequence[Sequence[float]]) -> Value:
    """J = (1/N) Σ (ŷ − y)², N outputs in all.

    >>> mean_squared_error([[Value(3.0)], [Value(1.0)]], [[1.0], [1.0]])
    Value(data=2.0, grad=0.0)
    """
    N = _pairs(outputs, targets, "mean squared error")
    squares = []
    for row, target_row in zip(outputs, targets):
        for y_hat, y in zip(row, target_row):
            error = y_hat - y
            squares.append(error * error)
    return _total(squares) * (1.0 / N)
