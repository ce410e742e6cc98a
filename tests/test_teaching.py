"""The numbers that the teaching text rests on: docs/math.md, the docstrings, the README, the examples.

Every claim of the form "from z ≈ 36.74" or "rates of 3 and 10 work too" is
computed again here, so that the sentence cannot drift away from the code.
(The notebook checks its own claims with asserts in its cells, and
tests/test_notebooks.py runs it.)
"""

import importlib.util
import math
import pathlib
import re
import sys
from types import ModuleType
from typing import Callable

import pytest

from purenn.data.datasets import diabetes
from purenn.nn.activations import sigmoid
from purenn.nn.losses import LOG_FLOOR, binary_cross_entropy
from purenn.linalg.matrix import Matrix
from purenn.nn.network import TwoLayerNetwork
from purenn.nn.training import ARTICLE_LEARNING_RATE

ROOT = pathlib.Path(__file__).resolve().parent.parent

QUOTED_ELSEWHERE = {
    "0.9487": "test_iris_scores_the_same_on_four_of_five_seeds",
    "38 of 39": "test_iris_scores_the_same_on_four_of_five_seeds",
    "1/4": "test_the_curvature_is_small",
}
"""Numbers that README.md or docs/math.md quote and no notebook prints, each with the test here that recomputes it.
tests/test_quoted_numbers.py reads the prose and fails on any other number that nothing backs."""

MATH = (ROOT / "docs" / "math.md").read_text(encoding="utf-8")


def _example(name: str) -> ModuleType:
    path = ROOT / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, str(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # NamedTuple classes need their module registered
    spec.loader.exec_module(module)
    return module


def _accuracy(net: TwoLayerNetwork) -> int:
    data = diabetes()
    return sum(1 for answer, y in zip(net.predict(data.X), data.Y.column(0)) if answer == y)


# ------------------------------------------------------- the sigmoid's range


def _first_float_where(predicate_at_high: bool, low: float, high: float, predicate: Callable[[float], bool]) -> float:
    """Bisection: the float where ``predicate`` switches to ``predicate_at_high``."""
    for _ in range(200):
        middle = (low + high) / 2
        if predicate(middle) == predicate_at_high:
            high = middle
        else:
            low = middle
    return high


def test_sigmoid_is_exactly_one_from_53_ln_2() -> None:
    threshold = _first_float_where(True, 30.0, 40.0, lambda z: sigmoid(z) == 1.0)
    assert abs(threshold - 53 * math.log(2)) < 1e-12
    assert round(threshold, 2) == 36.74  # "from z ≈ 36.74"
    assert sigmoid(36.7) < 1.0 == sigmoid(36.75) == sigmoid(37.0)


def test_sigmoid_is_exactly_zero_only_below_minus_745() -> None:
    threshold = _first_float_where(False, -800.0, -700.0, lambda z: sigmoid(z) == 0.0)
    assert round(threshold, 2) == -745.13  # "below z ≈ −745.13"
    assert sigmoid(-745.0) > 0.0 == sigmoid(-745.2)
    assert sigmoid(-37.0) > 1e-17  # far from 0 where the other end is already exactly 1


def test_a_saturated_output_needs_the_clamped_logarithm() -> None:
    # ŷ = σ(40) is exactly 1.0, so a "no" target asks for ln(1 − ŷ) = ln 0.
    assert binary_cross_entropy(Matrix([[sigmoid(40.0)]]), Matrix([[0.0]])) == -LOG_FLOOR


def test_the_numbers_in_math_md_are_the_measured_ones() -> None:
    for number in ("36.74", "−745.13", "2^(−53)"):
        assert number in MATH


# ------------------------------------------------------------ the learning rate


@pytest.mark.parametrize("rate, learns", [(1.0, True), (3.0, True), (10.0, True), (30.0, False)])
def test_which_learning_rates_learn_the_table(rate: float, learns: bool) -> None:
    # training.py: "1.0 learns the diabetes table in the article's 1,500 epochs, and so do 3 and 10,
    # while 30 does not"; docs/math.md says the same
    data = diabetes()
    net = TwoLayerNetwork(4, 4, 1, seed=0)
    net.fit(data.X, data.Y, epochs=1500, learning_rate=rate)
    assert (_accuracy(net) == 16) is learns
    assert ARTICLE_LEARNING_RATE == 1.0


def test_the_curvature_is_small() -> None:
    # σ' = a·(1 − a) is at most 1/4, at a = 1/2.
    assert max(a / 1000 * (1 - a / 1000) for a in range(1001)) == 0.25


def test_the_hessian_at_the_start_allows_steps_up_to_about_4() -> None:
    # docs/math.md and notebook 01: "about 0.49, so α up to about 4.1", negative eigenvalues too;
    # α = 10 first raises the loss, α = 20 settles with two rows wrong at about 0.30
    from purenn import eigh

    data = diabetes()
    net = TwoLayerNetwork(4, 4, 1, seed=0)
    names = list(net.parameters())

    def flat(parameters: dict) -> list:
        return [v for name in names for v in (parameters[name].flat if isinstance(parameters[name], Matrix)
                                              else parameters[name])]

    start = net.parameters()
    theta = flat(start)

    def gradient(values: list) -> list:
        moved, at = {}, 0
        for name in names:
            p = start[name]
            size = p.shape[0] * p.shape[1] if isinstance(p, Matrix) else len(p)
            chunk = values[at:at + size]
            moved[name] = (Matrix([chunk[r * p.shape[1]:(r + 1) * p.shape[1]] for r in range(p.shape[0])])
                           if isinstance(p, Matrix) else type(p)(chunk))
            at += size
        return flat(net.with_parameters(moved).loss_and_gradients(data.X, data.Y)[1])

    rows = []
    for r in range(len(theta)):
        up, down = list(theta), list(theta)
        up[r] += 1e-5
        down[r] -= 1e-5
        rows.append([(a - b) / 2e-5 for a, b in zip(gradient(up), gradient(down))])
    values, _ = eigh(Matrix([[(rows[r][s] + rows[s][r]) / 2 for s in range(len(theta))] for r in range(len(theta))]))
    assert round(max(values), 2) == 0.49 and round(2 / max(values), 1) == 4.1 and min(values) < 0
    ten = TwoLayerNetwork(4, 4, 1, seed=0).fit(data.X, data.Y, epochs=11, learning_rate=10.0)
    assert (round(ten[0], 3), round(ten[10], 3)) == (0.822, 0.941)
    twenty = TwoLayerNetwork(4, 4, 1, seed=0)
    losses = twenty.fit(data.X, data.Y, epochs=1500, learning_rate=20.0)
    assert _accuracy(twenty) == 14 and round(losses[-1], 2) == round(losses[300], 2) == 0.30


def test_one_threshold_unit_gets_15_of_16() -> None:
    # notebook 01: the separability certificate proves only that one row must be wrong
    data = diabetes()
    w, b = (1, 1, 2, -2), -1.5
    right = sum(1 for row, y in zip(data.X, data.Y.column(0))
                if (sum(p * q for p, q in zip(w, row)) + b > 0) == (y == 1))
    assert right == 15


# ------------------------------------------------------ the loss of a constant guess


def test_the_best_constant_guess_is_the_share_of_yes() -> None:
    data = diabetes()
    share = sum(data.Y.column(0)) / len(data.Y)
    assert share == 7 / 16

    def constant(c: float) -> float:
        return binary_cross_entropy(Matrix([[c]] * 16), data.Y)

    best = constant(share)
    assert round(best, 3) == 0.685 < round(math.log(2), 4)
    assert all(constant(c / 100) > best for c in range(1, 100) if c / 100 != share)
    # The untrained network is worse than both.
    assert round(TwoLayerNetwork(4, 4, 1, seed=0).evaluate(data.X, data.Y), 4) == 0.8223


# ----------------------------------------------------------- the loss never stops


def test_larger_weights_lower_the_loss_once_every_row_is_right() -> None:
    data = diabetes()
    net = TwoLayerNetwork(4, 4, 1, seed=0)
    net.fit(data.X, data.Y, epochs=1500, learning_rate=1.0)
    assert _accuracy(net) == 16
    losses = []
    for scale in (1.0, 1.5, 2.0, 4.0):
        scaled = TwoLayerNetwork.from_weights(net.W1, net.b1, net.W2 * scale, net.b2 * scale)
        losses.append(scaled.evaluate(data.X, data.Y))
    assert losses == sorted(losses, reverse=True) and losses[-1] < losses[0] / 10


# --------------------------------------------------- examples/universal_approximation.py


def test_the_true_curve_is_a_ceiling_on_new_data_but_not_on_the_training_data() -> None:
    module = _example("universal_approximation")
    scores, _ = module.fit_and_score(epochs=3000, seed=0)
    # "with 3,000 epochs this network does" score above sin(x) on the training points
    assert scores.network > scores.true_curve
    assert (round(scores.network, 3), round(scores.true_curve, 3)) == (0.978, 0.977)
    # and on new points the true curve is still ahead
    assert scores.true_curve_new > scores.network_new
    assert scores.line < 0.6


def test_universal_approximation_docstring_states_the_conditions() -> None:
    text = (ROOT / "examples" / "universal_approximation.py").read_text(encoding="utf-8")
    assert "closed,\nbounded interval" in text and "1/x" in text and "3,000 epochs" in text
    assert "best any fit can hope for" not in text


# ------------------------------------------------------------------ README and docs


def test_the_readme_loss_figure_is_still_learning_as_the_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    figure = (ROOT / "docs" / "figures" / "loss.svg").read_text(encoding="utf-8")
    assert "a run that is still learning, as this one is, has none" in readme
    assert "plateau:" not in figure  # tests/test_plot_readme.py keeps the figure current


def test_readme_says_six_is_folded_into_seven() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "one line each" not in readme
    assert "(6) has no line of its own, since it is folded into (7)" in readme


def test_math_md_states_every_equation_as_network_py_comments_it() -> None:
    source = (ROOT / "purenn" / "nn" / "network.py").read_text(encoding="utf-8")
    comments = re.findall(r"# \((\d+)\) (.+)$", source, flags=re.M)
    assert len({number for number, _ in comments}) == 14
    glance = MATH[MATH.index("## The equations at a glance"):MATH.index("## Forward pass")]
    for number, formula in comments:
        core = re.split(r"\s{2,}|: |, and |, σ' written| written|, summed| is not computed", formula)[0].strip()  # the formula alone
        # math.md marks the entry-by-entry products and divisions of (5), (6) and (11) with ⊙ and ⊘
        pattern = "".join({"·": "[·⊙]", "/": "[/⊘]"}.get(char, re.escape(char)) for char in core)
        assert f"({number})" in glance and re.search(pattern, glance), f"({number}) {core!r} is not in docs/math.md"


# ------------------------------------------------------------ README: Iris, five seeds


def test_iris_scores_the_same_on_four_of_five_seeds() -> None:
    # README: "test accuracy 0.9744 (38 of 39 test flowers) ... 0.9744 on 4 of 5 seeds of the initial
    # weights (0.9487 on the fifth)": the split stays that of seed 0, the seed draws the weights and batches.
    from purenn.app.pipeline import TrainConfig, fit_and_score, prepare
    from purenn.data.datasets import iris

    config = TrainConfig()
    prepared = prepare(iris(), config)
    scores = []
    for seed in range(5):
        settings = prepared._replace(config=config._replace(seed=seed))
        scores.append(round(fit_and_score(settings).scores.test_accuracy, 4))
    test_rows = prepared.parts.test
    assert test_rows is not None and len(test_rows.Y) == 39 and round(38 / 39, 4) == 0.9744
    assert sorted(scores) == [0.9487, 0.9744, 0.9744, 0.9744, 0.9744], scores


# --------------------------------------------------------------- python -m purenn explain


def test_explain_marks_entry_by_entry_operations_and_prints_no_negative_zero() -> None:
    from purenn.app.explain import explain_step, render

    text = render(explain_step(diabetes(), [6]))
    assert "Y ⊙ ln ŷ" in text and "(ŷ − Y) ⊘ (ŷ ⊙ (1 − ŷ))" in text and "ŷ·(1" not in text
    assert not re.search(r"(?<![\w.])-0(?![.\d])", text), "a zero printed as -0"
    assert re.search(r"\(12\).*\n\s+\[\[\s*0\s+0\s+0\s+0\]", text)  # ∂J/∂W1's row for high_glucose = 0
