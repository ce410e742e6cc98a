"""The layer rule of purenn/__init__.py, checked by reading every module's imports.

Each folder of purenn/ is a layer and may import only the layers below it:

    errors, text  <-  checks
    errors, _version, checks, text  <-  linalg  <-  nn, data  <-  plot  <-  app
                                         linalg  <-  autograd  <-  plot
                           linalg, nn, autograd  <-  exercises  <-  app

(``errors``, ``_version``, ``checks`` and ``text`` are single modules every layer may use;
``nn`` and ``data`` sit side by side: neither imports the other;
``autograd``, the computation graph of scalars, sits on ``linalg`` beside
them, and ``plot`` (which draws its graphs) and ``exercises`` (whose backward-rule exercises
take their answers from ``Value``) may import it.) Nothing
imports ``purenn.app.cli`` but ``purenn/__main__.py`` (and the command line's own modules), and no module takes
part in an import cycle. A module whose name starts with an underscore is
private to its package: no other package imports it. Imports inside functions count as much as those at
the top of a file, so the rule cannot be dodged by a late import.
"""

import ast
import pathlib
from typing import Dict, FrozenSet, List, Set, Tuple

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "purenn"

FOUNDATION = frozenset({"errors", "_version", "checks", "text", "lazy"})

ALLOWED: Dict[str, FrozenSet[str]] = {
    "errors": frozenset(),
    "_version": frozenset(),
    "text": frozenset(),
    "lazy": frozenset(),
    "checks": frozenset({"errors", "text"}),
    "linalg": FOUNDATION,
    "nn": FOUNDATION | {"linalg"},
    "data": FOUNDATION | {"linalg"},
    "plot": FOUNDATION | {"linalg", "nn", "data", "autograd"},
    "app": FOUNDATION | {"linalg", "nn", "data", "plot", "exercises"},
    "autograd": FOUNDATION | {"linalg"},
    "exercises": FOUNDATION | {"linalg", "nn", "autograd"},
}
"""The layers each layer may import, besides its own."""

TOP: FrozenSet[str] = FOUNDATION | {"linalg", "nn", "data"}
"""What ``purenn/__init__.py`` (the public names) may import."""


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    """``purenn.nn.mlp`` -> ``nn``; ``purenn.errors`` -> ``errors``; ``purenn`` -> ``purenn``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imported_modules(source: str, importer: str) -> List[Tuple[int, str]]:
    """Every purenn module that ``source`` imports, anywhere in the file, with its line."""
    found: List[Tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "purenn"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import: resolve it against the importer's package
                base = importer.split(".")[: -node.level] if not importer.endswith("__init__") else importer.split(".")
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "purenn":
                continue
            for alias in node.names:  # "from purenn.nn import mlp" imports purenn.nn.mlp
                candidate = f"{target}.{alias.name}"
                found.append((node.lineno, candidate if (PACKAGE.parent / candidate.replace(".", "/")).exists()
                              or (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() else target))
    return found


def violations(importer: str, imports: List[Tuple[int, str]]) -> List[str]:
    """What breaks the layer rule among ``imports`` of module ``importer``."""
    problems = []
    here = layer_of(importer)
    for line, target in imports:
        there = layer_of(target)
        inside_cli = importer == "purenn.app.cli" or importer.startswith("purenn.app.cli.")
        if target.startswith("purenn.app.cli") and importer != "purenn.__main__" and not inside_cli:
            problems.append(f"{importer} line {line} imports {target}: nothing imports the command line")
        elif importer == "purenn.__main__" or there == here:
            continue
        elif any(part.startswith("_") for part in target.split(".")[2:]):
            problems.append(f"{importer} line {line} imports {target}: a module named with an underscore is private "
                            f"to its package '{there}'; move what other layers need into a public module")
        elif importer == "purenn":
            if there not in TOP:
                problems.append(f"purenn/__init__.py line {line} imports {target}: the public names come from {sorted(TOP)}")
        elif there == "purenn" or there not in ALLOWED[here]:
            problems.append(f"{importer} line {line} imports {target}: layer '{here}' may import only {sorted(ALLOWED[here])}")
    return problems


def all_modules() -> Dict[str, List[Tuple[int, str]]]:
    return {
        module_name(path): imported_modules(path.read_text(encoding="utf-8"), module_name(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_folder_is_a_known_layer() -> None:
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders == set(ALLOWED) - FOUNDATION
    for folder in folders:
        assert (PACKAGE / folder / "__init__.py").read_text(encoding="utf-8").startswith('"""'), folder


def test_each_layer_imports_only_the_layers_below_it() -> None:
    modules = all_modules()
    assert len(modules) >= 25, sorted(modules)
    problems = [problem for importer, imports in modules.items() for problem in violations(importer, imports)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "importer, source",
    [
        ("purenn.linalg.matrix", "from purenn.nn.activations import sigmoid"),
        ("purenn.nn.training", "def f():\n    from purenn.plot.text import line_chart"),
        ("purenn.nn.mlp", "import purenn.data.datasets"),
        ("purenn.data.datasets", "from purenn.nn import mlp"),
        ("purenn.app.pipeline", "from purenn.app import cli"),
        ("purenn.plot.text", "from purenn.app.modelfile import save_model"),
        ("purenn", "from purenn.app.pipeline import TrainConfig"),
        ("purenn.errors", "from purenn.linalg.vector import Vector"),
        ("purenn.linalg.vector", "from purenn import Matrix"),
        ("purenn.nn.mlp", "from purenn.linalg._checks import as_entry"),
        ("purenn.plot.text", "from purenn.linalg import _checks"),
        ("purenn.text", "from purenn.checks import as_number"),
        ("purenn.nn.mlp", "from purenn.autograd.value import Value"),
        ("purenn.autograd.nn", "from purenn.nn.activations import sigmoid"),
        ("purenn.autograd.value", "def f():\n    from purenn.plot.graph import graph_figure"),
        ("purenn.nn.network", "from purenn.exercises import check"),
        ("purenn.exercises.catalogue", "from purenn.data.datasets import load"),
        ("purenn.exercises.checking", "from purenn.app.messages import say"),
    ],
)
def test_a_forbidden_import_is_caught(importer: str, source: str) -> None:
    assert violations(importer, imported_modules(source, importer))


def test_there_are_no_import_cycles() -> None:
    graph: Dict[str, Set[str]] = {}
    for importer, imports in all_modules().items():
        graph[importer] = {target for _, target in imports if target != importer}
    state: Dict[str, int] = {}  # 1 = on the current path, 2 = finished
    cycles: List[str] = []

    def visit(module: str, path: List[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            # a package's __init__ importing its own modules is how packages work, not a cycle
            if module == "purenn" or target == module.rsplit(".", 1)[0]:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join(path + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)
