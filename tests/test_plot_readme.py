"""The README's figures are what its printed command draws today, byte for byte.

If this fails after a change to training or drawing, run the commands in the
README's "Figures" section from the repository root and commit the new files.
"""

import contextlib
import io
import pathlib
import re
import shlex

import pytest

from purenn.app.cli import main
from purenn.plot.boundary import SURE

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FIGURES = "docs/figures/"


def _commands() -> list:
    lines = [line for block in re.findall(r"```[a-z]*\n(.*?)```", README, flags=re.S) for line in block.splitlines()
             if line.startswith("python3 -m purenn") and FIGURES in line]
    assert len(lines) == 2, "the README should print the two commands that draw docs/figures/"
    return [shlex.split(line) for line in lines]


def test_the_readme_shows_every_figure_its_commands_draw() -> None:
    drawn = [word for argv in _commands() for word in argv if word.startswith(FIGURES)]
    assert len(drawn) == 5
    for path in drawn:
        assert f"]({path})" in README, f"the README does not show {path}"


def test_committed_figures_are_current(tmp_path: pathlib.Path) -> None:
    _check_figures(_commands()[0], tmp_path)


def test_committed_digit_figures_are_current(tmp_path: pathlib.Path) -> None:
    _check_figures(_commands()[1], tmp_path)


def _check_figures(argv: list, tmp_path: pathlib.Path) -> None:
    assert argv[:3] == ["python3", "-m", "purenn"]
    redirected = [word.replace(FIGURES, f"{tmp_path}/") for word in argv[3:]]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(redirected) == 0
    for word in argv:
        if word.startswith(FIGURES):
            fresh = (tmp_path / word[len(FIGURES):]).read_bytes()
            committed = (ROOT / word).read_bytes()
            assert fresh == committed, f"{word} is out of date: run the README's figure command and commit it"


@pytest.mark.parametrize("claim", [f"below {SURE[1]}", f"from {SURE[0]}"])
def test_the_readme_states_the_shading_thresholds(claim: str) -> None:
    assert claim in " ".join(README.split())
