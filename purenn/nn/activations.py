"""Activation functions φ, their slopes, and the weights each starts from.

A layer computes a = φ(z) entry by entry. Backpropagation needs φ'(z); for
every function here it can be written from the output a alone, which is
how the article writes the sigmoid's (σ' = a·(1 − a)), so each
``*_slope_from_output`` takes the *output* a = φ(z), not z:

=============  ====================================  ===========================
name           φ(z)                                  φ'(z), written with a = φ(z)
=============  ====================================  ===========================
sigmoid        1 / (1 + e^(−z))                      a·(1 − a)
tanh           (e^z − e^(−z)) / (e^z + e^(−z))       1 − a²
relu           max(0, z)                             1 if a > 0 else 0
leaky_relu     z if z > 0 else slope·z               1 if a > 0 else slope
=============  ====================================  ===========================

``ACTIVATIONS`` holds one entry per hidden-layer activation: its function,
its slope and its weight initialisation, so that a new activation is one
new entry. The output functions (``sigmoid``, ``softmax``, ``identity``)
are here too; ``purenn.nn.mlp.HEADS`` pairs each with its loss.

>>> sigmoid(0.0)
0.5
>>> sigmoid(Vector([-1000, 0, 1000]))
Vector([0.0, 0.5, 1.0])
>>> relu(Matrix([[-2, 3]]))
Matrix([[0.0, 3.0]])

(At z = 0 ReLU has no derivative; like every library, we use 0 there.)

Two things every learner meets:

- The sigmoid's range is (0, 1) in exact arithmetic, but in floating point
  σ(z) is exactly 1.0 from z = 53·ln 2 ≈ 36.74 on, while it reaches exactly
  0.0 only below z ≈ −745.13, where e^z underflows. Hence the clamped
  logarithms in purenn.nn.losses.
- ReLU's slope is 0 for every negative input. A unit whose z is negative for
  every sample passes back no gradient, so its weights never change again: a
  "dead" unit. Leaky ReLU keeps a small slope there for that reason.

Starting weights: Xavier/Glorot's spread keeps the signal's variance steady
from layer to layer by assuming φ(z) ≈ z near 0 (slope 1, centred on 0).
That fits tanh; the sigmoid's slope at 0 is only 1/4 and its outputs centre
on 1/2, so the argument carries over to it only roughly. He's spread is made
for ReLU, which silences about half of its inputs.
"""

import math
import random
from typing import Callable, Dict, NamedTuple, TypeVar

from purenn.checks import as_scalar, check_count, is_number
from purenn.text import type_with_article
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "LEAKY_SLOPE",
    "he_normal",
    "identity",
    "leaky_relu",
    "leaky_relu_slope_from_output",
    "relu",
    "relu_slope_from_output",
    "sigmoid",
    "sigmoid_slope_from_output",
    "softmax",
    "tanh",
    "tanh_slope_from_output",
    "xavier_uniform",
]

T = TypeVar("T", float, Vector, Matrix)

LEAKY_SLOPE = 0.01
"""How much of a negative input leaky ReLU lets through."""


def _each(f: Callable[[float], float], x: T) -> T:
    """Apply a float function to a number, or to every entry of a Vector or Matrix.

    A number comes back as a float even when it went in as an int, as the
    entries of a Vector or Matrix are:

    >>> relu(3)
    3.0
    """
    if isinstance(x, Matrix):
        return x.map(f)
    if isinstance(x, Vector):
        return x.map(f)
    if not is_number(x):
        raise TypeError(f"an activation takes a number, a Vector or a Matrix, got {x!r} ({type_with_article(x)})")
    return f(as_scalar(x, "an activation"))


# ------------------------------------------------------------------ sigmoid


def _sigmoid(z: float) -> float:
    # e^(−z) overflows for z below about −709, so for negative z use the
    # equal form e^z / (1 + e^z), where e^z is at most 1.
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid(z: T) -> T:
    """σ(z) = 1 / (1 + e^(−z)), squashing any number into (0, 1).

    In floating point the ends are reached: exactly 1.0 from z ≈ 36.74, and
    exactly 0.0 below z ≈ −745.13 (see the module docstring). Stable for
    every float: no OverflowError and no NaN, even at ±1e308.

    >>> sigmoid(2.0)
    0.8807970779778823
    >>> sigmoid(-1e308), sigmoid(1e308)
    (0.0, 1.0)
    """
    return _each(_sigmoid, z)


def sigmoid_slope_from_output(a: T) -> T:
    """σ'(z) = σ(z)·(1 − σ(z)), computed from the output a = σ(z) as a·(1 − a).

    >>> sigmoid_slope_from_output(sigmoid(0.0))
    0.25
    """
    return _each(lambda value: value * (1.0 - value), a)


# --------------------------------------------------------------------- tanh


def tanh(z: T) -> T:
    """tanh(z), squashing any number into (−1, 1); a sigmoid centred on 0.

    >>> tanh(0.0), tanh(-1000.0)
    (0.0, -1.0)
    """
    return _each(math.tanh, z)


def tanh_slope_from_output(a: T) -> T:
    """tanh'(z) = 1 − tanh(z)², computed from the output a = tanh(z) as 1 − a².

    >>> tanh_slope_from_output(tanh(0.0))
    1.0
    """
    return _each(lambda value: 1.0 - value * value, a)


# --------------------------------------------------------------------- ReLU


def _relu(z: float) -> float:
    return z if z > 0.0 else 0.0


def relu(z: T) -> T:
    """ReLU(z) = max(0, z): the usual choice for hidden layers today.

    Its slope is 1 for z > 0 and 0 for z < 0: it does not fade for large
    inputs as the sigmoid's does, but a unit stuck at z < 0 learns nothing.

    >>> relu(Vector([-1.5, 0, 2.5]))
    Vector([0.0, 0.0, 2.5])
    """
    return _each(_relu, z)


def relu_slope_from_output(a: T) -> T:
    """ReLU'(z) is 1 where z > 0 and 0 elsewhere; a > 0 exactly when z > 0.

    >>> relu_slope_from_output(Vector([0, 2.5]))
    Vector([0.0, 1.0])
    """
    return _each(lambda value: 1.0 if value > 0.0 else 0.0, a)


def _leaky_relu(z: float) -> float:
    return z if z > 0.0 else LEAKY_SLOPE * z


def leaky_relu(z: T) -> T:
    """Leaky ReLU: z where z > 0, else 0.01·z, so a unit never goes completely silent.

    >>> leaky_relu(Vector([-100, 3]))
    Vector([-1.0, 3.0])
    """
    return _each(_leaky_relu, z)


def leaky_relu_slope_from_output(a: T) -> T:
    """1 where z > 0, else 0.01; the output a has the sign of z.

    >>> leaky_relu_slope_from_output(Vector([-1, 3]))
    Vector([0.01, 1.0])
    """
    return _each(lambda value: 1.0 if value > 0.0 else LEAKY_SLOPE, a)


# ------------------------------------------------------- output functions


def identity(z: Matrix) -> Matrix:
    """z itself: the output function for regression, where an output may be any number.

    >>> identity(Matrix([[-2.5, 7.0]]))
    Matrix([[-2.5, 7.0]])
    """
    return z


def softmax(z: Matrix) -> Matrix:
    """Each row turned into probabilities: softmax(z)_j = e^(z_j) / Σ_k e^(z_k).

    Shape (m, c) to (m, c); every row of the result is positive and sums to 1.
    Unlike the functions above it mixes a row's entries, so it has no slope of
    one entry: its derivative cancels against categorical cross-entropy's
    (``purenn.nn.losses.categorical_cross_entropy_gradient``). Subtracting
    each row's maximum first changes nothing mathematically (it cancels in
    the fraction) but keeps every e^x at most 1, so large scores cannot
    overflow.

    >>> softmax(Matrix([[0.0, 0.0], [1000.0, 0.0]]))
    Matrix([[0.5, 0.5], [1.0, 0.0]])
    """
    if not isinstance(z, Matrix):
        raise TypeError(f"softmax takes a Matrix of scores, one row per sample, got {type(z).__name__}")
    rows = []
    for row in z:
        top = row.max()
        exps = [math.exp(value - top) for value in row]
        total = math.fsum(exps)
        rows.append([e / total for e in exps])
    return Matrix(rows)


# ------------------------------------------------ weight initialisation


def xavier_uniform(n_in: int, n_out: int, rng: random.Random) -> Matrix:
    """Xavier/Glorot: uniform in ±√(6 / (n_in + n_out)); made for tanh, used for the sigmoid too.

    It keeps the variance of the signal about the same from layer to layer,
    forward and backward, assuming φ(z) ≈ z near 0: slope 1 and centred on 0,
    as tanh is. The sigmoid's slope at 0 is 1/4 and its outputs centre on
    1/2, so for it the argument holds only roughly; it remains the usual
    choice for sigmoid layers.

    >>> W = xavier_uniform(2, 1, random.Random(0))
    >>> W.shape, all(abs(w) <= math.sqrt(6 / 3) for w in W.column(0))
    ((2, 1), True)
    """
    limit = math.sqrt(6.0 / (check_count(n_in, "n_in") + check_count(n_out, "n_out")))
    return Matrix.uniform(n_in, n_out, -limit, limit, rng=rng)


def he_normal(n_in: int, n_out: int, rng: random.Random) -> Matrix:
    """He: normal with mean 0 and standard deviation √(2 / n_in); for ReLU-like units.

    A ReLU silences about half its inputs, halving the signal's variance;
    twice Xavier's variance makes up for it.

    >>> he_normal(3, 2, random.Random(0)).shape
    (3, 2)
    """
    return Matrix.normal(n_in, n_out, 0.0, math.sqrt(2.0 / check_count(n_in, "n_in")), rng=rng)


# ------------------------------------------------------------ by their name


class Activation(NamedTuple):
    """A hidden-layer activation: its function, its slope (from the output) and its initial weights.

    ``initial_weights(n_in, n_out, rng)`` draws the (n_in, n_out) weights of a
    layer of these units.

    >>> ACTIVATIONS["tanh"]
    Activation('tanh')
    >>> ACTIVATIONS["sigmoid"].function(Matrix([[0.0]]))
    Matrix([[0.5]])
    """

    name: str
    function: Callable[[Matrix], Matrix]
    slope_from_output: Callable[[Matrix], Matrix]
    initial_weights: Callable[[int, int, random.Random], Matrix]

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


ACTIVATIONS: Dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_slope_from_output, xavier_uniform),
    "tanh": Activation("tanh", tanh, tanh_slope_from_output, xavier_uniform),
    "relu": Activation("relu", relu, relu_slope_from_output, he_normal),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_slope_from_output, he_normal),
}
"""The hidden-layer activations, by the names the command line and saved models use."""
