"""``purenn train``: train an MLP on a built-in data set or a CSV file.

The steps themselves (split, scale, fit, score) are ``purenn.app.pipeline``;
this module reads the options, prints the plan and the progress, and writes
the files asked for.

>>> parser = argparse.ArgumentParser(prog="purenn").add_subparsers()
>>> add_parser(parser).parse_args(["--data", "iris", "--epochs", "5"]).epochs
5
"""

import argparse
import json
import math
import sys
from typing import Callable, Dict, List, Mapping, Optional, Sequence, TextIO, Tuple

from purenn.errors import DataError
from purenn.text import counted
from purenn.nn.training import History, updates_per_epoch
from purenn.nn import metrics
from purenn.nn.activations import ACTIVATIONS
from purenn.nn.mlp import HEADS
from purenn.data.csvfile import MAX_CLASSES, TooManyClasses, load_csv
from purenn.data.datasets import DATASETS, TASKS, Dataset
from purenn.data.preprocessing import SCALERS
from purenn.plot.boundary import decision_boundary
from purenn.plot.diagram import network_diagram
from purenn.plot.figure import check_destination
from purenn.plot.loss import loss_curve
from purenn.plot.progress import Progress
from purenn.plot.text import MAP_CLASSES, chart_width, decision_map, line_chart, supports_unicode
from purenn.app.cli import COMMANDS, images
from purenn.app.cli.options import flag, layer_sizes, number, whole
from purenn.app.cli.paths import written
from purenn.app.cli.streams import INTERRUPTED, stop_after_epoch
from purenn.app.files import write_atomically
from purenn.app.messages import Message, Setting, escaped
from purenn.app.modelfile import TrainedModel, save_model
from purenn.app.pipeline import (
    LEARNING_RATES, MIN_TEST_ROWS, OPTIMIZERS, SCHEDULES, VALIDATION_SIZE, Prepared, TrainConfig, TrainingResult,
    check_run_size, fit_and_score, prepare,
)

DEFAULTS = TrainConfig()

REPORT_CLASSES = 30
"""Past this many classes the report summarises: the first class names only, and the
classes most often mistaken instead of the whole confusion matrix (1,000 classes would
print a table of a million counts)."""

INPUTS = ("csv",)
"""The options naming a file this command reads: no output may replace it (see paths.py)."""


# Long because it is a table: one statement per option, in the order --help lists them, to be read (and extended)
# from top to bottom; split into pieces, an option's place in --help would be harder to find.
def add_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """The ``train`` command's parser, with every option and its help text."""
    parser = commands.add_parser(
        "train", help=COMMANDS["train"],
        description="Train an MLP: split the data, scale it (fitted on the training part), train, "
        "and report scores on the training and test parts. Two classes get a sigmoid output, "
        "more get softmax, numeric targets get a linear output with mean squared error.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", choices=sorted(DATASETS), help="a data set shipped with purenn")
    source.add_argument("--csv", metavar="PATH", help="a CSV file with a header row")
    parser.add_argument("--target", metavar="COLUMN", help="with --csv: the column to predict")
    parser.add_argument("--task", choices=TASKS,
                       help="with --csv: what to predict, instead of reading it from the target's values "
                       f"(text, or whole numbers with at most {MAX_CLASSES} distinct values, are classes; "
                       "other numbers are a regression target)")
    parser.add_argument("--layers", type=layer_sizes, default=DEFAULTS.layers, metavar="SIZES",
                       help="hidden layer sizes, like 32,16; an empty string for none "
                       f"(default: {','.join(str(size) for size in DEFAULTS.layers)})")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default=DEFAULTS.activation,
                       help="hidden activation (default: %(default)s)")
    parser.add_argument("--epochs", type=whole(1), default=DEFAULTS.epochs, help="default: %(default)s")
    parser.add_argument("--batch-size", type=whole(0), default=DEFAULTS.batch_size,
                       help="rows per update; 0 for the whole training part at once (default: %(default)s)")
    parser.add_argument("--learning-rate", type=number(0, float("inf")), default=None,
                       help="default: " + ", ".join(f"{rate:g} with {name}" for name, rate in LEARNING_RATES.items()))
    parser.add_argument("--schedule", choices=SCHEDULES, default=DEFAULTS.schedule,
                       help="learning-rate schedule (default: %(default)s)")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default=DEFAULTS.optimizer,
                       help="how each update moves the weights: " + "; ".join(
                           f"{name} ({kind.summary})" for name, kind in OPTIMIZERS.items()) + " (default: %(default)s)")
    parser.add_argument("--momentum", type=number(0, 1, closed_low=True), default=None,
                       help=f"with --optimizer sgd (default: {DEFAULTS.momentum:g})")
    parser.add_argument("--weight-decay", type=number(0, float("inf"), closed_low=True), default=None,
                       help="a pull of every weight w towards 0: this times w is added to w's gradient "
                       "(an L2 penalty), or with adamw w loses the fraction learning rate x this of itself each update "
                       "(default: 0.01 with adamw, else 0)")
    parser.add_argument("--test-size", type=number(0, 1, closed_low=True), default=DEFAULTS.test_size,
                       help="share of rows held out for testing; 0 to train on every row and report the "
                       "training score only (default: %(default)s)")
    parser.add_argument("--scale", choices=sorted(SCALERS), default=DEFAULTS.scale,
                       help="feature scaling, fitted on the training part (default: %(default)s)")
    parser.add_argument("--patience", type=whole(1), default=None,
                       help=f"stop early when the loss on a validation part ({VALIDATION_SIZE * 100:.0f}%% of the "
                       "training rows, held out before scaling) has not improved for this many epochs "
                       "(default: off)")
    parser.add_argument("--seed", type=whole(0), default=DEFAULTS.seed, help="default: %(default)s")
    parser.add_argument("--save", metavar="PATH", help="write the trained model to this JSON file")
    parser.add_argument("--metrics-json", metavar="PATH",
                       help="write the scores to this JSON file: final_loss (the last epoch's training loss; "
                       "for regression on the standardised target), epochs_run, and train_accuracy and "
                       "test_accuracy (for regression train_r2, test_r2, train_mse and test_mse); with "
                       "--test-size 0 there are no test_ scores; a score too large for a float (the MSE of "
                       "targets near 1e308) is null")
    parser.add_argument("--plot-loss", metavar="PATH", help="draw the loss of every epoch to this SVG file")
    parser.add_argument("--plot-boundary", metavar="PATH",
                       help="draw the decision boundary, with the training and test rows, to this SVG file "
                       "(classification with two features only)")
    parser.add_argument("--plot-network", metavar="PATH",
                       help="draw the trained network, every weight a line, to this SVG file")
    images.add_options(parser)  # --plot-digits, --plot-mistakes, --plot-confusion, --plot-weights
    parser.add_argument("--quiet", action="store_true", help="print only the scores (and any warnings)")
    return parser


def _load(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Dataset:
    if args.csv is not None:
        if args.target is None:
            parser.error("--csv needs --target COLUMN: the column to predict")
        try:
            return load_csv(args.csv, args.target, task=args.task)
        except TooManyClasses as error:  # the library's advice, in the command line's words
            raise DataError(
                f"{error.where}: {error.classes} different values in {counted(error.rows, 'row')}, fewer than two "
                "rows per class: this looks like an identifier or a measurement, not a class label; "
                + ("predict it as a number with --task regression, or " if error.numeric else "")
                + "choose another column with --target"
            ) from None
    if args.target is not None:
        parser.error("--target goes with --csv; a built-in data set knows its target")
    if args.task is not None:
        parser.error(f"--task goes with --csv; the built-in data set {args.data!r} is {DATASETS[args.data]().task}")
    return DATASETS[args.data]()


def run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    """Train as ``args`` says, printing to ``out``; return the exit status."""
    data = _load(args, parser)
    _check_options(args, data, parser)
    config = _config(args, parser)

    def say(text: str = "") -> None:
        if not args.quiet:
            print(text, file=out, flush=True)  # flushed: progress shows as it happens, even through a pipe

    m, n = data.X.shape
    check_run_size(m, (n, *config.layers, data.Y.shape[1]))  # refused before the plan is printed, as the main job is
    say(f"purenn train: {escaped(data.name)} ({counted(m, 'row')}, {counted(n, 'feature')}, {_task_text(data)})")
    prepared = prepare(data, config)
    _describe(prepared, say)
    _warn(prepared.warnings)
    _warn(_small_parts(prepared))
    updates = updates_per_epoch(len(prepared.parts.train.X), config.batch_size)
    progress = None if args.quiet else Progress(
        config.epochs, config.schedule_for(updates), updates, out=out, indent="  "
    )

    def keep(model: TrainedModel, history: History) -> None:  # saved first: nothing after can lose the run
        if progress is not None:
            progress.close()
        if args.save:
            with written("--save", args.save):
                save_model(model, args.save)
        stop.finish(interrupted=history.interrupted)  # a Ctrl-C from here on stops at once

    try:
        with stop_after_epoch(lambda text: print(f"\npurenn: {text}", file=sys.stderr, flush=True)) as stop:
            result = fit_and_score(prepared, on_epoch=stop.wrap(progress), on_trained=keep)
    finally:
        if progress is not None:
            progress.close()
    history = result.history
    if history.interrupted:
        saved = f"; the model is saved to {escaped(args.save)}" if args.save else " (nothing saved: no --save)"
        last = f", last loss {history.loss[-1]:.4f}" if history.loss else ""
        print(f"purenn: interrupted after {counted(history.epochs_run, 'epoch')} of {config.epochs}{last}{saved}",
              file=sys.stderr)
        return INTERRUPTED
    _report(args, data, result, say, out)
    return 0


def _check_options(args: argparse.Namespace, data: Dataset, parser: argparse.ArgumentParser) -> None:
    """Refuse options that do not go together, or with this data, before anything is trained."""
    if args.momentum is not None and args.optimizer != "sgd":
        parser.error(f"--momentum goes with --optimizer sgd; {args.optimizer} keeps its own running averages")
    for path in (args.plot_loss, args.plot_boundary, args.plot_network):
        if path:
            check_destination(path)  # before training, not after it
    images.check_options(args, data, parser)
    if args.plot_boundary and (data.task == "regression" or data.X.shape[1] != 2):
        what = "is a regression task" if data.task == "regression" else f"has {counted(data.X.shape[1], 'feature')}"
        # one line, not argparse's usage block: the options are fine, the data does not fit them
        parser.exit(2, f"{parser.prog}: error: --plot-boundary draws classes in the plane of two features; "
                       f"{escaped(data.name)} {what}\n")


def _config(args: argparse.Namespace, parser: argparse.ArgumentParser) -> TrainConfig:
    """The training's settings from the options, each default filled in; a weight decay too strong refused."""
    config = TrainConfig(
        layers=args.layers,
        activation=args.activation,
        epochs=args.epochs,
        batch_size=args.batch_size or None,
        learning_rate=LEARNING_RATES[args.optimizer] if args.learning_rate is None else args.learning_rate,
        schedule=args.schedule,
        momentum=DEFAULTS.momentum if args.momentum is None else args.momentum,
        optimizer=args.optimizer,
        weight_decay=args.weight_decay,
        test_size=args.test_size,
        scale=args.scale,
        seed=args.seed,
        patience=args.patience,
    )
    shrink = config.learning_rate * (config.weight_decay or 0.0)
    if config.optimizer in ("sgd", "adamw") and shrink >= 1.0:  # each update takes λ·α of every weight, or more
        parser.error(f"--weight-decay {config.weight_decay:g} with learning rate {config.learning_rate:g} takes "
                     f"{shrink:g} times each weight from it at every update, all of it or more, instead of pulling "
                     f"it a little towards 0: use a weight decay below {1.0 / config.learning_rate:.3g}")
    return config


def _report(
    args: argparse.Namespace, data: Dataset, result: TrainingResult, say: Callable[[str], None], out: TextIO,
) -> None:
    """After a run that was not interrupted: how it ended, the loss curve (and the classes across the plane),
    the warnings, the scores, and the files asked for."""
    history = result.history
    if history.stopped_early:
        say(f"  stopped early: the validation loss last improved at epoch {history.best_epoch}; "
            "its weights were kept")
    if history.loss:
        say("")
        say(line_chart(history.loss, width=chart_width(out), unicode=supports_unicode(out)))
    if data.task != "regression" and data.X.shape[1] == 2 and len(data.class_names) <= MAP_CLASSES and not args.quiet:
        say("")
        say(_boundary(result, data, out))
    say("")
    _warn(result.warnings)
    _report_scores(result, data, args.quiet, out)
    if args.save:  # (saved as soon as training ended, by keep)
        print(f"model saved to {escaped(args.save)}", file=out)
    if args.metrics_json:
        with written("--metrics-json", args.metrics_json):
            write_atomically(args.metrics_json, _scores_json(result.scores.as_dict()))
        print(f"scores written to {escaped(args.metrics_json)}", file=out)
    _write_figures(args, data.name, result, out)
    images.write_figures(args, data, result, out)


def _boundary(result: TrainingResult, data: Dataset, out: TextIO) -> str:
    """The classes the trained network picks across the plane of 2-D data, every row on top."""
    width = chart_width(out)
    classes = decision_map(
        lambda X: metrics.labels(result.model.outputs(X)), data.X, metrics.labels(data.Y), _shown(data.class_names),
        width=width, height=width // 3, unicode=supports_unicode(out),
    )
    return f"what the network predicts across the plane (the points: every row of the data)\n{classes}"


def _write_figures(args: argparse.Namespace, name: str, result: TrainingResult, out: TextIO) -> None:
    """The SVG figures asked for with --plot-loss, --plot-boundary and --plot-network."""
    model = result.model
    if args.plot_loss:
        with written("--plot-loss", args.plot_loss):
            loss_curve(result.history, title=f"{name}: loss per epoch").save(args.plot_loss)
        print(f"loss curve drawn to {escaped(args.plot_loss)}", file=out)
    if args.plot_boundary:
        train, test = result.parts.train, result.parts.test
        figure = decision_boundary(
            model.outputs, train.X, train.Y,
            X_test=test.X if test is not None else None, Y_test=test.Y if test is not None else None,
            class_names=model.class_names, feature_names=(model.feature_names[0], model.feature_names[1]),
            title=f"{name}: decision boundary",
        )
        with written("--plot-boundary", args.plot_boundary):
            figure.save(args.plot_boundary)
        print(f"decision boundary drawn to {escaped(args.plot_boundary)}", file=out)
    if args.plot_network:
        if model.task == "regression":
            outputs = [model.target_name]
        elif model.task == "binary":  # one output unit: the probability of the second class
            outputs = [f"p({model.class_names[1]})"]
        else:
            outputs = list(model.class_names)
        title = f"{name}: the trained network's weights"
        diagram = network_diagram(model.network, feature_names=model.feature_names, output_names=outputs, title=title)
        with written("--plot-network", args.plot_network):
            diagram.save(args.plot_network)
        print(f"network drawn to {escaped(args.plot_network)}", file=out)


def _task_text(data: Dataset) -> str:
    """The task in a few words: what is predicted, and the classes (the first REPORT_CLASSES of them)."""
    if data.task == "regression":
        return f"regression of {escaped(data.target_names[0])}"
    names = _shown(data.class_names[:REPORT_CLASSES])
    more = f", ... ({len(data.class_names) - REPORT_CLASSES} more)" if len(data.class_names) > REPORT_CLASSES else ""
    return f"{len(data.class_names)} classes: {', '.join(names)}{more}"


def _shown(names: Sequence[str]) -> List[str]:
    """Names as they are printed: escaped (``messages.escaped``), and still told apart
    (two names that escape alike, a real escape character and its written form, are shown as repr)."""
    shown = [escaped(name) for name in names]
    return shown if len(set(shown)) == len(set(names)) else [repr(name) for name in names]


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
    optimizer = config.make_optimizer()
    moves = f"momentum {config.momentum:g}" if config.optimizer == "sgd" else config.optimizer
    decay = f", weight decay {optimizer.weight_decay:g}" if optimizer.weight_decay else ""
    say(f"  training  {config.epochs} epochs, {batches}, learning rate {config.learning_rate:g} "
        f"({config.schedule}), {moves}{decay}")
    say("")


def _small_parts(prepared: Prepared) -> List[Message]:
    """A warning about a validation part too small for early stopping to trust."""
    validation = prepared.parts.validation
    if validation is None or len(validation.X) >= MIN_TEST_ROWS:
        return []
    patience = Setting("patience")
    return [Message(
        f"{{}}: early stopping watches a validation part of only {counted(len(validation.X), 'row')} "
        f"({VALIDATION_SIZE:.0%} of the training rows), too few for its loss to say when to stop; "
        "use more data, or leave out {}",
        (patience, patience),
    )]


def _mse(mse: Optional[float], r2: Optional[float]) -> str:
    """An MSE as printed; one that a float cannot hold (the squares of errors above about 1e154, or below
    about 1e-162) is said to be beyond the floats, not printed as inf or 0 (R², in the targets' own units,
    is printed as it is).

    >>> _mse(0.25, 0.5), _mse(float("inf"), 0.1), _mse(0.0, 0.9), _mse(0.0, 1.0)
    ('0.25', 'over 1.8e+308 (beyond the floats)', 'below 5e-324 (beyond the floats)', '0')
    """
    if mse is not None and math.isinf(mse):
        return "over 1.8e+308 (beyond the floats)"
    if mse == 0.0 and r2 is not None and r2 < 1.0:  # the errors are not all 0, but their squares underflowed
        return "below 5e-324 (beyond the floats)"
    return f"{mse:.4g}"


def _scores_json(scores: Mapping[str, object]) -> str:
    """The scores as strict JSON: one a float cannot hold (inf, from an MSE beyond the floats) is null.

    >>> print(_scores_json({"test_mse": float("inf"), "epochs_run": 3}), end="")
    {
     "epochs_run": 3,
     "test_mse": null
    }
    """
    kept = {name: None if isinstance(value, float) and not math.isfinite(value) else value
            for name, value in scores.items()}
    return json.dumps(kept, indent=1, sort_keys=True, allow_nan=False) + "\n"


def _warn(warnings: Sequence[Message]) -> None:
    for warning in warnings:
        print(f"purenn: warning: {escaped(warning.text(flag))}", file=sys.stderr, flush=True)


def _report_scores(result: TrainingResult, data: Dataset, quiet: bool, out: TextIO) -> None:
    scores = result.scores
    no_test = "   (no test part: --test-size 0)"
    if data.task == "regression":
        r2 = "R²" if supports_unicode(out) else "R^2"
        if scores.test_r2 is None or scores.test_mse is None:
            print(f"train {r2} {scores.train_r2:.4f}   train MSE {_mse(scores.train_mse, scores.train_r2)}{no_test}",
                  file=out)
            return
        print(f"train {r2} {scores.train_r2:.4f}   test {r2} {scores.test_r2:.4f}   "
              f"test MSE {_mse(scores.test_mse, scores.test_r2)}", file=out)
        return
    if scores.test_accuracy is None or result.test_labels is None:
        print(f"train accuracy {scores.train_accuracy:.4f}{no_test}", file=out)
        return
    print(f"train accuracy {scores.train_accuracy:.4f}   test accuracy {scores.test_accuracy:.4f}", file=out)
    if quiet:
        return
    truth, guess = result.test_labels
    average: metrics.Average = "binary" if data.task == "binary" else "macro"
    positive = escaped(repr(data.class_names[1])) if average == "binary" else ""
    whose = "macro averages over classes" if average == "macro" else f"positive class {positive}"
    print(f"test precision {metrics.precision(truth, guess, average=average):.4f}   "
          f"recall {metrics.recall(truth, guess, average=average):.4f}   "
          f"F1 {metrics.f1(truth, guess, average=average):.4f}   ({whose})", file=out)
    print("", file=out)
    if len(data.class_names) > REPORT_CLASSES:
        _most_mistaken(truth, guess, data.class_names, out)
        return
    print("confusion matrix of the test part:", file=out)
    print(metrics.confusion_matrix(truth, guess, class_names=_shown(data.class_names)), file=out)


def _most_mistaken(truth: Sequence[int], guess: Sequence[int], class_names: Sequence[str], out: TextIO) -> None:
    """In place of a confusion matrix too large to read: the mistakes made most often, at most ten."""
    mistakes: Dict[Tuple[int, int], int] = {}
    for t, g in zip(truth, guess):
        if t != g:
            mistakes[(t, g)] = mistakes.get((t, g), 0) + 1
    names = _shown(class_names)
    print(f"the confusion matrix of the test part has {len(class_names)} classes, too many to print "
          f"(at most {REPORT_CLASSES}); the mistakes made most often:", file=out)
    ranked = sorted(mistakes.items(), key=lambda item: (-item[1], item[0]))[:10]
    for (t, g), count in ranked:
        print(f"  {names[t]} taken for {names[g]}: {counted(count, 'time')}", file=out)
    if not ranked:
        print("  none: every test row is right", file=out)
