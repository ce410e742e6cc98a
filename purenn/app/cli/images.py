"""The figures of image data for ``purenn train`` (``--plot-digits`` and the others), and a digit in text.

Image data is a data set whose features are the pixels of a square image,
row by row, named ``pixel_0_0``, ``pixel_0_1`` ... like the handwritten
digits' (``--data digits``, 8 x 8; a CSV with such a header works too). The
``train`` command calls three functions of this module: ``add_options``
(the four flags), ``check_options`` (before training: the data fits the
flags asked for) and ``write_figures`` (after training: one SVG file per
flag); ``explain`` calls ``show_picture`` to show the digit it learns from.

>>> parser = argparse.ArgumentParser(prog="purenn train")
>>> add_options(parser)
>>> parser.parse_args(["--plot-weights", "w.svg"]).plot_weights
'w.svg'
>>> from purenn.data.datasets import xor
>>> is_image_data(xor())
False
"""

import argparse
from typing import Optional, Sequence, TextIO

from purenn.errors import ShapeError
from purenn.nn import metrics
from purenn.data.datasets import Dataset, pixel_names
from purenn.plot.confusion import confusion_figure
from purenn.plot.digits import digit_mistakes, digit_text, example_digits, image_side, weight_images
from purenn.plot.figure import check_destination
from purenn.plot.text import supports_unicode
from purenn.app.pipeline import TrainingResult

__all__ = ["FLAGS", "add_options", "check_options", "is_image_data", "show_picture", "write_figures"]

FLAGS = ("plot_digits", "plot_mistakes", "plot_confusion", "plot_weights")
"""The options this module adds, by their argparse names."""

_NEEDS_IMAGES = ("plot_digits", "plot_mistakes", "plot_weights")
_NEEDS_CLASSES = ("plot_digits", "plot_mistakes", "plot_confusion")


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--plot-digits``, ``--plot-mistakes``, ``--plot-confusion`` and ``--plot-weights`` to ``parser``."""
    parser.add_argument("--plot-digits", metavar="PATH",
                        help="draw the first images of every class, with their labels, to this SVG file "
                        "(image data, like --data digits)")
    parser.add_argument("--plot-mistakes", metavar="PATH",
                        help="draw the test images the trained network misreads, with the true label, the "
                        "label it read and that label's probability, to this SVG file (image data)")
    parser.add_argument("--plot-confusion", metavar="PATH",
                        help="draw the confusion matrix of the test part (the training part with "
                        "--test-size 0) to this SVG file (classification)")
    parser.add_argument("--plot-weights", metavar="PATH",
                        help="draw every first-layer unit's weights as an image, blue positive and "
                        "vermillion negative, to this SVG file (image data)")


def is_image_data(data: Dataset) -> bool:
    """True when the features of ``data`` are the pixels of a square image, named as ``pixel_names`` names them.

    (A square number of features is not enough: iris's 4 are no 2 x 2 image.)
    """
    try:
        side = image_side(data.X.shape[1])
    except ShapeError:
        return False
    return data.feature_names == pixel_names(side)


def check_options(args: argparse.Namespace, data: Dataset, parser: argparse.ArgumentParser) -> None:
    """Before training: each destination can be written, and the data fits every figure asked for.

    A misfit is a one-line usage error (exit status 2), as ``--plot-boundary``'s is.
    """
    for name in FLAGS:
        path = getattr(args, name, None)
        if not path:
            continue
        check_destination(path)
        option = "--" + name.replace("_", "-")
        if name in _NEEDS_CLASSES and data.task == "regression":
            parser.exit(2, f"{parser.prog}: error: {option} draws classes; {data.name} is a regression task\n")
        if name in _NEEDS_IMAGES and not is_image_data(data):
            parser.exit(2, f"{parser.prog}: error: {option} draws images; {data.name}'s "
                           f"{data.X.shape[1]} features are not the pixels of one (as the digits' 64 are: "
                           "pixel_0_0 to pixel_7_7, row by row)\n")


def write_figures(args: argparse.Namespace, data: Dataset, result: TrainingResult, out: TextIO) -> None:
    """After training: the SVG files asked for with the four options, each announced on ``out``."""
    model, parts = result.model, result.parts
    part, which = (parts.test, "test") if parts.test is not None else (parts.train, "training")
    if getattr(args, "plot_digits", None):
        example_digits(data).save(args.plot_digits)
        print(f"example images drawn to {args.plot_digits}", file=out)
    if getattr(args, "plot_mistakes", None):
        title = ""  # the figure's own: how many of how many images were misread
        digit_mistakes(model.outputs, part.X, part.Y, model.class_names, title=title).save(args.plot_mistakes)
        print(f"misread {which} images drawn to {args.plot_mistakes}", file=out)
    if getattr(args, "plot_confusion", None):
        truth, guess = metrics.labels(part.Y), metrics.labels(model.outputs(part.X))
        matrix = metrics.confusion_matrix(truth, guess, class_names=model.class_names)
        confusion_figure(matrix, f"{data.name}: confusion matrix of the {which} part").save(args.plot_confusion)
        print(f"confusion matrix drawn to {args.plot_confusion}", file=out)
    if getattr(args, "plot_weights", None):
        if len(model.network.sizes) > 2:
            figure = weight_images(model.network, title=f"{data.name}: what each hidden unit looks for")
        else:  # no hidden layer: each output's weights are the picture of its class
            names = [f"class {name}" for name in model.class_names] if data.task == "multiclass" else ()
            figure = weight_images(model.network, title=f"{data.name}: each output's weights", names=names)
        figure.save(args.plot_weights)
        print(f"first-layer weights drawn to {args.plot_weights}", file=out)


def show_picture(data: Dataset, rows: Optional[Sequence[int]], out: TextIO) -> None:
    """For ``explain`` on one row of image data: print that row as a text picture, with its label.

    Nothing for other data, or for several rows.
    """
    if rows is None or len(rows) != 1 or not is_image_data(data) or not 0 <= rows[0] < len(data.X):
        return
    row = rows[0]
    label = f", labelled {data.class_names[data.Y[row].argmax()]}" if data.task == "multiclass" else ""
    print(f"row {row} of {data.name}{label}, as an image:", file=out)
    print(digit_text(data.X[row].tolist(), unicode=supports_unicode(out)) + "\n", file=out)
