"""The README's section on automatic differentiation stays true: its figure and its table against micrograd.

If the figure test fails after a change to drawing, run ``python3 tests/test_autograd_readme.py`` from the
repository root: it redraws ``docs/figures/graph.svg`` from the README's example. If the table test fails,
paste what ``python -m benchmarks.autograd --table`` prints between the README's two autograd markers.
"""

import pathlib
import re
import sys
from typing import Dict

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import autograd as benchmark  # noqa: E402
from purenn.autograd import Value  # noqa: E402
from purenn.plot import graph_figure  # noqa: E402

README = ROOT / "README.md"
FIGURE = "docs/figures/graph.svg"
START = "<!-- autograd table: written by python -m benchmarks.autograd --table -->\n"
END = "<!-- end of autograd table -->"


def readme_example() -> Value:
    """The Value ``y`` of the README's example, built by running the example's own lines."""
    text = README.read_text(encoding="utf-8")
    block = next(block for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S) if "graph_figure(y)" in block)
    namespace: Dict[str, object] = {}
    for line in block.splitlines():
        if line.startswith(">>> ") and "print(" not in line and line != ">>> graph_figure(y)":
            exec(line[4:], namespace)
    y = namespace["y"]
    assert isinstance(y, Value)
    return y


def test_the_figure_is_what_the_readme_example_draws() -> None:
    text = README.read_text(encoding="utf-8")
    assert f"]({FIGURE})" in text, "the README should show the graph figure"
    committed = (ROOT / FIGURE).read_text(encoding="utf-8")
    assert graph_figure(readme_example()).svg == committed, (
        f"{FIGURE} is out of date: run python3 tests/test_autograd_readme.py and commit it")


def test_the_table_against_micrograd_is_the_saved_runs() -> None:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, "README.md should hold the autograd table between its two markers"
    shown = text[text.index(START) + len(START):text.index(END)].strip()
    assert shown == benchmark.table(benchmark.saved_runs())


def test_purenn_is_faster_than_micrograd_on_every_interpreter_measured() -> None:
    runs = benchmark.saved_runs()
    assert len(runs) >= 2, "run python -m benchmarks.autograd on every interpreter with micrograd installed"
    for run in runs:
        assert benchmark.ratio(run) > 1.0, f"{run['interpreter']}: purenn's Value is slower than micrograd's"
        assert run["rounds"] == 9, "the README's table is of full runs (9 rounds), not --quick ones"
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "faster than micrograd's on every interpreter measured, about 4 to 6 times" in text
    assert all(3.5 <= benchmark.ratio(run) < 6.5 for run in runs), "the README's 'about 4 to 6 times' is no longer so"


if __name__ == "__main__":
    graph_figure(readme_example()).save(str(ROOT / FIGURE))
    print(f"wrote {FIGURE}")
