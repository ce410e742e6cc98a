"""``python -m benchmarks``: how fast purenn is, as ratios measured in one process.

Run it from the repository root with the interpreter you want to measure::

    python -m benchmarks            # the full suite (a few minutes on CPython)
    python -m benchmarks --quick    # fewer rounds and epochs, for a first look
    python -m benchmarks --combine  # the table of every saved run, for the README

Standard library only; NumPy and micrograd are measured when they are
installed and skipped otherwise. Every comparison alternates its contenders
in rounds within this one process and keeps each contender's median round,
so that a ratio compares runs made under the same conditions. Times inside
this process are its CPU time (``time.process_time``), which other programs
on a shared machine disturb less than the wall clock; the command-line runs
are timed by their CPU time too (user and system, from ``resource``), except
the "trained in" figure that ``python -m purenn`` prints, which is its wall
clock. Ratios, not milliseconds, are what carry over from one machine to
another.

The results are printed, and written to ``benchmarks/results/`` as JSON and
Markdown, one file of each per interpreter (``CPython-3.11.json``, ...).
``--combine`` reads all of them and writes the table of them all to
``benchmarks/results/README.md`` and into the project README, between its
two speed-table markers. Nothing here asserts a speed: the test
suite never times anything.

Before timing, every contender's result is compared with purenn's (products
to 1e-12, losses to 1e-9), so a fast wrong answer cannot win.
"""

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Callable, Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from benchmarks import listnet, others, report  # noqa: E402
from benchmarks import autograd as autograd_benchmark  # noqa: E402  (micrograd's own workload, issue 25)
from purenn import MLP, Matrix, TwoLayerNetwork  # noqa: E402  (needs the repository root on sys.path)
from purenn.linalg import plain_mode  # noqa: E402
from purenn.data.datasets import diabetes, digits, spirals  # noqa: E402
from purenn.app.pipeline import TrainConfig, prepare  # noqa: E402

RESULTS = os.path.join(ROOT, "benchmarks", "results")
PYPY = platform.python_implementation() == "PyPy"
INTERPRETER = "%s-%d.%d" % (platform.python_implementation(), sys.version_info[0], sys.version_info[1])


# ------------------------------------------------------------------ timing

clock = time.process_time
"""The clock of every in-process timing: this process's CPU time. On a machine
shared with other work, time spent waiting for a CPU would otherwise count
against whichever contender happened to be running."""


def alternate(ways: Dict[str, Callable[[], object]], rounds: int, round_seconds: float) -> Dict[str, float]:
    """The median seconds per call of each way, timed in rounds that visit every way in turn.

    Each way is first warmed up (longer on PyPy, so that its JIT has compiled
    the code), and the number of calls per round is chosen so that a round
    lasts about ``round_seconds``.
    """
    calls: Dict[str, int] = {}
    for name, way in ways.items():
        warm_until = clock() + (1.0 if PYPY else 0.1)
        count, started = 0, clock()
        while True:
            way()
            count += 1
            if clock() >= warm_until:
                break
        per_call = (clock() - started) / count
        calls[name] = max(1, int(round_seconds / per_call))
    samples: Dict[str, List[float]] = {name: [] for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            started = clock()
            for _ in range(calls[name]):
                way()
            samples[name].append((clock() - started) / calls[name])
    return {name: statistics.median(times) for name, times in samples.items()}


def with_plain_mode_apart(
    ways: Dict[str, Callable[[], object]],
    plain: Callable[[], object],
    baseline: str,
    rounds: int,
    round_seconds: float,
) -> Dict[str, float]:
    """Time ``ways`` alternated, then purenn's plain mode alternated with the baseline alone.

    Plain mode is switched on and off by rebinding two names of
    purenn.linalg.kernel, and PyPy's JIT compiles code on the assumption that
    such a name keeps its value: switching at every call, among the fast-mode
    runs, would slow those down. So plain mode is timed after them, against
    the baseline again, and its time is that ratio times the baseline's time
    of the first phase.
    """
    seconds = alternate(ways, rounds, round_seconds)
    again = alternate({baseline: ways[baseline], "purenn plain": plain}, rounds, round_seconds)
    seconds["purenn plain"] = again["purenn plain"] / again[baseline] * seconds[baseline]
    return seconds


def child_seconds(command: List[str], capture: bool = False, env: Optional[Dict[str, str]] = None,
                  cwd: str = ROOT) -> Tuple[float, str]:
    """Run ``command`` from the repository root; return the CPU seconds (user and system) it took, and its output.

    CPU time, as for the in-process timings: on a shared machine a process's
    wall clock also counts the time it waited for a CPU. (``resource`` is
    Unix-only; elsewhere the wall clock is taken.)
    """
    def run() -> str:
        done = subprocess.run(command, cwd=cwd, check=True, universal_newlines=True, encoding="utf-8",
                              stdout=subprocess.PIPE if capture else subprocess.DEVNULL, env=env)
        return done.stdout or ""

    try:
        import resource
    except ImportError:
        started = time.perf_counter()
        output = run()
        return time.perf_counter() - started, output
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), output


def random_rows(rng: random.Random, m: int, n: int) -> List[List[float]]:
    return [[rng.uniform(-1.0, 1.0) for _ in range(n)] for _ in range(m)]


# ------------------------------------------------------------------ the comparisons


def products(rounds: int, round_seconds: float) -> List[Dict[str, object]]:
    """Matrix products of four sizes: purenn (fast and plain mode), a naive triple loop, NumPy."""
    rows = []
    rng = random.Random(1)
    for m, n, p in [(4, 3, 4), (32, 8, 16), (768, 8, 16), (128, 128, 128)]:
        a, b = random_rows(rng, m, n), random_rows(rng, n, p)
        A, B = Matrix(a), Matrix(b)
        reference = A @ B
        ways: Dict[str, Callable[[], object]] = {
            "naive loop": lambda: others.naive_matmul(a, b),
            "purenn": lambda: A @ B,
        }

        def plain(A: Matrix = A, B: Matrix = B) -> Matrix:
            with plain_mode():
                return A @ B

        numpy_product = others.numpy_matmul(a, b)
        if numpy_product is not None:
            ways["NumPy"] = numpy_product
        for name, way in list(ways.items()) + [("purenn plain", plain)]:
            others.check_close(name, others.as_rows(way()), reference.tolist(), 1e-12)
        seconds = with_plain_mode_apart(ways, plain, "naive loop", rounds, round_seconds)
        baseline = seconds["naive loop"]
        rows.append({
            "what": "(%dx%d) @ (%dx%d)" % (m, n, n, p),
            "seconds": seconds,
            "speed-up over the naive loop": {name: baseline / time for name, time in seconds.items()},
        })
    return rows


def epoch_768(rounds: int, round_seconds: float, micrograd: bool) -> Dict[str, object]:
    """One full-batch epoch of 768 x 8 -> 16 -> 1, sigmoid, cross-entropy, gradient descent."""
    rng = random.Random(768)
    x = [[rng.random() for _ in range(8)] for _ in range(768)]
    y = [[float(rng.random() < 0.35)] for _ in range(768)]
    X, Y = Matrix(x), Matrix(y)
    net = TwoLayerNetwork(8, 16, 1, seed=0)
    lists = listnet.ListNetwork(net.W1.tolist(), list(net.b1), net.W2.tolist(), list(net.b2))
    others.check_close("list code", [[lists.step(x, y, 0.1)]], [[net.step(X, Y, 0.1)]], 1e-9, learning_rate=0.1)
    plain_net = TwoLayerNetwork.from_weights(net.W1, net.b1, net.W2, net.b2)

    def plain() -> float:
        with plain_mode():
            return plain_net.step(X, Y, 0.1)

    ways: Dict[str, Callable[[], object]] = {
        "list code": lambda: lists.step(x, y, 0.1),
        "purenn": lambda: net.step(X, Y, 0.1),
    }
    numpy_step = others.numpy_network(net.W1.tolist(), list(net.b1), net.W2.tolist(), list(net.b2), x, y, 0.1)
    if numpy_step is not None:
        ways["NumPy"] = numpy_step
    seconds = with_plain_mode_apart(ways, plain, "list code", rounds, round_seconds)
    if micrograd:
        micrograd_epoch = others.micrograd_epoch(x, y)
        if micrograd_epoch is not None:
            started = clock()
            micrograd_epoch()
            seconds["micrograd"] = clock() - started
    return {
        "what": "one epoch, 768x8 -> 16 -> 1",
        "seconds": seconds,
        "time / list code": {name: time / seconds["list code"] for name, time in seconds.items()},
        "micrograd / purenn": seconds["micrograd"] / seconds["purenn"] if "micrograd" in seconds else None,
    }


def digits_epoch(rounds: int, round_seconds: float) -> Dict[str, object]:
    """One full-batch epoch of 64 -> 32 -> 10 (sigmoid, softmax) on the training part of the digits.

    The rows are those ``python -m purenn train --data digits`` trains on:
    its stratified split (75%, 1,346 images) and standardised pixels.
    purenn's epoch is ``MLP.fit`` for one epoch of plain gradient descent, as
    a learner would call it; the list code is ``listnet.ListSoftmaxNetwork``.
    """
    prepared = prepare(digits(), TrainConfig())
    X, Y = prepared.scaler.transform(prepared.parts.train.X), prepared.parts.train.Y
    x, y = X.tolist(), Y.tolist()
    net = MLP([64, 32, 10], activation="sigmoid", output="softmax", seed=0)
    (W1, b1), (W2, b2) = net.layers
    lists = listnet.ListSoftmaxNetwork(W1.tolist(), list(b1), W2.tolist(), list(b2))
    others.check_close("list code", [[lists.step(x, y, 0.1)]], [[net.fit(X, Y, epochs=1, learning_rate=0.1)[-1]]],
                       1e-9)
    ways: Dict[str, Callable[[], object]] = {
        "list code": lambda: lists.step(x, y, 0.1),
        "purenn": lambda: net.fit(X, Y, epochs=1, learning_rate=0.1),
    }
    seconds = alternate(ways, rounds, round_seconds)
    return {
        "what": "one epoch, %dx64 -> 32 -> 10 (digits)" % X.shape[0],
        "seconds": seconds,
        "time / list code": {name: time / seconds["list code"] for name, time in seconds.items()},
    }


def main_job(rounds: int, micrograd: bool) -> Dict[str, object]:
    """The main job's training: the diabetes table, 4 -> 4 -> 1, 1,500 epochs, learning rate 1."""
    data = diabetes()
    x, y = data.X.tolist(), data.Y.tolist()

    def purenn_run() -> float:
        net = TwoLayerNetwork(4, 4, 1, seed=0)
        return net.fit(data.X, data.Y, epochs=1500)[-1]

    def list_run() -> float:
        net = TwoLayerNetwork(4, 4, 1, seed=0)
        lists = listnet.ListNetwork(net.W1.tolist(), list(net.b1), net.W2.tolist(), list(net.b2))
        for _ in range(1500):
            loss = lists.step(x, y, 1.0)
        return loss

    others.check_close("list code", [[list_run()]], [[purenn_run()]], 1e-9)
    ways: Dict[str, Callable[[], object]] = {"list code": list_run, "purenn": purenn_run}
    numpy_run = others.numpy_main_job(x, y)
    if numpy_run is not None:
        ways["NumPy"] = numpy_run
    seconds = alternate(ways, rounds, 0.0)
    if micrograd:
        micrograd_epoch = others.micrograd_epoch(x, y, hidden=4)
        if micrograd_epoch is not None:
            started = clock()
            for _ in range(1500):
                micrograd_epoch()
            seconds["micrograd"] = clock() - started
    return {
        "what": "main job, 1,500 epochs of 16x4 -> 4 -> 1",
        "seconds": seconds,
        "time / list code": {name: time / seconds["list code"] for name, time in seconds.items()},
        "micrograd / purenn": seconds["micrograd"] / seconds["purenn"] if "micrograd" in seconds else None,
    }


def spirals_and_cli(quick: bool) -> Dict[str, object]:
    """Absolute times of two whole tasks: MLP on the spirals in mini-batches, and the CLI on a 2,000 x 30 CSV."""
    data = spirals()
    started = clock()
    MLP([2, 16, 16, 3], activation="relu", output="softmax", seed=0).fit(
        data.X, data.Y, epochs=20 if quick else 100, learning_rate=0.05, batch_size=32, seed=0
    )
    spiral_seconds = clock() - started
    rng = random.Random(30)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        with open(path, "w", encoding="utf-8") as file:
            file.write(",".join("x%d" % j for j in range(30)) + ",label\n")
            for _ in range(2000):
                row = [rng.gauss(0.0, 1.0) for _ in range(30)]
                label = "yes" if sum(row[:5]) > 0 else "no"
                file.write(",".join("%.6f" % v for v in row) + "," + label + "\n")
        command = [sys.executable, "-m", "purenn", "train", "--csv", path, "--target", "label", "--quiet"]
        if quick:
            command += ["--epochs", "20"]
        cli_seconds, _ = child_seconds(command)
    # the main job as a learner runs it, and the "trained in" figure it prints (purenn's own wall
    # clock); the whole process (start, import, train, print) in CPU seconds, the best of three:
    # as Python runs it by default, from the bytecode cached by its first run (in a cache folder of
    # the benchmark's own), and as that first run, compiling purenn (a copy without __pycache__)
    # with the standard library's bytecode as installed; neither this machine's
    # PYTHONDONTWRITEBYTECODE nor the repository's __pycache__ decides which is measured
    main_job = [sys.executable, "-m", "purenn"]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        child_seconds(main_job + ["--epochs", "1", "--quiet"], env=env)
        cached = [child_seconds(main_job, capture=True, env=env) for _ in range(3)]
    with tempfile.TemporaryDirectory() as checkout:
        shutil.copytree(os.path.join(ROOT, "purenn"), os.path.join(checkout, "purenn"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        env.pop("PYTHONPYCACHEPREFIX", None)
        compiling = [child_seconds(main_job, env=env, cwd=checkout)[0] for _ in range(3)]
    printed = cached[-1][1]
    trained_in = float(re.search(r"trained in ([0-9.]+) s", printed).group(1))
    return {
        "what": "whole tasks",
        "trained in": trained_in,
        "main job process": min(seconds for seconds, _ in cached),
        "main job process, no bytecode cache": min(compiling),
        "process clock": "cpu",  # the train command and the main job's process: CPU seconds (before: wall clock)
        "seconds": {
            "MLP on the spirals, %d epochs, batches of 32" % (20 if quick else 100): spiral_seconds,
            "purenn train on a 2,000x30 CSV%s" % (", 20 epochs" if quick else ", defaults"): cli_seconds,
        },
    }


def memory(epochs: int) -> Optional[Dict[str, object]]:
    """Peak memory of one 768-row epoch, and the memory held after many epochs (it must not grow).

    Memory held is read after ``gc.collect()``, which also empties the
    interpreter's free lists of floats and tuples; without it a reading
    depends on how full those lists happen to be. None where the
    interpreter has no ``tracemalloc`` (PyPy).
    """
    try:
        import tracemalloc
    except ImportError:
        return None
    rng = random.Random(768)
    X = Matrix([[rng.random() for _ in range(8)] for _ in range(768)])
    Y = Matrix([[float(rng.random() < 0.35)] for _ in range(768)])
    net = TwoLayerNetwork(8, 16, 1, seed=0)
    net.step(X, Y)
    tracemalloc.start()
    net.step(X, Y)
    _, peak = tracemalloc.get_traced_memory()
    held = []
    for epoch in range(epochs):
        net.step(X, Y)
        if epoch in (9, epochs - 1):
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    return {
        "what": "memory of the 768-row network, held memory read after gc.collect()",
        "peak bytes of one epoch": peak,
        "bytes held after 10 epochs": held[0],
        "bytes held after %d epochs" % epochs: held[1],
        "epochs": epochs,
    }


# ------------------------------------------------------------------ the run


def run(quick: bool, micrograd: bool, memory_epochs: int) -> Dict[str, object]:
    rounds, round_seconds = (3, 0.1) if quick else (9, 0.3)
    result: Dict[str, object] = {
        "interpreter": "%s %s" % (platform.python_implementation(), platform.python_version()),
        "machine": "%s, %s" % (platform.machine(), platform.system()),
        "date": time.strftime("%Y-%m-%d"),
        "quick": quick,
        "load average": [os.getloadavg()[0]],
    }
    print("== %s" % result["interpreter"], flush=True)
    # Fast mode first, plain mode last: switching modes rebinds names in purenn.linalg.kernel, and on
    # PyPy the code compiled after a switch stayed slower (the digits epoch took 2.9 times the list
    # code's time after the products and the 768-row epoch had switched, 1.4 times in a new process).
    # A learner's run does not switch, so the epochs measured with fast mode alone come first.
    result["digits_epoch"] = digits_epoch(rounds, round_seconds)
    print("   digits epoch done", flush=True)
    result["main_job"] = main_job(3 if quick else 7, micrograd)
    print("   main job done", flush=True)
    result["epoch_768"] = epoch_768(rounds, round_seconds, micrograd)  # its plain phase is its last part
    print("   768-row epoch done", flush=True)
    result["products"] = products(rounds, round_seconds)
    print("   products done", flush=True)
    result["tasks"] = spirals_and_cli(quick)
    result["autograd"] = autograd_benchmark.compare(3 if quick else 9) if micrograd else None
    print("   whole tasks done", flush=True)
    result["memory"] = memory(min(100, memory_epochs) if quick else memory_epochs)
    result["load average"].append(os.getloadavg()[0])
    return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and epochs")
    parser.add_argument("--no-micrograd", action="store_true", help="skip micrograd even when installed")
    parser.add_argument("--combine", action="store_true", help="write results/README.md from every saved run")
    parser.add_argument("--memory-epochs", type=int, default=1000,
                        help="epochs of the memory check (slow: tracemalloc traces every allocation; default 1000)")
    args = parser.parse_args(argv)
    os.makedirs(RESULTS, exist_ok=True)
    if args.combine:
        for name in os.listdir(RESULTS):  # each run's Markdown again, as report.py now writes it
            if name.endswith(".json"):
                with open(os.path.join(RESULTS, name), encoding="utf-8") as file:
                    text = report.markdown(json.load(file))
                with open(os.path.join(RESULTS, name[:-len(".json")] + ".md"), "w", encoding="utf-8") as file:
                    file.write(text)
        table = report.combine(RESULTS)
        with open(os.path.join(RESULTS, "README.md"), "w", encoding="utf-8") as file:
            file.write(table)
        readme = os.path.join(ROOT, "README.md")
        with open(readme, encoding="utf-8") as file:
            text = report.with_table(file.read(), report.combine(RESULTS, full=False))
        with open(readme, "w", encoding="utf-8") as file:
            file.write(text)
        print(table)
        return 0
    result = run(args.quick, not args.no_micrograd, args.memory_epochs)
    text = report.markdown(result)
    print()
    print(text)
    if result["autograd"] is not None:
        print("micrograd's own workload, with micrograd's Value and purenn's:")
        print(autograd_benchmark.table([result["autograd"]]))
    with open(os.path.join(RESULTS, INTERPRETER + ".json"), "w", encoding="utf-8") as file:
        json.dump(result, file, indent=1, sort_keys=True)
        file.write("\n")
    with open(os.path.join(RESULTS, INTERPRETER + ".md"), "w", encoding="utf-8") as file:
        file.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
