"""Splitting, scaling and label encoding (purenn/data/preprocessing.py).

Error tests match the whole message literally (``exactly``): the message is
what a learner reads, so its wording is part of the behaviour.
"""

import json
import math
import random
import re
from collections import Counter
from typing import List

import pytest

from purenn.data.datasets import iris
from purenn.errors import DataError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.data.preprocessing import (
    SCALERS,
    IdentityScaler,
    MinMaxScaler,
    Split,
    StandardScaler,
    encode_labels,
    one_hot,
    scaler_from_dict,
    train_test_split,
)
from purenn.linalg.vector import Vector


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally, as the whole message."""
    return "^" + re.escape(text) + "$"


def numbered(m: int) -> Matrix:
    """(m, 2): row i is [i, 10·i], so every row says where it came from."""
    return Matrix([[i, 10 * i] for i in range(m)])


def ids(X: Matrix) -> List[int]:
    return [int(row[0]) for row in X]


def labels_of(Y: Matrix) -> List[int]:
    return list(Y.argmax(axis=1)) if Y.shape[1] > 1 else [int(y) for y in Y.column(0)]


# ----------------------------------------------------------- train_test_split


def test_split_sizes_round_half_up() -> None:
    # 0.25 · 150 = 37.5 -> 38 test rows; 0.2 · 10 = 2 (0.2 · 10 is 2.0000000000000004 in floats).
    split = train_test_split(numbered(150), numbered(150))
    assert (split.X_train.shape, split.X_test.shape) == ((112, 2), (38, 2))
    split = train_test_split(numbered(10), numbered(10), test_size=0.2)
    assert (len(split.X_train), len(split.X_test)) == (8, 2)


def test_split_keeps_rows_paired_and_uses_every_row_once() -> None:
    X = numbered(20)
    Y = Matrix([[i * i] for i in range(20)])
    split = train_test_split(X, Y, test_size=0.3, seed=4)
    for part_X, part_Y in ((split.X_train, split.Y_train), (split.X_test, split.Y_test)):
        assert [y for (y,) in part_Y] == [i * i for i in ids(part_X)]
    assert sorted(ids(split.X_train) + ids(split.X_test)) == list(range(20))


def test_split_is_shuffled() -> None:
    split = train_test_split(numbered(20), numbered(20), seed=0)
    assert ids(split.X_train) != sorted(ids(split.X_train))


def test_split_is_reproducible_by_seed() -> None:
    X, Y = numbered(30), numbered(30)
    assert train_test_split(X, Y, seed=7) == train_test_split(X, Y, seed=7)
    assert train_test_split(X, Y, seed=7) != train_test_split(X, Y, seed=8)
    assert train_test_split(X, Y, seed=random.Random(7)) == train_test_split(X, Y, seed=7)


def test_split_repr_shows_shapes() -> None:
    split = train_test_split(numbered(4), Matrix([[0], [1], [0], [1]]), test_size=0.5)
    assert repr(split) == "Split(X_train (2, 2), X_test (2, 2), Y_train (2, 1), Y_test (2, 1))"
    assert isinstance(split, Split)


@pytest.mark.parametrize("test_size", [0, 0.0, 1, 1.0, -0.25, 1.5])
def test_test_size_must_be_between_0_and_1(test_size: float) -> None:
    with pytest.raises(DataError, match=exactly(
        "test_size must be between 0 and 1 (the fraction of rows held out for testing, "
        f"e.g. 0.25), got {test_size!r}"
    )):
        train_test_split(numbered(10), numbered(10), test_size=test_size)


def test_test_size_must_be_a_number() -> None:
    with pytest.raises(TypeError, match=exactly("test_size must be a number between 0 and 1, got '0.25'")):
        train_test_split(numbered(10), numbered(10), test_size="0.25")  # type: ignore[arg-type]


def test_split_that_leaves_the_test_part_empty() -> None:
    with pytest.raises(DataError, match=exactly(
        "test_size=0.1 of 4 rows leaves the test part empty (0 of 4 rows go to the test part); "
        "use a test_size nearer 0.5 or more rows"
    )):
        train_test_split(numbered(4), numbered(4), test_size=0.1)


def test_split_that_leaves_the_training_part_empty() -> None:
    with pytest.raises(DataError, match=exactly(
        "test_size=0.9 of 3 rows leaves the training part empty (3 of 3 rows go to the test part); "
        "use a test_size nearer 0.5 or more rows"
    )):
        train_test_split(numbered(3), numbered(3), test_size=0.9)


def test_split_needs_one_row_of_targets_per_sample() -> None:
    with pytest.raises(ShapeError, match=exactly(
        "X has shape (4, 2) but Y has shape (3, 2): they need the same number of rows, "
        "one row of targets per sample"
    )):
        train_test_split(numbered(4), numbered(3))


def test_split_needs_matrices() -> None:
    with pytest.raises(TypeError, match=exactly(
        "X and Y must be Matrices with one row per sample, got list and Matrix"
    )):
        train_test_split([[1], [2]], numbered(2))  # type: ignore[arg-type]


# ------------------------------------------------------------- stratification


def test_stratified_split_keeps_iris_proportions() -> None:
    data = iris()
    split = train_test_split(data.X, data.Y, test_size=0.2, seed=3, stratify=True)
    assert Counter(labels_of(split.Y_test)) == {0: 10, 1: 10, 2: 10}
    assert Counter(labels_of(split.Y_train)) == {0: 40, 1: 40, 2: 40}


def test_stratified_split_keeps_an_imbalanced_binary_proportion() -> None:
    X = numbered(100)
    Y = Matrix([[1.0 if i % 5 == 0 else 0.0] for i in range(100)])  # 20% ones
    split = train_test_split(X, Y, test_size=0.25, seed=0, stratify=True)
    assert Counter(labels_of(split.Y_test)) == {0: 20, 1: 5}
    assert Counter(labels_of(split.Y_train)) == {0: 60, 1: 15}
    for part_X, part_Y in ((split.X_train, split.Y_train), (split.X_test, split.Y_test)):
        assert [y for (y,) in part_Y] == [1.0 if i % 5 == 0 else 0.0 for i in ids(part_X)]


def test_unstratified_split_can_miss_the_proportion() -> None:
    # The reason for stratify: with the same data and seed, a plain split drifts.
    X = numbered(100)
    Y = Matrix([[1.0 if i % 5 == 0 else 0.0] for i in range(100)])
    counts = [Counter(labels_of(train_test_split(X, Y, seed=s).Y_test))[1] for s in range(10)]
    assert set(counts) != {5}


def test_stratified_parts_are_not_sorted_by_class() -> None:
    data = iris()
    split = train_test_split(data.X, data.Y, test_size=0.2, seed=0, stratify=True)
    assert labels_of(split.Y_test) != sorted(labels_of(split.Y_test))
    assert labels_of(split.Y_train) != sorted(labels_of(split.Y_train))


def test_stratified_split_is_reproducible_by_seed() -> None:
    data = iris()
    first = train_test_split(data.X, data.Y, seed=5, stratify=True)
    assert first == train_test_split(data.X, data.Y, seed=5, stratify=True)
    assert first != train_test_split(data.X, data.Y, seed=6, stratify=True)


def test_stratified_split_puts_each_class_on_both_sides() -> None:
    # 0.9 of 2 rows would be 2 test rows; one is kept for training.
    X = numbered(4)
    Y = Matrix([[0], [0], [1], [1]])
    split = train_test_split(X, Y, test_size=0.9, stratify=True)
    assert sorted(labels_of(split.Y_train)) == [0, 1]
    assert sorted(labels_of(split.Y_test)) == [0, 1]


def test_stratify_refuses_a_class_with_one_row() -> None:
    with pytest.raises(DataError, match=exactly(
        "cannot stratify: only 1 row has Y = 2.0, so that class cannot be in both the training and "
        "the test part; add rows, merge rare classes or use stratify=False (stratify is for class "
        "labels, not for continuous targets)"
    )):
        train_test_split(numbered(5), Matrix([[0], [0], [1], [1], [2]]), stratify=True)


def test_stratify_names_a_one_hot_class_by_its_column() -> None:
    Y = one_hot([0, 0, 1, 1, 2], 3)
    with pytest.raises(DataError, match="^cannot stratify: only 1 row has the 1 in column 2 of Y, "):
        train_test_split(numbered(5), Y, stratify=True)


# ------------------------------------------------------------------- scalers

TRAIN = Matrix([[1, 10, 7], [3, 20, 7], [5, 60, 7]])
TEST = Matrix([[7, 30, 8], [-1, 10, 7]])


def test_standard_scaler_centres_and_scales_the_training_columns() -> None:
    scaler = StandardScaler.fit(TRAIN)
    assert scaler.mean.allclose(Vector([3.0, 30.0, 7.0]))
    # Population standard deviations: √(8/3) and √(1400/3); the constant column gets 1.
    assert scaler.scale.allclose(Vector([math.sqrt(8 / 3), math.sqrt(1400 / 3), 1.0]), rel_tol=1e-12)
    scaled = scaler.transform(TRAIN)
    assert scaled.mean(axis=0).allclose(Vector([0.0, 0.0, 0.0]), abs_tol=1e-12)
    std = ((scaled ** 2).mean(axis=0)).map(math.sqrt)
    assert std.allclose(Vector([1.0, 1.0, 0.0]), abs_tol=1e-12)


def test_standard_scaler_transforms_test_data_with_training_statistics() -> None:
    scaler = StandardScaler.fit(TRAIN)
    expected = Matrix([
        [(7 - 3) / math.sqrt(8 / 3), (30 - 30) / math.sqrt(1400 / 3), 8 - 7],
        [(-1 - 3) / math.sqrt(8 / 3), (10 - 30) / math.sqrt(1400 / 3), 7 - 7],
    ])
    assert scaler.transform(TEST).allclose(expected, rel_tol=1e-12, abs_tol=1e-12)
    # Not the test part's own statistics: those would centre it on zero.
    assert scaler.transform(TEST) != StandardScaler.fit(TEST).transform(TEST)


def test_minmax_scaler_maps_the_training_range_onto_0_1() -> None:
    scaler = MinMaxScaler.fit(TRAIN)
    assert scaler == MinMaxScaler(minimum=Vector([1, 10, 7]), scale=Vector([4, 50, 1]))
    assert scaler.transform(TRAIN) == Matrix([[0, 0, 0], [0.5, 0.2, 0], [1, 1, 0]])


def test_minmax_scaler_transforms_test_data_with_training_statistics() -> None:
    # Outside the training range lands outside [0, 1], as documented.
    assert MinMaxScaler.fit(TRAIN).transform(TEST) == Matrix([[1.5, 0.4, 1.0], [-0.5, 0.0, 0.0]])


def test_scalers_fit_on_the_training_part_of_a_split() -> None:
    data = iris()
    split = train_test_split(data.X, data.Y, seed=0)
    scaler = StandardScaler.fit(split.X_train)
    assert scaler == StandardScaler(mean=split.X_train.mean(axis=0), scale=scaler.scale)
    assert not scaler.mean.allclose(data.X.mean(axis=0))


def test_a_column_of_equal_values_becomes_zeros_not_a_division_by_zero() -> None:
    # Three times 0.1 averages to 0.10000000000000002, so the column's computed
    # spread is not exactly 0: it must still count as constant.
    X = Matrix([[0.1, 1], [0.1, 2], [0.1, 3]])
    for kind in (StandardScaler, MinMaxScaler):
        scaler = kind.fit(X)
        assert scaler.scale[0] == 1.0
        assert scaler.transform(X).column(0).allclose(Vector([0, 0, 0]), abs_tol=1e-15)


def test_a_single_row_fits() -> None:
    X = Matrix([[2, 3]])
    assert StandardScaler.fit(X).transform(X) == Matrix([[0, 0]])
    assert MinMaxScaler.fit(X).transform(X) == Matrix([[0, 0]])


@pytest.mark.parametrize("kind", [StandardScaler, MinMaxScaler, IdentityScaler])
def test_inverse_transform_undoes_transform(kind: type) -> None:
    X = Matrix.normal(50, 4, mean=3.0, std=5.0, rng=1)
    scaler = kind.fit(X)
    assert scaler.inverse_transform(scaler.transform(X)).allclose(X, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("kind", [StandardScaler, MinMaxScaler, IdentityScaler])
def test_to_dict_from_dict_round_trip_through_json(kind: type) -> None:
    scaler = kind.fit(Matrix.normal(20, 3, rng=2))
    saved = json.loads(json.dumps(scaler.to_dict()))
    assert kind.from_dict(saved) == scaler
    assert scaler_from_dict(saved) == scaler


def test_repr_pastes_back() -> None:
    scaler = StandardScaler.fit(Matrix([[1, 5], [3, 5]]))
    assert repr(scaler) == "StandardScaler(mean=Vector([2.0, 5.0]), scale=Vector([1.0, 1.0]))"
    namespace = {"StandardScaler": StandardScaler, "MinMaxScaler": MinMaxScaler, "Vector": Vector,
                 "IdentityScaler": IdentityScaler}
    assert eval(repr(scaler), namespace) == scaler
    minmax = MinMaxScaler.fit(TRAIN)
    assert eval(repr(minmax), namespace) == minmax
    assert repr(IdentityScaler()) == "IdentityScaler()"


def test_scalers_are_immutable() -> None:
    scaler = StandardScaler.fit(TRAIN)
    with pytest.raises(AttributeError):
        scaler.mean = Vector([0, 0, 0])  # type: ignore[misc]


def test_identity_scaler_changes_nothing() -> None:
    assert IdentityScaler.fit(TRAIN).transform(TEST) is TEST
    assert IdentityScaler().to_dict() == {"kind": "none"}


def test_scalers_by_name() -> None:
    assert SCALERS == {"standard": StandardScaler, "minmax": MinMaxScaler, "none": IdentityScaler}
    for name, kind in SCALERS.items():
        assert kind.fit(TRAIN).to_dict()["kind"] == name


def test_transform_needs_the_fitted_number_of_columns() -> None:
    scaler = StandardScaler.fit(TRAIN)
    with pytest.raises(ShapeError, match=exactly(
        "cannot transform X of shape (1, 2): the scaler was fitted on 3 columns, "
        "and X needs the same columns in the same order"
    )):
        scaler.transform(Matrix([[1, 2]]))
    with pytest.raises(ShapeError, match="^cannot inverse_transform X of shape \\(1, 2\\)"):
        MinMaxScaler.fit(TRAIN).inverse_transform(Matrix([[1, 2]]))


def test_fit_needs_a_matrix() -> None:
    with pytest.raises(TypeError, match=exactly(
        "cannot fit a standard scaler to a list: X must be a Matrix with one sample per row"
    )):
        StandardScaler.fit([[1.0]])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "saved, message",
    [
        ({"kind": "minmax", "minimum": [0.0], "scale": [1.0]},
         "this is not a saved standard scaler: its \"kind\" is 'minmax', not 'standard' "
         "(scaler_from_dict picks the scaler by its kind)"),
        ({"mean": [0.0], "scale": [1.0]},
         "this is not a saved standard scaler: its \"kind\" is None, not 'standard' "
         "(scaler_from_dict picks the scaler by its kind)"),
        ({"kind": "standard", "mean": [0.0]},
         "a saved standard scaler needs the keys ['kind', 'mean', 'scale']; ['scale'] missing"),
        ({"kind": "standard", "mean": [0.0], "scale": [1.0], "std": [1.0]},
         "a saved standard scaler has only the keys ['kind', 'mean', 'scale']; ['std'] unexpected"),
        ({"kind": "standard", "mean": "0", "scale": [1.0]},
         "a saved standard scaler's 'mean' must be a non-empty list of numbers; got '0'"),
        ({"kind": "standard", "mean": [], "scale": []},
         "a saved standard scaler's 'mean' must be a non-empty list of numbers; got []"),
        ({"kind": "standard", "mean": [0.0, "1"], "scale": [1.0, 1.0]},
         "a saved standard scaler's 'mean' must be a non-empty list of numbers; got [0.0, '1']"),
        ({"kind": "standard", "mean": [True], "scale": [1.0]},
         "a saved standard scaler's 'mean' must be a non-empty list of numbers; got [True]"),
        ({"kind": "standard", "mean": [0.0, 1.0], "scale": [1.0]},
         "a standard scaler needs one mean and one scale per column; got 2 and 1"),
        ({"kind": "standard", "mean": [0.0], "scale": [-2.0]},
         "a standard scaler's scale must be positive and finite; entry 0 is -2.0"),
        ({"kind": "standard", "mean": [0.0], "scale": [math.inf]},
         "a standard scaler's scale must be positive and finite; entry 0 is inf"),
        ({"kind": "standard", "mean": [math.nan], "scale": [1.0]},
         "a standard scaler's mean must be finite; entry 0 is nan"),
    ],
)
def test_standard_from_dict_rejects_what_to_dict_never_writes(saved: dict, message: str) -> None:
    with pytest.raises(DataError, match=exactly(message)):
        StandardScaler.from_dict(saved)


def test_minmax_from_dict_checks_its_own_keys() -> None:
    with pytest.raises(DataError, match=exactly(
        "a saved minmax scaler needs the keys ['kind', 'minimum', 'scale']; ['minimum'] missing"
    )):
        MinMaxScaler.from_dict({"kind": "minmax", "scale": [1.0]})
    with pytest.raises(DataError, match=exactly(
        "a minmax scaler's scale must be positive and finite; entry 1 is 0.0"
    )):
        MinMaxScaler.from_dict({"kind": "minmax", "minimum": [0, 0], "scale": [1, 0]})


def test_identity_from_dict() -> None:
    assert IdentityScaler.from_dict({"kind": "none"}) == IdentityScaler()
    with pytest.raises(DataError, match=exactly(
        "a saved none scaler has only the keys ['kind']; ['mean'] unexpected"
    )):
        IdentityScaler.from_dict({"kind": "none", "mean": [1.0]})


def test_scaler_from_dict_rejects_unknown_kinds_and_non_dicts() -> None:
    with pytest.raises(DataError, match=exactly(
        "a saved scaler's \"kind\" must be one of 'standard', 'minmax', 'none'; got 'robust'"
    )):
        scaler_from_dict({"kind": "robust"})
    with pytest.raises(DataError, match=exactly(
        'a saved scaler is a dict such as {"kind": "standard", "mean": [...], "scale": [...]}; '
        "got [1, 2] (a list)"
    )):
        scaler_from_dict([1, 2])  # type: ignore[arg-type]


def test_constructor_checks_like_from_dict() -> None:
    with pytest.raises(DataError, match=exactly(
        "a standard scaler's scale must be positive and finite; entry 0 is 0.0"
    )):
        StandardScaler(mean=Vector([1.0]), scale=Vector([0.0]))
    with pytest.raises(TypeError, match=exactly("a minmax scaler's minimum and scale must be Vectors")):
        MinMaxScaler(minimum=[0.0], scale=Vector([1.0]))  # type: ignore[arg-type]


# -------------------------------------------------------------------- labels


def test_encode_labels_sorts_text_alphabetically() -> None:
    assert encode_labels(["dog", "cat", "dog", "bird"]) == ([2, 1, 2, 0], ("bird", "cat", "dog"))


def test_encode_labels_sorts_numbers_numerically() -> None:
    assert encode_labels(["10", "2", "1", "2"]) == ([2, 1, 0, 1], ("1", "2", "10"))
    assert encode_labels(["-1", "0.5", "1"]) == ([0, 1, 2], ("-1", "0.5", "1"))


def test_encode_labels_sorts_a_mix_as_text() -> None:
    assert encode_labels(["10", "2", "x"]) == ([0, 1, 2], ("10", "2", "x"))


def test_encode_labels_errors() -> None:
    with pytest.raises(DataError, match=exactly("encode_labels needs at least one label; got none")):
        encode_labels([])
    with pytest.raises(TypeError, match=exactly("label 1 is 2 (a int); labels must be str")):
        encode_labels(["1", 2])  # type: ignore[list-item]


def test_one_hot() -> None:
    assert one_hot([2, 0], 3) == Matrix([[0, 0, 1], [1, 0, 0]])
    labels, names = encode_labels(["b", "a", "c"])
    assert one_hot(labels, len(names)).argmax(axis=1) == (1, 0, 2)


@pytest.mark.parametrize(
    "labels, n_classes, error, message",
    [
        ([0, 3], 3, DataError, "label 1 is 3, but with 3 classes the labels are 0 to 2"),
        ([-1], 2, DataError, "label 0 is -1, but with 2 classes the labels are 0 to 1"),
        ([], 2, DataError, "one_hot needs at least one label; got none"),
        ([True], 2, TypeError, "label 0 is True (a bool); class labels must be int"),
        ([1.0], 2, TypeError, "label 0 is 1.0 (a float); class labels must be int"),
        ([0], 0, ShapeError, "n_classes must be at least 1, got 0"),
    ],
)
def test_one_hot_errors(labels: list, n_classes: int, error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        one_hot(labels, n_classes)
