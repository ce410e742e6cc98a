"""How close purenn must come to a golden value, and how close two recordings must be.

Standard library only. Shared by the golden tests (tests/golden_compare.py,
tests/test_golden_core.py), which compare purenn with NumPy, and by
``record.py --check``, which compares a fresh recording with the files on
disk, so that both apply one rule:

    relative error = |actual − expected| / max(|expected|, scale) <= tolerance

with the tolerance of ``tolerance(section, op, name)``: 1e-12 for a value
made by a single pass, 1e-9 for weights and losses after many training
updates, where rounding differences have had many updates in which to grow.

Why ``--check`` cannot ask for the same bytes: NumPy's matrix product (and
its SIMD exp, log...) rounds the last bit differently on different CPUs, so
the same NumPy version records values that differ in their last digits from
one machine to another. Two recordings agree when every value agrees within
the tests' own tolerance; the inputs, ids and everything that is not a float
must be the same.

>>> relative_error(1.0 + 1e-15, 1.0, 0.0) < 1e-12
True
>>> tolerance("network", "fit", "W1"), tolerance("network", "forward_backward", "z1")
(1e-09, 1e-12)
"""

import math
from typing import Any, List

__all__ = ["SINGLE_PASS", "TRAINED", "differences", "relative_error", "tolerance"]

SINGLE_PASS = 1e-12
TRAINED = 1e-9

SCALE_AGREEMENT = 0.01
"""How far two recordings' scales may differ, relatively: scales are stored rounded
up to three significant digits, so one that sits at a rounding boundary can come
out one unit of the third digit apart."""


def relative_error(actual: float, expected: float, scale: float) -> float:
    """|actual - expected| / max(|expected|, scale): the one comparison rule of the golden tests.

    ``scale`` is recorded by NumPy next to each expected value
    (tests/golden/encoding.py): the size of the terms the value was made of.
    It is 0 for an entry made by one rounded operation (+ - * /, abs, **,
    exp...), so the entry must match to the tolerance of itself. For a sum or
    a dot product it is the sum of |terms|: purenn sums with math.fsum
    (correctly rounded) and, on CPython 3.12+, dots with math.sumprod
    (extended precision), while NumPy adds pairwise or in BLAS order, so two
    correct results differ by a few eps times the terms even when
    cancellation makes the result itself small. For linear algebra it is the
    size of the answer (or of the columns of A, or Hadamard's bound for det)
    on well-conditioned inputs; for values made in many steps, a bound that
    grows with every step (see tests/golden/reference_network.py).
    """
    difference = abs(actual - expected)
    if difference == 0.0:
        return 0.0
    if math.isnan(difference):
        return math.inf
    size = max(abs(expected), scale)
    return difference / size if size > 0.0 else math.inf


def tolerance(section: str, op: str, name: str) -> float:
    """The largest relative error allowed for the result ``name`` of a case of ``op`` in a golden file.

    After training ("fit" in network.json, "train" in mlp.json) the weights
    and losses get 1e-9; everything else, learning rates included (one
    formula each), gets 1e-12.
    """
    if (section, op) in (("network", "fit"), ("mlp", "train")) and name != "learning_rates":
        return TRAINED
    return SINGLE_PASS


def differences(old: Any, new: Any, limit: float, where: str) -> List[str]:
    """Where two decoded JSON values differ by more than ``limit``: a line for each.

    Floats are compared by ``relative_error``. In a result (a dict with a
    "scale") the values are compared under the larger of the two recordings'
    scales, and the scales themselves to within SCALE_AGREEMENT; everything
    else (ints, strings, the shape of lists and dicts) must be equal.

    >>> differences({"vector": [1.0, 2.0], "scale": 0.0}, {"vector": [1.0, 2.0000000000000004], "scale": 0.0}, 1e-12, "v")
    []
    >>> differences([1.0, 2], [1.0, 3], 1e-12, "args")
    ['args[1]: 2 recorded, 3 now']
    """
    if isinstance(old, dict) and isinstance(new, dict):
        if sorted(old) != sorted(new):
            return [f"{where}: keys {sorted(old)} recorded, {sorted(new)} now"]
        scale = _larger_scale(old.get("scale"), new.get("scale"))
        found = []
        for key in sorted(old):
            if scale is None:
                found += differences(old[key], new[key], limit, f"{where}.{key}")
            elif key == "scale":
                found += _values(old[key], new[key], 0.0, SCALE_AGREEMENT, f"{where}.{key}")
            else:
                found += _values(old[key], new[key], scale, limit, f"{where}.{key}")
        return found
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{where}: length {len(old)} recorded, {len(new)} now"]
        return [line for i, (a, b) in enumerate(zip(old, new)) for line in differences(a, b, limit, f"{where}[{i}]")]
    return _values(old, new, 0.0, limit, where)


def _larger_scale(old: Any, new: Any) -> Any:
    """Entry by entry, the larger of two recorded scales (None when there are none)."""
    if old is None or new is None:
        return None
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [_larger_scale(a, b) for a, b in zip(old, new)]
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return max(old, new)
    return None


def _values(old: Any, new: Any, scale: Any, limit: float, where: str) -> List[str]:
    """Compare two values under the scale that goes with them (a number, or nested lists of numbers)."""
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return [f"{where}: length {len(old)} recorded, {len(new)} now"]
        scales = scale if isinstance(scale, list) else [scale] * len(old)
        return [
            line for i, (a, b, s) in enumerate(zip(old, new, scales)) for line in _values(a, b, s, limit, f"{where}[{i}]")
        ]
    if isinstance(old, float) and isinstance(new, float) and isinstance(scale, (int, float)):
        error = relative_error(new, old, scale)
        return [] if error <= limit else [f"{where}: {old!r} recorded, {new!r} now: relative error {error:.3g} > {limit}"]
    if type(old) is not type(new) or old != new:
        return [f"{where}: {old!r} recorded, {new!r} now"]
    return []
