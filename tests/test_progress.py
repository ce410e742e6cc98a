"""Progress while training (purenn/plot/progress.py): plain lines, a line redrawn in place, a notebook display,
or nothing; given to any fit as its on_epoch hook."""

import ast
import contextlib
import io
import pathlib
import re
import sys
import types
from typing import Callable, Iterator, List, Tuple

import pytest

from purenn import MLP, Cyclical, TwoLayerNetwork
from purenn.app.cli import main
from purenn.app.mainjob import run as main_job
from purenn.data.datasets import moons, xor
from purenn.errors import PurennError, TrainingDiverged
from purenn.nn.optim import Adam
from purenn.nn.training import updates_per_epoch
from purenn.plot import progress as progress_module
from purenn.plot.progress import Progress

LINE = re.compile(r"^epoch +(\d+)/(\d+) \[[# ]{10}\] loss (\d+\.\d{4})(?:  lr (\S+))?  elapsed (.*), left (.*)$")


class Terminal(io.StringIO):
    """A stream that says it is a terminal, and records what was written to it."""

    def isatty(self) -> bool:
        return True


class KernelStream(io.StringIO):
    """A stream that looks like a Jupyter kernel's stdout (ipykernel.iostream.OutStream)."""


KernelStream.__module__ = "ipykernel.iostream"


def fields(line: str) -> Tuple[str, ...]:
    """The epoch, epochs, loss, learning rate, time so far and time left of a progress line."""
    match = LINE.match(line)
    assert match is not None, f"not a progress line: {line!r}"
    return match.groups()


def epochs_in(lines: List[str]) -> List[int]:
    return [int(fields(line)[0]) for line in lines]


def ticking(step: float) -> Callable[[], float]:
    """A fake clock that moves on by ``step`` seconds every time it is read."""
    ticks = iter(range(10**9))
    return lambda: next(ticks) * step


def run(progress: Progress, losses: List[float]) -> None:
    with progress:
        for epoch, loss in enumerate(losses):
            progress(epoch, loss)


# ------------------------------------------------------------ plain lines


def test_a_file_or_pipe_gets_a_line_every_tenth_of_the_run() -> None:
    out = io.StringIO()
    run(Progress(1000, 0.1, out=out, clock=ticking(0.01)), [1.0 / (1 + e) for e in range(1000)])
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue()
    assert epochs_in(lines) == list(range(0, 1000, 100)) + [999]
    assert lines[-1].startswith("epoch  999/1000 [##########] loss 0.0010  lr 0.1  ")


def test_the_times_are_the_clock_s_and_the_estimate_assumes_steady_epochs() -> None:
    out = io.StringIO()
    run(Progress(100, out=out, clock=ticking(0.5)), [1.0] * 100)
    first, *_, last = out.getvalue().splitlines()
    assert first == "epoch   0/100 [          ] loss 1.0000  elapsed 0.5 s, left 49.5 s"
    assert last == "epoch  99/100 [##########] loss 1.0000  elapsed 50.0 s, left 0.0 s"


def test_short_runs_report_every_epoch() -> None:
    out = io.StringIO()
    run(Progress(3, out=out, clock=ticking(1.0)), [0.3, 0.2, 0.1])
    assert len(out.getvalue().splitlines()) == 3


def test_a_run_that_stops_early_reports_its_last_epoch_on_closing() -> None:
    out = io.StringIO()
    run(Progress(100, out=out, clock=ticking(1.0)), [1.0] * 37)  # stopped after epoch 36
    epochs = epochs_in(out.getvalue().splitlines())
    assert epochs == [0, 10, 20, 30, 36]


def test_the_learning_rate_is_that_of_each_epoch_s_last_update() -> None:
    schedule = Cyclical(base=0.1, peak=0.5, half_cycle=4)
    out = io.StringIO()
    run(Progress(4, schedule, updates_per_epoch=2, out=out, clock=ticking(1.0)), [1.0] * 4)
    rates = [float(fields(line)[3]) for line in out.getvalue().splitlines()]
    assert rates == [round(schedule(step), 3) for step in (1, 3, 5, 7)] == [0.2, 0.4, 0.4, 0.2]


def test_bad_arguments_are_refused_with_their_value() -> None:
    with pytest.raises(PurennError, match="epochs must be a whole number of at least 0, got -1"):
        Progress(-1)
    with pytest.raises(PurennError, match="updates_per_epoch must be a whole number of at least 1, got 0"):
        Progress(10, updates_per_epoch=0)


# --------------------------------------------------------------- terminal


def draws(text: str) -> List[str]:
    """The states of a line redrawn with carriage returns, trailing blanks removed."""
    assert text.endswith("\n") and text.count("\n") == 1, "one line, ended once"
    return [state.rstrip() for state in text[:-1].split("\r")[1:]]


def test_a_terminal_gets_one_line_redrawn_at_most_ten_times_a_second() -> None:
    out = Terminal()
    # 1,000 epochs of 5 ms: 5 seconds, so about 50 redraws, not 1,000
    run(Progress(1000, 0.1, out=out, clock=ticking(0.005)), [1.0 / (1 + e) for e in range(1000)])
    states = draws(out.getvalue())
    assert 45 <= len(states) <= 5 * 10 + 2
    assert all(LINE.match(state) for state in states)
    assert states[0].startswith("epoch    0/1000")
    assert states[-1].startswith("epoch  999/1000 [##########] loss 0.0010")


def test_a_fast_run_on_a_terminal_draws_its_first_and_last_epoch() -> None:
    out = Terminal()
    run(Progress(1000, out=out, clock=lambda: 0.0), [1.0] * 1000)  # no time passes at all
    assert epochs_in(draws(out.getvalue())) == [0, 999]


def test_a_shorter_line_blanks_out_the_longer_one_before_it() -> None:
    out = Terminal()
    run(Progress(2, out=out, clock=ticking(100.0)), [1.0, 1.0])  # "left 1 min 40 s", then "left 0.0 s"
    first, second = out.getvalue()[:-1].split("\r")[1:]
    assert len(second) == len(first) and second.endswith(" ")


def test_the_line_is_cut_to_the_terminal_s_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress_module.shutil, "get_terminal_size", lambda: types.SimpleNamespace(columns=41))
    out = Terminal()
    run(Progress(10, 0.1, out=out, clock=ticking(1.0)), [1.0] * 10)
    assert all(len(state) <= 40 for state in draws(out.getvalue()))


def test_a_failed_run_ends_the_line_before_the_error() -> None:
    out = Terminal()
    with pytest.raises(ZeroDivisionError):
        with Progress(10, out=out, clock=ticking(1.0)) as progress:
            progress(0, 1.0)
            raise ZeroDivisionError
    assert out.getvalue().endswith("\n")


# --------------------------------------------------------------- notebook


class FakeHandle:
    def __init__(self, shown: List[str]) -> None:
        self.shown = shown

    def update(self, data: dict, raw: bool) -> None:
        assert raw
        self.shown.append(data["text/plain"])


@contextlib.contextmanager
def fake_ipython(monkeypatch: pytest.MonkeyPatch) -> Iterator[Tuple[List[str], List[str]]]:
    """A stand-in for IPython.display that records displays and their updates."""
    displayed: List[str] = []
    updated: List[str] = []

    def display(data: dict, raw: bool, display_id: bool) -> FakeHandle:
        assert raw and display_id
        displayed.append(data["text/plain"])
        return FakeHandle(updated)

    module = types.ModuleType("IPython.display")
    setattr(module, "display", display)
    monkeypatch.setitem(sys.modules, "IPython.display", module)
    yield displayed, updated


def test_a_notebook_gets_one_display_that_is_updated(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_ipython(monkeypatch) as (displayed, updated):
        out = KernelStream()
        progress = Progress(1000, out=out, clock=ticking(0.005))
        assert progress.mode == "notebook"
        run(progress, [1.0] * 1000)
    assert out.getvalue() == ""  # nothing printed: the display holds the line
    assert len(displayed) == 1 and displayed[0].startswith("epoch    0/1000")
    assert len(updated) <= 5 * 10 + 1 and updated[-1].startswith("epoch  999/1000")


def test_a_notebook_without_ipython_gets_the_carriage_return(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "IPython.display", None)  # import IPython.display now fails
    out = KernelStream()
    run(Progress(1000, out=out, clock=ticking(0.005)), [1.0] * 1000)
    assert len(draws(out.getvalue())) <= 5 * 10 + 2


# ------------------------------------------- MLP.fit, train and the main job


def test_fit_with_progress_as_its_on_epoch_prints_lines_and_trains_the_same() -> None:
    data = xor()
    quiet_net, shown_net = MLP([2, 4, 1], seed=0), MLP([2, 4, 1], seed=0)
    with contextlib.redirect_stdout(io.StringIO()) as silent:
        expected = quiet_net.fit(data.X, data.Y, epochs=50, learning_rate=0.5)
    assert silent.getvalue() == ""  # no hook, no output
    with contextlib.redirect_stdout(io.StringIO()) as out:
        with Progress(50, 0.5) as show:  # out defaults to sys.stdout as it is when the Progress is made
            history = shown_net.fit(data.X, data.Y, epochs=50, learning_rate=0.5, on_epoch=show)
    assert history.loss == expected.loss
    lines = out.getvalue().splitlines()
    assert epochs_in(lines) == list(range(0, 50, 5)) + [49]
    assert all(fields(line)[3] == "0.5" for line in lines)


def test_the_article_s_fit_takes_it_too() -> None:
    data = xor()
    out = io.StringIO()
    with Progress(30, out=out) as show:
        TwoLayerNetwork(2, 4, 1, seed=0).fit(data.X, data.Y, epochs=30, on_epoch=show)
    assert epochs_in(out.getvalue().splitlines()) == list(range(0, 30, 3)) + [29]


def test_a_hook_of_one_s_own_can_call_it_and_do_more() -> None:
    data, out = xor(), io.StringIO()
    seen: List[int] = []
    with Progress(10, out=out) as show:

        def on_epoch(epoch: int, loss: float) -> None:
            show(epoch, loss)
            seen.append(epoch)

        MLP([2, 4, 1], seed=0).fit(data.X, data.Y, epochs=10, on_epoch=on_epoch)
    assert seen == list(range(10)) and epochs_in(out.getvalue().splitlines()) == seen


def test_the_line_ends_when_training_diverges() -> None:
    data = moons(n_samples=20)
    out = Terminal()
    with pytest.raises(TrainingDiverged):
        with Progress(50, 1e6, out=out) as show:
            MLP([2, 8, 1], activation="relu", output="identity", seed=0).fit(
                data.X, data.Y, epochs=50, learning_rate=1e6, on_epoch=show)
    assert out.getvalue().endswith("\n") and out.getvalue().count("\n") == 1


def test_the_rates_shown_with_mini_batches_and_a_schedule_are_the_history_s() -> None:
    data = moons(n_samples=20)
    schedule = Cyclical(base=0.01, peak=0.05, half_cycle=3)
    updates = updates_per_epoch(data.X.shape[0], 8)
    assert updates == 3
    out = io.StringIO()
    with Progress(6, schedule, updates, out=out) as show:
        history = MLP([2, 4, 1], seed=0).fit(
            data.X, data.Y, epochs=6, learning_rate=schedule, on_epoch=show, batch_size=8)
    shown = [float(fields(line)[3]) for line in out.getvalue().splitlines()]
    last_of_each_epoch = history.learning_rates[updates - 1::updates]
    assert shown == [float(f"{rate:.3g}") for rate in last_of_each_epoch] and len(set(shown)) > 1


def test_fit_with_an_optimizer_shows_the_optimizer_s_rate() -> None:
    data, optimizer, out = xor(), Adam(learning_rate=0.02), io.StringIO()
    with Progress(10, optimizer.learning_rate, out=out) as show:
        MLP([2, 4, 1], seed=0).fit(data.X, data.Y, epochs=10, optimizer=optimizer, on_epoch=show)
    assert {fields(line)[3] for line in out.getvalue().splitlines()} == {"0.02"}


def test_nn_knows_no_terminal_or_notebook() -> None:
    """What is shown, and where, is decided above nn: no module of purenn/nn prints, asks what a stream is, or
    imports what a display needs (its docstrings may print in their examples; those are not code)."""
    display = {"sys", "shutil", "IPython", "importlib"}
    found = []
    for path in sorted((pathlib.Path(__file__).resolve().parent.parent / "purenn" / "nn").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name} imports {name}" for name in names if name.split(".")[0] in display
                      or name.startswith("purenn.plot")]
            if isinstance(node, ast.Name) and node.id == "print":
                found.append(f"{path.name}:{node.lineno} prints")
            if isinstance(node, ast.Attribute) and node.attr in ("isatty", "stdout", "stderr", "get_terminal_size"):
                found.append(f"{path.name}:{node.lineno} uses {node.attr}")
    assert not found, "showing progress belongs in purenn/plot (an on_epoch hook), not in nn: " + "; ".join(found)


def test_fit_and_train_take_no_progress_flag() -> None:
    """nn knows no terminal: the display is this layer's, given to fit as its hook."""
    data = xor()
    with pytest.raises(TypeError, match="unexpected keyword argument 'progress'"):
        MLP([2, 4, 1], seed=0).fit(data.X, data.Y, epochs=1, progress=True)  # type: ignore[call-arg]


def cli(arguments: List[str]) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(arguments) == 0
    return out.getvalue()


def test_train_prints_progress_lines_when_piped_and_nothing_when_quiet() -> None:
    shown = cli(["train", "--data", "xor", "--epochs", "40", "--test-size", "0"])
    lines = [line[2:] for line in shown.splitlines() if line.startswith("  epoch ")]
    assert epochs_in(lines) == list(range(0, 40, 4)) + [39]
    quiet = cli(["train", "--data", "xor", "--epochs", "40", "--test-size", "0", "--quiet"])
    assert "epoch" not in quiet and "\r" not in quiet


def test_the_main_job_prints_progress_lines_and_nothing_when_quiet() -> None:
    out = io.StringIO()
    main_job(epochs=200, out=out)
    epochs = [int(line.split()[1].split("/")[0]) for line in out.getvalue().splitlines() if line.startswith("  epoch ")]
    assert epochs == list(range(0, 200, 20)) + [199]
    quiet = io.StringIO()
    main_job(epochs=200, quiet=True, out=quiet)
    assert "epoch " not in quiet.getvalue().replace("after 200 epochs", "")


def test_the_main_job_redraws_one_line_on_a_terminal() -> None:
    out = Terminal()
    main_job(epochs=200, out=out)
    redrawn = [line for line in out.getvalue().split("\n") if "\r" in line]
    assert len(redrawn) == 1 and redrawn[0].rstrip().endswith("left 0.0 s")
    assert "epoch 199/200 [##########] loss" in redrawn[0]

