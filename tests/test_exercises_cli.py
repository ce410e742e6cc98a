"""``purenn exercises`` and ``purenn check FILE.py``: the list, the tasks, the stubs, and a learner's file
checked with one clear reason per function and the exit statuses 0 (all pass), 1 (one does not), 2 (bad usage)."""

import pathlib
import subprocess
import sys
import textwrap
from typing import List, Tuple

import pytest

from purenn.app.cli import COMMANDS, command_module, main
from purenn.exercises import EXERCISES
from purenn.exercises.budget import TIME_LIMIT
from purenn.exercises.learner import check_file
from purenn.exercises.values import REL_TOL

ROOT = pathlib.Path(__file__).resolve().parent.parent

GOOD = '''
import math


def dot(x, y):
    return sum(a * b for a, b in zip(x, y))


def transpose(A):
    return [list(column) for column in zip(*A)]


def sigmoid(z):
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    return math.exp(z) / (1 + math.exp(z))


if __name__ == "__main__":
    raise SystemExit("this runs only when the file is run, not when it is checked")
'''


def write(folder: pathlib.Path, text: str, name: str = "mine.py") -> str:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def run(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> Tuple[int, str, str]:
    status = main(arguments)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def usage_error(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err.rstrip().splitlines()[-1]


def test_the_commands_are_in_the_table() -> None:
    assert "exercises" in COMMANDS and "check" in COMMANDS
    assert command_module("exercises").__name__ == "purenn.app.cli.exercises"
    assert command_module("check").__name__ == "purenn.app.cli.check"


# -------------------------------------------------------------- exercises


def test_exercises_lists_every_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["exercises"], capsys)
    assert status == 0 and err == ""
    assert out.startswith(f"{len(EXERCISES)} exercises: write the function in plain Python")
    for exercise in EXERCISES.values():
        assert f"  {exercise.signature}" in out
        assert exercise.summary in out
    assert "python -m purenn check mine.py" in out


def test_exercises_shows_a_task(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["exercises", "backward"], capsys)
    assert status == 0
    assert out.startswith("Exercise backward: backpropagation, equations (6) to (13)")
    assert "Write:   backward(X, Y, W2, a1, y_hat) -> (dW1, db1, dW2, db2)" in out
    assert "(8) ∂J/∂W2 = a1ᵀ · ∂J/∂z2   (h, o)" in out
    assert "    def backward(X, Y, W2, a1, y_hat):" in out


def test_exercises_refuses_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(["exercises", "softmaxx"], capsys) == (
        "purenn exercises: error: no exercise is called 'softmaxx': did you mean 'softmax'? "
        "python -m purenn exercises lists them all")


def test_the_stubs_make_a_file_to_check(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["exercises", "--starter"], capsys)
    assert status == 0
    path = write(tmp_path, out, "stubs.py")
    compile(out, path, "exec")
    status, out, err = run(["check", path], capsys)
    assert status == 1 and err == ""
    assert out.rstrip().endswith(f"0 of {len(EXERCISES)} passed; not yet: " + ", ".join(EXERCISES) + ".")
    assert "Traceback" not in out


# ------------------------------------------------------------------ check


def test_a_file_that_passes_exits_0(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["check", write(tmp_path, GOOD)], capsys)
    assert (status, err) == (0, "")
    assert out.startswith("dot: passed all 7 cases")
    assert out.rstrip().endswith("3 of 3 passed: dot, transpose, sigmoid.")


def test_names_pick_the_functions(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", write(tmp_path, GOOD), "transpose"], capsys)
    assert status == 0
    assert out.rstrip().endswith("1 of 1 passed: transpose.")
    assert "dot:" not in out


def test_a_mistake_exits_1_with_its_diagnosis(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    elementwise = "\n\ndef matmul(A, B):\n    return [[a * b for a, b in zip(r, s)] for r, s in zip(A, B)]\n"
    path = write(tmp_path, GOOD + elementwise)
    status, out, _ = run(["check", path], capsys)
    assert status == 1
    assert "matmul: not yet (case 1 of 7). This multiplies entry by entry (A ⊙ B)" in out
    assert out.rstrip().endswith("3 of 4 passed; not yet: matmul.")


# One clear line per function for each thing that can go wrong in a learner's file (the list).
BROKEN = [
    ("def dot(x, y)\n    return 0\n", ["dot"],
     ["mine.py, line 1: a syntax error (", "): `def dot(x, y)`", "  so nothing in it could be checked.",
      "dot: not checked: mine.py did not run (see above)."]),
    ("import math\nX = math.log(0)\ndef dot(x, y):\n    return 0\n", ["dot"],
     ["mine.py, line 2: ValueError: math domain error (`X = math.log(0)`)",
      "  raised while the file was loaded, so nothing in it could be checked.",
      "dot: not checked: mine.py did not run (see above)."]),
    ("def dot(x, y):\n    return dot(y, x)\n", [],
     ["dot: not yet (case 1 of 7). Endless recursion: the function calls itself"]),
    ("def dot(x, y):\n    return 0\n", ["dot", "matmul"],
     ["matmul: not found in mine.py: define it there, as def matmul(A, B):"]),
    ("def matmul(A):\n    return A\n", [],
     ["matmul: not yet. Its signature is (A), and the exercise calls matmul(A, B) with 2 arguments: write it as "
      "matmul(A, B) -> rows."]),
    ("def transpose(A):\n    while True:\n        pass\n", [],
     ["transpose: not yet (case 1 of 6). It was still running after 0.3 seconds: is there a loop that never ends"]),
    ("while True:\n    pass\n", ["dot"],
     ["mine.py, line ", ": still running after 0.3 seconds (`", "dot: not checked"]),  # line 1 or 2, by version
    ("dot = 3\n", ["dot"], ["dot: in mine.py it is an int, not a function: write def dot(x, y):"]),
    ("def sigmoid(z):\n    return 1 / (1 + 2.718281828 ** -z)\n", [],
     ["sigmoid: not yet (case 5 of 9). It raised OverflowError at line 2 of mine.py "
      "(`return 1 / (1 + 2.718281828 ** -z)`)"]),
    ("def helper(x):\n    return x\n", [],
     ["mine.py defines no function named after an exercise (dot, matmul,",
      "name yours after the one it solves, as def dot(x, y):, or see python -m purenn exercises."]),
    ("def matmult(A, B):\n    return A\n", [],
     ["matmult: not an exercise's name, so it was not checked: did you mean matmul?"]),
    ("from purenn import det\n", [], ["mine.py defines no function named after an exercise"]),
    ("import sys\nsys.exit(0)\n", [], ["mine.py, line 2: SystemExit: 0 (`sys.exit(0)`)"]),
    ("open('no such file.csv')\n", [], ["mine.py, line 1: FileNotFoundError: [Errno 2] No such file or directory"]),
]


@pytest.mark.parametrize("source, names, lines", BROKEN, ids=[str(i) for i in range(len(BROKEN))])
def test_what_goes_wrong_in_a_file_is_told_in_a_line(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str],
                                                     source: str, names: List[str], lines: List[str]) -> None:
    status, out, err = run(["check", write(tmp_path, source)] + names + ["--time-limit", "0.3"], capsys)
    assert (status, err) == (1, "")
    for line in lines:
        assert line in out, out
    assert "Traceback" not in out and "purenn/" not in out


def test_bad_usage_exits_2(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nothing.py")
    assert usage_error(["check", missing], capsys) == (
        f"purenn check: error: {missing}: no such file (give the path of your Python file)")
    assert usage_error(["check", str(tmp_path)], capsys) == (
        f"purenn check: error: {tmp_path} is a folder: give the path of your Python file")
    assert usage_error(["check", write(tmp_path, GOOD), "dott"], capsys) == (
        "purenn check: error: no exercise is called 'dott': did you mean 'dot'? python -m purenn exercises lists "
        "them all")
    assert "--time-limit" in usage_error(["check", write(tmp_path, GOOD), "--time-limit", "0"], capsys)
    assert "the following arguments are required: FILE.py" in usage_error(["check"], capsys)


def test_the_file_can_import_its_neighbours(tmp_path: pathlib.Path) -> None:
    write(tmp_path, "def product(x, y):\n    return sum(a * b for a, b in zip(x, y))\n", "helpers.py")
    report = check_file(write(tmp_path, "from helpers import product\n\ndef dot(x, y):\n    return product(x, y)\n"))
    assert report.passed, report.text()
    assert str(tmp_path) not in sys.path


def test_a_real_process_reports_without_a_traceback(tmp_path: pathlib.Path) -> None:
    """One run through ``python -m purenn`` itself (the statuses 0 and 2 are tested above, in this process)."""
    bad = write(tmp_path, "def dot(x, y)\n", "bad.py")
    done = subprocess.run([sys.executable, "-m", "purenn", "check", bad], cwd=str(ROOT), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.startswith("bad.py, line 1: a syntax error (") and done.stderr == ""


def test_the_readme_quotes_the_time_limit_and_the_tolerance() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"A call that runs for more than {TIME_LIMIT:g}\nseconds (the default of `--time-limit`)" in readme
    assert REL_TOL == 1e-9 and "differ by at most 1e-9 of the size of the answer" in readme.replace("\n", " ")
