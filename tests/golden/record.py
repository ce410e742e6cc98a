# Never edit the golden files (tests/golden/*.json) by hand: change the reference code and
# re-record them with this script. Needs NumPy; not run by the test suite.
"""Record the golden files: reference outputs computed by NumPy, for purenn's tests.

NEVER EDIT A GOLDEN FILE (tests/golden/*.json) BY HAND. Change the reference
code and re-record them:

    python tests/golden/record.py            # (re)write every golden file
    python tests/golden/record.py --check    # exit 1 if a file differs from a fresh recording

This script needs NumPy; the test suite does not run it and does not need
NumPy. It never imports purenn: the expected values must come from NumPy
alone, or the tests would compare purenn with itself.

Each recorder is a function returning (file name, JSON object); the format is
described in encoding.py. To add a section, write a reference_<topic>.py next
to this file (see reference_core.py) and append its recorders to RECORDERS.
Inputs come from numpy.random.default_rng(<fixed seed>) and every file is
written with sorted keys, so recording twice gives the same bytes (with the
same NumPy: its version is written into each file).
"""

import argparse
import json
import pathlib
import sys
from typing import Callable, List, Mapping, Tuple

import reference_core
import reference_linalg_course
import reference_mlp
import reference_network

Recorder = Callable[[], Tuple[str, Mapping[str, object]]]

RECORDERS: List[Recorder] = [
    reference_core.record_elementwise,
    reference_core.record_products,
    reference_core.record_linalg,
    reference_network.record_network,
    reference_mlp.record_mlp,
    reference_linalg_course.record_linalg_course,
]

HERE = pathlib.Path(__file__).resolve().parent


def render(document: Mapping[str, object]) -> str:
    """The bytes of a golden file: sorted keys, one-space indent, floats by repr, a final newline."""
    return json.dumps(document, sort_keys=True, indent=1, allow_nan=False) + "\n"


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
            same = path.exists() and path.read_text(encoding="utf-8") == text
            stale += not same
            print(f"{'ok   ' if same else 'STALE'} {name}: {count} cases")
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {name}: {count} cases, {len(text.encode('utf-8'))} bytes")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
