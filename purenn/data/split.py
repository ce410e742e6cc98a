"""Splitting data: a test part set aside that the network never trains on.

The test part stands in for data the network has not seen yet, so it is
split off first, before anything (a scaler, early stopping) learns from the
data. With class labels the split keeps each class's share the same in both
parts (stratified), so a small test part cannot miss a class by chance.

>>> X = Matrix([[0, 10], [1, 20], [2, 30], [3, 40]])
>>> Y = Matrix([[0], [0], [1], [1]])
>>> split = train_test_split(X, Y, test_size=0.5, seed=0)
>>> split.X_train.shape, split.X_test.shape
((2, 2), (2, 2))
"""

import math
import random
from typing import Dict, List, NamedTuple, Sequence, Tuple

from purenn.errors import DataError, ShapeError
from purenn.checks import as_rng, is_number, Seed
from purenn.linalg.matrix import Matrix

__all__ = ["Split", "train_test_split"]


class Split(NamedTuple):
    """The rows of a data set divided into a training part and a test part.

    X_train (m_train, n)   Y_train (m_train, o)
    X_test  (m_test, n)    Y_test  (m_test, o)      with m_train + m_test = m
    """

    X_train: Matrix
    X_test: Matrix
    Y_train: Matrix
    Y_test: Matrix

    def __repr__(self) -> str:
        return (
            f"Split(X_train {self.X_train.shape}, X_test {self.X_test.shape}, "
            f"Y_train {self.Y_train.shape}, Y_test {self.Y_test.shape})"
        )


def train_test_split(
    X: Matrix, Y: Matrix, test_size: float = 0.25, seed: Seed = 0, stratify: bool = False
) -> Split:
    """Shuffle the rows of (X, Y) with a seeded generator and hold out a test part.

    The test part gets test_size · m rows, rounded to the nearest whole
    number (halves round up); the training part gets the rest. Rows keep
    their pairing: row i of X always travels with row i of Y.

    With ``stratify=True`` each class is split on its own, so each part keeps
    the class proportions of the whole: class c with m_c rows puts
    test_size · m_c of them (rounded as above, but at least one on each side)
    in the test part. The class of a row is its argmax when Y is one-hot
    (several columns), its value when Y has one column.

    Shapes: X (m, n), Y (m, o) -> Split with X_train (m - k, n), X_test (k, n), ...

    Raises DataError when test_size is not between 0 and 1, when a part
    would be empty, or, when stratifying, when a class has a single row.

    >>> X = Matrix([[1], [2], [3], [4], [5], [6], [7], [8]])
    >>> Y = Matrix([[0], [0], [0], [0], [0], [0], [1], [1]])
    >>> split = train_test_split(X, Y, test_size=0.5, seed=1, stratify=True)
    >>> split.Y_train.sum(), split.Y_test.sum()
    (1.0, 1.0)
    >>> train_test_split(X, Y, test_size=1.5)
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: test_size must be between 0 and 1 (the fraction of rows held out for testing...), got 1.5
    """
    _check_pair(X, Y)
    if not is_number(test_size):
        raise TypeError(f"test_size must be a number between 0 and 1, got {test_size!r}")
    if not 0.0 < test_size < 1.0:
        raise DataError(
            "test_size must be between 0 and 1 (the fraction of rows held out for testing, "
            f"e.g. 0.25), got {test_size!r}"
        )
    rng = as_rng(seed)
    m = len(X)
    if stratify:
        train, test = _stratified_indices(Y, test_size, rng)
    else:
        n_test = _round_half_up(test_size * m)
        if n_test == 0 or n_test == m:
            side = "test" if n_test == 0 else "training"
            raise DataError(
                f"test_size={test_size!r} of {m} rows leaves the {side} part empty "
                f"({n_test} of {m} rows go to the test part); use a test_size nearer 0.5 or more rows"
            )
        order = list(range(m))
        rng.shuffle(order)
        test, train = order[:n_test], order[n_test:]
    return Split(X_train=X.take(train), X_test=X.take(test), Y_train=Y.take(train), Y_test=Y.take(test))


def _check_pair(X: Matrix, Y: Matrix) -> None:
    if not isinstance(X, Matrix) or not isinstance(Y, Matrix):
        raise TypeError(
            f"X and Y must be Matrices with one row per sample, got {type(X).__name__} and {type(Y).__name__}"
        )
    if len(X) != len(Y):
        raise ShapeError(
            f"X has shape {X.shape} but Y has shape {Y.shape}: they need the same number of rows, "
            "one row of targets per sample"
        )


def _round_half_up(x: float) -> int:
    """x rounded to the nearest whole number, halves up (Python's round() sends 2.5 to 2)."""
    return math.floor(x + 0.5)


def _stratified_indices(Y: Matrix, test_size: float, rng: random.Random) -> Tuple[List[int], List[int]]:
    """Split each class's rows on its own; return (train, test) row indices, shuffled."""
    one_hot_rows = Y.shape[1] > 1
    classes: Sequence[float] = Y.argmax(axis=1) if one_hot_rows else Y.column(0).tolist()
    members: Dict[float, List[int]] = {}
    for i, label in enumerate(classes):
        members.setdefault(float(label), []).append(i)
    train: List[int] = []
    test: List[int] = []
    for label in sorted(members):
        rows = members[label]
        if len(rows) < 2:
            where = f"the 1 in column {int(label)} of Y" if one_hot_rows else f"Y = {label!r}"
            raise DataError(
                f"cannot stratify: only 1 row has {where}, so that class cannot be in both the "
                "training and the test part; add rows, merge rare classes or use stratify=False "
                "(stratify is for class labels, not for continuous targets)"
            )
        # At least one row of every class on each side.
        n_test = min(max(_round_half_up(test_size * len(rows)), 1), len(rows) - 1)
        rng.shuffle(rows)
        test.extend(rows[:n_test])
        train.extend(rows[n_test:])
    # Mix the classes again, so that neither part is sorted by class.
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test
