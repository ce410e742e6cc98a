"""Golden tests: the article's TwoLayerNetwork against a NumPy implementation of equations (1) to (14).

tests/golden/network.json holds fixed inputs and initial weights, and what
tests/golden/reference_network.py (NumPy, written without purenn) computed
from them: every quantity of one forward and backward pass, and the weights
after 1, 10 and 1,500 epochs of gradient descent with the loss of the first
ten epochs, every 100th and the last, for the article's diabetes table and
for a random 40 x 5 -> 7 -> 3 problem. Never
edit the file by hand: change the reference and re-record
(python tests/golden/record.py).

Each case is its own test. The comparison is test_golden_core's (type and
shape first, then |purenn − NumPy| <= tolerance · max(|NumPy|, scale)),
with a tolerance of 1e-12 for a single pass and 1e-9 after training
(tests/golden/tolerance.py, which ``record.py --check`` applies too).

Run it as a module, from the repository's root, to print the largest error
per quantity on the running interpreter:

    python -m tests.test_golden_network
"""

import sys
from typing import Any, Dict, List

from purenn import Vector
from purenn.data.datasets import diabetes
from purenn.nn.network import TwoLayerNetwork
from tests.golden.tolerance import tolerance
from tests.golden_compare import Case, Worst, compare, decode, golden_test, load, report

GOLDEN_FILE = "network.json"
MINIMUM_CASES = 11  # as first recorded: a re-recording that loses cases must be noticed

REQUIRED = [
    "forward_backward/diabetes",
    "forward_backward/random_40x5_7_3",
    *(f"fit/diabetes_{epochs}_epochs" for epochs in (1, 10, 1500)),
    *(f"fit/random_40x5_7_3_{epochs}_epochs" for epochs in (1, 10, 1500)),
]

CASES, PROBLEMS = load(GOLDEN_FILE, MINIMUM_CASES)


def network(args: Dict[str, Any]) -> TwoLayerNetwork:
    """A network from the stored initial weights."""
    return TwoLayerNetwork.from_weights(W1=args["W1"], b1=args["b1"], W2=args["W2"], b2=args["b2"])


def run(case: Case) -> Dict[str, object]:
    """purenn's results for a case, named as the golden file names NumPy's."""
    args = {name: decode(value) for name, value in case["args"].items()}
    X, Y = args["X"], args["Y"]
    net = network(args)
    if case["op"] == "forward_backward":
        passed = net.forward(X)
        gradients = net.backward(X, Y, passed)
        return {
            "z1": passed.z1,
            "a1": passed.a1,
            "z2": passed.z2,
            "output": passed.output,
            "loss": net.loss(passed.output, Y),
            "dW1": gradients.dW1,
            "db1": gradients.db1,
            "dW2": gradients.dW2,
            "db2": gradients.db2,
        }
    if case["op"] == "fit":
        history = net.fit(X, Y, epochs=args["epochs"], learning_rate=args["learning_rate"])
        sampled = Vector([history.loss[epoch] for epoch in args["history_epochs"]])
        return {"W1": net.W1, "b1": net.b1, "W2": net.W2, "b2": net.b2, "history": sampled}
    raise ValueError(f"unknown op {case['op']!r}")


def check(case: Case, worst: Worst) -> List[str]:
    return compare(case["id"], run(case), case["expected"], lambda name: tolerance("network", case["op"], name), worst)


# ------------------------------------------------------------------- tests


def test_golden_file_is_complete() -> None:
    assert not PROBLEMS, "\n".join(PROBLEMS)
    ids = [case["id"] for case in CASES]
    missing = [case_id for case_id in REQUIRED if case_id not in ids]
    assert not missing, f"{GOLDEN_FILE} lacks {missing}"
    assert {case["op"] for case in CASES} == {"forward_backward", "fit"}


def test_golden_diabetes_table_is_purenns() -> None:
    """The reference copied the table as literal data; it must be the one purenn ships."""
    (case,) = [case for case in CASES if case["id"] == "forward_backward/diabetes"]
    data = diabetes()
    assert decode(case["args"]["X"]) == data.X
    assert decode(case["args"]["Y"]) == data.Y


def test_golden_loss_samples_cover_the_run() -> None:
    """Each training case stores the loss of its first ten epochs, every 100th and the last."""
    for case in CASES:
        if case["op"] == "fit":
            epochs, sampled = case["args"]["epochs"], case["args"]["history_epochs"]
            assert sampled == sorted(set(range(min(epochs, 10))) | set(range(0, epochs, 100)) | {epochs - 1})
            assert len(case["expected"]["history"]["vector"]) == len(sampled), case["id"]


test_golden = golden_test(CASES, check)


if __name__ == "__main__":
    sys.exit(1 if report(CASES, check) else 0)
