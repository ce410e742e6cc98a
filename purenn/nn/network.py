"""The article's two-layer network: sigmoid units, binary cross-entropy, gradient descent.

Read this file beside docs/math.md (equations (1) to (14), each derived): each
equation is a comment directly above the line that computes it, with the
shape of the result at the end of the line. Shapes use one sample per row:

    m samples, n inputs, h hidden units, o outputs
    X (m, n)   Y (m, o)   W1 (n, h)   b1 (h,)   W2 (h, o)   b2 (o,)

>>> from purenn.data.datasets import xor
>>> data = xor()
>>> net = TwoLayerNetwork(n_inputs=2, n_hidden=3, seed=1)
>>> history = net.fit(data.X, data.Y, epochs=2000, learning_rate=2.0)
>>> history[0] > 0.69 > 0.05 > history[-1]
True
>>> net.predict(data.X)
[0, 1, 1, 0]
"""

import math
import random
from typing import Callable, Dict, List, NamedTuple, Optional, Tuple, Union

from purenn.errors import ShapeError
from purenn.checks import as_rng, check_count
from purenn.linalg import records
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn.activations import sigmoid
from purenn.nn._inputs import check_inputs, check_targets, class_labels
from purenn.nn.metrics import THRESHOLD
from purenn.nn.losses import binary_cross_entropy
from purenn.nn.training import (
    ARTICLE_LEARNING_RATE, EPOCHS, History, Parameter, check_epochs, check_learning_rate, check_loss,
)

__all__ = ["Forward", "Gradients", "TwoLayerNetwork"]


class Forward(NamedTuple):
    """Every quantity of one forward pass, kept so a learner can look at each.

    z1 (m, h): the hidden units' weighted inputs.   a1 (m, h): their activations.
    z2 (m, o): the output units' weighted inputs.   output (m, o): ŷ, the predictions.
    """

    z1: Matrix
    a1: Matrix
    z2: Matrix
    output: Matrix

    def __repr__(self) -> str:
        """Names, shapes and first values, in at most 3 lines of 100 characters."""
        return records.record("Forward", [("z1", self.z1), ("a1", self.a1), ("z2", self.z2), ("output", self.output)])


class Gradients(NamedTuple):
    """Every quantity of backpropagation, equations (7) to (13), in the order they are computed.

    dz2 (m, o) ∂J/∂z2, (7)    dW2 (h, o) ∂J/∂W2, (8)    db2 (o,) ∂J/∂b2, (9)
    da1 (m, h) ∂J/∂a1, (10)   dz1 (m, h) ∂J/∂z1, (11)
    dW1 (n, h) ∂J/∂W1, (12)   db1 (h,) ∂J/∂b1, (13)

    The four parameter gradients (dW1, db1, dW2, db2) each have the shape of
    their parameter and are what a step uses; ``by_parameter`` gives them by
    name. The other three are the steps between, kept so that a learner (and
    ``purenn explain``) can look at the network's own numbers for each.
    """

    dz2: Matrix
    dW2: Matrix
    db2: Vector
    da1: Matrix
    dz1: Matrix
    dW1: Matrix
    db1: Vector

    def __repr__(self) -> str:
        """Names, shapes and first values, in at most 3 lines of 100 characters."""
        return records.record("Gradients", list(zip(self._fields, self)))

    def by_parameter(self) -> Dict[str, Parameter]:
        """The gradients keyed by the name of their parameter: {"W1": dW1, ...}."""
        return {"W1": self.dW1, "b1": self.db1, "W2": self.dW2, "b2": self.db2}


class TwoLayerNetwork:
    """Inputs → hidden layer (sigmoid) → output layer (sigmoid), trained by gradient descent.

    ``TwoLayerNetwork(n_inputs, n_hidden, n_outputs=1, seed=0)`` starts from
    small random weights drawn uniformly from ±1/√(fan-in), where fan-in is
    the number of inputs each unit receives (n for W1, h for W2),
    and biases of zero. The weights follow PyTorch's default for a linear
    layer (which draws its biases from the same range; zeros are simpler to
    read and work as well here). They keep every z small, where the sigmoid is
    steep and learns fast.

    Why not start from zeros: every hidden unit would then compute the same
    value, receive the same gradient and take the same step, for ever; the h
    units would stay h copies of one. Random weights break that symmetry.
    (Zero biases are fine: the random weights already make the units differ.)

    ``TwoLayerNetwork.from_weights(W1, b1, W2, b2)`` starts from given weights.
    The learning rate α is given where it is used, to ``fit`` and ``step``,
    as for ``MLP``.
    """

    W1: Matrix
    b1: Vector
    W2: Matrix
    b2: Vector

    def __init__(
        self,
        n_inputs: int,
        n_hidden: int,
        n_outputs: int = 1,
        seed: Union[int, random.Random] = 0,
    ) -> None:
        for name, size in (("n_inputs", n_inputs), ("n_hidden", n_hidden), ("n_outputs", n_outputs)):
            check_count(size, name)
        rng = as_rng(seed, "seed")
        limit1 = 1.0 / math.sqrt(n_inputs)
        limit2 = 1.0 / math.sqrt(n_hidden)
        self._install(
            W1=Matrix.uniform(n_inputs, n_hidden, -limit1, limit1, rng=rng),
            b1=Vector.zeros(n_hidden),
            W2=Matrix.uniform(n_hidden, n_outputs, -limit2, limit2, rng=rng),
            b2=Vector.zeros(n_outputs),
        )

    @classmethod
    def from_weights(
        cls,
        W1: Matrix,
        b1: Vector,
        W2: Matrix,
        b2: Vector,
    ) -> "TwoLayerNetwork":
        """A network with the given weights and biases; their shapes must fit together.

        >>> net = TwoLayerNetwork.from_weights(
        ...     W1=Matrix([[1, -1]]), b1=Vector([0, 0]), W2=Matrix([[1], [1]]), b2=Vector([0]))
        >>> net.shape
        (1, 2, 1)
        >>> TwoLayerNetwork.from_weights(Matrix([[1, -1]]), Vector([0]), Matrix([[1], [1]]), Vector([0]))
        Traceback (most recent call last):
        ...
        purenn.errors.ShapeError: b1 has shape (1,) but W1 is (1, 2): b1 needs one entry per hidden unit (2)
        """
        network = cls.__new__(cls)
        network._install(W1, b1, W2, b2)
        return network

    def _install(self, W1: Matrix, b1: Vector, W2: Matrix, b2: Vector) -> None:
        """Check that the parameters fit together, then make them the network's."""
        for name, value, expected in (("W1", W1, Matrix), ("b1", b1, Vector), ("W2", W2, Matrix), ("b2", b2, Vector)):
            if not isinstance(value, expected):
                raise TypeError(f"{name} must be a {expected.__name__}, got {type(value).__name__}")
        n_hidden = W1.shape[1]
        if b1.shape != (n_hidden,):
            raise ShapeError(
                f"b1 has shape {b1.shape} but W1 is {W1.shape}: b1 needs one entry per hidden unit ({n_hidden})"
            )
        if W2.shape[0] != n_hidden:
            raise ShapeError(
                f"W2 has shape {W2.shape} but W1 is {W1.shape}: W2 needs one row per hidden unit ({n_hidden})"
            )
        if b2.shape != (W2.shape[1],):
            raise ShapeError(
                f"b2 has shape {b2.shape} but W2 is {W2.shape}: b2 needs one entry per output ({W2.shape[1]})"
            )
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2

    @property
    def shape(self) -> Tuple[int, int, int]:
        """(n_inputs, n_hidden, n_outputs)."""
        return (self.W1.shape[0], self.W1.shape[1], self.W2.shape[1])

    def __repr__(self) -> str:
        """The weights and biases: names, shapes and first values, in 3 lines at most."""
        return records.record(type(self).__name__, list(self.parameters().items()))

    # ------------------------------------------------------------ forward

    def forward(self, X: Matrix) -> Forward:
        """Equations (1) to (4): from inputs X (m, n) to predictions ŷ (m, o).

        >>> net = TwoLayerNetwork.from_weights(Matrix([[0.0]]), Vector([0.0]), Matrix([[0.0]]), Vector([0.0]))
        >>> net.forward(Matrix([[5.0]]))
        Forward(z1=Matrix([[0.0]]), a1=Matrix([[0.5]]), z2=Matrix([[0.0]]), output=Matrix([[0.5]]))
        """
        self._check_inputs(X)
        # (1) z1 = X·W1 + b1: each hidden unit's weighted sum; b1 is added to every row   (m, h)
        z1 = X @ self.W1 + self.b1
        # (2) a1 = σ(z1)                                                                   (m, h)
        a1 = sigmoid(z1)
        # (3) z2 = a1·W2 + b2                                                              (m, o)
        z2 = a1 @ self.W2 + self.b2
        # (4) ŷ = σ(z2): one probability per sample and output                             (m, o)
        output = sigmoid(z2)
        return Forward(z1=z1, a1=a1, z2=z2, output=output)

    def loss(self, output: Matrix, Y: Matrix) -> float:
        """Equation (5), binary cross-entropy: J = −(1/N) Σ [Y ⊙ ln ŷ + (1 − Y) ⊙ ln(1 − ŷ)], N = m·o.

        >>> net = TwoLayerNetwork(1, 1)
        >>> net.loss(Matrix([[0.5]]), Matrix([[1.0]])) == math.log(2)
        True
        """
        self._check_targets(output, Y)
        # (5) J = −(1/N) Σ [Y ⊙ ln ŷ + (1 − Y) ⊙ ln(1 − ŷ)], summed over all N entries      scalar
        return binary_cross_entropy(output, Y)

    # ----------------------------------------------------------- backward

    def backward(self, X: Matrix, Y: Matrix, forward: Forward) -> Gradients:
        """Equations (7) to (13): the exact gradients of ``loss`` by the chain rule,
        from the output layer back to the inputs. Changes nothing; returns every
        intermediate too (see ``Gradients``).

        >>> net = TwoLayerNetwork(2, 3, seed=0)
        >>> X, Y = Matrix([[0, 1]]), Matrix([[1]])
        >>> grads = net.backward(X, Y, net.forward(X))
        >>> grads.dW1.shape, grads.db1.shape, grads.dW2.shape, grads.db2.shape
        ((2, 3), (3,), (3, 1), (1,))
        >>> grads.dz2.shape, grads.da1.shape, grads.dz1.shape
        ((1, 1), (1, 3), (1, 3))
        """
        z1, a1, z2, y_hat = forward
        self._check_inputs(X)
        self._check_targets(y_hat, Y)
        m, o = Y.shape
        N = m * o
        # (6) ∂J/∂ŷ = (1/N)·(ŷ − Y) ⊘ (ŷ ⊙ (1 − ŷ)) is not computed: (7) multiplies it by
        # σ'(z2) = ŷ ⊙ (1 − ŷ), which cancels, and (7) stays exact where ŷ is 0 or 1 and (6) divides by 0.
        # (7) ∂J/∂z2 = (1/N)·(ŷ − Y)                                                        (m, o)
        dz2 = (y_hat - Y) / N
        # (8) ∂J/∂W2 = a1ᵀ · ∂J/∂z2                                                         (h, o)
        dW2 = a1.T @ dz2
        # (9) ∂J/∂b2 = Σ over rows of ∂J/∂z2                                               (o,)
        db2 = dz2.sum(axis=0)
        # (10) ∂J/∂a1 = ∂J/∂z2 · W2ᵀ                                                        (m, h)
        da1 = dz2 @ self.W2.T
        # (11) ∂J/∂z1 = ∂J/∂a1 ⊙ σ'(z1), with σ'(z1) = a1 ⊙ (1 − a1) written from the output  (m, h)
        dz1 = da1 * (a1 * (1.0 - a1))
        # (12) ∂J/∂W1 = Xᵀ · ∂J/∂z1                                                         (n, h)
        dW1 = X.T @ dz1
        # (13) ∂J/∂b1 = Σ over rows of ∂J/∂z1                                              (h,)
        db1 = dz1.sum(axis=0)
        return Gradients(dz2=dz2, dW2=dW2, db2=db2, da1=da1, dz1=dz1, dW1=dW1, db1=db1)

    # ----------------------------------------------------------- training

    def step(self, X: Matrix, Y: Matrix, learning_rate: float = ARTICLE_LEARNING_RATE) -> float:
        """One round of gradient descent with step size α = ``learning_rate``:
        forward, loss, backward, update.

        Returns the loss *before* the update (the one the gradients belong to).

        >>> net = TwoLayerNetwork(2, 3, seed=0)
        >>> X, Y = Matrix([[0, 1]]), Matrix([[1]])
        >>> first = net.step(X, Y)
        >>> net.step(X, Y) < first
        True
        """
        alpha = check_learning_rate(learning_rate)  # α in the article
        forward = self.forward(X)
        loss = self.loss(forward.output, Y)
        gradients = self.backward(X, Y, forward)
        # (14) W ← W − α·∂J/∂W and b ← b − α·∂J/∂b, for both layers
        self.W1 = self.W1 - alpha * gradients.dW1
        self.b1 = self.b1 - alpha * gradients.db1
        self.W2 = self.W2 - alpha * gradients.dW2
        self.b2 = self.b2 - alpha * gradients.db2
        return loss

    def fit(
        self,
        X: Matrix,
        Y: Matrix,
        epochs: int = EPOCHS,
        learning_rate: float = ARTICLE_LEARNING_RATE,
        on_epoch: Optional[Callable[[int, float], None]] = None,
    ) -> History:
        """Train for ``epochs`` full passes over the data, one ``step`` each; return the History.

        ``history[e]`` is the loss of epoch e, measured before its update.
        ``on_epoch(epoch, loss)``, if given, is called after each epoch (epochs
        count from 0): a hook for progress displays. For mini-batches,
        momentum or schedules, train this network with
        ``purenn.nn.training.train`` (as ``MLP.fit`` does).
        """
        check_epochs(epochs)
        alpha = check_learning_rate(learning_rate)
        history = History()
        for epoch in range(epochs):
            loss = self.step(X, Y, alpha)
            check_loss(epoch, loss, history.loss, alpha, usual=ARTICLE_LEARNING_RATE)  # diverged: a clear error
            history.loss.append(loss)
            history.learning_rates.append(alpha)
            if on_epoch is not None:
                on_epoch(epoch, loss)
        history.best_epoch = epochs - 1
        return history

    # ------------------------------------------------------------ predict

    def predict_proba(self, X: Matrix) -> Matrix:
        """ŷ, the predicted probability of "yes" for every sample and output; (m, o)."""
        return self.forward(X).output

    def predict(self, X: Matrix, threshold: float = THRESHOLD) -> List[int]:
        """Class labels, one per sample: 1 where the probability of "yes" reaches
        ``threshold``, else 0. Needs one output; with several, use ``predict_proba``.

        >>> net = TwoLayerNetwork.from_weights(Matrix([[1.0]]), Vector([0.0]), Matrix([[10.0]]), Vector([-6.0]))
        >>> net.predict(Matrix([[-5.0], [5.0]]))
        [0, 1]
        """
        return class_labels(self.predict_proba(X), "sigmoid", threshold)

    # ----------------------------------------- parameters, for gradient checks

    def parameters(self) -> Dict[str, Parameter]:
        """The weights and biases by name: {"W1": W1, "b1": b1, "W2": W2, "b2": b2}."""
        return {"W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}

    def with_parameters(self, parameters: Dict[str, Parameter]) -> "TwoLayerNetwork":
        """A new network with these parameters; self is unchanged."""
        W1, b1, W2, b2 = (parameters[name] for name in ("W1", "b1", "W2", "b2"))
        if not (isinstance(W1, Matrix) and isinstance(b1, Vector)
                and isinstance(W2, Matrix) and isinstance(b2, Vector)):
            raise TypeError("W1 and W2 must be Matrices, b1 and b2 Vectors")
        return type(self).from_weights(W1, b1, W2, b2)

    def set_parameters(self, parameters: Dict[str, Parameter]) -> None:
        """Replace W1, b1, W2 and b2 (checked as from_weights checks them).

        With this, ``purenn.nn.training.train`` can train the article's network
        too: mini-batches, momentum and learning-rate schedules.
        """
        replacement = self.with_parameters(parameters)
        self.W1, self.b1, self.W2, self.b2 = replacement.W1, replacement.b1, replacement.W2, replacement.b2

    def evaluate(self, X: Matrix, Y: Matrix) -> float:
        """The loss of the network's predictions for X against Y: ``loss(forward(X).output, Y)``."""
        return self.loss(self.forward(X).output, Y)

    def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]:
        """The loss on (X, Y) and its gradient for every parameter, by name; changes nothing."""
        forward = self.forward(X)
        return self.loss(forward.output, Y), self.backward(X, Y, forward).by_parameter()

    # ------------------------------------------------------------- checks

    def _check_inputs(self, X: Matrix) -> None:
        check_inputs(X, self.W1.shape[0], f"W1 is {self.W1.shape}")

    def _check_targets(self, output: Matrix, Y: Matrix) -> None:
        check_targets(output, Y, "binary cross-entropy", "probability")

