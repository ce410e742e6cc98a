"""The command line imports a command's module only when that command runs: ``COMMANDS`` keeps each
command's line of ``--help``, and these tests hold that it says what the module itself says."""

import argparse
import subprocess
import sys
from typing import Dict, List

from purenn.app.cli import COMMANDS, _parsers, build_parser, command_module


def command_lines(parser: argparse.ArgumentParser) -> Dict[str, str]:
    """The line of ``--help`` for each command, as the parser lists it."""
    found: Dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update({choice.dest: choice.help or "" for choice in action._choices_actions})
    return found


def test_the_cheap_list_says_what_each_command_module_says() -> None:
    real = command_lines(build_parser())  # every module imported, each command's own parser
    assert real == COMMANDS
    assert list(real) == list(COMMANDS)  # in the same order, too
    for name in COMMANDS:
        assert command_module(name).__name__ == f"purenn.app.cli.{name}"
        assert callable(command_module(name).add_parser) and callable(command_module(name).run)


def test_help_is_the_same_with_stand_ins_as_with_every_command() -> None:
    assert _parsers(())[0].format_help() == build_parser().format_help()
    assert "check your own functions in a Python file" in _parsers(())[0].format_help()


def imported_commands(arguments: List[str]) -> List[str]:
    """The command modules loaded by running ``purenn ARGUMENTS`` in a fresh interpreter."""
    script = ("import contextlib, io, sys\n"
              "from purenn.app.cli import COMMANDS, main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              f"    main({arguments!r})\n"
              "print(' '.join(sorted(set(COMMANDS) & {m.rsplit('.', 1)[-1] for m in sys.modules\n"
              "                                         if m.startswith('purenn.app.cli.')})))\n")
    done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, universal_newlines=True, check=True)
    return done.stdout.split()


def test_the_main_job_imports_no_command_and_a_command_only_its_own() -> None:
    assert imported_commands(["--epochs", "1", "--quiet"]) == []
    assert imported_commands(["exercises"]) == ["exercises"]
