# Never edit the golden files (tests/golden/*.json) by hand: change the reference code and
# re-record them with this script. Needs NumPy; not run by the test suite.
"""Record the golden files: reference outputs computed by NumPy, for purenn's tests.

NEVER EDIT A GOLDEN FILE (tests/golden/*.json) BY HAND. Change the reference
code and re-record them:

    python tests/golden/record.py            # (re)write every golden file
    python tests/golden/record.py --check    # exit 1 if a file disagrees with a fresh recording

This script needs NumPy; the test suite does not run it and does not need
NumPy. It never imports purenn: the expected values must come from NumPy
alone, or the tests would compare purenn with itself.

Each recorder is a function returning (file name, JSON object); the format is
described in encoding.py. To add a section, write a reference_<topic>.py next
to this file (see reference_core.py) and append its recorders to RECORDERS.
Inputs come from numpy.random.default_rng(<fixed seed>) and every file is
written with sorted keys.

Recording twice on one machine gives the same bytes, but not on two
machines: NumPy's matrix product rounds the last bit differently on
different CPUs, even with the same NumPy version (the version is written
into each file). So ``--check`` does not compare bytes. It compares every
recorded value with a fresh recording under the tests' own tolerances
(tolerance.py, which the golden tests use too), and requires everything
else (ids, inputs, integers, the shape of every result) to be the same.
"""

import argparse
import json
import pathlib
import sys
from typing import Any, Callable, List, Mapping, Tuple

import reference_core
import reference_linalg_course
import reference_mlp
import reference_network
import reference_optim
from tolerance import SINGLE_PASS, differences, tolerance

Recorder = Callable[[], Tuple[str, Mapping[str, object]]]

RECORDERS: List[Recorder] = [
    reference_core.record_elementwise,
    reference_core.record_products,
    reference_core.record_linalg,
    reference_network.record_network,
    reference_mlp.record_mlp,
    reference_linalg_course.record_linalg_course,
    reference_optim.record_optim,
]

INDENTED_LEVELS = 4
"""The document, its case list, each case, and its "args" and "expected" are
indented; below that a value (one argument or one result) is written on one line."""

HERE = pathlib.Path(__file__).resolve().parent
SHOWN = 10  # disagreements printed per file


def render(document: Mapping[str, object]) -> str:
    """The text of a golden file: sorted keys, floats by repr, a final newline.

    Indented down to one line per argument and per result, so that a diff
    of two recordings shows which values changed without a line per number.
    """
    return _render(document, 0) + "\n"


def _render(value: object, level: int) -> str:
    if level >= INDENTED_LEVELS or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, sort_keys=True, allow_nan=False)
    inner, outer = " " * (level + 1), " " * level
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {_render(value[key], level + 1)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + outer + "}"
    items = [f"{inner}{_render(item, level + 1)}" for item in value]
    return "[\n" + ",\n".join(items) + "\n" + outer + "]"


def disagreements(recorded: Mapping[str, Any], fresh: Mapping[str, Any]) -> List[str]:
    """Where a golden file and a fresh recording of it disagree beyond the tests' tolerances.

    The inputs (args) get the single-pass tolerance, each result the tolerance
    the tests apply to it; ids, ops and everything else must be equal.
    """
    found = [
        f"{key}: {recorded.get(key)!r} recorded, {fresh.get(key)!r} now"
        for key in sorted(set(recorded) | set(fresh))
        if key not in ("cases", "numpy") and recorded.get(key) != fresh.get(key)
    ]
    old_cases, new_cases = recorded.get("cases", []), fresh.get("cases", [])
    if [case["id"] for case in old_cases] != [case["id"] for case in new_cases]:
        return found + ["the case ids differ: re-record"]
    section = fresh["section"]
    for old, new in zip(old_cases, new_cases):
        where, op = old["id"], new["op"]
        if old["op"] != op:
            found.append(f"{where}: op {old['op']!r} recorded, {op!r} now")
            continue
        found += differences(old["args"], new["args"], SINGLE_PASS, f"{where} args")
        if isinstance(new["args"], dict):  # named results, each with its own tolerance
            if sorted(old["expected"]) != sorted(new["expected"]):
                found.append(f"{where}: results {sorted(old['expected'])} recorded, {sorted(new['expected'])} now")
                continue
            for name in sorted(new["expected"]):
                limit = tolerance(section, op, name)
                found += differences(old["expected"][name], new["expected"][name], limit, f"{where} {name}")
        else:
            found += differences(old["expected"], new["expected"], tolerance(section, op, ""), f"{where} expected")
    return found


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    check = parser.parse_args(argv).check
    names = set()
    stale = 0
    for recorder in RECORDERS:
        name, document = recorder()
        if name in names:
            raise SystemExit(f"two recorders write {name}")
        names.add(name)
        path = HERE / name
        text = render(document)
        count = document.get("count")
        if check:
            found = (
                disagreements(json.loads(path.read_text(encoding="utf-8")), json.loads(text))
                if path.exists() else [f"{path} is missing"]
            )
            stale += bool(found)
            print(f"{'ok   ' if not found else 'STALE'} {name}: {count} cases")
            for line in found[:SHOWN]:
                print(f"      {line}")
            if len(found) > SHOWN:
                print(f"      ... and {len(found) - SHOWN} more")
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {name}: {count} cases, {len(text.encode('utf-8'))} bytes")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
