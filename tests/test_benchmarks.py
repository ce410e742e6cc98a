"""The speed tables in the READMEs are the ones ``python -m benchmarks --combine`` makes.

Nothing here times anything: the tables are made from the JSON files that
``python -m benchmarks`` saved in benchmarks/results/, and the test only
checks that what the READMEs show is exactly what ``--combine`` writes from
those files, so that no number in them was typed in by hand.
"""

import json
import pathlib
import re

from benchmarks import report

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
START, END = report.START, report.END


def _table_in_readme() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, flags=re.S)
    assert match is not None, "README.md should hold the combined speed table between its two markers"
    return match.group(1)


def test_there_are_saved_runs_of_every_full_suite() -> None:
    runs = report.read_runs(str(RESULTS))
    assert len(runs) >= 2, "benchmarks/results/ should hold the JSON of at least two interpreters"
    assert all(not run["quick"] for run in runs), "the committed runs should be full runs, not --quick ones"


def test_the_readme_shows_the_combined_table_of_the_saved_runs() -> None:
    assert _table_in_readme() == report.combine(str(RESULTS), full=False)


def test_the_results_readme_is_the_combined_table() -> None:
    assert (RESULTS / "README.md").read_text(encoding="utf-8") == report.combine(str(RESULTS))


def test_each_runs_markdown_is_made_from_its_json() -> None:
    for path in sorted(RESULTS.glob("*.json")):
        run = json.loads(path.read_text(encoding="utf-8"))
        assert path.with_suffix(".md").read_text(encoding="utf-8") == report.markdown(run), path.name


def test_the_sklearn_comparison_runs_its_purenn_half() -> None:
    # benchmarks/compare_sklearn.py needs scikit-learn for its other half; this half is purenn's
    # pipeline, which the script must keep up with. With the defaults, seed 0 is the number
    # `python -m purenn train --data iris` prints (the README: 0.9744, 38 of 39 test flowers).
    from benchmarks import compare_sklearn

    assert compare_sklearn.purenn_scores("leaky_relu", seeds=[0]) == [38 / 39]

