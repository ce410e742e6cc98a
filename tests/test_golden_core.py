"""Golden tests: purenn's Vector, Matrix and linalg against outputs recorded from NumPy.

tests/golden/core_*.json hold fixed inputs and NumPy's outputs for them,
written by tests/golden/record.py from tests/golden/reference_core.py (the
file format is described in tests/golden/encoding.py). Never edit them by
hand: change the reference and re-record.

This test needs only the standard library and pytest. Each recorded case is
its own test: run purenn on the stored inputs, then compare with NumPy's
answer, the type and shape first, then every value under the one rule in
``relative_error`` (tests/golden/tolerance.py, shared with the other golden
tests and with ``record.py --check``).

Run it as a module, from the repository's root, to print the largest error
per operation on the running interpreter:

    python -m tests.test_golden_core
"""

import json
import math
import operator
import pathlib
import platform
import sys
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

from purenn import Matrix, Vector
from purenn.linalg import operations as linalg
from purenn.linalg.kernel import KERNEL_NAME
from tests.golden.tolerance import SINGLE_PASS, relative_error

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"
GOLDEN_FILES = ("core_elementwise.json", "core_products.json", "core_linalg.json")
MINIMUM_CASES = 500  # 513 when first recorded: a re-recording that loses many cases must be noticed

RELATIVE_TOLERANCE = SINGLE_PASS  # every core value is made by a single operation

Case = Dict[str, Any]  # one JSON case: {"id", "op", "args", "expected"}
Entry = Tuple[str, float, float, float]  # (where, purenn's value, NumPy's value, scale)


# ------------------------------------------------------ the golden files


def _load_all() -> Tuple[List[Case], List[str]]:
    """Every case of every golden file, and a list of what is wrong with the files."""
    cases: List[Case] = []
    problems: List[str] = []
    for name in GOLDEN_FILES:
        path = GOLDEN / name
        if not path.is_file():
            problems.append(f"{path} is missing; record it with: python tests/golden/record.py")
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        found = document.get("cases", [])
        if not found:
            problems.append(f"{name} holds no cases")
        if len(found) != document.get("count"):
            problems.append(f"{name} holds {len(found)} cases but was recorded with {document.get('count')}")
        cases.extend(found)
    return cases, problems


CASES, PROBLEMS = _load_all()

# Cases where purenn disagrees with NumPy because of a bug in purenn. They run
# as strict xfails (like the "purenn bug" tests elsewhere in tests/): once the
# bug is fixed they pass, pytest reports XPASS as a failure, and the entry here
# must go. None is known at present.
KNOWN_BUGS: Dict[str, str] = {}


# ------------------------------------------- each op as a call into purenn

FUNCTIONS: Dict[str, Callable[[float], float]] = {
    "exp": math.exp,
    "log": math.log,
    "sin": math.sin,
    "sqrt": math.sqrt,
    "tanh": math.tanh,
}

OPERATIONS: Dict[str, Callable[..., object]] = {
    # construction
    "Vector": Vector,
    "Matrix": Matrix,
    "Matrix.from_rows": Matrix.from_rows,
    "Matrix.from_columns": Matrix.from_columns,
    "Vector.zeros": Vector.zeros,
    "Vector.ones": Vector.ones,
    "Vector.full": Vector.full,
    "Matrix.zeros": Matrix.zeros,
    "Matrix.ones": Matrix.ones,
    "Matrix.full": Matrix.full,
    "Matrix.identity": Matrix.identity,
    # shape and indexing
    "T": lambda m: m.T,
    "transpose": lambda m: m.transpose(),
    "row": lambda m, i: m.row(i),
    "column": lambda m, j: m.column(j),
    "getitem": lambda x, i: x[i],
    "getitem_pair": lambda m, i, j: m[i, j],
    "slice": lambda x, start, stop: x[start:stop],
    "take": lambda m, indices: m.take(indices),
    # elementwise: the operands' types pick __add__ or __radd__, broadcasting...
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "truediv": operator.truediv,
    "neg": operator.neg,
    "pos": operator.pos,
    "abs": abs,
    "pow": operator.pow,
    "map": lambda x, f: x.map(f),
    # products
    "matmul": operator.matmul,
    "Matrix.matmul": lambda a, b: a.matmul(b),
    "Vector.dot": lambda u, v: u.dot(v),
    "dot": linalg.dot,
    "outer": linalg.outer,
    # reductions
    "sum": lambda x: x.sum(),
    "sum_axis": lambda m, axis: m.sum(axis=axis),
    "mean": lambda x: x.mean(),
    "mean_axis": lambda m, axis: m.mean(axis=axis),
    "max": lambda x: x.max(),
    "max_axis": lambda m, axis: m.max(axis=axis),
    "min": lambda x: x.min(),
    "min_axis": lambda m, axis: m.min(axis=axis),
    "argmax": lambda v: v.argmax(),
    "argmin": lambda v: v.argmin(),
    "argmax_axis": lambda m, axis: m.argmax(axis=axis),
    # linear algebra
    "solve": linalg.solve,
    "det": linalg.det,
    "inverse": linalg.inverse,
    "trace": linalg.trace,
    "norm": linalg.norm,
    "rank": linalg.rank,
    "qr": linalg.qr,
    "lstsq": linalg.lstsq,
    "fit_line": linalg.fit_line,
}


def decode(arg: Any) -> Any:
    """A JSON argument as purenn takes it: {"vector": ...} -> Vector, and so on."""
    if not isinstance(arg, dict):
        return arg  # a number, an index, None, or a plain list for a constructor
    ((tag, value),) = arg.items()
    if tag == "vector":
        return Vector(value)
    if tag == "matrix":
        return Matrix(value)
    if tag == "function":
        return FUNCTIONS[value]
    raise ValueError(f"unknown argument {arg!r}")


def run(case: Case) -> object:
    """Call purenn as the case says."""
    return OPERATIONS[case["op"]](*[decode(arg) for arg in case["args"]])


# --------------------------------------------------------------- comparing


def _scales(scale: Any, count: int) -> List[float]:
    """The recorded scale, one per entry: a number for all, or a (nested) list of them."""
    if isinstance(scale, list):
        flat = [s for row in scale for s in row] if scale and isinstance(scale[0], list) else scale
        assert len(flat) == count, f"the golden file has {len(flat)} scales for {count} entries"
        return [float(s) for s in flat]
    return [float(scale)] * count


def entries(actual: object, expected: Dict[str, Any], where: str) -> Iterator[Entry]:
    """Check the type and shape of ``actual``, compare ints exactly, and yield each float
    beside its recorded value and scale, to be compared by ``relative_error``."""
    if "tuple" in expected:
        parts = expected["tuple"]
        assert isinstance(actual, tuple), f"{where}: expected a tuple, got {type(actual).__name__}"
        assert len(actual) == len(parts), f"{where}: expected {len(parts)} results, got {len(actual)}"
        for i, (got, want) in enumerate(zip(actual, parts)):
            yield from entries(got, want, f"{where}[{i}]")
        return
    if "int" in expected:
        assert type(actual) is int, f"{where}: expected an int, got {actual!r} (a {type(actual).__name__})"
        assert actual == expected["int"], f"{where}: purenn gives {actual}, NumPy {expected['int']}"
        return
    if "ints" in expected:
        assert isinstance(actual, tuple), f"{where}: expected a tuple of ints, got {type(actual).__name__}"
        assert all(type(i) is int for i in actual), f"{where}: expected ints, got {actual!r}"
        assert list(actual) == expected["ints"], f"{where}: purenn gives {actual}, NumPy {tuple(expected['ints'])}"
        return
    if "float" in expected:
        assert type(actual) is float, f"{where}: expected a float, got {actual!r} (a {type(actual).__name__})"
        got, want, places = [actual], [expected["float"]], [""]
    elif "vector" in expected:
        assert isinstance(actual, Vector), f"{where}: expected a Vector, got {type(actual).__name__}"
        want = expected["vector"]
        assert actual.shape == (len(want),), f"{where}: expected shape {(len(want),)}, got {actual.shape}"
        got, places = actual.tolist(), [f"[{i}]" for i in range(len(want))]
    elif "matrix" in expected:
        assert isinstance(actual, Matrix), f"{where}: expected a Matrix, got {type(actual).__name__}"
        rows = expected["matrix"]
        shape = (len(rows), len(rows[0]))
        assert actual.shape == shape, f"{where}: expected shape {shape}, got {actual.shape}"
        got = [x for row in actual.tolist() for x in row]
        want = [x for row in rows for x in row]
        places = [f"[{i}, {j}]" for i in range(shape[0]) for j in range(shape[1])]
    else:
        raise ValueError(f"{where}: unknown expected result {sorted(expected)}")
    for place, value in zip(places, got):
        assert type(value) is float, f"{where}{place}: entries must be floats, got {value!r} (a {type(value).__name__})"
    for place, value, reference, scale in zip(places, got, want, _scales(expected["scale"], len(want))):
        yield f"{where}{place}", value, float(reference), scale


# ------------------------------------------------------------------- tests


def test_golden_files_are_complete() -> None:
    assert not PROBLEMS, "\n".join(PROBLEMS)
    assert len(CASES) >= MINIMUM_CASES, f"only {len(CASES)} golden cases, expected at least {MINIMUM_CASES}"
    ids = [case["id"] for case in CASES]
    assert len(set(ids)) == len(ids), f"duplicate ids: {sorted(i for i in set(ids) if ids.count(i) > 1)}"
    recorded = {case["op"] for case in CASES}
    assert not recorded - set(OPERATIONS), f"ops with no purenn call here: {sorted(recorded - set(OPERATIONS))}"
    assert not set(OPERATIONS) - recorded, f"ops with no golden case: {sorted(set(OPERATIONS) - recorded)}"
    stale = sorted(set(KNOWN_BUGS) - set(ids))
    assert not stale, f"KNOWN_BUGS names cases that are not recorded: {stale}"


def _params() -> List[Any]:
    """One pytest parameter per case, with its id; the known bugs marked as strict xfails."""
    return [
        pytest.param(case, id=case["id"], marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case["id"]]))
        if case["id"] in KNOWN_BUGS
        else pytest.param(case, id=case["id"])
        for case in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_golden(case: Case) -> None:
    checked = list(entries(run(case), case["expected"], case["id"]))
    wrong = [
        f"{where}: purenn {value!r}, NumPy {reference!r}, scale {scale!r}: "
        f"relative error {relative_error(value, reference, scale):.3g} > {RELATIVE_TOLERANCE}"
        for where, value, reference, scale in checked
        if not relative_error(value, reference, scale) <= RELATIVE_TOLERANCE
    ]
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------ report


def report() -> int:
    """Print the largest relative error per op on this interpreter; return the number of
    failures other than the KNOWN_BUGS."""
    worst: Dict[str, Tuple[float, str]] = {}
    failed: List[str] = []
    for case in CASES:
        op = case["op"]
        known = " (known bug)" if case["id"] in KNOWN_BUGS else ""
        try:
            checked = list(entries(run(case), case["expected"], case["id"]))
        except Exception as problem:  # a raise or a wrong shape: report it and go on
            failed.append(case["id"])
            print(f"FAIL{known} {case['id']}: {type(problem).__name__}: {problem}")
            continue
        for where, value, reference, scale in checked:
            error = relative_error(value, reference, scale)
            if not error <= RELATIVE_TOLERANCE:
                failed.append(case["id"])
                print(f"FAIL{known} {where}: purenn {value!r}, NumPy {reference!r}, scale {scale!r}: {error:.3g}")
            if error >= worst.get(op, (-1.0, ""))[0]:
                worst[op] = (error, where)
    print(f"{platform.python_implementation()} {platform.python_version()}, dot kernel: {KERNEL_NAME}")
    for op, (error, where) in sorted(worst.items(), key=lambda item: -item[1][0]):
        print(f"{error:10.3g}  {op:20} {where}")
    overall = max(worst.values(), default=(0.0, "none"))
    unexpected = sorted(set(failed) - set(KNOWN_BUGS))
    print(
        f"{len(CASES)} cases, worst relative error {overall[0]:.3g} ({overall[1]}); "
        f"{len(set(failed))} failed, {len(unexpected)} of them not known bugs"
    )
    return len(unexpected)


if __name__ == "__main__":
    sys.exit(1 if report() else 0)
