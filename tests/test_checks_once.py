"""The networks' checks of X and Y scan a Matrix's values once, not at every epoch.

A Matrix never changes, so purenn/nn/_inputs.py remembers (weakly) the
last Matrix that passed each check. These tests make sure that it does, and
that a different Matrix, even one equal in shape, is still checked.
"""

from typing import Dict, Iterator

import pytest

from purenn import Matrix, TwoLayerNetwork
from purenn.errors import DataError
from purenn.linalg.matrix import Flat
from purenn.linalg.vector import Vector
from purenn.nn._inputs import check_finite, check_targets


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> Dict[int, int]:
    """Count every read of a Matrix's entries, by id(M): through ``M.flat`` or a walk over its rows."""
    reads: Dict[int, int] = {}
    flat, walk = Matrix.flat, Matrix.__iter__

    def count(M: Matrix) -> None:
        reads[id(M)] = reads.get(id(M), 0) + 1

    def counted_flat(self: Matrix) -> Flat:
        count(self)
        return flat.__get__(self)

    def counted_walk(self: Matrix) -> Iterator[Vector]:
        count(self)
        return walk(self)

    monkeypatch.setattr(Matrix, "flat", property(counted_flat))
    monkeypatch.setattr(Matrix, "__iter__", counted_walk)
    return reads


def test_a_matrix_that_passed_is_not_scanned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    X = Matrix([[0.0, 1.0], [1.0, 0.0]])
    Y = Matrix([[1.0], [0.0]])
    reads = _count_reads(monkeypatch)
    check_finite(X, "X", "an input")
    check_targets(Y, Y, "binary cross-entropy", "probability")
    first = dict(reads)
    assert first[id(X)] >= 1 and first[id(Y)] >= 1
    for _ in range(3):
        check_finite(X, "X", "an input")
        check_targets(Y, Y, "binary cross-entropy", "probability")
    assert reads == first


def test_training_scans_x_and_y_once(monkeypatch: pytest.MonkeyPatch) -> None:
    X = Matrix([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = Matrix([[1.0], [1.0], [0.0]])
    net = TwoLayerNetwork(2, 3, seed=0)
    reads = _count_reads(monkeypatch)
    net.fit(X, Y, epochs=1)
    x_reads, y_reads = reads[id(X)], reads[id(Y)]
    net.fit(X, Y, epochs=20)
    # the checks read X and Y in the first epoch only; after it, at most the loss reads Y, once per epoch
    assert reads[id(X)] == x_reads
    assert reads[id(Y)] <= y_reads + 20


def test_another_matrix_is_still_checked() -> None:
    good = Matrix([[0.5, 1.0]])
    check_finite(good, "X", "an input")
    check_targets(good, good, "binary cross-entropy", "probability")
    with pytest.raises(DataError, match=r"X\[0, 1\] is nan"):
        check_finite(Matrix([[0.5, float("nan")]]), "X", "an input")
    with pytest.raises(DataError, match=r"target Y\[0, 1\] is 2.0"):
        check_targets(good, Matrix([[0.5, 2.0]]), "binary cross-entropy", "probability")
