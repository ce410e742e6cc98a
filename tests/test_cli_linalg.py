"""``purenn linalg``: the classroom command (purenn/app/cli/linalg.py)."""

import re
from fractions import Fraction
from typing import List, Tuple

import pytest

from purenn.app.cli import main
from purenn.linalg.elimination import solve_steps


def ok(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["linalg"] + arguments) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def fails(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> Tuple[int, str]:
    """The exit status and standard error of a command that must fail."""
    try:
        status = main(["linalg"] + arguments)
    except SystemExit as exit:  # argparse's usage errors
        status = int(exit.code or 0)
    captured = capsys.readouterr()
    assert captured.out == ""
    return status, captured.err


def test_solve_with_steps_prints_the_working_and_the_exact_answer(capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(["solve", "[[2,1],[1,3]]", "[3,5]", "--steps"], capsys)
    assert out == str(solve_steps([[2, 1], [1, 3]], [3, 5]).steps) + "\nx1 = 4/5\nx2 = 7/5\n"
    assert "R2 ← R2 − ½·R1" in out
    assert ok(["solve", "[[2,1],[1,3]]", "[3,5]"], capsys) == "x1 = 4/5\nx2 = 7/5\n"
    # the answer really solves the system
    x = [Fraction(4, 5), Fraction(7, 5)]
    assert [2 * x[0] + x[1], x[0] + 3 * x[1]] == [3, 5]


def test_each_operation(capsys: pytest.CaptureFixture[str]) -> None:
    A = "[[1,2,3],[4,5,6],[7,8,10]]"
    assert ok(["det", A], capsys) == "-3\n"
    assert ok(["det", A, "--steps"], capsys).endswith("det = 1 · (−3) · 1 = −3\n")
    assert ok(["inverse", "[[2,1],[1,1]]"], capsys) == "[[ 1  -1]\n [-1   2]]\n"
    assert ok(["rref", "[[1,2,3],[4,5,6],[7,8,9]]"], capsys) == "[[1  0  -1]\n [0  1   2]\n [0  0   0]]\n"
    assert ok(["rank", "[[1,2,3],[2,4,6]]"], capsys) == "rank 1\nnull space basis: (-2, 1, 0), (-3, 0, 1)\n"
    assert ok(["rank", "[[1,0],[0,1]]"], capsys) == "rank 2\nnull space: only the zero vector\n"
    assert ok(["eig", "[[2,1],[1,2]]"], capsys) == "λ = 1   v = (0.707107, -0.707107)\nλ = 3   v = (0.707107, 0.707107)\n"
    out = ok(["eig", "[[2,1],[0,1]]"], capsys)
    assert out == "the matrix is not symmetric: the dominant eigenpair, by power iteration\nλ = 2   v = (1, 0)\n"
    assert ok(["rref", "[[1,2.5],[3,4]]"], capsys) == "[[1  0]\n [0  1]]\n"  # floats


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["rref", "[[1,2],[3,x]]"], "cannot read '[[1,2],[3,x]]' as a matrix"),
        (["rref", "[[1,2],[3]]"], "row 1 has 1 entry but row 0 has 2"),
        (["rref", "[1,2]"], "is not a list of rows"),
        (["rref", "[]"], "needs at least one row"),
        (["rref", "[[1,True]]"], "is True (a bool)"),
        (["rref", "[[" + ",".join(["1"] * 13) + "]]"], "larger than 12 x 12"),
        (["rref", "[" * 6000], "cannot read"),  # nested too deep for Python's parser
        (["solve", "[[1,2],[3,4]]", "5"], "is not a list of numbers"),
        (["eig", "[[1,2],[3,4]]", "--steps"], "unrecognized arguments: --steps"),
    ],
)
def test_text_that_is_not_a_matrix_is_a_usage_error(
    arguments: List[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = fails(arguments, capsys)
    assert status == 2 and message in err
    assert err.splitlines()[-1].startswith("purenn")


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["det", "[[1,2]]"], "cannot take the determinant of a (1, 2) matrix: it must be square"),
        (["inverse", "[[1,2],[2,4]]"], "cannot invert: the (2, 2) matrix is singular"),
        (["solve", "[[1,2],[3,4]]", "[1,2,3]"], "b needs 2 entries, one per row of A"),
        (["solve", "[[1,1],[1,1]]", "[1,2]"], "no solution: elimination turns equation 2 into 0 = 1"),
        (["eig", "[[1,2,3],[4,5,6]]"], "cannot find the eigenvalues of a (2, 3) matrix: it must be square"),
    ],
)
def test_a_matrix_that_does_not_fit_is_a_one_line_error(
    arguments: List[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = fails(arguments, capsys)
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("purenn: error: ") and message in err


def test_long_text_is_refused_before_it_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = fails(["rref", "[" * 20_000], capsys)
    assert status == 2 and re.search(r"20000 characters long; at most 10000", err)


def test_the_readme_shows_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    import pathlib
    import shlex

    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Teaching linear algebra.*?```text\n(.*?)```", readme, flags=re.S)
    assert block is not None, "README should show the linalg command in a text block"
    sessions = re.split(r"^\$ ", block.group(1), flags=re.M)[1:]
    assert len(sessions) >= 3
    for session in sessions:
        command, _, shown = session.partition("\n")
        words = shlex.split(command)
        assert words[:2] == ["purenn", "linalg"]
        assert ok(words[2:], capsys) == shown, command


def test_help_lists_the_operations(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["linalg", "--help"])
    assert "{solve,rref,det,inverse,rank,eig}" in capsys.readouterr().out
