"""What .ci/pyodide.mjs runs inside Pyodide (CPython compiled to WebAssembly).

The purenn package and the examples have been copied into Pyodide's
in-memory file system under /work. This script runs, in order:

1. the main job, ``python -m purenn --quiet``, whose final line must equal
   the one CPython printed (given in the environment variable
   PURENN_EXPECTED_LINE by .ci/run);
2. every example that reads no files of its own, with a small ``--epochs``;
3. the doctests of every purenn module, counted as tests/test_doctests.py
   counts them, so that an empty run fails;
4. the exercises checker as a learner in a browser meets it: a right answer
   passes, a wrong one is told its mistake, and an endless loop is stopped
   by the time limit (Pyodide has no threads and no timer signal).

It prints one line per check and exits with status 1 if any failed.
Standard library only: no pytest in the browser.
"""

import contextlib
import doctest
import importlib
import io
import os
import pathlib
import pkgutil
import runpy
import sys
import traceback

ROOT = pathlib.Path("/work")
sys.path.insert(0, str(ROOT))

import purenn  # noqa: E402  (after the path is set)

failures = []


def run_module_main(module: str, argv: list) -> str:
    """Run ``python -m module argv...`` in this process; return what it printed."""
    out = io.StringIO()
    sys.argv = [module] + argv
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        except SystemExit as stop:
            if stop.code not in (0, None):
                raise RuntimeError(f"exit status {stop.code}") from None
    return out.getvalue()


def check(name: str, action) -> None:
    try:
        detail = action()
    except Exception:
        failures.append(name)
        print(f"FAIL {name}\n{traceback.format_exc()}")
        return
    print(f"ok   {name}{': ' + detail if detail else ''}")


# 1. The main job, bit for bit as on CPython.
def main_job() -> str:
    line = run_module_main("purenn", ["--quiet"]).strip().splitlines()[-1]
    expected = os.environ.get("PURENN_EXPECTED_LINE")
    if expected is not None and line != expected:
        raise RuntimeError(f"final line {line!r}, CPython printed {expected!r}")
    return line + ("  (the same as CPython's)" if expected is not None else "")


check("python -m purenn --quiet", main_job)


# 2. The examples that need no files (those that read or write files, or need NumPy/PyTorch, are skipped).
def run_example(path: pathlib.Path) -> str:
    source = path.read_text(encoding="utf-8")
    argv = ["--epochs", "20"] if "--epochs" in source else []
    out = io.StringIO()
    sys.argv = [str(path)] + argv
    with contextlib.redirect_stdout(out):
        try:
            runpy.run_path(str(path), run_name="__main__")
        except SystemExit as stop:
            if stop.code not in (0, None):
                raise RuntimeError(f"exit status {stop.code}") from None
    if not out.getvalue().strip():
        raise RuntimeError("printed nothing")
    return f"{len(out.getvalue().splitlines())} lines"


NEEDS = ("numpy", "torch", "open(", "write_text", "save_model", "--save", "tempfile")
for example in sorted((ROOT / "examples").glob("*.py")):
    text = example.read_text(encoding="utf-8")
    if any(marker in text for marker in NEEDS):
        print(f"skip {example.name} (reads or writes files, or needs another library)")
        continue
    check(f"examples/{example.name}", lambda example=example: run_example(example))

# 3. The doctests of every module.
modules = [purenn] + [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(purenn.__path__, prefix="purenn.")
    if info.name != "purenn.__main__"
]
total = 0
for module in modules:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False)
    total += result.attempted
    if result.failed:
        failures.append(module.__name__)
        print(f"FAIL doctests of {module.__name__}: {result.failed} of {result.attempted}")
print(f"ok   {total} doctests in {len(modules)} modules" if total >= 100 else f"FAIL only {total} doctests ran")
if total < 100:
    failures.append("doctest count")



# 4. The exercises checker (purenn/exercises/): right, wrong, and a loop that never ends.
def exercises_checker() -> str:
    from purenn.exercises import check as grade

    def dot(x, y):
        return sum(a * b for a, b in zip(x, y))

    def transpose_that_forgets(A):
        return A

    def forever(x, y):
        while True:
            pass

    right, wrong, endless = grade("dot", dot), grade("transpose", transpose_that_forgets), grade("dot", forever)
    if not right.passed or wrong.passed or endless.passed:
        raise RuntimeError(f"passed: {right.passed}, {wrong.passed}, {endless.passed}")
    if "second" not in endless.message:
        raise RuntimeError(f"the endless loop was not reported as one: {endless.message[:200]!r}")
    return "a right dot passes, a wrong transpose is told, an endless loop is stopped"


check("purenn.exercises.check", exercises_checker)

print(f"pyodide {sys.version.split()[0]}: {'FAILED ' + ', '.join(failures) if failures else 'all passed'}")
sys.exit(1 if failures else 0)
