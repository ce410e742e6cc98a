"""The road on, part 1: a network trained by purenn, run by NumPy.

Run it from the repository root (it needs NumPy: pip install numpy):

    python examples/to_numpy.py                   # trains an Iris model first
    python examples/to_numpy.py iris-model.json   # a model file saved by `purenn train --data iris --save`
    python examples/to_numpy.py model.json --csv rows.csv   # any model, with rows to predict

A purenn model file is plain JSON: the layer sizes, the activation, every
weight matrix W (one row per input, one column per unit) and bias b, and
the scaling fitted on the training rows. Nothing in it is specific to
purenn, so any array library can run the same network. With NumPy each
layer is one line, a = φ(a @ W + b): the same equation purenn computes with
its own Matrix class, on whole arrays at once.

The script loads the file with the json module alone, predicts every row
(the Iris flowers, or the rows of --csv) with NumPy and with purenn, and
checks that both give the same outputs to within rounding (1e-12) and the
same classes.
"""

import argparse
import json
import pathlib
import sys
import tempfile
from typing import Any, Dict, List, Tuple

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))  # find purenn without installing

try:
    import numpy as np
except ImportError:  # said in main(): examples/to_pytorch.py imports this file, NumPy or not
    np = None

from purenn.app.modelfile import load_model, save_model  # noqa: E402
from purenn.app.pipeline import TrainConfig, train_model  # noqa: E402
from purenn.data.csvfile import load_csv_features  # noqa: E402
from purenn.data.datasets import iris  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn import metrics  # noqa: E402

TOLERANCE = 1e-12

HIDDEN = {
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": lambda z: np.tanh(z),
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0.0, z, 0.01 * z),  # purenn's slope, LEAKY_SLOPE
}


def softmax(z: Any) -> Any:
    e = np.exp(z - z.max(axis=1, keepdims=True))  # shifted by each row's largest: same result, no overflow
    return e / e.sum(axis=1, keepdims=True)


OUTPUT = {"sigmoid": HIDDEN["sigmoid"], "softmax": softmax, "identity": lambda z: z}


def scale(saved: Dict[str, Any], X: Any) -> Any:
    """The saved scaling of the inputs (or the targets), as purenn.data.preprocessing applies it."""
    if saved["kind"] == "standard":
        return (X - np.array(saved["mean"])) / np.array(saved["scale"])
    if saved["kind"] == "minmax":
        return (X - np.array(saved["minimum"])) / np.array(saved["scale"])
    return X


def unscale(saved: Dict[str, Any], Y: Any) -> Any:
    """The inverse of ``scale``: a regression output back in the target's units."""
    if saved["kind"] == "standard":
        return Y * np.array(saved["scale"]) + np.array(saved["mean"])
    if saved["kind"] == "minmax":
        return Y * np.array(saved["scale"]) + np.array(saved["minimum"])
    return Y


def outputs(model: Dict[str, Any], X: Any) -> Any:
    """The network's outputs for raw rows X (m, n), layer by layer: a = φ(a @ W + b)."""
    architecture = model["architecture"]
    a = scale(model["scaler"], X)                       # (m, n)
    last = len(model["layers"]) - 1
    for index, layer in enumerate(model["layers"]):
        z = a @ np.array(layer["W"]) + np.array(layer["b"])    # (m, units)
        a = OUTPUT[architecture["output"]](z) if index == last else HIDDEN[architecture["activation"]](z)
    if model["target_scaler"] is not None:
        a = unscale(model["target_scaler"], a)
    return a


def model_and_rows(args: argparse.Namespace) -> Tuple[str, Dict[str, Any], Matrix]:
    """The model file's path, its contents read as plain JSON (no purenn needed), and the raw rows to predict.

    Without a model file, an Iris model is trained here first; without --csv,
    the rows are the Iris flowers.
    """
    if args.model is None:
        path = str(pathlib.Path(tempfile.mkdtemp()) / "iris-model.json")
        save_model(train_model(iris(), TrainConfig(epochs=args.epochs)).model, path)
        print(f"trained an Iris model for {args.epochs} epochs with purenn, saved to {path}")
        rows = iris().X
    else:
        path = args.model
        features = load_model(path).feature_names
        if args.csv is None and tuple(features) != iris().feature_names:
            sys.exit(f"{path} reads the features {', '.join(features)}: give rows to predict with --csv PATH")
        rows = load_csv_features(args.csv, features) if args.csv is not None else iris().X
    with open(path, encoding="utf-8") as f:
        return path, json.load(f), rows


def arguments(description: str) -> argparse.Namespace:
    """The command line both conversions share: a model file, rows to predict, or neither."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("model", nargs="?", help="a purenn model file (default: train an Iris model first)")
    parser.add_argument("--csv", metavar="PATH", help="rows to predict, with the model's feature columns")
    parser.add_argument("--epochs", type=int, default=200, help="epochs of the Iris model trained without a file")
    return parser.parse_args()


def agreement(library: str, path: str, rows: Matrix, outputs: List[List[float]]) -> int:
    """Print how far another library's outputs for ``rows`` are from purenn's own; 0 if they agree, else 1."""
    model = load_model(path)
    by_purenn = model.predict(rows)
    difference = max(abs(theirs - ours) for their_row, our_row in zip(outputs, by_purenn.outputs.tolist())
                     for theirs, ours in zip(their_row, our_row))
    print(f"{len(rows)} rows: the {library} and purenn outputs differ by at most {difference:.1e}")
    if model.task == "regression":
        return 0 if difference <= TOLERANCE else 1
    their_classes = [model.class_names[k] for k in metrics.labels(Matrix(outputs))]  # the same rule as purenn's
    same_classes = their_classes == list(by_purenn.classes)
    print(f"the same class for every row: {same_classes}")
    return 0 if difference <= TOLERANCE and same_classes else 1


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    if np is None:
        sys.exit("This example needs NumPy, which purenn itself never uses: pip install numpy")
    path, model, rows = model_and_rows(args)
    return agreement("NumPy", path, rows, outputs(model, np.array(rows.tolist())).tolist())


if __name__ == "__main__":
    sys.exit(main())
