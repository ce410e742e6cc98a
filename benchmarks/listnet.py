"""The pure-Python bar: the article's network as hand-written list-of-lists code.

This is what a careful programmer writes without purenn: plain lists of
floats, the fastest dot-product idiom of the running interpreter, each
matrix transposed once per product, no checks and no objects. purenn's
``TwoLayerNetwork.step`` is measured against ``ListNetwork.step``.

The arithmetic is the same as purenn's equations (1)-(14): sigmoid hidden
and output layers, binary cross-entropy averaged over all entries, plain
gradient descent, so both give the same loss from the same weights (the
benchmark checks that before timing).

>>> net = ListNetwork([[0.1, -0.2], [0.3, 0.4]], [0.0, 0.0], [[0.5], [-0.5]], [0.0])
>>> round(net.step([[1.0, 0.0], [0.0, 1.0]], [[1.0], [0.0]], 1.0), 6)
0.680862

``ListSoftmaxNetwork`` is the digits benchmark's bar: the same sigmoid hidden
layer with a softmax output, categorical cross-entropy averaged over the
rows, and plain gradient descent, as ``MLP([n, h, c], activation="sigmoid",
output="softmax")`` trained full-batch:

>>> net = ListSoftmaxNetwork([[0.1, -0.2], [0.3, 0.4]], [0.0, 0.0], [[0.5, -0.5], [-0.5, 0.5]], [0.0, 0.0])
>>> round(net.step([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], 1.0), 6)
0.668769
"""

import math
import operator
import platform
import sys
from typing import Callable, List, Sequence

Rows = List[List[float]]

if platform.python_implementation() == "PyPy":

    def dot(xs: Sequence[float], ys: Sequence[float]) -> float:
        total = 0.0
        for i in range(len(xs)):  # PyPy's JIT compiles this loop to machine code
            total += xs[i] * ys[i]
        return total

elif sys.version_info >= (3, 12):
    dot = math.sumprod
else:

    def dot(xs: Sequence[float], ys: Sequence[float]) -> float:
        return sum(map(operator.mul, xs, ys), 0.0)


def transpose(A: Rows) -> Rows:
    return [list(column) for column in zip(*A)]


def matmul(A: Rows, B: Rows) -> Rows:
    columns = transpose(B)
    return [[dot(row, column) for column in columns] for row in A]


def add_bias(A: Rows, b: List[float]) -> Rows:
    return [[x + y for x, y in zip(row, b)] for row in A]


def apply(f: Callable[[float], float], A: Rows) -> Rows:
    return [[f(x) for x in row] for row in A]


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def clamped_log(x: float) -> float:
    """log(x), but never below -100 (as purenn and PyTorch clamp cross-entropy)."""
    return max(math.log(x), -100.0) if x > 0.0 else -100.0


class ListNetwork:
    """Two sigmoid layers on lists of lists; ``step`` is one epoch of full-batch gradient descent."""

    def __init__(self, W1: Rows, b1: List[float], W2: Rows, b2: List[float]) -> None:
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2

    def step(self, X: Rows, Y: Rows, learning_rate: float) -> float:
        """One gradient-descent update; returns the loss before it."""
        z1 = add_bias(matmul(X, self.W1), self.b1)
        a1 = apply(sigmoid, z1)
        z2 = add_bias(matmul(a1, self.W2), self.b2)
        y_hat = apply(sigmoid, z2)
        count = len(Y) * len(Y[0])
        loss = 0.0
        for p_row, y_row in zip(y_hat, Y):
            for p, y in zip(p_row, y_row):
                loss -= y * clamped_log(p) + (1.0 - y) * clamped_log(1.0 - p)
        loss /= count
        dz2 = [[(p - y) / count for p, y in zip(p_row, y_row)] for p_row, y_row in zip(y_hat, Y)]
        self._backward_and_update(X, a1, dz2, learning_rate)
        return loss

    def _backward_and_update(self, X: Rows, a1: Rows, dz2: Rows, learning_rate: float) -> None:
        """Equations (8) to (14) from ∂J/∂z2: the gradients, then one step down each."""
        dW2 = matmul(transpose(a1), dz2)
        db2 = [sum(column) for column in zip(*dz2)]
        da1 = matmul(dz2, transpose(self.W2))
        dz1 = [[d * a * (1.0 - a) for d, a in zip(d_row, a_row)] for d_row, a_row in zip(da1, a1)]
        dW1 = matmul(transpose(X), dz1)
        db1 = [sum(column) for column in zip(*dz1)]
        self.W1 = [[w - learning_rate * g for w, g in zip(w_row, g_row)] for w_row, g_row in zip(self.W1, dW1)]
        self.b1 = [b - learning_rate * g for b, g in zip(self.b1, db1)]
        self.W2 = [[w - learning_rate * g for w, g in zip(w_row, g_row)] for w_row, g_row in zip(self.W2, dW2)]
        self.b2 = [b - learning_rate * g for b, g in zip(self.b2, db2)]


def softmax_row(z: List[float]) -> List[float]:
    top = max(z)
    exps = [math.exp(value - top) for value in z]
    total = sum(exps)
    return [e / total for e in exps]


class ListSoftmaxNetwork(ListNetwork):
    """A sigmoid hidden layer and a softmax output on lists of lists; ``step`` is one full-batch epoch.

    Only the output and the loss differ from ListNetwork's: with softmax and
    categorical cross-entropy, ∂J/∂z2 is again (ŷ − Y) / m, and the rest of
    the backward pass and the update are ListNetwork's.
    """

    def step(self, X: Rows, Y: Rows, learning_rate: float) -> float:
        """One gradient-descent update; returns the loss before it."""
        z1 = add_bias(matmul(X, self.W1), self.b1)
        a1 = apply(sigmoid, z1)
        z2 = add_bias(matmul(a1, self.W2), self.b2)
        y_hat = [softmax_row(row) for row in z2]
        m = len(Y)
        loss = 0.0
        for p_row, y_row in zip(y_hat, Y):
            for p, y in zip(p_row, y_row):
                if y != 0.0:
                    loss -= y * clamped_log(p)
        loss /= m
        dz2 = [[(p - y) / m for p, y in zip(p_row, y_row)] for p_row, y_row in zip(y_hat, Y)]
        self._backward_and_update(X, a1, dz2, learning_rate)
        return loss
