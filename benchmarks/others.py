"""The contenders purenn is measured against: a naive loop, NumPy and micrograd.

NumPy and micrograd are optional: each function returns None when its
library is not installed, and the benchmark leaves that column empty.

>>> naive_matmul([[1.0, 2.0], [3.0, 4.0]], [[1.0], [1.0]])
[[3.0], [7.0]]
"""

import math
import random
from typing import Callable, List, Optional, Sequence

Rows = List[List[float]]


def naive_matmul(A: Rows, B: Rows) -> Rows:
    """The textbook triple loop: entry (i, j) is the sum over k of A[i][k] * B[k][j]."""
    m, n, p = len(A), len(B), len(B[0])
    C = []
    for i in range(m):
        row = []
        for j in range(p):
            total = 0.0
            for k in range(n):
                total += A[i][k] * B[k][j]
            row.append(total)
        C.append(row)
    return C


def as_rows(value: object) -> Rows:
    """A purenn Matrix, a NumPy array or a list of lists, as a list of lists of floats."""
    tolist = getattr(value, "tolist", None)
    rows = tolist() if tolist is not None else value
    return [[float(x) for x in row] for row in rows]


def check_close(name: str, got: Sequence[Sequence[float]], expected: Sequence[Sequence[float]],
                tolerance: float, learning_rate: float = 0.0) -> None:
    """Refuse to time a contender whose answer differs from purenn's."""
    for got_row, expected_row in zip(got, expected):
        for g, e in zip(got_row, expected_row):
            if not math.isclose(g, e, rel_tol=tolerance, abs_tol=tolerance):
                raise SystemExit("%s disagrees with purenn: %r against %r" % (name, g, e))


def numpy_matmul(A: Rows, B: Rows) -> Optional[Callable[[], object]]:
    try:
        import numpy
    except ImportError:
        return None
    a, b = numpy.array(A), numpy.array(B)
    return lambda: a @ b


def _numpy_step(numpy, W1, b1, W2, b2, X, Y, learning_rate):
    """Equations (1)-(14) in NumPy: one full-batch gradient-descent step; returns the loss before it."""
    z1 = X @ W1 + b1
    a1 = 1.0 / (1.0 + numpy.exp(-z1))
    z2 = a1 @ W2 + b2
    y_hat = 1.0 / (1.0 + numpy.exp(-z2))
    loss = -numpy.mean(Y * numpy.maximum(numpy.log(y_hat), -100) + (1 - Y) * numpy.maximum(numpy.log(1 - y_hat), -100))
    dz2 = (y_hat - Y) / Y.size
    dW2, db2 = a1.T @ dz2, dz2.sum(axis=0)
    dz1 = (dz2 @ W2.T) * a1 * (1 - a1)
    dW1, db1 = X.T @ dz1, dz1.sum(axis=0)
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    return float(loss)


def numpy_network(W1: Rows, b1: List[float], W2: Rows, b2: List[float], X: Rows, Y: Rows,
                  learning_rate: float) -> Optional[Callable[[], object]]:
    try:
        import numpy
    except ImportError:
        return None
    arrays = [numpy.array(v, dtype=float) for v in (W1, b1, W2, b2)]
    x, y = numpy.array(X), numpy.array(Y)
    return lambda: _numpy_step(numpy, *arrays, x, y, learning_rate)


def numpy_main_job(X: Rows, Y: Rows) -> Optional[Callable[[], object]]:
    """The main job's 1,500 epochs in NumPy, from purenn's initial weights (seed 0)."""
    try:
        import numpy
    except ImportError:
        return None
    from purenn import TwoLayerNetwork

    x, y = numpy.array(X), numpy.array(Y)

    def run() -> float:
        net = TwoLayerNetwork(4, 4, 1, seed=0)
        arrays = [numpy.array(v, dtype=float) for v in (net.W1.tolist(), list(net.b1), net.W2.tolist(), list(net.b2))]
        for _ in range(1500):
            loss = _numpy_step(numpy, *arrays, x, y, 1.0)
        return loss

    return run


def micrograd_epoch(X: Rows, Y: Rows) -> Optional[Callable[[], object]]:
    """One epoch of micrograd's MLP(8, [16, 1]): a graph of scalar Values per sample.

    micrograd has no sigmoid, so this network has a ReLU hidden layer and a
    linear output trained on the squared error: the same sizes and the same
    amount of arithmetic per sample as purenn's network, not the same model.
    """
    try:
        from micrograd.nn import MLP
    except ImportError:
        return None
    random.seed(0)  # micrograd draws its weights from the global random state
    model = MLP(len(X[0]), [16, 1])

    def epoch() -> float:
        model.zero_grad()
        total = 0.0
        for x, y in zip(X, Y):
            out = model(x)
            loss = (out - y[0]) ** 2 * (1.0 / len(X))
            loss.backward()
            total += loss.data
        for p in model.parameters():
            p.data -= 0.1 * p.grad
        return total

    return epoch
