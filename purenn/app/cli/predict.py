"""``purenn predict``: a saved model's predictions for the rows of a CSV file.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> add_parser(parser).parse_args(["model.json", "rows.csv"]).output is None
True
"""

import argparse
import csv
import io
import math
import sys
import warnings
from typing import List, Optional, Sequence, TextIO

from purenn.errors import DataError
from purenn.text import counted
from purenn.data.csvfile import load_csv_features
from purenn.app.files import write_atomically
from purenn.app.messages import escaped
from purenn.app.modelfile import load_model
from purenn.app.cli import COMMANDS
from purenn.app.cli.paths import written
from purenn.app.pipeline import check_prediction_size

INPUTS = ("model", "data")
"""The arguments naming a file this command reads: no output may replace one (see paths.py)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (OWASP's "CSV injection")."""


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``predict`` command's parser."""
    parser = commands.add_parser(
        "predict", help=COMMANDS["predict"],
        description="Read a model saved by 'train --save' and a CSV file with (at least) the "
        "model's feature columns, and predict every row.",
    )
    parser.add_argument("model", help="the model JSON file")
    parser.add_argument("data", help="a CSV file with a header row")
    parser.add_argument("--output", metavar="PATH", help="write the predictions to this CSV file")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Predict every row of ``args.data`` with the model in ``args.model``; return the exit status."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = load_model(args.model)
    for warning in caught:
        print(f"purenn: warning: {escaped(str(warning.message))}", file=sys.stderr)
    X = load_csv_features(args.data, model.feature_names)
    check_prediction_size(X.shape[0], model.network.sizes)  # before the pass: a wide model on many rows is refused
    _refuse_overflowing_inputs(model.scaler.transform(X).tolist(), X.tolist(), model.feature_names, args.data)
    predictions = model.predict(X)  # one run of the network
    _refuse_non_finite(predictions.outputs.tolist(), args.data)
    header: List[str]
    answers: List[str]
    numbers: List[List[float]]  # the probabilities of each row; for regression, its value
    if model.task == "regression":
        header = [model.target_name]
        answers = []
        numbers = [[value] for value in predictions.values]
    else:
        # One probability per output: binary has one, of class_names[1]; multiclass one per class.
        shown = model.class_names[1:] if model.task == "binary" else model.class_names
        header = ["prediction"] + [f"p({name})" for name in shown]
        answers = list(predictions.classes)
        numbers = predictions.outputs.tolist()
    if args.output:  # every digit: repr() reads back as the same float
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([safe_cell(name) for name in header])
        for index, row in enumerate(numbers):
            writer.writerow([safe_cell(answer) for answer in answers[index:index + 1]] + [repr(x) for x in row])
        with written("--output", args.output):  # a failed write names the option and the file
            write_atomically(args.output, buffer.getvalue())
        print(f"{counted(len(numbers), 'prediction')} written to {escaped(args.output)}", file=out)
        return 0
    header = [printable(name, out) for name in header]
    answers = [printable(answer, out) for answer in answers]
    if model.task == "regression":  # a readable table
        width = max(len(header[0]), *(len(f"{row[0]:.6g}") for row in numbers))
        print(f"row  {header[0]:>{width}}", file=out)
        for number, row in enumerate(numbers, start=1):
            print(f"{number:>3}  {row[0]:>{width}.6g}", file=out)
        return 0
    width = max(len(header[0]), *(len(answer) for answer in answers))
    print(("row  " + header[0].ljust(width) + "".join(f"  {name}" for name in header[1:])).rstrip(), file=out)
    for number, (answer, row) in enumerate(zip(answers, numbers), start=1):
        cells = "".join(f"  {p:>{len(name)}.4f}" for p, name in zip(row, header[1:]))
        print(f"{number:>3}  {answer.ljust(width)}{cells}".rstrip(), file=out)
    return 0


def _refuse_overflowing_inputs(
    scaled: List[List[float]], raw: List[List[float]], names: Sequence[str], source: str
) -> None:
    """A value so far from the training data that scaling it overflows: DataError naming its row and column."""
    for i, row in enumerate(scaled):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise DataError(
                    f"{source}, data row {i + 1}, column {names[j]!r}: {raw[i][j]!r} is so far outside the "
                    f"training data that scaling it gives {x!r}; the model cannot predict from it"
                )


def _refuse_non_finite(outputs: List[List[float]], source: str) -> None:
    """A row whose outputs are NaN or infinite has no answer: DataError naming the rows (counted from 1)."""
    bad = [i for i, row in enumerate(outputs, start=1) if not all(math.isfinite(x) for x in row)]
    if not bad:
        return
    shown = ", ".join(str(i) for i in bad[:5]) + (", ..." if len(bad) > 5 else "")
    value = next(x for x in outputs[bad[0] - 1] if not math.isfinite(x))
    raise DataError(
        f"{source}: the model's output for {counted(len(bad), 'row')} ({shown}) is not a finite number "
        f"(row {bad[0]} gives {value!r}): its values are too far outside what the model was trained on "
        "for the arithmetic to hold; check those rows"
    )


def safe_cell(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs and every tool reads on one line.

    A cell starting with =, +, - or @ (unless it is a plain number, such as
    -1) gets a leading ', as OWASP advises, so that a spreadsheet shows it
    instead of running it as a formula; control characters (a newline, a
    tab, an escape) are written as \\n, \\t, \\x1b.

    >>> safe_cell("=HYPERLINK(0)"), safe_cell("-1"), safe_cell("two\\nlines")
    ("'=HYPERLINK(0)", '-1', 'two\\\\nlines')
    """
    text = escaped(text)
    if text.startswith(FORMULA_STARTS) and _number(text) is None:
        return "'" + text
    return text


def printable(text: str, out: Optional[TextIO] = None) -> str:
    """``text`` as the terminal ``out`` can show it: control characters and what its encoding lacks escaped.

    >>> printable("caf\\u00e9\\x1b[2J")
    'café\\\\x1b[2J'
    """
    text = escaped(text)
    encoding = getattr(out, "encoding", None)
    if not encoding:
        return text
    try:
        return text.encode(encoding, errors="backslashreplace").decode(encoding)
    except LookupError:  # an encoding Python does not know: keep to ASCII
        return text.encode("ascii", errors="backslashreplace").decode("ascii")


def _number(text: str) -> Optional[float]:
    try:
        return float(text)
    except ValueError:
        return None
