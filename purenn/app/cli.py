"""The command line: ``python -m purenn`` (or the ``purenn`` command).

With no command it runs the main job, the article's network learning the
diabetes table (``purenn/app/mainjob.py``); its options change the settings:

    python -m purenn --epochs 800 --hidden 6 --learning-rate 0.5 --seed 3

Two commands go beyond the article (``purenn/app/pipeline.py``); their options
come after the command's name:

    python -m purenn train --data iris --save model.json
    python -m purenn train --csv data.csv --target label --layers 32,16
    python -m purenn predict model.json new_rows.csv --output predictions.csv
"""

import argparse
import csv
import io
import json
import sys
from typing import Callable, List, NamedTuple, Optional, Sequence, TextIO, Tuple

from purenn._version import __version__
from purenn.app import mainjob
from purenn.nn import metrics
from purenn.linalg._display import counted
from purenn.nn.activations import ACTIVATIONS
from purenn.data.csvfile import MAX_CLASSES, load_csv, load_csv_features
from purenn.data.datasets import DATASETS, TASKS, Dataset
from purenn.errors import PurennError
from purenn.nn.mlp import HEADS
from purenn.app.modelfile import load_model, save_model, write_atomically
from purenn.app.pipeline import SCHEDULES, VALIDATION_SIZE, Prepared, TrainConfig, TrainingResult, fit_and_score, prepare
from purenn.data.preprocessing import SCALERS
from purenn.plot.text import line_chart, supports_unicode

__all__ = ["build_parser", "main"]

DEFAULTS = TrainConfig()


class MainJob(NamedTuple):
    """The main job's settings: the article's, unless an option changes them."""

    epochs: int = 1500
    hidden: int = 4
    learning_rate: float = 1.0
    seed: int = 0


MAIN_JOB = MainJob()

MAIN_JOB_OPTIONS = (
    ("--epochs", "main_epochs"),
    ("--hidden", "main_hidden"),
    ("--learning-rate", "main_learning_rate"),
    ("--seed", "main_seed"),
    ("--quiet", "main_quiet"),
)
"""The main job's options and where argparse keeps them. Their own names
(``main_...``) keep them apart from the train command's options of the same
name, so that an option given before a command can be caught, not lost."""

TRAIN_SHARES = ("--epochs", "--learning-rate", "--seed", "--quiet")
"""The main job's options that the train command has too."""


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
    return _parsers()[0]


def _parsers() -> Tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The main parser, and the train command's own (for its usage errors)."""
    parser = argparse.ArgumentParser(
        prog="purenn",
        description="Watch a neural network written in plain Python learn. With no command: "
        "the two-layer network of the article, trained on a small diabetes table. "
        "A command's options go after its name: purenn train --help.",
    )
    # No argparse defaults here: None means "not given", so that main() can tell
    # an option given before a command (and so lost on it) from one left out.
    parser.add_argument("--epochs", dest="main_epochs", metavar="N", type=_whole(1),
                        help=f"passes over the data (default: {MAIN_JOB.epochs})")
    parser.add_argument("--hidden", dest="main_hidden", metavar="N", type=_whole(1),
                        help=f"hidden units (default: {MAIN_JOB.hidden})")
    parser.add_argument("--learning-rate", dest="main_learning_rate", metavar="RATE", type=_number(0, float("inf")),
                        help=f"gradient descent step size, alpha (default: {MAIN_JOB.learning_rate})")
    parser.add_argument("--seed", dest="main_seed", metavar="N", type=_whole(0),
                        help=f"seed of the initial weights (default: {MAIN_JOB.seed})")
    parser.add_argument("--quiet", dest="main_quiet", action="store_true",
                        help="print only the final loss and accuracy")
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
    train.add_argument("--task", choices=TASKS,
                       help="with --csv: what to predict, instead of reading it from the target's values "
                       f"(text, or whole numbers with at most {MAX_CLASSES} distinct values, are classes; "
                       "other numbers are a regression target)")
    train.add_argument("--layers", type=_layers, default=DEFAULTS.layers, metavar="SIZES",
                       help="hidden layer sizes, like 32,16; an empty string for none "
                       f"(default: {','.join(str(size) for size in DEFAULTS.layers)})")
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
    train.add_argument("--test-size", type=_number(0, 1, closed_low=True), default=DEFAULTS.test_size,
                       help="share of rows held out for testing; 0 to train on every row and report the "
                       "training score only (default: %(default)s)")
    train.add_argument("--scale", choices=sorted(SCALERS), default=DEFAULTS.scale,
                       help="feature scaling, fitted on the training part (default: %(default)s)")
    train.add_argument("--patience", type=_whole(1), default=None,
                       help=f"stop early when the loss on a validation part ({VALIDATION_SIZE * 100:.0f}%% of the "
                       "training rows, held out before scaling) has not improved for this many epochs "
                       "(default: off)")
    train.add_argument("--seed", type=_whole(0), default=DEFAULTS.seed, help="default: %(default)s")
    train.add_argument("--save", metavar="PATH", help="write the trained model to this JSON file")
    train.add_argument("--metrics-json", metavar="PATH",
                       help="write the scores to this JSON file: final_loss (the last epoch's training loss; "
                       "for regression on the standardised target), epochs_run, and train_accuracy and "
                       "test_accuracy (for regression train_r2, test_r2, train_mse and test_mse); with "
                       "--test-size 0 there are no test_ scores")
    train.add_argument("--quiet", action="store_true", help="print only the scores (and any warnings)")

    predict = commands.add_parser(
        "predict", help="predict with a saved model",
        description="Read a model saved by 'train --save' and a CSV file with (at least) the "
        "model's feature columns, and predict every row.",
    )
    predict.add_argument("model", help="the model JSON file")
    predict.add_argument("data", help="a CSV file with a header row")
    predict.add_argument("--output", metavar="PATH", help="write the predictions to this CSV file")
    return parser, train


# --------------------------------------------------------------------- main


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["--epochs", "10", "--quiet"])
    >>> status, out.getvalue().startswith("final loss")
    (0, True)
    """
    parser, train_parser = _parsers()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is not None:
        _refuse_main_job_options(args, parser)
    try:
        if args.command == "train":
            return _train(args, train_parser, sys.stdout)
        if args.command == "predict":
            return _predict(args, sys.stdout)
    except (PurennError, OSError) as error:
        print(f"purenn: error: {_error_text(error)}", file=sys.stderr)
        return 1
    return mainjob.run(
        epochs=MAIN_JOB.epochs if args.main_epochs is None else args.main_epochs,
        hidden=MAIN_JOB.hidden if args.main_hidden is None else args.main_hidden,
        learning_rate=MAIN_JOB.learning_rate if args.main_learning_rate is None else args.main_learning_rate,
        seed=MAIN_JOB.seed if args.main_seed is None else args.main_seed,
        quiet=args.main_quiet,
    )


def _refuse_main_job_options(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """An option of the main job given before a command would do nothing: say so (exit status 2)."""
    for option, dest in MAIN_JOB_OPTIONS:
        value = getattr(args, dest)
        if value is None or value is False:  # not given (not "in (None, False)": --seed 0 == False)
            continue
        if args.command == "train" and option in TRAIN_SHARES:
            parser.error(f"put {option} after 'train': options before a command belong to the main job, "
                         "which 'train' does not run")
        parser.error(f"{option} is an option of the main job (no command), not of '{args.command}'; "
                     f"see purenn {args.command} --help")


def _error_text(error: Exception) -> str:
    """An error as one line: a file error names the file first, like purenn's own errors."""
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return str(error)


# -------------------------------------------------------------------- train


def _load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Dataset:
    if args.csv is not None:
        if args.target is None:
            parser.error("--csv needs --target COLUMN: the column to predict")
        return load_csv(args.csv, args.target, task=args.task)
    if args.target is not None:
        parser.error("--target goes with --csv; a built-in data set knows its target")
    if args.task is not None:
        parser.error(f"--task goes with --csv; the built-in data set {args.data!r} is {DATASETS[args.data]().task}")
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
            print(text, file=out, flush=True)  # flushed: progress shows as it happens, even through a pipe

    m, n = data.X.shape
    say(f"purenn train: {data.name} ({counted(m, 'row')}, {counted(n, 'feature')}, {_task_text(data)})")
    prepared = prepare(data, config)
    _describe(prepared, say)
    _warn(prepared.warnings)
    shown: List[int] = []
    every = max(1, config.epochs // 10)
    width = len(str(config.epochs))

    def progress(epoch: int, loss: float) -> None:
        if epoch % every == 0 or epoch == config.epochs - 1:
            say(f"  epoch {epoch:>{width}}  loss {loss:.4f}")
            shown.append(epoch)

    result = fit_and_score(prepared, on_epoch=progress)
    history = result.history
    if history.loss and shown[-1:] != [history.epochs_run - 1]:  # stopped early between two reports
        say(f"  epoch {history.epochs_run - 1:>{width}}  loss {history.loss[-1]:.4f}")
    if history.stopped_early:
        say(f"  stopped early: the validation loss last improved at epoch {history.best_epoch}; "
            "its weights were kept")
    if history.loss:
        say("")
        say(line_chart(history.loss, unicode=supports_unicode(out)))
    say("")
    _warn(result.warnings)
    _report_scores(result, data, args.quiet, out)
    if args.save:
        save_model(result.model, args.save)
        print(f"model saved to {args.save}", file=out)
    if args.metrics_json:
        write_atomically(args.metrics_json, json.dumps(result.scores.as_dict(), indent=1, sort_keys=True) + "\n")
        print(f"scores written to {args.metrics_json}", file=out)
    return 0


def _task_text(data: Dataset) -> str:
    if data.task == "regression":
        return f"regression of {data.target_names[0]}"
    return f"{len(data.class_names)} classes: {', '.join(data.class_names)}"


def _describe(prepared: Prepared, say: Callable[[str], None]) -> None:
    """The plan of the run, before it starts: the parts, the scaling, the network, the training."""
    config, parts = prepared.config, prepared.parts
    counts = [f"{counted(len(parts.train.X), 'row')} for training"]
    if parts.validation is not None:
        counts.append(f"{len(parts.validation.X)} for validation (early stopping)")
    counts.append(f"{len(parts.test.X)} for testing" if parts.test is not None else "none for testing")
    how = ["--test-size 0"]  # when nothing was split
    if parts.test is not None or parts.validation is not None:
        how = [f"seed {config.seed}"]
        if parts.stratified:
            how.append("stratified")
        elif parts.unstratified_because:
            how.append(f"not stratified: {parts.unstratified_because}")
    say(f"  split     {', '.join(counts)} ({', '.join(how)})")
    say(f"  scaling   {config.scale}, fitted on the training part")
    hidden = f"{config.activation} hidden" if config.layers else "no hidden layer"
    say(f"  network   {' -> '.join(str(size) for size in prepared.sizes)}, {hidden}, "
        f"{prepared.output} output + {HEADS[prepared.output].loss_name}")
    full = not config.batch_size or config.batch_size >= len(parts.train.X)
    batches = "full batch" if full else f"batches of {config.batch_size}"
    say(f"  training  {config.epochs} epochs, {batches}, learning rate {config.learning_rate:g} "
        f"({config.schedule}), momentum {config.momentum:g}")
    say("")


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"purenn: warning: {warning}", file=sys.stderr, flush=True)


def _report_scores(result: TrainingResult, data: Dataset, quiet: bool, out: TextIO) -> None:
    scores = result.scores
    no_test = "   (no test part: --test-size 0)"
    if data.task == "regression":
        r2 = "R²" if supports_unicode(out) else "R^2"
        if scores.test_r2 is None or scores.test_mse is None:
            print(f"train {r2} {scores.train_r2:.4f}   train MSE {scores.train_mse:.4g}{no_test}", file=out)
            return
        print(f"train {r2} {scores.train_r2:.4f}   test {r2} {scores.test_r2:.4f}   "
              f"test MSE {scores.test_mse:.4g}", file=out)
        return
    if scores.test_accuracy is None or result.test_labels is None:
        print(f"train accuracy {scores.train_accuracy:.4f}{no_test}", file=out)
        return
    print(f"train accuracy {scores.train_accuracy:.4f}   test accuracy {scores.test_accuracy:.4f}", file=out)
    if quiet:
        return
    truth, guess = result.test_labels
    average: metrics.Average = "binary" if data.task == "binary" else "macro"
    whose = "macro averages over classes" if average == "macro" else f"positive class {data.class_names[1]!r}"
    print(f"test precision {metrics.precision(truth, guess, average=average):.4f}   "
          f"recall {metrics.recall(truth, guess, average=average):.4f}   "
          f"F1 {metrics.f1(truth, guess, average=average):.4f}   ({whose})", file=out)
    print("", file=out)
    print("confusion matrix of the test part:", file=out)
    print(metrics.confusion_matrix(truth, guess, class_names=data.class_names), file=out)


# ------------------------------------------------------------------ predict


def _predict(args: argparse.Namespace, out: TextIO) -> int:
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
