"""Each protection of issues 12 and 23 ("hard to break"), with a test that fails when the protection is removed.

Issue 12's are grouped as it groups them: files, interrupts, terminals,
errors, NaN, numerics, runaway inputs. Issue 23's follow, by its rules
(1 to 8), each reproduction it names with a test of its own. The
subprocess tests (Ctrl-C, kill, closed pipes and streams, terminal
encodings) are in test_signals.py, the fuzzing in test_fuzz.py.
"""

import csv
import errno
import json
import math
import os
import pathlib
import re
import signal
import stat
import subprocess
import sys
from typing import List, Sequence, Tuple
from xml.etree import ElementTree

import pytest

from purenn import MLP, Adam, Constant, DataError, Matrix, PurennError, ShapeError, SingularMatrixError
from purenn import TrainingDiverged
from purenn import TwoLayerNetwork, Vector, det, fit_line, gradient_check, inverse, lstsq, rank, solve
from purenn.app import files, modelfile, pipeline
from purenn.app.cli import train as train_command
from purenn.app.cli import main
from purenn.app.modelfile import OverflowWarning, TrainedModel, load_model, save_model
from purenn.data import csvfile, writing
from purenn.data.csvfile import TooManyClasses, load_csv
from purenn.data.preprocessing import ColumnError, IdentityScaler, MinMaxScaler, StandardScaler
from purenn.data.datasets import diabetes
from purenn.nn.metrics import r2_score
from purenn.linalg import matrix as matrix_module
from purenn.nn.mlp import Layer
from purenn.plot import svg
from purenn.nn import training
from purenn.nn.training import train

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")


def cli(arguments: List[str], capsys: pytest.CaptureFixture[str]) -> Tuple[int, str, str]:
    """(status, stdout, stderr) of the command line; a usage error's SystemExit gives its code."""
    try:
        status = main(arguments)
    except SystemExit as stop:
        status = int(stop.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    return path


def pets(path: pathlib.Path) -> pathlib.Path:
    rows = [f"{i % 5},{(i * 3) % 7},{'cat' if i % 2 else 'dog'}" for i in range(20)]
    return write(path, "x1,x2,kind\n" + "\n".join(rows) + "\n")


# ------------------------------------------------------------ 1. files


def test_save_over_the_training_data_is_refused_and_the_data_kept(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = pets(tmp_path / "data.csv")
    before = data.read_bytes()
    status, out, err = cli(["train", "--csv", str(data), "--target", "kind", "--epochs", "1", "--save", str(data)],
                           capsys)
    assert status == 2 and out == ""
    assert err.splitlines()[-1].endswith(f"--save {data} is the input --csv {data}: writing there would replace "
                                         "your data; give it a name of its own")
    assert data.read_bytes() == before


def test_two_outputs_on_one_path_are_refused(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "m.json")
    status, out, err = cli(["train", "--data", "xor", "--epochs", "1", "--save", path, "--metrics-json", path], capsys)
    assert status == 2 and out == "" and "is also --save" in err
    assert not os.path.exists(path)


def test_predict_output_may_not_replace_its_inputs(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = pets(tmp_path / "data.csv")
    model = tmp_path / "m.json"
    assert cli(["train", "--csv", str(data), "--target", "kind", "--epochs", "1", "--save", str(model), "--quiet"],
               capsys)[0] == 0
    for target in (data, model):
        before = target.read_bytes()
        status, _, err = cli(["predict", str(model), str(data), "--output", str(target)], capsys)
        assert status == 2 and "is the input" in err
        assert target.read_bytes() == before


def test_an_unwritable_output_is_found_before_training(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no folder" / "m.json"
    status, out, err = cli(["train", "--data", "iris", "--save", str(missing)], capsys)
    assert (status, out) == (1, "")  # nothing printed: no training ran
    assert err == f"purenn: error: {missing.parent}: no such directory (the path given to --save)\n"


def test_the_model_is_saved_before_scoring(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> float:
        raise RuntimeError("scoring failed")

    monkeypatch.setattr("purenn.app.pipeline.metrics.accuracy", broken)
    path = tmp_path / "m.json"
    with pytest.raises(RuntimeError):
        main(["train", "--data", "xor", "--epochs", "2", "--save", str(path), "--quiet"])
    assert load_model(path).task == "binary"


@POSIX
def test_check_output_rules(tmp_path: pathlib.Path) -> None:
    assert files.check_output(tmp_path / "new.json") == "new"
    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    assert files.check_output(tmp_path / "old.json") == "replace"
    assert files.check_output("/dev/null") == "stream"
    os.symlink(tmp_path / "old.json", tmp_path / "link.json")
    with pytest.raises(OSError, match="a symbolic link to"):
        files.check_output(tmp_path / "link.json")
    with pytest.raises(IsADirectoryError):
        files.check_output(tmp_path)
    with pytest.raises(FileNotFoundError, match="empty path"):
        files.check_output("")


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write a read-only file")
def test_a_read_only_file_is_not_replaced(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "keep.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(PermissionError):
        files.write_atomically(path, "[]")
    assert path.read_text(encoding="utf-8") == "{}"


@POSIX
def test_a_symlink_is_refused_and_left_as_it_is(tmp_path: pathlib.Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("{}", encoding="utf-8")
    os.symlink(target, tmp_path / "link.json")
    with pytest.raises(OSError):
        files.write_atomically(tmp_path / "link.json", "[]")
    assert os.path.islink(tmp_path / "link.json") and target.read_text(encoding="utf-8") == "{}"


@POSIX
def test_a_stream_is_written_to_not_replaced() -> None:
    files.write_atomically("/dev/null", "anything\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@POSIX
def test_replacing_keeps_the_permissions(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o600)
    files.write_atomically(path, "[]")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_text(encoding="utf-8") == "[]"


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    failure: BaseException, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.json"
    path.write_text("old", encoding="utf-8")

    def full_disk(fd: int, data: bytes) -> int:
        raise failure

    monkeypatch.setattr(writing.os, "write", full_disk)
    with pytest.raises(type(failure)):
        files.write_atomically(path, "new")
    assert os.listdir(tmp_path) == ["m.json"] and path.read_text(encoding="utf-8") == "old"


# ------------------------------------------------------ 2. interrupts


class Interrupting:
    """An MLP whose loss_and_gradients raises KeyboardInterrupt at one call: Ctrl-C in the middle of an epoch."""

    def __init__(self, network: MLP, at_call: int) -> None:
        self.network = network
        self.calls = 0
        self.at_call = at_call

    def parameters(self):  # type: ignore[no-untyped-def]
        return self.network.parameters()

    def set_parameters(self, parameters) -> None:  # type: ignore[no-untyped-def]
        self.network.set_parameters(parameters)

    def evaluate(self, X: Matrix, Y: Matrix) -> float:
        return self.network.evaluate(X, Y)

    def loss_and_gradients(self, X: Matrix, Y: Matrix):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == self.at_call:
            raise KeyboardInterrupt
        return self.network.loss_and_gradients(X, Y)


def xor_data() -> Tuple[Matrix, Matrix]:
    return Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), Matrix([[0], [1], [1], [0]])


def test_an_interrupt_at_the_end_of_an_epoch_keeps_that_epoch() -> None:
    X, Y = xor_data()
    finished = MLP([2, 3, 1], seed=0)
    train(finished, X, Y, epochs=3, learning_rate=0.5)

    def stop_after_third(epoch: int, loss: float) -> None:
        if epoch == 2:
            raise KeyboardInterrupt

    stopped = MLP([2, 3, 1], seed=0)
    history = train(stopped, X, Y, epochs=100, learning_rate=0.5, on_epoch=stop_after_third)
    assert history.interrupted and history.epochs_run == 3
    assert stopped.parameters() == finished.parameters()


def test_an_interrupt_inside_an_epoch_goes_back_to_the_last_whole_epoch() -> None:
    X, Y = xor_data()
    finished = MLP([2, 3, 1], seed=0)
    train(finished, X, Y, epochs=2, learning_rate=0.5, batch_size=2)
    model = Interrupting(MLP([2, 3, 1], seed=0), at_call=6)  # two batches per epoch: the 2nd batch of epoch 3
    history = train(model, X, Y, epochs=100, learning_rate=0.5, batch_size=2)
    assert history.interrupted and history.epochs_run == 2
    assert model.parameters() == finished.parameters()


# ---------------------------------------------------- 3. every terminal


def test_predictions_csv_is_safe_for_spreadsheets(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f"{i % 5},{(i * 3) % 7},{'=cmd|calc' if i % 2 else '@two' + chr(10) + 'lines'}" for i in range(20)]
    data = tmp_path / "data.csv"
    with open(data, "w", encoding="utf-8", newline="") as file:
        file.write("x1,x2,kind\n")
        for row in rows:
            x1, x2, kind = row.split(",", 2)
            file.write(f'{x1},{x2},"{kind}"\n')
    model, output = tmp_path / "m.json", tmp_path / "p.csv"
    assert cli(["train", "--csv", str(data), "--target", "kind", "--epochs", "1", "--save", str(model), "--quiet"],
               capsys)[0] == 0
    assert cli(["predict", str(model), str(data), "--output", str(output)], capsys)[0] == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "prediction,p(@two\\nlines)"  # binary: the second class's probability; p( runs nothing
    assert len(lines) == 21  # one line per row: no newline inside a cell
    assert all(line.split(",")[0] in ("'=cmd|calc", "'@two\\nlines") for line in lines[1:])


# ------------------------------------------ 4. only purenn's own errors


def test_sums_overflow_to_inf_everywhere() -> None:
    assert Vector([1e308, 1e308]).sum() == math.inf
    assert Vector([1e308, 1e308]).mean() == math.inf
    assert Matrix([[1e308, 1e308]]).sum() == math.inf
    assert Matrix([[1e308], [1e308]]).sum(axis=0) == Vector([math.inf])
    assert math.isnan(Vector([math.inf, -math.inf]).sum())
    assert (Vector([1e308]) * 10).sum() == math.inf  # the same answer as the elementwise product's


@pytest.mark.parametrize("values", [[math.nan, 1.0, 2.0], [1.0, math.nan, 2.0], [1.0, 2.0, math.nan]])
def test_max_and_min_see_nan_wherever_it_is(values: List[float]) -> None:
    v = Vector(values)
    assert math.isnan(v.max()) and math.isnan(v.min())
    assert v.argmax() == v.argmin() == values.index(next(x for x in values if x != x))
    M = Matrix([values])
    assert math.isnan(M.max()) and math.isnan(M.min()) and math.isnan(M.max(axis=1)[0])
    assert M.argmax(axis=1) == (v.argmax(),)


def test_model_files_within_limits(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(DataError, match="nested over 16 deep"):
        load_model(deep)
    digits = write(tmp_path / "digits.json", '{"format": "purenn-model", "version": ' + "9" * 5000 + "}")
    with pytest.raises(DataError, match="a number of 5000 digits; the limit is 1000"):
        load_model(digits)
    with pytest.raises(DataError, match="a NUL byte"):
        load_model("/dev/zero" if os.path.exists("/dev/zero") else write(tmp_path / "zero", "\0"))
    model = tmp_path / "m.json"
    save_model(TrainedModel(MLP([1, 1], seed=0), IdentityScaler(), ("x",), "binary", ("a", "b"), "y"), model)
    monkeypatch.setattr("purenn.app.modelfile.MAX_MODEL_BYTES", 100)
    with pytest.raises(DataError, match="over the limit of 100 bytes for a purenn model file"):
        load_model(model)


def test_a_model_that_would_overflow_is_warned_about(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = MLP.from_layers([Layer(Matrix([[1e306]]), Vector([0.0])), Layer(Matrix([[1e306]]), Vector([0.0]))],
                              activation="relu", output="identity")
    path = tmp_path / "huge.json"
    save_model(TrainedModel(network, IdentityScaler(), ("x",), "regression", (), "y"), path)
    with pytest.warns(OverflowWarning, match="the weights of layer 1 are so large"):
        load_model(path)
    data = write(tmp_path / "rows.csv", "x\n1\n0\n")
    status, out, err = cli(["predict", str(path), str(data)], capsys)
    assert status == 1 and out == ""
    assert err.startswith("purenn: warning: ") and "purenn: error: " in err
    assert err.splitlines()[-1].startswith(
        f"purenn: error: {data}: the model's output for 1 row (1) is not a finite number (row 1 gives inf)")


# ------------------------------------------------------- 5. no silent NaN


@pytest.mark.parametrize("make", [lambda: MLP([2, 2, 1], seed=0), lambda: TwoLayerNetwork(2, 2, 1, seed=0)])
def test_nan_in_training_data_is_named_by_row_and_column(make) -> None:  # type: ignore[no-untyped-def]
    X = Matrix([[0.0, 1.0], [1.0, math.nan]])
    with pytest.raises(DataError, match=r"X\[1, 1\] is nan: an input must be a finite number"):
        make().fit(X, Matrix([[0.0], [1.0]]), epochs=2)


def test_nan_in_a_regression_target_is_named() -> None:
    with pytest.raises(DataError, match=r"Y\[0, 0\] is inf"):
        MLP([1, 1], output="identity", seed=0).fit(Matrix([[1.0]]), Matrix([[math.inf]]), epochs=2)


def test_predict_refuses_values_that_overflow_when_scaled(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    narrow = [f"{(i % 5) / 10},{i % 3},{'cat' if i % 2 else 'dog'}" for i in range(20)]  # x1's spread is 0.14
    data = write(tmp_path / "data.csv", "x1,x2,kind\n" + "\n".join(narrow) + "\n")
    model = tmp_path / "m.json"
    assert cli(["train", "--csv", str(data), "--target", "kind", "--epochs", "1", "--save", str(model), "--quiet"],
               capsys)[0] == 0
    rows = write(tmp_path / "huge.csv", "x1,x2\n1,1\n1e308,-1e308\n")
    status, out, err = cli(["predict", str(model), str(rows)], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"purenn: error: {rows}, data row 2, column 'x1': 1e+308 is so far outside")


# -------------------------------------------------------- 6. numerics


def test_row_scaled_systems_are_solved() -> None:
    A = Matrix([[1e16, 0.0], [0.0, 1.0]])
    assert solve(A, Vector([1e16, 2.0])) == Vector([1.0, 2.0])
    assert det(A) == 1e16 and rank(A) == 2
    assert inverse(A) == Matrix([[1e-16, 0.0], [0.0, 1.0]])
    assert solve(Matrix([[1e-200, 1e-200], [1.0, -1.0]]), Vector([2e-200, 0.0])).allclose(Vector([1.0, 1.0]))


def test_singular_systems_are_still_refused_at_any_scale() -> None:
    for scale in (1e-150, 1.0, 1e150):
        with pytest.raises(SingularMatrixError):
            solve(Matrix([[1.0, 2.0], [2.0, 4.0]]) * scale, Vector([1.0, 2.0]))
        assert rank(Matrix([[1.0, 2.0], [2.0, 4.0]]) * scale) == 1


def test_subnormal_and_non_finite_pivots_are_refused() -> None:
    with pytest.raises(SingularMatrixError, match="subnormal"):
        solve(Matrix([[1e-310, 0.0], [0.0, 1.0]]), Vector([1.0, 1.0]))
    with pytest.raises(PurennError, match="every entry must be finite"):
        solve(Matrix([[math.nan, 0.0], [0.0, 1.0]]), Vector([1.0, 1.0]))
    with pytest.raises(PurennError, match="every entry must be finite"):
        lstsq(Matrix([[1.0], [math.inf]]), Vector([1.0, 1.0]))


def test_det_does_not_overflow_on_the_way() -> None:
    assert det(Matrix([[2.0**1000, 0, 0], [0, 2.0**1000, 0], [0, 0, 2.0**-1000]])) == 2.0**1000
    assert det(Matrix([[1e200, 0], [0, 1e200]])) == math.inf


def test_fit_line_far_from_zero() -> None:
    xs = [1e15 + i for i in range(5)]
    slope, _ = fit_line(xs, [2 * x + 1 for x in xs])
    assert slope == 2.0
    assert fit_line([1e-300, 2e-300], [1.0, 2.0])[0] == pytest.approx(1e300, rel=1e-15)


@pytest.mark.parametrize("values", [[1e200, -1e200, 3e199], [1e-300, 2e-300, 3e-300], [-1e300, 1e300]])
def test_standard_scaling_of_extreme_columns(values: List[float]) -> None:
    X = Matrix([[x] for x in values])
    scaled = StandardScaler.fit(X).transform(X)
    assert all(math.isfinite(x) for x in scaled.column(0))
    assert abs(scaled.mean()) < 1e-15 and math.isclose(math.sqrt((scaled ** 2).mean()), 1.0, rel_tol=1e-15)


def test_scaling_errors_name_the_column() -> None:
    with pytest.raises(ColumnError, match="column 1 of X: row 0 is nan"):
        StandardScaler.fit(Matrix([[1.0, math.nan]]))
    with pytest.raises(ColumnError, match="column 0 of X: its values range wider than the largest float"):
        MinMaxScaler.fit(Matrix([[-1.7e308], [1.7e308]]))


def test_cli_scaling_errors_name_the_file_and_column(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"{'-1.7e308' if i % 2 else '1.7e308'},{i},{'a' if i % 2 else 'b'}" for i in range(12)]
    data = write(tmp_path / "wide.csv", "w,x,y\n" + "\n".join(rows) + "\n")
    status, _, err = cli(["train", "--csv", str(data), "--target", "y", "--scale", "minmax"], capsys)
    assert status == 1
    assert err == ("purenn: error: wide: feature 'w': its values range wider than the largest float "
                   "(about 1.8e308), too wide to scale\n")


# ------------------------------------------------- 7. runaway inputs


def test_an_id_column_is_not_a_class_label(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write(tmp_path / "ids.csv", "x,id\n" + "".join(f"{i % 7},{1000 + i}\n" for i in range(100)))
    names = write(tmp_path / "names.csv", "x,name\n" + "".join(f"{i % 7},n{i}\n" for i in range(100)))
    with pytest.raises(TooManyClasses, match="task='regression'") as numeric:
        load_csv(data, "id", task="multiclass")
    assert numeric.value.classes == 100 and numeric.value.rows == 100 and numeric.value.numeric
    assert "--" not in str(numeric.value)  # the library names no flag
    status, out, err = cli(["train", "--csv", str(names), "--target", "name"], capsys)
    assert (status, out) == (1, "")
    assert err.endswith("not a class label; choose another column with --target\n")
    status, _, err = cli(["train", "--csv", str(data), "--target", "id", "--task", "multiclass"], capsys)
    assert err.endswith("predict it as a number with --task regression, or choose another column with --target\n")


def test_a_file_past_the_limit_is_refused_unread(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = pets(tmp_path / "data.csv")
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 64)
    with pytest.raises(DataError, match="over the limit of 64 bytes for a CSV file"):
        load_csv(data, "kind")
    if os.path.exists("/dev/zero"):
        with pytest.raises(DataError, match="/dev/zero, byte 0: a NUL byte"):
            load_csv("/dev/zero", "kind")


def test_a_tiny_test_part_is_warned_about_with_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(["train", "--data", "xor", "--epochs", "1"], capsys)
    assert status == 0 and err.startswith("purenn: warning: ") and "--test-size" in err


# ------------------------------------------------------------ README


def readme_promises() -> str:
    text = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    return " ".join(text.split("## What purenn promises")[1].split("\n## ")[0].split())  # wherever lines break



def test_the_readme_promises_the_limits_the_code_has() -> None:
    from purenn.app import modelfile
    from purenn.data.csvfile import MAX_CLASSES, MAX_FILE_BYTES

    promises = readme_promises()
    assert f"(at most {modelfile.MAX_MODEL_BYTES // 2**20} MiB," in promises
    assert f"nested at most {modelfile.MAX_NESTING} deep" in promises
    assert f"numbers of at most {modelfile.MAX_NUMBER_TEXT} characters" in promises
    assert f"A CSV file over {MAX_FILE_BYTES // 2**20} MiB" in promises
    assert f"over {MAX_CLASSES} classes" in promises
    assert "130 interrupted by Ctrl-C (143 for a kill)" in promises
    assert f"more than {training.DIVERGED_RISE:g} times the first epoch's" in promises
    assert f"a CSV file of over {csvfile.MAX_CELLS:,} cells, one-hot targets of over {csvfile.MAX_CELLS:,}" in promises
    assert f"holding over {pipeline.MAX_NUMBERS:,} numbers at once" in promises
    assert f"a `Matrix` of over {matrix_module.MAX_ENTRIES:,} entries" in promises
    shown = train_command.REPORT_CLASSES
    assert f"A report of over {shown} classes names the first {shown}" in promises


# ====================================================== issue 23, by rule
# ---------------------------------------- 1. no silent wrong answer


def four_rows() -> Tuple[Matrix, Matrix]:
    return Matrix([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), Matrix([[0.0], [1.0], [1.0], [0.0]])


@pytest.mark.parametrize("make, usual", [(lambda: TwoLayerNetwork(2, 2, seed=0), "1"),
                                         (lambda: MLP([2, 2, 1], seed=0), "0.1")])
def test_a_clipped_loss_is_divergence_and_the_advice_is_a_sensible_rate(
    make, usual
) -> None:  # type: ignore[no-untyped-def]
    X, Y = four_rows()
    with pytest.raises(TrainingDiverged) as diverged:  # the loss used to stay at 50.0, clamped, every epoch
        make().fit(X, Y, epochs=20, learning_rate=1e300)
    assert "at epoch 1 (update 1, learning rate 1e+300) the loss rose to 50, more than 20 times" in str(diverged.value)
    assert str(diverged.value).endswith(f"Try a smaller learning rate, such as {usual}.")  # not 1e+299


def test_the_article_network_at_rate_100_diverges_as_training_says(monkeypatch: pytest.MonkeyPatch) -> None:
    data = diabetes()
    with pytest.raises(TrainingDiverged, match=r"at epoch 3 \(update 3, learning rate 100\) the loss rose to 16\.81, "
                                               r"more than 20 times the first epoch's \(0\.8223\)"):
        TwoLayerNetwork(4, 4, 1, seed=0).fit(data.X, data.Y, epochs=1500, learning_rate=100.0)
    assert round(16.81 / 0.8223, 1) == 20.4  # "20.4 times the first" (nn/training.py, DIVERGED_RISE)
    monkeypatch.setattr(training, "DIVERGED_RISE", math.inf)  # without the check it swings and never settles
    losses = TwoLayerNetwork(4, 4, 1, seed=0).fit(data.X, data.Y, epochs=30, learning_rate=100.0).loss
    assert max(losses) == 56.25 and 0.69 < min(losses[1:]) < 0.7 and losses[-1] > 2


def test_the_main_job_with_a_huge_learning_rate_reports_no_final_loss(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(["--learning-rate", "1e308", "--quiet"], capsys)
    assert (status, out) == (1, "")  # it used to exit 0 with "final loss 43.7500"
    assert err.startswith("purenn: error: training diverged: at epoch 1 ") and err.count("\n") == 1
    assert "Try a smaller learning rate, such as 1." in err


@pytest.mark.parametrize("rate, error, message", [
    (1e308, TrainingDiverged, "training diverged"),
    (-1.0, PurennError, "the learning-rate schedule gave -1.0 for update 0; a learning rate must be a positive"),
    (math.nan, PurennError, "the learning-rate schedule gave nan for update 0"),
    ("x", TypeError, "the learning-rate schedule gave 'x' for update 0; a rate is a number"),
])
def test_a_schedule_must_give_positive_finite_rates(rate: object, error: type, message: str) -> None:
    X, Y = four_rows()
    with pytest.raises(error, match=re.escape(message)):
        MLP([2, 2, 1], seed=0).fit(X, Y, epochs=3, learning_rate=lambda step: rate)


@pytest.mark.parametrize("make", [lambda: MLP([2, 2, 1], seed=0), lambda: TwoLayerNetwork(2, 2, seed=0)])
@pytest.mark.parametrize("threshold", [0, 1, 1.5, -0.1, math.nan, math.inf])
def test_a_threshold_outside_0_1_is_refused(make, threshold: float) -> None:  # type: ignore[no-untyped-def]
    X, _ = four_rows()
    with pytest.raises(PurennError, match=r"threshold must be above 0 and below 1 .*got "):
        make().predict(X, threshold=threshold)
    with pytest.raises(TypeError, match="threshold must be a number between 0 and 1, got 'x'"):
        make().predict(X, threshold="x")


def test_an_optimizer_with_a_learning_rate_it_would_ignore_is_refused() -> None:
    X, Y = four_rows()
    with pytest.raises(TypeError, match=r"optimizer must be an optimiser of purenn\.nn\.optim.*got 'adam' \(a str\)"):
        MLP([2, 3, 1], seed=0).fit(X, Y, epochs=2, optimizer="adam")
    with pytest.raises(PurennError, match=r"learning_rate=0\.5 would replace the rate 0\.01 the optimizer was given"):
        MLP([2, 3, 1], seed=0).fit(X, Y, epochs=2, optimizer=Adam(learning_rate=0.01), learning_rate=0.5)
    MLP([2, 3, 1], seed=0).fit(X, Y, epochs=2, optimizer=Adam(learning_rate=0.01), learning_rate=0.01)  # the same
    MLP([2, 3, 1], seed=0).fit(X, Y, epochs=2, optimizer=Adam(), learning_rate=Constant(0.02))  # a schedule sets it


@pytest.mark.parametrize("optimizer, rate", [("adamw", None), ("sgd", "0.1")])
def test_a_weight_decay_that_takes_a_whole_weight_per_update_is_refused(
    optimizer: str, rate: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["train", "--data", "iris", "--epochs", "3", "--optimizer", optimizer, "--weight-decay", "1e300"]
    status, out, err = cli(argv + (["--learning-rate", rate] if rate else []), capsys)
    assert (status, out) == (2, "")  # it used to blame the learning rate: "training diverged ... Try 0.0003"
    alpha = 0.003 if rate is None else 0.1
    assert err.splitlines()[-1] == (
        f"purenn train: error: --weight-decay 1e+300 with learning rate {alpha:g} takes {alpha * 1e300:g} times each "
        "weight from it at every update, all of it or more, instead of pulling it a little towards 0: use a weight "
        f"decay below {1 / alpha:.3g}")
    assert cli(argv[:-1] + ["0.5"] + (["--learning-rate", rate] if rate else []) + ["--quiet"], capsys)[0] == 0


def test_gradient_check_refuses_a_step_of_zero() -> None:
    X, Y = four_rows()
    with pytest.raises(PurennError, match=r"epsilon must be above 0 and below 1 .*got 0"):
        gradient_check(MLP([2, 2, 1], seed=0), X, Y, epsilon=0)
    with pytest.raises(TypeError, match="epsilon must be a number"):
        gradient_check(MLP([2, 2, 1], seed=0), X, Y, epsilon="small")


# ------------------------------------- 2. text from a file is only text


HOSTILE = ["\x1b[2J\x1b[31mred", "two\nlines", "<b>&amp;\"]]>", "\u202eevil", "ok"]
"""Class or column names that would clear a terminal, forge a line, break XML or turn text around."""


def hostile_csv(path: pathlib.Path, classes: Sequence[str] = HOSTILE[:3]) -> pathlib.Path:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["x\x1b[2J", "<y>&", "label"])
        for i in range(30):
            writer.writerow([i % 5, (i * 7) % 3, classes[i % len(classes)]])
    return path


def test_train_prints_names_from_a_file_escaped(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = hostile_csv(tmp_path / "data.csv", HOSTILE)
    status, out, err = cli(["train", "--csv", str(data), "--target", "label", "--epochs", "2"], capsys)
    assert status == 0, err
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2J\\x1b[31mred" in out and "two\\nlines" in out and "\\u202eevil" in out
    assert not [line for line in out.splitlines() if line.startswith("lines")]  # no line forged by a name


def test_predict_prints_the_output_path_escaped(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "m.json"
    assert cli(["train", "--data", "xor", "--epochs", "1", "--quiet", "--save", str(model)], capsys)[0] == 0
    rows = write(tmp_path / "rows.csv", "a,b\n0,1\n")
    output = tmp_path / "out\x1b[2J\nforged.csv"
    status, out, err = cli(["predict", str(model), str(rows), "--output", str(output)], capsys)
    assert status == 0, err
    assert out == f"1 prediction written to {tmp_path}/out\\x1b[2J\\nforged.csv\n"
    assert output.read_text(encoding="utf-8").startswith("prediction,p(1)\n")


def test_an_error_line_stays_one_line_whatever_the_path(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "two\nlines\x1b[2J.csv")
    status, out, err = cli(["train", "--csv", path, "--target", "y"], capsys)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "\x1b" not in err
    assert err.startswith("purenn: error: ") and "two\\nlines\\x1b[2J.csv: no such file" in err


@pytest.mark.parametrize("argv, last", [
    (["train", "--data", "xor", "--save", "\x1b[31mm", "--metrics-json", "\x1b[31mm"],
     "purenn train: error: --metrics-json \\x1b[31mm is also --save \\x1b[31mm: writing there would replace one "
     "file with the other; give it a name of its own"),
    (["train", "--csv", "two\nlines.csv", "--target", "y", "--save", "two\nlines.csv"],
     "purenn train: error: --save two\\nlines.csv is the input --csv two\\nlines.csv: writing there would replace "
     "your data; give it a name of its own"),
    (["--plot", "\x1b[2J.svg", "train", "--data", "xor"],
     "purenn: error: --plot \\x1b[2J.svg: options before a command belong to the main job, which 'train' does not "
     "run; a command's options go after its name (see purenn train --help)"),
])
def test_a_usage_error_prints_paths_escaped(
    argv: List[str], last: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = cli(argv, capsys)
    assert (status, out) == (2, "")
    assert "\x1b" not in err and err.splitlines()[-1] == last and err.endswith(last + "\n")


def test_every_figure_is_well_formed_xml_whatever_the_names(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = hostile_csv(tmp_path / "data.csv")
    figures = [tmp_path / name for name in ("loss.svg", "boundary.svg", "network.svg")]
    status, _, err = cli(["train", "--csv", str(data), "--target", "label", "--epochs", "2", "--quiet",
                          "--plot-loss", str(figures[0]), "--plot-boundary", str(figures[1]),
                          "--plot-network", str(figures[2])], capsys)
    assert status == 0, err
    for figure in figures:
        root = ElementTree.parse(str(figure)).getroot()  # raises on anything that is not XML
        texts = " ".join(element.text or "" for element in root.iter())
        assert "\\x1b[2J" in texts and "<y>&" in texts or figure.name == "loss.svg"
    assert svg.escape("\x00\x07\ud800\ufffe") == "\\x00\\x07\\ud800\\ufffe"


# ------------------------------------ 3. numbers as a spreadsheet reads them


@pytest.mark.parametrize("cell, why", [
    ("1_000", "(an underscore does not belong in a number: write 1000, not 1_000)"),
    ("3_5", "(an underscore does not belong in a number: write 1000, not 1_000)"),
    ("\u0663\u0665", "(it has digits other than 0 to 9)"),
    ("\uff11", "(it has digits other than 0 to 9)"),
])
def test_python_only_numbers_are_refused_with_line_column_and_text(tmp_path: pathlib.Path, cell: str, why: str) -> None:
    data = write(tmp_path / "d.csv", f"a,b,y\n1,2,x\n3,{cell},z\n")
    with pytest.raises(DataError) as refused:
        load_csv(data, "y")
    assert str(refused.value).startswith(f"{data}, line 3, column 2 ('b'): {cell!r} is not a number {why}")


def test_a_number_with_a_non_breaking_space_is_refused(tmp_path: pathlib.Path) -> None:
    data = write(tmp_path / "d.csv", "a,y\n 1 ,x\n2\t,z\n1\u00a0000,x\n")  # float() reads "1\xa0" as 1
    with pytest.raises(DataError) as refused:
        load_csv(data, "y")
    assert str(refused.value).startswith(f"{data}, line 4, column 1 ('a'): '1\\xa0000' is not a number (it holds a "
                                         "space other than a plain one, such as a non-breaking space: remove it)")
    assert load_csv(write(tmp_path / "e.csv", "a,y\n 1 ,x\n2\t,z\n"), "y").X.tolist() == [[1.0], [2.0]]


def test_spreadsheet_numbers_are_read() -> None:
    assert [csvfile._parse(text) for text in ("+1.5E3", "-.5", "7.", "0012")] == [1500.0, -0.5, 7.0, 12.0]
    assert csvfile._as_number("1_000") is None  # as a target: a text label, not 1000


# ------------------------------------------------ 4. no traceback, ever


def test_the_main_job_runs_inside_the_error_handler(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(["--hidden", "1000000000000"], capsys)
    assert (status, out) == (1, "")
    assert err == ("purenn: error: a network of layer sizes 4 -> 1000000000000 -> 1 trained on 16 rows would hold "
                   "about 72,000,000,000,052 numbers at once, over the limit of 20,000,000 (some 0.5 to 1 GB in "
                   "plain Python): use fewer or smaller hidden layers, or fewer rows\n")


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_plot_to_a_full_device_is_one_line_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(["--epochs", "3", "--quiet", "--plot", "/dev/full"], capsys)
    assert status == 1
    assert err == "purenn: error: --plot /dev/full: [Errno 28] No space left on device\n"


def test_memory_error_anywhere_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def exhausted(*args: object, **kwargs: object) -> int:
        raise MemoryError

    monkeypatch.setattr("purenn.app.mainjob.run", exhausted)
    status, _, err = cli(["--quiet"], capsys)
    assert status == 1 and err == ("purenn: error: out of memory: the data or the network is too large for "
                                   "this computer\n")


@pytest.mark.parametrize("values", [[1e-300, 2e-300, 3e-300], [5e-324, 1e-323, 1.5e-323], [1e200, -1e200, 3e199]])
def test_r2_of_tiny_and_huge_targets(values: List[float]) -> None:
    Y = Matrix([[y] for y in values])
    assert r2_score(Y, Y) == 1.0  # it used to divide by an SS_tot that underflowed to 0
    assert r2_score(Y, Matrix([[sum(values) / 3]] * 3)) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("scale, said", [(1e306, "over 1.8e+308 (beyond the floats)"),
                                          (1e-310, "below 5e-324 (beyond the floats)")])
def test_an_mse_beyond_the_floats_is_said_so_and_the_metrics_file_stays_json(
    scale: float, said: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"{i},{(-1) ** i * (i + 1) * scale:.6g}\n" for i in range(40))
    data = write(tmp_path / "far.csv", "x,y\n" + rows)
    metrics = tmp_path / "scores.json"
    status, out, err = cli(["train", "--csv", str(data), "--target", "y", "--task", "regression", "--epochs", "3",
                            "--quiet", "--metrics-json", str(metrics)], capsys)
    assert status == 0, err
    assert out.splitlines()[0].endswith(f"test MSE {said}")  # it printed "inf" and "0"
    scores = json.loads(metrics.read_text(encoding="utf-8"), parse_constant=lambda name: pytest.fail(name))
    if scale > 1:  # the file held Infinity, which is not JSON
        assert scores["test_mse"] is None and scores["train_mse"] is None
    assert math.isfinite(scores["test_r2"]) and math.isfinite(scores["train_r2"])


def test_huge_weights_do_not_overflow_the_overflow_check(tmp_path: pathlib.Path) -> None:
    network = MLP.from_layers([Layer(Matrix([[1e308, 1e308], [1e308, 1e308]]), Vector([1e308, 0.0])),
                               Layer(Matrix([[1.0], [1.0]]), Vector([0.0]))], activation="relu", output="identity")
    path = tmp_path / "huge.json"
    save_model(TrainedModel(network, IdentityScaler(), ("a", "b"), "regression", (), "y"), path)
    with pytest.warns(OverflowWarning, match="the weights of layer 1 are so large"):  # not an OverflowError
        load_model(path)


def test_library_calls_with_a_wrong_path_name_the_argument() -> None:
    with pytest.raises(TypeError, match=r"path must be a file's path \(a str or a pathlib\.Path\), got None"):
        load_csv(None, "y")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"path must be a model file's path .*got 3"):
        load_model(3)  # type: ignore[arg-type]


# ------------------------------------------ 5. cost bounded by the input


def test_twenty_thousand_classes_of_two_rows_are_refused_before_the_one_hot(tmp_path: pathlib.Path) -> None:
    rows = "".join(f"{i % 7},c{i // 2}\n" for i in range(40_000))
    data = write(tmp_path / "classes.csv", "x,label\n" + rows)
    assert data.stat().st_size < 400_000
    with pytest.raises(DataError) as refused:  # it used to build a 40,000 x 20,000 one-hot matrix
        load_csv(data, "label")
    assert str(refused.value).endswith(
        "20,000 classes in 40,000 rows: their one-hot targets (a row of 20,000 numbers for each row) would hold "
        "800,000,000 numbers, over the limit of 10,000,000; choose a target with fewer classes, or use a sample "
        "of the rows")


def test_ten_million_hidden_units_are_refused_before_anything_is_built(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(["train", "--data", "iris", "--layers", "10000000"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith("purenn: error: a network of layer sizes 4 -> 10000000 -> 3 trained on 150 rows would "
                          "hold about ") and "over the limit of 20,000,000" in err


def test_predictions_too_large_are_refused_before_the_pass(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A 12 MB model of 300,000 hidden units and a 6 KB file of 3,000 rows would need 1.8 billion numbers
    # (pipeline.check_prediction_size's example); here the same rule is met, smaller, under a lower limit.
    model = tmp_path / "wide.json"
    network = MLP([2, 50, 1], output="identity", seed=0)
    save_model(TrainedModel(network, IdentityScaler(), ("a", "b"), "regression", (), "y"), model)
    rows = write(tmp_path / "rows.csv", "a,b\n" + "1,2\n" * 10)
    monkeypatch.setattr(pipeline, "MAX_NUMBERS", 1_000)  # 2 * 10 rows * (50 + 1) units = 1,020

    def never(*args: object) -> None:
        raise AssertionError("the pass was made")

    monkeypatch.setattr(TrainedModel, "predict", never)
    status, out, err = cli(["predict", str(model), str(rows)], capsys)
    assert (status, out) == (1, "")
    assert err == ("purenn: error: predicting 10 rows with a network of layer sizes 2 -> 50 -> 1 would hold about "
                   "1,020 numbers at once, over the limit of 1,000 (some 0.5 to 1 GB in plain Python): predict fewer "
                   "rows at a time\n")


def test_a_matrix_too_large_is_refused_before_it_is_allocated() -> None:
    with pytest.raises(ShapeError, match=r"a \(100000, 100000\) Matrix would have 10,000,000,000 entries, over "
                                         r"the limit of 100,000,000"):
        Matrix.zeros(10**5, 10**5)
    with pytest.raises(ShapeError, match="over the limit"):
        Matrix.normal(10**5, 10**4, rng=0)


def test_a_99_mib_csv_is_refused_by_its_cell_count_before_its_cells_are_built(tmp_path: pathlib.Path) -> None:
    data = tmp_path / "big.csv"
    with open(data, "wb") as file:  # 99 MiB of "0,0,...": some 52 million cells, gigabytes as Python objects
        file.write(b"a,b\n")
        line = b"0," * 511 + b"0\n"
        for _ in range(99 * 1024 * 1024 // len(line)):
            file.write(line)
    lines = 99 * 1024 * 1024 // 1024
    assert lines * 512 + 2 == 51_904_514  # the cells; the bound counts its commas and line ends, plus one
    with pytest.raises(DataError, match=r"big\.csv has about 51,904,515 cells, over the limit of 10,000,000"):
        load_csv(data, "a")


def test_quoted_commas_are_counted_as_the_csv_module_reads_them(tmp_path: pathlib.Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "MAX_CELLS", 12)
    quoted = write(tmp_path / "q.csv", 'x,y\n1,"a,b,c,d,e,f"\n2,"g,h,i,j,k,l"\n')  # 6 cells, 15 commas
    assert load_csv(quoted, "y").X.shape == (2, 1)
    many = write(tmp_path / "m.csv", "x,y\n" + "1,a\n" * 6 + '7,"b"\n')
    with pytest.raises(DataError, match=r"m\.csv has 16 cells, over the limit of 12"):
        load_csv(many, "y")


def test_a_report_of_many_classes_is_summarised(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write(tmp_path / "many.csv", "x,label\n" + "".join(f"{i % 40},k{i % 40:02}\n" for i in range(160)))
    status, out, _ = cli(["train", "--csv", str(data), "--target", "label", "--epochs", "1"], capsys)
    assert status == 0
    assert "40 classes: k00, k01," in out and ", ... (10 more))" in out
    assert "the confusion matrix of the test part has 40 classes, too many to print (at most 30)" in out
    assert "true \\ predicted" not in out and len(out) < 5000


def test_the_model_nesting_check_is_linear_in_an_unclosed_string() -> None:
    assert modelfile._nesting('"' + '\\"' * 500_000 + "[[") == 0  # quadratic, this would run for hours
    assert modelfile._nesting('{"a": [[1, "]]"], "\\\\"]}') == 3


# --------------------------------------------------------- 6. signals


@POSIX
@pytest.mark.parametrize("where", ["saving", "scoring", "printing"])
def test_ctrl_c_after_training_stops_with_130_and_keeps_the_model(
    where: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ctrl_c() -> None:
        os.kill(os.getpid(), signal.SIGINT)

    if where == "saving":  # during the write: the save finishes, then the run stops
        real_fsync = writing.os.fsync

        def fsync(fd: int) -> None:
            ctrl_c()
            real_fsync(fd)

        monkeypatch.setattr(writing.os, "fsync", fsync)
    elif where == "scoring":
        real_accuracy = pipeline.metrics.accuracy

        def accuracy(*args: object) -> float:
            ctrl_c()
            return real_accuracy(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline.metrics, "accuracy", accuracy)
    else:
        real_line_chart = train_command.line_chart

        def line_chart(*args: object, **kwargs: object) -> str:
            ctrl_c()
            return real_line_chart(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(train_command, "line_chart", line_chart)
    path = tmp_path / "m.json"
    status, _, err = cli(["train", "--data", "xor", "--epochs", "3", "--save", str(path)], capsys)
    assert status == 130 and err.rstrip().endswith("purenn: interrupted")  # it used to be swallowed: exit 0
    assert load_model(path).task == "binary" and os.listdir(tmp_path) == ["m.json"]


@POSIX
def test_ctrl_c_before_training_stops_with_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_load(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(train_command, "prepare", interrupted_load)
    status, out, err = cli(["train", "--data", "xor"], capsys)
    assert status == 130 and err == "\npurenn: interrupted\n"


@POSIX
def test_temporary_files_of_a_killed_run_go_at_the_next_write(tmp_path: pathlib.Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=subprocess.PIPE, check=True)
    dead = int(ended.stdout)
    left = tmp_path / f".purenn-{dead}-0123456789abcdef.tmp"  # what SIGKILL during a save leaves
    mine = tmp_path / f".purenn-{os.getpid()}-0123456789abcdef.tmp"  # a write under way in this process
    other = tmp_path / ".purenn-notes.tmp"  # not a name purenn gives
    for path in (left, mine, other):
        path.write_text("partial", encoding="utf-8")
    assert writing.stale_temporaries(str(tmp_path)) == 1
    files.write_atomically(tmp_path / "m.json", "{}\n")
    assert sorted(os.listdir(tmp_path)) == sorted(["m.json", mine.name, other.name])


def test_the_readme_says_what_sigkill_can_leave_behind() -> None:
    promises = readme_promises()
    assert "SIGKILL" in promises and ".purenn-PID-XXXXXXXXXXXXXXXX.tmp" in promises
    assert "removes those whose process has ended" in promises


# ------------------------------------------------- 7. every writer alike


def test_the_data_reach_the_disk_before_the_rename(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: List[str] = []
    real_fsync, real_replace = writing.os.fsync, writing.os.replace

    def fsync(fd: int) -> None:
        events.append(f"fsync {os.fstat(fd).st_size} bytes")
        real_fsync(fd)

    def replace(source: str, target: str) -> None:
        events.append(f"replace {os.path.basename(target)}")
        real_replace(source, target)

    monkeypatch.setattr(writing.os, "fsync", fsync)
    monkeypatch.setattr(writing.os, "replace", replace)
    files.write_atomically(tmp_path / "m.json", "0123456789")
    assert events == ["fsync 10 bytes", "replace m.json"]


@POSIX
@pytest.mark.parametrize("kind", ["model", "metrics", "figure", "predictions"])
def test_every_writer_honours_the_umask_and_keeps_permissions(
    kind: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "model.json"
    assert cli(["train", "--data", "xor", "--epochs", "1", "--save", str(model), "--quiet"], capsys)[0] == 0
    rows = write(tmp_path / "rows.csv", "a,b\n0,1\n")  # the columns of the xor table
    target = tmp_path / "out"
    argv = {
        "model": ["train", "--data", "xor", "--epochs", "1", "--quiet", "--save", str(target)],
        "metrics": ["train", "--data", "xor", "--epochs", "1", "--quiet", "--metrics-json", str(target)],
        "figure": ["train", "--data", "xor", "--epochs", "1", "--quiet", "--plot-loss", str(target)],
        "predictions": ["predict", str(model), str(rows), "--output", str(target)],
    }[kind]
    previous = os.umask(0o027)
    try:
        assert cli(argv, capsys)[0] == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o640  # a new file: 0666 less the umask
        target.chmod(0o604)
        assert cli(argv, capsys)[0] == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o604  # a replaced file keeps its own
    finally:
        os.umask(previous)
    assert os.listdir(tmp_path) != [] and not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


@pytest.mark.parametrize("option", ["--save", "--metrics-json", "--plot-loss", "--plot-network", "--output"])
def test_a_failed_write_names_the_option_and_the_file(
    option: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full_disk(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    model, rows = inputs / "m.json", write(inputs / "rows.csv", "a,b\n0,1\n")
    assert cli(["train", "--data", "xor", "--epochs", "1", "--quiet", "--save", str(model)], capsys)[0] == 0
    path = str(tmp_path / "out")
    monkeypatch.setattr(writing.os, "write", full_disk)
    command = ["predict", str(model), str(rows)] if option == "--output" else ["train", "--data", "xor", "--quiet"]
    status, _, err = cli(command + [option, path], capsys)
    assert status == 1
    assert err.splitlines()[-1] == f"purenn: error: {option} {path}: [Errno 28] No space left on device"
    assert os.listdir(tmp_path) == ["inputs"]


# ----------------------------------------- 8. messages name the real cause


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf16_or_utf32_csv_is_named_as_such(encoding: str, tmp_path: pathlib.Path) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes("x,y\n1,a\n2,b\n".encode(encoding))
    with pytest.raises(DataError) as refused:  # not "a NUL byte ... not a CSV file", nor UTF-32 called UTF-16
        load_csv(data, "y")
    assert str(refused.value) == (f"{data}: {encoding[:6].upper()} text; a CSV file is read as UTF-8: save it as "
                                  "UTF-8 (in a spreadsheet: CSV UTF-8)")


def test_a_value_that_scales_to_infinity_is_named_by_value_not_by_a_shuffled_row(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "".join(f"{(i % 5) / 1000},{i % 3},{'a' if i % 2 else 'b'}\n" for i in range(40))
    data = write(tmp_path / "far.csv", "x1,x2,y\n" + rows + "1e308,1,a\n")
    messages = set()
    for seed in range(4):  # the row lands in the test part for some seeds, in the training part for others
        status, _, err = cli(["train", "--csv", str(data), "--target", "y", "--epochs", "1", "--quiet",
                              "--seed", str(seed)], capsys)
        assert status in (0, 1) and "X[" not in err and "row 8" not in err
        if status == 1:
            messages.add(err)
    assert messages == {"purenn: error: far: feature 'x1': the value 1e+308 (in a row of the test part) is so far "
                        "outside the training rows that scaling it, as they are scaled, gives inf; remove that row, "
                        "or train without scaling\n"}


def test_patience_on_tiny_data_does_not_blame_test_size(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(["train", "--data", "xor", "--patience", "3", "--epochs", "2"], capsys)
    assert status == 1 and "test_size" not in err.splitlines()[-1]
    assert err.splitlines()[-1] == ("purenn: error: early stopping (patience) holds out 15% of the training rows to "
                                    "watch, but 2 training rows cannot be divided so (the part held out would be "
                                    "empty): use more data, or train without early stopping")


def test_model_file_messages_name_the_field(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "m.json"
    save_model(TrainedModel(MLP([2, 3, 2], output="softmax", seed=0), IdentityScaler(), ("a", "b"), "multiclass",
                            ("x", "y"), "c"), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for field, change, message in [
        ("class_names", lambda d: d.__setitem__("class_names", ["x", "x"]),
         "\"class_names\" names the class 'x' twice"),
        ("feature_names", lambda d: d.__setitem__("feature_names", ["y", "y"]),  # it read column y as both
         "\"feature_names\" names the column 'y' twice"),
        ("W1", lambda d: d["layers"][0].__setitem__("W", [[1.0, 2.0, 3.0], [1.0]]),
         "W1 (the weights of layer 1): row 1"),
        ("sizes", lambda d: d["architecture"].__setitem__("sizes", [2, "3", 2]), '"sizes" must be an array of whole'),
    ]:
        broken = json.loads(json.dumps(document))
        change(broken)
        (tmp_path / "b.json").write_text(json.dumps(broken), encoding="utf-8")
        with pytest.raises(DataError) as refused:
            load_model(tmp_path / "b.json")
        assert str(refused.value).startswith(f"{tmp_path / 'b.json'}: {message}"), field
