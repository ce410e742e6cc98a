"""The networks' checks of X and Y scan a Matrix's values once, not at every epoch.

A Matrix never changes, so purenn/nn/_inputs.py remembers (weakly) the
last Matrix that passed each check. These tests make sure that it does, and
that a different Matrix, even one equal in shape, is still checked.
"""

from typing import Iterator

import pytest

from purenn import Matrix, TwoLayerNetwork
from purenn.errors import DataError
from purenn.linalg.vector import Vector
from purenn.nn._inputs import check_finite, check_targets


def _count_row_walks(monkeypatch: pytest.MonkeyPatch) -> "list[int]":
    """Count every walk over the rows of a Matrix (``for row in M``)."""
    walks = [0]
    walk = Matrix.__iter__

    def counted(self: Matrix) -> Iterator[Vector]:
        walks[0] += 1
        return walk(self)

    monkeypatch.setattr(Matrix, "__iter__", counted)
    return walks


def test_a_matrix_that_passed_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    X = Matrix([[0.0, 1.0], [1.0, 0.0]])
    Y = Matrix([[1.0], [0.0]])
    walks = _count_row_walks(monkeypatch)
    check_finite(X, "X", "an input")
    check_targets(Y, Y, "binary cross-entropy", "probability")
    first = walks[0]
    assert first >= 2
    for _ in range(3):
        check_finite(X, "X", "an input")
        check_targets(Y, Y, "binary cross-entropy", "probability")
    assert walks[0] == first


def test_training_scans_x_and_y_once(monkeypatch: pytest.MonkeyPatch) -> None:
    X = Matrix([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = Matrix([[1.0], [1.0], [0.0]])
    net = TwoLayerNetwork(2, 3, seed=0)
    walks = _count_row_walks(monkeypatch)
    net.fit(X, Y, epochs=1)
    after_one = walks[0]
    net.fit(X, Y, epochs=20)
    per_epoch = (walks[0] - after_one) / 20
    assert per_epoch < after_one  # the first epoch scanned X and Y; the others walk only what they compute


def test_another_matrix_is_still_checked() -> None:
    good = Matrix([[0.5, 1.0]])
    check_finite(good, "X", "an input")
    check_targets(good, good, "binary cross-entropy", "probability")
    with pytest.raises(DataError, match=r"X\[0, 1\] is nan"):
        check_finite(Matrix([[0.5, float("nan")]]), "X", "an input")
    with pytest.raises(DataError, match=r"target Y\[0, 1\] is 2.0"):
        check_targets(good, Matrix([[0.5, 2.0]]), "binary cross-entropy", "probability")
