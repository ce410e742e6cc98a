"""Reading data sets from CSV files (purenn/data/csvfile.py).

Every file is written to pytest's tmp_path. Error tests match the whole
message: it must name the file, the line, the column and the value.
"""

import pathlib
import re
from typing import Union

import pytest

from purenn.data.csvfile import MAX_CLASSES, load_csv, load_csv_features
from purenn.data.datasets import IRIS_CSV, iris
from purenn.errors import DataError
from purenn.linalg.matrix import Matrix


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally, as the whole message."""
    return "^" + re.escape(text) + "$"


def write(folder: pathlib.Path, content: Union[str, bytes], name: str = "data.csv") -> pathlib.Path:
    path = folder / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


PETS = "weight,height,kind\n4.2,25,cat\n30.5,60,dog\n5,23,cat\n"


# ------------------------------------------------------------ reading a table


def test_text_labels_make_a_binary_task(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, PETS, "pets.csv"), target="kind")
    assert data.name == "pets"
    assert data.task == "binary"
    assert data.X == Matrix([[4.2, 25], [30.5, 60], [5, 23]])
    assert data.Y == Matrix([[0], [1], [0]])
    assert data.feature_names == ("weight", "height")
    assert data.target_names == ("kind",)
    assert data.class_names == ("cat", "dog")
    assert data.description == (
        f"Read from {tmp_path / 'pets.csv'}: 3 rows, 2 feature columns and the target column 'kind'. "
        "Task: binary, because the target values are text."
    )


def test_three_text_labels_make_a_multiclass_task(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "x,animal\n1,dog\n2,cat\n3,bird\n4,cat\n")
    data = load_csv(path, target="animal")
    assert data.task == "multiclass"
    assert data.class_names == data.target_names == ("bird", "cat", "dog")
    assert data.Y == Matrix([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]])


def test_the_target_column_may_be_anywhere(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, "y,a,b\n1,2,3\n0,5,6\n"), target="y")
    assert data.X == Matrix([[2, 3], [5, 6]])
    assert data.feature_names == ("a", "b")
    assert data.Y == Matrix([[1], [0]])
    assert data.class_names == ("0", "1")


def test_whole_numbers_with_few_values_are_classes(tmp_path: pathlib.Path) -> None:
    rows = "".join(f"{i},{i % 3 + 1}\n" for i in range(9))
    data = load_csv(write(tmp_path, "x,stars\n" + rows), target="stars")
    assert data.task == "multiclass"
    assert data.class_names == ("1", "2", "3")
    assert "whole numbers with 3 distinct values (at most 20 are read as classes)" in data.description


def test_numeric_classes_sort_numerically_and_1_equals_1_0(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, "x,y\n1,10\n2,2\n3,2.0\n4,1e1\n5,3\n"), target="y")
    assert data.class_names == ("2", "3", "10")
    assert data.Y.argmax(axis=1) == (2, 0, 0, 2, 1)


def test_more_than_max_classes_whole_numbers_is_regression(tmp_path: pathlib.Path) -> None:
    assert MAX_CLASSES == 20
    few = "".join(f"{i},{i}\n" for i in range(20))
    many = "".join(f"{i},{i}\n" for i in range(21))
    assert load_csv(write(tmp_path, "x,y\n" + few, "few.csv"), target="y").task == "multiclass"
    data = load_csv(write(tmp_path, "x,y\n" + many, "many.csv"), target="y")
    assert data.task == "regression"
    assert data.Y.column(0).tolist() == [float(i) for i in range(21)]
    assert data.class_names == ()
    assert "whole numbers with 21 distinct values (over 20)" in data.description


def test_fractional_numbers_are_regression(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, "x,price\n1,1.5\n2,2.5\n3,1.5\n"), target="price")
    assert data.task == "regression"
    assert data.Y == Matrix([[1.5], [2.5], [1.5]])
    assert data.target_names == ("price",)
    assert data.description.endswith("Task: regression, because the target values are numbers, not all whole.")


def test_task_can_be_forced(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "x,y\n1,0\n2,1\n3,1\n")
    regression = load_csv(path, target="y", task="regression")
    assert regression.task == "regression" and regression.Y == Matrix([[0], [1], [1]])
    assert regression.description.endswith("Task: regression, because task='regression' was given.")
    multiclass = load_csv(path, target="y", task="multiclass")
    assert multiclass.task == "multiclass"
    assert multiclass.Y == Matrix([[1, 0], [0, 1], [0, 1]])
    assert multiclass.class_names == multiclass.target_names == ("0", "1")
    binary = load_csv(write(tmp_path, "x,y\n1,0.5\n2,1.5\n", "halves.csv"), target="y", task="binary")
    assert binary.class_names == ("0.5", "1.5") and binary.Y == Matrix([[0], [1]])


def test_path_may_be_a_str_or_a_path(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, PETS)
    assert load_csv(str(path), target="kind") == load_csv(path, target="kind")


def test_iris_csv_reads_the_same_as_datasets_iris() -> None:
    data = load_csv(IRIS_CSV, target="species")
    reference = iris()
    assert (data.X, data.Y, data.feature_names, data.class_names, data.task) == (
        reference.X, reference.Y, reference.feature_names, reference.class_names, reference.task
    )


# ------------------------------------------------------------ file format


def test_byte_order_mark_crlf_and_blank_trailing_lines(tmp_path: pathlib.Path) -> None:
    content = b"\xef\xbb\xbfweight,height,kind\r\n4.2,25,cat\r\n30.5,60,dog\r\n\r\n\r\n"
    data = load_csv(write(tmp_path, content), target="kind")
    assert data.feature_names == ("weight", "height")
    assert data.X.shape == (2, 2)


def test_rows_with_nothing_in_them_are_skipped(tmp_path: pathlib.Path) -> None:
    # Spreadsheets save empty rows as commas alone.
    data = load_csv(write(tmp_path, "\na,y\n1,0\n\n,\n  \n2,1\n,\n"), target="y")
    assert data.X == Matrix([[1], [2]])


def test_spaces_around_names_and_values_are_ignored(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, "a , y\n 1 , no \n2,yes\n"), target="y")
    assert data.feature_names == ("a",)
    assert data.class_names == ("no", "yes")
    assert data.X == Matrix([[1], [2]])


def test_quoted_values(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, 'a,"the, label"\n"1.5","x, y"\n2,z\n'), target="the, label")
    assert data.X == Matrix([[1.5], [2]])
    assert data.class_names == ("x, y", "z")


# ------------------------------------------------------------ errors in cells


def test_missing_feature_value(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight,height,kind\n4.2,25,cat\n30.5,60,dog\n5,,cat\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 4, column 2 ('height'): the cell is empty (a missing value); fill it in or remove the row"
    )):
        load_csv(path, target="kind")


def test_missing_target_value(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight,height,kind\n4.2,25,cat\n30.5,60, \n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3, column 3 ('kind'): the cell is empty (a missing target); fill it in or remove the row"
    )):
        load_csv(path, target="kind")


def test_non_numeric_feature(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight,colour,kind\n4.2,3,cat\n30.5,brown,dog\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3, column 2 ('colour'): 'brown' is not a number; every feature must be numeric "
        "(turn a text category into numbers first, e.g. one 0/1 column per category)"
    )):
        load_csv(path, target="kind")


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_nan_and_infinity_features_are_rejected(tmp_path: pathlib.Path, value: str) -> None:
    path = write(tmp_path, f"a,b,y\n1,2,0\n3,{value},1\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3, column 2 ('b'): {value!r} is not a finite number; NaN and infinity are not "
        "allowed, fill in a real value or remove the row"
    )):
        load_csv(path, target="y")


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_nan_and_infinity_targets_are_rejected(tmp_path: pathlib.Path, value: str) -> None:
    path = write(tmp_path, f"a,y\n1,0.5\n2,{value}\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3, column 2 ('y'): {value!r} is not a finite number; NaN and infinity are not "
        "allowed as targets, fill in a real value or remove the row"
    )):
        load_csv(path, target="y")


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, 'a,note,y\n1,"two\nlines",0\n\n2,ok,1\nx,ok,1\n')
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 6, column 1 ('a'): 'x' is not a number; every feature must be numeric "
        "(turn a text category into numbers first, e.g. one 0/1 column per category)"
    )):
        load_csv_features(path, ["a"])
    # A row that spans lines is named by the line it starts on.
    with pytest.raises(DataError, match=f"^{re.escape(str(path))}, line 2, column 2 \\('note'\\): 'two\\\\nlines'"):
        load_csv_features(path, ["note"])


# ----------------------------------------------------------- errors in shape


@pytest.mark.parametrize(
    "row, count",
    [("30.5,60", "2 fields"), ("30.5,60,dog,extra", "4 fields"), ("30.5", "1 field")],
)
def test_row_with_the_wrong_number_of_fields(tmp_path: pathlib.Path, row: str, count: str) -> None:
    path = write(tmp_path, f"weight,height,kind\n4.2,25,cat\n{row}\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3: {count}, but the header (line 1) has 3 columns; every row needs one value "
        "per column (a value that contains a comma must be in double quotes)"
    )):
        load_csv(path, target="kind")


def test_a_header_of_one_column_is_counted_in_the_singular(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight\n4.2,25\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 2: 2 fields, but the header (line 1) has 1 column; every row needs one value "
        "per column (a value that contains a comma must be in double quotes)"
    )):
        load_csv_features(path, ["weight"])


def test_the_description_counts_in_the_singular_too(tmp_path: pathlib.Path) -> None:
    data = load_csv(write(tmp_path, "x,kind\n1,a\n2,b\n"), target="kind")
    assert data.description.startswith(f"Read from {tmp_path / 'data.csv'}: 2 rows, 1 feature column and the target")


def test_target_column_not_in_the_header(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, PETS)
    with pytest.raises(DataError, match=exactly(
        f"{path} has no column named 'knid' (did you mean 'kind'?); its columns are: 'weight', 'height', 'kind'"
    )):
        load_csv(path, target="knid")
    with pytest.raises(DataError, match=exactly(
        f"{path} has no column named 'Kind' (did you mean 'kind'?); its columns are: 'weight', 'height', 'kind'"
    )):
        load_csv(path, target="Kind")
    with pytest.raises(DataError, match=exactly(
        f"{path} has no column named 'label'; its columns are: 'weight', 'height', 'kind'"
    )):
        load_csv(path, target="label")


def test_semicolon_separated_file_gets_a_hint(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a;b;y\n1;2;0\n")
    with pytest.raises(DataError, match=exactly(
        f"{path} has no column named 'y'; its columns are: 'a;b;y' (the header looks separated by ';' "
        "or tabs, but purenn reads comma-separated files)"
    )):
        load_csv(path, target="y")


@pytest.mark.parametrize("content", ["", "\n\n", " \n", "\xef\xbb\xbf"])
def test_empty_file(tmp_path: pathlib.Path, content: str) -> None:
    path = write(tmp_path, content.encode("latin-1"))
    with pytest.raises(DataError, match=exactly(
        f"{path} is empty: a CSV file needs a header row naming its columns, then one row per sample"
    )):
        load_csv(path, target="y")


def test_header_only(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "\na,b,y\n\n")
    with pytest.raises(DataError, match=exactly(f"{path} has a header row (line 2) but no data rows below it")):
        load_csv(path, target="y")


def test_duplicate_column_names(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,b,a,y\n1,2,3,0\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 1: the column name 'a' appears twice (columns 1 and 3); every column needs a name of its own"
    )):
        load_csv(path, target="y")


def test_column_without_a_name(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,,y\n1,2,0\n")
    with pytest.raises(DataError, match=exactly(f"{path}, line 1: column 2 has no name; every column needs one")):
        load_csv(path, target="y")


def test_single_class(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,y\n1,yes\n2,yes\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, column 2 ('y'): every row has the same target, 'yes'; "
        "a classifier needs at least two classes to tell apart"
    )):
        load_csv(path, target="y")


def test_only_a_target_column(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "y\n1\n2\n")
    with pytest.raises(DataError, match=exactly(
        f"{path} has only the target column 'y'; it needs at least one feature column too"
    )):
        load_csv(path, target="y")


def test_forced_binary_with_three_classes(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,y\n1,a\n2,b\n3,c\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, column 2 ('y'): task='binary' needs exactly 2 classes, but the target has 3: "
        "'a', 'b', 'c'; use task='multiclass' or None"
    )):
        load_csv(path, target="y", task="binary")


def test_forced_regression_with_text(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,y\n1,2.5\n2,high\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 3, column 2 ('y'): 'high' is not a number, and task='regression' needs a numeric target"
    )):
        load_csv(path, target="y", task="regression")


def test_unknown_task(tmp_path: pathlib.Path) -> None:
    with pytest.raises(DataError, match=exactly(
        "task must be None (to infer it) or one of ('binary', 'multiclass', 'regression'), got 'classification'"
    )):
        load_csv(write(tmp_path, PETS), target="kind", task="classification")


def test_not_utf8(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "a,y\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 2: the byte 0xe9 is not UTF-8 text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
    )):
        load_csv(path, target="y")


def test_missing_file_is_the_operating_systems_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError) as error:
        load_csv(tmp_path / "nowhere.csv", target="y")
    assert (error.value.filename, error.value.strerror) == (str(tmp_path / "nowhere.csv"), "no such file")
    with pytest.raises(FileNotFoundError):
        load_csv_features(tmp_path / "nowhere.csv", ["x"])


# ------------------------------------------------------- load_csv_features


def test_features_by_name_in_the_order_asked(tmp_path: pathlib.Path) -> None:
    # The target column of a prediction file may be empty: it is ignored.
    path = write(tmp_path, "id,height,weight,kind\n7,25,4.2,\n8,60,30.5,\n")
    assert load_csv_features(path, ["weight", "height"]) == Matrix([[4.2, 25], [30.5, 60]])


def test_features_follow_the_same_rules(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight,height\n4.2,\n")
    with pytest.raises(DataError, match=exactly(
        f"{path}, line 2, column 2 ('height'): the cell is empty (a missing value); fill it in or remove the row"
    )):
        load_csv_features(path, ["weight", "height"])
    wrong = write(tmp_path, "weight,height\n4.2,1,9\n", "wrong.csv")
    with pytest.raises(DataError, match=f"^{re.escape(str(wrong))}, line 2: 3 fields, but the header"):
        load_csv_features(wrong, ["weight"])


def test_features_missing_column(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "weight,hight\n4.2,25\n")
    with pytest.raises(DataError, match=exactly(
        f"{path} has no column named 'height' (did you mean 'hight'?); its columns are: 'weight', 'hight'"
    )):
        load_csv_features(path, ["weight", "height"])


@pytest.mark.parametrize("names", [[], "weight"])
def test_feature_names_must_be_a_list_of_names(tmp_path: pathlib.Path, names: object) -> None:
    with pytest.raises(DataError, match=exactly(
        f"feature_names must be a non-empty list of column names, got {names!r}"
    )):
        load_csv_features(write(tmp_path, PETS), names)  # type: ignore[arg-type]


def test_features_of_a_trained_data_set_round_trip(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, PETS)
    data = load_csv(path, target="kind")
    assert load_csv_features(path, data.feature_names) == data.X
