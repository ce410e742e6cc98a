"""The networks' checks of X and Y scan a Matrix's values once, not at every epoch.

A Matrix never changes, so purenn/nn/_inputs.py remembers (weakly) the
last Matrix that passed each check. These tests make sure that it does, and
that a different Matrix, even one equal in shape, is still checked.
"""

from typing import Dict

import pytest

from purenn import Matrix, TwoLayerNetwork
from purenn.errors import DataError
from purenn.linalg.matrix import Flat
from purenn.nn._inputs import check_finite, check_targets


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> Dict[int, int]:
    """Count the reads of every Matrix's entries through ``M.flat``, by id(M): how the checks and the losses read them."""
    reads: Dict[int, int] = {}
    flat = Matrix.flat

    def counted(self: Matrix) -> Flat:
        reads[id(self)] = reads.get(id(self), 0) + 1
        return flat.__get__(self)

    monkeypatch.setattr(Matrix, "flat", property(counted))
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
    after_one = (reads[id(X)], reads[id(Y)])
    net.fit(X, Y, epochs=20)
    # the checks read X and Y in the first epoch only; after it, only the loss reads Y, once per epoch
    assert (reads[id(X)], reads[id(Y)]) == (after_one[0], after_one[1] + 20)


def test_another_matrix_is_still_checked() -> None:
    good = Matrix([[0.5, 1.0]])
    check_finite(good, "X", "an input")
    check_targets(good, good, "binary cross-entropy", "probability")
    with pytest.raises(DataError, match=r"X\[0, 1\] is nan"):
        check_finite(Matrix([[0.5, float("nan")]]), "X", "an input")
    with pytest.raises(DataError, match=r"target Y\[0, 1\] is 2.0"):
        check_targets(good, Matrix([[0.5, 2.0]]), "binary cross-entropy", "probability")
