"""Model files: a save/load round trip keeps every bit, loading refuses anything else with a
DataError that names the problem, and write_atomically never leaves a half-written file."""

import json
import math
import os
import pathlib
import random
import stat
import sys
from typing import Any, Callable, Dict, List, Mapping, Tuple, Union

import pytest

from purenn.data.datasets import diabetes, iris, sine, xor
from purenn.errors import DataError
from purenn.linalg.matrix import Matrix
from purenn.nn.mlp import MLP, Layer
from purenn.app.files import write_atomically
from purenn.app.modelfile import FORMAT, VERSION, OverflowWarning, TrainedModel, load_model, save_model
from purenn.data.preprocessing import IdentityScaler, MinMaxScaler, StandardScaler
from purenn.linalg.vector import Vector

Document = Dict[str, object]
KEYS = {
    "format", "version", "architecture", "layers", "scaler", "target_scaler",
    "feature_names", "task", "class_names", "target_name",
}


def with_random_biases(net: MLP, seed: int) -> MLP:
    rng = random.Random(seed)
    parameters = dict(net.parameters())
    for name, value in net.parameters().items():
        if isinstance(value, Vector):
            parameters[name] = Vector([rng.gauss(0.0, 1.0) for _ in range(len(value))])
    return net.with_parameters(parameters)


def binary_model() -> TrainedModel:
    data = diabetes()
    network = with_random_biases(MLP([4, 5, 1], activation="tanh", output="sigmoid", seed=1), 1)
    return TrainedModel(network, StandardScaler.fit(data.X), data.feature_names, "binary", data.class_names, "diabetes")


def multiclass_model() -> TrainedModel:
    data = iris()
    network = with_random_biases(MLP([4, 6, 5, 3], activation="relu", output="softmax", seed=2), 2)
    return TrainedModel(network, MinMaxScaler.fit(data.X), data.feature_names, "multiclass", data.class_names, "class")


def regression_model() -> TrainedModel:
    data = sine(n_samples=30)
    network = with_random_biases(MLP([1, 8, 1], activation="leaky_relu", output="identity", seed=3), 3)
    return TrainedModel(
        network, StandardScaler.fit(data.X), data.feature_names, "regression", (), "y", StandardScaler.fit(data.Y)
    )


def unscaled_model() -> TrainedModel:
    data = xor()
    network = MLP([2, 3, 1], activation="sigmoid", output="sigmoid", seed=4)
    return TrainedModel(network, IdentityScaler(), data.feature_names, "binary", data.class_names, "a_xor_b")


MODELS = {
    "binary": (binary_model, diabetes),
    "multiclass": (multiclass_model, iris),
    "regression": (regression_model, lambda: sine(n_samples=30)),
    "unscaled": (unscaled_model, xor),
}


def float_bits(parameters: Mapping[str, Union[Matrix, Vector]]) -> Dict[str, List[str]]:
    """Every entry's repr, so that -0.0 and 0.0 count as different."""
    bits: Dict[str, List[str]] = {}
    for name, value in parameters.items():
        flat = [x for row in value for x in row] if isinstance(value, Matrix) else list(value)
        bits[name] = [repr(x) for x in flat]
    return bits


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_round_trip_reproduces_every_weight(kind: str, tmp_path: pathlib.Path) -> None:
    make, data_set = MODELS[kind]
    model = make()
    path = tmp_path / "model.json"
    save_model(model, path)
    loaded = load_model(path)
    assert loaded.network.parameters() == model.network.parameters()  # ==, not approximately
    assert float_bits(loaded.network.parameters()) == float_bits(model.network.parameters())
    assert repr(loaded.network) == repr(model.network)
    assert loaded.scaler == model.scaler
    assert loaded.target_scaler == model.target_scaler
    assert (loaded.feature_names, loaded.task, loaded.class_names, loaded.target_name) == (
        model.feature_names, model.task, model.class_names, model.target_name
    )
    X = data_set().X
    assert loaded.outputs(X) == model.outputs(X)
    assert loaded.predict(X) == model.predict(X)
    assert loaded.predict(X).outputs == model.outputs(X)


def test_extreme_floats_survive_bit_for_bit(tmp_path: pathlib.Path) -> None:
    W = Matrix([[5e-324, -0.0, 1e308], [0.1, -2.2250738585072014e-308, 1 / 3]])
    network = MLP.from_layers(
        [Layer(W, Vector([0.0, -1e-300, 123456789.123456789])), Layer(Matrix([[1], [2], [3]]), Vector([-0.0]))],
        output="sigmoid",
    )
    model = TrainedModel(network, IdentityScaler(), ("a", "b"), "binary", ("no", "yes"), "t")
    save_model(model, tmp_path / "m.json")
    with pytest.warns(OverflowWarning, match="the weights of layer 1 are so large"):  # 1e308: loaded, with a warning
        loaded = load_model(tmp_path / "m.json")
    assert float_bits(loaded.network.parameters()) == float_bits(network.parameters())


def test_predictions_by_task() -> None:
    model = multiclass_model()
    X = iris().X.take([0, 50, 100])
    predictions = model.predict(X)
    assert len(predictions.classes) == 3 and predictions.values == ()
    assert all(prediction in model.class_names for prediction in predictions.classes)
    assert predictions.classes == tuple(model.class_names[k] for k in model.network.predict(model.scaler.transform(X)))
    assert model.outputs(X).shape == (3, 3)
    assert predictions.outputs == model.outputs(X)
    regression = regression_model()
    X = sine(n_samples=5).X
    assert regression.target_scaler is not None
    expected = regression.target_scaler.inverse_transform(
        regression.network.predict_proba(regression.scaler.transform(X))
    )
    assert regression.outputs(X) == expected
    predictions = regression.predict(X)
    assert predictions.values == tuple(expected.column(0))  # numbers, not text
    assert all(isinstance(value, float) for value in predictions.values)
    assert predictions.classes == ()
    binary = binary_model()
    X = diabetes().X
    chosen = binary.predict(X)
    assert chosen.classes == tuple("yes" if p >= 0.5 else "no" for p in binary.outputs(X).column(0))


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_predict_runs_the_network_once(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    make, data_set = MODELS[kind]
    model = make()
    runs = []
    original = MLP.predict_proba

    def counted(network: MLP, X: Matrix) -> Matrix:
        runs.append(X.shape)
        return original(network, X)

    monkeypatch.setattr(MLP, "predict_proba", counted)
    model.predict(data_set().X)
    assert len(runs) == 1


def test_the_file_is_json_with_format_and_version(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "model.json"
    save_model(multiclass_model(), path)
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == FORMAT == "purenn-model"
    assert document["version"] == VERSION == 1
    assert set(document) == KEYS
    assert document["architecture"] == {"sizes": [4, 6, 5, 3], "activation": "relu", "output": "softmax"}
    assert document["task"] == "multiclass"
    assert document["class_names"] == ["setosa", "versicolor", "virginica"]
    assert document["scaler"]["kind"] == "minmax"
    assert document["target_scaler"] is None
    assert text.endswith("\n") and "NaN" not in text


def test_a_weight_json_cannot_hold_is_not_saved(tmp_path: pathlib.Path) -> None:
    model = binary_model()
    parameters = dict(model.network.parameters())
    parameters["b2"] = Vector([math.nan])
    broken = TrainedModel(
        model.network.with_parameters(parameters), model.scaler, model.feature_names, "binary",
        model.class_names, "diabetes",
    )
    with pytest.raises(ValueError):
        save_model(broken, tmp_path / "model.json")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------- loading refuses


def saved_document(tmp_path: pathlib.Path, make: Callable[[], TrainedModel] = binary_model) -> Document:
    path = tmp_path / "good.json"
    save_model(make(), path)
    document: Document = json.loads(path.read_text(encoding="utf-8"))
    return document


def refusal(path: pathlib.Path) -> str:
    with pytest.raises(DataError) as error:
        load_model(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")  # every message names the file
    return message[len(f"{path}: "):]


def test_a_missing_file(tmp_path: pathlib.Path) -> None:
    assert refusal(tmp_path / "nowhere.json") == "no such file"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "not a purenn model file (not valid JSON: "),
        (b"", "not a purenn model file (not valid JSON: "),
        (b'{"format": "purenn-model", "version": 1, "task": "caf\xe9"}', "not a purenn model file (not valid JSON: "),
        (b"[1, 2, 3]", "not a purenn model file (expected a JSON object)"),
        (b'"purenn-model"', "not a purenn model file (expected a JSON object)"),
        (b'{"format": "purenn-data", "version": 1}', "not a purenn model file (\"format\" is 'purenn-data', expected 'purenn-model')"),
        (b'{"version": 1}', "not a purenn model file (\"format\" is None, expected 'purenn-model')"),
        (b'{"format": "purenn-model", "version": 2}', "model file version 2 is not supported; this purenn reads version 1"),
        (b'{"format": "purenn-model"}', "model file version None is not supported; this purenn reads version 1"),
        (b'{"format": "purenn-model", "version": "1"}', "model file version '1' is not supported; this purenn reads version 1"),
    ],
)
def test_not_a_model_file(content: bytes, message: str, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(content)
    assert refusal(path).startswith(message)


Key = Union[str, int]


def _child(container: object, key: Key) -> object:
    """container[key] for a JSON object (str key) or array (int key)."""
    if isinstance(container, dict) and isinstance(key, str):
        return container[key]
    assert isinstance(container, list) and isinstance(key, int), (container, key)
    return container[key]


def _parent(document: Document, keys: Tuple[Key, ...]) -> object:
    target: object = document
    for key in keys[:-1]:
        target = _child(target, key)
    return target


def set_in(*keys: Key, value: object) -> Callable[[Document], None]:
    """A change to a document: the entry at keys (object fields and array indices) becomes value."""

    def change(document: Document) -> None:
        parent, key = _parent(document, keys), keys[-1]
        if isinstance(parent, dict) and isinstance(key, str):
            parent[key] = value
        else:
            assert isinstance(parent, list) and isinstance(key, int)
            parent[key] = value

    return change


def drop(*keys: Key) -> Callable[[Document], None]:
    """A change to a document: the entry at keys is removed."""

    def change(document: Document) -> None:
        parent, key = _parent(document, keys), keys[-1]
        if isinstance(parent, dict) and isinstance(key, str):
            del parent[key]
        else:
            assert isinstance(parent, list) and isinstance(key, int)
            del parent[key]

    return change


# The binary model: sizes [4, 5, 1], tanh hidden, sigmoid output, a standard scaler of 4 columns.
BROKEN = [
    ("no architecture", drop("architecture"), 'field "architecture" must be a JSON object; got None'),
    ("no layers", drop("layers"), 'field "layers" must be a JSON array; got None'),
    ("no scaler", drop("scaler"), 'field "scaler" must be a JSON object; got None'),
    ("no feature names", drop("feature_names"), 'field "feature_names" must be a JSON array; got None'),
    ("no task", drop("task"), 'field "task" must be a JSON string; got None'),
    ("no class names", drop("class_names"), 'field "class_names" must be a JSON array; got None'),
    ("no target name", drop("target_name"), 'field "target_name" must be a JSON string; got None'),
    ("no sizes", drop("architecture", "sizes"), 'field "sizes" must be a JSON array; got None'),
    ("no activation", drop("architecture", "activation"), 'field "activation" must be a JSON string; got None'),
    ("no output", drop("architecture", "output"), 'field "output" must be a JSON string; got None'),
    ("no W", drop("layers", 0, "W"), 'field "W" must be a JSON array; got None'),
    ("a string weight", set_in("layers", 0, "W", 0, 0, value="0.5"), "W1[0][0] must be a finite number, got '0.5'"),
    ("a bool weight", set_in("layers", 1, "b", 0, value=True), "b2[0] must be a finite number, got True"),
    ("a null weight", set_in("layers", 0, "W", 2, 3, value=None), "W1[2][3] must be a finite number, got None"),
    ("a NaN weight", set_in("layers", 0, "W", 1, 2, value=math.nan), "W1[1][2] must be a finite number, got nan"),
    ("an infinite bias", set_in("layers", 1, "b", 0, value=math.inf), "b2[0] must be a finite number, got inf"),
    ("a -Infinity weight", set_in("layers", 1, "W", 4, 0, value=-math.inf), "W2[4][0] must be a finite number, got -inf"),
    ("a row that is a number", set_in("layers", 0, "W", 1, value=3), "row 1 of W1 must be an array of numbers, got 3"),
    ("a ragged W", set_in("layers", 0, "W", 1, value=[1, 2]), "W1 (the weights of layer 1): row 1 has 2 entries but row 0 has 5"),
    ("an empty W", set_in("layers", 0, "W", value=[]), "W1 (the weights of layer 1): a Matrix needs at least one row and one column"),
    ("a short bias", set_in("layers", 0, "b", value=[0, 0]), "b1 has shape (2,) but W1 is (4, 5): b1 needs one entry per unit (5)"),
    (
        "layers that do not chain",
        set_in("layers", 1, "W", value=[[1.0]] * 4),
        "W2 has shape (4, 1) but layer 1 has 5 units: W2 needs one row per unit of the layer before",
    ),
    ("a layer that is not an object", set_in("layers", 1, value=[1, 2]), 'layer 2 must be an object with "W" and "b"'),
    ("a missing layer", drop("layers", 1), '"layers" has 1 entry but "sizes" [4, 5, 1] needs 2'),
    ("sizes not matching the weights", set_in("architecture", "sizes", value=[4, 6, 1]),
     'the weights have layer sizes [4, 5, 1] but "sizes" says [4, 6, 1]'),
    ("sizes that are not whole numbers", set_in("architecture", "sizes", value=[4, 5.5, 1]),
     '"sizes" must be an array of whole numbers, got [4, 5.5, 1]'),
    ("sizes that are bools", set_in("architecture", "sizes", value=[4, 5, True]),
     '"sizes" must be an array of whole numbers, got [4, 5, True]'),
    ("too few feature names", set_in("feature_names", value=["a", "b", "c"]),
     '"feature_names" has 3 names but the network takes 4 inputs'),
    ("too many feature names", set_in("feature_names", value=["a", "b", "c", "d", "e"]),
     '"feature_names" has 5 names but the network takes 4 inputs'),
    ("a feature name that is a number", set_in("feature_names", 1, value=7), '"feature_names"[1] must be a string, got 7'),
    ("three class names for binary", set_in("class_names", value=["a", "b", "c"]), 'a binary model needs 2 "class_names", got 3'),
    ("an unknown task", set_in("task", value="ranking"), '"task" must be one of binary, multiclass, regression; got \'ranking\''),
    ("a task that does not fit the output", lambda d: (d.update(task="regression", class_names=[])),
     "a regression model must have a 'identity' output, not 'sigmoid'"),
    ("multiclass with a sigmoid", lambda d: d.update(task="multiclass", class_names=["x"]),
     "a multiclass model must have a 'softmax' output, not 'sigmoid'"),
    ("an unknown activation", set_in("architecture", "activation", value="gelu"),
     '"activation" must be one of sigmoid, tanh, relu, leaky_relu; got \'gelu\''),
    ("an unknown output", set_in("architecture", "output", value="linear"),
     '"output" must be one of sigmoid, softmax, identity; got \'linear\''),
    ("a scaler of the wrong width", set_in("scaler", value={"kind": "standard", "mean": [0.0] * 3, "scale": [1.0] * 3}),
     "cannot transform X of shape (1, 4): the scaler was fitted on 3 columns"),
    ("a scaler of an unknown kind", set_in("scaler", "kind", value="robust"),
     "a saved scaler's \"kind\" must be one of 'standard', 'minmax', 'none'; got 'robust'"),
    ("a scaler with a NaN", set_in("scaler", "mean", 0, value=math.nan), "a standard scaler's mean must be finite; entry 0 is nan"),
    ("a scaler with a zero scale", set_in("scaler", "scale", 3, value=0), "a standard scaler's scale must be positive and finite; entry 3 is 0.0"),
    ("a target scaler of the wrong width",
     set_in("target_scaler", value={"kind": "standard", "mean": [0.0, 0.0], "scale": [1.0, 1.0]}),
     "cannot inverse_transform X of shape (1, 1): the scaler was fitted on 2 columns"),
    ("a target scaler that is a list", set_in("target_scaler", value=[1]), 'field "target_scaler" must be a JSON object; got [1]'),
]


@pytest.mark.parametrize("change, message", [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_loading_refuses_a_broken_field(
    change: Callable[[Document], None], message: str, tmp_path: pathlib.Path
) -> None:
    document = saved_document(tmp_path)
    change(document)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")  # NaN and Infinity written as JSON allows when parsing
    assert refusal(path).startswith(message)


def test_a_multiclass_model_needs_a_name_per_class(tmp_path: pathlib.Path) -> None:
    document = saved_document(tmp_path, multiclass_model)
    document["class_names"] = ["setosa", "versicolor"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refusal(path) == 'a multiclass model needs 3 "class_names", got 2'


def test_a_regression_model_has_no_class_names(tmp_path: pathlib.Path) -> None:
    document = saved_document(tmp_path, regression_model)
    document["class_names"] = ["low", "high"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refusal(path) == 'a regression model needs 0 "class_names", got 2'


def test_a_classification_model_has_no_target_scaler(tmp_path: pathlib.Path) -> None:
    document = saved_document(tmp_path)
    document["target_scaler"] = {"kind": "standard", "mean": [0.0], "scale": [1.0]}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refusal(path) == "a binary model has no target_scaler: its outputs are probabilities"


# ------------------------------------------- the constructor checks the same


Change = Callable[[TrainedModel], TrainedModel]


def replace(model: TrainedModel, **changes: object) -> TrainedModel:
    """A new TrainedModel with some fields changed, through the constructor's checks (``_replace`` skips them)."""
    fields: Dict[str, Any] = dict(model._asdict(), **changes)
    return TrainedModel(**fields)


CONSTRUCTED: List[Tuple[str, Change, str]] = [
    ("too few feature names", lambda m: replace(m, feature_names=("a", "b", "c")),
     '"feature_names" has 3 names but the network takes 4 inputs'),
    ("one feature name", lambda m: replace(m, feature_names=("a",)), '"feature_names" has 1 name but the network takes 4 inputs'),
    ("a feature name that is not text", lambda m: replace(m, feature_names=("a", "b", 3, "d")),
     '"feature_names"[2] must be a string, got 3'),
    ("an unknown task", lambda m: replace(m, task="ranking"), '"task" must be one of binary, multiclass, regression; got \'ranking\''),
    ("no class names", lambda m: replace(m, class_names=()), 'a binary model needs 2 "class_names", got 0'),
    ("three class names", lambda m: replace(m, class_names=("a", "b", "c")), 'a binary model needs 2 "class_names", got 3'),
    ("a task that does not fit the output", lambda m: replace(m, task="regression", class_names=()),
     "a regression model must have a 'identity' output, not 'sigmoid'"),
    ("a scaler of the wrong width", lambda m: replace(m, scaler=StandardScaler.fit(Matrix([[1, 2, 3], [4, 5, 6]]))),
     "cannot transform X of shape (1, 4): the scaler was fitted on 3 columns, and X needs the same columns "
     "in the same order"),
    ("a target scaler on a classifier", lambda m: replace(m, target_scaler=StandardScaler.fit(Matrix([[0.0], [1.0]]))),
     "a binary model has no target_scaler: its outputs are probabilities"),
    ("a target name that is not text", lambda m: replace(m, target_name=None),
     '"target_name" must be a string, got None'),
]


@pytest.mark.parametrize("change, message", [case[1:] for case in CONSTRUCTED], ids=[case[0] for case in CONSTRUCTED])
def test_the_constructor_refuses_what_loading_would(change: Change, message: str) -> None:
    model = binary_model()
    with pytest.raises(ValueError) as error:
        change(model)
    assert str(error.value) == message


def test_the_constructor_wants_an_mlp() -> None:
    with pytest.raises(TypeError, match="^a TrainedModel's network must be an MLP, got str$"):
        replace(binary_model(), network="a network")


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_whatever_can_be_built_can_be_saved_and_loaded(kind: str, tmp_path: pathlib.Path) -> None:
    model = MODELS[kind][0]()
    rebuilt = replace(model)  # through the constructor and its checks
    save_model(rebuilt, tmp_path / "model.json")
    loaded = load_model(tmp_path / "model.json")
    assert loaded.network.parameters() == model.network.parameters()
    assert replace(loaded, network=model.network) == model  # every other field equal


def test_nan_written_as_json_text_is_refused(tmp_path: pathlib.Path) -> None:
    # Python's json module reads NaN, Infinity and -Infinity, though JSON has no such numbers.
    document = saved_document(tmp_path)
    raw = json.dumps(document).replace('"b": [', '"b": [NaN, ', 1)
    path = tmp_path / "nan.json"
    path.write_text(raw, encoding="utf-8")
    assert refusal(path).startswith("b1[0] must be a finite number, got nan")


def test_a_directory_is_not_a_model_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError):
        load_model(tmp_path)


def test_a_weight_too_large_for_a_float_is_a_data_error(tmp_path: pathlib.Path) -> None:
    document = saved_document(tmp_path)
    set_in("layers", 0, "W", 0, 0, value=10**400)(document)
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refusal(path).startswith("W1[0][0] must be a finite number")


def test_a_version_of_true_is_refused(tmp_path: pathlib.Path) -> None:
    document = saved_document(tmp_path)
    document["version"] = True
    path = tmp_path / "bool.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert refusal(path).startswith("model file version True is not supported")


# --------------------------------------------------------- write_atomically


def leftovers(folder: pathlib.Path) -> List[str]:
    return sorted(entry.name for entry in folder.iterdir() if entry.name.startswith(".purenn-"))


def test_write_atomically_writes_utf8_with_plain_newlines(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "out.txt"
    write_atomically(path, "café\nsecond line\n")
    assert path.read_bytes() == "café\nsecond line\n".encode("utf-8")
    write_atomically(str(path), "replaced\n")
    assert path.read_text(encoding="utf-8") == "replaced\n"
    assert leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_old_file_and_no_temporary_file(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "model.json"
    path.write_text("the old model\n", encoding="utf-8")

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        save_model(binary_model(), path)
    assert path.read_text(encoding="utf-8") == "the old model\n"
    assert leftovers(tmp_path) == []


def test_an_interrupted_write_cleans_up_too(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: object, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "x.json", "{}\n")
    assert list(tmp_path.iterdir()) == []


def test_writing_onto_a_directory_fails_cleanly(tmp_path: pathlib.Path) -> None:
    folder = tmp_path / "model.json"
    folder.mkdir()
    with pytest.raises(OSError):
        write_atomically(folder, "{}\n")
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_writing_into_a_missing_directory_fails_cleanly(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        save_model(binary_model(), tmp_path / "no such folder" / "model.json")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_what_the_umask_allows(umask: int, mode: int, tmp_path: pathlib.Path) -> None:
    previous = os.umask(umask)
    try:
        write_atomically(tmp_path / "scores.json", "{}\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "scores.json").stat().st_mode) == mode


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_permissions(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "model.json"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    save_model(binary_model(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load_model(path).task == "binary"


def test_write_atomically_never_touches_the_umask(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # os.umask can only be read by setting it, which races with other threads creating files.
    def forbidden(mask: int) -> int:
        raise AssertionError("os.umask was called")

    monkeypatch.setattr(os, "umask", forbidden)
    write_atomically(tmp_path / "new.json", "{}\n")
    write_atomically(tmp_path / "new.json", "[]\n")
    assert (tmp_path / "new.json").read_text(encoding="utf-8") == "[]\n"


def test_the_temporary_file_is_never_an_existing_one(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = iter(["taken", "taken", "free"])
    monkeypatch.setattr("purenn.data.writing.secrets.token_hex", lambda n: next(names))
    taken = tmp_path / f".purenn-{os.getpid()}-taken.tmp"
    taken.write_text("someone else's\n", encoding="utf-8")
    write_atomically(tmp_path / "out.json", "mine\n")
    assert taken.read_text(encoding="utf-8") == "someone else's\n"
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "mine\n"


def test_the_errors_name_the_path_asked_for(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        write_atomically(tmp_path / "no such folder" / "x.json", "{}\n")
    assert (missing.value.filename, missing.value.strerror) == (str(tmp_path / "no such folder"), "no such directory")
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError) as directory:
        write_atomically(tmp_path / "folder", "{}\n")
    assert (directory.value.filename, directory.value.strerror) == (str(tmp_path / "folder"), "is a directory, not a file")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_saved_file_gets_the_usual_permissions(tmp_path: pathlib.Path) -> None:
    previous = os.umask(0o022)
    try:
        save_model(binary_model(), tmp_path / "model.json")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "model.json").stat().st_mode) == 0o644
