"""MLP: the article's network generalised to any number of layers and units.

``TwoLayerNetwork`` (network.py) stays the article's literal version; this
is the same algorithm written once for every depth. Layer l computes

    z[l] = a[l−1] · W[l] + b[l]        (m, n_l)    with a[0] = X
    a[l] = φ(z[l])                     (m, n_l)    φ = the hidden activation

and the last layer uses the output function of its output/loss pairing:

=========  =========================  ==================  ====================
output     loss                       targets Y           ∂J/∂z of last layer
=========  =========================  ==================  ====================
sigmoid    binary cross-entropy       0/1, (m, o)         (ŷ − Y) / (m·o)
softmax    categorical cross-entropy  one-hot, (m, c)     (ŷ − Y) / m
identity   mean squared error         numbers, (m, o)     2·(ŷ − Y) / (m·o)
=========  =========================  ==================  ====================

In each pairing the output function's derivative cancels against the
loss's, leaving ŷ − Y up to a constant: the same cancellation as the
article's equation (7).

>>> from purenn.data.datasets import xor
>>> data = xor()
>>> net = MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
>>> net
MLP([2, 8, 1], activation='tanh', output='sigmoid')
>>> history = net.fit(data.X, data.Y, epochs=500, learning_rate=0.5)
>>> net.predict(data.X)
[0, 1, 1, 0]
"""

from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, TypeVar, Union

from purenn.errors import PurennError, ShapeError
from purenn.checks import as_rng, Seed
from purenn.linalg import records
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn.activations import ACTIVATIONS, identity, sigmoid, softmax, xavier_uniform
from purenn.nn._inputs import check_inputs, check_targets, class_labels
from purenn.nn.metrics import THRESHOLD
from purenn.nn.losses import (
    binary_cross_entropy, categorical_cross_entropy, categorical_cross_entropy_gradient, mean_squared_error,
    mean_squared_error_gradient,
)
from purenn.nn.optim import Optimizer
from purenn.nn.schedules import Schedule
from purenn.nn.training import EPOCHS, History, Parameter, train

__all__ = ["HEADS", "Head", "Layer", "LayerGradients", "MLP", "MLPForward", "OUTPUT_FOR_TASK"]

_T = TypeVar("_T")


# ------------------------------------------------------ output/loss pairings


def _sigmoid_cross_entropy_delta(output: Matrix, target: Matrix) -> Matrix:
    """∂J/∂z = (ŷ − Y) / N for ŷ = σ(z) and binary cross-entropy: the article's (7)."""
    rows, columns = target.shape
    return (output - target) / (rows * columns)


class Head(NamedTuple):
    """An output function with the loss it pairs with, and their joint gradient ∂J/∂z."""

    output: str
    loss_name: str
    function: Callable[[Matrix], Matrix]
    loss: Callable[[Matrix, Matrix], float]
    delta: Callable[[Matrix, Matrix], Matrix]
    targets: str
    """What Y must hold: "probability" (0 to 1), "one-hot" (rows summing to 1) or "number"."""

    def __repr__(self) -> str:
        return f"Head(output={self.output!r}, loss={self.loss_name!r})"


HEADS: Dict[str, Head] = {
    "sigmoid": Head(
        "sigmoid", "binary cross-entropy", sigmoid, binary_cross_entropy, _sigmoid_cross_entropy_delta,
        "probability",
    ),
    "softmax": Head(
        "softmax", "categorical cross-entropy", softmax, categorical_cross_entropy,
        categorical_cross_entropy_gradient, "one-hot",
    ),
    "identity": Head(
        "identity", "mean squared error", identity, mean_squared_error, mean_squared_error_gradient,
        "number",
    ),
}
"""The output/loss pairings by the name of the output function."""

OUTPUT_FOR_TASK: Dict[str, str] = {"binary": "sigmoid", "multiclass": "softmax", "regression": "identity"}
"""The pairing of ``HEADS`` that each task needs: two classes, more classes, or numbers.

The tasks are those of ``purenn.data.datasets.TASKS`` (nn does not import
data; a test checks that the two lists agree)."""


# ------------------------------------------------------------------ records


class Layer(NamedTuple):
    """One layer's parameters: z = a_previous · W + b, with W (n_in, n_out) and b (n_out,)."""

    W: Matrix
    b: Vector

    def __repr__(self) -> str:
        """Shapes and first values, never the whole matrix."""
        return records.record("Layer", [("W", self.W), ("b", self.b)])


class LayerGradients(NamedTuple):
    """∂J/∂W and ∂J/∂b of one layer, shaped like W and b."""

    dW: Matrix
    db: Vector

    def __repr__(self) -> str:
        """Shapes and first values, never the whole matrix."""
        return records.record("LayerGradients", [("dW", self.dW), ("db", self.db)])


class MLPForward(NamedTuple):
    """Every z and a of a forward pass, layer by layer (index 0 is the first layer).

    ``zs[l]``: layer l + 1's weighted inputs z.  ``outputs[l]``: its output
    a = φ(z) (the output function's, for the last layer).
    """

    zs: Tuple[Matrix, ...]
    outputs: Tuple[Matrix, ...]

    def __repr__(self) -> str:
        """The shape of every layer's z, and the output's first values."""
        shapes = ", ".join(str(z.shape) for z in self.zs)
        return f"MLPForward(zs of shapes {shapes},\n           output={records.brief(self.output, 80)})"

    @property
    def output(self) -> Matrix:
        """ŷ, the last layer's output."""
        return self.outputs[-1]


# ---------------------------------------------------------------------- MLP


class MLP:
    """A multi-layer perceptron: ``MLP(sizes, activation, output, seed)``.

    ``sizes`` lists the units of every layer, inputs first and outputs last:
    ``[4, 16, 8, 3]`` is 4 inputs, hidden layers of 16 and 8, and 3 outputs.
    ``activation`` is the hidden layers' φ: "sigmoid", "tanh", "relu" or
    "leaky_relu". ``output`` picks the output/loss pairing: "sigmoid",
    "softmax" or "identity" (see the table at the top of mlp.py).

    Initial weights are seeded and random, biases zero. Their spread keeps
    the signal's variance about the same from layer to layer; each hidden
    activation brings its own scheme (``Activation.initial_weights`` in
    activations.py: Xavier/Glorot for sigmoid and tanh, He for ReLU and
    leaky ReLU). The output layer is always Xavier.

    The learning rate is given to ``fit``, as for ``TwoLayerNetwork``.
    """

    layers: Tuple[Layer, ...]

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "relu",
        output: str = "sigmoid",
        seed: Seed = 0,
    ) -> None:
        sizes = list(sizes)
        if len(sizes) < 2:
            raise ShapeError(f"an MLP needs at least two sizes (inputs and outputs), got {sizes}")
        for size in sizes:
            if not isinstance(size, int) or isinstance(size, bool) or size < 1:
                raise ShapeError(f"every layer size must be a whole number of at least 1, got {sizes}")
        self.activation = _lookup(ACTIVATIONS, activation, "activation")
        self.head = _lookup(HEADS, output, "output")
        _check_softmax_width(output, sizes[-1])
        rng = as_rng(seed)
        layers = []
        for index, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            last = index == len(sizes) - 2
            initial_weights = xavier_uniform if last else self.activation.initial_weights
            layers.append(Layer(initial_weights(n_in, n_out, rng), Vector.zeros(n_out)))
        self.layers = tuple(layers)

    @classmethod
    def from_layers(cls, layers: Sequence[Layer], activation: str = "relu", output: str = "sigmoid") -> "MLP":
        """An MLP with the given layers; consecutive layers must fit together.

        >>> MLP.from_layers([Layer(Matrix([[1, 2]]), Vector([0, 0])), Layer(Matrix([[1], [1]]), Vector([0]))])
        MLP([1, 2, 1], activation='relu', output='sigmoid')
        """
        if isinstance(layers, (str, bytes)) or not all(isinstance(layer, Layer) for layer in layers):
            raise TypeError(f"from_layers needs a list of Layer(W, b), got {layers!r:.80}")
        network = cls.__new__(cls)
        network.activation = _lookup(ACTIVATIONS, activation, "activation")
        network.head = _lookup(HEADS, output, "output")
        network.layers = ()
        network.set_parameters(_parameters_of(layers))
        _check_softmax_width(output, network.sizes[-1])
        return network

    @property
    def sizes(self) -> List[int]:
        """The units of every layer, inputs first: [n, h1, ..., o]."""
        return [self.layers[0].W.shape[0]] + [layer.W.shape[1] for layer in self.layers]

    def __repr__(self) -> str:
        return f"MLP({self.sizes}, activation={self.activation.name!r}, output={self.head.output!r})"

    # ------------------------------------------------------------ forward

    def forward(self, X: Matrix) -> MLPForward:
        """Every layer in turn: z = a_previous · W + b, a = φ(z); the last uses the output function."""
        self._check_inputs(X)
        zs: List[Matrix] = []
        outputs: List[Matrix] = []
        a = X                                                           # (m, n)
        for index, layer in enumerate(self.layers):
            z = a @ layer.W + layer.b                                   # (m, n_l), b added to every row
            last = index == len(self.layers) - 1
            a = self.head.function(z) if last else self.activation.function(z)   # (m, n_l)
            zs.append(z)
            outputs.append(a)
        return MLPForward(zs=tuple(zs), outputs=tuple(outputs))

    def loss(self, output: Matrix, Y: Matrix) -> float:
        """The loss of the output/loss pairing (see the table at the top of mlp.py)."""
        self._check_targets(output, Y)
        return self.head.loss(output, Y)

    # ----------------------------------------------------------- backward

    def backward(self, X: Matrix, Y: Matrix, forward: MLPForward) -> Tuple[LayerGradients, ...]:
        """The gradients of every layer, last layer first in the work, first layer first in the result.

        The same chain rule as the article's equations (7) to (13), in a loop:

            δ = ∂J/∂z of the last layer           the pairing's ŷ − Y, scaled   (7)
            ∂J/∂W = a_previousᵀ · δ                                              (8), (12)
            ∂J/∂b = Σ over rows of δ                                             (9), (13)
            δ_previous = (δ · Wᵀ) ⊙ φ'(z_previous)                              (10), (11)

        with φ'(z_previous) computed from a_previous = φ(z_previous), as
        ``Activation.slope_from_output`` does.
        """
        self._check_inputs(X)
        self._check_targets(forward.output, Y)
        gradients: List[LayerGradients] = []
        delta = self.head.delta(forward.output, Y)                          # (m, o)
        for index in reversed(range(len(self.layers))):
            a_previous = X if index == 0 else forward.outputs[index - 1]     # (m, n_in)
            dW = a_previous.T @ delta                                       # (n_in, n_out)
            db = delta.sum(axis=0)                                          # (n_out,)
            gradients.append(LayerGradients(dW=dW, db=db))
            if index > 0:
                da = delta @ self.layers[index].W.T                         # (m, n_in)
                delta = da * self.activation.slope_from_output(a_previous)  # (m, n_in)
        return tuple(reversed(gradients))

    def evaluate(self, X: Matrix, Y: Matrix) -> float:
        """The loss of the network's output for X against Y: ``loss(forward(X).output, Y)``.

        >>> MLP([2, 3, 2], output="softmax", seed=0).evaluate(Matrix([[0, 1]]), Matrix([[1, 0]])) > 0
        True
        """
        return self.loss(self.forward(X).output, Y)

    def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]:
        """The loss on a batch and every layer's gradients, keyed "W1", "b1", "W2", ...; changes nothing.

        >>> net = MLP([2, 3, 1], seed=0)
        >>> loss, gradients = net.loss_and_gradients(Matrix([[0, 1]]), Matrix([[1]]))
        >>> sorted(gradients), gradients["W1"].shape
        (['W1', 'W2', 'b1', 'b2'], (2, 3))
        """
        forward = self.forward(X)
        gradients = self.backward(X, Y, forward)
        named: Dict[str, Parameter] = {}
        for number, layer_gradients in enumerate(gradients, start=1):
            named[f"W{number}"] = layer_gradients.dW
            named[f"b{number}"] = layer_gradients.db
        return self.loss(forward.output, Y), named

    # --------------------------------------------------------- parameters

    def parameters(self) -> Dict[str, Parameter]:
        """Every weight and bias by name: {"W1": ..., "b1": ..., "W2": ..., ...}."""
        return _parameters_of(self.layers)

    def set_parameters(self, parameters: Dict[str, Parameter]) -> None:
        """Replace every weight and bias (named as ``parameters()`` names them), after checking shapes."""
        count = len(parameters) // 2
        if count < 1 or sorted(parameters) != sorted(
            [f"W{i}" for i in range(1, count + 1)] + [f"b{i}" for i in range(1, count + 1)]
        ):
            last = f"W{count}, b{count}" if count >= 1 else "Wn, bn (one pair per layer, at least one)"
            raise PurennError(f"expected parameters W1, b1, ..., {last}; got {sorted(parameters)}")
        layers: List[Layer] = []
        for i in range(1, count + 1):
            W, b = parameters[f"W{i}"], parameters[f"b{i}"]
            if not isinstance(W, Matrix) or not isinstance(b, Vector):
                raise TypeError(f"W{i} must be a Matrix and b{i} a Vector")
            if b.shape != (W.shape[1],):
                raise ShapeError(
                    f"b{i} has shape {b.shape} but W{i} is {W.shape}: b{i} needs one entry per unit ({W.shape[1]})"
                )
            if layers and layers[-1].W.shape[1] != W.shape[0]:
                raise ShapeError(
                    f"W{i} has shape {W.shape} but layer {i - 1} has {layers[-1].W.shape[1]} units: "
                    f"W{i} needs one row per unit of the layer before"
                )
            layers.append(Layer(W, b))
        if self.layers and [layer.W.shape for layer in layers] != [layer.W.shape for layer in self.layers]:
            raise ShapeError(
                f"new weights have shapes {[layer.W.shape for layer in layers]}, "
                f"the network's are {[layer.W.shape for layer in self.layers]}"
            )
        self.layers = tuple(layers)

    def with_parameters(self, parameters: Dict[str, Parameter]) -> "MLP":
        """A new MLP with these parameters and the same activation and output; self is unchanged."""
        copy = MLP.from_layers(self.layers, self.activation.name, self.head.output)
        copy.set_parameters(parameters)
        return copy

    # ----------------------------------------------------------- training

    def fit(
        self,
        X: Matrix,
        Y: Matrix,
        epochs: int = EPOCHS,
        learning_rate: Optional[Union[float, Schedule]] = None,
        on_epoch: Optional[Callable[[int, float], None]] = None,
        *,
        batch_size: Optional[int] = None,
        optimizer: Optional[Optimizer] = None,
        seed: int = 0,
        validation: Optional[Tuple[Matrix, Matrix]] = None,
        patience: Optional[int] = None,
    ) -> History:
        """Train for ``epochs`` passes over (X, Y) by gradient descent; return the History.

        The first five parameters are ``TwoLayerNetwork.fit``'s; the rest, by
        name only, are what this network adds: mini-batches, an optimiser
        (``optimizer=SGD(0.01, momentum=0.9)``, ``Adam()``, ...), early stopping
        on ``validation`` data with ``patience``.
        ``learning_rate`` None means the optimizer's own rate, or
        ``LEARNING_RATE`` (0.1) without one. Each is explained at ``train``
        in purenn/nn/training.py, which does the work.

        >>> MLP([2, 3, 1]).fit(Matrix([[0, 1], [1, 0]]), Matrix([[1], [0]]), epochs=3).epochs_run
        3
        """
        return train(
            self, X, Y, epochs, learning_rate, on_epoch, batch_size=batch_size, optimizer=optimizer, seed=seed,
            validation=validation, patience=patience,
        )

    # ------------------------------------------------------------ predict

    def predict_proba(self, X: Matrix) -> Matrix:
        """The network's output ŷ for every sample: probabilities, or numbers for "identity"."""
        return self.forward(X).output

    def predict(self, X: Matrix, threshold: float = THRESHOLD) -> List[int]:
        """Class labels, one per sample: the index of the largest softmax output, or
        1 where a one-column sigmoid output reaches ``threshold``, else 0.
        For regression, or several yes/no outputs, use ``predict_proba``.
        """
        return class_labels(self.predict_proba(X), self.head.output, threshold)

    # ------------------------------------------------------------- checks

    def _check_inputs(self, X: Matrix) -> None:
        W = self.layers[0].W
        check_inputs(X, W.shape[0], f"W1 is {W.shape}")

    def _check_targets(self, output: Matrix, Y: Matrix) -> None:
        check_targets(output, Y, self.head.loss_name, self.head.targets, "(class labels as 0/1, or one-hot rows)")


def _check_softmax_width(output: str, n_outputs: int) -> None:
    if output == "softmax" and n_outputs < 2:
        raise ShapeError(
            f"a softmax output needs at least 2 units (one per class), got {n_outputs}; "
            'for a yes/no answer use one unit with output="sigmoid"'
        )


def _parameters_of(layers: Sequence[Layer]) -> Dict[str, Parameter]:
    named: Dict[str, Parameter] = {}
    for number, layer in enumerate(layers, start=1):
        named[f"W{number}"] = layer.W
        named[f"b{number}"] = layer.b
    return named


def _lookup(table: Dict[str, _T], name: str, what: str) -> _T:
    if name not in table:
        raise PurennError(f"unknown {what} {name!r}; choose one of: {', '.join(table)}")
    return table[name]
