"""purenn: a neural network in plain Python, written to be read.

Everything is built from the standard library, starting with two types you
can read in one sitting:

- ``Vector``, an immutable 1-D array of floats (``purenn/vector.py``);
- ``Matrix``, an immutable 2-D array of floats (``purenn/matrix.py``);

and the linear algebra a course needs on top of them (``purenn/linalg.py``).

>>> from purenn import Matrix, Vector
>>> Matrix([[1, 2], [3, 4]]) @ Vector([1, 1])
Vector([3.0, 7.0])
"""

from purenn.errors import DataError, PurennError, ShapeError, SingularMatrixError
from purenn.linalg import det, dot, fit_line, inverse, lstsq, norm, outer, qr, rank, solve, trace
from purenn.matrix import Matrix
from purenn.vector import Vector

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "Matrix",
    "PurennError",
    "ShapeError",
    "SingularMatrixError",
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
]
