"""Each protection of issue 12 ("hard to break"), with a test that fails when the protection is removed.

Grouped as the issue groups them: files, interrupts, terminals, errors,
NaN, numerics, runaway inputs. The subprocess tests (Ctrl-C, kill, closed
pipes, terminal encodings) are in test_signals.py, the fuzzing in
test_fuzz.py.
"""

import contextlib
import errno
import io
import json
import math
import os
import pathlib
import stat
import sys
import warnings
from typing import List, Tuple

import pytest

from purenn import MLP, DataError, Matrix, PurennError, SingularMatrixError, TwoLayerNetwork, Vector
from purenn import det, fit_line, inverse, lstsq, rank, solve
from purenn.app import files
from purenn.app.cli import main
from purenn.app.modelfile import OverflowWarning, TrainedModel, load_model, save_model
from purenn.data import csvfile, writing
from purenn.data.csvfile import TooManyClasses, load_csv
from purenn.data.preprocessing import ColumnError, IdentityScaler, MinMaxScaler, StandardScaler
from purenn.nn.mlp import Layer
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


def test_an_unwritable_output_is_found_before_training(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_a_model_that_would_overflow_is_warned_about(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_cli_scaling_errors_name_the_file_and_column(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_the_readme_promises_the_limits_the_code_has() -> None:
    from purenn.app import modelfile
    from purenn.data.csvfile import MAX_CLASSES, MAX_FILE_BYTES

    text = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    promises = text.split("## What purenn promises")[1].split("\n## ")[0]
    assert f"(at most {modelfile.MAX_MODEL_BYTES // 2**20} MiB," in promises
    assert f"nested at most {modelfile.MAX_NESTING} deep" in promises
    assert f"numbers of at most {modelfile.MAX_NUMBER_TEXT} characters" in promises
    assert f"A CSV file over {MAX_FILE_BYTES // 2**20}\n  MiB" in promises
    assert f"over {MAX_CLASSES} classes" in promises
    assert "130\n  interrupted by Ctrl-C (143 for a kill)" in promises
