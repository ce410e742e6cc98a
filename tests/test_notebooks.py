"""Every notebook in notebooks/ must be a valid nbformat 4 file, must run, and must tell the truth.

The notebooks are rebuilt with ``python tests/notebook_runner.py NOTEBOOK``, which runs
them with the same runner as this test and stores what it produced.

"Tell the truth" means: the outputs stored in the file are the ones its code
produces today. Each notebook is executed here cell by cell, in order, in one
namespace (as a fresh Jupyter kernel would run it, from the repository root),
and the printed text of every cell is compared with the stored text, as is
the value of its last expression in every form Jupyter stores (its repr as
text/plain, and what its ``_repr_latex_``, ``_repr_svg_``, ... give). A change
to purenn that alters a printed number therefore fails this test until the
notebook is re-run and saved, so the notebooks can never go stale.

Cells whose output depends on the clock are not compared: a cell tagged
``timing`` in its metadata, or one whose stored output reports a duration
("in 0.20 s", "took 3 ms", "12.5 seconds").
"""

import pathlib
import re
from typing import Any, Dict, List, Optional, Tuple

import pytest

from tests.notebook_runner import Bundle, Cell, code_cells as _code_cells, dumps, load as _load
from tests.notebook_runner import outputs, run_cell as _run_cell, stored as _stored, text as _text

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

TIMING = re.compile(r"\b\d+(\.\d+)?\s*(s|ms|µs|us|seconds?)\b(?![\w(])")
"""A duration in an output line, e.g. "0.20 s" or "3 ms"."""

CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
"""The pattern nbformat 4.5 requires of a cell id."""

# The keys each part of an nbformat 4 notebook must have, and the ones it may have
# (the JSON schema forbids any others).
TOP_KEYS = {"cells", "metadata", "nbformat", "nbformat_minor"}
CELL_KEYS = {
    "markdown": ({"cell_type", "metadata", "source"}, {"id", "attachments"}),
    "raw": ({"cell_type", "metadata", "source"}, {"id", "attachments"}),
    "code": ({"cell_type", "metadata", "source", "execution_count", "outputs"}, {"id"}),
}
OUTPUT_KEYS = {
    "stream": {"output_type", "name", "text"},
    "execute_result": {"output_type", "execution_count", "data", "metadata"},
    "display_data": {"output_type", "data", "metadata"},
    "error": {"output_type", "ename", "evalue", "traceback"},
}


# ------------------------------------------------------------------ presence


def test_there_is_at_least_one_notebook() -> None:
    assert NOTEBOOKS, f"no notebooks found in {ROOT / 'notebooks'}"


# ----------------------------------------------------------------- structure


def _check_lines(value: Any, where: str) -> None:
    """A "source" or output text: a list of strings, each line but the last ending in a newline."""
    assert isinstance(value, list), f"{where} must be a list of lines, got {type(value).__name__}"
    assert all(isinstance(line, str) for line in value), f"{where} must hold only strings"
    for k, line in enumerate(value[:-1]):
        assert line.endswith("\n"), f"{where}: line {k} does not end with a newline: {line!r}"
        assert "\n" not in line[:-1], f"{where}: line {k} holds more than one line: {line!r}"
    if value:
        assert "\n" not in value[-1][:-1], f"{where}: the last line holds more than one line"


def _check_output(output: Any, where: str) -> None:
    assert isinstance(output, dict), f"{where} must be an object"
    kind = output.get("output_type")
    assert kind in OUTPUT_KEYS, f"{where} has unknown output_type {kind!r}"
    assert kind != "error", f"{where} stores an error: {output.get('ename')}: {output.get('evalue')}"
    required = OUTPUT_KEYS[kind]
    assert set(output) == required, f"{where} ({kind}) has keys {sorted(output)}, expected {sorted(required)}"
    if kind == "stream":
        assert output["name"] in ("stdout", "stderr"), f"{where}: stream name {output['name']!r}"
        _check_lines(output["text"], f"{where} text")
    else:
        assert isinstance(output["data"], dict) and isinstance(output["metadata"], dict), where
        for mime, value in output["data"].items():
            if mime.startswith("text/"):
                _check_lines(value, f"{where} data[{mime!r}]")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_nbformat_4(path: pathlib.Path) -> None:
    notebook = _load(path)
    assert isinstance(notebook, dict) and set(notebook) == TOP_KEYS, f"top-level keys: {sorted(notebook)}"
    assert notebook["nbformat"] == 4
    minor = notebook["nbformat_minor"]
    assert isinstance(minor, int) and minor >= 0
    metadata = notebook["metadata"]
    assert isinstance(metadata, dict)
    kernelspec = metadata.get("kernelspec")
    assert isinstance(kernelspec, dict) and kernelspec.get("name") == "python3", kernelspec
    assert isinstance(kernelspec.get("display_name"), str)

    cells = notebook["cells"]
    assert isinstance(cells, list) and cells, "a notebook needs cells"
    ids = []
    for i, cell in enumerate(cells):
        where = f"cell {i}"
        assert isinstance(cell, dict), f"{where} must be an object"
        kind = cell.get("cell_type")
        assert kind in CELL_KEYS, f"{where} has unknown cell_type {kind!r}"
        required, optional = CELL_KEYS[kind]
        assert required <= set(cell) <= required | optional, f"{where} ({kind}) has keys {sorted(cell)}"
        assert isinstance(cell["metadata"], dict), f"{where} metadata must be an object"
        _check_lines(cell["source"], f"{where} source")
        if minor >= 5:
            assert "id" in cell, f"{where} needs an id (nbformat 4.5)"
        if "id" in cell:
            assert isinstance(cell["id"], str) and CELL_ID.match(cell["id"]), f"{where} id {cell.get('id')!r}"
            ids.append(cell["id"])
        if kind == "code":
            assert isinstance(cell["outputs"], list), f"{where} outputs must be a list"
            for k, output in enumerate(cell["outputs"]):
                _check_output(output, f"{where} output {k}")
    assert len(ids) == len(set(ids)), "cell ids must be unique"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_was_saved_after_one_run_from_top_to_bottom(path: pathlib.Path) -> None:
    """Execution counts 1, 2, 3, ... in order: the stored outputs come from one clean run."""
    cells = _code_cells(_load(path))
    counts = [cell["execution_count"] for _, cell in cells]
    assert counts == list(range(1, len(cells) + 1)), f"execution counts {counts}: restart, run all, save"
    for i, cell in cells:
        for output in cell["outputs"]:
            if output["output_type"] == "execute_result":
                assert output["execution_count"] == cell["execution_count"], f"cell {i}"


# ------------------------------------------------------------------- running


OPTIONAL_LIBRARY = "optional-library"
"""The tag of a cell that uses NumPy or PyTorch when installed and says so when not:
it must run without error everywhere, but what it prints depends on what the
machine has, so its stored output (from a machine that had the library, or
not) is not compared. The cell asserts its own results when the library is there."""


def _shows_timing(cell: Cell, stored: Tuple[str, str, Optional[Bundle]]) -> bool:
    if "timing" in cell["metadata"].get("tags", []):
        return True
    stdout, stderr, result = stored
    return any(TIMING.search(text) for text in (stdout, stderr, (result or {}).get("text/plain")) if text)


def _compared(
    produced: Tuple[str, str, Optional[Bundle]], stored: Tuple[str, str, Optional[Bundle]]
) -> List[Tuple[str, Any, Any]]:
    """The pairs to compare, each with its label: the two streams, then the result's forms one by one."""
    pairs: List[Tuple[str, Any, Any]] = [("stdout", produced[0], stored[0]), ("stderr", produced[1], stored[1])]
    now, then = produced[2], stored[2]
    if now is None or then is None:
        return pairs + [("result", now, then)]
    pairs.append(("result's forms (MIME types)", sorted(now), sorted(then)))
    return pairs + [(f"result ({mime})", now[mime], then[mime]) for mime in sorted(now) if mime in then]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_its_stored_outputs_are_current(
    path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    namespace: Dict[str, Any] = {"__name__": "__main__"}
    for i, cell in _code_cells(_load(path)):
        source = _text(cell["source"])
        try:
            produced = _run_cell(source, namespace)
        except Exception as error:  # report which cell broke, with its code
            pytest.fail(f"{path.name}, cell {i} raised {type(error).__name__}: {error}\n--- code:\n{source}")
        stored = _stored(cell)
        if _shows_timing(cell, stored) or OPTIONAL_LIBRARY in cell["metadata"].get("tags", []):
            continue
        for label, now, then in _compared(produced, stored):
            assert now == then, (
                f"{path.name}, cell {i}: the stored {label} is stale; re-run the notebook and save it.\n"
                f"--- code:\n{source}\n--- stored:\n{then}\n--- produced now:\n{now}"
            )


def test_the_runner_shows_a_final_expression_like_jupyter() -> None:
    namespace: Dict[str, Any] = {}
    assert _run_cell("x = 2\nprint('x is', x)\nx * 3", namespace) == ("x is 2\n", "", {"text/plain": "6"})
    assert _run_cell("x + 1\ny = x", namespace) == ("", "", None)
    assert _run_cell("print('a')", namespace) == ("a\n", "", None)
    assert namespace["y"] == 2


def test_the_runner_keeps_every_rich_form_of_the_last_value() -> None:
    namespace: Dict[str, Any] = {}
    source = (
        "class Shown:\n"
        "    def __repr__(self): return 'Shown()'\n"
        "    def _repr_latex_(self): return '$x$'\n"
        "    def _repr_html_(self): return None\n"  # None: this form is not offered
        "Shown()"
    )
    assert _run_cell(source, namespace) == ("", "", {"text/plain": "Shown()", "text/latex": "$x$"})
    assert _run_cell("Shown", namespace)[2] == {"text/plain": "<class 'Shown'>"}  # the class, not an instance
    stored = {"outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                           "data": {"text/plain": ["Shown()"], "text/latex": ["$x$"]}}]}
    assert _stored(stored)[2] == _run_cell("Shown()", namespace)[2]
    assert _stored({"outputs": []}) == ("", "", None)


def test_only_the_cells_that_use_an_optional_library_are_tagged_so() -> None:
    for path in NOTEBOOKS:
        for i, cell in _code_cells(_load(path)):
            tagged = OPTIONAL_LIBRARY in cell["metadata"].get("tags", [])
            uses = any(f"import {name}" in _text(cell["source"]) for name in ("numpy", "torch"))
            assert tagged == uses, f"{path.name}, cell {i}: tagged {tagged} but imports an optional library: {uses}"


def test_timing_outputs_are_recognised() -> None:
    def shows(text: str) -> bool:
        return _shows_timing({"metadata": {}}, (text, "", None))

    assert shows("trained in 0.20 s\n") and shows("took 3 ms") and shows("12.5 seconds")
    assert not shows("accuracy: 16 of 16\n") and not shows("W1: shape (4, 4)\n")
    assert _shows_timing({"metadata": {"tags": ["timing"]}}, ("anything", "", None))


def test_the_builder_stores_what_the_test_compares() -> None:
    namespace: Dict[str, Any] = {}
    produced = _run_cell("print('a')\nimport sys\nprint('b', file=sys.stderr)\n[1, 2]", namespace)
    cell = {"cell_type": "code", "metadata": {}, "source": [], "execution_count": 3, "outputs": outputs(produced, 3)}
    assert _stored(cell) == produced
    assert cell["outputs"][-1]["execution_count"] == 3
    assert _stored({"outputs": outputs(("", "", None), 1)}) == ("", "", None)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_file_is_written_as_the_builder_writes_it(path: pathlib.Path) -> None:
    """So a rebuild of an unchanged notebook changes no byte of it."""
    assert dumps(_load(path)) == path.read_text(encoding="utf-8"), f"{path.name}: rebuild it with tests/notebook_runner.py"
