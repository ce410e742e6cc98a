"""``check(name, function)``: run a learner's function on an exercise's cases and say what is wrong.

For each case, in order (the chosen ones first, then random ones), the
checker calls the function on copies of the arguments, within a time limit
(``budget.py``), and compares what comes back with purenn's own answer
(``values.py`` for how answers are read and compared). At the first case
that fails it stops and names the mistake:

1. an error raised, an endless loop or endless recursion, or a wrong
   signature (the function cannot take the exercise's arguments);
2. an argument changed by the function (the checker passed copies, and
   compares them afterwards);
3. something that is not an answer (None, a generator, rows of different
   lengths);
4. a wrong answer: first the exercise's own typical mistakes (the answer
   each one would give on these arguments), then the mistakes any answer can
   have: the wrong shape, the transpose, a constant factor, the sign;
5. floats where the inputs were exact and the answer had to be too.

The message says what was tried, what was expected, what came back, the
diagnosis, and which equation and notebook section to reread.

>>> def dot(x, y):
...     return sum(a * b for a, b in zip(x, y))
>>> check("dot", dot).passed
True
>>> def dot(x, y):
...     return sum(a + b for a, b in zip(x, y))
>>> result = check("dot", dot)
>>> result.passed, result.diagnosis
(False, 'plus')
>>> print(result.message.splitlines()[0])
dot: not yet (case 1 of 7). This adds matching entries, Σ (xₖ + yₖ).
>>> def dot(x, y):
...     return sum(a * b for a, b in zip(x, y[1:]))
>>> print(check("dot", dot).message.splitlines()[0])
dot: not yet (case 1 of 7). Not the right value, and not one of the mistakes the checker knows.
"""

import copy
import difflib
import html
import inspect
import linecache
import math
import os
import re
import traceback
from types import TracebackType
from typing import Callable, List, Optional, Sequence, Tuple, Union, overload

from purenn.errors import PurennError
from purenn.exercises.budget import TIME_LIMIT, OutOfTime, call_within
from purenn.exercises.exercise import Case, Exercise, Lesson, Task, reread
from purenn.exercises.values import (
    NotAnAnswer, Number, Shaped, agree, first_difference, is_exact, read, show, transposed,
)

__all__ = ["Result", "check", "learner_line", "where_in_learner_code"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_PURENN = os.path.dirname(_HERE)


class Result:
    """What ``check`` found: ``passed``, the ``message`` to read, and the ``diagnosis`` tag.

    ``diagnosis`` is "" when the function passed, else a short name of the
    mistake ("transpose", "1/N", "sign", "shape", "mutated", ...), the same
    word the message explains.
    """

    __slots__ = ("name", "passed", "message", "diagnosis")

    def __init__(self, name: str, passed: bool, message: str, diagnosis: str = "") -> None:
        self.name = name
        self.passed = passed
        self.message = message
        self.diagnosis = diagnosis

    def __repr__(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.message

    @property
    def headline(self) -> str:
        """The first line of the message: the name and the verdict."""
        return self.message.splitlines()[0]

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#b35900"
        head, _, rest = self.message.partition("\n")
        return (f'<div><b style="color:{colour}">{html.escape(head)}</b>'
                + (f"<pre>{html.escape(rest)}</pre>" if rest else "") + "</div>")


@overload
def check(name: str) -> Task: ...


@overload
def check(name: str, function: Callable[..., object], time_limit: Optional[float] = TIME_LIMIT) -> Result: ...


def check(name: str, function: Optional[Callable[..., object]] = None,
          time_limit: Optional[float] = TIME_LIMIT) -> Union[Task, Result]:
    """Check ``function`` against exercise ``name``; without a function, the task itself.

    ``time_limit``: seconds one call may run before it counts as an endless
    loop (None: no limit). Raises PurennError for an unknown name, TypeError
    for a function that is not callable.

    >>> print(check("transpose").text().splitlines()[0])
    Exercise transpose: the transpose Aᵀ: rows become columns
    >>> check("transpos")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: no exercise is called 'transpos': did you mean 'transpose'? python -m purenn ...
    """
    exercise = find(name)
    if function is None:
        return Task(exercise)
    if not callable(function):
        raise TypeError(f"check takes the function itself as its second argument, as in "
                        f"check({name!r}, {name}), got {function!r}")
    cases = exercise.all_cases()
    problem = _signature_problem(exercise, function)
    if problem:
        return Result(name, False, f"{name}: not yet. {problem}", "signature")
    for number, case in enumerate(cases, 1):
        failure = _try(exercise, function, case, time_limit)
        if failure is not None:
            return _failed(exercise, number, len(cases), case, failure)
    chosen = len(exercise.cases)
    random_ = len(cases) - chosen
    return Result(name, True, f"{name}: passed all {len(cases)} cases ({chosen} chosen to catch mistakes, "
                  f"{random_} random).")


def find(name: str) -> Exercise:
    """The exercise called ``name``, or PurennError naming the nearest ones."""
    from purenn.exercises.catalogue import EXERCISES  # the catalogue uses check's records, not check itself

    if not isinstance(name, str):
        raise TypeError(f"an exercise is named by a string, such as 'matmul', got {name!r}")
    if name not in EXERCISES:
        close = difflib.get_close_matches(name, list(EXERCISES), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise PurennError(f"no exercise is called {name!r}: {hint}python -m purenn exercises lists them all")
    return EXERCISES[name]


# ------------------------------------------------------------- one case


class _Failure:
    """Why a case failed: the tag, what to say, and, for a wrong answer, both answers."""

    __slots__ = ("tag", "says", "expected", "got", "equations", "lessons", "part", "right")

    def __init__(self, tag: str, says: str, expected: str = "", got: str = "",
                 equations: Tuple[int, ...] = (), lessons: Tuple[Lesson, ...] = ()) -> None:
        self.tag, self.says, self.expected, self.got = tag, says, expected, got
        self.equations, self.lessons = equations, lessons
        self.part = ""  # for an answer of several parts, the first one that is wrong
        self.right = ""  # and the ones that are right


def _try(exercise: Exercise, function: Callable[..., object], case: Case,
         time_limit: Optional[float]) -> Optional[_Failure]:
    """None when ``function`` passes ``case``, else why not."""
    args = copy.deepcopy(case.args)
    try:
        got = call_within(function, args, time_limit)
    except OutOfTime:
        return _Failure("endless", f"It was still running after {time_limit:g} seconds: is there a loop that "
                        f"never ends (a while loop whose condition never changes)? Each case here is small "
                        f"enough to take well under a second.")
    except RecursionError:
        return _Failure("recursion", "Endless recursion: the function calls itself (or another that calls it "
                        "back) without end, until Python gives up with a RecursionError.")
    except Exception as error:  # the learner's error, reported with the learner's line
        if case.raises is not None and isinstance(error, case.raises):
            return _changed(exercise, case, args)
        return _raised(exercise, case, error)
    except SystemExit:
        return _Failure("error", "It called exit() (or sys.exit()): return the answer instead.")
    changed = _changed(exercise, case, args)
    if changed is not None:
        return changed
    if case.raises is not None:
        return _Failure("singular", f"No {case.raises.__name__} was raised: {case.about}.", got=_show_any(got))
    expected_answer = exercise.reference(*copy.deepcopy(case.args))
    return _compare(exercise, case, got, expected_answer)


def _changed(exercise: Exercise, case: Case, args: Sequence[object]) -> Optional[_Failure]:
    """A failure naming the first argument the learner's function changed, if any."""
    for name, before, after in zip(exercise.params, case.args, args):
        if before != after:
            where = ""
            if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
                for i, (b, a) in enumerate(zip(before, after)):
                    if b != a:
                        where = f" (entry {i} was {b!r} before the call and {a!r} after it)"
                        break
            return _Failure("mutated", f"It changed its argument {name}{where}. The checker gave it a copy, so no "
                            f"harm was done here, but a caller's own list would have changed under it, as when "
                            f"the rows of one matrix are shared with another. Build a new list and return it, "
                            f"as purenn's Matrix does: it never changes after it is made.")
    return None


def _raised(exercise: Exercise, case: Case, error: Exception) -> _Failure:
    """A failure for an error the learner's function raised: a known mistake if one raises it."""
    where = where_in_learner_code(error.__traceback__)
    first = f"It raised {type(error).__name__}{where}: {error}." if str(error) else \
        f"It raised {type(error).__name__}{where}."
    for diagnosis in exercise.diagnoses:
        if diagnosis.error is not None and isinstance(error, diagnosis.error):
            return _Failure(diagnosis.tag, f"{first} {diagnosis.says}", equations=diagnosis.equations,
                            lessons=diagnosis.lessons)
    if isinstance(error, OverflowError):
        return _Failure("overflow", f"{first} A number grew past the largest float (about 1.8e308): on inputs "
                        f"this large the formula has to be written so that no step overflows (not stable).")
    if isinstance(error, IndexError):
        return _Failure("index", f"{first} An index ran past the end of a list: are i and j swapped, or does a "
                        f"range run over the wrong length? Here the inputs are not square, so that each index "
                        f"has its own length.")
    return _Failure("error", first)


def where_in_learner_code(trace: Optional[TracebackType]) -> str:
    """" at line N of FILE (`source`)": the last line of the traceback outside purenn, or ""."""
    found = learner_line(trace)
    if found is None:
        return ""
    filename, line, source = found
    return f" at line {line} of {os.path.basename(filename)}" + (f" (`{source}`)" if source else "")


def learner_line(trace: Optional[TracebackType]) -> Optional[Tuple[str, int, str]]:
    """(file, line number, source line) of the last line of the traceback outside purenn, or None."""
    found = None
    for frame, line in traceback.walk_tb(trace):
        filename = frame.f_code.co_filename
        if os.path.abspath(filename).startswith(_PURENN + os.sep):
            continue
        found = (filename, line, linecache.getline(filename, line).strip())
    return found


# ------------------------------------------------------------ comparing


def _compare(exercise: Exercise, case: Case, got: object, expected_answer: object) -> Optional[_Failure]:
    """None when ``got`` is the answer; else the diagnosis of the first part that is wrong."""
    expected = _parts(exercise, expected_answer, "purenn's reference")
    try:
        answers = _parts(exercise, got, "it")
    except NotAnAnswer as problem:
        return _Failure(problem.tag, _sentence(str(problem)), _show_parts(exercise, expected, True),
                        _show_any(got))
    if len(answers) != len(expected):
        try:
            whole = read(got).shape
        except NotAnAnswer:
            whole = ()
        what = f"one {'matrix' if len(whole) == 2 else 'vector'} of shape {whole}" if whole else \
            f"{len(answers)} values"
        return _Failure("shape", f"It returned {what}, and {exercise.name} returns {len(expected)} values: "
                        f"{exercise.returns}.", _show_parts(exercise, expected, True), _show_any(got))
    size = exercise.size(*case.args) if exercise.size is not None else 0.0
    wrong = [k for k, (mine, right) in enumerate(zip(answers, expected))
             if mine.shape != right.shape or first_difference(mine, right, size) is not None]
    if wrong:
        k = wrong[0]
        part = exercise.parts[k] if exercise.parts else ""
        failure = _diagnose(exercise, case, k, part, answers[k], expected[k], size)
        failure.expected, failure.got = _show_part(part, expected[k], True), _show_part(part, answers[k])
        failure.part = part
        if exercise.parts:
            failure.right = ", ".join(exercise.parts[j] for j in range(len(exercise.parts)) if j not in wrong) or "none"
            also = [exercise.parts[j] for j in wrong[1:] if j < len(exercise.parts)]
            failure.right += "; also wrong: " + ", ".join(also) if also else ""
        return failure
    if case.exact and not all(is_exact(a) for a in answers):
        return _Failure("exact", "The values are right, but some came back as floats where the inputs were exact "
                        "(ints and Fractions), and so must the answer be: a float rounds 1/3 to "
                        "0.3333333333333333. Divide Fractions by Fractions (Fraction(a) / b), never with "
                        "float(...), and the answer stays exact.", _show_parts(exercise, expected),
                        _show_parts(exercise, answers))
    return None


def _parts(exercise: Exercise, value: object, what: str) -> List[Shaped]:
    """An answer as its parts: one for most exercises, several for forward, backward and step."""
    if not exercise.parts:
        return [read(value, what)]
    if value is None or hasattr(value, "__next__"):
        read(value, what)  # says why
    if not isinstance(value, (list, tuple)):
        raise NotAnAnswer(f"{what} returned {type(value).__name__}, where {exercise.name} returns "
                          f"{len(exercise.parts)} values: {exercise.returns}", "type")
    return [read(item, what, f"its {name}") for item, name in zip(value, exercise.parts)] + \
        [read(item, what) for item in value[len(exercise.parts):]]


def _diagnose(exercise: Exercise, case: Case, k: int, part: str, mine: Shaped, right: Shaped,
              size: float) -> _Failure:
    """Name the mistake in part ``k`` of the answer: the exercise's own first, then the general ones."""
    of = f"{part} " if part else ""
    for diagnosis in exercise.diagnoses:
        if diagnosis.answer is None:
            continue
        try:
            wrong = _parts(exercise, diagnosis.answer(*copy.deepcopy(case.args)), "a mistake")
        except Exception:  # this mistake cannot even be made on these arguments
            continue
        if k < len(wrong) and wrong[k].shape == mine.shape and first_difference(mine, wrong[k], size) is None:
            if wrong[k].shape != right.shape or first_difference(wrong[k], right, size) is not None:
                return _Failure(diagnosis.tag, diagnosis.says,
                                equations=diagnosis.equations, lessons=diagnosis.lessons)
    if mine.shape != right.shape:
        if transposed(mine).shape == right.shape and first_difference(transposed(mine), right, size) is None:
            return _Failure("transpose", f"{_cap(of)}came back as the transpose of the right answer: shape "
                            f"{mine.shape} instead of {right.shape}. Entry (i, j) belongs in row i and column j.")
        return _Failure("shape", f"{_cap(of)}came back with shape {mine.shape}, and the answer has shape "
                        f"{right.shape}.")
    if len(right.shape) == 2 and right.shape[0] == right.shape[1] and \
            first_difference(transposed(mine), right, size) is None:
        return _Failure("transpose", f"{_cap(of)}is the transpose of the right answer: the shape is right "
                        f"because it is square, but rows and columns are swapped.")
    order = _reordered(mine, right, size)
    if order:
        return _Failure("order", f"{_cap(of)}has the right {order}, but in another order: compare the {order} "
                        f"expected with those that came back.")
    factor = _common_factor(mine, right, size)
    if factor is not None and len(right.flat) == 1 and not _whole_ratio(factor):
        factor = None  # any two numbers have a ratio: for one number, only −1, N or 1/N says something
    if factor is not None and math.isclose(factor, -1.0, rel_tol=1e-9):
        return _Failure("sign", f"{_cap(of)}has the opposite sign of the right answer, entry by entry.")
    if factor is not None:
        return _Failure("1/N", f"{_cap(of)}is {_times(factor)} the right answer, entry by entry: a constant "
                        f"factor is missing or extra, such as a forgotten 1/N, or N times too big.")
    index = first_difference(mine, right, size) or ()
    first = ""
    if index:  # a vector or a matrix: where to look (a number is shown whole above)
        at = index[0] if len(index) == 1 else index
        first = (f" It first differs at index {at}: expected {show(Shaped((), (right.entry(index),)), whole=True)}, "
                 f"got {show(Shaped((), (mine.entry(index),)))}.")
    if not all(math.isfinite(float(x)) for x in mine.flat):
        return _Failure("overflow", f"{_cap(of)}has inf or nan in it: a step overflowed (not stable for inputs "
                        f"this large).{first}")
    return _Failure("value", f"Not the right value, and not one of the mistakes the checker knows.{first}")


def _reordered(mine: Shaped, right: Shaped, size: float) -> str:
    """"rows" or "columns" when ``mine`` holds the right ones in another order ("entries" for a vector)."""
    if len(right.shape) == 1:
        if right.shape[0] > 1 and _same_items([(x,) for x in mine.flat], [(x,) for x in right.flat], size):
            return "entries"
        return ""
    if len(right.shape) != 2:
        return ""
    for what, value, answer in (("rows", mine, right), ("columns", transposed(mine), transposed(right))):
        m, n = answer.shape
        if m > 1 and _same_items([value.flat[i * n:(i + 1) * n] for i in range(m)],
                                 [answer.flat[i * n:(i + 1) * n] for i in range(m)], size):
            return what
    return ""


def _same_items(mine: Sequence[Tuple[Number, ...]], right: Sequence[Tuple[Number, ...]], size: float) -> bool:
    """Whether ``mine`` is ``right`` in another order (each item a row, or an entry as a 1-tuple)."""
    scale = max([abs(float(x)) for item in right for x in item] + [size])
    left = list(mine)
    for item in right:
        match = next((k for k, other in enumerate(left)
                      if all(agree(g, e, scale) for g, e in zip(other, item))), None)
        if match is None:
            return False
        del left[match]
    return True


def _common_factor(mine: Shaped, right: Shaped, size: float) -> Optional[float]:
    """r when every entry of ``mine`` is r times the right one (r not 1 or 0), else None."""
    ratios = [float(g) / float(e) for g, e in zip(mine.flat, right.flat) if e != 0]
    if not ratios or ratios[0] == 0.0 or not math.isfinite(ratios[0]):
        return None
    r = ratios[0]
    scaled = Shaped(right.shape, tuple(float(e) * r for e in right.flat))
    if first_difference(mine, scaled, abs(r) * size) is None and not math.isclose(r, 1.0, rel_tol=1e-9):
        return r
    return None


def _whole_ratio(r: float) -> bool:
    """Whether r is ±N or ±1/N for a whole N (as a forgotten or extra 1/N makes it)."""
    return any(abs(x) >= 1 and math.isclose(x, round(x), rel_tol=1e-9) for x in (r, 1.0 / r))


def _times(r: float) -> str:
    if abs(r) >= 1 and float(round(r)).is_integer() and math.isclose(r, round(r), rel_tol=1e-9):
        return f"{int(round(r))} times"
    inverse = 1.0 / r
    if math.isclose(inverse, round(inverse), rel_tol=1e-9):
        return f"1/{int(round(inverse))} of"
    return f"{r:.6g} times"


def _cap(part: str) -> str:
    """The subject of a sentence: the part's name as it is written ("dW2 "), or "It "."""
    return part if part else "It "


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?")) else text + "."


def _show_parts(exercise: Exercise, parts: Sequence[Shaped], whole: bool = False) -> str:
    if not exercise.parts:
        return _with_shape(parts[0], whole)
    names = list(exercise.parts) + [f"extra {i}" for i in range(len(parts) - len(exercise.parts))]
    return "\n".join(_show_part(name, part, whole) for name, part in zip(names, parts))


def _show_part(name: str, value: Shaped, whole: bool = False) -> str:
    return (f"{name} = " if name else "") + _with_shape(value, whole)


def _with_shape(value: Shaped, whole: bool = False) -> str:
    return show(value, whole) + (f"   shape {value.shape}" if value.shape else "")


def _show_any(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:297] + "..."


# ------------------------------------------------------------- messages


def _signature_problem(exercise: Exercise, function: Callable[..., object]) -> str:
    """Why ``function`` cannot take the exercise's arguments, or ""."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a built-in without a readable signature: let the call decide
        return ""
    try:
        signature.bind(*exercise.cases[0].args)
    except TypeError:
        takes = ", ".join(signature.parameters)
        return (f"Its signature is ({takes}), and the exercise calls {exercise.name}({', '.join(exercise.params)}) "
                f"with {len(exercise.params)} argument{'s' if len(exercise.params) != 1 else ''}: "
                f"write it as {exercise.signature}.")
    return ""


def _failed(exercise: Exercise, number: int, total: int, case: Case, failure: _Failure) -> Result:
    says = failure.says
    sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z(])", says, maxsplit=1)
    short = sentences[0] if sentences[0].endswith((".", "?", "!")) else sentences[0] + "."
    where = f", {failure.part} is wrong" if failure.part else ""
    lines = [f"{exercise.name}: not yet (case {number} of {total}{where}). {short}"]
    call = f"{exercise.name}({', '.join(_literal(a) for a in case.args)})"
    lines.append(_field("tried", call))
    lines.append(_field("", f"({case.about})"))
    if failure.expected:
        lines.append(_field("expected", failure.expected))
    if failure.got:
        lines.append(_field("got", failure.got))
    if failure.right:
        lines.append(_field("right", failure.right))
    rest = sentences[1] if len(sentences) > 1 else ""
    if rest:
        lines.append(_field("why", rest))
    lessons = failure.lessons or exercise.lessons
    equations = failure.equations or exercise.equations
    if lessons or equations:
        lines.append(_field("reread", reread(equations, lessons)))
    return Result(exercise.name, False, "\n".join(lines), failure.tag)


def _field(label: str, text: str) -> str:
    pad = "  " + (label + ":" if label else "").ljust(10)
    return "\n".join((pad if i == 0 else " " * len(pad)) + line for i, line in enumerate(text.splitlines()))


def _literal(value: object) -> str:
    """An argument as Python that can be pasted back (Fractions as Fraction(1, 2))."""
    text = repr(value)
    return text if len(text) <= 400 else text[:397] + "..."
