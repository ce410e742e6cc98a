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
    assert out == solve_steps([[2, 1], [1, 3]], [3, 5]).steps.board() + "\nx1 = 4/5\nx2 = 7/5\n"
    assert "-" not in out  # one notation for minus in one display
    assert "R2 ← R2 − (1/2)·R1" in out and "[[(2)" in out  # the pivot marked
    assert ok(["solve", "[[2,1],[1,3]]", "[3,5]"], capsys) == "x1 = 4/5\nx2 = 7/5\n"
    # the answer really solves the system
    x = [Fraction(4, 5), Fraction(7, 5)]
    assert [2 * x[0] + x[1], x[0] + 3 * x[1]] == [3, 5]


def test_each_operation(capsys: pytest.CaptureFixture[str]) -> None:
    A = "[[1,2,3],[4,5,6],[7,8,10]]"
    assert ok(["det", A], capsys) == "−3\n"
    assert ok(["det", A, "--steps"], capsys).endswith("det = 1 · (−3) · 1 = −3\n")
    assert ok(["inverse", "[[2,1],[1,1]]"], capsys) == "[[ 1  −1]\n [−1   2]]\n"
    assert ok(["rref", "[[1,2,3],[4,5,6],[7,8,9]]"], capsys) == "[[1  0  −1]\n [0  1   2]\n [0  0   0]]\n"
    assert ok(["rank", "[[1,2,3],[2,4,6]]"], capsys) == "rank 1\nnull space basis: (−2, 1, 0), (−3, 0, 1)\n"
    assert ok(["rank", "[[1,0],[0,1]]"], capsys) == "rank 2\nnull space: only the zero vector\n"
    assert ok(["eig", "[[2,1],[1,2]]"], capsys) == (
        "p(λ) = det(λI − A) = λ² − 4λ + 3\n"
        "λ = 1: (−1, 1)   (algebraic multiplicity 1, geometric 1)\n"
        "λ = 3: (1, 1)   (algebraic multiplicity 1, geometric 1)\n"
    )
    out = ok(["eig", "[[2,1],[0,2]]"], capsys)
    assert out.endswith("λ = 2: (1, 0)   (algebraic multiplicity 2, geometric 1)\n")
    assert ok(["rref", "[[1,2.5],[3,4]]"], capsys) == "[[1  0]\n [0  1]]\n"
    assert ok(["rref", "[[1,2.5],[3,4]]", "--float"], capsys) == "[[1  0]\n [0  1]]\n"


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["rref", "[[1,2],[3,x]]"], "row 2, column 2 is 'x': write a whole number (3), a fraction (-1/3)"),
        (["rref", "[[1,2],[3]]"], "row 2 has 1 entry but row 1 has 2"),
        (["rref", "[1,2]"], "is not a list of rows"),
        (["rref", "[]"], "needs at least one row"),
        (["rref", "[[1,True]]"], "row 1, column 2 is 'True'"),
        (["rref", "[[1,2]"], "a ] is missing"),
        (["rref", "[[1,2]],[3]"], "cannot read"),
        (["det", "[[1/0]]"], "row 1, column 1 is '1/0': division by zero"),
        (["solve", "[[1,2],[3,4]]", "[1,y]"], "entry 2 of b is 'y'"),
        (["cofactor", "[[1,2],[3,4]]", "0", "1"], "0 is not a row or column: they count from 1"),
        (["rref", "[[" + ",".join(["1"] * 13) + "]]"], "larger than 12 x 12"),
        (["rref", "[" * 6000], "cannot read"),  # nested deeper than a matrix
        (["solve", "[[1,2],[3,4]]", "5"], "cannot read '5' as a vector: write it like [3,5]"),
        (["solve", "[[1,2],[3,4]]", "[[5]]"], "is not a list of numbers"),
        (["eig", "[[1,2],[3,4]]", "--bogus"], "unrecognized arguments: --bogus"),
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
        (["charpoly", "[[1,2],[3,4]]", "--float"], "charpoly works in exact fractions only: leave out --float"),
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
    assert "{solve,rref,ref,det,inverse,rank,subspaces,lu,charpoly,eig,diagonalize,cofactor,cramer,rowop}" in \
        capsys.readouterr().out


# -------------------------------------------------- issue 19: exact input, working, every command


def test_decimals_and_fractions_are_read_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(["solve", "[[0.1,0.2],[1/3,1]]", "[1,1]"], capsys) == "x1 = 24\nx2 = −7\n"
    out = ok(["det", "[[1/2,1],[0.1,3]]", "--steps"], capsys)
    assert "R2 ← R2 − (1/5)·R1" in out and out.endswith("det = (1/2) · (14/5) = 7/5\n")  # 0.1 is 1/10 here
    assert ok(["det", "[[1e-20,0],[0,1]]"], capsys) == "1/100000000000000000000\n"


@pytest.mark.parametrize(
    "arguments, answer",
    [  # the reproductions of issue 19, exactly and in floats
        (["solve", "[[1e-20,0],[0,1]]", "[1,1]"], "x1 = 100000000000000000000\nx2 = 1\n"),
        (["solve", "[[1e-20,0],[0,1]]", "[1,1]", "--float"], "x1 = 1e+20\nx2 = 1\n"),
        (["rref", "[[1e-20,0],[0,1]]", "--float"], "[[1  0]\n [0  1]]\n"),
        (["rank", "[[1e-20,2e-20],[1,3]]", "--float"], "rank 2\nnull space: only the zero vector\n"),
        (["rank", "[[1e16,0],[0,1]]", "--float"], "rank 2\nnull space: only the zero vector\n"),
        (["det", "[[1e-20,0],[0,1]]", "--float"], "1e−20\n"),
        (["inverse", "[[1e-20,0],[0,1]]", "--float"], "[[1e+20  0]\n [    0  1]]\n"),
        (["rref", "[[0.1,0.2,0.3],[0.4,0.5,0.6],[0.7,0.8,0.9]]", "--float"], "[[1  0  −1]\n [0  1   2]\n [0  0   0]]\n"),
        (["rank", "[[0.1,0.2,0.3],[0.4,0.5,0.6],[0.7,0.8,0.9]]"], "rank 2\nnull space basis: (1, −2, 1)\n"),
        (["det", "[[1e200,0],[0,1e200]]", "--float"], "inf\n"),
    ],
)
def test_the_reproductions_of_the_issue(arguments: List[str], answer: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(arguments, capsys) == answer


def test_steps_print_the_working_also_when_there_is_no_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["linalg", "solve", "[[1,1],[1,1]]", "[1,2]", "--steps"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("start\n") and "R2 ← R2 − R1" in captured.out
    assert captured.err == "purenn: error: no solution: elimination turns equation 2 into 0 = 1\n"
    assert main(["linalg", "inverse", "[[1,2],[2,4]]", "--steps"]) == 1
    captured = capsys.readouterr()
    assert "R2 ← R2 − 2·R1" in captured.out and "cannot invert" in captured.err


def test_every_command_answers_and_prints_latex(capsys: pytest.CaptureFixture[str]) -> None:
    from purenn.app.cli.linalg import OPERATIONS

    for name, operation in OPERATIONS.items():
        more = {"A b": ["[3,3]"], "A op result": ["R2 <- R2 - R1"]}.get(operation.reads, [])
        arguments = [name, "[[2,1],[1,2]]"] + more
        text = ok(arguments, capsys)
        assert text.strip(), name
        latex = ok(arguments + ["--latex"], capsys)
        assert latex.startswith("$") and latex.rstrip().endswith("$"), name
        steps = ok(arguments + ["--steps"], capsys)
        assert steps == text or steps.endswith(text), name  # no working, or working then answer
    assert ok(["solve", "[[1,2,3],[2,4,7]]", "[1,3]"], capsys) == (
        "infinitely many solutions:\nx = (−2, 0, 1) + s1·(−2, 1, 0)\nfree variable x2 = s1\n")
    assert ok(["diagonalize", "[[1,1],[0,1]]"], capsys).startswith("not diagonalisable (defective): λ = 1 has")
    assert ok(["cramer", "[[2,1],[1,3]]", "[3,5]"], capsys).endswith("x2 = det(B2) / det A = 7 / 5 = 7/5\n")
    assert ok(["cofactor", "[[1,2],[3,4]]", "1", "2"], capsys) == "C12 = −3\n"


def test_a_student_checks_a_row_operation_and_drills_without_fractions(capsys: pytest.CaptureFixture[str]) -> None:
    assert ok(["rowop", "[[1,2],[3,4]]", "R2 <- R2 - 3R1"], capsys) == "[[1   2]\n [0  −2]]\n"
    assert ok(["rowop", "[[1,2],[3,4]]", "R2 <- R2 - 3R1", "[[1,2],[0,-2]]"], capsys) == "correct: R2 ← R2 − 3·R1\n"
    assert ok(["rowop", "[[1,2],[3,4]]", "R2 <- R2 - 3R1", "[[1,2],[0,2]]"], capsys) == (
        "not quite: row 2, column 2 should be −2, not 2 (4 − 3·2 = −2)\n")
    out = ok(["ref", "[[2,3],[3,4]]", "--fraction-free", "--steps"], capsys)
    assert "R2 ← 2·R2\n" in out and "/" not in out


def test_one_cofactor_shows_its_minor_with_steps(capsys: pytest.CaptureFixture[str]) -> None:
    A = "[[2,1,1],[4,-6,0],[-2,7,2]]"
    assert ok(["cofactor", A, "2", "3"], capsys) == "C23 = −16\n"
    assert ok(["cofactor", A, "2", "3", "--steps"], capsys) == (
        "C23 = (−1)^(2+3) · det M23, M23 being A without row 2 and column 3\nM23 =\n[[ 2  1]\n [−2  7]]\n"
        "det M23 = 2·7 − 1·(−2) = 16\nC23 = −16\n")
    assert ok(["cofactor", A, "2", "3", "--latex"], capsys).startswith("$$C_{23} = (-1)^{2+3} \\det M_{23}")


def test_cofactor_expansion_shows_each_minor(capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(["cofactor", "[[2,1,1],[4,-6,0],[-2,7,2]]", "--steps"], capsys)
    assert out.startswith("C11 = (−1)^2 · det [[−6, 0], [7, 2]] = −12\nC12 = (−1)^3 · det [[4, 0], [−2, 2]] = −8\n")
    assert out.endswith("= −16\n")
