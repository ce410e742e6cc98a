"""Gaussian elimination, written once: the loop under every answer and every piece of working.

``solve``, ``det``, ``inverse``, ``rank`` and ``lu`` (the float answers of
``operations.py`` and ``decompositions.py``) and ``rref``, ``ref``,
``solve_steps``, ``det_steps``, ``inverse_steps`` (the working of
``elimination.py``, in exact fractions or in floats) all call
``eliminate`` below. They choose the same pivots, judge the same entries to
be zero and do the same arithmetic, so an answer and its working cannot
disagree.

The loop, as Strang writes it:

1. Forward. For each column k, from left to right: choose a pivot among the
   entries of column k that are not zero, from the next pivot row down, and
   swap its row up; subtract multiples of the pivot row from the rows below
   it, so that column k is 0 under the pivot. A column with no entry that is
   not zero has no pivot and is skipped (its variable is free). The result
   is a row echelon form U, whose pivots are not scaled: det = (−1)^swaps ×
   (the product of the pivots).
2. Backward (only for the reduced form, rref). For each pivot, from the
   bottom up: divide its row by the pivot, then subtract multiples of that
   row from the rows above it, so that the pivot is the only entry of its
   column that is not 0. Every decision was taken in step 1.

Which pivot: with exact Fractions, the first entry that is not 0, as on the
board; with floats, the largest in size ("partial pivoting"), which keeps
every multiplier at most 1 in size and so the rounding errors small.

**The zero rule** (floats only; a Fraction is zero when it is 0). A float
subtraction x − y leaves an error of about eps (2.2e-16) times the size of x
and y, not of the result: 0.3 − 3·0.1 is 5.6e-17, not 0. So beside every
entry the loop keeps a bound on the rounding error it may carry (the input
counts as exact; each operation adds its own rounding, and the errors of
the numbers it used, in proportion: ``_carried``), and

    an entry counts as zero when it is no larger than its error bound.

The rule is relative to the entry's own history, so multiplying an
equation (a row) or an unknown (a column) by 1e-20 or 1e20 changes nothing:
[[1e-20, 0], [0, 1]] is as regular as the identity, and [[4, 4e20], [0, 6]]
has rank 2. An entry judged zero is set to exactly 0, so that a float rref
shows 0 where the rule saw nothing; the right-hand side c of an equation
that reads 0 = c is judged by the same rule (``is_zero``).

>>> rows = [[2.0, 1.0, 3.0], [4.0, 3.0, 5.0]]
>>> done = eliminate(rows, 2, 1.0, reduced=True)
>>> done.pivots, done.swaps, rows
([0, 1], 1, [[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
"""

import math
import sys
from fractions import Fraction
from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple, TypeVar

from purenn.errors import PurennError, ShapeError, SingularMatrixError

__all__ = ["EPS", "Elimination", "check_divisible", "eliminate", "finite_rows", "is_zero", "signed_product", "square"]

F = TypeVar("F", Fraction, float)
"""The field the elimination works in: exact Fractions, or floats."""

EPS = sys.float_info.epsilon
"""The gap between 1.0 and the next float, about 2.2e-16."""

Record = Callable[[str, int, int, F], None]
"""Told of every row operation as it happens: (kind, row, source, factor), kind "swap", "scale" or "add"."""


# ------------------------------------------------------------ the zero rule


def is_zero(x: float, error: float) -> bool:
    """The zero rule: x counts as 0 when it is no larger than the rounding error it may carry.

    >>> is_zero(0.3 - 3 * 0.1, EPS * (0.3 + 0.3)), is_zero(1e-20, 0.0), is_zero(0.0, 0.0)
    (True, False, True)
    """
    return abs(x) <= error


def check_divisible(rows: Sequence[Sequence[float]], columns: int, doing: str = "reduce") -> None:
    """Refuse a row whose largest entry (among the first ``columns``) is subnormal: too few digits to divide by.

    A subnormal number (below 2.2e-308 in size) keeps only a few significant
    digits; ``doing`` begins the message ("cannot solve: ...").

    >>> check_divisible([[1e-310, 0.0], [0.0, 1.0]], 2, "solve")
    Traceback (most recent call last):
    ...
    purenn.errors.SingularMatrixError: cannot solve: ...1e-310, a subnormal number...too few significant digits...
    """
    for i, row in enumerate(rows):
        size = max(abs(x) for x in row[:columns])
        if 0.0 < size < sys.float_info.min:
            raise SingularMatrixError(
                f"cannot {doing}: the largest entry of row {i + 1} is {size!r}, a subnormal number (below "
                f"{sys.float_info.min:.3g}) with too few significant digits to divide by; multiply that row "
                "(and its right-hand side) by a large number first"
            )


def finite_rows(rows: Sequence[Sequence[float]], doing: str, name: str = "the matrix") -> List[List[float]]:
    """The rows as lists of floats, or a PurennError naming the first entry that is NaN or infinite.

    >>> finite_rows([[1.0, float("nan")]], "take the determinant of")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: cannot take the determinant of the matrix: ...nan; every entry must be finite
    """
    checked = []
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise PurennError(
                    f"cannot {doing} {name}: the entry at row {i + 1}, column {j + 1} is {x!r}; "
                    "every entry must be finite"
                )
        checked.append([float(x) for x in row])
    return checked


def square(shape: Tuple[int, int], doing: str) -> int:
    """The size n of a square (n, n) shape; ``doing`` completes "cannot ... a (2, 3) matrix".

    >>> square((2, 3), "take the determinant of")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot take the determinant of a (2, 3) matrix: it must be square
    """
    rows, columns = shape
    if rows != columns:
        raise ShapeError(f"cannot {doing} a {shape} matrix: it must be square")
    return rows


# ---------------------------------------------------------------- the loop


class Elimination(NamedTuple):
    """What the loop found: the pivot columns (their count is the rank), the number of row swaps, and,
    in floats, the error bound of every entry after the forward pass (the zero rule), for a right-hand side."""

    pivots: List[int]
    swaps: int
    errors: List[List[float]]


def eliminate(
    rows: List[List[F]],
    columns: int,
    one: F,
    reduced: bool = False,
    record: Optional[Record[F]] = None,
    tolerance: Optional[float] = None,
) -> Elimination:
    """Row-reduce ``rows`` in place over their first ``columns`` columns (see the module docstring).

    Further columns (right-hand sides) are carried along. ``one`` is 1 in
    the field (``Fraction(1)`` or ``1.0``); ``reduced`` goes on to the
    reduced form; ``record`` hears of every operation, after it is done.
    ``tolerance``, if given, replaces the zero rule for floats: an entry no
    larger than it counts as zero (``rank(A, tol)``).

    >>> rows = [[Fraction(0), Fraction(2)], [Fraction(3), Fraction(1)]]
    >>> eliminate(rows, 2, Fraction(1)).pivots, rows == [[3, 1], [0, 2]]
    ([0, 1], True)
    """
    zero = one - one
    m = len(rows)
    exact = isinstance(one, Fraction)
    # in floats, a bound on the rounding error each entry carries (see the zero rule); the input is exact
    errors = [] if exact else [[0.0] * len(row) for row in rows]

    def negligible(i: int, j: int) -> bool:
        x = rows[i][j]
        if exact or x == zero:
            return x == zero
        if tolerance is not None:
            return abs(float(x)) <= tolerance
        return is_zero(float(x), errors[i][j])

    pivots: List[int] = []
    swaps = 0
    r = 0  # the row the next pivot goes to
    for k in range(columns):
        if r == m:
            break
        candidates = []
        for i in range(r, m):
            if negligible(i, k):
                rows[i][k] = zero  # judged zero by the rule: it is 0
            else:
                candidates.append(i)
        if not candidates:
            continue  # no pivot in this column: its variable is free
        # exact: the first entry that is not 0; floats: the largest (partial pivoting)
        best = candidates[0] if exact else max(candidates, key=lambda i: abs(rows[i][k]))
        if best != r:
            rows[r], rows[best] = rows[best], rows[r]
            if not exact:
                errors[r], errors[best] = errors[best], errors[r]
            swaps += 1
            if record is not None:
                record("swap", r, best, one)
        pivot_row = rows[r]
        for i in range(r + 1, m):
            if rows[i][k] == zero:
                continue
            # row_i ← row_i − ℓ_ik · row_r, with the multiplier ℓ_ik = a_ik / pivot
            multiplier = rows[i][k] / pivot_row[k]
            row = rows[i]
            rows[i] = row[:k] + [zero] + [x - multiplier * p for x, p in zip(row[k + 1:], pivot_row[k + 1:])]
            if not exact:
                errors[i] = _carried(errors[i], errors[r], row, pivot_row, rows[i], k, float(multiplier))
            if record is not None:
                record("add", i, r, -multiplier)
        pivots.append(k)
        r += 1
    if reduced:
        _backward(rows, pivots, one, record)
    return Elimination(pivots, swaps, errors)


def _backward(rows: List[List[F]], pivots: Sequence[int], one: F, record: Optional[Record[F]]) -> None:
    """Step 2 of the loop, for the reduced form: from the bottom pivot up, scale its row so that the pivot
    is 1, then clear its column above it. Every pivot was chosen in step 1; only ``eliminate`` calls this.

    >>> rows = [[2.0, 4.0, 6.0], [0.0, 1.0, 1.0]]
    >>> _backward(rows, [0, 1], 1.0, None)
    >>> rows
    [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]
    """
    zero = one - one
    for r in reversed(range(len(pivots))):
        k = pivots[r]
        pivot = rows[r][k]
        if pivot != one:
            # row_r ← row_r / pivot, so that the pivot is 1
            rows[r] = rows[r][:k] + [one] + [x / pivot for x in rows[r][k + 1:]]
            if record is not None:
                record("scale", r, r, one / pivot)
        for i in range(r):
            c = rows[i][k]
            if c == zero:
                continue
            # row_i ← row_i − c · row_r clears column k above the pivot
            rows[i] = rows[i][:k] + [zero] + [x - c * p for x, p in zip(rows[i][k + 1:], rows[r][k + 1:])]
            if record is not None:
                record("add", i, r, -c)


def _carried(
    before: List[float], pivot_errors: List[float], row: Sequence[F], pivot_row: Sequence[F], after: Sequence[F],
    k: int, multiplier: float,
) -> List[float]:
    """The error bounds of row_i after row_i ← row_i − ℓ · row_r, with ℓ = a_ik / a_rk (see the zero rule).

    To first order, with e the bound of each entry and eps the rounding of
    one operation:

        e(ℓ) = eps |ℓ| + (e(a_ik) + |ℓ| e(a_rk)) / |a_rk|
        e(new a_ij) = e(a_ij) + |ℓ| e(a_rj) + e(ℓ) |a_rj| + eps (|ℓ a_rj| + |new a_ij|)
    """
    size = abs(multiplier)
    e_multiplier = EPS * size + (before[k] + size * pivot_errors[k]) / abs(float(pivot_row[k]))
    carried = before[:k + 1]
    for j in range(k + 1, len(row)):
        y = abs(float(pivot_row[j]))
        carried.append(before[j] + size * pivot_errors[j] + e_multiplier * y + EPS * (size * y + abs(float(after[j]))))
    return carried


def signed_product(values: Sequence[F], negative: bool, one: F) -> F:
    """±(the product of ``values``): det = (−1)^swaps × (the product of the pivots). ``one`` names the field.

    With floats the product is kept as a mantissa and a power of two
    (``math.frexp``), which rounds as the plain product does but finds a
    value that fits a float even when a partial product would not (beyond
    1.8e308 it is inf, as in NumPy).

    >>> signed_product([Fraction(2), Fraction(-8), Fraction(1)], True, Fraction(1))
    Fraction(16, 1)
    >>> signed_product([2.0**1000, 2.0**1000, 2.0**-1000], False, 1.0) == 2.0**1000
    True
    """
    if isinstance(one, float):
        mantissa, exponent = (-1.0 if negative else 1.0), 0
        for x in values:
            mantissa, power = math.frexp(mantissa * x)
            exponent += power
        try:
            return math.ldexp(mantissa, exponent)
        except OverflowError:  # beyond the largest float
            return math.copysign(math.inf, mantissa)
    product = -one if negative else one
    for x in values:
        product = product * x
    return product
