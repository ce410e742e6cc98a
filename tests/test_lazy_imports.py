"""purenn, purenn.linalg, purenn.nn and purenn.plot import each public name on first use (PEP 562).

Each of these packages lists its names twice: as imports under ``TYPE_CHECKING``
(what type checkers and the layer test read) and as the table ``_LAZY`` (what
Python uses). These tests hold that the two say the same, that every name
arrives as the very object its module defines, and that the main job loads
none of the modules it does not use.
"""

import ast
import importlib
import pathlib
import subprocess
import sys
from typing import Dict, List

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ["purenn", "purenn.linalg", "purenn.nn", "purenn.plot"]


def checked_imports(package: str) -> Dict[str, str]:
    """name -> module, from the imports under ``if TYPE_CHECKING:`` in the package's __init__.py."""
    path = ROOT.joinpath(*package.split(".")) / "__init__.py"
    found: Dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom) and statement.module, ast.dump(statement)
                found.update({alias.name: statement.module for alias in statement.names})
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_the_table_says_what_the_imports_say(package: str) -> None:
    module = importlib.import_module(package)
    table = getattr(module, "_LAZY")
    assert table == checked_imports(package)
    assert set(module.__all__) - set(table) <= {"__version__", "DataError", "PurennError", "ShapeError",
                                                 "SingularMatrixError", "TrainingDiverged"}
    for name, home in table.items():
        assert getattr(module, name) is getattr(importlib.import_module(home), name), (package, name)
        assert name in dir(module)


def test_an_unknown_name_is_an_attribute_error() -> None:
    import purenn
    with pytest.raises(AttributeError, match="module 'purenn' has no attribute 'Matrx'"):
        purenn.Matrx  # noqa: B018  (a typo a learner makes)
    with pytest.raises(ImportError):
        exec("from purenn.linalg import Matrx", {})


def loaded(code: str) -> List[str]:
    """The purenn modules a fresh interpreter has loaded after running ``code``."""
    script = code + "\nimport sys\nprint(' '.join(sorted(m for m in sys.modules if m.startswith('purenn'))))"
    done = subprocess.run([sys.executable, "-c", script], stdout=subprocess.PIPE, universal_newlines=True,
                          check=True, cwd=str(ROOT))
    return done.stdout.splitlines()[-1].split()


@pytest.mark.skipif(sys.version_info < (3, 7), reason="Python 3.6 has no module __getattr__: every name is imported")
def test_the_main_job_loads_only_what_it_uses() -> None:
    assert loaded("import purenn") == ["purenn", "purenn._version", "purenn.errors", "purenn.lazy"]
    modules = loaded("import contextlib, io\nfrom purenn.app.cli import main\n"
                     "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--epochs', '1', '--quiet'])")
    assert "purenn.nn.network" in modules and "purenn.plot.progress" in modules
    for unused in ["purenn.plot.loss", "purenn.linalg.elimination", "purenn.linalg.characteristic", "purenn.nn.gradcheck", "purenn.plot.graph",
                   "purenn.autograd", "purenn.exercises", "purenn.app.cli.train"]:
        assert unused not in modules


@pytest.mark.skipif(sys.version_info >= (3, 7), reason="from Python 3.7 on, each name is imported on first use")
def test_every_name_is_imported_at_once_on_python_3_6() -> None:
    modules = loaded("import purenn")
    assert "purenn.nn.mlp" in modules and "purenn.linalg.elimination" in modules and "purenn.plot.graph" not in modules
