"""Loss functions J(ŷ, y): one number saying how far the outputs are from the targets.

Each loss comes with its gradient, a Matrix of the outputs' shape, and each
is a mean, as PyTorch's losses are with ``reduction="mean"``:

- ``binary_cross_entropy``: yes/no targets and sigmoid outputs, equation (5);
  the mean over every entry (N = rows × columns); the gradient is ∂J/∂ŷ.
  It is the negative log-likelihood of the targets when each output is read
  as the probability of a Bernoulli (yes/no) outcome (see docs/math.md).
- ``mean_squared_error``: numeric targets (regression); the mean over every
  entry; the gradient is ∂J/∂ŷ.
- ``categorical_cross_entropy``: one-hot targets and softmax outputs
  (``purenn.nn.activations.softmax``), for more than two classes; the mean
  over the m rows (one prediction per row), and its gradient is ∂J/∂z,
  taken before the softmax.

Every loss takes the network's output first and the target second,
J(ŷ, y), as PyTorch's do; the metrics of ``purenn.nn.metrics`` take the
truth first, as scikit-learn's do, and none of them shares a loss's name.

ln 0 is −∞, and in floating point a sigmoid output reaches exactly 1.0 from
z ≈ 36.74 (exactly 0.0 only below z ≈ −745.13), so a confident output can
make a logarithm's argument exactly 0: every logarithm here is clamped at
``LOG_FLOOR``.

>>> output = Matrix([[0.9], [0.2]])
>>> target = Matrix([[1.0], [0.0]])
>>> round(binary_cross_entropy(output, target), 6)
0.164252
>>> round(mean_squared_error(output, target), 6)
0.025
"""

import math
from typing import Tuple

from purenn.errors import ShapeError
from purenn.linalg.matrix import Matrix

__all__ = [
    "LOG_FLOOR",
    "binary_cross_entropy",
    "binary_cross_entropy_gradient",
    "categorical_cross_entropy",
    "categorical_cross_entropy_gradient",
    "mean_squared_error",
    "mean_squared_error_gradient",
]

LOG_FLOOR = -100.0
"""ln(0) is −∞; like PyTorch, every logarithm in a loss is clamped at −100 instead."""

_DENOMINATOR_FLOOR = 1e-12
"""ŷ·(1 − ŷ) is zero for a saturated output; the gradient divides by at least this."""


def check_pair(
    first: object,
    second: object,
    name: str,
    names: Tuple[str, str] = ("outputs", "targets"),
    rule: str = "there must be one target per output",
) -> int:
    """Check that two Matrices pair up entry by entry; return N, the number of entries.

    ``name`` is what is being computed; ``names`` and ``rule`` word the
    message (the metrics call the pair Y_true and Y_pred).

    >>> check_pair(Matrix([[1.0]]), Matrix([[1.0], [0.0]]), "mean squared error")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot compute mean squared error of outputs (1, 1) against targets (2, 1)...
    """
    if not isinstance(first, Matrix) or not isinstance(second, Matrix):
        raise TypeError(
            f"{name} takes two Matrices ({names[0]}, {names[1]}), "
            f"got {type(first).__name__} and {type(second).__name__}"
        )
    if first.shape != second.shape:
        raise ShapeError(f"cannot compute {name} of {names[0]} {first.shape} against {names[1]} {second.shape}: {rule}")
    rows, columns = first.shape
    return rows * columns


def _log(x: float) -> float:
    """ln(x), clamped at LOG_FLOOR so that ln(0) is −100 and not −∞ (PyTorch's rule)."""
    return max(math.log(x), LOG_FLOOR) if x > 0.0 else LOG_FLOOR


# ---------------------------------------------------- binary cross-entropy


def binary_cross_entropy(output: Matrix, target: Matrix) -> float:
    """Equation (5): J = −(1/N) Σ [ Y·ln ŷ + (1 − Y)·ln(1 − ŷ) ], summed over all N entries.

    Shapes: output ŷ and target y are both (m, o); N = m·o. Outputs are
    probabilities in [0, 1]; targets are 0 or 1 (any value in [0, 1] works).

    Finite for every output: an output of exactly 0 or 1 (a saturated
    sigmoid) makes a logarithm −∞, so each logarithm is clamped at −100, as
    PyTorch's ``binary_cross_entropy`` does. A confident, wrong answer then
    costs 100 instead of infinity.

    >>> binary_cross_entropy(Matrix([[0.5]]), Matrix([[1.0]])) == math.log(2)
    True
    >>> binary_cross_entropy(Matrix([[0.0]]), Matrix([[1.0]]))
    100.0
    """
    N = check_pair(output, target, "binary cross-entropy")
    Y, y_hat = target, output
    # ln ŷ and ln(1 − ŷ), entry by entry, each clamped at −100                          (m, o)
    log_y_hat, log_one_minus_y_hat = y_hat.map(_log), (1.0 - y_hat).map(_log)
    # (5) J = −(1/N) Σ [Y ⊙ ln ŷ + (1 − Y) ⊙ ln(1 − ŷ)], summed over all N entries     scalar
    return -(Y * log_y_hat + (1.0 - Y) * log_one_minus_y_hat).sum() / N


def binary_cross_entropy_gradient(output: Matrix, target: Matrix) -> Matrix:
    """Equation (6): ∂J/∂ŷ = (1/N) · (ŷ − Y) / (ŷ·(1 − ŷ)), shape (m, o).

    The denominator is kept at 1e-12 or more, so a saturated output gives a
    large but finite gradient. After a sigmoid the denominator cancels
    against σ'(z) (equation 7); the network uses that shorter form.

    >>> binary_cross_entropy_gradient(Matrix([[0.5]]), Matrix([[1.0]]))
    Matrix([[-2.0]])
    """
    n = check_pair(output, target, "binary cross-entropy")
    denominator = (output * (1.0 - output)).map(lambda d: max(d, _DENOMINATOR_FLOOR))
    return (output - target) / denominator / n


# ------------------------------------------------------ mean squared error


def mean_squared_error(output: Matrix, target: Matrix) -> float:
    """J = (1/N) Σ (ŷ − Y)², summed over all N entries: the usual loss for regression; shapes (m, o).

    >>> mean_squared_error(Matrix([[1.0, 2.0]]), Matrix([[0.0, 4.0]]))
    2.5
    """
    n = check_pair(output, target, "mean squared error")
    difference = output - target
    return (difference * difference).sum() / n


def mean_squared_error_gradient(output: Matrix, target: Matrix) -> Matrix:
    """∂J/∂ŷ = (2/N) · (ŷ − Y), shape (m, o).

    >>> mean_squared_error_gradient(Matrix([[1.0, 2.0]]), Matrix([[0.0, 4.0]]))
    Matrix([[1.0, -2.0]])
    """
    n = check_pair(output, target, "mean squared error")
    return (output - target) * (2.0 / n)


# ------------------------------------------------- categorical cross-entropy


def categorical_cross_entropy(output: Matrix, target: Matrix) -> float:
    """J = −(1/m) Σ_rows Σ_classes Y·ln ŷ, for softmax outputs and one-hot targets Y.

    Shapes: (m, c) both. The mean is over the m samples (each row is one
    prediction), as PyTorch's ``cross_entropy`` defines it. Logarithms are
    clamped at −100, as in ``binary_cross_entropy``.

    >>> round(categorical_cross_entropy(Matrix([[0.7, 0.2, 0.1]]), Matrix([[1, 0, 0]])), 6)
    0.356675
    """
    check_pair(output, target, "categorical cross-entropy")
    m = output.shape[0]
    # J = −(1/m) Σ Y ⊙ ln ŷ: only the true class of each row (where Y is 1) counts       scalar
    return -(target * output.map(_log)).sum() / m


def categorical_cross_entropy_gradient(output: Matrix, target: Matrix) -> Matrix:
    """∂J/∂z = (1/m) · (ŷ − Y) for ŷ = softmax(z): the gradient with respect to the
    scores *before* the softmax, where the softmax's own derivative cancels (as
    the sigmoid's does in equation (7)). Takes the softmax output ŷ; shape (m, c).

    >>> categorical_cross_entropy_gradient(Matrix([[0.5, 0.5]]), Matrix([[1.0, 0.0]]))
    Matrix([[-0.5, 0.5]])
    """
    check_pair(output, target, "categorical cross-entropy")
    return (output - target) / output.shape[0]
