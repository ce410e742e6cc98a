"""Neural networks: the article's two-layer network and what grows from it.

- ``activations.py`` and ``losses.py``: the functions a layer applies and the
  losses a network minimises, each with its derivative;
- ``network.py``: the article's network, equations (1)-(14) (derived in docs/math.md);
- ``mlp.py``: the same idea at any depth;
- ``optim.py``, ``schedules.py`` and ``training.py``: how the weights move;
- ``gradcheck.py``: finite differences that confirm backpropagation;
- ``metrics.py``: how well a trained network does.

May import: ``purenn.linalg``, ``purenn.errors`` and the standard library.

>>> from purenn.nn import TwoLayerNetwork
>>> TwoLayerNetwork(4, 4, 1, seed=0).W1.shape
(4, 4)
"""

from typing import TYPE_CHECKING

from purenn.lazy import names_by_module, on_first_use

if TYPE_CHECKING:  # for type checkers; Python imports each name on first use (_LAZY, below)
    from purenn.nn.gradcheck import gradient_check
    from purenn.nn.mlp import MLP
    from purenn.nn.network import Forward, Gradients, TwoLayerNetwork
    from purenn.nn.optim import SGD, Adam, AdamW, RMSprop
    from purenn.nn.schedules import Constant, Cyclical, StepDecay
    from purenn.nn.training import History, train

_LAZY = names_by_module([
    ("purenn.nn.gradcheck", "gradient_check"),
    ("purenn.nn.mlp", "MLP"),
    ("purenn.nn.network", "Forward Gradients TwoLayerNetwork"),
    ("purenn.nn.optim", "SGD Adam AdamW RMSprop"),
    ("purenn.nn.schedules", "Constant Cyclical StepDecay"),
    ("purenn.nn.training", "History train"),
])
"""The names imported above, each with its module: the same imports, as data."""


if not TYPE_CHECKING:  # (for a type checker the names are imported above: a misspelt one stays an error)
    __getattr__, __dir__ = on_first_use(__name__, _LAZY, globals())

__all__ = [
    "Adam", "AdamW", "Constant", "Cyclical", "Forward", "Gradients", "History", "MLP", "RMSprop", "SGD",
    "StepDecay", "TwoLayerNetwork", "gradient_check", "train",
]
