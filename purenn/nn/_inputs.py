"""What TwoLayerNetwork and MLP share at their edges: checks of inputs X and
targets Y, and the reading of outputs as class labels.

Private to purenn. Each check runs once per call of forward, loss or
backward, never inside a loop over entries of a product; and the values of
a Matrix are scanned only the first time it meets a check (see ``_passed``).
"""

import math
import weakref
from typing import Dict, List

from purenn.errors import DataError, PurennError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.nn.metrics import labels


_PASSED: Dict[str, "weakref.ReferenceType[Matrix]"] = {}
"""For each check of values, the Matrix that last passed it (held weakly, so it is not kept alive)."""


def _passed(M: Matrix, check: str) -> bool:
    """True if M is the Matrix that last passed this check of values: then it passes again.

    A Matrix never changes, so its values need scanning only once. Training
    gives forward, loss and backward the same X and Y at every epoch, and
    scanning them each time would cost as much as some of the epoch's
    arithmetic. A check that finds no problem calls ``_remember``.
    """
    passed = _PASSED.get(check)
    return passed is not None and passed() is M


def _remember(M: Matrix, check: str) -> None:
    _PASSED[check] = weakref.ref(M)


def check_inputs(X: object, n_inputs: int, weights: str) -> None:
    """X must be a Matrix with one column per input; ``weights`` names the first layer's W and shape.

    >>> check_inputs(Matrix([[1, 2, 3]]), 2, "W1 is (2, 4)")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: X has shape (1, 3) but the network takes 2 inputs (W1 is (2, 4)): X needs one column...
    """
    if not isinstance(X, Matrix):
        raise TypeError(f"X must be a Matrix with one sample per row, got {type(X).__name__}")
    if X.shape[1] != n_inputs:
        raise ShapeError(
            f"X has shape {X.shape} but the network takes {n_inputs} inputs ({weights}): "
            "X needs one column per input"
        )
    check_finite(X, "X", "an input")


def check_finite(M: Matrix, name: str, what: str) -> None:
    """Every entry of M is a finite number; else DataError naming the row and column of the first that is not.

    A NaN would spread through every product it enters and come out as NaN
    weights or a NaN loss, far from its cause; so it is refused here, where
    the row and column can still be named.

    >>> check_finite(Matrix([[1.0, 2.0], [3.0, float("nan")]]), "X", "an input")
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: X[1, 1] is nan: an input must be a finite number...; fill in a real value or remove row 1
    """
    if _passed(M, "finite " + name):
        return
    total = sum(M.flat)  # a quick look first: NaN or infinity makes the sum NaN or infinite
    if not math.isfinite(total):  # (so does a sum too large for a float: then the loop finds nothing)
        for k, x in enumerate(M.flat):
            if not math.isfinite(x):
                i, j = divmod(k, M.shape[1])  # entry k of the flat tuple is at row k // columns
                raise DataError(
                    f"{name}[{i}, {j}] is {x!r}: {what} must be a finite number (no NaN or infinity); "
                    f"fill in a real value or remove row {i}"
                )
    _remember(M, "finite " + name)


def check_targets(output: Matrix, Y: object, loss_name: str, targets: str, hint: str = "(0 for no, 1 for yes)") -> None:
    """Y must pair up with the network's output and suit the loss.

    ``targets`` is "probability" (each target in [0, 1], for binary
    cross-entropy), "one-hot" (each row a probability distribution: entries
    in [0, 1] summing to 1, for categorical cross-entropy) or "number".
    ``hint`` ends the message about a target outside [0, 1].

    >>> check_targets(Matrix([[0.5, 0.5]]), Matrix([[1, 1]]), "categorical cross-entropy", "one-hot")
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: ...Y[0] sums to 2.0: categorical cross-entropy needs each row of Y to sum to 1 (one-hot...
    """
    if not isinstance(output, Matrix):
        raise TypeError(f"the output must be a Matrix with one row per sample, got {type(output).__name__}")
    if not isinstance(Y, Matrix):
        raise TypeError(f"Y must be a Matrix with one row of targets per sample, got {type(Y).__name__}")
    if Y.shape != output.shape:
        raise ShapeError(
            f"Y has shape {Y.shape} but the network gives outputs of shape {output.shape}: "
            "Y needs one row per sample and one column per output"
        )
    if targets == "number":  # (a probability or one-hot target outside [0, 1], NaN included, is refused below)
        check_finite(Y, "Y", "a target")
        return
    if _passed(Y, targets):
        return
    outside = next((k for k, y in enumerate(Y.flat) if not 0.0 <= y <= 1.0), None)
    if outside is not None:
        i, j = divmod(outside, Y.shape[1])
        raise DataError(
            f"target Y[{i}, {j}] is {Y[i, j]!r}: {loss_name} needs targets between 0 and 1 {hint}"
        )
    if targets == "one-hot":
        for i, total in enumerate(Y.sum(axis=1)):
            if not math.isclose(total, 1.0, rel_tol=1e-9):
                raise DataError(
                    f"target row Y[{i}] sums to {total!r}: {loss_name} needs each row of Y to sum "
                    "to 1 (one-hot rows, one 1 per sample)"
                )
    _remember(Y, targets)


def class_labels(output: Matrix, output_function: str, threshold: float) -> List[int]:
    """The class of each row of a network's ``output``: what every ``predict`` returns.

    A softmax output: the index of the row's largest probability (the first,
    if several tie). A sigmoid output of one column, the probability of
    "yes": 1 where it reaches ``threshold``, else 0. Anything else (numbers
    from an identity output, or several independent yes/no columns) has no
    one class per row, and raises PurennError.

    >>> class_labels(Matrix([[0.2], [0.5]]), "sigmoid", 0.5)
    [0, 1]
    >>> class_labels(Matrix([[0.2, 0.7, 0.1]]), "softmax", 0.5)
    [1]
    """
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
        raise TypeError(f"threshold must be a number between 0 and 1, got {threshold!r:.40}")
    if not 0.0 < threshold < 1.0:  # 0 or 1, or beyond, or NaN, would give one class to every row
        raise PurennError(f"threshold must be above 0 and below 1 (the probability from which a row is "
                          f"class 1, such as 0.5), got {threshold!r}")
    if output_function == "softmax" or (output_function == "sigmoid" and output.shape[1] == 1):
        return labels(output, threshold)  # the argmax of several columns, or one column thresholded
    raise PurennError(
        f"predict gives class labels for a softmax output or a one-column sigmoid output; "
        f"this network's output is {output_function!r} with {output.shape[1]} columns: use predict_proba"
    )
