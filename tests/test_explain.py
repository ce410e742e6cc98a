"""``purenn explain`` prints the network's own numbers for equations (1) to (14)."""

import contextlib
import io
from typing import List

import pytest

from purenn.app.cli import main
from purenn.app.explain import AGREEMENT, explain_step, render
from purenn.data.datasets import diabetes, iris, sine
from purenn.errors import DataError, PurennError
from purenn.linalg import Matrix
from purenn.nn.network import TwoLayerNetwork


def _cli(argv: List[str]) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(argv) == 0
    return out.getvalue()


@pytest.mark.parametrize("rows, hidden, seed", [([6], 4, 0), (None, 4, 0), ([0, 3], 3, 7)])
def test_every_number_is_the_networks_own(rows: List[int], hidden: int, seed: int) -> None:
    data = diabetes()
    step = explain_step(data, rows, hidden=hidden, seed=seed, learning_rate=0.5)
    picked = range(16) if rows is None else rows
    X, Y = Matrix([data.X[i] for i in picked]), Matrix([data.Y[i] for i in picked])
    net = TwoLayerNetwork(4, hidden, 1, seed=seed)
    forward = net.forward(X)
    loss = net.loss(forward.output, Y)
    grads = net.backward(X, Y, forward)
    assert net.step(X, Y, learning_rate=0.5) == loss == step.loss_before
    assert net.evaluate(X, Y) == step.loss_after < step.loss_before
    value = {(e.number, e.formula.split(" ")[0]): e.value for e in step.equations}
    assert value["(1)", "z1"] == forward.z1 and value["(2)", "a1"] == forward.a1
    assert value["(3)", "z2"] == forward.z2 and value["(4)", "ŷ"] == forward.output
    assert value["(5)", "J"] == loss
    assert value["(8)", "∂J/∂W2"] == grads.dW2 and value["(9)", "∂J/∂b2"] == grads.db2
    assert value["(12)", "∂J/∂W1"] == grads.dW1 and value["(13)", "∂J/∂b1"] == grads.db1
    assert value["(14)", "W1"] == net.W1 and value["(14)", "b1"] == net.b1
    assert value["(14)", "W2"] == net.W2 and value["(14)", "b2"] == net.b2
    # The intermediate steps lead exactly to the network's gradients.
    dy_hat, dz2, da1, dz1 = (value[k] for k in (("(6)", "∂J/∂ŷ"), ("(7)", "∂J/∂z2"), ("(10)", "∂J/∂a1"), ("(11)", "∂J/∂z1")))
    assert isinstance(dy_hat, Matrix) and isinstance(dz2, Matrix) and isinstance(da1, Matrix) and isinstance(dz1, Matrix)
    assert forward.a1.T @ dz2 == grads.dW2 and dz2.sum(axis=0) == grads.db2
    assert da1 == dz2 @ step.start.W2.T and dz1 == da1 * (forward.a1 * (1.0 - forward.a1))
    assert X.T @ dz1 == grads.dW1 and dz1.sum(axis=0) == grads.db1
    assert (dy_hat * forward.output * (1 - forward.output)).allclose(dz2)  # (7) = (6) ⊙ σ'(z2)
    assert step.check.worst_relative_error < AGREEMENT and step.check.checked == 4 * hidden + hidden + hidden + 1


def test_the_text_shows_all_fourteen_equations_with_their_values() -> None:
    step = explain_step(diabetes(), [6])
    text = render(step)
    for k in range(1, 15):
        assert f"\n({k}) " in text, k
    for equation in step.equations:
        assert equation.formula in text
        shown = equation.value if isinstance(equation.value, float) else str(equation.value + 0.0)  # no -0
        if isinstance(shown, float):
            assert f"= {shown:.6g}" in text
        else:
            assert all(line in text for line in shown.split("\n")), equation.number
    assert f"Loss before the step  J = {step.loss_before:.6g}" in text
    assert f"Loss after the step   J = {step.loss_after:.6g}" in text
    assert "backprop agrees with finite differences on all 25 gradients" in text


@pytest.mark.parametrize("argv", [["explain"], ["explain", "--batch"], ["explain", "--data", "iris", "--batch"],
                                  ["explain", "--data", "spirals", "--hidden", "12", "--sample", "5"]])
def test_it_fits_on_two_screens_of_100_columns(argv: List[str]) -> None:
    lines = _cli(argv).rstrip("\n").split("\n")
    assert len(lines) <= 100
    assert all(len(line) <= 100 for line in lines), max(lines, key=len)


def test_the_cli_prints_what_render_gives() -> None:
    assert _cli(["explain", "--sample", "3", "--seed", "2"]) == render(explain_step(diabetes(), [3], seed=2)) + "\n"
    assert "row 6 of diabetes" in _cli(["explain"])


def test_a_terminal_without_unicode_gets_ascii() -> None:
    text = render(explain_step(iris(), [0]), unicode=False)
    assert all(ord(c) < 128 for c in text) and "dJ/dW2 = a1^T * dJ/dz2" in text


def test_bad_requests_are_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DataError, match="'sine' asks for numbers"):
        explain_step(sine(), [0])
    with pytest.raises(PurennError, match="row 16 is not in the diabetes data, whose rows are numbered 0 to 15"):
        explain_step(diabetes(), [16])
    for argv, message in ((["explain", "--sample", "16"], "--sample 16 is past the last row of diabetes (15)"),
                          (["explain", "--batch", "--sample", "1"], "give one of them")):
        with pytest.raises(SystemExit):
            main(argv)
        assert message in capsys.readouterr().err
    assert main(["explain", "--data", "sine"]) == 1
    assert "pick a classification data set" in capsys.readouterr().err
