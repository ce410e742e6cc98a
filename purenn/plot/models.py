"""The one place where the figures reach into a model: its outputs, its classes, its weights.

A figure takes an ``MLP``, a ``TwoLayerNetwork``, or any function from
inputs X (m, n) to outputs (m, o) (a trained model with its scaler, for
instance). Everything the figures need from it goes through the functions
here, so a change to a model's interface is a change to this file alone.

>>> from purenn.nn.mlp import MLP
>>> net = MLP([2, 3, 1], output="sigmoid", seed=0)
>>> probabilities_from_outputs(model_outputs(net, Matrix([[0.0, 0.0]])))
Matrix([[0.5, 0.5]])
"""

from typing import Callable, NamedTuple, Tuple, Union

from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import MLP
from purenn.nn.network import TwoLayerNetwork

__all__ = ["Model", "Wiring", "class_probabilities", "model_outputs", "probabilities_from_outputs", "wiring"]

Model = Union[MLP, TwoLayerNetwork, Callable[[Matrix], Matrix]]
"""What a figure can draw the behaviour of: a network, or a function from inputs to outputs."""


def model_outputs(model: Model, X: Matrix) -> Matrix:
    """The model's outputs for inputs X (m, n): ``predict_proba`` of a network, or the function's value."""
    if isinstance(model, (MLP, TwoLayerNetwork)):
        return model.predict_proba(X)
    return model(X)


def class_probabilities(model: Model, X: Matrix) -> Matrix:
    """One probability per class and row of X, (m, k), as the figures of purenn.plot.digits read them."""
    return probabilities_from_outputs(model_outputs(model, X))


def probabilities_from_outputs(output: Matrix) -> Matrix:
    """A classifier's outputs (m, o) as one probability per class, (m, k): one column p becomes 1 − p, p."""
    if output.shape[1] == 1:
        return Matrix([[1.0 - p, p] for p in output.column(0)])
    return output


class Wiring(NamedTuple):
    """A network's weights layer by layer (W1 first, each (n_in, n_out)) and each layer's activation."""

    weights: Tuple[Matrix, ...]
    activations: Tuple[str, ...]


def wiring(model: Union[MLP, TwoLayerNetwork]) -> Wiring:
    """The weights and activations of every layer of ``model``.

    >>> wiring(TwoLayerNetwork(2, 3)).activations
    ('sigmoid', 'sigmoid')
    """
    if isinstance(model, MLP):
        hidden = (model.activation.name,) * (len(model.layers) - 1)
        return Wiring(tuple(layer.W for layer in model.layers), hidden + (model.head.output,))
    if isinstance(model, TwoLayerNetwork):
        return Wiring((model.W1, model.W2), ("sigmoid", "sigmoid"))
    raise TypeError(f"a network diagram needs an MLP or a TwoLayerNetwork, got {type(model).__name__}")
