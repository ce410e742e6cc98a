"""A package's public names, each imported from its module the first time it is used.

``import purenn`` then costs only what is used: the main job, ``python -m
purenn``, does not wait for the linear-algebra course or the figures, which
it never touches. A package lists its names twice: as ordinary imports under
``if TYPE_CHECKING:`` (what a reader, a type checker and the layer test
read) and as a table of name and module (what Python reads); a test holds
that the two agree. Python asks a module's ``__getattr__`` for a name it
does not have (PEP 562); Python 3.6 has no such hook, so there every name is
imported at once.

>>> namespace = {}
>>> __getattr__, __dir__ = on_first_use("example", {"counted": "purenn.text"}, namespace)
>>> __getattr__("counted")(3, "row")
'3 rows'
>>> list(namespace)  # kept, so Python finds it at once the next time
['counted']
>>> __getattr__("Counted")
Traceback (most recent call last):
    ...
AttributeError: module 'example' has no attribute 'Counted'
"""

import importlib
import sys
from typing import Callable, Dict, List, MutableMapping, Sequence, Tuple


def names_by_module(imports: Sequence[Tuple[str, str]]) -> Dict[str, str]:
    """Each name of ``(module, "name name ...")`` pairs, with its module: the imports as a table.

    >>> names_by_module([("purenn.text", "counted number")])
    {'counted': 'purenn.text', 'number': 'purenn.text'}
    """
    return {name: module for module, names in imports for name in names.split()}


def on_first_use(
    package: str, table: Dict[str, str], namespace: MutableMapping[str, object]
) -> Tuple[Callable[[str], object], Callable[[], List[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose module globals are ``namespace``.

    On Python 3.6 every name of ``table`` is imported into ``namespace`` now.
    """

    def __getattr__(name: str) -> object:
        """The public name ``name`` of the package, imported from its module now."""
        if name not in table:
            raise AttributeError("module %r has no attribute %r" % (package, name))
        try:
            module = importlib.import_module(table[name])
        except AttributeError as error:  # raised while importing: not "no such name", which Python would read it as
            raise ImportError("importing %s for %s.%s failed: %s" % (table[name], package, name, error)) from error
        value: object = getattr(module, name)
        namespace[name] = value  # from now on found at once, as an imported name is
        return value

    def __dir__() -> List[str]:
        """The package's names, those not imported yet included."""
        return sorted(set(namespace) | set(table))

    if sys.version_info < (3, 7):  # no module __getattr__ before Python 3.7: import every name now
        for name in table:
            __getattr__(name)
    return __getattr__, __dir__
