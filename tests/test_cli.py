"""The command line (python -m purenn), its text chart and the plateau rule it reports."""

import io
import math
import pathlib
import re
import subprocess
import sys
from typing import List

import pytest

from purenn.app import mainjob
from purenn.app.cli import main
from purenn.plot.text import line_chart, supports_unicode

ROOT = pathlib.Path(__file__).resolve().parent.parent

EPOCH_LINE = re.compile(r"^  epoch +(\d+)/(\d+) \[[# ]{10}\] loss (\d+\.\d{4})  lr \S+  elapsed .*, left .*$", re.MULTILINE)
PLATEAU = re.compile(r"levelled off at epoch (\d+)")


def run_cli(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(arguments) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def reported_epochs(out: str) -> List[int]:
    return [int(epoch) for epoch, _, _ in EPOCH_LINE.findall(out)]


def table_rows(out: str) -> List[str]:
    """The prediction table's rows: four 0/1 features, the target, p(yes) and the prediction."""
    return re.findall(r"^ +[01] +[01] +[01] +[01] +[01] +\d\.\d{3} +[01]( +<- wrong)?$", out, re.MULTILINE)


# ----------------------------------------------------------- the default run


def test_default_run(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli([], capsys)
    assert reported_epochs(out) == list(range(0, 1500, 150)) + [1499]  # every tenth of the run
    assert "4 inputs -> 4 hidden (sigmoid) -> 1 output (sigmoid)" in out
    assert "learning rate 1, 1500 epochs, seed 0" in out
    assert "loss per epoch" in out
    assert out.count("┤") == 12  # the chart: one axis mark per row, 12 rows
    # The loss is still falling fast at the end, so no epoch is named as the plateau.
    assert "had not levelled off by the last epoch: over the last 100 epochs it\nstill fell by 10.9%" in out
    assert PLATEAU.search(out) is None
    assert len(table_rows(out)) == 16
    assert "<- wrong" not in out
    assert re.search(r"^final loss 0\.\d{4} after 1500 epochs; accuracy 16 of 16 \(100\.0%\)$", out, re.MULTILINE)
    losses = [float(loss) for _, _, loss in EPOCH_LINE.findall(out)]
    assert losses == sorted(losses, reverse=True)
    assert losses[0] > 0.5 > 0.01 > losses[-1]


def test_quiet_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run_cli(["--quiet"], capsys).splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"final loss 0\.\d{4} after 1500 epochs; accuracy 16 of 16 \(100\.0%\)", lines[0])


def test_epochs_option(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["--epochs", "250"], capsys)
    assert reported_epochs(out) == list(range(0, 250, 25)) + [249]
    assert "after 250 epochs" in out


def test_hidden_option(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["--hidden", "6", "--epochs", "10"], capsys)
    assert "4 inputs -> 6 hidden (sigmoid)" in out


def test_learning_rate_option(capsys: pytest.CaptureFixture[str]) -> None:
    default = run_cli(["--epochs", "50", "--quiet"], capsys)
    changed = run_cli(["--epochs", "50", "--learning-rate", "0.5"], capsys)
    assert "learning rate 0.5," in changed
    assert changed.splitlines()[-1] != default.strip()


def test_seed_option(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["--seed", "3", "--epochs", "10"], capsys)
    assert "seed 3" in out
    default = run_cli(["--epochs", "10"], capsys)
    assert EPOCH_LINE.findall(out) != EPOCH_LINE.findall(default)  # different starting weights


def test_the_same_options_give_the_same_losses(capsys: pytest.CaptureFixture[str]) -> None:
    first = EPOCH_LINE.findall(run_cli(["--epochs", "300", "--seed", "5"], capsys))
    second = EPOCH_LINE.findall(run_cli(["--epochs", "300", "--seed", "5"], capsys))
    assert first == second


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--epochs", "0"], "argument --epochs: must be at least 1, got 0"),
        (["--epochs", "x"], "argument --epochs: expected a whole number, got 'x'"),
        (["--epochs", "2.5"], "argument --epochs: expected a whole number, got '2.5'"),
        (["--hidden", "0"], "argument --hidden: must be at least 1, got 0"),
        (["--learning-rate", "-1"], "argument --learning-rate: must be a positive number, got -1"),
        (["--learning-rate", "0"], "argument --learning-rate: must be a positive number, got 0"),
        (["--learning-rate", "nan"], "argument --learning-rate: must be a positive number, got nan"),
        (["--learning-rate", "inf"], "argument --learning-rate: must be a positive number, got inf"),
        (["--learning-rate", "fast"], "argument --learning-rate: expected a number, got 'fast'"),
        (["--seed", "-1"], "argument --seed: must be at least 0, got -1"),
        (["--layers=3"], "unrecognized arguments: --layers=3"),
    ],
)
def test_invalid_values_exit_with_status_2(
    arguments: List[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: purenn")
    assert captured.err.rstrip().endswith(f"purenn: error: {message}")


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--epochs", "5", "train", "--data", "xor"],
         "--epochs 5: options before a command belong to the main job, which 'train' does not run; "
         "a command's options go after its name (see purenn train --help)"),
        (["--quiet", "train", "--data", "xor"],
         "--quiet: options before a command belong to the main job, which 'train' does not run; "
         "a command's options go after its name (see purenn train --help)"),
        (["--seed", "0", "train", "--data", "xor", "--seed", "0"],  # even a value equal to the default
         "--seed 0: options before a command belong to the main job, which 'train' does not run; "
         "a command's options go after its name (see purenn train --help)"),
        (["--learning-rate", "0.1", "--hidden", "3", "train", "--data", "xor"],
         "--learning-rate 0.1 --hidden 3: options before a command belong to the main job, which 'train' does not run; "
         "a command's options go after its name (see purenn train --help)"),
        (["--epochs", "5", "predict", "model.json", "rows.csv"],
         "--epochs 5: options before a command belong to the main job, which 'predict' does not run; "
         "a command's options go after its name (see purenn predict --help)"),
    ],
)
def test_main_job_options_before_a_command_are_refused(
    arguments: List[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: purenn")
    assert captured.err.rstrip().endswith(f"purenn: error: {message}")


def test_train_options_after_the_command_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["train", "--data", "moons", "--epochs", "5", "--seed", "2", "--quiet"], capsys)
    assert re.fullmatch(r"train accuracy \d\.\d{4}   test accuracy \d\.\d{4}\n", out)
    out = run_cli(["train", "--data", "moons", "--epochs", "5"], capsys)
    assert "training  5 epochs," in out


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    for option in ("--epochs", "--hidden", "--learning-rate", "--seed", "--quiet", "--version"):
        assert option in out
    flat = " ".join(out.split())
    for shown in ("--epochs N passes over the data (default: 1500)", "--hidden N hidden units (default: 4)",
                  "(default: 1.0)", "--seed N seed of the initial weights (default: 0)"):
        assert shown in flat


def test_python_dash_m_purenn_in_a_subprocess() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "purenn", "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.startswith("final loss ")
    assert "accuracy 16 of 16" in completed.stdout


def test_a_diverging_run_is_not_described_as_a_fall(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(["--learning-rate", "50", "--epochs", "300"], capsys)
    losses = [float(loss) for _, _, loss in EPOCH_LINE.findall(out)]
    assert losses[-1] > losses[0]  # the run diverged
    assert "total fall" not in out


# ------------------------------------------------------ Unicode and ASCII


def test_supports_unicode() -> None:
    assert supports_unicode(io.TextIOWrapper(io.BytesIO(), encoding="ascii")) is False
    assert supports_unicode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) is True
    assert supports_unicode(io.TextIOWrapper(io.BytesIO(), encoding="latin-1")) is False


def test_demo_falls_back_to_ascii_on_an_ascii_stream() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")  # a terminal that cannot show "┤" or "•"
    assert mainjob.run(epochs=200, out=stream) == 0  # no UnicodeEncodeError anywhere in the output
    stream.flush()
    text = raw.getvalue().decode("ascii")
    chart = text[text.index("loss per epoch"):text.index("levelled off")]
    assert chart.count(" |") == 12 and "*" in chart and "+---" in chart
    assert "accuracy" in text


# ---------------------------------------------------------------- line_chart


def test_line_chart_exact_ascii_output() -> None:
    assert line_chart([0, 1, 2, 3], width=4, height=4, unicode=False) == "\n".join(
        [
            "3 |   *",
            "  |  *",
            "  | *",
            "0 |*",
            "  +----",
            "   0  3",
        ]
    )


def test_line_chart_exact_unicode_output() -> None:
    assert line_chart([0, 1, 2, 3], width=4, height=4) == "\n".join(
        [
            "3 ┤   •",
            "  ┤  •",
            "  ┤ •",
            "0 ┤•",
            "  └────",
            "   0  3",
        ]
    )


def test_line_chart_connects_a_steep_fall() -> None:
    assert line_chart([4, 3, 2, 1, 1, 1], width=6, height=4, unicode=False) == "\n".join(
        ["4 |*", "  | *", "  |  *", "1 |   ***", "  +------", "   0    5"]
    )
    lines = line_chart([3, 0], width=2, height=4, unicode=False).splitlines()
    assert [line[3:] for line in lines[:4]] == ["*", " *", " *", " *"]  # no gap in the second column


def test_line_chart_squeezes_long_series_into_the_width() -> None:
    lines = line_chart([float(v) for v in range(1000)], width=10, height=5, unicode=False).splitlines()
    assert len(lines) == 5 + 2
    assert lines[-2] == "    +" + "-" * 10
    assert lines[-1].split() == ["0", "999"]
    assert all(len(line) <= 4 + 1 + 10 for line in lines[:-1])


def test_line_chart_of_a_constant_series() -> None:
    lines = line_chart([2.5, 2.5, 2.5], width=10, height=3, unicode=False).splitlines()
    assert lines[-3] == "2.5 |***"


@pytest.mark.parametrize(
    "values, message",
    [
        ([], "line_chart needs at least one value to plot"),
        ([1.0, math.nan], "line_chart can only plot finite numbers, got nan"),
        ([math.inf, 1.0], "line_chart can only plot finite numbers, got inf"),
    ],
)
def test_line_chart_refuses_what_it_cannot_plot(values: List[float], message: str) -> None:
    with pytest.raises(ValueError) as error:
        line_chart(values)
    assert str(error.value) == message


def test_line_chart_refuses_a_tiny_size() -> None:
    with pytest.raises(ValueError) as error:
        line_chart([1.0, 2.0], width=1)
    assert str(error.value) == "line_chart needs width and height of at least 2, got 1 and 12"


def test_line_chart_of_a_single_value_labels_the_x_axis_once() -> None:
    lines = line_chart([5.0], unicode=False).splitlines()
    assert lines[-1].split() == ["0"]
