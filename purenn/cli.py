"""The command line: ``python -m purenn`` (or the ``purenn`` command).

With no command it runs the main job, the article's network learning the
diabetes table (``purenn/demo.py``); its options change the settings:

    python -m purenn --epochs 800 --hidden 6 --learning-rate 0.5 --seed 3

Two commands go beyond the article (``purenn/pipeline.py``):

    python -m purenn train --data iris --save model.json
    python -m purenn train --csv data.csv --target label --layers 32,16
    python -m purenn predict model.json new_rows.csv --output predictions.csv
"""

import argparse
import csv
import io
import json
import sys
from typing import Callable, Dict, List, Optional, TextIO, Tuple, Union

from purenn import __version__, demo, metrics
from purenn.activations import ACTIVATIONS
from purenn.csvdata import load_csv, load_csv_features
from purenn.datasets import DATASETS, Dataset
from purenn.errors import PurennError
from purenn.modelfile import load_model, save_model, write_atomically
from purenn.pipeline import SCHEDULES, TrainConfig, TrainingResult, train_model
from purenn.preprocessing import SCALERS
from purenn.textplot import line_chart, supports_unicode

__all__ = ["build_parser", "main"]

DEFAULTS = TrainConfig()


# ------------------------------------------------------------ option types


def _whole(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _number(low: float, high: float, closed_low: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        inside = (low <= value if closed_low else low < value) and value < high
        if not inside and low == 0 and high == float("inf") and not closed_low:
            raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
        if not inside:
            bracket = "[" if closed_low else "("
            raise argparse.ArgumentTypeError(f"must be in {bracket}{low:g}, {high:g}), got {text}")
        return value

    return parse


def _layers(text: str) -> Tuple[int, ...]:
    """"16,8" → (16, 8); an empty string means no hidden layer."""
    if not text.strip():
        return ()
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected hidden layer sizes separated by commas, like 16,8; got {text!r}"
        ) from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"every layer needs at least 1 unit, got {text!r}")
    return sizes


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every option and its help text."""
    parser = argparse.ArgumentParser(
        prog="purenn",
        description="Watch a neural network written in plain Python learn. With no command: "
        "the two-layer network of the article, trained on a small diabetes table.",
    )
    parser.add_argument("--epochs", type=_whole(1), default=1500, help="passes over the data (default: 1500)")
    parser.add_argument("--hidden", type=_whole(1), default=4, help="hidden units (default: 4)")
    parser.add_argument(
        "--learning-rate", type=_number(0, float("inf")), default=1.0,
        help="gradient descent step size α (default: 1.0)",
    )
    parser.add_argument("--seed", type=_whole(0), default=0, help="seed of the initial weights (default: 0)")
    parser.add_argument("--quiet", action="store_true", help="print only the final loss and accuracy")
    parser.add_argument("--version", action="version", version=f"purenn {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{train,predict}")

    train = commands.add_parser(
        "train", help="train a deeper network on a built-in data set or a CSV file",
        description="Train an MLP: split the data, scale it (fitted on the training part), train, "
        "and report scores on the training and test parts. Two classes get a sigmoid output, "
        "more get softmax, numeric targets get a linear output with mean squared error.",
    )
    source = train.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", choices=sorted(DATASETS), help="a data set shipped with purenn")
    source.add_argument("--csv", metavar="PATH", help="a CSV file with a header row")
    train.add_argument("--target", metavar="COLUMN", help="with --csv: the column to predict")
    train.add_argument("--layers", type=_layers, default=DEFAULTS.layers, metavar="SIZES",
                       help="hidden layer sizes, like 16,8 (default: %(default)s)")
    train.add_argument("--activation", choices=sorted(ACTIVATIONS), default=DEFAULTS.activation,
                       help="hidden activation (default: %(default)s)")
    train.add_argument("--epochs", type=_whole(1), default=DEFAULTS.epochs, help="default: %(default)s")
    train.add_argument("--batch-size", type=_whole(0), default=DEFAULTS.batch_size,
                       help="rows per update; 0 for the whole training part at once (default: %(default)s)")
    train.add_argument("--learning-rate", type=_number(0, float("inf")), default=DEFAULTS.learning_rate,
                       help="default: %(default)s")
    train.add_argument("--schedule", choices=SCHEDULES, default=DEFAULTS.schedule,
                       help="learning-rate schedule (default: %(default)s)")
    train.add_argument("--momentum", type=_number(0, 1, closed_low=True), default=DEFAULTS.momentum,
                       help="default: %(default)s")
    train.add_argument("--test-size", type=_number(0, 1), default=DEFAULTS.test_size,
                       help="share of rows held out for testing (default: %(default)s)")
    train.add_argument("--scale", choices=sorted(SCALERS), default=DEFAULTS.scale,
                       help="feature scaling, fitted on the training part (default: %(default)s)")
    train.add_argument("--patience", type=_whole(1), default=None,
                       help="stop early when the loss on a validation split (15%% of the training "
                       "part) has not improved for this many epochs (default: off)")
    train.add_argument("--seed", type=_whole(0), default=DEFAULTS.seed, help="default: %(default)s")
    train.add_argument("--save", metavar="PATH", help="write the trained model to this JSON file")
    train.add_argument("--metrics-json", metavar="PATH",
                       help="write the scores to this JSON file: train and test accuracy (R² and MSE for "
                       "regression), final_loss (the last epoch's training loss; for regression on the "
                       "standardised target) and epochs_run")
    train.add_argument("--quiet", action="store_true", help="print only the scores")

    predict = commands.add_parser(
        "predict", help="predict with a saved model",
        description="Read a model saved by 'train --save' and a CSV file with (at least) the "
        "model's feature columns, and predict every row.",
    )
    predict.add_argument("model", help="the model JSON file")
    predict.add_argument("data", help="a CSV file with a header row")
    predict.add_argument("--output", metavar="PATH", help="write the predictions to this CSV file")
    return parser


# --------------------------------------------------------------------- main


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["--epochs", "10", "--quiet"])
    >>> status, out.getvalue().startswith("final loss")
    (0, True)
    """
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "train":
            return _train(args, parser, sys.stdout)
        if args.command == "predict":
            return _predict(args, sys.stdout)
    except (PurennError, OSError) as error:
        print(f"purenn: error: {error}", file=sys.stderr)
        return 1
    return demo.run(
        epochs=args.epochs,
        hidden=args.hidden,
        learning_rate=args.learning_rate,
        seed=args.seed,
        quiet=args.quiet,
    )


def _load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Dataset:
    if args.csv is not None:
        if args.target is None:
            parser.error("--csv needs --target COLUMN: the column to predict")
        return load_csv(args.csv, args.target)
    if args.target is not None:
        parser.error("--target goes with --csv; a built-in data set knows its target")
    return DATASETS[args.data]()


def _train(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    data = _load(args, parser)
    config = TrainConfig(
        layers=args.layers,
        activation=args.activation,
        epochs=args.epochs,
        batch_size=args.batch_size or None,
        learning_rate=args.learning_rate,
        schedule=args.schedule,
        momentum=args.momentum,
        test_size=args.test_size,
        scale=args.scale,
        seed=args.seed,
        patience=args.patience,
    )

    def say(text: str = "") -> None:
        if not args.quiet:
            print(text, file=out)

    m, n = data.X.shape
    say(f"purenn train: {data.name} ({m} rows, {n} features, {_task_text(data)})")
    result = train_model(data, config)
    _describe_run(result, config, say, out)
    _report_scores(result, data, args.quiet, out)
    if args.save:
        save_model(result.model, args.save)
        print(f"model saved to {args.save}", file=out)
    if args.metrics_json:
        write_atomically(args.metrics_json, json.dumps(_metrics_document(result), indent=1, sort_keys=True) + "\n")
        print(f"scores written to {args.metrics_json}", file=out)
    return 0


def _task_text(data: Dataset) -> str:
    if data.task == "regression":
        return f"regression of {data.target_names[0]}"
    return f"{len(data.class_names)} classes: {', '.join(data.class_names)}"


def _describe_run(result: TrainingResult, config: TrainConfig, say: Callable[[str], None], out: TextIO) -> None:
    split, network, history = result.split, result.model.network, result.history
    stratified = ", stratified" if result.model.task != "regression" else ""
    say(f"  split     {split.X_train.shape[0]} rows for training, {split.X_test.shape[0]} for testing "
        f"(seed {config.seed}{stratified})")
    say(f"  scaling   {config.scale}, fitted on the training part")
    hidden = f"{network.activation.name} hidden" if len(network.sizes) > 2 else "no hidden layer"
    say(f"  network   {' -> '.join(str(size) for size in network.sizes)}, {hidden}, "
        f"{network.head.output} output + {network.head.loss_name}")
    full = not config.batch_size or config.batch_size >= split.X_train.shape[0]
    batches = "full batch" if full else f"batches of {config.batch_size}"
    say(f"  training  {config.epochs} epochs, {batches}, learning rate {config.learning_rate:g} "
        f"({config.schedule}), momentum {config.momentum:g}")
    say("")
    every = max(1, config.epochs // 10)
    for epoch, loss in enumerate(history.loss):
        if epoch % every == 0 or epoch == history.epochs_run - 1:
            say(f"  epoch {epoch:>{len(str(config.epochs))}}  loss {loss:.4f}")
    if history.stopped_early:
        say(f"  stopped early: the validation loss last improved at epoch {history.best_epoch}; "
            "its weights were kept")
    if history.loss:
        say("")
        say(line_chart(history.loss, unicode=supports_unicode(out)))
    say("")


def _report_scores(result: TrainingResult, data: Dataset, quiet: bool, out: TextIO) -> None:
    scores = result.metrics
    if data.task == "regression":
        print(f"train R² {scores['train_r2']:.4f}   test R² {scores['test_r2']:.4f}   "
              f"test MSE {scores['test_mse']:.4g}", file=out)
        return
    print(f"train accuracy {scores['train_accuracy']:.4f}   test accuracy {scores['test_accuracy']:.4f}", file=out)
    if quiet:
        return
    truth, guess = result.test_labels
    average: metrics.Average = "binary" if data.task == "binary" else "macro"
    print(f"test precision {metrics.precision(truth, guess, average=average):.4f}   "
          f"recall {metrics.recall(truth, guess, average=average):.4f}   "
          f"F1 {metrics.f1(truth, guess, average=average):.4f}"
          f"{'   (macro averages over classes)' if average == 'macro' else ''}", file=out)
    print("", file=out)
    print("confusion matrix of the test part:", file=out)
    print(metrics.confusion_matrix(truth, guess, class_names=data.class_names), file=out)


def _metrics_document(result: TrainingResult) -> Dict[str, Union[int, float]]:
    """The scores for --metrics-json; epochs_run as a whole number."""
    return {key: (int(value) if key == "epochs_run" else value) for key, value in result.metrics.items()}


def _predict(args: argparse.Namespace, out: TextIO) -> int:
    model = load_model(args.model)
    X = load_csv_features(args.data, model.feature_names)
    predictions = model.predict(X)
    outputs = model.outputs(X)
    if model.task == "regression":
        header = [model.target_name]
        rows = [[prediction] for prediction in predictions]
        if not args.output:  # a readable table; the CSV keeps every digit
            rows = [[f"{float(prediction):.6g}"] for prediction in predictions]
    elif model.task == "binary":
        header = ["prediction", f"p({model.class_names[1]})"]
        rows = [[prediction, repr(p)] for prediction, p in zip(predictions, outputs.column(0))]
    else:
        header = ["prediction"] + [f"p({name})" for name in model.class_names]
        rows = [[prediction] + [repr(p) for p in row] for prediction, row in zip(predictions, outputs)]
    if args.output:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        write_atomically(args.output, buffer.getvalue())
        print(f"{len(rows)} predictions written to {args.output}", file=out)
        return 0
    width = max(len(header[0]), *(len(row[0]) for row in rows))
    print(("row  " + header[0].ljust(width) + "".join(f"  {name}" for name in header[1:])).rstrip(), file=out)
    for number, row in enumerate(rows, start=1):
        cells = "".join(f"  {float(value):>{len(name)}.4f}" for value, name in zip(row[1:], header[1:]))
        print(f"{number:>3}  {row[0].ljust(width)}{cells}".rstrip(), file=out)
    return 0
