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

import importlib
import sys
from typing import TYPE_CHECKING, List

if TYPE_CHECKING:  # for type checkers; Python imports each name on first use (_LAZY, below)
    from purenn.nn.gradcheck import gradient_check
    from purenn.nn.mlp import MLP
    from purenn.nn.network import Forward, Gradients, TwoLayerNetwork
    from purenn.nn.optim import SGD, Adam, AdamW, RMSprop
    from purenn.nn.schedules import Constant, Cyclical, StepDecay
    from purenn.nn.training import History, train

_LAZY = {name: module for module, names in [
    ("purenn.nn.gradcheck", "gradient_check"),
    ("purenn.nn.mlp", "MLP"),
    ("purenn.nn.network", "Forward Gradients TwoLayerNetwork"),
    ("purenn.nn.optim", "SGD Adam AdamW RMSprop"),
    ("purenn.nn.schedules", "Constant Cyclical StepDecay"),
    ("purenn.nn.training", "History train"),
] for name in names.split()}
"""The names imported above, each with its module: the same imports, as data."""


def __getattr__(name: str) -> object:
    """A public name, imported from its module the first time it is asked for (PEP 562).

    Importing one of nn's modules (the main job imports network.py) then loads only what that module
    needs, not the MLP and its gradient checks as well.
    """
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value: object = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # from now on found at once, as an imported name is
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(_LAZY))


if sys.version_info < (3, 7):  # no module __getattr__ before Python 3.7: import every name now
    for _name in _LAZY:
        __getattr__(_name)

__all__ = [
    "Adam", "AdamW", "Constant", "Cyclical", "Forward", "Gradients", "History", "MLP", "RMSprop", "SGD",
    "StepDecay", "TwoLayerNetwork", "gradient_check", "train",
]
