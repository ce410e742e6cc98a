"""mypy --strict over purenn/, as a test, so the one test command covers it."""

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_mypy_strict_passes() -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is installed by the README's test command")
    stdout, stderr, status = api.run(
        ["--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "purenn")]
    )
    assert status == 0, stdout + stderr
    assert "Success" in stdout
