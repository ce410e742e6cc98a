"""Rules of the house that a reader of purenn/ relies on, checked on every module.

- A function fits on a screen: at most ``LONGEST`` lines of code (its docstring
  not counted), unless a comment directly above it says why it is longer.
- A module's imports from purenn are grouped by layer, bottom first (errors,
  linalg, nn, data, plot, ..., app), so that where a reader starts, the
  architecture is visible.
- No line of code is longer than ``WIDEST`` characters.
"""

import ast
import pathlib
import sys
from typing import List, Optional, Tuple

import pytest

pytestmark = pytest.mark.skipif(sys.version_info < (3, 8), reason="ast gives end_lineno from Python 3.8 on")

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "purenn").rglob("*.py"))

LONGEST = 60
"""The most lines of code a function may have without a reason written above it."""

REASON = "# Long because"
"""How a comment directly above a longer function starts."""

WIDEST = 120
"""The widest line, in characters."""

LAYERS = ("errors", "_version", "checks", "text", "lazy", "linalg", "nn", "autograd", "data", "plot", "exercises", "app")
"""purenn's modules and packages from the bottom up, as purenn/__init__.py lists them (tests/test_layers.py holds the rule)."""


def _name(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT))


def _code_lines(function: ast.AST) -> int:
    """The lines from the function's first statement after its docstring to its end."""
    body = getattr(function, "body")
    first = body[0]
    if isinstance(first, ast.Expr) and isinstance(getattr(first.value, "value", None), str):
        if len(body) == 1:
            return 0
        first = body[1]
    end: int = getattr(function, "end_lineno")
    return end - first.lineno + 1


def _reason_above(lines: List[str], function: ast.AST) -> bool:
    decorators = getattr(function, "decorator_list")
    top: int = min([getattr(function, "lineno")] + [d.lineno for d in decorators])
    above = lines[top - 2].strip() if top >= 2 else ""
    while above.startswith("#"):
        if above.startswith(REASON):
            return True
        top -= 1
        above = lines[top - 2].strip() if top >= 2 else ""
    return False


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_every_function_fits_on_a_screen_or_says_why_not(path: pathlib.Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = _code_lines(node)
            assert length <= LONGEST or _reason_above(lines, node), (
                f"{_name(path)}:{node.lineno}: {node.name} has {length} lines of code (at most {LONGEST}): "
                f"split it into named steps, or say why not in a comment above it starting {REASON!r}"
            )


def _layer(module: str) -> Optional[int]:
    """The layer index of a purenn module's name (purenn.nn.mlp -> nn), None outside purenn."""
    parts = module.split(".")
    if parts[0] != "purenn" or len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def _top_level_purenn_imports(tree: ast.Module) -> List[Tuple[int, str]]:
    found = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, module) for line, module in found if _layer(module) is not None]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_imports_from_purenn_are_grouped_by_layer_bottom_first(path: pathlib.Path) -> None:
    imports = _top_level_purenn_imports(ast.parse(path.read_text(encoding="utf-8")))
    layers = [_layer(module) for _, module in imports]
    for (line, module), before, after in zip(imports[1:], layers, layers[1:]):
        assert before is not None and after is not None and before <= after, (
            f"{_name(path)}:{line}: {module} (layer {LAYERS[after or 0]}) comes after an import from layer "
            f"{LAYERS[before or 0]}: group purenn's imports by layer, in the order {', '.join(LAYERS)}"
        )


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_line_is_wider_than_the_house_allows(path: pathlib.Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert len(line) <= WIDEST, f"{_name(path)}:{number} is {len(line)} characters wide (at most {WIDEST})"


def test_the_checks_catch_what_they_are_for(tmp_path: pathlib.Path) -> None:
    long_body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST + 1))
    tree = ast.parse(f"def f():\n    '''doc'''\n{long_body}\n")
    function = tree.body[0]
    assert _code_lines(function) == LONGEST + 1
    lines = ["# Long because the table is one.", "def f():"]
    assert _reason_above(lines, ast.parse("\n" + "def f():\n    pass\n").body[0])
    assert not _reason_above(["x = 1", "def f():"], ast.parse("\ndef f():\n    pass\n").body[0])
    upside_down = ast.parse("from purenn.nn.mlp import MLP\nfrom purenn.linalg.matrix import Matrix\n")
    layers = [_layer(module) for _, module in _top_level_purenn_imports(upside_down)]
    assert layers == [LAYERS.index("nn"), LAYERS.index("linalg")]
