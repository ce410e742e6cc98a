"""The arithmetic under every ``@``: the matrix product and the dot product.

A Matrix keeps its m·n entries in one flat tuple, row after row, as NumPy
keeps an array in one block of memory: entry (i, k) of an (m, n) matrix ``a``
is ``a[i * n + k]``, row i is the slice ``a[i * n:(i + 1) * n]`` and column k
is the slice ``a[k::n]``, every n-th entry from the k-th on. The functions
here take and return that flat form, with the shapes alongside.

Every ``@`` in purenn ends up here, so this is the one place where speed
beats plainness. There are two ways to compute, whose results agree to 1e-12
relative (the golden tests pass in both; tests/test_pdb.py compares them):

- the plain way, ``matmul_plain`` and ``dot_plain``: the loops a
  linear-algebra course writes, ``total += A[i][k] * B[k][j]``, over the
  rows of a and of b, each cut once from the flat tuple. Turn it on to
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
- PyPy: the plain loop itself, which its JIT compiles to machine code, over
  lists of floats copied once from the tuples.

On CPython a fast product cuts a into its rows and b into its columns once
(slices, made in C) and computes every entry in one list comprehension,
with no Python function call per dot product. When the inner dimension is 1 (an
(m, 1) @ (1, p) product, as in the network's equation (10) with one output)
entry (i, j) is the single term a[i] * b[j] (benchmarks/README.md has the
measurements).

Two more fast idioms live here, used in both modes: ``transpose`` and
``all_floats``, the check that ``Matrix.map`` makes of its function's results.

Callers check the shapes; these functions do not. Call them as
``kernel.matmul(...)`` and ``kernel.dot(...)``: the switch rebinds these two
names, which ``from purenn.linalg.kernel import matmul`` would copy once.

>>> a, b = (1.0, 2.0, 3.0, 4.0), (5.0, 6.0)   # a is (2, 2), b is (2, 1), row after row
>>> matmul_plain(a, b, 2, 2, 1) == matmul_fast(a, b, 2, 2, 1) == (17.0, 39.0)
True
>>> dot_plain((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)), dot_fast((1.0, 2.0, 3.0), (4.0, 5.0, 6.0))
(32.0, 32.0)
>>> matmul_fast((2.0, 3.0), (1.0, 10.0), 2, 1, 2) == matmul_plain((2.0, 3.0), (1.0, 10.0), 2, 1, 2)
True
>>> transpose((1.0, 2.0, 3.0, 4.0, 5.0, 6.0), 2, 3), all_floats((1.0, 2))
((1.0, 4.0, 2.0, 5.0, 3.0, 6.0), False)
"""

import math
import operator
import os
import platform
import sys
from itertools import chain
from types import TracebackType
from typing import Callable, List, Optional, Sequence, Tuple, Type

__all__ = ["KERNEL_NAME", "PLAIN_ENVIRONMENT_VARIABLE", "dot", "is_plain", "matmul", "plain_mode"]

Flat = Tuple[float, ...]
"""A matrix's entries, row after row."""

Product = Callable[[Flat, Flat, int, int, int], Flat]


# ------------------------------------------------------------ the plain way


def matmul_plain(a: Flat, b: Flat, m: int, n: int, p: int) -> Flat:
    """(m, n) @ (n, p): entry (i, j) is the sum over k of A[i][k] * B[k][j], as on a blackboard.

    A[i] is row i of a, the n entries of the flat tuple from i * n on, and
    B[k] is row k of b; both are cut once, before the loops. The entries of
    the result come row after row. When n is 1 each sum is its one term,
    A[i][0] * B[0][j], and the loop over k is left out.
    """
    # the rows: zip takes n entries in turn from one iterator over a, so each tuple it makes is the
    # next row (the same as [a[i * n:(i + 1) * n] for i in range(m)], made in C: a debugger's "step"
    # goes straight on to the loops)
    A = list(zip(*[iter(a)] * n))
    B = list(zip(*[iter(b)] * p))
    c = []
    if n == 1:  # (m, 1) @ (1, p): each sum has one term, so there is no loop over k to set up m * p times
        for i in range(m):
            for j in range(p):
                c.append(A[i][0] * B[0][j])
        return tuple(c)
    ks = range(n)  # the k of every sum, 0 to n - 1: made once here rather than once per entry
    for i in range(m):
        for j in range(p):
            total = 0.0
            for k in ks:
                total += A[i][k] * B[k][j]
            c.append(total)
    return tuple(c)


def dot_plain(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The sum over k of xs[k] * ys[k]."""
    total = 0.0
    for k in range(len(xs)):
        total += xs[k] * ys[k]
    return total


# ------------------------------------------------------------- the fast way
#
# Each function below computes what matmul_plain computes, with the idiom that
# was fastest on the running interpreter; the plain loop is in its comment.


def _outer(a: Flat, b: Flat) -> Flat:
    """(m, 1) @ (1, p): entry (i, j) is a[i] * b[j], the sum's only term."""
    # for i: for j: c.append(a[i] * b[j])   (as matmul_plain does when n is 1)
    return tuple([x * y for x in a for y in b])


def _matmul_sum_map(a: Flat, b: Flat, m: int, n: int, p: int) -> Flat:
    """CPython 3.8 to 3.11: ``sum(map(operator.mul, row, column))`` keeps each dot product in C."""
    if n == 1:
        return _outer(a, b)
    rows = [a[i:i + n] for i in range(0, m * n, n)]  # row i of a: n entries from i * n on
    columns = [b[j::p] for j in range(p)]  # column j of b: every p-th entry from j on
    mul = operator.mul
    # for i: for j: c.append(dot_plain(row i of a, column j of b))
    return tuple([sum(map(mul, row, column), 0.0) for row in rows for column in columns])


if sys.version_info >= (3, 12):

    def _matmul_sumprod(a: Flat, b: Flat, m: int, n: int, p: int) -> Flat:
        """CPython 3.12 and later: ``math.sumprod``, one C call per dot product."""
        if n == 1:
            return _outer(a, b)
        rows = [a[i:i + n] for i in range(0, m * n, n)]
        columns = [b[j::p] for j in range(p)]
        sumprod = math.sumprod
        # for i: for j: c.append(dot_plain(row i of a, column j of b))
        return tuple([sumprod(row, column) for row in rows for column in columns])


def _matmul_pypy(a: Flat, b: Flat, m: int, n: int, p: int) -> Flat:
    """PyPy: the plain loop, which its JIT compiles to machine code, over lists copied once from a and b's columns."""
    if n == 1:
        return _outer(a, b)
    # PyPy keeps the floats of a list as bare numbers, those of a tuple as pointers to float objects: read
    # from lists copied once, each term skips a pointer and a type check (benchmarks/README.md). Reading
    # column j from its own copy, in order, was also faster than striding through b.
    entries = list(a)
    columns = [list(b[j::p]) for j in range(p)]
    c = []
    for start in range(0, m * n, n):  # where row i of a starts: i * n
        for column in columns:
            total = 0.0
            for k in range(n):
                total += entries[start + k] * column[k]
            c.append(total)
    return tuple(c)


def _dot_map_mul(xs: Sequence[float], ys: Sequence[float]) -> float:
    return sum(map(operator.mul, xs, ys), 0.0)


def _choose() -> Tuple[str, Product, Callable[[Sequence[float], Sequence[float]], float]]:
    if platform.python_implementation() == "PyPy":
        return "plain loop", _matmul_pypy, dot_plain
    if sys.version_info >= (3, 12):
        return "math.sumprod", _matmul_sumprod, math.sumprod
    return "sum(map(operator.mul))", _matmul_sum_map, _dot_map_mul


KERNEL_NAME, matmul_fast, dot_fast = _choose()


def _transpose_slices(a: Flat, m: int, n: int) -> Flat:
    """CPython: column j of a is the slice a[j::n], made in C, and chain joins them.

    >>> _transpose_slices((1.0, 2.0, 3.0), 3, 1)  # a single column: only the shape changes
    (1.0, 2.0, 3.0)
    >>> square = (1.0, 2.0, 3.0, 4.0)
    >>> _transpose_pypy(square, 2, 2) == _transpose_slices(square, 2, 2) == (1.0, 3.0, 2.0, 4.0)
    True
    """
    if m == 1 or n == 1:  # a single row or column keeps its entries in the same order: only the shape changes
        return a
    # for j: for i: t.append(a[i * n + j])
    return tuple(chain.from_iterable([a[j::n] for j in range(n)]))


def _transpose_pypy(a: Flat, m: int, n: int) -> Flat:
    """PyPy: the loop, into a list that starts out holding False rather than floats."""
    if m == 1 or n == 1:
        return a
    # A list of floats would store bare numbers, and tuple() would then make a new float object for each:
    # a list that holds a non-float keeps the objects of a as they are (about 3x faster for 1,346 x 64).
    t: List[float] = [False] * (m * n)
    for i in range(m):
        for j in range(n):
            t[j * m + i] = a[i * n + j]
    return tuple(t)


def all_floats(values: Sequence[object]) -> bool:
    """True when every value is a float (not an int, a bool or a float subclass); the same in both modes.

    >>> all_floats((1.0, 2.0)), all_floats((1.0, True)), all_floats([])
    (True, False, True)
    """
    # for x in values: if type(x) is not float: return False   (on PyPy too: that loop alone was about 7x
    # faster there, but the digits epoch took 18% longer with it)
    return set(map(type, values)) <= {float}


# transpose(a, m, n): the transpose of an (m, n) matrix, row after row (column j of a becomes row j), the
# same in both modes
transpose = _transpose_pypy if platform.python_implementation() == "PyPy" else _transpose_slices


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
