"""A trained model as a versioned JSON file: save it, load it back, predict with it.

A model file holds everything needed to predict from raw data: the
network's architecture and every weight, the scaling fitted on the training
data, the feature names (which columns to read) and the class names (how
to name the answers). JSON keeps every float exactly (Python writes the
shortest text that reads back as the same float), so a round trip
reproduces every weight bit for bit.

>>> import os, tempfile
>>> from purenn.nn.mlp import MLP
>>> from purenn.data.preprocessing import IdentityScaler
>>> model = TrainedModel(MLP([2, 3, 1], seed=0), IdentityScaler(), ("a", "b"), "binary", ("no", "yes"), "label")
>>> path = os.path.join(tempfile.mkdtemp(), "model.json")
>>> save_model(model, path)
>>> load_model(path).network.parameters() == model.network.parameters()
True

Loading checks every field and refuses anything else with a DataError that
says which field is wrong.
"""

import json
import math
import os
import re
import warnings
from typing import Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from purenn.errors import DataError, PurennError
from purenn.text import counted
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn import metrics
from purenn.nn.activations import ACTIVATIONS
from purenn.nn.mlp import HEADS, MLP, OUTPUT_FOR_TASK, Layer
from purenn.data.datasets import TASKS
from purenn.data.preprocessing import Scaler, scaler_from_dict
from purenn.data.reading import read_bytes
from purenn.app.files import PathLike, write_atomically

__all__ = [
    "FORMAT", "MAX_MODEL_BYTES", "MAX_NESTING", "MAX_NUMBER_TEXT", "ORDINARY_INPUT", "OverflowWarning", "VERSION",
    "Predictions", "TrainedModel", "load_model", "save_model",
]

FORMAT = "purenn-model"
"""The value of every model file's "format" field."""

VERSION = 1
"""The version of the file layout this purenn writes and reads."""

MAX_MODEL_BYTES = 100 * 1024 * 1024
"""The largest model file read: 100 MiB, some five million weights."""

MAX_NESTING = 16
"""The deepest nesting of JSON arrays and objects read; a model file nests 5 deep (a row of a layer's W)."""

MAX_NUMBER_TEXT = 1000
"""The longest number, in characters, read from a model file (a float needs at most 24 to be exact):
longer ones are refused before Python turns them into numbers, which for a long whole number takes time."""

ORDINARY_INPUT = 1000.0
"""The size of inputs (after the model's scaling) that a model should handle without overflow:
standardised data lies within a few units of 0, so 1000 leaves room for rows far outside the training data."""


class OverflowWarning(UserWarning):
    """A loaded model's weights are so large that ordinary inputs could overflow a float inside it.

    Training does not make such weights (it stops when the numbers become
    infinite), so the file was made or edited by hand. The model is loaded
    all the same, and each prediction that comes out NaN or infinite is
    reported by the caller.
    """


class Predictions(NamedTuple):
    """A model's answers for some raw rows, from one run of the network.

    ``outputs`` (m, o): what the network gives, in the target's own units
    (TrainedModel.outputs). ``classes``: for classification, the predicted
    class name of each row, else (). ``values``: for regression, the
    predicted number of each row, else ().
    """

    outputs: Matrix
    classes: Tuple[str, ...]
    values: Tuple[float, ...]


class _TrainedModelFields(NamedTuple):
    """The fields of a TrainedModel, whose constructor checks that they fit together."""

    network: MLP
    scaler: Scaler
    feature_names: Tuple[str, ...]
    task: str
    class_names: Tuple[str, ...]
    target_name: str
    target_scaler: Optional[Scaler]


class TrainedModel(_TrainedModelFields):
    """A network with what it needs to predict from raw rows.

    ``scaler`` turns raw feature columns into the network's inputs;
    ``target_scaler`` (regression only, optional) turns the network's output
    back into the target's units. For classification ``class_names`` names
    each class: binary ("no", "yes") means output 1 is "yes"; multiclass has
    one name per output column.

    The constructor makes the same checks as ``load_model``, so a model that
    can be built can be saved and loaded back; it raises DataError (or
    ShapeError, for a scaler of the wrong width) naming the field.
    """

    __slots__ = ()

    def __new__(
        cls,
        network: MLP,
        scaler: Scaler,
        feature_names: Tuple[str, ...],
        task: str,
        class_names: Tuple[str, ...],
        target_name: str,
        target_scaler: Optional[Scaler] = None,
    ) -> "TrainedModel":
        if not isinstance(network, MLP):
            raise TypeError(f"a TrainedModel's network must be an MLP, got {type(network).__name__}")
        sizes = network.sizes
        _strings(feature_names, "feature_names")
        if len(feature_names) != sizes[0]:
            raise DataError(
                f'"feature_names" has {counted(len(feature_names), "name")} '
                f"but the network takes {counted(sizes[0], 'input')}"
            )
        if task not in TASKS:
            raise DataError(f'"task" must be one of {", ".join(TASKS)}; got {task!r}')
        _distinct(feature_names, "feature_names", "column")  # else one column would be read for two
        _strings(class_names, "class_names")
        _distinct(class_names, "class_names", "class")
        expected = {"binary": 2, "multiclass": sizes[-1], "regression": 0}[task]
        if len(class_names) != expected:
            raise DataError(f'a {task} model needs {expected} "class_names", got {len(class_names)}')
        output = network.head.output
        if output != OUTPUT_FOR_TASK[task]:
            raise DataError(f"a {task} model must have a {OUTPUT_FOR_TASK[task]!r} output, not {output!r}")
        if not isinstance(target_name, str):
            raise DataError(f'"target_name" must be a string, got {target_name!r}')
        scaler.transform(Matrix.zeros(1, sizes[0]))  # raises if its width does not match the features
        if target_scaler is not None:
            target_scaler.inverse_transform(Matrix.zeros(1, sizes[-1]))  # the same, for the outputs
            if task != "regression":
                raise DataError(f"a {task} model has no target_scaler: its outputs are probabilities")
        return super().__new__(cls, network, scaler, feature_names, task, class_names, target_name, target_scaler)

    def outputs(self, X: Matrix) -> Matrix:
        """The network's outputs for raw rows X (m, n): probabilities, or target values for regression."""
        output = self.network.predict_proba(self.scaler.transform(X))
        if self.target_scaler is not None:
            return self.target_scaler.inverse_transform(output)
        return output

    def predict(self, X: Matrix) -> Predictions:
        """The answer for every raw row X (m, n): a class name, or a number for regression.

        The network runs once; the class of a row is its most probable one
        (for binary: class_names[1] when its probability is at least 0.5).

        >>> from purenn.data.preprocessing import IdentityScaler
        >>> model = TrainedModel(MLP([1, 1], output="sigmoid", seed=0), IdentityScaler(), ("x",), "binary",
        ...                      ("no", "yes"), "answer")
        >>> model.predict(Matrix([[-10.0], [10.0]])).classes
        ('no', 'yes')
        """
        output = self.outputs(X)
        if self.task == "regression":
            return Predictions(output, classes=(), values=tuple(output.column(0)))
        return Predictions(output, classes=tuple(self.class_names[k] for k in metrics.labels(output)), values=())


# ------------------------------------------------------------------- saving


def save_model(model: TrainedModel, path: PathLike) -> None:
    """Write ``model`` to ``path`` as JSON; the file is complete or absent, never half-written."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "architecture": {
            "sizes": model.network.sizes,
            "activation": model.network.activation.name,
            "output": model.network.head.output,
        },
        "layers": [{"W": layer.W.tolist(), "b": layer.b.tolist()} for layer in model.network.layers],
        "scaler": model.scaler.to_dict(),
        "target_scaler": None if model.target_scaler is None else model.target_scaler.to_dict(),
        "feature_names": list(model.feature_names),
        "task": model.task,
        "class_names": list(model.class_names),
        "target_name": model.target_name,
    }
    write_atomically(path, json.dumps(document, indent=1, allow_nan=False) + "\n")


# ------------------------------------------------------------------ loading


def load_model(path: PathLike) -> TrainedModel:
    """Read a model file written by ``save_model``, checking every field.

    Raises DataError naming the file and the field for anything that is not
    a purenn model file of this version: bad JSON, a missing or wrong field,
    weights whose shapes do not fit, non-finite numbers. Within limits that
    no saved model comes near, so that a broken or hostile file is refused
    quickly: at most MAX_MODEL_BYTES (100 MiB), JSON nested at most
    MAX_NESTING (16) deep, numbers of at most MAX_NUMBER_TEXT (1000)
    characters. Weights so large that inputs of up to ORDINARY_INPUT (1000)
    in size, after scaling, could overflow a float give an OverflowWarning.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a model file's path (a str or a pathlib.Path), got {path!r:.60}")
    where = os.fspath(path)
    try:
        text = read_bytes(path, MAX_MODEL_BYTES, "a purenn model file").decode("utf-8")
        depth = _nesting(text)
        if depth > MAX_NESTING:
            raise DataError(f"not a purenn model file (JSON nested over {MAX_NESTING} deep)")
        document = json.loads(text, parse_int=_whole_number, parse_float=_float)
    except FileNotFoundError:
        raise DataError(f"{where}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"{where}: not a purenn model file (not valid JSON: {error})") from None
    except DataError as error:
        message = str(error)
        raise DataError(message if message.startswith(where) else f"{where}: {message}") from None
    if not isinstance(document, dict):
        raise DataError(f"{where}: not a purenn model file (expected a JSON object)")
    if document.get("format") != FORMAT:
        raise DataError(
            f'{where}: not a purenn model file ("format" is {document.get("format")!r}, expected {FORMAT!r})'
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version != VERSION:
        raise DataError(
            f"{where}: model file version {version!r} is not supported; "
            f"this purenn reads version {VERSION}"
        )
    try:
        model = _model_from(document)
    except (DataError, PurennError, TypeError) as error:
        raise DataError(f"{where}: {error}") from None
    risk = _overflow_risk(model.network)
    if risk:
        warnings.warn(OverflowWarning(f"{where}: {risk}"), stacklevel=2)
    return model


def _nesting(text: str) -> int:
    """How deep the JSON text nests arrays and objects (brackets inside strings do not count).

    >>> _nesting('{"a": [[1, 2], "[[["]}')
    3
    """
    depth = deepest = 0
    # A string runs to its closing quote, or to the end of the text: each character is read once, so the
    # time is linear in the text even when a quote is never closed (a closing quote required instead
    # would make every later quote start a scan to the end: quadratic).
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', text, re.DOTALL):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:  # no need to read on
                break
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _whole_number(text: str) -> int:
    if len(text) > MAX_NUMBER_TEXT:
        raise DataError(f"not a purenn model file (a number of {len(text)} digits; the limit is {MAX_NUMBER_TEXT})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_TEXT:
        raise DataError(f"not a purenn model file (a number of {len(text)} characters; the limit is {MAX_NUMBER_TEXT})")
    return float(text)


def _overflow_risk(network: MLP) -> str:
    """What overflows when some input of size ORDINARY_INPUT could overflow a float inside ``network``; else "".

    Each layer's outputs are at most (Σ_i |W_ij|) · bound + |b_j| in size,
    where bound is the largest size of its inputs; the activation then maps
    ±that size to the next bound (1 for sigmoid and tanh).
    """
    bound = ORDINARY_INPUT
    for number, layer in enumerate(network.layers, start=1):
        try:
            reach = max(
                math.fsum(abs(w) for w in column) * bound + abs(b) for column, b in zip(layer.W.T, layer.b)
            )  # the largest |z| any input within ±bound can give
        except OverflowError:  # fsum of weights near the largest float: beyond it, as inf would be
            reach = math.inf
        if not reach < 1e300:
            return (
                f"the weights of layer {number} are so large that inputs of size {ORDINARY_INPUT:g} "
                "(after scaling) could give outputs beyond 1e300, near the largest float; training does "
                "not make such weights, and predictions may come out infinite or NaN"
            )
        if number < len(network.layers):
            bound = abs(network.activation.function(Matrix([[reach, -reach]]))).max()
    return ""


def _model_from(document: Mapping[str, object]) -> TrainedModel:
    architecture = _object(document, "architecture")
    sizes_data = _array(architecture, "sizes")
    if not all(isinstance(size, int) and not isinstance(size, bool) for size in sizes_data):
        raise DataError(f'"sizes" must be an array of whole numbers, got {sizes_data!r:.60}')
    sizes = [size for size in sizes_data if isinstance(size, int)]
    activation = _string(architecture, "activation")
    output = _string(architecture, "output")
    if activation not in ACTIVATIONS:
        raise DataError(f'"activation" must be one of {", ".join(ACTIVATIONS)}; got {activation!r}')
    if output not in HEADS:
        raise DataError(f'"output" must be one of {", ".join(HEADS)}; got {output!r}')
    layers_data = _array(document, "layers")
    if len(layers_data) != len(sizes) - 1 or not layers_data:
        raise DataError(f'"layers" has {counted(len(layers_data), "entry")} but "sizes" {sizes} needs {len(sizes) - 1}')
    layers = []
    for number, layer in enumerate(layers_data, start=1):
        if not isinstance(layer, dict):
            raise DataError(f'layer {number} must be an object with "W" and "b"')
        W_rows = _numbers_table(_array(layer, "W"), f"W{number}")
        b_entries = _numbers_row(_array(layer, "b"), f"b{number}")
        try:
            W = Matrix(W_rows)
        except PurennError as error:  # a ragged or empty table: name the field it is in
            raise DataError(f"W{number} (the weights of layer {number}): {error}") from None
        try:
            b = Vector(b_entries)
        except PurennError as error:
            raise DataError(f"b{number} (the biases of layer {number}): {error}") from None
        layers.append(Layer(W, b))
    network = MLP.from_layers(layers, activation=activation, output=output)  # its errors name W2, b1...
    if network.sizes != sizes:
        raise DataError(f'the weights have layer sizes {network.sizes} but "sizes" says {sizes}')

    target_data = document.get("target_scaler")
    return TrainedModel(  # checks that the fields fit together
        network=network,
        scaler=scaler_from_dict(_object(document, "scaler")),
        feature_names=tuple(_strings(_array(document, "feature_names"), "feature_names")),
        task=_string(document, "task"),
        class_names=tuple(_strings(_array(document, "class_names"), "class_names")),
        target_name=_string(document, "target_name"),
        target_scaler=None if target_data is None else scaler_from_dict(_object(document, "target_scaler")),
    )


def _object(document: Mapping[str, object], name: str) -> Dict[str, object]:
    value = document.get(name)
    if not isinstance(value, dict):
        raise DataError(f'field "{name}" must be a JSON object; got {value!r:.60}')
    return value


def _array(document: Mapping[str, object], name: str) -> List[object]:
    value = document.get(name)
    if not isinstance(value, list):
        raise DataError(f'field "{name}" must be a JSON array; got {value!r:.60}')
    return value


def _string(document: Mapping[str, object], name: str) -> str:
    value = document.get(name)
    if not isinstance(value, str):
        raise DataError(f'field "{name}" must be a JSON string; got {value!r:.60}')
    return value


def _numbers_row(values: Sequence[object], name: str) -> List[float]:
    row = []
    for index, value in enumerate(values):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise DataError(f"{name}[{index}] must be a finite number, got {value!r:.60}")
        try:
            number = float(value)
        except OverflowError:
            raise DataError(
                f"{name}[{index}] must be a finite number, got one too large for a float: {value!r:.40}..."
            ) from None
        if not math.isfinite(number):
            raise DataError(f"{name}[{index}] must be a finite number, got {value!r}")
        row.append(number)
    return row


def _numbers_table(rows: Sequence[object], name: str) -> List[List[float]]:
    table = []
    for index, row in enumerate(rows):
        if not isinstance(row, list):
            raise DataError(f"row {index} of {name} must be an array of numbers, got {row!r:.60}")
        table.append(_numbers_row(row, f"{name}[{index}]"))
    return table


def _distinct(names: Sequence[str], field: str, what: str) -> None:
    """Refuse a list of ``names`` (the field ``field``) that names one ``what`` twice.

    >>> _distinct(("a", "b", "a"), "class_names", "class")
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: "class_names" names the class 'a' twice: each class needs a name of its own
    """
    seen = set()
    for name in names:
        if name in seen:
            raise DataError(f'"{field}" names the {what} {name!r:.60} twice: each {what} needs a name of its own')
        seen.add(name)


def _strings(values: Sequence[object], name: str) -> List[str]:
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise DataError(f'"{name}"[{index}] must be a string, got {value!r}')
    return [str(value) for value in values]
