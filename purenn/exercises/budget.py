"""Calling a learner's function with a time limit, so that an endless loop cannot hang the checker.

A loop that never ends is a common first mistake (a ``while`` whose
condition never changes). ``call_within`` stops it after ``seconds`` and
raises ``OutOfTime``, in one of two ways, whichever the platform allows:

- on the main thread of CPython or PyPy under Unix (a terminal, a Jupyter
  kernel), a timer signal (``signal.setitimer``), which costs nothing while
  the function runs;
- elsewhere (Windows, another thread, the browser's Pyodide, which has no
  timer signals), a trace function (``sys.settrace``) that looks at the
  clock as the learner's code runs: slower, but it needs no threads,
  processes or signals.

Neither can stop a loop that runs inside one built-in call (``sum`` of an
endless ``itertools.count()``, say) when no signal is available: that call
runs to the end. And when a debugger or a coverage tool already traces the
code, the trace is theirs and the call is not bounded at all: the learner
is stepping through it. Endless recursion needs no timer: Python itself
stops it with a RecursionError, which the checker reports as such.

>>> call_within(lambda x: x + 1, (1,), seconds=1.0)
2
>>> def forever(x):
...     while True:
...         x += 1
>>> call_within(forever, (0,), seconds=0.05)
Traceback (most recent call last):
...
purenn.exercises.budget.OutOfTime: still running after 0.05 seconds
"""

import signal
import sys
import threading
import time
from types import FrameType
from typing import Callable, Optional, Sequence

_Trace = Callable[[FrameType, str, object], Optional["_Trace"]]
"""A trace function, as ``sys.settrace`` takes it: it returns the one for the frame (or None)."""

__all__ = ["OutOfTime", "TIME_LIMIT", "call_within", "how_bounded"]

TIME_LIMIT = 3.0
"""Seconds a learner's function may run on one case before the checker stops it."""


class OutOfTime(BaseException):
    """The learner's function ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that a learner's
    ``except Exception:`` does not swallow it and run on.
    """


def how_bounded() -> str:
    """How ``call_within`` stops a long call here: "signal", "trace" or "none" (see the module docstring).

    >>> how_bounded() in ("signal", "trace", "none")
    True
    """
    if _alarm_is_free():
        return "signal"
    return "trace" if sys.gettrace() is None else "none"


def call_within(function: Callable[..., object], args: Sequence[object], seconds: Optional[float]) -> object:
    """``function(*args)``, stopped with OutOfTime after ``seconds`` (None: no limit)."""
    if seconds is None:
        return function(*args)
    way = how_bounded()
    if way == "signal":
        return _with_alarm(function, args, seconds)
    if way == "trace":
        return _with_trace(function, args, seconds)
    return function(*args)


def _alarm_is_free() -> bool:
    """Whether a timer signal is ours to use: on Unix, on the main thread, with nobody else's timer set."""
    if sys.platform == "emscripten" or not hasattr(signal, "setitimer") or not hasattr(signal, "SIGALRM"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None):
        return False  # someone else's alarm handler (a test runner's timeout, say): leave it alone
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _with_alarm(function: Callable[..., object], args: Sequence[object], seconds: float) -> object:
    def ring(number: int, frame: Optional[FrameType]) -> None:
        raise OutOfTime(f"still running after {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)


def _with_trace(function: Callable[..., object], args: Sequence[object], seconds: float) -> object:
    deadline = time.monotonic() + seconds
    count = [0]

    def watch(frame: FrameType, event: str, arg: object) -> Optional[_Trace]:
        count[0] += 1
        if count[0] % 64 == 0 and time.monotonic() > deadline:
            raise OutOfTime(f"still running after {seconds:g} seconds")
        return watch

    sys.settrace(watch)
    try:
        return function(*args)
    finally:
        sys.settrace(None)
