"""The innermost loop of every matrix product: the dot product of two rows.

Every ``@`` in purenn ends up here, once per entry of the result, so this is
the one place where speed beats plainness. The idiom is chosen once, when the
module is imported, for the interpreter that is running. Each stands for the
same plain loop::

    total = 0.0
    for i in range(len(xs)):
        total += xs[i] * ys[i]
    return total

The choices below were the fastest pure Python on each interpreter when
timed against that plain loop (``benchmarks/dot_kernel.py``; the measured
ratios are in ``benchmarks/README.md``):

- CPython 3.12 and later: ``math.sumprod``, written in C. It accumulates in
  extended precision, so its last digit can differ from a plain loop's.
- CPython 3.8 to 3.11: ``sum(map(operator.mul, xs, ys))``, which keeps the
  loop in C. (From 3.12 ``sum`` of floats is compensated, which makes this
  slower than the plain loop there.)
- PyPy: the plain indexed loop, which its JIT compiles to machine code.

Callers check that both sequences have the same length; this function does not.

>>> dot((1.0, 2.0, 3.0), (4.0, 5.0, 6.0))
32.0
"""

import math
import operator
import platform
import sys
from typing import Callable, Sequence, Tuple

__all__ = ["dot", "KERNEL_NAME"]


def _dot_plain_loop(xs: Sequence[float], ys: Sequence[float]) -> float:
    total = 0.0
    for i in range(len(xs)):
        total += xs[i] * ys[i]
    return total


def _dot_map_mul(xs: Sequence[float], ys: Sequence[float]) -> float:
    return sum(map(operator.mul, xs, ys), 0.0)


def _choose() -> Tuple[str, Callable[[Sequence[float], Sequence[float]], float]]:
    if platform.python_implementation() == "PyPy":
        return "plain loop", _dot_plain_loop
    if sys.version_info >= (3, 12):
        return "math.sumprod", math.sumprod
    return "sum(map(operator.mul))", _dot_map_mul


KERNEL_NAME, dot = _choose()
