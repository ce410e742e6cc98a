"""The golden comparison rule (tests/golden/tolerance.py), which the golden tests
and ``record.py --check`` share: values within the tests' tolerance agree, the
rest must be equal."""

import math

from tests.golden.tolerance import SCALE_AGREEMENT, SINGLE_PASS, TRAINED, differences, relative_error, tolerance


def test_relative_error_is_measured_against_the_larger_of_value_and_scale() -> None:
    assert relative_error(1.5, 1.5, 0.0) == 0.0
    assert relative_error(1.0 + 2**-52, 1.0, 0.0) == 2**-52
    assert relative_error(1e-3, 0.0, 10.0) == 1e-4  # a small result of large terms
    assert relative_error(1e-300, 0.0, 0.0) == math.inf
    assert relative_error(math.nan, 1.0, 0.0) == math.inf


def test_tolerance_is_loose_only_after_training() -> None:
    assert tolerance("network", "fit", "history") == TRAINED
    assert tolerance("mlp", "train", "W1") == TRAINED
    assert tolerance("mlp", "train", "learning_rates") == SINGLE_PASS
    assert tolerance("mlp", "forward_backward", "dW1") == SINGLE_PASS
    assert tolerance("optim", "step", "W") == SINGLE_PASS
    assert tolerance("core_linalg", "solve", "") == SINGLE_PASS


def test_values_within_the_tolerance_of_their_scale_agree() -> None:
    old = {"matrix": [[1.0, 1e-3]], "scale": [[0.0, 10.0]]}
    close = {"matrix": [[1.0 + 1e-13, 1e-3 + 1e-12]], "scale": [[0.0, 10.0]]}
    assert differences(old, close, SINGLE_PASS, "z") == []


def test_values_beyond_the_tolerance_are_reported_with_where() -> None:
    old = {"vector": [1.0, 2.0], "scale": 0.0}
    new = {"vector": [1.0, 2.0 * (1 + 1e-10)], "scale": 0.0}
    (line,) = differences(old, new, SINGLE_PASS, "case W")
    assert line.startswith("case W.vector[1]: 2.0 recorded, 2.0000000002 now: relative error 1e-10")
    assert differences(old, new, TRAINED, "case W") == []


def test_scales_agree_to_a_rounding_of_their_third_digit() -> None:
    old = {"float": 1.0, "scale": 1.23e-5}
    assert differences(old, {"float": 1.0, "scale": 1.24e-5}, SINGLE_PASS, "x") == []
    assert len(differences(old, {"float": 1.0, "scale": 1.23e-5 * (1 + 2 * SCALE_AGREEMENT)}, SINGLE_PASS, "x")) == 1


def test_everything_but_floats_must_be_equal() -> None:
    assert differences({"int": 3}, {"int": 4}, SINGLE_PASS, "r") == ["r.int: 3 recorded, 4 now"]
    assert differences([1.0], [1.0, 2.0], SINGLE_PASS, "args") == ["args: length 1 recorded, 2 now"]
    assert differences({"a": 1}, {"b": 1}, SINGLE_PASS, "r") == ["r: keys ['a'] recorded, ['b'] now"]
    assert differences({"kind": "adam"}, {"kind": "sgd"}, SINGLE_PASS, "o") == ["o.kind: 'adam' recorded, 'sgd' now"]
    assert differences([False], [0], SINGLE_PASS, "b") == ["b[0]: False recorded, 0 now"]
