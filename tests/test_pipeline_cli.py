"""train_model (split, scale on the training part, train, score) and the train and predict commands."""

import contextlib
import csv
import io
import json
import math
import os
import pathlib
import random
import re
import subprocess
import sys
from typing import Any, List, Sequence, Tuple

import pytest

from purenn.data import datasets
from purenn.nn import metrics
from purenn.nn.losses import mean_squared_error
from purenn.app import modelfile
from purenn.app.cli import main
from purenn.data.datasets import DATASETS, Dataset, iris, moons, sine, spirals
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import HEADS, MLP, OUTPUT_FOR_TASK
from purenn.app.modelfile import load_model, save_model
from purenn.app.pipeline import MIN_TEST_ROWS, TrainConfig, _training_warnings, prepare, train_model
from purenn.nn.training import History
from purenn.data.preprocessing import MinMaxScaler, StandardScaler, train_test_split
from purenn.nn.schedules import Constant, Cyclical, StepDecay

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLASSIFICATION_KEYS = {"train_accuracy", "test_accuracy", "final_loss", "epochs_run"}
REGRESSION_KEYS = {"train_r2", "test_r2", "train_mse", "test_mse", "final_loss", "epochs_run"}
EPOCH_LINE = re.compile(r"^  epoch +(\d+)/\d+ \[[# ]*\] loss (\d+\.\d{4})  lr [^ ]+  elapsed .*, left .*$", re.MULTILINE)
SCORES = re.compile(r"^train accuracy (\d\.\d{4})   test accuracy (\d\.\d{4})$", re.MULTILINE)
QUICK = TrainConfig(layers=(8,), epochs=3)


def run(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The command's standard output; it must succeed and print nothing to standard error."""
    status = main(arguments)
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return out


def fails(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> Tuple[int, str]:
    """The exit status and standard error of a command that must fail."""
    try:
        status = main(arguments)
    except SystemExit as exit:  # argparse's usage errors
        assert isinstance(exit.code, int)
        status = exit.code
    out, err = capsys.readouterr()
    assert status != 0
    return status, err


def without_times(out: str) -> str:
    """The output with the progress lines' times, which vary from run to run, blanked out."""
    return re.sub(r"elapsed .*, left .*$", "elapsed ..., left ...", out, flags=re.MULTILINE)


def losses(out: str) -> List[Tuple[int, float]]:
    return [(int(epoch), float(loss)) for epoch, loss in EPOCH_LINE.findall(out)]


def line(out: str, start: str) -> str:
    """The one output line that starts with ``start`` (after indentation)."""
    found = [text.strip() for text in out.splitlines() if text.strip().startswith(start)]
    assert len(found) == 1, (start, out)
    return found[0]


def write_csv(path: pathlib.Path, header: List[str], rows: Sequence[Sequence[object]]) -> pathlib.Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def points(m: int, seed: int) -> List[Tuple[float, float]]:
    rng = random.Random(seed)
    return [(round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3)) for _ in range(m)]


# ---------------------------------------------------------------- pipeline


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_train_model_on_every_data_set(name: str) -> None:
    data = DATASETS[name]()
    result = train_model(data, QUICK)
    expected = REGRESSION_KEYS if data.task == "regression" else CLASSIFICATION_KEYS
    assert set(result.scores.as_dict()) == expected
    assert result.scores.epochs_run == 3 and isinstance(result.scores.epochs_run, int)
    assert result.history.epochs_run == 3
    assert result.scores.final_loss == result.history.loss[-1]
    assert math.isfinite(result.scores.final_loss)
    if data.task != "regression":
        train_accuracy, test_accuracy = result.scores.train_accuracy, result.scores.test_accuracy
        assert train_accuracy is not None and test_accuracy is not None
        assert 0.0 <= train_accuracy <= 1.0 and 0.0 <= test_accuracy <= 1.0
    network = result.model.network
    assert network.sizes == [data.X.shape[1], 8, data.Y.shape[1]]
    assert network.head.output == OUTPUT_FOR_TASK[data.task]
    assert result.model.task == data.task
    assert result.model.feature_names == data.feature_names
    assert result.model.class_names == data.class_names


def test_output_for_task() -> None:
    assert OUTPUT_FOR_TASK == {"binary": "sigmoid", "multiclass": "softmax", "regression": "identity"}
    # beside the pairings it names (nn), for the tasks data defines (nn may not import data)
    assert set(OUTPUT_FOR_TASK.values()) <= set(HEADS)
    assert modelfile.TASKS is datasets.TASKS and tuple(OUTPUT_FOR_TASK) == datasets.TASKS


def test_the_split_is_the_seeded_stratified_split() -> None:
    data = iris()
    result = train_model(data, TrainConfig(layers=(4,), epochs=1, seed=3, test_size=0.2))
    expected = train_test_split(data.X, data.Y, test_size=0.2, seed=3, stratify=True)
    assert result.parts.test is not None and result.parts.validation is None
    assert (result.parts.train.X, result.parts.train.Y) == (expected.X_train, expected.Y_train)
    assert (result.parts.test.X, result.parts.test.Y) == (expected.X_test, expected.Y_test)
    assert result.parts.test.Y.sum(axis=0).tolist() == [10.0, 10.0, 10.0]  # stratified: 10 of each 50
    assert result.parts.stratified


def test_the_scaler_is_fitted_on_the_training_part_only() -> None:
    data = iris()
    result = train_model(data, TrainConfig(layers=(4,), epochs=1))
    scaler = result.model.scaler
    assert isinstance(scaler, StandardScaler)
    assert scaler.mean == result.parts.train.X.mean(axis=0)
    assert scaler == StandardScaler.fit(result.parts.train.X)
    assert scaler.mean != data.X.mean(axis=0)  # the whole data set's mean would leak the test part


def test_minmax_and_target_scalers_are_fitted_on_the_training_part_only() -> None:
    data = moons()
    result = train_model(data, TrainConfig(layers=(4,), epochs=1, scale="minmax"))
    assert result.model.scaler == MinMaxScaler.fit(result.parts.train.X)
    assert result.model.scaler != MinMaxScaler.fit(data.X)
    regression = train_model(sine(), TrainConfig(layers=(4,), epochs=1))
    assert regression.model.target_scaler == StandardScaler.fit(regression.parts.train.Y)
    assert train_model(sine(), TrainConfig(layers=(4,), epochs=1, scale="none")).model.target_scaler is None


def test_the_scores_are_measured_on_each_part() -> None:
    result = train_model(moons(), TrainConfig(layers=(8,), epochs=5))
    model, train, test = result.model, result.parts.train, result.parts.test
    assert test is not None
    for accuracy, X, Y in ((result.scores.train_accuracy, train.X, train.Y), (result.scores.test_accuracy, test.X, test.Y)):
        guesses = [1 if p == "lower" else 0 for p in model.predict(X).classes]
        assert accuracy == metrics.accuracy(metrics.labels(Y), guesses)
    test_guesses = [1 if p == "lower" else 0 for p in model.predict(test.X).classes]
    assert result.test_labels == (metrics.labels(test.Y), test_guesses)
    regression = train_model(sine(), TrainConfig(layers=(8,), epochs=5))
    train, test = regression.parts.train, regression.parts.test
    assert test is not None
    # In the target's own units, not the standardised ones the network was trained on.
    assert regression.scores.test_mse == mean_squared_error(regression.model.outputs(test.X), test.Y)
    assert regression.scores.train_r2 == metrics.r2_score(train.Y, regression.model.outputs(train.X))


def test_patience_holds_out_a_validation_part() -> None:
    result = train_model(iris(), TrainConfig(layers=(8,), epochs=300, patience=3, learning_rate=0.2))
    history = result.history
    assert history.stopped_early and history.epochs_run < 300
    assert len(history.validation_loss) == history.epochs_run
    assert result.scores.epochs_run == history.epochs_run


def test_schedule_for() -> None:
    config = TrainConfig(learning_rate=0.2, epochs=100)
    assert config.schedule_for(10) == Constant(0.2)
    assert TrainConfig(learning_rate=0.2, epochs=100, schedule="step").schedule_for(10) == StepDecay(0.2, 0.5, 250)
    assert TrainConfig(learning_rate=0.2, epochs=3, schedule="step").schedule_for(10) == StepDecay(0.2, 0.5, 10)
    assert TrainConfig(learning_rate=0.2, schedule="cyclic").schedule_for(10) == Cyclical(0.05, 0.2, half_cycle=40)
    with pytest.raises(ValueError, match="unknown schedule 'cosine'; choose one of: constant, step, cyclic"):
        TrainConfig(schedule="cosine").schedule_for(10)


def test_an_unknown_scaling_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scaling 'robust'; choose one of: standard, minmax, none"):
        train_model(moons(), TrainConfig(scale="robust"))


# ------------------------------------------------------------ train command


def test_train_iris_default_output(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "iris"], capsys)
    assert out.startswith("purenn train: iris (150 rows, 4 features, 3 classes: setosa, versicolor, virginica)\n")
    assert line(out, "split") == "split     111 rows for training, 39 for testing (seed 0, stratified)"
    assert line(out, "scaling") == "scaling   standard, fitted on the training part"
    assert line(out, "network") == "network   4 -> 16 -> 8 -> 3, leaky_relu hidden, softmax output + categorical cross-entropy"
    assert line(out, "training") == "training  200 epochs, batches of 32, learning rate 0.01 (constant), momentum 0.9"
    assert [epoch for epoch, _ in losses(out)] == list(range(0, 200, 20)) + [199]
    scores = SCORES.search(out)
    assert scores is not None and float(scores.group(2)) > 0.9
    assert "test accuracy" in out
    assert re.search(r"^test precision \d\.\d{4}   recall \d\.\d{4}   F1 \d\.\d{4}   \(macro averages over classes\)$",
                     out, re.MULTILINE)
    assert "confusion matrix of the test part:" in out
    table = out.split("confusion matrix of the test part:\n")[1].splitlines()
    assert table[0].split() == ["true", "\\", "predicted", "setosa", "versicolor", "virginica"]
    counts = [[int(n) for n in row.split()[1:]] for row in table[1:4]]
    assert [row.split()[0] for row in table[1:4]] == ["setosa", "versicolor", "virginica"]
    assert [sum(row) for row in counts] == [13, 13, 13]  # every test flower once, by its true class


def test_quiet_prints_only_the_scores(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "moons", "--epochs", "3", "--quiet"], capsys)
    assert SCORES.fullmatch(out.strip())
    out = run(["train", "--data", "sine", "--epochs", "3", "--quiet"], capsys)
    assert re.fullmatch(r"train R² -?\d\.\d{4}   test R² -?\d\.\d{4}   test MSE \S+\n", out)


def test_metrics_json_for_classification(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scores.json"
    out = run(["train", "--data", "moons", "--epochs", "5", "--metrics-json", str(path)], capsys)
    assert f"scores written to {path}" in out
    scores = json.loads(path.read_text(encoding="utf-8"))
    assert set(scores) == CLASSIFICATION_KEYS
    assert scores["epochs_run"] == 5 and isinstance(scores["epochs_run"], int)
    printed = SCORES.search(out)
    assert printed is not None
    assert f"{scores['train_accuracy']:.4f}" == printed.group(1)
    assert f"{scores['test_accuracy']:.4f}" == printed.group(2)
    assert EPOCH_LINE.findall(out)[-1] == ("4", f"{scores['final_loss']:.4f}")  # the last epoch's loss


def test_metrics_json_for_regression(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scores.json"
    run(["train", "--data", "sine", "--epochs", "5", "--quiet", "--metrics-json", str(path)], capsys)
    scores = json.loads(path.read_text(encoding="utf-8"))
    assert set(scores) == REGRESSION_KEYS
    assert all(isinstance(value, float) for key, value in scores.items() if key != "epochs_run")


def test_multiclass_targets_get_softmax(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "spirals", "--epochs", "2"], capsys)
    assert line(out, "network") == "network   2 -> 16 -> 8 -> 3, leaky_relu hidden, softmax output + categorical cross-entropy"
    out = run(["train", "--data", "moons", "--epochs", "2"], capsys)
    assert line(out, "network") == "network   2 -> 16 -> 8 -> 1, leaky_relu hidden, sigmoid output + binary cross-entropy"
    out = run(["train", "--data", "sine", "--epochs", "2"], capsys)
    assert line(out, "network") == "network   1 -> 16 -> 8 -> 1, leaky_relu hidden, identity output + mean squared error"


# ---------------------------------------------------------- save and predict


def test_save_then_predict(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    model_path = tmp_path / "model.json"
    out = run(["train", "--data", "iris", "--epochs", "30", "--save", str(model_path), "--quiet"], capsys)
    assert out.endswith(f"model saved to {model_path}\n")
    model = load_model(model_path)
    data = iris()
    rows = [0, 1, 60, 61, 120, 121]
    # The columns in another order, plus one the model does not use: columns are found by name.
    header = ["species", "petal_width", "petal_length", "sepal_width", "sepal_length"]
    table = [[data.class_names[data.Y[i].argmax()]] + list(reversed(data.X[i].tolist())) for i in rows]
    new_rows = write_csv(tmp_path / "new.csv", header, table)
    out = run(["predict", str(model_path), str(new_rows)], capsys)
    lines = out.splitlines()
    assert lines[0].split() == ["row", "prediction", "p(setosa)", "p(versicolor)", "p(virginica)"]
    assert len(lines) == 1 + len(rows)
    expected = list(model.predict(data.X.take(rows)).classes)
    assert [text.split()[1] for text in lines[1:]] == expected
    assert [int(text.split()[0]) for text in lines[1:]] == [1, 2, 3, 4, 5, 6]
    assert expected[:2] == ["setosa", "setosa"] and expected[-2:] == ["virginica", "virginica"]

    output = tmp_path / "predictions.csv"
    out = run(["predict", str(model_path), str(new_rows), "--output", str(output)], capsys)
    assert out == f"6 predictions written to {output}\n"
    with output.open(newline="", encoding="utf-8") as file:
        written = list(csv.reader(file))
    assert written[0] == ["prediction", "p(setosa)", "p(versicolor)", "p(virginica)"]
    assert [row[0] for row in written[1:]] == expected
    probabilities = [[float(p) for p in row[1:]] for row in written[1:]]
    assert probabilities == model.outputs(data.X.take(rows)).tolist()  # every digit kept
    assert all(math.isclose(sum(row), 1.0, rel_tol=1e-12) for row in probabilities)


def test_predict_binary_and_regression(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["train", "--data", "moons", "--epochs", "5", "--save", str(tmp_path / "moons.json"), "--quiet"], capsys)
    new_rows = write_csv(tmp_path / "xy.csv", ["x1", "x2"], [[0.0, 1.0], [1.0, -0.5]])
    out = run(["predict", str(tmp_path / "moons.json"), str(new_rows)], capsys)
    assert out.splitlines()[0].split() == ["row", "prediction", "p(lower)"]
    for number, text in enumerate(out.splitlines()[1:], start=1):
        row, label, p = text.split()
        assert row == str(number) and 0.0 <= float(p) <= 1.0
        assert label == ("lower" if float(p) >= 0.5 else "upper")
    run(["train", "--data", "sine", "--epochs", "5", "--save", str(tmp_path / "sine.json"), "--quiet"], capsys)
    new_rows = write_csv(tmp_path / "x.csv", ["x"], [[0.5], [1.0], [-1.0]])
    out = run(["predict", str(tmp_path / "sine.json"), str(new_rows), "--output", str(tmp_path / "y.csv")], capsys)
    written = list(csv.reader((tmp_path / "y.csv").open(newline="", encoding="utf-8")))
    assert written[0] == ["y"]
    assert len(written) == 4 and all(math.isfinite(float(row[0])) for row in written[1:])


def test_predict_with_a_missing_feature_column(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    model_path = tmp_path / "model.json"
    run(["train", "--data", "iris", "--epochs", "2", "--save", str(model_path), "--quiet"], capsys)
    new_rows = write_csv(
        tmp_path / "new.csv", ["sepal_length", "sepal_width", "petal_length"], [[5.1, 3.5, 1.4]]
    )
    status, err = fails(["predict", str(model_path), str(new_rows)], capsys)
    assert status == 1
    assert err == (
        f"purenn: error: {new_rows} has no column named 'petal_width' (did you mean 'sepal_width'?); "
        "its columns are: 'sepal_length', 'sepal_width', 'petal_length'\n"
    )


def test_predict_with_a_bad_model_file(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    new_rows = write_csv(tmp_path / "new.csv", ["x"], [[1.0]])
    status, err = fails(["predict", str(tmp_path / "missing.json"), str(new_rows)], capsys)
    assert (status, err) == (1, f"purenn: error: {tmp_path / 'missing.json'}: no such file\n")
    status, err = fails(["predict", str(new_rows), str(new_rows)], capsys)
    assert status == 1 and err.startswith(f"purenn: error: {new_rows}: not a purenn model file (not valid JSON")


# ---------------------------------------------------------------- --csv


def test_csv_with_text_class_labels(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[x1, x2, "cat" if x1 + x2 > 0 else "dog"] for x1, x2 in points(40, seed=1)]
    path = write_csv(tmp_path / "pets.csv", ["x1", "x2", "kind"], rows)
    out = run(["train", "--csv", str(path), "--target", "kind", "--epochs", "20"], capsys)
    assert out.startswith("purenn train: pets (40 rows, 2 features, 2 classes: cat, dog)\n")
    assert line(out, "network").endswith("sigmoid output + binary cross-entropy")
    assert "true \\ predicted  cat  dog" in out


def test_csv_with_integer_class_labels(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[x1, x2, 1 + int(x1 > 0) + int(x2 > 0)] for x1, x2 in points(60, seed=2)]
    path = write_csv(tmp_path / "stars.csv", ["x1", "x2", "stars"], rows)
    out = run(["train", "--csv", str(path), "--target", "stars", "--epochs", "5"], capsys)
    assert out.startswith("purenn train: stars (60 rows, 2 features, 3 classes: 1, 2, 3)\n")
    assert line(out, "network") == "network   2 -> 16 -> 8 -> 3, leaky_relu hidden, softmax output + categorical cross-entropy"


def test_csv_with_a_numeric_target(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[x1, x2, round(3 * x1 - 2 * x2 + 0.5, 4)] for x1, x2 in points(50, seed=3)]
    path = write_csv(tmp_path / "houses.csv", ["x1", "x2", "price"], rows)
    metrics_path = tmp_path / "scores.json"
    out = run(
        ["train", "--csv", str(path), "--target", "price", "--epochs", "100", "--batch-size", "8",
         "--metrics-json", str(metrics_path)],
        capsys,
    )
    assert out.startswith("purenn train: houses (50 rows, 2 features, regression of price)\n")
    assert line(out, "network").endswith("identity output + mean squared error")
    assert "train R²" in out and "confusion" not in out
    scores = json.loads(metrics_path.read_text(encoding="utf-8"))
    assert set(scores) == REGRESSION_KEYS
    assert scores["train_r2"] > 0.9  # a plane is easy


def test_csv_needs_target_and_data_needs_none(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "d.csv", ["x", "y"], [[1, 0], [2, 1]])
    status, err = fails(["train", "--csv", str(path)], capsys)
    assert status == 2 and "--csv needs --target COLUMN: the column to predict" in err
    assert err.startswith("usage: purenn train")  # the train command's usage, not the main job's
    assert err.rstrip().endswith("purenn train: error: --csv needs --target COLUMN: the column to predict")
    status, err = fails(["train", "--data", "iris", "--target", "species"], capsys)
    assert status == 2 and "--target goes with --csv; a built-in data set knows its target" in err
    status, err = fails(["train", "--data", "iris", "--csv", str(path)], capsys)
    assert status == 2 and "not allowed with argument" in err
    status, err = fails(["train"], capsys)
    assert status == 2 and "one of the arguments --data --csv is required" in err


def test_csv_with_a_value_that_is_not_a_number(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "bad.csv", ["weight", "height", "kind"], [[4.2, 25, "cat"], [30.5, "tall", "dog"]])
    status, err = fails(["train", "--csv", str(path), "--target", "kind"], capsys)
    assert status == 1
    assert err.startswith(f"purenn: error: {path}, line 3, column 2 ('height'): 'tall' is not a number")


def test_csv_that_does_not_exist(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = fails(["train", "--csv", str(tmp_path / "none.csv"), "--target", "y"], capsys)
    assert status == 1 and err.startswith("purenn: error: ") and "none.csv" in err
    assert err == f"purenn: error: {tmp_path / 'none.csv'}: no such file\n"  # as for a missing model file
    model_path = tmp_path / "model.json"
    run(["train", "--data", "xor", "--epochs", "2", "--test-size", "0", "--save", str(model_path), "--quiet"], capsys)
    status, err = fails(["predict", str(model_path), str(tmp_path / "new.csv")], capsys)
    assert (status, err) == (1, f"purenn: error: {tmp_path / 'new.csv'}: no such file\n")


def test_files_that_cannot_be_written(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "no such folder"
    status, err = fails(["train", "--data", "xor", "--epochs", "2", "--test-size", "0", "--save", str(folder / "m.json")],
                        capsys)
    assert (status, err) == (1, f"purenn: error: {folder}: no such directory (the path given to --save)\n")
    status, err = fails(["train", "--data", "xor", "--epochs", "2", "--test-size", "0", "--metrics-json", str(tmp_path)],
                        capsys)
    assert (status, err) == (1, f"purenn: error: {tmp_path}: is a directory, not a file (the path given to --metrics-json)\n")


def test_csv_task_option(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Whole numbers with few values read as classes, unless --task says otherwise.
    rows = [[x1, x2, int(3 * abs(x1) + abs(x2))] for x1, x2 in points(60, seed=4)]
    path = write_csv(tmp_path / "counts.csv", ["x1", "x2", "count"], rows)
    guessed = run(["train", "--csv", str(path), "--target", "count", "--epochs", "2"], capsys)
    assert re.match(r"purenn train: counts \(60 rows, 2 features, \d+ classes: ", guessed)
    out = run(["train", "--csv", str(path), "--target", "count", "--task", "regression", "--epochs", "2"], capsys)
    assert out.startswith("purenn train: counts (60 rows, 2 features, regression of count)\n")
    assert line(out, "network").endswith("identity output + mean squared error")
    binary = write_csv(tmp_path / "flags.csv", ["x1", "x2", "flag"], [[x1, x2, int(x1 > 0)] for x1, x2 in points(40, 5)])
    out = run(["train", "--csv", str(binary), "--target", "flag", "--task", "multiclass", "--epochs", "2"], capsys)
    assert line(out, "network").endswith("softmax output + categorical cross-entropy")
    status, err = fails(["train", "--data", "iris", "--task", "regression"], capsys)
    assert status == 2 and err.startswith("usage: purenn train")
    assert "--task goes with --csv; the built-in data set 'iris' is multiclass" in err
    status, err = fails(["train", "--csv", str(path), "--target", "count", "--task", "binary"], capsys)
    assert status == 1 and "task='binary' needs exactly 2 classes" in err


def test_a_class_with_a_single_row_is_split_without_stratifying(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: List[List[object]] = [[x1, x2, "cat" if x1 > 0 else "dog"] for x1, x2 in points(40, seed=6)]
    rows[7][2] = "axolotl"
    path = write_csv(tmp_path / "pets.csv", ["x1", "x2", "kind"], rows)
    out = run(["train", "--csv", str(path), "--target", "kind", "--epochs", "2"], capsys)
    assert line(out, "split") == (
        "split     30 rows for training, 10 for testing (seed 0, not stratified: 1 class with a single row ('axolotl'))"
    )
    status = main(["train", "--csv", str(path), "--target", "kind", "--epochs", "2", "--patience", "5"])
    out, err = capsys.readouterr()
    assert line(out, "split").endswith("(seed 0, not stratified: 1 class with a single row ('axolotl'))")
    assert (status, err) == (0, "purenn: warning: --patience: early stopping watches a validation part of only 5 rows "
                                "(15% of the training rows), too few for its loss to say when to stop; use more data, "
                                "or leave out --patience\n")


def test_binary_scores_name_the_positive_class(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "moons", "--epochs", "3"], capsys)
    assert re.search(r"^test precision \d\.\d{4}   recall \d\.\d{4}   F1 \d\.\d{4}   \(positive class 'lower'\)$",
                     out, re.MULTILINE)


def test_counts_are_singular_for_one(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "line.csv", ["x", "y"], [[x1, round(2 * x1 + 1, 3)] for x1, _ in points(40, 7)])
    model_path = tmp_path / "line.json"
    out = run(["train", "--csv", str(path), "--target", "y", "--epochs", "2", "--save", str(model_path)], capsys)
    assert out.startswith("purenn train: line (40 rows, 1 feature, regression of y)\n")
    one = write_csv(tmp_path / "one.csv", ["x"], [[0.5]])
    out = run(["predict", str(model_path), str(one), "--output", str(tmp_path / "out.csv")], capsys)
    assert out == f"1 prediction written to {tmp_path / 'out.csv'}\n"


def test_train_help_shows_the_default_layers_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "(default: 16,8)" in out and "(16, 8)" not in out


def test_predict_regression_prints_numbers_and_writes_every_digit(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model_path = tmp_path / "sine.json"
    run(["train", "--data", "sine", "--epochs", "5", "--save", str(model_path), "--quiet"], capsys)
    new_rows = write_csv(tmp_path / "x.csv", ["x"], [[0.5], [1.0], [-3.0]])
    values = load_model(model_path).predict(Matrix([[0.5], [1.0], [-3.0]])).values
    out = run(["predict", str(model_path), str(new_rows)], capsys)
    lines = out.splitlines()
    assert lines[0].split() == ["row", "y"]
    assert [text.split() for text in lines[1:]] == [[str(n), f"{value:.6g}"] for n, value in enumerate(values, 1)]
    run(["predict", str(model_path), str(new_rows), "--output", str(tmp_path / "y.csv")], capsys)
    written = list(csv.reader((tmp_path / "y.csv").open(newline="", encoding="utf-8")))
    assert written == [["y"]] + [[repr(value)] for value in values]


# ---------------------------------------------------- unnamed classes, --test-size 0


@pytest.mark.parametrize("task", ["binary", "multiclass"])
def test_a_data_set_without_class_names_saves_and_predicts(task: str, tmp_path: pathlib.Path) -> None:
    base = moons(n_samples=40) if task == "binary" else iris()
    data = Dataset("unnamed", base.X, base.Y, base.feature_names, base.target_names, task=task)
    assert data.class_names == (("0", "1") if task == "binary" else base.target_names)
    result = train_model(data, TrainConfig(layers=(4,), epochs=3))
    save_model(result.model, tmp_path / "model.json")
    loaded = load_model(tmp_path / "model.json")
    assert loaded.predict(data.X).classes == result.model.predict(data.X).classes
    assert set(loaded.predict(data.X).classes) <= set(data.class_names)


def test_test_size_zero_trains_on_every_row(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scores.json"
    out = run(["train", "--data", "xor", "--test-size", "0", "--epochs", "300", "--learning-rate", "0.1",
               "--metrics-json", str(path)], capsys)
    assert line(out, "split") == "split     4 rows for training, none for testing (--test-size 0)"
    assert "train accuracy 1.0000   (no test part: --test-size 0)\n" in out
    assert "confusion matrix" not in out and "test accuracy" not in out
    scores = json.loads(path.read_text(encoding="utf-8"))
    assert set(scores) == {"train_accuracy", "final_loss", "epochs_run"}  # no test_ scores
    regression = run(["train", "--data", "sine", "--test-size", "0", "--epochs", "3", "--quiet",
                      "--metrics-json", str(path)], capsys)
    assert re.fullmatch(r"train R² -?\d\.\d{4}   train MSE \S+   \(no test part: --test-size 0\)", regression.splitlines()[0])
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"train_r2", "train_mse", "final_loss", "epochs_run"}
    result = train_model(moons(), TrainConfig(layers=(4,), epochs=2, test_size=0))
    assert result.parts.test is None and result.test_labels is None and len(result.parts.train.X) == 200
    assert result.scores.test_accuracy is None and result.scores.train_accuracy is not None


def test_test_size_zero_with_patience_holds_out_validation_rows(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "moons", "--test-size", "0", "--patience", "2", "--epochs", "3"], capsys)
    assert line(out, "split") == (
        "split     170 rows for training, 30 for validation (early stopping), none for testing (seed 0, stratified)"
    )


def test_a_small_test_part_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--data", "diabetes", "--epochs", "2", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("purenn: warning: the test part has only 4 rows, too few for its score to mean much")
    assert "--test-size 0 to train on every row" in err
    assert SCORES.fullmatch(out.strip())
    result = train_model(moons(n_samples=40), TrainConfig(layers=(4,), epochs=1))
    assert result.parts.test is not None and len(result.parts.test.X) == MIN_TEST_ROWS
    assert prepare(moons(n_samples=40), TrainConfig()).warnings == ()  # 10 test rows are enough


# ------------------------------------------------------------- the defaults


def test_the_defaults_train_the_spirals_steadily() -> None:
    # The old defaults (ReLU, learning rate 0.05) reached a loss of 0.06, then jumped to 8.6 and
    # ended with a test accuracy of 0.57 on this very run.
    result = train_model(spirals(), TrainConfig())
    losses = result.history.loss
    assert losses[-1] <= 1.5 * min(losses)
    assert result.scores.test_accuracy is not None and result.scores.test_accuracy > 0.9
    assert result.warnings == ()


def test_a_loss_that_ends_far_above_its_lowest_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--data", "spirals", "--activation", "relu", "--learning-rate", "0.05", "--quiet"]) == 0
    out, err = capsys.readouterr()
    # The digits vary a little with the interpreter (math.sumprod on 3.12+), the story does not.
    assert re.fullmatch(
        r"purenn: warning: the loss ended at 0\.6\d+, more than twice its lowest \(0\.05\d+ at epoch 57\): the steps "
        r"were too large for the end of training; try a smaller learning rate, e\.g\. --learning-rate 0\.025\n",
        err,
    )
    assert SCORES.fullmatch(out.strip())


def test_no_warning_when_the_lowest_loss_comes_late() -> None:
    history = History(loss=[1.0, 0.5] + [0.4] * 17 + [0.1])  # the lowest in the last 10% of the epochs
    assert _training_warnings(history, TrainConfig()) == ()
    rose = History(loss=[1.0, 0.1] + [0.3] * 18)
    assert len(_training_warnings(rose, TrainConfig())) == 1
    assert _training_warnings(History(loss=[1.0, 0.1] + [0.2] * 18), TrainConfig()) == ()  # twice, not more


# --------------------------------------------------------------- progress


def test_epoch_lines_are_printed_while_training(monkeypatch: pytest.MonkeyPatch) -> None:
    printed_when_training_ended: List[str] = []
    buffer = io.StringIO()
    original = MLP.fit

    def fit(network: MLP, *arguments: Any, **options: Any) -> History:
        history = original(network, *arguments, **options)
        printed_when_training_ended.append(buffer.getvalue())
        return history

    monkeypatch.setattr(MLP, "fit", fit)
    with contextlib.redirect_stdout(buffer):
        assert main(["train", "--data", "moons", "--epochs", "7"]) == 0
    [before] = printed_when_training_ended
    assert [epoch for epoch, _ in losses(before)] == list(range(7))
    assert losses(before) == losses(buffer.getvalue())
    assert "train accuracy" not in before and "train accuracy" in buffer.getvalue()


def test_train_model_reports_every_epoch() -> None:
    seen: List[Tuple[int, float]] = []
    result = train_model(moons(), TrainConfig(layers=(4,), epochs=5), on_epoch=lambda epoch, loss: seen.append((epoch, loss)))
    assert seen == list(enumerate(result.history.loss))


# ------------------------------------------------------------------ options


def moons_run(options: List[str], capsys: pytest.CaptureFixture[str]) -> str:
    return run(["train", "--data", "moons", "--epochs", "6", *options], capsys)


def test_layers_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert line(moons_run(["--layers", "16,8"], capsys), "network").startswith("network   2 -> 16 -> 8 -> 1,")
    assert line(moons_run(["--layers", "5"], capsys), "network").startswith("network   2 -> 5 -> 1,")
    assert line(moons_run(["--layers", "4,3,2"], capsys), "network").startswith("network   2 -> 4 -> 3 -> 2 -> 1,")
    assert line(moons_run(["--layers", ""], capsys), "network").startswith("network   2 -> 1,")  # no hidden layer


def test_activation_option(capsys: pytest.CaptureFixture[str]) -> None:
    default = moons_run([], capsys)
    for activation in ("sigmoid", "tanh", "relu"):
        out = moons_run(["--activation", activation], capsys)
        assert f", {activation} hidden," in line(out, "network")
        assert losses(out) != losses(default)


def test_epochs_option(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["train", "--data", "moons", "--epochs", "7"], capsys)
    assert [epoch for epoch, _ in losses(out)] == list(range(7))
    assert line(out, "training").startswith("training  7 epochs,")
    out = run(["train", "--data", "moons", "--epochs", "25"], capsys)
    assert [epoch for epoch, _ in losses(out)] == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]


def test_batch_size_option(capsys: pytest.CaptureFixture[str]) -> None:
    default = moons_run([], capsys)
    full = moons_run(["--batch-size", "0"], capsys)
    assert ", full batch," in line(full, "training")
    small = moons_run(["--batch-size", "5"], capsys)
    assert ", batches of 5," in line(small, "training")
    assert len({tuple(losses(out)) for out in (default, full, small)}) == 3


@pytest.mark.parametrize(
    "options, shown",
    [
        (["--learning-rate", "0.2"], "learning rate 0.2 (constant)"),
        (["--schedule", "step"], "learning rate 0.01 (step)"),
        (["--schedule", "cyclic"], "learning rate 0.01 (cyclic)"),
        (["--momentum", "0"], "momentum 0"),
        (["--momentum", "0.5"], "momentum 0.5"),
    ],
)
def test_training_options(options: List[str], shown: str, capsys: pytest.CaptureFixture[str]) -> None:
    default = moons_run([], capsys)
    out = moons_run(options, capsys)
    assert shown in line(out, "training")
    assert losses(out) != losses(default)


def test_step_schedule_halves_every_quarter() -> None:
    # 8 epochs on 150 training rows in batches of 150 (full batch): 1 update per epoch, halved every 2.
    config = TrainConfig(layers=(4,), epochs=8, batch_size=None, schedule="step", learning_rate=0.4)
    result = train_model(moons(), config)
    assert result.history.learning_rates == [0.4, 0.4, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05]


def test_test_size_option(capsys: pytest.CaptureFixture[str]) -> None:
    half = line(moons_run(["--test-size", "0.5"], capsys), "split")
    assert half.startswith("split     100 rows for training, 100 for testing")
    tenth = line(moons_run(["--test-size", "0.1"], capsys), "split")
    assert tenth.startswith("split     180 rows for training, 20 for testing")


def test_scale_option(capsys: pytest.CaptureFixture[str]) -> None:
    default = moons_run([], capsys)
    for scale in ("minmax", "none"):
        out = moons_run(["--scale", scale], capsys)
        assert line(out, "scaling") == f"scaling   {scale}, fitted on the training part"
        assert losses(out) != losses(default)


def test_seed_option(capsys: pytest.CaptureFixture[str]) -> None:
    default = moons_run([], capsys)
    same = moons_run(["--seed", "0"], capsys)
    assert without_times(same) == without_times(default)  # the same seed, the same run
    out = moons_run(["--seed", "3"], capsys)
    assert "(seed 3, stratified)" in line(out, "split")
    assert losses(out) != losses(default)


def test_patience_option(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scores.json"
    out = run(
        ["train", "--data", "iris", "--epochs", "300", "--learning-rate", "0.2", "--patience", "3",
         "--metrics-json", str(path)],
        capsys,
    )
    stopped = re.search(r"stopped early: the validation loss last improved at epoch (\d+); its weights were kept", out)
    assert stopped is not None
    epochs_run = json.loads(path.read_text(encoding="utf-8"))["epochs_run"]
    assert epochs_run == int(stopped.group(1)) + 1 + 3 < 300
    assert losses(out)[-1][0] == epochs_run - 1
    # 111 training rows (150 less 13 test flowers of each species), 6 of each species' 37 held out for validation
    assert line(out, "split") == "split     93 rows for training, 18 for validation (early stopping), 39 for testing (seed 0, stratified)"


def test_patience_holds_out_the_validation_rows_before_scaling() -> None:
    data = iris()
    result = train_model(data, TrainConfig(layers=(4,), epochs=2, patience=3))
    parts = result.parts
    assert parts.validation is not None and parts.test is not None
    split = train_test_split(data.X, data.Y, test_size=0.25, seed=0, stratify=True)
    held = train_test_split(split.X_train, split.Y_train, test_size=0.15, seed=0, stratify=True)
    assert (parts.train.X, parts.validation.X, parts.test.X) == (held.X_train, held.X_test, split.X_test)
    assert result.model.scaler == StandardScaler.fit(parts.train.X)  # not the validation rows
    assert result.model.scaler != StandardScaler.fit(split.X_train)
    assert len(parts.train.X) + len(parts.validation.X) + len(parts.test.X) == 150
    assert result.scores.train_accuracy == metrics.accuracy(
        metrics.labels(parts.train.Y), metrics.labels(result.model.outputs(parts.train.X))
    )


@pytest.mark.parametrize(
    "options, message",
    [
        (["--layers", "0"], "every layer needs at least 1 unit, got '0'"),
        (["--layers", "16,x"], "expected hidden layer sizes separated by commas, like 16,8; got '16,x'"),
        (["--epochs", "0"], "must be at least 1, got 0"),
        (["--batch-size", "-1"], "must be at least 0, got -1"),
        (["--learning-rate", "0"], "must be a positive number, got 0"),
        (["--momentum", "1"], "must be in [0, 1), got 1"),
        (["--test-size", "1"], "must be in [0, 1), got 1"),
        (["--test-size", "-0.1"], "must be in [0, 1), got -0.1"),
        (["--schedule", "cosine"], "invalid choice: 'cosine'"),
        (["--scale", "robust"], "invalid choice: 'robust'"),
        (["--activation", "gelu"], "invalid choice: 'gelu'"),
        (["--patience", "0"], "must be at least 1, got 0"),
    ],
)
def test_bad_option_values_exit_with_status_2(options: List[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = fails(["train", "--data", "xor", *options], capsys)
    assert status == 2
    assert message in err


# -------------------------------------------------------------- subprocess


def test_python_dash_m_purenn_train_in_a_subprocess() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "purenn", "train", "--data", "moons", "--epochs", "5", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert SCORES.fullmatch(completed.stdout.strip())


def test_a_tiny_test_part_is_warned_about_on_standard_error() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "purenn", "train", "--data", "xor", "--epochs", "50", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert SCORES.fullmatch(completed.stdout.strip())  # standard output keeps only the scores
    assert completed.stderr == (
        "purenn: warning: the test part has only 2 rows, too few for its score to mean much; use more data "
        "or a larger --test-size, or --test-size 0 to train on every row (for a table of every case there "
        "is, like xor or diabetes, nothing is unseen)\n"
    )


@pytest.mark.parametrize("arguments", [["--help"], ["train", "--help"], ["predict", "--help"]])
def test_help_prints_on_an_ascii_terminal(arguments: List[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "purenn", *arguments],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("usage: purenn")


def test_regression_scores_on_an_ascii_terminal() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "purenn", "train", "--data", "sine", "--epochs", "3"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert completed.returncode == 0, completed.stderr
    assert re.search(r"^train R\^2 -?\d\.\d{4}   test R\^2 -?\d\.\d{4}   test MSE \S+$", completed.stdout, re.MULTILINE)
    assert " |" in completed.stdout and "┤" not in completed.stdout  # the chart in ASCII too
