"""The command line's figure options: train --plot-loss/--plot-boundary/--plot-network, and --plot."""

import pathlib
import xml.etree.ElementTree as ET

import pytest

from purenn.app.cli import main
from tests.test_plot_figures import SVG, by_class


def _svg(path: pathlib.Path) -> ET.Element:
    root = ET.fromstring(path.read_bytes())
    assert root.tag == SVG + "svg"
    return root


def test_train_draws_three_figures(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    loss, boundary, network = tmp_path / "l.svg", tmp_path / "b.svg", tmp_path / "n.svg"
    status = main(["train", "--data", "moons", "--epochs", "4", "--layers", "5", "--quiet",
                   "--plot-loss", str(loss), "--plot-boundary", str(boundary), "--plot-network", str(network)])
    assert status == 0
    out = capsys.readouterr().out
    for path, what in ((loss, "loss curve"), (boundary, "decision boundary"), (network, "network")):
        assert f"{what} drawn to {path}" in out
    assert len(by_class(_svg(loss), "line")) == 1
    assert len(by_class(_svg(loss), "line")[0].get("d", "").split(" L")) == 4  # a point per epoch
    assert len(by_class(_svg(boundary), "point")) == 200  # every row of moons, training and test
    assert len(by_class(_svg(network), "weights")[0]) == 2 * 5 + 5 * 1


@pytest.mark.parametrize("data, reason", [("iris", "iris has 4 features"), ("sine", "sine is a regression task")])
def test_plot_boundary_refuses_other_data_before_training(
    data: str, reason: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["train", "--data", data, "--plot-boundary", str(tmp_path / "b.svg")])
    assert exit.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing trained, not even the plan printed
    assert captured.err.count("\n") == 1 and reason in captured.err
    assert "--plot-boundary draws classes in the plane of two features" in captured.err
    assert list(tmp_path.iterdir()) == []


def test_a_regression_network_is_drawn_with_its_target(tmp_path: pathlib.Path) -> None:
    network = tmp_path / "n.svg"
    assert main(["train", "--data", "sine", "--epochs", "2", "--quiet", "--plot-network", str(network)]) == 0
    labels = [e.text for e in by_class(_svg(network), "label")]
    assert "x" in labels and "y" in labels and "identity" in labels


def test_the_main_job_draws_its_loss_curve(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    loss = tmp_path / "loss.svg"
    assert main(["--epochs", "30", "--quiet", "--plot", str(loss)]) == 0
    assert f"loss curve drawn to {loss}" in capsys.readouterr().out
    root = _svg(loss)
    assert len(by_class(root, "line")[0].get("d", "").split(" L")) == 30


def test_plot_before_a_command_is_refused(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--plot", str(tmp_path / "x.svg"), "train", "--data", "xor"])
    assert "options before a command belong to the main job" in capsys.readouterr().err


def test_a_missing_directory_is_a_one_line_error(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--epochs", "3", "--quiet", "--plot", str(tmp_path / "no" / "loss.svg")]) == 1
    assert capsys.readouterr().err.startswith("purenn: error:")
