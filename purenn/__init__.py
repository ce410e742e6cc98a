"""purenn: a neural network in plain Python, written to be read.

Everything is built from the standard library, starting with two types you
can read in one sitting:

- ``Vector``, an immutable 1-D array of floats (``purenn/vector.py``);
- ``Matrix``, an immutable 2-D array of floats (``purenn/matrix.py``);

and the linear algebra a course needs on top of them (``purenn/linalg.py``).
On those stands the article's two-layer network (``purenn/network.py``),
with each of its equations on a line of its own, and its generalisation to
any depth (``purenn/mlp.py``, trained by ``purenn/training.py``).

>>> from purenn import Matrix, Vector
>>> Matrix([[1, 2], [3, 4]]) @ Vector([1, 1])
Vector([3.0, 7.0])
"""

from purenn.errors import DataError, PurennError, ShapeError, SingularMatrixError, TrainingDiverged
from purenn.linalg import det, dot, fit_line, inverse, lstsq, norm, outer, qr, rank, solve, trace
from purenn.matrix import Matrix
from purenn.vector import Vector
from purenn.network import Forward, Gradients, TwoLayerNetwork
from purenn.gradcheck import gradient_check
from purenn.schedules import Constant, Cyclical, StepDecay
from purenn.training import History, train
from purenn.mlp import MLP

__version__ = "0.1.0"

__all__ = [
    # linear algebra
    "Matrix",
    "Vector",
    "det",
    "dot",
    "fit_line",
    "inverse",
    "lstsq",
    "norm",
    "outer",
    "qr",
    "rank",
    "solve",
    "trace",
    # the article's network
    "Forward",
    "Gradients",
    "TwoLayerNetwork",
    "gradient_check",
    # beyond the article
    "Constant",
    "Cyclical",
    "History",
    "MLP",
    "StepDecay",
    "train",
    # errors
    "DataError",
    "PurennError",
    "ShapeError",
    "SingularMatrixError",
    "TrainingDiverged",
]
