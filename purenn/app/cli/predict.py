"""``purenn predict``: a saved model's predictions for the rows of a CSV file.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> add_parser(parser).parse_args(["model.json", "rows.csv"]).output is None
True
"""

import argparse
import csv
import io
from typing import List, TextIO

from purenn.app.files import write_atomically
from purenn.app.modelfile import load_model
from purenn.data.csvfile import load_csv_features
from purenn.linalg._display import counted


def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``predict`` command's parser."""
    parser = commands.add_parser(
        "predict", help="predict with a saved model",
        description="Read a model saved by 'train --save' and a CSV file with (at least) the "
        "model's feature columns, and predict every row.",
    )
    parser.add_argument("model", help="the model JSON file")
    parser.add_argument("data", help="a CSV file with a header row")
    parser.add_argument("--output", metavar="PATH", help="write the predictions to this CSV file")
    return parser


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Predict every row of ``args.data`` with the model in ``args.model``; return the exit status."""
    model = load_model(args.model)
    X = load_csv_features(args.data, model.feature_names)
    predictions = model.predict(X)  # one run of the network
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
        writer.writerow(header)
        for index, row in enumerate(numbers):
            writer.writerow(answers[index:index + 1] + [repr(x) for x in row])
        write_atomically(args.output, buffer.getvalue())
        print(f"{counted(len(numbers), 'prediction')} written to {args.output}", file=out)
        return 0
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
