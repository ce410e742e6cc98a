"""Linear algebra, by hand: the bottom layer of purenn.

Holds the two array types and what a first course does with them:

- ``vector.py`` and ``matrix.py``: immutable ``Vector`` and ``Matrix``, every
  operator written out;
- ``kernel.py``: the arithmetic under every ``@``, fast by default and
  written as plain loops in plain mode (``plain_mode()``, or the environment
  variable ``PURENN_PLAIN=1``), for stepping through in a debugger;
- ``operations.py``: dot, outer, norm, trace, solve, det, inverse, rank, QR,
  least squares;
- ``_checks.py``, ``_display.py`` and ``_records.py``: private helpers for
  argument checks and for printing.

May import: ``purenn.errors`` and the standard library. Nothing else of purenn.

>>> from purenn.linalg import Matrix, solve
>>> solve(Matrix([[2, 0], [0, 4]]), Matrix([[2], [2]]).T[0])
Vector([1.0, 0.5])
"""

from purenn.linalg.kernel import plain_mode
from purenn.linalg.matrix import Matrix
from purenn.linalg.operations import det, dot, fit_line, inverse, lstsq, norm, outer, qr, rank, solve, trace
from purenn.linalg.vector import Vector

__all__ = [
    "Matrix", "Vector", "det", "dot", "fit_line", "inverse", "lstsq", "norm", "outer", "plain_mode", "qr",
    "rank", "solve", "trace",
]
