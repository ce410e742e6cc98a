"""Checking a learner's whole file: run it, find the functions named after exercises, check each.

``check_file("mine.py")`` runs the file the way ``import`` would (its code
under ``if __name__ == "__main__":`` does not run), then checks every
function defined in it whose name is an exercise's name; given names, it
checks those and says which are missing. What goes wrong in the learner's
file is told in the learner's terms, with the learner's line, never as a
traceback from inside purenn:

- a syntax error: the line, the text and where on it Python stopped;
- an error raised while the file runs, or a loop at its top level that does
  not end: the line of the file;
- a name that is not a function, or a function not found: one line each,
  with the nearest exercise name when the learner's is a near miss.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "mine.py")
>>> with open(path, "w") as file:
...     _ = file.write("def dot(x, y):\\n    return sum(a * b for a, b in zip(x, y))\\n")
>>> report = check_file(path)
>>> report.passed, [result.name for result in report.results]
(True, ['dot'])
>>> print(report.summary())
1 of 1 passed: dot.
>>> with open(path, "w") as file:
...     _ = file.write("def dot(x, y)\\n    return 0\\n")
>>> print(check_file(path, ["dot"]).text())
mine.py, line 1: a syntax error (...): `def dot(x, y)`
  so nothing in it could be checked.
dot: not checked: mine.py did not run (see above).
<BLANKLINE>
0 of 1 passed; not yet: dot.
"""

import builtins
import difflib
import os
import sys
import types
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from purenn.exercises.budget import TIME_LIMIT, OutOfTime, call_within
from purenn.exercises.catalogue import EXERCISES
from purenn.exercises.checking import Result, check, find, learner_line, where_in_learner_code

__all__ = ["FileReport", "check_file", "run_file"]


class FileReport(NamedTuple):
    """What ``check_file`` found: a result per function, and why the file did not run, if it did not.

    ``problem`` is "" when the file ran; ``notes`` are remarks on names that
    are near misses of an exercise's name.
    """

    path: str
    results: List[Result]
    problem: str = ""
    notes: Tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True when the file ran and every function checked passed (and there was at least one)."""
        return not self.problem and bool(self.results) and all(result.passed for result in self.results)

    def summary(self) -> str:
        """One line: how many passed, and the names of those that did not."""
        passed = [r.name for r in self.results if r.passed]
        failed = [r.name for r in self.results if not r.passed]
        text = f"{len(passed)} of {len(self.results)} passed"
        if passed and not failed:
            return text + ": " + ", ".join(passed) + "."
        return text + "; not yet: " + ", ".join(failed) + "." if failed else text + "."

    def text(self) -> str:
        """Everything, as the ``check`` command prints it: the problem, each result, the notes, the summary."""
        blocks = []
        if self.problem:
            blocks.append("\n".join([self.problem] + [r.message for r in self.results]))
        else:
            blocks += [r.message for r in self.results]
        blocks += list(self.notes)
        if self.results:
            blocks.append(self.summary())
        return "\n\n".join(block for block in blocks if block)


def run_file(path: str, time_limit: Optional[float] = TIME_LIMIT, source: Optional[bytes] = None) -> Dict[str, object]:
    """The names the file at ``path`` (its text ``source``, if given) defines, once run as ``import`` would.

    Raises OSError when it cannot be read, SyntaxError for a syntax error,
    OutOfTime when its top level runs past ``time_limit`` seconds, and any
    error its code raises.
    """
    if source is None:
        source = _read(path)
    code = compile(source, path, "exec", dont_inherit=True)
    module = types.ModuleType("__purenn_check__")  # not "__main__": its `if __name__ == "__main__":` stays shut
    module.__file__ = path
    module.__dict__["__builtins__"] = builtins
    folder = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, folder)  # so that the file can import its neighbours, as when it is run
    try:
        call_within(exec, (code, module.__dict__), time_limit)
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
    return dict(module.__dict__)


def check_file(path: str, names: Sequence[str] = (), time_limit: Optional[float] = TIME_LIMIT) -> FileReport:
    """Run the learner's file at ``path`` and check its functions (those in ``names``, or every exercise's).

    Raises OSError when the file cannot be read, and PurennError for a name
    in ``names`` that is no exercise's.
    """
    wanted = [find(name).name for name in names]  # an unknown name: PurennError, with the nearest one
    base = os.path.basename(path)
    source = _read(path)  # an OSError here is about the file; one raised by the code in it is the learner's
    try:
        defined = run_file(path, time_limit, source)
    except SyntaxError as error:
        return _not_run(path, wanted, _syntax(base, error))
    except OutOfTime as error:
        return _not_run(path, wanted, _raised(path, error, "the file was still being loaded: is there a loop at "
                                              "its top level (or in a function it calls) that never ends?"))
    except RecursionError as error:
        return _not_run(path, wanted, _raised(path, error, "a function called at its top level calls itself "
                                              "without end, so nothing in the file could be checked."))
    except (Exception, SystemExit) as error:
        return _not_run(path, wanted, _raised(path, error, "raised while the file was loaded, so nothing in it "
                                              "could be checked."))
    ours = {name: value for name, value in defined.items() if name in EXERCISES and _from(value, path)}
    notes = [] if wanted else _near_misses(defined, path)
    results = []
    for name in wanted or [name for name in EXERCISES if name in ours]:
        value = defined.get(name)
        if value is None and name not in defined:
            results.append(Result(name, False, f"{name}: not found in {base}: define it there, as "
                                  f"def {EXERCISES[name].signature.split(' ->')[0]}:", "missing"))
        elif not callable(value):
            results.append(Result(name, False, f"{name}: in {base} it is {_kind(value)}, not a function: write "
                                  f"def {EXERCISES[name].signature.split(' ->')[0]}:", "type"))
        else:
            results.append(check(name, value, time_limit))
    if not results:
        listed = ", ".join(EXERCISES)
        notes.append(f"{base} defines no function named after an exercise ({listed}): name yours after the "
                     f"one it solves, as def dot(x, y):, or see python -m purenn exercises.")
    return FileReport(path, results, "", tuple(notes))


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _from(value: object, path: str) -> bool:
    """Whether ``value`` is a function written in the file at ``path`` (not one it imported)."""
    code = getattr(value, "__code__", None)
    filename = getattr(code, "co_filename", None)
    return isinstance(filename, str) and os.path.abspath(filename) == os.path.abspath(path)


def _near_misses(defined: Dict[str, object], path: str) -> List[str]:
    notes = []
    for name, value in defined.items():
        if name in EXERCISES or not _from(value, path):
            continue
        close = difflib.get_close_matches(name, list(EXERCISES), n=1, cutoff=0.8)
        if close:
            notes.append(f"{name}: not an exercise's name, so it was not checked: did you mean {close[0]}?")
    return notes


def _syntax(base: str, error: SyntaxError) -> str:
    line = f", line {error.lineno}" if error.lineno else ""
    text = (error.text or "").strip()
    source = f": `{text}`" if text else ""
    return f"{base}{line}: a syntax error ({error.msg}){source}\n  so nothing in it could be checked."


def _raised(path: str, error: BaseException, then: str) -> str:
    """An error raised by the code of the file at ``path``, at its line, as ``FILE, line N: Error: text``."""
    if isinstance(error, OutOfTime):
        what = str(error)  # "still running after 3 seconds"
    else:
        what = type(error).__name__ + (f": {error}" if str(error) else "")
    base = os.path.basename(path)
    found = learner_line(error.__traceback__)
    if found is None or os.path.abspath(found[0]) != os.path.abspath(path):  # raised in a file it imports
        return f"{base}: {what}{where_in_learner_code(error.__traceback__)}\n  {then}"
    _, line, source = found
    return f"{base}, line {line}: {what}" + (f" (`{source}`)" if source else "") + f"\n  {then}"


def _not_run(path: str, wanted: Sequence[str], problem: str) -> FileReport:
    base = os.path.basename(path)
    results = [Result(name, False, f"{name}: not checked: {base} did not run (see above).", "not run")
               for name in wanted]
    return FileReport(path, results, problem)


def _kind(value: object) -> str:
    name = type(value).__name__
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name
