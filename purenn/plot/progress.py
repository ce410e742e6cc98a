"""Progress while training: one line saying how far a run has got, shown the way tqdm shows it.

A ``Progress`` is an ``on_epoch`` callback, the hook every ``fit`` and
``purenn.nn.train`` call after each epoch with ``(epoch, loss)``. Used in a
``with`` block, it also ends its line when the block ends, even when
training fails, so that an error starts on a line of its own:

    with Progress(150, learning_rate=0.03) as show:
        history = net.fit(X, Y, epochs=150, on_epoch=show)

Where the report goes decides how it looks:

- a terminal (``out.isatty()``): one line, redrawn in place with a carriage
  return ("\\r") at most ten times a second, so that drawing never slows
  training down; the last state stays on screen when the run ends;
- a Jupyter notebook: one output that is replaced in place (an IPython
  display handle), or, when IPython cannot be imported, the carriage return,
  which notebooks also draw in place;
- anything else (a file, a pipe, a CI log, where a carriage return would
  pile up into one endless line): a plain line at every tenth of the run,
  and one for the last epoch.

The line holds the epoch (counted from 0, as in ``History``), a bar, the
loss, the learning rate of the epoch's last update, the time so far, and an
estimate of the time left: the mean time of an epoch so far, times the
epochs still to run. Here the clock is a fake one that ticks one second per
epoch, so the times are round:

>>> import io
>>> log = io.StringIO()
>>> ticks = iter(range(10))
>>> with Progress(4, learning_rate=0.5, out=log, clock=lambda: float(next(ticks))) as progress:
...     for epoch, loss in enumerate([0.9, 0.5, 0.3, 0.2]):
...         progress(epoch, loss)
>>> print(log.getvalue(), end="")
epoch 0/4 [##        ] loss 0.9000  lr 0.5  elapsed 1.0 s, left 3.0 s
epoch 1/4 [#####     ] loss 0.5000  lr 0.5  elapsed 2.0 s, left 2.0 s
epoch 2/4 [########  ] loss 0.3000  lr 0.5  elapsed 3.0 s, left 1.0 s
epoch 3/4 [##########] loss 0.2000  lr 0.5  elapsed 4.0 s, left 0.0 s

A network's ``fit`` calls it the same way (20 epochs: a line every second epoch):

>>> from purenn.data.datasets import xor
>>> from purenn.nn.mlp import MLP
>>> data, log = xor(), io.StringIO()
>>> with Progress(20, learning_rate=0.5, out=log) as show:
...     history = MLP([2, 4, 1], seed=0).fit(data.X, data.Y, epochs=20, learning_rate=0.5, on_epoch=show)
>>> [line.split(" [")[0] for line in log.getvalue().splitlines()][-3:]
['epoch 16/20', 'epoch 18/20', 'epoch 19/20']
"""

import importlib
import math
import shutil
import sys
import time
from types import TracebackType
from typing import Callable, Optional, TextIO, Type, Union

from purenn.checks import whole_number
from purenn.nn.schedules import Schedule, as_schedule

__all__ = ["Progress"]

REDRAWS_PER_SECOND = 10
"""A terminal or notebook line is redrawn at most this often (tqdm's default)."""

BAR_WIDTH = 10


class Progress:
    """Report a run of ``epochs`` epochs to ``out`` (default: sys.stdout), as the module docstring shows.

    - ``learning_rate``: the number or schedule the run trains with (an
      optimizer's ``learning_rate`` when ``fit`` is given only an optimizer),
      so the line can show the current rate (left out of the line when None);
    - ``updates_per_epoch``: how many updates an epoch makes
      (``purenn.nn.training.updates_per_epoch`` counts a run's mini-batches),
      to find the rate of each epoch's last update in the schedule;
    - ``indent``: text put before every line;
    - ``clock``: the time in seconds (a fake one makes tests exact).

    Give it to ``fit`` as ``on_epoch`` (or call it with ``(epoch, loss)``
    after every epoch), then ``close()`` it, or use it in a ``with`` block,
    which closes it: that ends the line on a terminal and reports the last
    epoch if a run that stopped early left it out. To do more after each
    epoch, write an ``on_epoch`` function of your own that calls it too.
    """

    def __init__(
        self,
        epochs: int,
        learning_rate: Union[float, Schedule, None] = None,
        updates_per_epoch: int = 1,
        out: Optional[TextIO] = None,
        indent: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        whole_number(epochs, "epochs")
        whole_number(updates_per_epoch, "updates_per_epoch", least=1)
        self.epochs = epochs
        self.schedule = None if learning_rate is None else as_schedule(learning_rate)
        self.updates_per_epoch = updates_per_epoch
        self.out = sys.stdout if out is None else out
        self.indent = indent
        self.clock = clock
        self.every = max(1, epochs // 10)  # the plain lines' spacing: a tenth of the run
        self.mode = _mode_for(self.out)
        self.started = clock()
        self._latest = ""     # the line of the latest epoch reported
        self._shown = ""      # the line on screen (terminal, notebook) or last printed (lines)
        self._drawn_at = -math.inf
        self._width = 0       # the terminal line's length, to blank out a longer line before it
        self._update_display: Optional[Callable[[str], None]] = None

    def __repr__(self) -> str:
        return f"Progress(epochs={self.epochs}, mode={self.mode!r})"

    def __call__(self, epoch: int, loss: float) -> None:
        """Report that ``epoch`` (counted from 0) has ended with ``loss``."""
        now = self.clock()
        last = epoch == self.epochs - 1
        if self.mode == "lines":
            self._latest = self._line(epoch, loss, now - self.started)
            if epoch % self.every == 0 or last:
                self._print(self._latest)
            return
        self._latest = self._fitted(self._line(epoch, loss, now - self.started),
                                    lambda: self._line(epoch, loss, now - self.started, bar=False))
        if last or now - self._drawn_at >= 1.0 / REDRAWS_PER_SECOND:
            self._draw(self._latest)
            self._drawn_at = now

    def close(self) -> None:
        """Show the latest epoch if it is not showing, and end a terminal's line."""
        if not self._latest:
            return
        if self.mode == "lines":
            if self._shown != self._latest:
                self._print(self._latest)
            return
        if self._shown != self._latest:
            self._draw(self._latest)
        if self._update_display is None:
            self.out.write("\n")
            self.out.flush()
        self._latest = ""

    def __enter__(self) -> "Progress":
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()  # also when training failed, so the error starts on a line of its own

    # ------------------------------------------------------------ the line

    def _line(self, epoch: int, loss: float, elapsed: float, bar: bool = True) -> str:
        width = len(str(self.epochs))
        line = f"epoch {epoch:>{width}}/{self.epochs}"
        if bar:
            done = (epoch + 1) / self.epochs
            line += f" [{'#' * round(BAR_WIDTH * done):<{BAR_WIDTH}}]"
        line += f" loss {loss:.4f}"
        if self.schedule is not None:
            line += f"  lr {self.schedule((epoch + 1) * self.updates_per_epoch - 1):.3g}"
        left = elapsed / (epoch + 1) * (self.epochs - epoch - 1)
        return self.indent + line + f"  elapsed {_duration(elapsed)}, left {_duration(left)}"

    # -------------------------------------------------- the three outputs

    def _print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()  # shows as it happens, even through a pipe
        self._shown = line

    def _draw(self, line: str) -> None:
        if self.mode == "notebook":
            if self._update_display is not None:
                self._update_display(line)
                self._shown = line
                return
            self._update_display = _display_handle(line)
            if self._update_display is not None:
                self._shown = line
                return
            self.mode = "terminal"  # no IPython: notebooks draw a carriage return in place too
        self.out.write("\r" + line.ljust(self._width))
        self.out.flush()
        self._width = len(line)
        self._shown = line


    def _fitted(self, line: str, without_bar: Callable[[], str]) -> str:
        """``line``, or on a terminal too narrow for it the line without its bar, cut to fit if need be."""
        if self.mode != "terminal":
            return line
        columns = shutil.get_terminal_size().columns - 1  # a line that wraps cannot be redrawn in place
        return line if len(line) <= columns else without_bar()[:columns]


NOTEBOOK_KERNELS = ("ipykernel", "pyodide_kernel")
"""The packages whose standard output is a notebook's: Jupyter's kernel, and JupyterLite's (LiteStream)."""


def _mode_for(out: TextIO) -> str:
    """ "terminal", "notebook" or "lines": how progress shows on ``out``.

    A notebook is recognised by the package its output stream comes from
    (NOTEBOOK_KERNELS); a terminal by ``isatty()``, as is purenn's web
    page, whose terminal draws a carriage return in place:

    >>> import io
    >>> LiteStream = type("LiteStream", (io.StringIO,), {"__module__": "pyodide_kernel.display"})
    >>> _mode_for(LiteStream()), _mode_for(io.StringIO())
    ('notebook', 'lines')
    """
    isatty = getattr(out, "isatty", None)
    if callable(isatty) and isatty():
        return "terminal"
    if type(out).__module__.split(".")[0] in NOTEBOOK_KERNELS:  # a Jupyter or JupyterLite kernel's own stdout
        return "notebook"
    return "lines"


def _display_handle(line: str) -> Optional[Callable[[str], None]]:
    """Show ``line`` as a notebook output and return how to replace it; None without IPython."""
    try:
        display = importlib.import_module("IPython.display")
    except ImportError:
        return None
    handle = display.display({"text/plain": line}, raw=True, display_id=True)

    def update(text: str) -> None:
        handle.update({"text/plain": text}, raw=True)

    return update


def _duration(seconds: float) -> str:
    """A time span the way a person reads it.

    >>> _duration(3.04), _duration(65), _duration(7384)
    ('3.0 s', '1 min 05 s', '2 h 03 min')
    """
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
