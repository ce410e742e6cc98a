"""purenn runs on CPython 3.6: a scan of the sources for anything newer, run on every interpreter.

The rule is in CONTRIBUTING.md ("What purenn may use from Python"): the
package, the examples and the tests use only what CPython 3.6 has at run
time. Newer typing names may appear under ``if TYPE_CHECKING:`` (and in
quoted annotations), since only the type checker reads those.

``.ci/run`` runs the whole suite on 3.6 and 3.7 as well, which is the real
proof; this scan is the quick one, on whatever Python runs the tests, and it
names the line and the version that first has the name. It cannot see
everything (``d1 | d2`` on dicts, ``reversed(a_dict)``): those only the 3.6
run finds.
"""

import ast
import io
import pathlib
import sys
import tokenize
from typing import Dict, List, Optional, Set, Tuple, Union

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

SCANNED = ("purenn", "examples", "tests")
"""What must run on CPython 3.6: the package, the examples and the tests."""

NEWER_MODULES: Dict[str, str] = {
    "dataclasses": "3.7",
    "contextvars": "3.7",
    "importlib.resources": "3.7",
    "importlib.metadata": "3.8",
    "zoneinfo": "3.9",
    "graphlib": "3.9",
    "tomllib": "3.11",
}
"""Standard-library modules CPython 3.6 does not have, with the version that added each."""

NEWER_NAMES: Dict[Tuple[str, str], str] = {
    **{("typing", name): "3.7" for name in ("ForwardRef", "OrderedDict")},
    **{("typing", name): "3.8" for name in (
        "Protocol", "Literal", "Final", "final", "TypedDict", "runtime_checkable", "get_origin", "get_args",
        "SupportsIndex",
    )},
    ("typing", "Annotated"): "3.9",
    **{("typing", name): "3.10" for name in ("ParamSpec", "Concatenate", "TypeAlias", "TypeGuard", "is_typeddict")},
    **{("typing", name): "3.11" for name in (
        "Self", "Never", "LiteralString", "Required", "NotRequired", "assert_never", "assert_type", "reveal_type",
        "Unpack", "TypeVarTuple", "dataclass_transform",
    )},
    ("typing", "override"): "3.12",
    **{("typing", name): "3.13" for name in ("TypeIs", "ReadOnly")},
    ("math", "remainder"): "3.7",
    **{("math", name): "3.8" for name in ("prod", "isqrt", "comb", "perm", "dist")},
    **{("math", name): "3.9" for name in ("lcm", "nextafter", "ulp")},
    **{("math", name): "3.11" for name in ("cbrt", "exp2")},
    ("math", "sumprod"): "3.12",
    ("math", "fma"): "3.13",
    **{("statistics", name): "3.8" for name in ("fmean", "geometric_mean", "quantiles", "multimode", "NormalDist")},
    **{("statistics", name): "3.10" for name in ("correlation", "covariance", "linear_regression")},
    **{("functools", name): "3.8" for name in ("cached_property", "singledispatchmethod")},
    ("functools", "cache"): "3.9",
    **{("contextlib", name): "3.7" for name in ("nullcontext", "asynccontextmanager")},
    ("contextlib", "chdir"): "3.11",
    ("itertools", "pairwise"): "3.10",
    ("itertools", "batched"): "3.12",
    **{("time", name): "3.7" for name in ("time_ns", "perf_counter_ns", "monotonic_ns", "process_time_ns")},
    **{("re", name): "3.7" for name in ("Pattern", "Match")},
    ("shlex", "join"): "3.8",
    ("random", "randbytes"): "3.9",
    ("sys", "stdlib_module_names"): "3.10",
    **{("ast", name): "3.8" for name in ("get_source_segment",)},
    ("ast", "unparse"): "3.9",
    **{("importlib", name): version for (name, version) in (("resources", "3.7"), ("metadata", "3.8"))},
}
"""Names inside standard-library modules that CPython 3.6 lacks: (module, name) -> version."""

NEWER_METHODS: Dict[str, str] = {
    "isascii": "3.7",
    "reconfigure": "3.7",
    "fromisoformat": "3.7",
    "removeprefix": "3.9",
    "removesuffix": "3.9",
    "bit_count": "3.10",
}
"""Methods of built-in types that CPython 3.6 lacks (``text.removeprefix(...)``)."""

BUILTIN_GENERICS = frozenset({"list", "dict", "tuple", "set", "frozenset", "type"})
"""``list[int]`` works at run time from 3.9 on; before, it is ``typing.List[int]``."""


class _Scan(ast.NodeVisitor):
    """Walks one module's tree, collecting (line, problem) for everything newer than 3.6."""

    def __init__(self) -> None:
        self.found: List[Tuple[int, str]] = []
        self.aliases: Dict[str, str] = {}  # local name -> module, for "import typing as t"
        self.gate = (3, 6)  # inside ``if sys.version_info >= (3, 12):``, what 3.12 has is fine
        self.checked: Set[str] = set()  # inside ``if hasattr(stream, "reconfigure"):``, that name is fine

    def report(self, node: ast.AST, what: str, version: str) -> None:
        if tuple(int(part) for part in version.split(".")) > self.gate:
            self.found.append((getattr(node, "lineno", 0), f"{what} needs Python {version}"))

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        # ``if TYPE_CHECKING:`` holds what only the type checker reads: skip its body, keep its else.
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            for statement in node.orelse:
                self.visit(statement)
            return
        self.visit(test)
        outer_gate, outer_checked = self.gate, self.checked
        self.gate = max(self.gate, _version_gate(test) or self.gate)
        self.checked = self.checked | _checked_names(test)
        for statement in node.body:
            self.visit(statement)
        self.gate, self.checked = outer_gate, outer_checked
        for statement in node.orelse:
            self.visit(statement)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.aliases[alias.asname or alias.name] = alias.name
            self._module(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0:
            self._module(node, module)
            for alias in node.names:
                if module == "__future__" and alias.name == "annotations":
                    self.report(node, "from __future__ import annotations", "3.7")
                self._name(node, module, alias.name)

    def _module(self, node: ast.AST, module: str) -> None:
        for name, version in NEWER_MODULES.items():
            if module == name or module.startswith(name + "."):
                self.report(node, f"the module {name}", version)

    def _name(self, node: ast.AST, module: str, name: str) -> None:
        version = NEWER_NAMES.get((module, name))
        if version is not None and name not in self.checked:
            self.report(node, f"{module}.{name}", version)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id in self.aliases:
            self._name(node, self.aliases[node.value.id], node.attr)
        if node.attr in NEWER_METHODS and node.attr not in self.checked:
            self.report(node, f".{node.attr}()", NEWER_METHODS[node.attr])
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        keywords = {keyword.arg for keyword in node.keywords}
        function = node.func
        if "capture_output" in keywords:
            self.report(node, "capture_output= (write stdout=subprocess.PIPE, stderr=subprocess.PIPE)", "3.7")
        if "text" in keywords and isinstance(function, ast.Attribute) and _dotted(function).startswith("subprocess."):
            self.report(node, "subprocess's text= (write universal_newlines=True)", "3.7")
        if isinstance(function, ast.Name) and function.id == "zip" and "strict" in keywords:
            self.report(node, "zip(strict=...)", "3.10")
        if isinstance(function, ast.Name) and function.id == "breakpoint":
            self.report(node, "breakpoint()", "3.7")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _function(self, node: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> None:
        if getattr(node.args, "posonlyargs", None):
            self.report(node, "a positional-only parameter (/)", "3.8")
        for decorator in node.decorator_list:
            if isinstance(decorator, (ast.Name, ast.Attribute)) and _dotted(decorator).endswith("lru_cache"):
                self.report(decorator, "@lru_cache without parentheses", "3.8")
        arguments = node.args.args + node.args.kwonlyargs + getattr(node.args, "posonlyargs", [])
        arguments += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
        for annotation in [a.annotation for a in arguments] + [node.returns]:
            self._annotation(annotation)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._annotation(node.annotation)
        self.generic_visit(node)

    def _annotation(self, annotation: Optional[ast.expr]) -> None:
        """A run-time annotation: ``int | None`` needs 3.10 (``list[int]`` is caught everywhere)."""
        if annotation is None:
            return
        for node in ast.walk(annotation):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
                self.report(node, "X | Y in an annotation (write Union[X, Y] or Optional[X])", "3.10")

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Name) and node.value.id in BUILTIN_GENERICS:
            self.report(node, f"{node.value.id}[...] (write typing.{node.value.id.capitalize()}[...])", "3.9")
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        newer = {"NamedExpr": ("the walrus operator :=", "3.8"), "Match": ("match", "3.10"),
                 "TryStar": ("except*", "3.11"), "TypeAlias": ("the type statement", "3.12")}
        name = type(node).__name__
        if name in newer:
            self.report(node, *newer[name])
        super().generic_visit(node)


def _version_gate(test: ast.expr) -> Optional[Tuple[int, int]]:
    """(3, 12) for the test ``sys.version_info >= (3, 12)``; None for any other test."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.GtE)):
        return None
    if _dotted(test.left) != "sys.version_info" or not isinstance(test.comparators[0], ast.Tuple):
        return None
    try:
        major, minor = (ast.literal_eval(part) for part in test.comparators[0].elts[:2])
    except ValueError:
        return None
    return (major, minor) if isinstance(major, int) and isinstance(minor, int) else None


def _checked_names(test: ast.expr) -> Set[str]:
    """The names a test makes sure of: {"reconfigure"} for ``hasattr(stream, "reconfigure")``."""
    names = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "hasattr":
            if len(node.args) == 2:
                try:
                    name = ast.literal_eval(node.args[1])
                except ValueError:
                    continue
                if isinstance(name, str):
                    names.add(name)
    return names


def _dotted(node: ast.expr) -> str:
    """``subprocess.run`` for the Attribute node of that expression; "" for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _self_documenting_fstrings(source: str) -> List[int]:
    """Lines with ``f"{x=}"`` (3.8), which the tree cannot tell from ``f"x={x!r}"``."""
    if sys.version_info < (3, 8):
        return []  # such a file does not even compile here
    if sys.version_info < (3, 12):
        try:
            ast.parse(source, feature_version=(3, 6))
        except SyntaxError as error:
            return [error.lineno or 0] if "self documenting" in str(error.msg) else []
        return []
    # From 3.12 an f-string's fields are tokens: "=" right before "}", "!" or ":" is the self-documenting kind.
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type != tokenize.NL]
    depth, lines = 0, []
    for token, following in zip(tokens, tokens[1:]):
        depth += {"FSTRING_START": 1, "FSTRING_END": -1}.get(tokenize.tok_name[token.type], 0)
        if depth and token.string == "=" and token.type == tokenize.OP and following.string in ("}", "!", ":"):
            lines.append(token.start[0])
    return lines


def newer_than_36(source: str) -> List[Tuple[int, str]]:
    """Every use in ``source`` of something CPython 3.6 lacks at run time, as (line, problem)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [(error.lineno or 0, f"a syntax error here: {error.msg}")]
    scan = _Scan()
    scan.visit(tree)
    scan.found += [(line, 'f"{x=}" (write f"x={x!r}") needs Python 3.8') for line in _self_documenting_fstrings(source)]
    return sorted(scan.found)


def sources() -> List[pathlib.Path]:
    return sorted(path for folder in SCANNED for path in (ROOT / folder).rglob("*.py"))


def test_every_source_runs_on_python_36() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {problem}"
        for path in sources()
        for line, problem in newer_than_36(path.read_text(encoding="utf-8"))
    ]
    assert problems == [], "newer than CPython 3.6 (see CONTRIBUTING.md):\n" + "\n".join(problems)


def test_the_scan_reads_every_folder() -> None:
    scanned: Set[str] = {path.relative_to(ROOT).parts[0] for path in sources()}
    assert scanned == set(SCANNED)
    assert ROOT / "purenn" / "nn" / "mlp.py" in sources()


CAUGHT = [
    ("from dataclasses import dataclass", 1, "the module dataclasses needs Python 3.7"),
    ("import dataclasses", 1, "the module dataclasses needs Python 3.7"),
    ("from typing import List, Protocol", 1, "typing.Protocol needs Python 3.8"),
    ("import typing\nMode = typing.Literal['a', 'b']", 2, "typing.Literal needs Python 3.8"),
    ("import typing as t\nX: t.Final = 1", 2, "typing.Final needs Python 3.8"),
    ("from typing import TYPE_CHECKING, TypedDict\nif TYPE_CHECKING:\n    pass", 1, "typing.TypedDict needs Python 3.8"),
    ("from __future__ import annotations", 1, "from __future__ import annotations needs Python 3.7"),
    ("import math\nn = math.prod([2, 3])", 2, "math.prod needs Python 3.8"),
    ("import math, sys\nif sys.version_info >= (3, 8):\n    n = math.sumprod", 3, "math.sumprod needs Python 3.12"),
    ("from math import isqrt", 1, "math.isqrt needs Python 3.8"),
    ("name = 'test_x'.removeprefix('test_')", 1, ".removeprefix() needs Python 3.9"),
    ("ok = 'abc'.isascii()", 1, ".isascii() needs Python 3.7"),
    ("import sys\nif hasattr(sys.stdout, 'write'):\n    sys.stdout.reconfigure(errors='replace')", 3,
     ".reconfigure() needs Python 3.7"),
    ("from contextlib import nullcontext", 1, "contextlib.nullcontext needs Python 3.7"),
    ("import subprocess\nsubprocess.run(['ls'], capture_output=True)", 2,
     "capture_output= (write stdout=subprocess.PIPE, stderr=subprocess.PIPE) needs Python 3.7"),
    ("import subprocess\nsubprocess.run(['ls'], text=True)", 2,
     "subprocess's text= (write universal_newlines=True) needs Python 3.7"),
    ("if (n := 10) > 5:\n    pass", 1, "the walrus operator := needs Python 3.8"),
    ("def f(a, /, b):\n    pass", 1, "a positional-only parameter (/) needs Python 3.8"),
    ("def f(a: list[int]) -> None:\n    pass", 1, "list[...] (write typing.List[...]) needs Python 3.9"),
    ("def f(a: int | None) -> None:\n    pass", 1,
     "X | Y in an annotation (write Union[X, Y] or Optional[X]) needs Python 3.10"),
    ("import functools\n@functools.lru_cache\ndef f():\n    pass", 2, "@lru_cache without parentheses needs Python 3.8"),
    ("x = 1\nprint(f'{x=}')", 2, 'f"{x=}" (write f"x={x!r}") needs Python 3.8'),
]
"""A snippet, the line of its problem, and what the scan says there."""


@pytest.mark.parametrize("source, line, problem", CAUGHT, ids=[case[2].split(" needs")[0] for case in CAUGHT])
def test_the_scan_catches(source: str, line: int, problem: str) -> None:
    if sys.version_info < (3, 8) and ("/" in source or ":=" in source or "{x=}" in source):
        pytest.skip("this Python cannot parse the 3.8 syntax at all, which is the point")
    assert newer_than_36(source) == [(line, problem)]


ALLOWED = [
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from typing import Protocol\n    class P(Protocol): ...",
    "import typing\nif typing.TYPE_CHECKING:\n    from typing import Literal\n    Mode = Literal['a']",
    "def f(mode: 'Literal[\"a\", \"b\"]') -> 'list[int]':\n    pass",
    "from typing import List, NamedTuple\nclass P(NamedTuple):\n    x: int = 0\nP(1)._replace(x=2)",
    "import math\nmath.floor(2.5)\n'text'.replace('t', 'T')",
    "import math, sys\nif sys.version_info >= (3, 12):\n    dot = math.sumprod\nelse:\n    dot = None",
    "import sys\nif hasattr(sys.stdout, 'reconfigure'):\n    sys.stdout.reconfigure(errors='replace')",
    "import subprocess\nsubprocess.run(['ls'], stdout=subprocess.PIPE, universal_newlines=True)",
    "x = 1\nprint(f'x={x!r}', f'{x:=^10}', f'{x!r:=>4}', x == 1, {'a': 1}['a'])",
    "import functools\n@functools.lru_cache(maxsize=None)\ndef f():\n    pass",
]


@pytest.mark.parametrize("source", ALLOWED)
def test_the_scan_allows(source: str) -> None:
    assert newer_than_36(source) == []
