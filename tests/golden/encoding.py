"""How golden cases are written to JSON; shared by every tests/golden/reference_*.py.

Needs NumPy, like the reference modules that use it, and never imports purenn.
The test side reads the same format with the standard library alone (see
tests/test_golden_core.py).

A golden file is one JSON object::

    {
     "about": "recorded from NumPy by tests/golden/record.py; never edit by hand, re-record",
     "cases": [case, ...],
     "count": <the number of cases, so that a truncated file is noticed>,
     "numpy": "<the NumPy version that computed the expected values>",
     "section": "<the file's name without .json>",
     "seed": <the seed of numpy.random.default_rng that drew the inputs>
    }

A case is one call of one operation::

    {"id": "matmul/3x4@4x2", "op": "matmul", "args": [arg, ...], "expected": result}

``op`` names the operation. The reference module maps it to NumPy, the test
maps it to purenn; an op is therefore a contract between the two, spelled the
same in both places. An ``arg`` is one of::

    {"vector": [x, ...]}          a purenn Vector / a NumPy 1-D float64 array
    {"matrix": [[x, ...], ...]}   a purenn Matrix / a NumPy 2-D float64 array
    {"function": "exp"}           math.exp on the purenn side, numpy.exp on the NumPy side
    any other JSON value          passed as it is: a number, an index, null, a list of numbers

and a ``result`` is one of::

    {"vector": [x, ...], "scale": s}          s: a number, or a list of one per entry
    {"matrix": [[x, ...], ...], "scale": s}   s: a number, or rows of one per entry
    {"float": x, "scale": s}
    {"int": n}                    compared exactly
    {"ints": [n, ...]}            compared exactly; purenn returns a tuple of ints
    {"tuple": [result, ...]}      several results, e.g. Q and R of a QR factorisation

Each float is compared as |actual - expected| <= 1e-12 * max(|expected|, scale).
``scale`` is the size of the terms that went into the expected value, which
the reference computes with NumPy next to the value itself:

- 0 for an entry made by one rounded operation (+, -, *, /, abs, a copy) or
  one libm-quality function (**, exp, tanh...): the entry must then match to
  1e-12 of itself, and in practice matches exactly or to an ulp or two;
- the sum of |terms| for a sum or a dot product (over their count for a
  mean): purenn sums with math.fsum (correctly rounded) and dots with
  math.sumprod (extended precision) on CPython 3.12+ or a plain float sum
  elsewhere, while NumPy adds pairwise or in BLAS order, so two correct
  answers can differ by a few eps times the terms even when cancellation
  leaves a small result;
- for linear algebra, the largest |entry| of the answer (solve, inverse,
  lstsq), 1 for the orthonormal Q, the length of column j of A for column j
  of R, or a bound such as Hadamard's for det; every case is well
  conditioned unless its id says otherwise.

Floats are written by Python's repr (json does this), so they read back
exactly; NaN and infinity are refused. A scale is a size, not a value to
match: it is stored rounded up to three significant digits.
"""

import math
from typing import Callable, Dict, List, Mapping, Tuple, Union

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Function", "Section", "exact_int", "exact_ints", "floats", "several"]

Json = Union[None, bool, int, float, str, List["Json"], Dict[str, "Json"]]
Result = Dict[str, Json]

ABOUT = (
    "Recorded from NumPy by tests/golden/record.py. Never edit this file by hand: "
    "change the reference module and re-record (python tests/golden/record.py)."
)


class Function:
    """A function argument such as exp: math.exp for purenn, numpy.exp for the reference."""

    def __init__(self, name: str) -> None:
        if not hasattr(math, name) or not hasattr(np, name):
            raise ValueError(f"{name!r} must exist in both math and numpy")
        self.name = name

    @property
    def numpy(self) -> Callable[[np.ndarray], np.ndarray]:
        function: Callable[[np.ndarray], np.ndarray] = getattr(np, self.name)
        return function


# ------------------------------------------------------------------ results


def _finite_floats(array: np.ndarray) -> Json:
    if array.dtype != np.float64:
        raise TypeError(f"expected a float64 array, got {array.dtype}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"golden values must be finite, got {array!r}")
    values: Json = array.tolist()  # Python floats, which json writes by repr
    return values


SCALE_DIGITS = 3
"""Significant digits a scale is stored with, rounded up: it says how large the
rounding error may be, so more digits would make files bigger, not tests stricter."""


def _rounded_up(x: float) -> float:
    """x to SCALE_DIGITS significant digits, never below x (0 stays 0).

    >>> _rounded_up(1.2341e-05), _rounded_up(3.0), _rounded_up(0.0)
    (1.24e-05, 3.0, 0.0)
    """
    if x == 0.0:
        return 0.0
    exponent = math.floor(math.log10(x)) - (SCALE_DIGITS - 1)
    rounded = float(f"{math.ceil(x / 10.0**exponent)}e{exponent}")
    return rounded if rounded >= x else float(f"{math.ceil(x / 10.0**exponent) + 1}e{exponent}")


def _scale(scale: ArrayLike, shape: Tuple[int, ...]) -> Json:
    """One scale for every entry, or (an array of the value's shape) one per entry, rounded up."""
    array = np.asarray(scale, dtype=np.float64)
    if not (np.all(np.isfinite(array)) and np.all(array >= 0.0)):
        raise ValueError(f"a scale must be finite and >= 0, got {scale!r}")
    if array.ndim == 0:
        return _rounded_up(float(array))
    if array.shape != shape:
        raise ValueError(f"a scale array must have the value's shape {shape}, got {array.shape}")
    rounded: Json = np.vectorize(_rounded_up, otypes=[np.float64])(array).tolist()
    return rounded


def floats(value: ArrayLike, scale: ArrayLike) -> Result:
    """A float result: a Vector (1-D), a Matrix (2-D) or one number (0-D or a float).

    ``scale`` is one number for every entry, or an array of the value's shape
    when the entries are made of terms of very different sizes.
    """
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        number = float(array)
        if not math.isfinite(number):
            raise ValueError(f"golden values must be finite, got {number!r}")
        return {"float": number, "scale": _scale(scale, ())}
    if array.ndim == 1:
        return {"vector": _finite_floats(array), "scale": _scale(scale, array.shape)}
    if array.ndim == 2:
        return {"matrix": _finite_floats(array), "scale": _scale(scale, array.shape)}
    raise ValueError(f"a result has at most 2 dimensions, got shape {array.shape}")


def exact_int(value: Union[int, np.integer]) -> Result:
    """An int result, compared exactly (an index, a rank)."""
    return {"int": int(value)}


def exact_ints(values: ArrayLike) -> Result:
    """A tuple of ints, compared exactly (argmax along an axis)."""
    return {"ints": [int(v) for v in np.asarray(values).ravel()]}


def several(*results: Result) -> Result:
    """A tuple of results, in order."""
    return {"tuple": list(results)}


# --------------------------------------------------------------- arguments


def _plain(value: object) -> Json:
    """None, a number or a (nested) list of numbers, as JSON; NumPy scalars are refused."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, np.generic):
        raise TypeError(f"pass Python numbers, not {type(value).__name__}: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"golden values must be finite, got {value!r}")
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(f"cannot write {value!r} (a {type(value).__name__}) as a golden argument")


def _encode_arg(value: object) -> Json:
    if isinstance(value, np.ndarray):
        if value.ndim == 1:
            return {"vector": _finite_floats(value)}
        if value.ndim == 2:
            return {"matrix": _finite_floats(value)}
        raise ValueError(f"an array argument has 1 or 2 dimensions, got shape {value.shape}")
    if isinstance(value, Function):
        return {"function": value.name}
    return _plain(value)


# ----------------------------------------------------------------- sections


class Section:
    """The cases of one golden file, built one call at a time.

    ``reference`` maps each op name to a NumPy function that takes the
    arguments (arrays, numbers, Functions, plain lists) and returns a result
    built with ``floats``/``exact_int``/``exact_ints``/``several``.
    ``rng`` is the section's own ``numpy.random.default_rng(seed)``; append new
    cases at the end of a section so that earlier inputs stay the same.
    """

    def __init__(self, name: str, seed: int, reference: Mapping[str, Callable[..., Result]]) -> None:
        self.name = name
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.reference = reference
        self.cases: List[Dict[str, Json]] = []
        self._ids: Dict[str, int] = {}

    def case(self, op: str, label: str, *args: object) -> None:
        """Record op(*args): its inputs and NumPy's output. The id is "op/label"."""
        case_id = f"{op}/{label}"
        if case_id in self._ids:
            raise ValueError(f"duplicate golden case id {case_id!r}")
        if " " in case_id:
            raise ValueError(f"golden case ids have no spaces (pytest -k), got {case_id!r}")
        self._ids[case_id] = len(self.cases)
        arrays = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        expected = self.reference[op](*arrays)
        self.cases.append(
            {"id": case_id, "op": op, "args": [_encode_arg(a) for a in args], "expected": expected}
        )

    def document(self) -> Tuple[str, Mapping[str, object]]:
        """(file name, JSON object) for record.py."""
        if not self.cases:
            raise ValueError(f"section {self.name!r} recorded no cases")
        return f"{self.name}.json", {
            "about": ABOUT,
            "cases": list(self.cases),
            "count": len(self.cases),
            "numpy": np.__version__,
            "section": self.name,
            "seed": self.seed,
        }
