"""micrograd's own workload, run by micrograd's Value and by purenn's, in one process.

The workload is the one micrograd's demo notebook trains: an MLP 2 -> 16 ->
16 -> 1 with ReLU hidden layers, on 100 points of the two moons, with the
max-margin loss mean(relu(1 − y·score)) plus 1e-4 times the sum of the
squared parameters, one full-batch gradient-descent step at a time. Each
step builds a graph of about 66,000 scalar nodes and walks it back.

Both libraries start from the same weights (micrograd's, copied into purenn
Values) and build the same graph, operation for operation; before anything
is timed, five steps of each must give the same losses (to 1e-9), so a fast
wrong answer cannot win. Then steps of the two alternate in rounds, and each
keeps its median step time. Before each timed step the garbage of the steps
before it is collected (untimed): micrograd's graphs hold reference cycles
(each node's closure refers to the node), which only Python's cyclic
garbage collector frees, and left lying around they slow whatever runs
next, purenn's step included. The result is micrograd's time over purenn's:
above 1 means purenn is faster.

    python -m benchmarks.autograd           # this comparison alone; saves results/autograd/<interpreter>.json
    python -m benchmarks.autograd --table   # the table of every saved run, as the README shows it

``python -m benchmarks`` runs it too. micrograd is measured only where it is
installed (``pip install micrograd``, for the benchmark only); without it
the comparison is skipped.

>>> row = {"interpreter": "CPython 3.11.7", "micrograd step": 0.5, "purenn step": 0.25, "nodes": 60000}
>>> print(table([row]))
| interpreter | nodes per step | micrograd, one step | purenn, one step | micrograd / purenn |
|---|---|---|---|---|
| CPython 3.11.7 | 60,000 | 500 ms | 250 ms | 2.00 |
"""

import gc
import json
import os
import platform
import random
import statistics
import sys
import time
from typing import Callable, Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from purenn.autograd import Value, topological_order  # noqa: E402
from purenn.autograd.nn import MLP  # noqa: E402
from purenn.data.datasets import moons  # noqa: E402
from purenn.linalg import Matrix, Vector  # noqa: E402

RESULTS = os.path.join(ROOT, "benchmarks", "results", "autograd")
INTERPRETER = "%s-%d.%d" % (platform.python_implementation(), sys.version_info[0], sys.version_info[1])
PYPY = platform.python_implementation() == "PyPy"

Step = Callable[[], float]


def workload() -> Tuple[List[List[float]], List[float]]:
    """100 points of the two moons, labels -1 and +1 (as micrograd's demo uses them)."""
    data = moons(100, noise=0.1, seed=1)
    return data.X.tolist(), [2.0 * row[0] - 1.0 for row in data.Y.tolist()]


def micrograd_step(X: Sequence[Sequence[float]], y: Sequence[float]) -> Optional[Tuple[Step, object]]:
    """One training step of micrograd's demo, by micrograd itself; None when micrograd is not installed."""
    try:
        from micrograd.engine import Value as MValue
        from micrograd.nn import MLP as MMLP
    except ImportError:
        return None
    random.seed(1337)  # micrograd draws its weights from the global random state, as its demo does
    model = MMLP(2, [16, 16, 1])
    count = [0]

    def step() -> float:
        inputs = [[MValue(v) for v in row] for row in X]
        scores = [model(row) for row in inputs]
        losses = [(1 + -yi * score).relu() for yi, score in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
        total = data_loss + reg_loss
        model.zero_grad()
        total.backward()
        learning_rate = 1.0 - 0.9 * (count[0] % 100) / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        count[0] += 1
        return float(total.data)

    return step, model


def purenn_step(X: Sequence[Sequence[float]], y: Sequence[float], micrograd_model: object) -> Tuple[Step, MLP]:
    """The same step with purenn's Values, from micrograd's initial weights."""
    layers = getattr(micrograd_model, "layers")
    weights = [Matrix([[n.w[i].data for n in layer.neurons] for i in range(len(layer.neurons[0].w))])
               for layer in layers]
    biases = [Vector([n.b.data for n in layer.neurons]) for layer in layers]
    model = MLP.from_weights(weights, biases, activation="relu", output="linear")
    parameters = model.parameters()
    count = [0]

    def step() -> float:
        inputs = [[Value(v) for v in row] for row in X]
        scores = [model(row)[0] for row in inputs]
        losses = [(1 + -yi * score).relu() for yi, score in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum((p * p for p in parameters))
        total = data_loss + reg_loss
        model.zero_grad()
        total.backward()
        learning_rate = 1.0 - 0.9 * (count[0] % 100) / 100
        for p in parameters:
            p.data -= learning_rate * p.grad
        count[0] += 1
        return total.data

    return step, model


def graph_size(X: Sequence[Sequence[float]], y: Sequence[float], model: MLP) -> int:
    """The number of nodes, leaves included, of one step's graph."""
    scores = [model([Value(v) for v in row])[0] for row in X]
    total = sum((1 + -yi * s).relu() for yi, s in zip(y, scores)) * (1.0 / len(X))
    total = total + 1e-4 * sum((p * p for p in model.parameters()))
    inner = topological_order(total)
    return len(inner) + len({id(p) for node in inner for p in node.parents if not p.parents})


def compare(rounds: int = 9) -> Optional[Dict[str, object]]:
    """micrograd's and purenn's median time of one step, alternated; None without micrograd."""
    X, y = workload()
    made = micrograd_step(X, y)
    if made is None:
        return None
    theirs, their_model = made
    ours, our_model = purenn_step(X, y, their_model)
    nodes = graph_size(X, y, our_model)
    for _ in range(5):  # the same losses, step after step, before any timing
        a, b = theirs(), ours()
        if abs(a - b) > 1e-9 * max(1.0, abs(a)):
            raise SystemExit("purenn's Value disagrees with micrograd's: loss %r against %r" % (b, a))
    for _ in range(10 if PYPY else 1):  # warm up (PyPy's JIT compiles the loops it sees often)
        theirs(), ours()
    samples: Dict[str, List[float]] = {"micrograd step": [], "purenn step": []}
    for _ in range(rounds):
        for name, step in (("micrograd step", theirs), ("purenn step", ours)):
            gc.collect()  # the last step's garbage (micrograd's graphs are cycles) must not slow this one
            started = time.process_time()
            step()
            samples[name].append(time.process_time() - started)
    result: Dict[str, object] = {"interpreter": "%s %s" % (platform.python_implementation(), platform.python_version()),
                                 "nodes": nodes, "rounds": rounds, "date": time.strftime("%Y-%m-%d")}
    for name, times in samples.items():
        result[name] = statistics.median(times)
    return result


def ratio(row: Dict[str, object]) -> float:
    """micrograd's step time over purenn's."""
    theirs, ours = row["micrograd step"], row["purenn step"]
    assert isinstance(theirs, float) and isinstance(ours, float)
    return theirs / ours


def table(rows: Sequence[Dict[str, object]]) -> str:
    """The saved runs as a Markdown table, one line per interpreter."""
    lines = ["| interpreter | nodes per step | micrograd, one step | purenn, one step | micrograd / purenn |",
             "|---|---|---|---|---|"]
    for row in rows:
        lines.append("| %s | %s | %.0f ms | %.0f ms | %.2f |" % (
            row["interpreter"], "{:,}".format(row["nodes"]), float(str(row["micrograd step"])) * 1e3,
            float(str(row["purenn step"])) * 1e3, ratio(row)))
    return "\n".join(lines)


def saved_runs(folder: str = RESULTS) -> List[Dict[str, object]]:
    """Every saved run, CPython by version, then PyPy."""
    rows = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as file:
                rows.append(json.load(file))

    def key(row: Dict[str, object]) -> Tuple[bool, List[int]]:
        name, version = str(row["interpreter"]).split()
        return name == "PyPy", [int(part) for part in version.split(".")]

    return sorted(rows, key=key)


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--table"]:
        print(table(saved_runs()))
        return 0
    row = compare(rounds=3 if args == ["--quick"] else 9)
    if row is None:
        print("micrograd is not installed: nothing to compare (pip install micrograd)")
        return 0
    print(table([row]))
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, INTERPRETER + ".json"), "w", encoding="utf-8") as file:
        json.dump(row, file, indent=1, sort_keys=True)
        file.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
