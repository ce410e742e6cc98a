"""Run a notebook's code cells as a fresh Jupyter kernel would, and store what they print.

One runner serves both sides: ``tests/test_notebooks.py`` runs every notebook with
it and compares the outputs with the stored ones, and this file, run as a script,
re-executes notebooks and stores the outputs it produced, in the form the test
compares. So a notebook saved by the builder passes the test by construction,
and re-building an unchanged notebook leaves its file byte for byte the same,
except where a cell prints how long something took.

    python tests/notebook_runner.py notebooks/01_neural_network_from_scratch.ipynb
    python tests/notebook_runner.py --check notebooks/*.ipynb    # exit 1 if any is stale

Cells run in one namespace, in order, from the repository root, with the
repository on ``sys.path``; the value of a cell's final bare expression is
stored in every form Jupyter stores (its repr as text/plain, and each
``_repr_latex_``, ``_repr_svg_``, ... it offers). A cell that raises stops the
build with the cell's number and code, and the file is left as it was.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import pathlib
import sys
import tempfile
from typing import Any, Dict, List, Optional, Tuple

ROOT = pathlib.Path(__file__).resolve().parent.parent

RICH = {
    "_repr_html_": "text/html",
    "_repr_markdown_": "text/markdown",
    "_repr_svg_": "image/svg+xml",
    "_repr_latex_": "text/latex",
    "_repr_json_": "application/json",
    "_repr_javascript_": "application/javascript",
}
"""The methods through which IPython asks a value for a rich form, and the MIME type it stores each under.
(``_repr_png_`` and ``_repr_jpeg_`` give bytes, stored base64-encoded; no purenn value has them.)"""

Cell = Dict[str, Any]
Bundle = Dict[str, str]
"""A value's forms by MIME type, as an execute_result stores them in its "data"."""
Produced = Tuple[str, str, Optional[Bundle]]
"""What a cell gives: its stdout, its stderr, and the forms of its final value (None when there is none)."""


def load(path: pathlib.Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        notebook: Dict[str, Any] = json.load(f)
    return notebook


def dumps(notebook: Dict[str, Any]) -> str:
    """The notebook as Jupyter writes it: JSON indented by one space, UTF-8 as it is, a final newline."""
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def text(value: Any) -> str:
    """A multi-line string as nbformat stores it (a list of lines, or one string) joined up."""
    return "".join(value) if isinstance(value, list) else str(value)


def lines(value: str) -> List[str]:
    """A string as nbformat stores it: a list of lines, each but the last ending in a newline."""
    return value.splitlines(keepends=True)


def code_cells(notebook: Dict[str, Any]) -> List[Tuple[int, Cell]]:
    return [(i, cell) for i, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"]


def bundle(value: Any) -> Bundle:
    """What Jupyter stores for a value: its repr as text/plain, and each rich form the value offers."""
    forms = {"text/plain": repr(value)}
    for method, mime in RICH.items():
        form = getattr(value, method, None)
        shown = form() if callable(form) and not isinstance(value, type) else None
        if shown is not None:
            forms[mime] = shown if isinstance(shown, str) else json.dumps(shown)
    return forms


def run_cell(source: str, namespace: Dict[str, Any]) -> Produced:
    """Run a cell's code as Jupyter does; return its stdout, its stderr, and the forms of the
    value of a final bare expression (None when there is none, or it is None)."""
    tree = ast.parse(source)
    last: Optional[ast.Expression] = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        exec(compile(tree, "<cell>", "exec"), namespace)
        value = eval(compile(last, "<cell>", "eval"), namespace) if last is not None else None
        result = None if value is None else bundle(value)
    return out.getvalue(), err.getvalue(), result


def stored(cell: Cell) -> Produced:
    """The stdout, stderr and execute_result forms stored in a code cell."""
    streams = {"stdout": "", "stderr": ""}
    result = None
    for output in cell["outputs"]:
        if output["output_type"] == "stream":
            streams[output["name"]] += text(output["text"])
        elif output["output_type"] == "execute_result":
            result = {mime: text(value) for mime, value in output["data"].items()}
    return streams["stdout"], streams["stderr"], result


def outputs(produced: Produced, count: int) -> List[Dict[str, Any]]:
    """The nbformat outputs of a cell that produced this, run as the count-th cell."""
    stdout, stderr, result = produced
    made: List[Dict[str, Any]] = []
    for name, written in (("stdout", stdout), ("stderr", stderr)):
        if written:
            made.append({"name": name, "output_type": "stream", "text": lines(written)})
    if result is not None:
        data = {mime: lines(form) if mime.startswith("text/") or mime == "image/svg+xml" else form
                for mime, form in result.items()}
        made.append({"data": data, "execution_count": count, "metadata": {}, "output_type": "execute_result"})
    return made


class CellError(Exception):
    """A cell raised while the notebook was being built."""


@contextlib.contextmanager
def at_the_root() -> Any:
    """Run as the tests run a notebook: from the repository root, with the repository importable."""
    before, path = os.getcwd(), list(sys.path)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    try:
        yield
    finally:
        os.chdir(before)
        sys.path[:] = path


def build(notebook: Dict[str, Any], name: str) -> Dict[str, Any]:
    """The notebook with every code cell re-run in order and its outputs replaced."""
    namespace: Dict[str, Any] = {"__name__": "__main__"}
    with at_the_root():
        for count, (i, cell) in enumerate(code_cells(notebook), start=1):
            source = text(cell["source"])
            try:
                produced = run_cell(source, namespace)
            except Exception as error:
                raise CellError(f"{name}, cell {i} raised {type(error).__name__}: {error}\n--- code:\n{source}")
            cell["execution_count"] = count
            cell["outputs"] = outputs(produced, count)
    return notebook


def write(path: pathlib.Path, content: str) -> None:
    """Replace the file whole or not at all."""
    handle, temporary = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, str(path))
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Re-run notebooks and store their outputs.")
    parser.add_argument("notebooks", nargs="+", type=pathlib.Path, help="the .ipynb files to rebuild")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a stored output is stale")
    args = parser.parse_args(argv)
    stale = 0
    for path in args.notebooks:
        before = path.read_text(encoding="utf-8")
        try:
            after = dumps(build(json.loads(before), path.name))
        except CellError as error:
            print(error, file=sys.stderr)
            return 1
        if after == before:
            print(f"{path}: unchanged")
        elif args.check:
            print(f"{path}: stale")
            stale += 1
        else:
            write(path, after)
            print(f"{path}: rebuilt")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
