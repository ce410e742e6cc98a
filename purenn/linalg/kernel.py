"""The arithmetic under every ``@``: the matrix product and the dot product.

Every ``@`` in purenn ends up here, so this is the one place where speed
beats plainness. There are two ways to compute, whose results agree to 1e-12
relative (the golden tests pass in both; tests/test_pdb.py compares them):

- the plain way, ``matmul_plain`` and ``dot_plain``: the loops a
  linear-algebra course writes, ``total += a[i][k] * b[k][j]``. Turn it on to
  watch a product happen in a debugger: with the environment variable
  ``PURENN_PLAIN=1`` (read when purenn is imported), or in Python with
  ``plain_mode()``, for good or for a ``with`` block. A debugger's "step"
  (``s`` in pdb) on a line with ``@`` then lands in ``matmul_plain``.
- the fast way, the default: the same sums written with whichever idiom was
  fastest on the running interpreter, chosen once, at import.

The fast choices below were the fastest pure Python on each interpreter when
timed against the plain loop (``benchmarks/dot_kernel.py``; the measured
ratios are in ``benchmarks/README.md``):

- CPython 3.12 and later: ``math.sumprod``, written in C. It accumulates in
  extended precision, so its last digit can differ from a plain loop's.
- CPython 3.8 to 3.11: ``sum(map(operator.mul, xs, ys))``, which keeps the
  loop in C. (From 3.12 ``sum`` of floats is compensated, which makes this
  slower than the plain loop there.)
- PyPy: the plain indexed loop, which its JIT compiles to machine code.

Callers check the shapes; these functions do not. Call them as
``kernel.matmul(...)`` and ``kernel.dot(...)``: the switch rebinds these two
names, which ``from purenn.linalg.kernel import matmul`` would copy once.

>>> a, b = ((1.0, 2.0), (3.0, 4.0)), ((5.0,), (6.0,))
>>> matmul_plain(a, b) == matmul_fast(a, b) == ((17.0,), (39.0,))
True
>>> dot_plain((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)), dot_fast((1.0, 2.0, 3.0), (4.0, 5.0, 6.0))
(32.0, 32.0)
"""

import math
import operator
import os
import platform
import sys
from types import TracebackType
from typing import Callable, Optional, Sequence, Tuple, Type

__all__ = ["KERNEL_NAME", "PLAIN_ENVIRONMENT_VARIABLE", "dot", "is_plain", "matmul", "plain_mode"]

Rows = Tuple[Tuple[float, ...], ...]


# ------------------------------------------------------------ the plain way


def matmul_plain(a: Rows, b: Rows) -> Rows:
    """(m, n) @ (n, p): entry (i, j) is the sum over k of a[i][k] * b[k][j], as on a blackboard."""
    m, n, p = len(a), len(b), len(b[0])
    c = []
    for i in range(m):
        row = []
        for j in range(p):
            total = 0.0
            for k in range(n):
                total += a[i][k] * b[k][j]
            row.append(total)
        c.append(tuple(row))
    return tuple(c)


def dot_plain(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The sum over k of xs[k] * ys[k]."""
    total = 0.0
    for k in range(len(xs)):
        total += xs[k] * ys[k]
    return total


# ------------------------------------------------------------- the fast way


def _dot_map_mul(xs: Sequence[float], ys: Sequence[float]) -> float:
    return sum(map(operator.mul, xs, ys), 0.0)


def _choose() -> Tuple[str, Callable[[Sequence[float], Sequence[float]], float]]:
    if platform.python_implementation() == "PyPy":
        return "plain loop", dot_plain
    if sys.version_info >= (3, 12):
        return "math.sumprod", math.sumprod
    return "sum(map(operator.mul))", _dot_map_mul


KERNEL_NAME, dot_fast = _choose()


def matmul_fast(a: Rows, b: Rows) -> Rows:
    """The same as ``matmul_plain``: each row of a meets each column of b in ``dot_fast``."""
    columns = tuple(zip(*b))  # the transpose of b, built in C
    # A list comprehension runs as one loop; tuple() of a generator would resume it per entry.
    return tuple(tuple([dot_fast(row, column) for column in columns]) for row in a)


# ------------------------------------------------------------------ the switch

PLAIN_ENVIRONMENT_VARIABLE = "PURENN_PLAIN"
"""Set it to 1 before purenn is imported to start in plain mode."""

matmul = matmul_fast
"""The matrix product in use: ``matmul_fast``, or ``matmul_plain`` in plain mode."""

dot = dot_fast
"""The dot product in use: ``dot_fast``, or ``dot_plain`` in plain mode."""


def is_plain() -> bool:
    """True while the plain loops compute every ``@``."""
    return matmul is matmul_plain


class plain_mode:
    """Compute every ``@`` with the plain loops (``on=False``: with the fast idioms).

    It acts at once, so ``plain_mode()`` alone switches for the rest of the
    program; used in a ``with`` block, it puts the previous mode back at the
    end of the block (as ``torch.set_grad_enabled`` does):

    >>> with plain_mode(on=False):
    ...     with plain_mode():
    ...         print(is_plain())
    ...     print(is_plain())
    True
    False
    """

    def __init__(self, on: bool = True) -> None:
        global matmul, dot
        self.previous = is_plain()
        matmul, dot = (matmul_plain, dot_plain) if on else (matmul_fast, dot_fast)

    def __enter__(self) -> "plain_mode":
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        plain_mode(self.previous)


if os.environ.get(PLAIN_ENVIRONMENT_VARIABLE, "") not in ("", "0"):
    plain_mode()
