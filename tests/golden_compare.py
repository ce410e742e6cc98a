"""Shared by the golden tests whose cases have named arguments and results
(tests/test_golden_network.py, tests/test_golden_mlp.py).

The comparison itself is test_golden_core's and tests/golden/tolerance.py's,
imported rather than copied so that every golden test applies one rule:
``entries`` checks type and shape and yields each float beside NumPy's value
and scale, ``relative_error`` is |actual − expected| / max(|expected|, scale).
Only the tolerance differs (``tolerance`` in tests/golden/tolerance.py, which
``record.py --check`` applies to a fresh recording too): 1e-12 for a single
pass, 1e-9 after training, where rounding differences have had many updates
in which to grow.

A named case (see tests/golden/reference_network.py) is::

    {"id": ..., "op": ..., "args": {name: input, ...}, "expected": {name: result, ...}}
"""

import json
import pathlib
import platform
from typing import Any, Callable, Dict, List, Mapping, Tuple

import pytest

from purenn import Matrix, Vector
from purenn.linalg.kernel import KERNEL_NAME
from tests.golden.tolerance import relative_error
from tests.test_golden_core import entries

__all__ = [
    "GOLDEN", "Case", "Worst", "compare", "decode", "golden_test", "load", "print_report", "relative_error", "report",
]

GOLDEN = pathlib.Path(__file__).resolve().parent / "golden"

Case = Dict[str, Any]
Worst = Dict[str, Tuple[float, str]]  # per result name: (largest relative error, where)


def load(name: str, minimum: int) -> Tuple[List[Case], List[str]]:
    """The cases of one golden file, and a list of what is wrong with it (missing, truncated, too few)."""
    path = GOLDEN / name
    if not path.is_file():
        return [], [f"{path} is missing; record it with: python tests/golden/record.py"]
    document = json.loads(path.read_text(encoding="utf-8"))
    cases: List[Case] = document.get("cases", [])
    problems = []
    if len(cases) != document.get("count"):
        problems.append(f"{name} holds {len(cases)} cases but was recorded with {document.get('count')}")
    if len(cases) < minimum:
        problems.append(f"{name} holds {len(cases)} cases, expected at least {minimum}")
    ids = [case["id"] for case in cases]
    if len(set(ids)) != len(ids):
        problems.append(f"{name} has duplicate ids: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    return cases, problems


def decode(arg: Any) -> Any:
    """An input as purenn takes it: {"vector": [...]} -> Vector, {"matrix": [[...]]} -> Matrix, else as stored."""
    if isinstance(arg, dict) and len(arg) == 1:
        ((tag, value),) = arg.items()
        if tag == "vector":
            return Vector(value)
        if tag == "matrix":
            return Matrix(value)
    return arg


def compare(
    case_id: str,
    actual: Mapping[str, object],
    expected: Mapping[str, Any],
    tolerance: Callable[[str], float],
    worst: Worst,
) -> List[str]:
    """Compare purenn's named results with NumPy's: the names, then every type and
    shape, then every value. Returns a line per value off by more than ``tolerance(name)``;
    updates ``worst`` with the largest relative error per result name."""
    assert sorted(actual) == sorted(expected), f"{case_id}: purenn gives {sorted(actual)}, NumPy {sorted(expected)}"
    # every type and shape is checked (by entries) before the first value is compared
    checked = [
        (name, entry)
        for name in sorted(expected)
        for entry in entries(actual[name], expected[name], f"{case_id}:{name}")
    ]
    wrong = []
    for name, (where, value, reference, scale) in checked:
        error = relative_error(value, reference, scale)
        limit = tolerance(name)
        if not error <= limit:
            wrong.append(
                f"{where}: purenn {value!r}, NumPy {reference!r}, scale {scale!r}: "
                f"relative error {error:.3g} > {limit}"
            )
        if error >= worst.get(name, (-1.0, ""))[0]:
            worst[name] = (error, where)
    return wrong


def print_report(worst: Worst, cases: int, failed: int) -> None:
    """The largest error per result name on this interpreter."""
    print(f"{platform.python_implementation()} {platform.python_version()}, dot kernel: {KERNEL_NAME}")
    for name, (error, where) in sorted(worst.items(), key=lambda item: -item[1][0]):
        print(f"{error:10.3g}  {name:16} {where}")
    overall = max(worst.values(), default=(0.0, "none"))
    print(f"{cases} cases, worst relative error {overall[0]:.3g} ({overall[1]}); {failed} failed")


def report(cases: List[Case], check: Callable[[Case, Worst], List[str]]) -> int:
    """Run ``check`` on every case, print the largest relative error per quantity on
    this interpreter and every failure; return the number of failed cases."""
    worst: Worst = {}
    failed = 0
    for case in cases:
        try:
            wrong = check(case, worst)
        except Exception as problem:  # a raise or a wrong shape: report it and go on
            wrong = [f"{case['id']}: {type(problem).__name__}: {problem}"]
        failed += bool(wrong)
        for line in wrong:
            print("FAIL", line)
    print_report(worst, len(cases), failed)
    return failed


def golden_test(cases: List[Case], check: Callable[[Case, Worst], List[str]]) -> Callable[[Case], None]:
    """The test of a golden file, one pytest parameter per case (named by its id):
    ``check`` must find nothing wrong with it. Use as ``test_golden = golden_test(CASES, check)``."""

    @pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in cases])
    def test_golden(case: Case) -> None:
        wrong = check(case, {})
        assert not wrong, "\n".join(wrong)

    return test_golden
