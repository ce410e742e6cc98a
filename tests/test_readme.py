"""The README must stay true: its commands, its pasted output and its examples."""

import contextlib
import doctest
import io
import pathlib
import re

from purenn.app.cli import main

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
TEXT = README.read_text(encoding="utf-8")


def _code_blocks() -> list:
    return re.findall(r"```[a-z]*\n(.*?)```", TEXT, flags=re.S)


def test_readme_names_exactly_two_setup_commands() -> None:
    commands = [block.strip() for block in _code_blocks() if block.strip().startswith("python3 ")]
    assert commands == [
        "python3 -m purenn",
        'python3 -m venv .venv && .venv/bin/python -m pip install ".[test]" && .venv/bin/python -m pytest',
    ]


def test_readme_examples_run() -> None:
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0


def test_readme_shows_the_real_output_of_the_main_job() -> None:
    pasted = next(block for block in _code_blocks() if block.startswith("purenn: the article's"))
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main([]) == 0

    def steady(text: str) -> str:  # everything but the times, which vary
        lines = [line for line in text.strip().splitlines() if not line.startswith("trained in")]
        return "\n".join(re.sub(r"elapsed .*, left .*$", "elapsed ..., left ...", line) for line in lines)

    assert steady(pasted) == steady(out.getvalue())


def test_readme_iris_accuracy_is_what_the_cli_prints() -> None:
    claimed = re.search(r"prints `test accuracy (\d\.\d{4})`", TEXT)
    assert claimed is not None, "README should state the Iris test accuracy the CLI prints"
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["train", "--data", "iris", "--quiet"]) == 0
    assert f"test accuracy {claimed.group(1)}" in out.getvalue()
