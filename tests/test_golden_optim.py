"""Golden tests: purenn's optimisers against a NumPy version of PyTorch's algorithms.

tests/golden/optim.json holds a fixed problem (a quadratic bowl
J = ½·Σ h·(p − c)² over a 3 x 4 matrix W and a vector b of 4, so that
∂J/∂p = h·(p − c)), and what tests/golden/reference_optim.py (NumPy, written
without purenn) computed from it: the parameters after the first and after
the last of eight steps of SGD (plain, momentum, Nesterov, weight decay),
Adam (with and without weight decay), AdamW and RMSprop (with and without
momentum), some with a learning rate that changes from step to step as a
schedule makes it. Never edit the file by hand: change the reference and
re-record (python tests/golden/record.py).

Each case is its own test, compared as in test_golden_core (type and shape
first, then |purenn − NumPy| <= 1e-12 · max(|NumPy|, scale); the tolerance
is tests/golden/tolerance.py's).

Run it as a module, from the repository's root, to print the largest error
per quantity on the running interpreter:

    python -m tests.test_golden_optim
"""

import sys
from typing import Any, Dict, List

from purenn.nn.optim import SGD, Adam, AdamW, Optimizer, Parameter, RMSprop
from tests.golden.tolerance import tolerance
from tests.golden_compare import Case, Worst, compare, decode, golden_test, load, report

GOLDEN_FILE = "optim.json"
MINIMUM_CASES = 16  # as first recorded: a re-recording that loses cases must be noticed

CASES, PROBLEMS = load(GOLDEN_FILE, MINIMUM_CASES)


def optimizer(spec: Dict[str, Any], learning_rate: float) -> Optimizer:
    """The purenn optimiser a case names, with its hyper-parameters."""
    settings = {name: value for name, value in spec.items() if name != "kind"}
    kinds = {"sgd": SGD, "adam": Adam, "adamw": AdamW, "rmsprop": RMSprop}
    made: Optimizer = kinds[spec["kind"]](learning_rate, **settings)
    return made


def run(case: Case) -> Dict[str, object]:
    """purenn's results for a case, named as the golden file names NumPy's."""
    args = {name: decode(value) for name, value in case["args"].items()}
    rates = args["learning_rates"]
    chosen = optimizer(args["optimizer"], rates[0])
    parameters: Dict[str, Parameter] = {"W": args["W"], "b": args["b"]}
    results: Dict[str, object] = {}
    for t, rate in enumerate(rates, start=1):
        chosen.learning_rate = rate  # as the training loop does, to follow a schedule
        gradients = {
            name: (value - args[f"centre_{name}"]) * args[f"curvature_{name}"]  # ∂J/∂p = h·(p − c)
            for name, value in parameters.items()
        }
        parameters = chosen.step(parameters, gradients)
        if t == 1:
            results.update({f"{name}_after_1": value for name, value in parameters.items()})
    results.update(parameters)
    return results


def check(case: Case, worst: Worst) -> List[str]:
    return compare(case["id"], run(case), case["expected"], lambda name: tolerance("optim", case["op"], name), worst)


# ------------------------------------------------------------------- tests


def test_golden_file_is_complete() -> None:
    assert not PROBLEMS, "\n".join(PROBLEMS)
    assert {case["op"] for case in CASES} == {"step"}
    specs = [case["args"]["optimizer"] for case in CASES]
    kinds = {spec["kind"] for spec in specs}
    assert kinds == {"sgd", "adam", "adamw", "rmsprop"}
    sgd = [spec for spec in specs if spec["kind"] == "sgd"]
    assert any(spec["momentum"] == 0 and spec["weight_decay"] == 0 for spec in sgd), "no plain SGD"
    assert any(spec["momentum"] > 0 and not spec["nesterov"] for spec in sgd), "no SGD with momentum"
    assert any(spec["nesterov"] for spec in sgd), "no Nesterov"
    assert any(spec["weight_decay"] > 0 for spec in sgd), "no SGD with weight decay"
    assert any(spec["kind"] == "adam" and spec["weight_decay"] > 0 for spec in specs), "no Adam with weight decay"
    rmsprop = [spec["momentum"] for spec in specs if spec["kind"] == "rmsprop"]
    assert 0 in rmsprop and any(mu > 0 for mu in rmsprop), "RMSprop needs runs with and without momentum"
    for kind in kinds:  # a changing learning rate with every optimiser
        assert any(
            case["args"]["optimizer"]["kind"] == kind and len(set(case["args"]["learning_rates"])) > 1 for case in CASES
        ), f"no {kind} run with a changing learning rate"


test_golden = golden_test(CASES, check)


if __name__ == "__main__":
    sys.exit(1 if report(CASES, check) else 0)
