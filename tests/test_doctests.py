"""Run the doctests of every purenn module, and fail if there are none.

The examples in the docstrings are part of the documentation a learner
reads first, so each one must be true. A collection that silently found no
examples would pass while checking nothing: the counts below prevent that.
"""

import doctest
import importlib
import pkgutil
from types import ModuleType
from typing import List

import pytest

import purenn

MODULES: List[ModuleType] = [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(purenn.__path__, prefix="purenn.")
    if info.name != "purenn.__main__"
] + [purenn]


def _examples(module: ModuleType) -> int:
    finder = doctest.DocTestFinder()
    return sum(len(test.examples) for test in finder.find(module))


def test_every_module_was_found() -> None:
    names = {module.__name__ for module in MODULES}
    assert {"purenn.linalg.matrix", "purenn.linalg.vector", "purenn.linalg.operations", "purenn.errors"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {module.__name__}"


def test_doctests_are_counted() -> None:
    total = sum(_examples(module) for module in MODULES)
    per_module = {module.__name__: _examples(module) for module in MODULES}
    assert total >= 100, f"only {total} doctest examples ran: {per_module}"
    silent = [name for name, count in per_module.items() if count == 0]
    assert not silent, f"these modules have no doctests: {silent}"
