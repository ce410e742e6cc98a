"""One step of the article's network, equation by equation, with the numbers of a real run.

``explain_step`` builds a ``TwoLayerNetwork``, runs one round of gradient
descent on a few rows of a data set (by default one row of the diabetes
table), and keeps every quantity of equations (1) to (14) the network itself
computed: ``forward`` gives (1) to (4), ``loss`` (5), ``backward`` (7) to
(13), ``step`` (14). Only (6) is worked out here: the network never computes
it, because (7) cancels it away. ``render`` turns the result into text that reads like the article
with the blanks filled in.

>>> from purenn.data.datasets import diabetes
>>> step = explain_step(diabetes(), rows=[6])
>>> [equation.number for equation in step.equations][:5]
['(1)', '(2)', '(3)', '(4)', '(5)']
>>> step.loss_after < step.loss_before
True
"""

from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from purenn.errors import DataError, PurennError
from purenn.text import LINE_WIDTH, number
from purenn.linalg import Matrix, Vector, display
from purenn.nn.gradcheck import GradientCheck, gradient_check
from purenn.nn.network import TwoLayerNetwork
from purenn.data.datasets import Dataset

__all__ = ["AGREEMENT", "Equation", "Explanation", "explain_step", "render"]

Value = Union[Matrix, Vector, float]

MAX_GRID_ROWS = 4
"""A matrix of at most this many rows prints in full; a taller one as a summary."""

INDENT = " " * 5
"""Values print under their equation, indented this much."""

AGREEMENT = 1e-7
"""Backprop and finite differences agreeing to this relative error count as the same gradient."""

ASCII = {
    "σ'": "sigmoid'", "σ": "sigmoid", "∂": "d", "⊙": "*", "ᵀ": "^T", "ŷ": "y_hat", "Σ": "sum", "α": "alpha",
    "←": "<-", "−": "-", "·": "*", "⊘": "/", "—": "-", "→": "->",
}
"""How the formulas read on a terminal that cannot print these characters."""


class Equation(NamedTuple):
    """One numbered equation of the article with the value it had in this step."""

    number: str
    formula: str
    value: Optional[Value]
    """None where the equation has no value in this step (see ``note``)."""
    note: str = ""


class Explanation(NamedTuple):
    """Everything ``render`` prints: the data, the starting network, each equation, the outcome."""

    data_name: str
    rows: Tuple[int, ...]
    feature_names: Tuple[str, ...]
    X: Matrix
    Y: Matrix
    start: TwoLayerNetwork
    """The network before the step (a copy: the step changed the one that took it)."""
    learning_rate: float
    equations: Tuple[Equation, ...]
    loss_before: float
    loss_after: float
    check: GradientCheck


def explain_step(
    data: Dataset,
    rows: Optional[Sequence[int]] = None,
    hidden: int = 4,
    seed: int = 0,
    learning_rate: float = 1.0,
) -> Explanation:
    """Run one gradient-descent step of the article's network on ``rows`` of ``data`` (all rows if None).

    Raises DataError for a regression data set (the network predicts
    probabilities) and PurennError for a row number outside the data.
    """
    if data.task == "regression":
        raise DataError(
            f"data set {data.name!r} asks for numbers, but the article's network predicts "
            "probabilities (sigmoid output, binary cross-entropy): pick a classification data set"
        )
    chosen = tuple(range(len(data.X))) if rows is None else tuple(rows)
    for row in chosen:
        if not 0 <= row < len(data.X):
            raise PurennError(
                f"row {row} is not in the {data.name} data, whose rows are numbered 0 to {len(data.X) - 1}"
            )
    X = Matrix([data.X[row] for row in chosen])
    Y = Matrix([data.Y[row] for row in chosen])
    net = TwoLayerNetwork(X.shape[1], hidden, Y.shape[1], seed=seed)
    start = TwoLayerNetwork.from_weights(net.W1, net.b1, net.W2, net.b2)
    check = gradient_check(start, X, Y)

    # The network's own numbers: forward (1)-(4), loss (5), backward, and the step (14).
    forward = net.forward(X)
    loss = net.loss(forward.output, Y)
    grads = net.backward(X, Y, forward)
    loss_before = net.step(X, Y, learning_rate)
    if loss_before != loss:
        raise PurennError(f"the step measured the loss {loss_before!r}, the forward pass {loss!r}")
    loss_after = net.evaluate(X, Y)

    # (6) is the one equation the network never computes (backward goes straight to (7), where
    # σ'(z2) cancels it); it is worked out here to show it, and is undefined where ŷ is exactly 0 or 1.
    m, o = Y.shape
    dy_hat: Optional[Matrix]
    try:
        dy_hat = (forward.output - Y) / (m * o * forward.output * (1 - forward.output))
    except ZeroDivisionError:  # an output of exactly 0 or 1
        dy_hat = None

    equations = (
        Equation("(1)", "z1 = X·W1 + b1", forward.z1),
        Equation("(2)", "a1 = σ(z1)", forward.a1),
        Equation("(3)", "z2 = a1·W2 + b2", forward.z2),
        Equation("(4)", "ŷ = σ(z2)", forward.output),
        Equation("(5)", "J = −(1/N) Σ [Y ⊙ ln ŷ + (1 − Y) ⊙ ln(1 − ŷ)]", loss),
        Equation("(6)", "∂J/∂ŷ = (1/N)·(ŷ − Y) ⊘ (ŷ ⊙ (1 − ŷ))", dy_hat,
                 "" if dy_hat is not None else "undefined here: some ŷ is exactly 0 or 1; (7) needs no division"),
        Equation("(7)", "∂J/∂z2 = ∂J/∂ŷ ⊙ σ'(z2) = (1/N)·(ŷ − Y)", grads.dz2, "σ'(z2) = ŷ ⊙ (1 − ŷ) cancels"),
        Equation("(8)", "∂J/∂W2 = a1ᵀ · ∂J/∂z2", grads.dW2),
        Equation("(9)", "∂J/∂b2 = Σ over rows of ∂J/∂z2", grads.db2),
        Equation("(10)", "∂J/∂a1 = ∂J/∂z2 · W2ᵀ", grads.da1),
        Equation("(11)", "∂J/∂z1 = ∂J/∂a1 ⊙ a1 ⊙ (1 − a1)", grads.dz1),
        Equation("(12)", "∂J/∂W1 = Xᵀ · ∂J/∂z1", grads.dW1),
        Equation("(13)", "∂J/∂b1 = Σ over rows of ∂J/∂z1", grads.db1),
        Equation("(14)", "W1 ← W1 − α·∂J/∂W1", net.W1),
        Equation("(14)", "b1 ← b1 − α·∂J/∂b1", net.b1),
        Equation("(14)", "W2 ← W2 − α·∂J/∂W2", net.W2),
        Equation("(14)", "b2 ← b2 − α·∂J/∂b2", net.b2),
    )
    return Explanation(
        data.name, chosen, data.feature_names, X, Y, start, learning_rate, equations, loss_before, loss_after,
        check,
    )


# ------------------------------------------------------------------- render


def render(step: Explanation, unicode: bool = True) -> str:
    """The step as text: the setting, then each equation with its shape and values, then the outcome.

    A value of at most MAX_GRID_ROWS rows is printed in full (the aligned
    grid of ``print``), a larger one as a summary (the rule of ``repr``).
    ⊙ and ⊘ are the entry-by-entry product and division, · the matrix
    product or a number times a matrix, as in docs/math.md. A zero prints
    as 0, never -0 (for example ∂J/∂W1 for an input that is 0).
    """
    (m, n), (_, o) = step.X.shape, step.Y.shape
    h = step.start.W1.shape[1]
    alpha = number(step.learning_rate)
    if len(step.rows) == 1:
        row = step.rows[0]
        values = ", ".join(f"{name}={number(x)}" for name, x in zip(step.feature_names, step.X[0]))
        which = f"row {row} of {step.data_name}: {values}"
    else:
        which = f"all {m} rows of {step.data_name}"
    lines = [
        "One step of gradient descent, equation by equation, with this run's numbers",
        f"  data     {which}",
        f"  network  {n} inputs -> {h} hidden (sigmoid) -> {o} output{'s' if o > 1 else ''} (sigmoid), "
        f"learning rate α = {alpha}",
        f"  shapes   m = {m}, n = {n}, h = {h}, o = {o}; N = m·o = {m * o}",
        "",
        "Before the step",
    ]
    for name, value in (("X", step.X), ("Y", step.Y)) + tuple(step.start.parameters().items()):
        lines += _block(name, value)
    headings = {"(1)": "Forward", "(5)": "Loss", "(6)": "Backward, by the chain rule", "(14)": "Update"}
    for equation in step.equations:
        if equation.number in headings:
            lines += ["", headings.pop(equation.number)]
        lines += _block(equation.number, equation.value, equation.formula, equation.note)
    verdict = "agrees" if step.check.worst_relative_error < AGREEMENT else "DISAGREES"
    lines += [
        "",
        f"Loss before the step  J = {number(step.loss_before)}",
        f"Loss after the step   J = {number(step.loss_after)}"
        f"  ({'lower' if step.loss_after < step.loss_before else 'not lower'})",
        f"Gradient check: backprop {verdict} with finite differences on all {step.check.checked} gradients",
        f"  (worst relative error {step.check.worst_relative_error:.1e}, at {step.check.worst_parameter}; "
        f"{'below' if verdict == 'agrees' else 'above'} {AGREEMENT:.0e})",
    ]
    text = "\n".join(lines)
    if not unicode:
        for symbol, plain in ASCII.items():
            text = text.replace(symbol, plain)
    return text


def _block(label: str, value: Optional[Value], formula: str = "", note: str = "") -> List[str]:
    """A label and formula with the value's shape, then the value, indented: the grid of ``print``
    when it has at most MAX_GRID_ROWS rows, else a summary that keeps to LINE_WIDTH."""
    if isinstance(value, float):
        return [f"{label:<5}{formula}  = {number(value)}" + (f"   ({note})" if note else "")]
    shape = "" if value is None else str(value.shape)
    if value is not None:
        value = value + 0.0  # -0.0 + 0.0 is 0.0: a zero prints as 0, not -0
    head = f"{label:<5}{formula:<43}{shape}" if formula else f"{label:<5}{shape}"
    lines = [head + (f"   {note}" if note else "")]
    if value is None:
        return lines
    text = str(value)
    if len(text.split("\n")) > MAX_GRID_ROWS or max(map(len, text.split("\n"))) > LINE_WIDTH - len(INDENT):
        width = LINE_WIDTH - len(INDENT)
        if isinstance(value, Matrix):
            text = display.matrix_repr(value.tolist(), width)
        else:
            text = display.vector_repr(value.tolist(), width)
    body = text.split("\n")
    one_line = f"{head:<56}{body[0]}" if formula else f"{head:<14}{body[0]}"
    if len(body) == 1 and not note and len(one_line) <= LINE_WIDTH:
        return [one_line]
    return lines + [INDENT + line for line in body]
