"""A real debugger session: pdb on the diabetes table, driven by scripted commands.

Each test runs ``python -m pdb`` (the interpreter running the tests) in a
subprocess on a small script, feeds it commands on standard input, and reads
what each command printed. It checks what the issue promises a learner:
every value prints in at most 3 lines of at most 100 characters, a small
Matrix pastes back, and in plain mode ``s`` from equation (1) reaches the
loop ``total += A[i][k] * B[k][j]`` within a few steps.
"""

import math
import os
import pathlib
import re
import subprocess
import sys
from typing import Dict, List, Tuple

import pytest

from purenn.linalg import Matrix, Vector, kernel, plain_mode

ROOT = pathlib.Path(__file__).resolve().parent.parent
NETWORK = ROOT / "purenn" / "nn" / "network.py"
KERNEL = ROOT / "purenn" / "linalg" / "kernel.py"
README = ROOT / "README.md"

SCRIPT = """\
from purenn.data.datasets import diabetes
from purenn.linalg import Matrix, plain_mode
from purenn.nn.network import TwoLayerNetwork
{switch}
data = diabetes()
net = TwoLayerNetwork(n_inputs=4, n_hidden=4, seed=0)
forward = net.forward(data.X)
grads = net.backward(data.X, data.Y, forward)
print("the end")
"""

STEPS_TO_THE_LOOP = 16
"""How many ``s`` commands take pdb from equation (1) to ``total += ...`` (the README says so too)."""


def line_of(path: pathlib.Path, statement: str) -> int:
    """The number of the first line of ``path`` that is ``statement`` (and perhaps a comment)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.split("#")[0].strip() == statement)


EQUATION_1 = line_of(NETWORK, "z1 = X @ self.W1 + self.b1")
THE_END = SCRIPT.splitlines().index('print("the end")') + 1
THE_LOOP = line_of(KERNEL, "total += A[i][k] * B[k][j]")


def run_pdb(
    tmp_path: pathlib.Path, commands: List[str], switch: str = "", plain_env: bool = False
) -> List[Tuple[str, str]]:
    """Run the script under pdb with these commands; return (command, what it printed) pairs."""
    script = tmp_path / "session.py"
    script.write_text(SCRIPT.format(switch=switch), encoding="utf-8")
    env: Dict[str, str] = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("PURENN_PLAIN", None)
    if plain_env:
        env["PURENN_PLAIN"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pdb", str(script)],
        input="\n".join(commands + ["quit"]) + "\n",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, cwd=str(ROOT), env=env, timeout=300,
    )
    chunks = result.stdout.split("(Pdb) ")  # output of command k comes after prompt k + 1
    return list(zip(commands, chunks[1:]))


def _fits(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return len(lines) <= 3 and all(len(line) <= 100 for line in lines)


def test_every_value_of_the_network_prints_in_three_short_lines(tmp_path: pathlib.Path) -> None:
    commands = [
        f"break purenn/nn/network.py:{EQUATION_1}", "continue", "next", "p z1", "p X", "p self",
        "clear 1", f"break {tmp_path / 'session.py'}:{THE_END}",
        "continue", "p forward", "p grads", "p net", "p net.W1", "p forward.a1.T",
        "p Matrix([[1, 2], [3, 4]])",
    ]
    printed = dict(run_pdb(tmp_path, commands))
    for command in commands:
        if command.startswith("p "):
            assert command in printed, f"pdb never ran {command!r}"
            assert printed[command].strip() and "Error" not in printed[command], (command, printed[command])
            assert _fits(printed[command]), f"{command} printed:\n{printed[command]}"
    assert printed["p z1"].startswith("<Matrix shape=(16, 4): [[0, 0, 0, 0], [")
    assert printed["p forward"].startswith("Forward(z1=<(16, 4) [[")
    assert printed["p grads"].startswith("Gradients(dz2=<(16, 1) ")
    assert printed["p net"].startswith("TwoLayerNetwork(W1=<(4, 4) [[")
    assert printed["p Matrix([[1, 2], [3, 4]])"].strip() == "Matrix([[1.0, 2.0], [3.0, 4.0]])"


def _steps_to_the_loop(session: List[Tuple[str, str]]) -> int:
    """How many ``s`` commands it took to land on the plain loop's line (0: never)."""
    steps = 0
    for command, output in session:
        if command != "s":
            continue
        steps += 1
        if f"kernel.py({THE_LOOP})" in output:
            assert "-> total += A[i][k] * B[k][j]" in output
            return steps
    return 0


@pytest.mark.parametrize("how", ["environment variable", "plain_mode()"])
def test_in_plain_mode_s_from_equation_1_reaches_the_plain_loop(tmp_path: pathlib.Path, how: str) -> None:
    commands = [f"break purenn/nn/network.py:{EQUATION_1}", "continue"] + ["s"] * (STEPS_TO_THE_LOOP + 5)
    if how == "plain_mode()":
        session = run_pdb(tmp_path, commands, switch="plain_mode()")
    else:
        session = run_pdb(tmp_path, commands, plain_env=True)
    assert "-> z1 = X @ self.W1 + self.b1" in dict(session)["continue"]
    steps = _steps_to_the_loop(session)
    assert steps == STEPS_TO_THE_LOOP, "\n".join(output for _, output in session)


def test_in_fast_mode_s_never_meets_the_plain_loop(tmp_path: pathlib.Path) -> None:
    commands = [f"break purenn/nn/network.py:{EQUATION_1}", "continue"] + ["s"] * (STEPS_TO_THE_LOOP + 5)
    assert _steps_to_the_loop(run_pdb(tmp_path, commands)) == 0


def test_the_readme_walkthrough_shows_a_real_session(tmp_path: pathlib.Path) -> None:
    """The README's script, run under pdb with the README's commands, prints what the README shows."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Step through it in a debugger", 1)[1].split("\n## ", 1)[0]
    script, session = re.findall(r"```[a-z]*\n(.*?)```", section, flags=re.S)[:2]
    assert f"(line {EQUATION_1} of" in section.replace("\n", " "), "the README's line is not equation (1)'s"
    shown = session.split("(Pdb) ")[1:]
    commands = [chunk.split("\n", 1)[0] for chunk in shown]
    assert commands[0] == f"break purenn/nn/network.py:{EQUATION_1}" and "p z1" in commands
    (tmp_path / "session.py").write_text(script, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    env.pop("PURENN_PLAIN", None)
    result = subprocess.run(
        [sys.executable, "-m", "pdb", str(tmp_path / "session.py")], input="\n".join(commands) + "\nquit\n",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, cwd=str(ROOT), env=env, timeout=300,
    )
    printed = result.stdout.split("(Pdb) ")[1:]
    for command, readme, real in zip(commands, shown, printed):
        kept = [line for line in real.split("\n") if not line.startswith(("> ", "Breakpoint "))]
        assert readme.split("\n", 1)[1] == "\n".join(kept), command
    steps = re.search(r"`s` pressed (\d+) times lands", section.replace("\n", " "))
    assert steps is not None and int(steps.group(1)) == STEPS_TO_THE_LOOP


# ----------------------------------------------------------------- the switch


@pytest.mark.parametrize("value, plain", [("1", True), ("0", False), ("", False)])
def test_the_environment_variable_is_read_at_import(value: str, plain: bool) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PURENN_PLAIN=value)
    result = subprocess.run(
        [sys.executable, "-c", "import purenn; from purenn.linalg import kernel; print(kernel.is_plain())"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, cwd=str(ROOT), env=env, timeout=120,
    )
    assert result.stdout.strip() == str(plain), result.stderr


def test_plain_mode_gives_the_fast_results_to_1e_12() -> None:
    A, B, v = Matrix.normal(768, 8, rng=1), Matrix.normal(8, 16, std=3.0, rng=2), Vector.normal(8, rng=3)
    with plain_mode(on=False):
        fast = (A @ B, A @ v, A[0] @ B, v @ v)
    with plain_mode():
        assert kernel.is_plain()
        plain = (A @ B, A @ v, A[0] @ B, v @ v)
    assert plain[0].allclose(fast[0], rel_tol=1e-12) and plain[1].allclose(fast[1], rel_tol=1e-12)
    assert plain[2].allclose(fast[2], rel_tol=1e-12) and math.isclose(plain[3], fast[3], rel_tol=1e-12)
    total = 0.0
    for x in v:
        total += x * x
    assert plain[3] == total  # the plain loop itself, in the same order
