"""What the command line does about its terminal: any encoding, closed pipes, Ctrl-C and kill.

- **Any encoding.** A class called ``café`` cannot be printed on an ASCII
  terminal (or Windows' cp1252 one, for ``→``); instead of a
  UnicodeEncodeError, the character is printed escaped, as ``caf\\xe9``.
- **Closed pipes, full or broken streams.** ``purenn train ... | head``
  closes the pipe after a few lines. Python's documentation (the SIGPIPE
  note of the ``signal`` module) says to point the output at ``os.devnull``
  then, and end quietly; here that happens inside the stream, at the write
  that failed, so the program carries on: printing never decides whether a
  trained model is saved, nor the exit status. Any other failed write (a
  full disk behind ``> out.txt``, ``/dev/full``, a closed descriptor) is
  handled the same way, and said once on standard error at the end. A
  stream that is not there at all (started with ``>&-``) is replaced by one
  that keeps nothing.
- **Ctrl-C while training** (``stop_after_epoch``): the first one lets the
  epoch under way finish, and training stops there, keeping what it learned;
  a second one stops at once. Once training has ended (and the model is
  saved), Ctrl-C stops at once again: it is never swallowed.
- **kill** (SIGTERM) ends the program as an exception does, so that every
  ``finally`` runs and no temporary file is left behind.

>>> import io, tempfile
>>> with tempfile.TemporaryFile() as file:  # a file has a descriptor, as a terminal does
...     stream = io.TextIOWrapper(file, encoding="ascii")
...     with plain_streams(stdout=stream) as (out, err):
...         print("café", file=out)
...     _ = file.seek(0)
...     file.read()
b'caf\\\\xe9\\n'
"""

import contextlib
import io
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Callable, Iterator, Optional, TextIO, Tuple

if TYPE_CHECKING:
    from typing_extensions import Buffer  # what a raw stream's write takes: bytes, bytearray, memoryview...

__all__ = ["INTERRUPTED", "TERMINATED", "EpochStop", "guarded_streams", "plain_streams", "stop_after_epoch"]

INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT's number (2), as shells report it."""

TERMINATED = 143
"""The exit status after a kill (SIGTERM): 128 + 15."""


class _PipeSafe(io.RawIOBase):
    """The file descriptor ``fd`` as a raw stream whose writes never fail for a closed pipe.

    When the reader has gone (EPIPE), ``fd`` is pointed at os.devnull, as
    Python's documentation advises, and this write and every later one are
    counted as done. The descriptor itself is never closed here.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.reader_gone = False
        self.failure: Optional[OSError] = None  # a failed write other than a closed pipe

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: "Buffer") -> int:
        view = memoryview(data)
        if self.reader_gone:
            return len(view)
        try:
            return os.write(self.fd, view)
        except OSError as error:  # the reader has gone, the disk is full, the descriptor is closed...
            self.reader_gone = True
            if not isinstance(error, BrokenPipeError):
                self.failure = error
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self.fd)
                os.close(devnull)
            except OSError:  # nowhere to point it: the writes are still counted as done
                pass
            return len(view)


def _wrapped(stream: TextIO) -> Optional[io.TextIOWrapper]:
    """A stream writing to ``stream``'s file descriptor with escapes for what its encoding lacks;
    None if it has no descriptor."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.StringIO, pytest's capture: no descriptor
        return None
    stream.flush()
    return io.TextIOWrapper(
        io.BufferedWriter(_PipeSafe(fd)),
        encoding=stream.encoding or "utf-8",
        errors="backslashreplace",
        line_buffering=True,
    )


@contextlib.contextmanager
def plain_streams(stdout: Optional[TextIO] = None, stderr: Optional[TextIO] = None) -> Iterator[Tuple[TextIO, TextIO]]:
    """(out, err): ``stdout`` and ``stderr`` (default: sys's) made safe for any text and a closed pipe.

    A stream with a file descriptor is replaced by one on the same
    descriptor; one without (an io.StringIO) keeps its own rules, except
    that text its encoding lacks is escaped when it can be reconfigured.
    """
    chosen = []
    opened = []
    for stream in (stdout or sys.stdout, stderr or sys.stderr):
        if stream is None:  # started without it (">&-"): what is written to it goes nowhere
            stream = open(os.devnull, "w", encoding="utf-8")
            opened.append(stream)
        safe = _wrapped(stream)
        if safe is None:
            if isinstance(stream, io.TextIOWrapper) and hasattr(stream, "reconfigure"):  # (Python 3.7 and later)
                stream.reconfigure(errors="backslashreplace")
            chosen.append(stream)
        else:
            chosen.append(safe)
    try:
        yield chosen[0], chosen[1]
    finally:
        for stream in chosen:
            try:
                stream.flush()
            except (OSError, ValueError):  # the disk or terminal behind it failed, or it was closed
                pass
        failure = _failure(chosen[0])
        if failure is not None:
            try:
                print(f"purenn: warning: standard output failed ({failure}): what was printed there is incomplete",
                      file=chosen[1], flush=True)
            except (OSError, ValueError):
                pass
        for stream in opened:
            stream.close()


def _failure(stream: TextIO) -> Optional[OSError]:
    """The error of a failed write to ``stream``, if it is one of ours and one failed (other than a closed pipe)."""
    buffer = getattr(stream, "buffer", None)
    raw = getattr(buffer, "raw", None)
    return raw.failure if isinstance(raw, _PipeSafe) else None


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr made safe (``plain_streams``), and a kill turned into SystemExit(143).

    Restores both streams and the SIGTERM handler on the way out.
    """
    saved_out, saved_err = sys.stdout, sys.stderr
    previous = _handle(signal.SIGTERM, _terminate) if hasattr(signal, "SIGTERM") else None
    try:
        with plain_streams(saved_out, saved_err) as (out, err):
            sys.stdout, sys.stderr = out, err
            yield
    finally:
        sys.stdout, sys.stderr = saved_out, saved_err
        if previous is not None:
            _handle(signal.SIGTERM, previous)


def _terminate(number: int, frame: Optional[FrameType]) -> None:
    raise SystemExit(TERMINATED)


def _handle(number: int, handler: "signal._HANDLER") -> "signal._HANDLER":
    """Install ``handler`` for signal ``number``; return the one it replaces (None outside the main thread)."""
    try:
        return signal.signal(number, handler)  # only the main thread may do this
    except (ValueError, TypeError):
        return None


class EpochStop:
    """A Ctrl-C that waits for the end of the epoch: ``wrap`` the on_epoch callback with it.

    ``requested`` turns True at the first Ctrl-C; the wrapped callback then
    raises KeyboardInterrupt right after the epoch's own callback, at a
    point where the weights are whole, and the training loop stops there.
    A second Ctrl-C raises KeyboardInterrupt at once.
    """

    def __init__(self, notice: Callable[[str], None]) -> None:
        self.requested = False
        self.deferring = True
        self.notice = notice

    def __call__(self, number: int, frame: Optional[FrameType]) -> None:
        if self.requested or not self.deferring:
            raise KeyboardInterrupt
        self.requested = True
        try:  # a signal handler may run in the middle of another write to the same stream
            self.notice("stopping at the end of this epoch (press Ctrl-C again to stop at once)")
        except (RuntimeError, OSError):
            pass

    def wrap(self, on_epoch: Optional[Callable[[int, float], None]]) -> Callable[[int, float], None]:
        def checked(epoch: int, loss: float) -> None:
            if on_epoch is not None:
                on_epoch(epoch, loss)
            if self.requested:
                raise KeyboardInterrupt

        return checked

    def finish(self, interrupted: bool) -> None:
        """Training has ended (``interrupted``: by this Ctrl-C) and what it made is kept: from now on
        Ctrl-C stops at once, and one that came after the last epoch's check stops here."""
        self.deferring = False
        if self.requested and not interrupted:
            raise KeyboardInterrupt


@contextlib.contextmanager
def stop_after_epoch(notice: Callable[[str], None]) -> Iterator[EpochStop]:
    """While inside, Ctrl-C asks training to stop at the end of the epoch (``EpochStop``); ``notice`` says so.

    Outside the main thread (where no signal handler can be set) Ctrl-C
    stays Python's KeyboardInterrupt.
    """
    stop = EpochStop(notice)
    previous = _handle(signal.SIGINT, stop)
    try:
        yield stop
    finally:
        if previous is not None:
            _handle(signal.SIGINT, previous)
