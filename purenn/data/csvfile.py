"""Reading your own data from a CSV file: a header row, numeric features, one target column.

``load_csv(path, target)`` turns a file such as

    weight,height,kind
    4.2,25,cat
    30.5,60,dog

into a ``Dataset``: the target column (here ``kind``) becomes Y, every other
column is a feature of X. ``load_csv_features(path, feature_names)`` reads
just the named feature columns, for a file of new samples to predict.

The file is read with Python's csv module as UTF-8 (a byte-order mark, as
some spreadsheets write, is fine). Rows with nothing in them are skipped.
Anything else that is not a clean table of numbers is a ``DataError`` that
names the file, the line, the column (by number, counting from 1, and by
name) and the value it found, so that you can open the file and fix it.

>>> from purenn.data.datasets import IRIS_CSV
>>> data = load_csv(IRIS_CSV, target="species")
>>> data.task, data.X.shape, data.Y.shape
('multiclass', (150, 4), (150, 3))
>>> data.class_names
('setosa', 'versicolor', 'virginica')
"""

import csv
import difflib
import errno
import io
import math
import os
import pathlib
import re
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from purenn.errors import DataError
from purenn.text import counted
from purenn.linalg.matrix import Matrix
from purenn.data.datasets import TASKS, Dataset
from purenn.data.preprocessing import encode_labels, one_hot
from purenn.data.reading import read_bytes

__all__ = ["MAX_CELLS", "MAX_CLASSES", "MAX_FILE_BYTES", "TooManyClasses", "load_csv", "load_csv_features"]

PathLike = Union[str, "os.PathLike[str]"]

MAX_CLASSES = 20
"""A target of whole numbers with at most this many distinct values is read as class labels."""

MAX_FILE_BYTES = 100 * 1024 * 1024
"""The largest CSV file read: 100 MiB. In plain Python each number of such a
file takes some 50 bytes of memory and a share of every epoch's time, so a
larger table is past what purenn can train on; the file is refused before
it is read, or (for a pipe or a device, whose size is not known) as soon as
that much has come in (``purenn.data.reading``)."""

MAX_CELLS = 10_000_000
"""The most numbers a table read from a CSV file may hold: ten million, its
cells or the one-hot targets of its classes (rows x classes), whichever is
more. Each takes some 50 bytes while it is read and 8 to 32 after, so this
bounds the memory a file of up to MAX_FILE_BYTES can ask for (100 MiB of
"0," is some 50 million cells, which would take gigabytes). The count is
made before the numbers are built, from the file's separators."""

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
"""A number as a spreadsheet reads one: ASCII digits, a decimal point, an exponent (not Python's 1_000)."""

_SPACES = " \t"
"""What is stripped around a cell: plain spaces and tabs, as a spreadsheet strips them (not a non-breaking space,
which Python's str.strip() and float() would take away too)."""

_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)\Z", re.IGNORECASE)
"""NaN and infinity as Python (and some spreadsheets) write them: numbers, but not finite ones."""


class TooManyClasses(DataError):
    """A classification target with about one row per class: an identifier, not a label.

    ``where`` names the file and the column, ``classes`` and ``rows`` are
    the counts; ``numeric`` says whether the labels are numbers (which
    could be a regression target). Raised when there are more than
    MAX_CLASSES classes and fewer than two rows per class on average: no
    class could be both learned and tested, and the one-hot targets alone
    would take rows x classes numbers.
    """

    def __init__(self, where: str, classes: int, rows: int, numeric: bool) -> None:
        super().__init__(
            f"{where}: {classes} different values in {counted(rows, 'row')}, fewer than two rows per class: "
            "this looks like an identifier or a measurement, not a class label; "
            + ("predict it as a number with task='regression', or " if numeric else "")
            + "choose another column as the target"
        )
        self.where = where
        self.classes = classes
        self.rows = rows
        self.numeric = numeric


class _Table(NamedTuple):
    """A CSV file split into its header and its data rows, each row with its line number."""

    source: str
    header: Tuple[str, ...]
    header_line: int
    rows: Tuple[Tuple[int, Tuple[str, ...]], ...]


def load_csv(path: PathLike, target: str, task: Optional[str] = None) -> Dataset:
    """Read a data set: the column named ``target`` becomes Y, every other column a feature of X.

    The task is read from the target values, unless ``task`` says which:

    - values that are not all numbers are class labels ("cat", "dog");
    - whole numbers with at most MAX_CLASSES (20) distinct values are class
      labels too (0/1, or 1 to 5 stars);
    - any other numbers are a regression target, Y the numbers themselves.

    Class labels are numbered in sorted order (``encode_labels``). Two
    classes make a "binary" task, Y (m, 1) holding 0.0 for the first class
    and 1.0 for the second; more make a "multiclass" task with one-hot
    Y (m, c). ``task`` may force "binary", "multiclass" or "regression".

    Shapes: X (m, n) for m data rows and n feature columns; Y (m, 1) or (m, c).

    Raises DataError for a missing target column (listing the columns there
    are), an empty file, a header with no rows, a column name that is empty
    or repeated, a row with the wrong number of fields, an empty cell, a
    feature that is not a number, NaN or infinity, a target with a single
    class, and a ``task`` the values cannot fit. Raises OSError when the
    file cannot be opened: FileNotFoundError ("no such file") when there is
    none at ``path``.

    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "pets.csv")
    ...     with open(path, "w") as file:
    ...         _ = file.write("weight,height,kind\\n4.2,25,cat\\n30.5,60,dog\\n5,,cat\\n")
    ...     load_csv(path, target="kind")
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: ...pets.csv, line 4, column 2 ('height'): the cell is empty (a missing value); ...
    """
    _check_path(path)
    if not isinstance(target, str):
        raise TypeError(f"target must be the name of a column (a str), got {target!r}")
    if task is not None and task not in TASKS:
        raise DataError(f"task must be None (to infer it) or one of {TASKS}, got {task!r}")
    table = _read_table(path)
    target_column = _column(table, target)
    feature_columns = [j for j in range(len(table.header)) if j != target_column]
    if not feature_columns:
        raise DataError(
            f"{table.source} has only the target column {target!r}; it needs at least one feature column too"
        )
    features: List[List[float]] = []
    targets: List[Tuple[int, str]] = []  # (line, value)
    for line, fields in table.rows:
        features.append([_number(table, line, j, fields[j]) for j in feature_columns])
        targets.append((line, _target_text(table, line, target_column, fields[target_column])))
    y = _target(table, target_column, targets, task)
    m, n = len(features), len(feature_columns)
    return Dataset(
        name=pathlib.Path(table.source).stem,
        X=Matrix(features),
        Y=y.Y,
        feature_names=tuple(table.header[j] for j in feature_columns),
        target_names=y.target_names,
        description=(
            f"Read from {table.source}: {counted(m, 'row')}, {counted(n, 'feature column')} "
            f"and the target column {target!r}. Task: {y.task}, because {y.reason}."
        ),
        task=y.task,
        class_names=y.class_names,
    )


def load_csv_features(path: PathLike, feature_names: Sequence[str]) -> Matrix:
    """Read the named feature columns, in that order, for samples to predict: (m, len(feature_names)).

    Columns are found by name, so their order in the file does not matter,
    and any other columns (a target column, an id) are ignored. The values
    follow the same rules as in ``load_csv``, with the same DataErrors.

    >>> from purenn.data.datasets import IRIS_CSV
    >>> X = load_csv_features(IRIS_CSV, ["petal_width", "petal_length"])
    >>> X.shape, X[0]
    ((150, 2), Vector([0.2, 1.4]))
    """
    _check_path(path)
    if isinstance(feature_names, str) or not isinstance(feature_names, (list, tuple)) or len(feature_names) == 0:
        raise DataError(f"feature_names must be a non-empty list of column names, got {feature_names!r}")
    for name in feature_names:
        if not isinstance(name, str):
            raise TypeError(f"feature_names must hold column names (str), got {name!r}")
    table = _read_table(path)
    columns = [_column(table, name) for name in feature_names]
    return Matrix([[_number(table, line, j, fields[j]) for j in columns] for line, fields in table.rows])


# --------------------------------------------------------------- the table


def _check_path(path: object) -> None:
    """A path is a str or a pathlib.Path: else TypeError naming the argument."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file's path (a str or a pathlib.Path), got {path!r:.60} "
                        f"(a {type(path).__name__})")


def _count_cells(source: str, raw: bytes) -> None:
    """Refuse a file whose table would hold over MAX_CELLS numbers, before its cells are built.

    Every cell ends at a comma or a line end, so their count is at most the
    file's commas and line ends, plus one: a count made in one pass over the
    bytes. Only when a quoted cell may hold commas or line ends of its own
    (a double quote is in the file) and that bound is over the limit are the
    cells counted one by one (by the csv module, keeping none of them).
    """
    most = raw.count(b",") + raw.count(b"\n") + 1
    if most <= MAX_CELLS:
        return
    cells = most
    if b'"' in raw:
        cells = 0
        try:
            for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")):
                cells += len(row)
        except (csv.Error, UnicodeDecodeError):  # reported, with its line, by the reading proper
            return
    if cells > MAX_CELLS:
        raise DataError(
            f"{source} has {'about ' if cells == most else ''}{cells:,} cells, over the "
            f"limit of {MAX_CELLS:,} numbers purenn reads from a CSV file (in plain Python each takes tens of bytes, "
            "and a pass of training over them takes minutes): use a sample of the rows, or fewer columns"
        )


def _read_table(path: PathLike) -> _Table:
    """Read the file, check its shape (header, names, field counts), and keep each row's line."""
    source = os.fspath(path)
    try:
        raw = read_bytes(path, MAX_FILE_BYTES, "a CSV file")
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such file", source) from None
    _count_cells(source, raw)
    try:
        text = raw.decode("utf-8-sig")  # "-sig": drop the byte-order mark some spreadsheets write
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise DataError(
            f"{source}, line {line}: the byte {error.object[error.start]:#04x} is not UTF-8 text; "
            "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    records: List[Tuple[int, List[str]]] = []  # (first line of the row, its fields)
    try:
        start = 1
        for row in reader:
            records.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise DataError(f"{source}, line {reader.line_num}: not readable as CSV ({error})") from None
    records = [(line, row) for line, row in records if any(field.strip() for field in row)]
    if not records:
        raise DataError(
            f"{source} is empty: a CSV file needs a header row naming its columns, then one row per sample"
        )
    (header_line, names), data = records[0], records[1:]
    header = tuple(name.strip() for name in names)
    for j, name in enumerate(header):
        if not name:
            raise DataError(f"{source}, line {header_line}: column {j + 1} has no name; every column needs one")
        if name in header[:j]:
            raise DataError(
                f"{source}, line {header_line}: the column name {name!r} appears twice "
                f"(columns {header.index(name) + 1} and {j + 1}); every column needs a name of its own"
            )
    if not data:
        raise DataError(f"{source} has a header row (line {header_line}) but no data rows below it")
    for line, row in data:
        if len(row) != len(header):
            raise DataError(
                f"{source}, line {line}: {counted(len(row), 'field')}, but the header "
                f"(line {header_line}) has {counted(len(header), 'column')}; every row needs one value per column "
                "(a value that contains a comma must be in double quotes)"
            )
    return _Table(source, header, header_line, tuple((line, tuple(row)) for line, row in data))


def _column(table: _Table, name: str) -> int:
    """The index of the column called ``name``, or a DataError listing the columns there are."""
    if name in table.header:
        return table.header.index(name)
    same_letters = [column for column in table.header if column.lower() == name.lower()]
    close = same_letters or difflib.get_close_matches(name, table.header, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    columns = ", ".join(repr(column) for column in table.header)
    if len(table.header) == 1 and any(mark in table.header[0] for mark in ";\t"):
        columns += " (the header looks separated by ';' or tabs, but purenn reads comma-separated files)"
    raise DataError(f"{table.source} has no column named {name!r}{hint}; its columns are: {columns}")


def _where(table: _Table, line: int, column: int) -> str:
    return f"{table.source}, line {line}, column {column + 1} ({table.header[column]!r})"


# --------------------------------------------------------------- the cells


def _number(table: _Table, line: int, column: int, text: str) -> float:
    """A feature cell as a finite float, or a DataError saying where and what it was."""
    value = text.strip(_SPACES)
    if not value:
        raise DataError(
            f"{_where(table, line, column)}: the cell is empty (a missing value); fill it in or remove the row"
        )
    number = _parse(value)
    if number is None:
        raise DataError(
            f"{_where(table, line, column)}: {text!r} is not a number{_why_not(value)}; every feature must be numeric "
            "(turn a text category into numbers first, e.g. one 0/1 column per category)"
        )
    if not math.isfinite(number):
        raise DataError(
            f"{_where(table, line, column)}: {text!r} is not a finite number; NaN and infinity are not "
            "allowed, fill in a real value or remove the row"
        )
    return number


def _target_text(table: _Table, line: int, column: int, text: str) -> str:
    """A target cell, stripped: a number or any text, but not empty, NaN or infinite."""
    value = text.strip(_SPACES)
    if not value:
        raise DataError(
            f"{_where(table, line, column)}: the cell is empty (a missing target); fill it in or remove the row"
        )
    number = _parse(value)
    if number is None:
        return value  # a text label
    if not math.isfinite(number):
        raise DataError(
            f"{_where(table, line, column)}: {text!r} is not a finite number; NaN and infinity are not "
            "allowed as targets, fill in a real value or remove the row"
        )
    return value


def _as_number(text: str) -> Optional[float]:
    """The text as a finite float, or None if it is not one."""
    number = _parse(text)
    return number if number is not None and math.isfinite(number) else None


def _parse(text: str) -> Optional[float]:
    """The text as a float if a spreadsheet would read it as a number (NaN and infinity included), else None.

    Python's float() reads more than a spreadsheet does: "1_000" (as 1000),
    "3_5" (as 35), and digits of other scripts ("٣" as 3). A CSV file is
    made by and for other programs, so here a cell is a number only in the
    forms they share: an optional sign, ASCII digits with an optional
    decimal point, an optional exponent.

    >>> _parse("-1.5e3"), _parse(".5"), _parse("1_000"), _parse("\\u0663"), _parse("NaN"), _parse("1\\u00a0")
    (-1500.0, 0.5, None, None, nan, None)
    """
    if _NUMBER.match(text) or _NOT_FINITE.match(text):
        return float(text)
    return None


def _why_not(text: str) -> str:
    """Why a cell that Python's float() reads is not a number here; "" for any other cell."""
    if "_" in text:
        return " (an underscore does not belong in a number: write 1000, not 1_000)"
    if any(character.isdigit() and not "0" <= character <= "9" for character in text):
        return " (it has digits other than 0 to 9)"
    if any(character.isspace() for character in text):
        return " (it holds a space other than a plain one, such as a non-breaking space: remove it)"
    return ""


def _number_label(y: float) -> str:
    """A numeric class label as text: 1.0 -> "1", 0.5 -> "0.5", so that "1" and "1.0" are one class."""
    return str(int(y)) if y.is_integer() else repr(y)


# ---------------------------------------------------------------- the task


class _Target(NamedTuple):
    """The target column read as Y, with the task, names, and why that task."""

    task: str
    Y: Matrix
    target_names: Tuple[str, ...]
    class_names: Tuple[str, ...]
    reason: str


def _target(table: _Table, column: int, targets: Sequence[Tuple[int, str]], task: Optional[str]) -> _Target:
    """Decide the task (unless given) and build Y from the target cells, each with its line."""
    name = table.header[column]
    texts = [text for _, text in targets]
    not_numbers = [(line, text) for line, text in targets if _as_number(text) is None]
    numbers = None if not_numbers else [_as_number(text) or 0.0 for text in texts]
    if task is None:
        kind, reason = _infer_kind(numbers)
    else:
        kind = "regression" if task == "regression" else "classification"
        reason = f"task={task!r} was given"
    if kind == "regression":
        if not_numbers:
            line, text = not_numbers[0]
            raise DataError(
                f"{_where(table, line, column)}: {text!r} is not a number, and task='regression' "
                "needs a numeric target"
            )
        return _Target("regression", Matrix([[float(text)] for text in texts]), (name,), (), reason)
    labels = texts if numbers is None else [_number_label(y) for y in numbers]
    codes, class_names = encode_labels(labels)
    _check_classes(table, column, class_names, task, len(texts), numeric=numbers is not None)
    if len(class_names) == 2 and task != "multiclass":
        # One column: 0.0 for class_names[0], 1.0 for class_names[1].
        return _Target("binary", Matrix([[float(code)] for code in codes]), (name,), class_names, reason)
    return _Target("multiclass", one_hot(codes, len(class_names)), class_names, class_names, reason)


def _infer_kind(numbers: Optional[List[float]]) -> Tuple[str, str]:
    """("classification" or "regression", the reason) from the target values."""
    if numbers is None:
        return "classification", "the target values are text"
    distinct = len(set(numbers))
    if all(y.is_integer() for y in numbers) and distinct <= MAX_CLASSES:
        return "classification", (
            f"the target values are whole numbers with {distinct} distinct values "
            f"(at most {MAX_CLASSES} are read as classes)"
        )
    if all(y.is_integer() for y in numbers):
        return "regression", f"the target values are whole numbers with {distinct} distinct values (over {MAX_CLASSES})"
    return "regression", "the target values are numbers, not all whole"


def _check_classes(
    table: _Table, column: int, class_names: Tuple[str, ...], task: Optional[str], rows: int, numeric: bool
) -> None:
    """A classifier needs two classes at least, a binary one exactly two, and rows to learn each from."""
    where = f"{table.source}, column {column + 1} ({table.header[column]!r})"
    if len(class_names) > MAX_CLASSES and 2 * len(class_names) > rows:
        raise TooManyClasses(where, len(class_names), rows, numeric)
    if len(class_names) > 2 and rows * len(class_names) > MAX_CELLS:
        raise DataError(
            f"{where}: {len(class_names):,} classes in {rows:,} rows: their one-hot targets (a row of "
            f"{len(class_names):,} numbers for each row) would hold {rows * len(class_names):,} numbers, over the "
            f"limit of {MAX_CELLS:,}; choose a target with fewer classes, or use a sample of the rows"
        )
    if len(class_names) < 2:
        raise DataError(
            f"{where}: every row has the same target, {class_names[0]!r}; "
            "a classifier needs at least two classes to tell apart"
        )
    if task == "binary" and len(class_names) != 2:
        shown = ", ".join(repr(name) for name in class_names[:MAX_CLASSES])
        more = ", ..." if len(class_names) > MAX_CLASSES else ""
        raise DataError(
            f"{where}: task='binary' needs exactly 2 classes, but the target has "
            f"{len(class_names)}: {shown}{more}; use task='multiclass' or None"
        )
