"""Drills by hand: check a row operation you did yourself, and eliminate without fractions.

A student writes "R2 ← R2 − 3·R1" and the matrix they got; ``check_row_operation``
does the operation exactly and names each entry that differs, with the
arithmetic that gives the right one. ``row_operation`` reads the same text
(``<-`` for ←, ``-`` for −, ``*`` or nothing for ·, ``swap R1, R3`` or
``R1 <-> R3``) and returns the matrix after it.

``fraction_free_ref`` brings a matrix of whole numbers to a row echelon form
without a single fraction, as hand drills often ask: to clear the entry a
under the pivot p, row i becomes p·(row i) − a·(pivot row), and the common
factor of the new row is divided out.

>>> print(row_operation([[1, 2], [3, 4]], "R2 <- R2 - 3R1"))
[[1   2]
 [0  −2]]
>>> print(check_row_operation([[1, 2], [3, 4]], "R2 ← R2 − 3·R1", [[1, 2], [0, 2]]))
not quite: row 2, column 2 should be −2, not 2 (4 − 3·2 = −2)
"""

import math
import re
from fractions import Fraction
from typing import List, NamedTuple, Sequence, Tuple, Union

from purenn.errors import PurennError, ShapeError
from purenn.linalg.elimination import RowOperation, Step, Steps
from purenn.linalg.exact import MINUS, Grid, as_grid, read_number, show

__all__ = ["RowCheck", "check_row_operation", "fraction_free_ref", "parse_row_operation", "row_operation"]

Operation = Union[str, RowOperation, Sequence[RowOperation]]

_TERM = re.compile(r"\s*([+-])?\s*(\([^)]*\)|[0-9./eE]+)?\s*R\s*(\d+)\s*")


def parse_row_operation(text: str, rows: int) -> Tuple[RowOperation, ...]:
    """The elementary operation(s) written in ``text``, for a matrix of ``rows`` rows; rows count from 1.

    "R2 ← 2·R2 − 3·R1" (a multiple of the row itself plus a multiple of
    another) is two operations: a scaling, then an addition.

    >>> parse_row_operation("R2 <- R2 - 3R1", 2)
    (RowOperation.add(1, 0, Fraction(-3, 1)),)
    >>> parse_row_operation("R1 <-> R3", 3), parse_row_operation("R2 = 1/2 R2", 2)
    ((RowOperation.swap(0, 2),), (RowOperation.scale(1, Fraction(1, 2)),))
    >>> parse_row_operation("R2 ← R2 − 3·R2", 2)
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: 'R2 ← R2 − 3·R2' is not an elementary row operation: ...; write R2 ← −2·R2 to scale it
    """
    if not isinstance(text, str):
        raise TypeError(f"a row operation is text like 'R2 ← R2 − 3·R1', got {type(text).__name__}")
    plain = text.replace(MINUS, "-").replace("·", " ").replace("*", " ").replace("↔", "<->").strip()
    swap = re.fullmatch(r"(?:swap\s+)?R\s*(\d+)\s*(?:,|<->)\s*R\s*(\d+)", plain, flags=re.I)
    if swap:
        a, b = (_row(swap.group(k), rows, text) for k in (1, 2))
        if a == b:
            raise PurennError(f"{text!r} swaps a row with itself: name two different rows")
        return (RowOperation.swap(a, b),)
    parts = re.split(r"←|<-|:=|=", plain)
    if len(parts) != 2:
        raise PurennError(f"cannot read {text!r} as a row operation: write it like 'R2 ← R2 − 3·R1' or 'swap R1, R2'")
    target_text, right = parts
    target_match = re.fullmatch(r"\s*R\s*(\d+)\s*", target_text, flags=re.I)
    if not target_match:
        raise PurennError(f"cannot read {text!r}: the left of ← must be one row, like R2")
    target = _row(target_match.group(1), rows, text)
    terms: List[Tuple[int, Fraction]] = []
    position = 0
    right = right.replace("r", "R")
    while position < len(right.rstrip()):
        term = _TERM.match(right, position)
        if term is None or term.end() == position:
            raise PurennError(f"cannot read {text!r} as a row operation: write it like 'R2 ← R2 − 3·R1'")
        sign, number, row = term.groups()
        if terms and sign is None:
            raise PurennError(f"cannot read {text!r}: put + or − between the terms")
        size = read_number(number.strip("()"), f"the factor {number!r} in {text!r}") if number else Fraction(1)
        terms.append((_row(row, rows, text), -size if sign == "-" else size))
        position = term.end()
    if not terms:
        raise PurennError(f"cannot read {text!r} as a row operation: nothing on the right of ←")
    named = [r for r, _ in terms]
    if len(set(named)) != len(named):
        twice = next(r for r in named if named.count(r) > 1)
        if twice == target:
            total = sum((c for r, c in terms if r == target), Fraction(0))
            raise PurennError(f"{text!r} is not an elementary row operation: R{target + 1} appears twice on the "
                              f"right; write R{target + 1} ← {_number(total)}·R{target + 1} to scale it")
        raise PurennError(f"{text!r} names R{twice + 1} twice on the right: combine its terms first")
    own = [c for r, c in terms if r == target]
    others = [(r, c) for r, c in terms if r != target]
    if not own:
        raise PurennError(f"{text!r} replaces R{target + 1} by other rows only, which loses it (not reversible): "
                          f"keep R{target + 1} on the right")
    if len(others) > 1:
        raise PurennError(f"{text!r} adds more than one other row at once: do them one at a time")
    if own[0] == 0:
        raise PurennError(f"{text!r} multiplies R{target + 1} by 0, which loses it (not reversible)")
    operations: List[RowOperation] = []
    if own[0] != 1:
        operations.append(RowOperation.scale(target, own[0]))
    if others:
        operations.append(RowOperation.add(target, others[0][0], others[0][1]))
    if not operations:
        raise PurennError(f"{text!r} leaves R{target + 1} as it is: there is nothing to do")
    return tuple(operations)


def _row(number: str, rows: int, text: str) -> int:
    k = int(number)
    if not 1 <= k <= rows:
        raise ShapeError(f"{text!r} names R{k}, but the matrix has rows R1 to R{rows}")
    return k - 1


def _apply(rows: List[List[Fraction]], op: RowOperation) -> None:
    if op.kind == "swap":
        rows[op.row], rows[op.source] = rows[op.source], rows[op.row]
    elif op.kind == "scale":
        rows[op.row] = [Fraction(op.factor) * x for x in rows[op.row]]
    else:
        rows[op.row] = [x + Fraction(op.factor) * y for x, y in zip(rows[op.row], rows[op.source])]


def _operations(A: Grid, operation: Operation) -> Tuple[RowOperation, ...]:
    if isinstance(operation, str):
        return parse_row_operation(operation, A.shape[0])
    if isinstance(operation, RowOperation):
        return (operation,)
    return tuple(operation)


def row_operation(A: object, operation: Operation) -> Grid:
    """A after the row operation, given as text ("R2 ← R2 − 3·R1") or as RowOperation(s), exactly.

    >>> print(row_operation([[0, 1], [2, 3]], "swap R1, R2"))
    [[2  3]
     [0  1]]
    """
    grid = as_grid(A, "A")
    rows = [[Fraction(x) for x in row] for row in grid.rows]
    for op in _operations(grid, operation):
        _apply(rows, op)
    return as_grid(rows)


class RowCheck(NamedTuple):
    """The verdict on a student's row operation: the operation(s), the right result, what was given, the mistakes."""

    operations: Tuple[RowOperation, ...]
    expected: Grid
    given: Grid
    mistakes: Tuple[str, ...]

    @property
    def correct(self) -> bool:
        """True when the given matrix is the result of the operation."""
        return not self.mistakes

    def __str__(self) -> str:
        if self.correct:
            return "correct: " + ", then ".join(str(op) for op in self.operations)
        return "not quite: " + "; ".join(self.mistakes)


def check_row_operation(A: object, operation: Operation, result: object) -> RowCheck:
    """Check a row operation done by hand: ``result`` is the student's matrix after ``operation`` on A.

    Each entry that differs is named (row and column from 1), with the
    right value and, for an addition, the arithmetic that gives it.

    >>> check_row_operation([[2, 1], [4, 3]], "R2 <- R2 - 2 R1", [[2, 1], [0, 1]]).correct
    True
    """
    grid = as_grid(A, "A")
    given = as_grid(result, "the result")
    if given.shape != grid.shape:
        raise ShapeError(f"the result is {given.shape} but A is {grid.shape}: a row operation keeps the shape")
    operations = _operations(grid, operation)
    expected = row_operation(grid, operations)
    mistakes = []
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            want, got = Fraction(expected[i, j]), Fraction(given[i, j])
            if want != got:
                why = _arithmetic(grid, operations, i, j) if len(operations) == 1 else ""
                mistakes.append(f"row {i + 1}, column {j + 1} should be {_number(want)}, not {_number(got)}{why}")
    return RowCheck(operations, expected, given, tuple(mistakes))


def _arithmetic(A: Grid, operations: Tuple[RowOperation, ...], i: int, j: int) -> str:
    """How entry (i, j) of the result comes out, for one addition: " (4 − 3·2 = -2)"."""
    op = operations[0]
    if op.kind != "add" or op.row != i:
        return ""
    a, b, c = Fraction(A[i, j]), Fraction(A[op.source, j]), Fraction(op.factor)
    sign = MINUS if c < 0 else "+"
    size = abs(c)
    factor = "" if size == 1 else (f"({show(size)})·" if "/" in show(size) else f"{show(size)}·")
    term = f"({_number(b)})" if b < 0 else show(b)
    return f" ({_number(a)} {sign} {factor}{term} = {_number(a + c * b)})"


def _number(x: Fraction) -> str:
    """A number in the notation of the board: −2, 3/4 (one minus sign, −, throughout a verdict)."""
    return show(x)


# ------------------------------------------------------------- fraction-free


def fraction_free_ref(A: object) -> Tuple[Steps, Grid]:
    """A row echelon form of a matrix of whole numbers, reached without fractions, with the working.

    To clear the entry a under the pivot p: R_i ← p·R_i, then R_i ← R_i − a·R_pivot
    (written as two operations), then the common factor of R_i divided out.
    Fractions in A are cleared first, each row multiplied by its common
    denominator; from then on every matrix of the working has whole entries.

    >>> steps, U = fraction_free_ref([[2, 3], [3, 4]])
    >>> print(", ".join(str(op) for op in steps.operations))
    R2 ← 2·R2, R2 ← R2 − 3·R1
    >>> print(U)
    [[2   3]
     [0  −1]]
    """
    grid = as_grid(A, "A")
    if not grid.exact:
        raise TypeError("fraction_free_ref works on whole numbers and fractions, not floats")
    rows = [[Fraction(x) for x in row] for row in grid.rows]
    m, n = grid.shape
    recorded: List[Step] = []

    def do(op: RowOperation) -> None:
        _apply(rows, op)
        recorded.append(Step(op, as_grid(rows)))

    for i, row in enumerate(rows):
        denominator = 1
        for x in row:
            denominator = denominator * x.denominator // math.gcd(denominator, x.denominator)
        if denominator != 1:
            do(RowOperation.scale(i, Fraction(denominator)))
    r = 0
    for k in range(n):
        if r == m:
            break
        pivot = next((i for i in range(r, m) if rows[i][k] != 0), None)
        if pivot is None:
            continue
        if pivot != r:
            do(RowOperation.swap(r, pivot))
        for i in range(r + 1, m):
            a, p = rows[i][k], rows[r][k]
            if a == 0:
                continue
            # R_i ← (|p|/g)·R_i − sign(p)·(a/g)·R_r clears the entry: (|p|/g)·a − sign(p)·(a/g)·p = 0
            g = math.gcd(int(a), int(p))
            if abs(int(p)) // g != 1:
                do(RowOperation.scale(i, Fraction(abs(int(p)) // g)))
            do(RowOperation.add(i, r, Fraction(-int(a) // g) * (1 if p > 0 else -1)))
            common = 0
            for x in rows[i]:
                common = math.gcd(common, int(x))
            if common > 1:
                do(RowOperation.scale(i, Fraction(1, common)))
        r += 1
    return Steps(grid, recorded), as_grid(rows)
