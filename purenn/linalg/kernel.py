"""The innermost loop of every matrix product: the dot product of two rows.

Every ``@`` in purenn ends up here, once per entry of the result, so this is
the one place where speed beats plainness. The idiom is chosen once, when the
module is imported, for the interpreter that is running. Each stands for the
same plain loop::

    total = 0.0
    for i in range(len(xs)):
        total += xs[i] * ys[i]
    return total

Measured on (768 x 8) @ (8 x 16), as the time of a plain triple loop divided
by the time of each way, in the same process (``benchmarks/dot_kernel.py``;
the table is in ``benchmarks/README.md``), the choices below were the
fastest pure Python on each interpreter:

- CPython 3.12 and later: ``math.sumprod``, written in C: 1.65 to 1.8 times
  the loop. It also accumulates in extended precision, so its last digit can
  differ from a plain loop's. (From 3.12, ``sum`` of floats is compensated
  too, which makes ``sum(map(...))`` slower than the loop there.)
- CPython 3.8 to 3.11: ``sum(map(operator.mul, xs, ys))``, which keeps the
  loop in C: 1.6 to 1.8 times the loop on 3.8 to 3.10, but only 1.1 to 1.2
  times on 3.11, whose own loops got twice as fast.
- PyPy: the plain indexed loop, which its JIT compiles to machine code; the
  other idioms are within 10% of it.

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
