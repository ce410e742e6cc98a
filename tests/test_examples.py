"""Every script in examples/ runs, the way a learner would run it: ``python examples/NAME.py``.

The scripts are found with a glob, so a new example is tested without
editing this file. Convention: every example accepts ``--epochs N``; the
suite passes a small N to keep the run fast. An example whose source does
not mention ``--epochs`` is run without arguments.
"""

import importlib.util
import os
import pathlib
import subprocess
import sys
from typing import Dict, List

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES: List[pathlib.Path] = sorted((ROOT / "examples").glob("*.py"))
QUICK_EPOCHS = "20"

EXPECTED: Dict[str, List[str]] = {
    "diabetes.py": ["epoch    0   loss 0.8223", "epoch   19   loss", "loss per epoch:", "accuracy "],
    "xor.py": ["no hidden layer   epoch    0", "hidden layer      epoch   19", "accuracy "],
    "to_numpy.py": ["outputs differ by at most", "the same class for every row: True"],
    "to_pytorch.py": ["outputs differ by at most", "the same class for every row: True"],
}
"""Lines we expect in the quick run of each known example; any other example must print something."""


NEEDS: Dict[str, str] = {"to_numpy.py": "numpy", "to_pytorch.py": "torch"}
"""The examples that carry a network on to another library, and that library: skipped where it is absent."""


def skip_without_its_library(path: pathlib.Path) -> None:
    library = NEEDS.get(path.name)
    if library is not None and importlib.util.find_spec(library) is None:
        pytest.skip(f"{path.name} needs {library}, which is not installed here")


def run_example(path: pathlib.Path, arguments: List[str], cwd: pathlib.Path) -> "subprocess.CompletedProcess[str]":
    # Without PYTHONPATH, the script must find purenn on its own, as it does for a learner.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, str(path)] + arguments,
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
    )


def quick_arguments(path: pathlib.Path) -> List[str]:
    return ["--epochs", QUICK_EPOCHS] if "--epochs" in path.read_text(encoding="utf-8") else []


def test_the_glob_finds_the_examples() -> None:
    names = [path.name for path in EXAMPLES]
    assert len(names) >= 2, f"expected at least 2 examples in {ROOT / 'examples'}, found {names}"
    assert {"diabetes.py", "xor.py"} <= set(names)


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs_from_the_repository_root(path: pathlib.Path) -> None:
    skip_without_its_library(path)
    completed = run_example(path, quick_arguments(path), cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.strip(), f"{path.name} printed nothing"
    for expected in EXPECTED.get(path.name, []):
        assert expected in completed.stdout, f"{expected!r} missing from the output of {path.name}"


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs_from_another_folder(path: pathlib.Path, tmp_path: pathlib.Path) -> None:
    skip_without_its_library(path)
    completed = run_example(path, quick_arguments(path), cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr


def test_diabetes_example_learns_the_table_with_the_article_settings() -> None:
    completed = run_example(ROOT / "examples" / "diabetes.py", [], cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert [line for line in lines if line.startswith("epoch ")][-1].startswith("epoch 1499   loss 0.0080")
    assert lines[-1] == "accuracy 16 of 16"


def test_xor_example_needs_the_hidden_layer() -> None:
    completed = run_example(ROOT / "examples" / "xor.py", [], cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    without, with_hidden = completed.stdout.split("two-layer network (3 hidden units):")
    assert "accuracy 4 of 4" not in without
    assert "no hidden layer   epoch 1499   loss 0.6931" in without
    assert "accuracy 4 of 4" in with_hidden


@pytest.mark.parametrize("name", ["diabetes.py", "xor.py"])
def test_examples_refuse_zero_epochs(name: str) -> None:
    completed = run_example(ROOT / "examples" / name, ["--epochs", "0"], cwd=ROOT)
    assert completed.returncode == 2
    assert "--epochs must be at least 1, got 0" in completed.stderr
