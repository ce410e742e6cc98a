"""The library never speaks command line: no message outside purenn/app/cli/ names a flag.

Library messages name settings as Python does (``learning_rate=0.005``); the
command line renders the same ``Message`` with its flags (``--learning-rate
0.005``).
"""

import ast
import pathlib
import re
from typing import List, Optional

import pytest

from purenn.app.cli.options import flag
from purenn.app.messages import Message, Setting
from purenn.app.mainjob import _how_the_loss_fell
from purenn.app.pipeline import TrainConfig, _training_warnings
from purenn.nn.training import History

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "purenn"
CLI = PACKAGE / "app" / "cli"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
"""A command-line flag such as ``--test-size``."""


def string_of(node: ast.AST) -> Optional[str]:
    """The text of a string literal: an ast.Constant from Python 3.8 on, an ast.Str (text in ``s``) before."""
    value = getattr(node, "value", None) if isinstance(node, ast.Constant) else getattr(node, "s", None)
    return value if isinstance(value, str) and type(node).__name__ in ("Constant", "Str") else None


def flags_in_messages(source: str) -> List[str]:
    """Every flag named in a string of ``source`` that is not a docstring (messages, f-strings, constants)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and string_of(body[0].value) is not None:
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        text = string_of(node)
        if text is not None and id(node) not in docstrings:
            found += [f"line {node.lineno}: {match}" for match in FLAG.findall(text)]
    return found


def library_modules() -> List[pathlib.Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if CLI not in path.parents)


def test_the_checker_finds_a_flag_in_a_message_but_not_in_a_docstring() -> None:
    source = '"""Run it with --quiet."""\n\ndef f(x):\n    """--x in a docstring."""\n    raise ValueError(f"use --learning-rate {x}")\n'
    assert flags_in_messages(source) == ["line 5: --learning-rate"]
    assert flags_in_messages('x = "a - b -- c, x--y"') == []


def test_the_library_has_modules_to_check() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in library_modules()}
    assert {"app/pipeline.py", "app/mainjob.py", "nn/training.py", "data/csvfile.py"} <= names
    assert not any(name.startswith("app/cli/") for name in names)


@pytest.mark.parametrize("path", library_modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_library_message_names_a_flag(path: pathlib.Path) -> None:
    assert flags_in_messages(path.read_text(encoding="utf-8")) == []


def test_a_message_names_settings_in_python_terms_and_the_cli_renders_flags() -> None:
    message = Message("use a larger {}, or {}", (Setting("test_size"), Setting("test_size", 0)))
    assert str(message) == "use a larger test_size, or test_size=0"
    assert message.text(flag) == "use a larger --test-size, or --test-size 0"


def test_the_training_warning_names_the_learning_rate() -> None:
    rose = History(loss=[1.0, 0.1] + [0.3] * 18)
    [warning] = _training_warnings(rose, TrainConfig(learning_rate=0.01))
    assert str(warning).endswith("try a smaller learning rate, e.g. learning_rate=0.005")
    assert warning.text(flag).endswith("try a smaller learning rate, e.g. --learning-rate 0.005")


def test_the_main_job_suggests_a_learning_rate_in_the_terms_it_is_given() -> None:
    message = _how_the_loss_fell([0.8, 3.1, 7.8], learning_rate=50)
    assert str(message).endswith("try a smaller one, such as 5 (learning_rate=5).")
    assert message.text(flag).endswith("try a smaller one, such as 5 (--learning-rate 5).")
