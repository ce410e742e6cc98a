"""Seeded fuzzing: thousands of malformed values thrown at purenn's public entry points.

Standard library only; every case comes from ``random.Random(seed)``, so a
failure can be replayed. What is thrown: wrong types (None, text, bytes,
sets, dicts, complex numbers, objects), awkward numbers (NaN, infinities,
1e308, subnormals, integers too large for a float), ragged and empty
lists, lists nested deeper than any data, and Vectors and Matrices of odd
shapes and values.

Where it is thrown:

- every public constructor (the classes in each module's ``__all__``);
- every public method of valid Vectors, Matrices, networks, scalers and
  models, and every public function of ``purenn`` (``purenn.__all__``) and
  of the preprocessing and data set modules;
- the loaders: ``load_csv`` and ``load_csv_features`` on mutated CSV text,
  ``load_model`` on mutated model files, ``scaler_from_dict`` on mutated
  dicts;
- the command line: ``main`` with random arguments; and as a process
  (``python -m purenn``, each case a fork with its own CPU, wall-time and
  memory limits where the system has them) on generated CSV files, model
  files and matrices.

What is accepted: the documented errors. ``TypeError`` for a wrong type;
``PurennError`` (with its subclasses) for a wrong value; ``IndexError``
from indexing; ``OSError`` from a loader given a path that is not a file
there; and from the command line an exit status of 0, 1 or 2 with at most
one line of error; as a process, also no traceback, an error's last line
of standard error starting ``purenn``, and no file changed or left behind
but the output the command names. Anything else (AttributeError, OverflowError,
RecursionError, a bare ValueError, KeyError, ZeroDivisionError...) is a
bug, and the test lists each one with the call that raised it.
"""

import contextlib
import csv
import importlib
import inspect
import io
import json
import math
import os
import pathlib
import pkgutil
import random
import re
import subprocess
import sys
import warnings
from typing import Callable, Dict, List, Sequence, Tuple, Type

import pytest

import purenn
from purenn import MLP, Matrix, TwoLayerNetwork, Vector
from purenn.app.cli import main
from purenn.app.modelfile import TrainedModel, load_model, save_model
from purenn.data import preprocessing
from purenn.data.csvfile import load_csv, load_csv_features
from purenn.data.preprocessing import MinMaxScaler, StandardScaler, scaler_from_dict
from purenn.errors import PurennError
from purenn.nn.schedules import Constant, Cyclical, StepDecay

ROOT = pathlib.Path(__file__).resolve().parent.parent

IRIS_ROWS = b"sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.3,2.5,5.0,1.9\n"
"""Rows a model of the iris table can predict."""

SEED = 12
"""Change it to explore new cases; any failure it finds must be fixed, not skipped."""

DOCUMENTED: Tuple[Type[BaseException], ...] = (TypeError, PurennError, IndexError, ZeroDivisionError)
"""What any public call may raise on bad input (ZeroDivisionError: Vector and Matrix division by zero, as
documented)."""


class Odd:
    """An object of no type purenn knows."""

    def __repr__(self) -> str:
        return "Odd()"


def deep_list(depth: int) -> List[object]:
    top: List[object] = []
    inner = top
    for _ in range(depth):
        child: List[object] = []
        inner.append(child)
        inner = child
    return top


NUMBERS = [0.0, -0.0, 1.0, -2.5, 0.5, 3.0, 1e308, -1e308, 5e-324, 2.2e-308, math.nan, math.inf, -math.inf]
ODD_VALUES: List[object] = [
    None, True, False, "", "x", "1", "nan", "relu", "softmax", "standard", "binary", "\x00", "é",
    b"bytes", 1 + 2j, Odd(), {1, 2}, {"kind": "standard"}, (), (1, 2), range(3), deep_list(60),
    10**400, -(10**400), 2**64, 0, 1, 2, 3, -1, 0.25, 0.99,
    [], [[]], [1, "a"], [[1.0, 2.0], [3.0]], [1.0, math.nan], [[math.inf]], [10**400],
]


def odd_value(rng: random.Random) -> object:
    """One malformed (or merely awkward) argument."""
    kind = rng.randrange(6)
    if kind == 0:
        return rng.choice(NUMBERS)
    if kind == 1:
        return Vector([rng.choice(NUMBERS) for _ in range(rng.randrange(1, 4))])
    if kind == 2:
        rows, columns = rng.randrange(1, 4), rng.randrange(1, 4)
        return Matrix([[rng.choice(NUMBERS) for _ in range(columns)] for _ in range(rows)])
    if kind == 3:
        rows, columns = rng.randrange(1, 5), rng.randrange(1, 4)
        return Matrix([[float(rng.randrange(2)) for _ in range(columns)] for _ in range(rows)])
    if kind == 4:
        return [[rng.choice(NUMBERS + ["a", None]) for _ in range(rng.randrange(3))] for _ in range(rng.randrange(3))]
    return rng.choice(ODD_VALUES)


class Findings:
    """The undocumented errors met, each once, with the call that raised it."""

    def __init__(self) -> None:
        self.found: Dict[Tuple[str, str], str] = {}
        self.calls = 0

    def call(self, label: str, function: Callable[..., object], *args: object,
             allowed: Tuple[Type[BaseException], ...] = DOCUMENTED) -> object:
        self.calls += 1
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                    warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a loaded model's OverflowWarning, say: warned, not raised
                return function(*args)
        except allowed:
            return None
        except Exception as error:  # anything else is what this module hunts for
            key = (label, type(error).__name__)
            self.found.setdefault(key, f"{label}{_shown(args)} raised {type(error).__name__}: {error}"[:300])
            return None

    def report(self) -> str:
        return "\n".join(sorted(self.found.values()))


def throw(rng: random.Random, findings: Findings, targets: Sequence[Tuple[str, Callable[..., object]]], times: int,
          most_arguments: int) -> None:
    """Call ``times`` random targets with 0 to ``most_arguments`` odd values; fail listing what was not documented."""
    for _ in range(times):
        label, target = rng.choice(targets)
        findings.call(label, target, *[odd_value(rng) for _ in range(rng.randrange(most_arguments + 1))])
    assert not findings.found, findings.report()


def _shown(args: Sequence[object]) -> str:
    return "(" + ", ".join(repr(arg)[:60] for arg in args) + ")"


def public_modules() -> List[object]:
    """Every module of purenn but the command line, imported."""
    modules = [purenn]
    for info in pkgutil.walk_packages(purenn.__path__, "purenn."):
        if not info.name.startswith("purenn.app.cli"):
            modules.append(importlib.import_module(info.name))
    return modules


def public_classes() -> List[Tuple[str, type]]:
    found: Dict[str, type] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isclass(value) and not issubclass(value, BaseException):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return sorted(found.items())


# ----------------------------------------------------------- constructors


def test_every_public_constructor() -> None:
    rng = random.Random(SEED)
    findings = Findings()
    classes = public_classes()
    assert len(classes) >= 10  # the discovery works: Vector, Matrix, MLP, the scalers, ...
    throw(rng, findings, classes, 3000, most_arguments=3)


# ---------------------------------------------------------------- methods


def valid_objects() -> List[object]:
    network = MLP([2, 3, 1], seed=0)
    scaler = StandardScaler.fit(Matrix([[0.0, 1.0], [2.0, 5.0]]))
    model = TrainedModel(network, scaler, ("a", "b"), "binary", ("no", "yes"), "label")
    return [
        Vector([1.0, -2.0, 3.0]),
        Vector([0.5]),
        Matrix([[1.0, 2.0], [3.0, 4.0]]),
        Matrix([[1.0, 2.0, 3.0]]),
        network,
        MLP([2, 3], activation="tanh", output="softmax", seed=1),
        TwoLayerNetwork(2, 2, 1, seed=0),
        scaler,
        MinMaxScaler.fit(Matrix([[0.0], [4.0]])),
        model,
        Constant(0.1),
        StepDecay(0.1, factor=0.5, every=2),
        Cyclical(0.01, 0.1, half_cycle=2),
    ]


OPERATORS = ("__add__", "__sub__", "__mul__", "__truediv__", "__matmul__", "__pow__", "__radd__", "__rsub__",
             "__rmul__", "__rtruediv__", "__rmatmul__", "__getitem__", "__eq__", "__contains__", "__call__")


def test_every_public_method_of_valid_objects() -> None:
    rng = random.Random(SEED + 1)
    findings = Findings()
    targets = []
    for obj in valid_objects():
        for name in dir(obj):
            if name.startswith("_") and name not in OPERATORS:
                continue
            if name in ("index", "count") and getattr(type(obj), name) is getattr(tuple, name):
                continue  # a record's tuple methods are Python's own (``index`` raises ValueError, as documented)
            method = getattr(obj, name)
            if callable(method) and not inspect.isclass(method):
                targets.append((f"{type(obj).__name__}.{name}", method))
    throw(rng, findings, targets, 4000, most_arguments=2)


def test_every_public_function() -> None:
    rng = random.Random(SEED + 2)
    findings = Findings()
    functions = []
    for module in (purenn, preprocessing, importlib.import_module("purenn.data.datasets"),
                   importlib.import_module("purenn.nn.activations"), importlib.import_module("purenn.nn.losses"),
                   importlib.import_module("purenn.nn.metrics")):
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isfunction(value) and name not in ("train",):  # train: see test_train_refuses
                functions.append((f"{module.__name__}.{name}", value))
    throw(rng, findings, functions, 3000, most_arguments=3)


def test_train_refuses_what_it_cannot_train() -> None:
    rng = random.Random(SEED + 3)
    findings = Findings()
    network = MLP([2, 1], seed=0)
    X = Matrix([[0.0, 1.0], [1.0, 0.0]])
    Y = Matrix([[1.0], [0.0]])
    # (not 10**400, which is valid and runs for ever)
    odd_epochs: List[object] = [-1, 0, 1.5, "2", None, True, math.nan, -5]
    for _ in range(300):
        args: List[object] = [network, X, Y, 2]
        position = rng.randrange(len(args) + 3)
        if position < 3:
            args[position] = odd_value(rng)
            findings.call("train", purenn.train, *args)
        elif position == 3:
            args[3] = rng.choice(odd_epochs)
            findings.call("train", purenn.train, *args)
        else:  # a keyword setting gets the odd value
            keyword = rng.choice(["learning_rate", "batch_size", "momentum", "seed", "patience", "validation"])
            findings.call(f"train({keyword}=...)", lambda value: purenn.train(network, X, Y, 2, **{keyword: value}),
                          odd_value(rng))
    assert not findings.found, findings.report()


# ---------------------------------------------------------------- loaders


def mutated_text(rng: random.Random, text: str) -> str:
    """``text`` with a few random edits: characters dropped, doubled, replaced or inserted."""
    pieces = list(text)
    insertions = ["\x00", '"', ",", "\n", "\r", ";", "nan", "inf", "1e999", "9" * 400, "é", "\ufeff", "[", "{", " "]
    for _ in range(rng.randrange(1, 6)):
        if not pieces:
            break
        where = rng.randrange(len(pieces))
        action = rng.randrange(4)
        if action == 0:
            del pieces[where]
        elif action == 1:
            pieces.insert(where, pieces[where])
        elif action == 2:
            pieces[where] = rng.choice(insertions)
        else:
            pieces.insert(where, rng.choice(insertions))
    return "".join(pieces)


def test_csv_loaders_on_mutated_files(tmp_path: pathlib.Path) -> None:
    rng = random.Random(SEED + 4)
    findings = Findings()
    good = "x1,x2,label\n1.0,2.0,cat\n3.5,-1,dog\n0,0,cat\n2,2,dog\n"
    path = tmp_path / "data.csv"
    for case in range(800):
        path.write_bytes(mutated_text(rng, good).encode("utf-8", errors="surrogatepass"))
        target = rng.choice(["label", "x1", "x2", "nope", ""])
        task = rng.choice([None, "binary", "multiclass", "regression", "other"])
        findings.call("load_csv", load_csv, path, target, task, allowed=DOCUMENTED + (OSError,))
        findings.call("load_csv_features", load_csv_features, path, rng.choice([["x1"], ["x2", "x1"], ["label"], []]),
                      allowed=DOCUMENTED + (OSError,))
    for odd in ODD_VALUES[:20]:
        findings.call("load_csv", load_csv, odd, "label", allowed=DOCUMENTED + (OSError,))
        findings.call("load_csv", load_csv, path, odd, allowed=DOCUMENTED + (OSError,))
    assert not findings.found, findings.report()


def odd_json(rng: random.Random) -> object:
    value = odd_value(rng)
    if isinstance(value, (Vector, Matrix)):
        return value.tolist()
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return rng.choice([None, "x", [], {}, 1e308, -1, [[1, 2], [3]], {"kind": "minmax"}])
    return value


def replace_somewhere(rng: random.Random, document: object) -> object:
    """A copy of the JSON ``document`` with one value, at any depth, replaced by an odd one."""
    if isinstance(document, dict) and document and rng.random() < 0.8:
        key = rng.choice(sorted(document))
        copy = dict(document)
        copy[key] = replace_somewhere(rng, document[key])
        if rng.random() < 0.1:
            del copy[key]
        return copy
    if isinstance(document, list) and document and rng.random() < 0.8:
        copy_list = list(document)
        index = rng.randrange(len(copy_list))
        copy_list[index] = replace_somewhere(rng, copy_list[index])
        return copy_list
    return odd_json(rng)


def test_load_model_on_mutated_files(tmp_path: pathlib.Path) -> None:
    rng = random.Random(SEED + 5)
    findings = Findings()
    model = TrainedModel(MLP([2, 3, 2], output="softmax", seed=0), StandardScaler.fit(Matrix([[0.0, 1.0], [2.0, 3.0]])),
                         ("a", "b"), "multiclass", ("x", "y"), "class")
    original = tmp_path / "model.json"
    save_model(model, original)
    text = original.read_text(encoding="utf-8")
    document = json.loads(text)
    path = tmp_path / "broken.json"
    for case in range(600):
        if case % 3 == 0:
            broken = mutated_text(rng, text)
        else:
            broken = json.dumps(replace_somewhere(rng, document))
        path.write_bytes(broken.encode("utf-8", errors="surrogatepass"))
        findings.call("load_model", load_model, path, allowed=DOCUMENTED + (OSError,))
    for odd in ODD_VALUES[:20]:
        findings.call("load_model", load_model, odd, allowed=DOCUMENTED + (OSError,))
    for _ in range(1000):
        saved = replace_somewhere(rng, {"kind": rng.choice(["standard", "minmax", "none"]),
                                        "mean": [0.0], "scale": [1.0], "minimum": [0.0]})
        findings.call("scaler_from_dict", scaler_from_dict, saved)
    assert not findings.found, findings.report()


# ----------------------------------------------------------- command line


def test_command_line_with_random_arguments(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # an output given as a bare value ("--save 0") lands here
    rng = random.Random(SEED + 6)
    data = tmp_path / "data.csv"
    with open(data, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["x1", "x2", "y"])
        for i in range(12):
            writer.writerow([i % 3, (i * 7) % 5, "café" if i % 2 else "=tea"])
    model = tmp_path / "model.json"
    assert main(["train", "--csv", str(data), "--target", "y", "--epochs", "1", "--test-size", "0",
                 "--save", str(model), "--quiet"]) == 0
    values = ["", "0", "1", "-1", "2", "0.5", "1.5", "nan", "inf", "1e400", "x", "4,2", ",", "é", str(data),
              str(model),
              str(tmp_path), str(tmp_path / "out.json"), str(tmp_path / "missing" / "m.json"), "/dev/null", "y", "x1"]
    options = {
        "train": ["--data", "--csv", "--target", "--task", "--layers", "--activation", "--epochs", "--batch-size",
                  "--learning-rate", "--schedule", "--momentum", "--test-size", "--scale", "--patience", "--seed",
                  "--save", "--metrics-json", "--quiet", "--optimizer", "--weight-decay", "--plot-loss",
                  "--plot-boundary", "--plot-network"],
        "predict": ["--output"],
        "": ["--epochs", "--hidden", "--learning-rate", "--seed", "--quiet", "--plot"],
    }
    choices = {"--data": ["xor", "iris", "nope"], "--task": ["binary", "regression", "nope"],
               "--activation": ["relu", "nope"], "--schedule": ["step", "cyclic"], "--scale": ["minmax", "none"],
               "--optimizer": ["adam", "rmsprop", "nope"]}
    bad = []
    for case in range(120):
        command = rng.choice(["train", "train", "predict", ""])
        argv = [command] if command else []
        if command == "train":
            argv += rng.choice([["--data", "xor"], ["--csv", str(data), "--target", "y"], []])
        if command == "predict":
            argv += [rng.choice([str(model), str(data), "missing.json"]), rng.choice([str(data), str(model)])]
        for _ in range(rng.randrange(4)):
            option = rng.choice(options[command])
            argv.append(option)
            if option != "--quiet":
                argv.append(rng.choice(choices.get(option, []) + values))
        if "--epochs" not in argv:  # keep every run short
            argv += ["--epochs", "2"]
        else:
            argv[argv.index("--epochs") + 1] = rng.choice(["1", "2", "0", "x"])
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(argv)
        except SystemExit as stop:  # argparse's usage error
            status = stop.code if isinstance(stop.code, int) else 2
        except Exception as error:  # noqa: BLE001 - what this test hunts for
            bad.append(f"{argv}: {type(error).__name__}: {error}")
            continue
        errors = [line for line in err.getvalue().splitlines() if line.startswith("purenn") and ": error:" in line]
        if status not in (0, 1, 2) or len(errors) > 1 or "Traceback" in err.getvalue():
            bad.append(f"{argv}: status {status}, stderr {err.getvalue()!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("argv", [
    ["train", "--data", "xor", "--save", ""],
    ["--plot", ""],
    ["train", "--data", "xor", "--metrics-json", ""],
    ["predict", "m.json", "d.csv", "--output", ""],
])
def test_an_empty_output_path_is_a_usage_error(argv: List[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith("needs a file name, got an empty one")


def random_matrix_text(rng: random.Random) -> str:
    """A matrix as the linalg command reads it, often malformed: ragged, huge, NaN, text, deep, unbalanced."""
    pieces = ["0", "1", "-2", "3.5", "1e16", "1e-310", "1e308", "10**400", "nan", "inf", "'a'", "None", "True",
              "[]", "[[1]]", "1/3", "2**2000", "1e999", "(1,2)", "{}"]
    rows, columns = rng.randrange(0, 4), rng.randrange(0, 4)
    text = "[" + ",".join("[" + ",".join(rng.choice(pieces) for _ in range(columns)) + "]" for _ in range(rows)) + "]"
    if rng.random() < 0.2:
        text = mutated_text(rng, text)
    if rng.random() < 0.05:
        text = "[" * 500 + "]" * 500
    return text


def run_cli(argv: List[str]) -> Tuple[object, str]:
    """(status, stderr) of main(argv), or (the unexpected exception, "")."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status: object = main(argv)
    except SystemExit as stop:  # argparse's usage error
        status = stop.code if isinstance(stop.code, int) else 2
    except Exception as error:  # noqa: BLE001 - what this test hunts for
        return error, ""
    return status, err.getvalue()


def test_linalg_and_explain_commands_with_random_arguments(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = random.Random(SEED + 7)
    bad = []
    for case in range(400):
        if rng.random() < 0.8:
            operation = rng.choice(["solve", "rref", "det", "inverse", "rank", "eig", "nope"])
            argv = ["linalg", operation, random_matrix_text(rng)]
            if operation == "solve":
                argv.append(rng.choice(["[1,2]", "[1]", "[nan,1]", "[]", "x", "[1e308,1e308,1]"]))
            if rng.random() < 0.3:
                argv.append("--steps")
        else:
            argv = ["explain"]
            for _ in range(rng.randrange(3)):
                option = rng.choice(["--data", "--sample", "--hidden", "--seed", "--learning-rate", "--batch"])
                argv.append(option)
                if option != "--batch":
                    # (not 99999 hidden units: valid, and slow)
                    argv.append(rng.choice(["0", "1", "3", "-1", "x", "1e400", "nan", "iris", "xor"]))
        status, err = run_cli(argv)
        if isinstance(status, BaseException):
            bad.append(f"{argv}: {type(status).__name__}: {status}")
        elif status not in (0, 1, 2) or "Traceback" in err:
            bad.append(f"{argv}: status {status}, stderr {err!r}")
    assert not bad, "\n".join(bad)


# ------------------------------------- the command line as a process, issue 23

FORKING_DRIVER = r'''
import json, os, resource, runpy, signal, sys, traceback
import purenn.app.cli  # imported once; each case is a fork of this process
cases = json.loads(open(sys.argv[1], encoding="utf-8").read())
try:
    with open("/proc/self/statm") as statm:
        memory = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") + MEMORY
except (OSError, ValueError):
    memory = None
statuses = []
for folder, argv in cases:
    child = os.fork()
    if child == 0:
        code = 1
        try:
            signal.alarm(SECONDS)  # wall time: a case that hangs is killed, and reported
            resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS + 1))
            if memory is not None:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            os.chdir(folder)
            for fd, name in ((0, os.devnull), (1, "stdout.txt"), (2, "stderr.txt")):
                target = os.open(os.path.join("..", os.path.basename(folder) + "." + name) if fd else name,
                                 os.O_RDONLY if fd == 0 else os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(target, fd)
                os.close(target)
            sys.stdin = open(0, closefd=False)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
            sys.argv = ["purenn"] + argv
            runpy.run_module("purenn", run_name="__main__")
            code = 0
        except SystemExit as stop:  # as the interpreter turns it into a status
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
            if not isinstance(stop.code, (int, type(None))):
                print(stop.code, file=sys.stderr)
        except BaseException:  # what an uncaught exception does at the top of a program
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except BaseException:
                    pass
            os._exit(code)
    _, status = os.waitpid(child, 0)
    statuses.append(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode")
                    else (-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)))
print(json.dumps(statuses))
'''
"""Runs each case as ``python -m purenn`` runs (``runpy``), in a fork with its own limits and standard streams."""

CASE_SECONDS = 60
CASE_MEMORY = 1024 * 2**20
"""Each case's limits: CPU and wall seconds, and memory beyond what the driver already holds."""


def generated_csv(rng: random.Random) -> bytes:
    """A CSV file as a user or an attacker might hand one over: hostile names, and half the time odd cells,
    mutations or another encoding."""
    clean = rng.random() < 0.5
    names = ["x1", "x2", "\x1b[2Jx", "<y>&", "two\nlines", "é", ""]
    cells = ["0", "1", "-2.5", ".5", "1E3", "1_000", "\u0663", "nan", "inf", "1e308", "", " 3", "=cmd", "0x10"]
    labels = ["cat", "dog", "\x1b[31mred", "\u202eevil", "<b>", "0", "1", ""]
    columns = rng.randrange(2, 5)
    header = [rng.choice(names) if rng.random() < 0.3 else f"c{j}" for j in range(columns - 1)] + ["label"]
    classes = rng.choice([2, 3, 5, 40])
    rows = [[rng.choice(cells) if rng.random() < 0.1 and not clean else str(round(rng.uniform(-3, 3), 2))
             for _ in range(columns - 1)] + [labels[i % classes] if classes < 40 else f"k{i % 40}"]
            for i in range(rng.choice([12, 30, 80] if clean else [0, 1, 4, 12]))]
    text_io = io.StringIO()
    csv.writer(text_io).writerows([header] + rows)
    text = text_io.getvalue()
    if not clean and rng.random() < 0.5:
        text = mutated_text(rng, text)
    encoding = "utf-8" if clean else rng.choice(["utf-8"] * 4 + ["utf-16", "latin-1"])
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs fork and resource (Linux)")
def test_the_command_line_as_a_process_with_generated_files(tmp_path: pathlib.Path) -> None:
    rng = random.Random(SEED + 8)
    model = tmp_path / "model.json"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["train", "--data", "iris", "--epochs", "2", "--save", str(model), "--quiet"]) == 0
    model_text = model.read_text(encoding="utf-8")
    cases: List[Tuple[str, List[str]]] = []
    inputs: List[Dict[str, bytes]] = []
    outputs: List[Sequence[str]] = []
    for case in range(60):
        files = {"data.csv": generated_csv(rng), "model.json": model_text.encode("utf-8"),
                 "old.json": b'{"kept": true}\n'}
        kind = rng.choice(["train", "train", "predict", "model", "linalg"])
        named: List[str] = []
        if kind == "train":
            argv = ["train", "--csv", "data.csv", "--target", rng.choice(["label"] * 4 + ["c0"]), "--epochs", "2"]
            if rng.random() < 0.5:
                named = [rng.choice(["old.json", "new.json"])]
                argv += ["--save", named[0]]
            if rng.random() < 0.3:
                named.append("loss.svg")
                argv += ["--plot-loss", "loss.svg"]
            argv += rng.choice([[], ["--quiet"], ["--layers", "3"], ["--task", "regression"]])
        elif kind in ("predict", "model"):
            if kind == "model":
                broken = (mutated_text(rng, model_text) if rng.random() < 0.5
                          else json.dumps(replace_somewhere(rng, json.loads(model_text))))
                files["model.json"] = broken.encode("utf-8", errors="surrogatepass")
            files["data.csv"] = IRIS_ROWS if rng.random() < 0.5 else mutated_text(rng, IRIS_ROWS.decode()).encode()
            argv = ["predict", "model.json", "data.csv"]
            if rng.random() < 0.5:
                named = [rng.choice(["old.json", "predictions.csv"])]
                argv += ["--output", named[0]]
        else:
            argv = ["linalg", rng.choice(["det", "rref", "rank", "inverse"]), random_matrix_text(rng)]
        folder = tmp_path / f"case{case}"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        cases.append((str(folder), argv))
        inputs.append(files)
        outputs.append(named)
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    driver = FORKING_DRIVER.replace("MEMORY", str(CASE_MEMORY)).replace("SECONDS", str(CASE_SECONDS))
    run = subprocess.run([sys.executable, "-c", driver, str(tmp_path / "cases.json")], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=900)
    assert run.returncode == 0, run.stderr.decode("utf-8", errors="replace")
    statuses = json.loads(run.stdout.decode("utf-8"))
    bad = []
    for (folder, argv), files, named, status in zip(cases, inputs, outputs, statuses):
        err = pathlib.Path(folder + ".stderr.txt").read_text(encoding="utf-8", errors="replace")
        last = err.rstrip("\n").splitlines()[-1] if err.strip() else ""
        problems = []
        if status not in (0, 1, 2, 130):
            problems.append(f"status {status}")
        if "Traceback" in err:
            problems.append("a traceback")
        if status != 0 and not re.match(r"purenn( [a-z]+)*: ", last):
            problems.append(f"last line of stderr {last!r}")
        written = named if status != 2 else []  # a usage error is found before any work: nothing is written
        for name, data in files.items():
            if name not in written and (pathlib.Path(folder) / name).read_bytes() != data:
                problems.append(f"{name} changed")
        extra = set(os.listdir(folder)) - set(files) - set(written)
        if extra:
            problems.append(f"files left: {sorted(extra)}")
        if problems:
            bad.append(f"{argv!r} in {folder}: {', '.join(problems)}\n    stderr: {err[-300:]!r}")
    assert len(statuses) == len(cases)
    assert not bad, "\n".join(bad)
