"""Golden tests: purenn's MLP and its training loop against a NumPy reference.

tests/golden/mlp.json holds fixed inputs and initial weights, and what
tests/golden/reference_mlp.py (NumPy, written without purenn) computed from
them:

- "forward_backward" cases: every z and a, the loss and every gradient, for
  each hidden activation with each output/loss pairing, and for deeper and
  shallower nets, saturated outputs, large softmax scores and ReLU units
  exactly at their kink;
- "train" cases: the weights, the loss of every epoch and the learning rate
  of every update after a few epochs of mini-batches, momentum, step decay
  and cyclical schedules. The shuffle order is recorded with the case; the
  test first checks that purenn draws the same one.

Never edit the file by hand: change the reference and re-record
(python tests/golden/record.py). Each case is its own test, compared as in
test_golden_core (type and shape first, then |purenn − NumPy| <= tolerance ·
max(|NumPy|, scale)) with a tolerance of 1e-12 for a single pass, 1e-9 for
the weights and losses after training, and 1e-12 for the learning rates,
which are one formula each (tests/golden/tolerance.py, which
``record.py --check`` applies too).

Run it as a module, from the repository's root, to print the largest error
per quantity on the running interpreter:

    python -m tests.test_golden_mlp
"""

import random
import sys
from typing import Any, Dict, List

from purenn import Vector
from purenn.nn.mlp import MLP, Layer
from purenn.nn.optim import SGD
from purenn.nn.schedules import Constant, Cyclical, Schedule, StepDecay
from purenn.nn.training import batches
from tests.golden.tolerance import tolerance
from tests.golden_compare import Case, Worst, compare, decode, golden_test, load, report

GOLDEN_FILE = "mlp.json"
MINIMUM_CASES = 39  # as first recorded: a re-recording that loses cases must be noticed

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
OUTPUTS = ("sigmoid", "softmax", "identity")

CASES, PROBLEMS = load(GOLDEN_FILE, MINIMUM_CASES)


def network(args: Dict[str, Any]) -> MLP:
    """An MLP from the stored initial weights W1, b1, W2, b2, ..."""
    count = sum(1 for name in args if name.startswith("W"))
    layers = [Layer(args[f"W{i}"], args[f"b{i}"]) for i in range(1, count + 1)]
    return MLP.from_layers(layers, activation=args["activation"], output=args["output"])


def schedule(spec: Dict[str, Any]) -> Schedule:
    kind = spec["kind"]
    if kind == "constant":
        return Constant(spec["rate"])
    if kind == "step_decay":
        return StepDecay(spec["initial"], factor=spec["factor"], every=spec["every"])
    if kind == "cyclical":
        return Cyclical(spec["base"], spec["peak"], spec["half_cycle"], mode=spec["mode"], gamma=spec["gamma"])
    raise ValueError(f"unknown schedule {kind!r}")


def purenn_batch_order(args: Dict[str, Any]) -> List[List[List[int]]]:
    """The batches of every epoch as purenn.nn.training draws them: one random.Random(seed) for the run."""
    rng = random.Random(args["seed"])
    return [batches(args["X"].shape[0], args["batch_size"], rng) for _ in range(args["epochs"])]


def run(case: Case) -> Dict[str, object]:
    """purenn's results for a case, named as the golden file names NumPy's."""
    args = {name: decode(value) for name, value in case["args"].items()}
    X, Y = args["X"], args["Y"]
    net = network(args)
    if case["op"] == "forward_backward":
        passed = net.forward(X)
        results: Dict[str, object] = {}
        for number, (z, a) in enumerate(zip(passed.zs, passed.outputs), start=1):
            results[f"z{number}"] = z
            results[f"a{number}"] = a
        results["loss"] = net.loss(passed.output, Y)
        for number, gradients in enumerate(net.backward(X, Y, passed), start=1):
            results[f"dW{number}"] = gradients.dW
            results[f"db{number}"] = gradients.db
        return results
    if case["op"] == "train":
        order = purenn_batch_order(args)
        assert order == args["batch_order"], f"{case['id']}: purenn shuffles differently from the recorded order"
        history = net.fit(
            X, Y, epochs=args["epochs"], learning_rate=schedule(args["schedule"]),
            batch_size=args["batch_size"], optimizer=SGD(1.0, momentum=args["momentum"]), seed=args["seed"],
        )
        assert history.epochs_run == args["epochs"]
        results = dict(net.parameters())
        results["loss"] = Vector(history.loss)
        results["learning_rates"] = Vector(history.learning_rates)
        return results
    raise ValueError(f"unknown op {case['op']!r}")


def check(case: Case, worst: Worst) -> List[str]:
    return compare(case["id"], run(case), case["expected"], lambda name: tolerance("mlp", case["op"], name), worst)


# ------------------------------------------------------------------- tests


def test_golden_file_is_complete() -> None:
    assert not PROBLEMS, "\n".join(PROBLEMS)
    assert {case["op"] for case in CASES} == {"forward_backward", "train"}
    single = {(c["args"]["activation"], c["args"]["output"]) for c in CASES if c["op"] == "forward_backward"}
    missing = sorted({(a, o) for a in ACTIVATIONS for o in OUTPUTS} - single)
    assert not missing, f"no single-pass case for {missing}"
    trained = [c["args"] for c in CASES if c["op"] == "train"]
    kinds = {(args["schedule"]["kind"], args["schedule"].get("mode")) for args in trained}
    assert {("constant", None), ("step_decay", None), ("cyclical", "triangular"), ("cyclical", "triangular2")} <= kinds
    assert any(args["momentum"] == 0.9 for args in trained), "no run with momentum"
    sizes = [(len(args["X"]["matrix"]), args["batch_size"]) for args in trained]
    assert any(b is None for m, b in sizes), "no full-batch run"
    assert any(b is not None and b >= m for m, b in sizes), "no run with one shuffled batch"
    assert any(b is not None and b < m and m % b for m, b in sizes), "no run whose last batch is smaller"


test_golden = golden_test(CASES, check)


if __name__ == "__main__":
    sys.exit(1 if report(CASES, check) else 0)
