"""purenn: a neural network in plain Python, written to be read.

Everything is built from the standard library. The folders are the layers,
read from the bottom up:

- ``linalg/``: ``Vector`` and ``Matrix``, immutable arrays with every operator
  written out, and the linear algebra of a first course (solve, det,
  inverse, rank, QR, least squares), and for teaching it, row reduction
  that shows its work in exact fractions, LU, Gram-Schmidt and eigenvalues;
- ``nn/``: activations and losses, the article's two-layer network with each
  of its equations on a line of its own (``nn/network.py``), networks of any
  depth (``nn/mlp.py``), optimisers, schedules and the training loop;
- ``data/``: built-in data sets, CSV files, splitting and scaling;
- ``autograd/``: ``Value``, a scalar that records the computation graph it
  is part of, and backpropagation as the chain rule run back over that
  graph: the article's gradients derived a second way;
- ``plot/``: pictures of what was learned;
- ``exercises/``: tasks a learner solves in plain Python (the matrix
  product, the forward pass, backprop, elimination), each checked against
  ``nn`` and ``linalg`` with the mistake named (``check("forward", forward)``);
- ``app/``: what runs: the main job, the ``train`` pipeline, model files, and
  the command line.

The rule that keeps this readable: each layer imports only the layers below
it. ``linalg`` uses nothing of purenn but the modules at its root (``errors.py``,
``checks.py``, ``text.py``, ``lazy.py``); ``nn`` and ``data``
build on ``linalg`` and not on each other, and so does ``autograd``
(which nothing but ``plot`` and ``exercises`` uses); ``plot`` may use everything it
draws; ``exercises`` uses ``nn``, ``linalg`` and ``autograd`` for its answers and nothing
above them; ``app`` sits on top, and nothing imports its command line. There
are no import cycles. ``tests/test_layers.py`` reads every module's imports
and fails when a change breaks the rule.

The names a learner needs most are importable from here:

>>> from purenn import Matrix, Vector
>>> Matrix([[1, 2], [3, 4]]) @ Vector([1, 1])
Vector([3.0, 7.0])
"""

from typing import TYPE_CHECKING

from purenn.errors import DataError, PurennError, ShapeError, SingularMatrixError, TrainingDiverged
from purenn._version import __version__
from purenn.lazy import names_by_module, on_first_use

if TYPE_CHECKING:  # for type checkers; Python imports each name on first use (_LAZY, below)
    from purenn.linalg import (
        Grid, Matrix, Vector, adjugate, change_of_basis, characteristic_polynomial, check_row_operation, cofactor,
        cofactor_expansion, cond, cramer, det, det_steps, diagonalize, dot, eigenvalues, eigenvectors, eigh, fit_line,
        fraction_free_ref, general_solution, gram_schmidt, inverse, inverse_steps, least_squares, lstsq, lu, lu_steps,
        matrix_power, norm, null_space, orthogonalize, outer, power_iteration, projection_matrix, qr, rank, rank_steps,
        ref, row_operation, rref, singular_values, solve, solve_steps, subspaces, trace,
    )
    from purenn.nn.network import Forward, Gradients, TwoLayerNetwork
    from purenn.nn.gradcheck import gradient_check
    from purenn.nn.optim import SGD, Adam, AdamW, RMSprop
    from purenn.nn.schedules import Constant, Cyclical, StepDecay
    from purenn.nn.training import History, train
    from purenn.nn.mlp import MLP

_LAZY = names_by_module([
    ("purenn.linalg", "Grid Matrix Vector adjugate change_of_basis characteristic_polynomial check_row_operation "
                      "cofactor cofactor_expansion cond cramer det det_steps diagonalize dot eigenvalues "
                      "eigenvectors eigh fit_line fraction_free_ref general_solution gram_schmidt inverse "
                      "inverse_steps least_squares lstsq lu lu_steps matrix_power norm null_space orthogonalize "
                      "outer power_iteration projection_matrix qr rank rank_steps ref row_operation rref "
                      "singular_values solve solve_steps subspaces trace"),
    ("purenn.nn.network", "Forward Gradients TwoLayerNetwork"),
    ("purenn.nn.gradcheck", "gradient_check"),
    ("purenn.nn.optim", "SGD Adam AdamW RMSprop"),
    ("purenn.nn.schedules", "Constant Cyclical StepDecay"),
    ("purenn.nn.training", "History train"),
    ("purenn.nn.mlp", "MLP"),
])
"""The names imported above, each with its module: the same imports, as data."""


if not TYPE_CHECKING:  # (for a type checker the names are imported above: a misspelt one stays an error)
    __getattr__, __dir__ = on_first_use(__name__, _LAZY, globals())

# the public names, a line or two a theme, as imported above
# linear algebra
__all__ = ["Matrix", "Vector", "det", "dot", "fit_line", "inverse", "lstsq", "norm", "outer", "qr", "rank", "solve"]
__all__ += ["trace"]
# teaching linear algebra: the working in exact fractions, and more of a first course
__all__ += ["Grid", "det_steps", "inverse_steps", "null_space", "rank_steps", "rref", "solve_steps"]
__all__ += ["cond", "eigh", "gram_schmidt", "lu", "matrix_power", "power_iteration", "singular_values"]
# the rest of a first course, exact, with working (issue 19)
__all__ += ["adjugate", "change_of_basis", "characteristic_polynomial", "cofactor", "cofactor_expansion", "cramer"]
__all__ += ["diagonalize", "eigenvalues", "eigenvectors", "general_solution", "least_squares", "lu_steps"]
__all__ += ["orthogonalize", "projection_matrix", "ref", "subspaces"]
__all__ += ["check_row_operation", "fraction_free_ref", "row_operation"]
# the article's network, and beyond it
__all__ += ["Forward", "Gradients", "TwoLayerNetwork", "gradient_check"]
__all__ += ["Constant", "Cyclical", "History", "MLP", "StepDecay", "train", "Adam", "AdamW", "RMSprop", "SGD"]
# errors
__all__ += ["DataError", "PurennError", "ShapeError", "SingularMatrixError", "TrainingDiverged"]
# the version
__all__ += ["__version__"]
