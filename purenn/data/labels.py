"""Labels: text class names become class numbers, and class numbers become one-hot rows.

>>> encode_labels(["cat", "dog", "cat"])
([0, 1, 0], ('cat', 'dog'))
>>> one_hot([0, 1, 0], 2)
Matrix([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
"""

import math
from typing import Dict, List, Sequence, Set, Tuple

from purenn.errors import DataError
from purenn.checks import check_count
from purenn.linalg.matrix import Matrix

__all__ = ["encode_labels", "one_hot"]


def encode_labels(values: Sequence[str]) -> Tuple[List[int], Tuple[str, ...]]:
    """Turn text labels into class numbers 0, 1, 2, ... and the class names in that order.

    The class names are sorted: numerically when every name is a number
    ("2" before "10"), alphabetically otherwise. Class k is class_names[k].

    >>> encode_labels(["yes", "no", "yes"])
    ([1, 0, 1], ('no', 'yes'))
    >>> encode_labels(["10", "2", "10"])
    ([1, 0, 1], ('2', '10'))
    """
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise TypeError(f"label {i} is {value!r} (a {type(value).__name__}); labels must be str")
    if len(values) == 0:
        raise DataError("encode_labels needs at least one label; got none")
    names = _sorted_names(set(values))
    number_of = {name: k for k, name in enumerate(names)}
    return [number_of[value] for value in values], tuple(names)


def _sorted_names(names: Set[str]) -> List[str]:
    numbers: Dict[str, float] = {}
    for name in names:
        try:
            number = float(name)
        except ValueError:
            return sorted(names)
        if not math.isfinite(number):
            return sorted(names)
        numbers[name] = number
    return sorted(names, key=lambda name: (numbers[name], name))


def one_hot(labels: Sequence[int], n_classes: int) -> Matrix:
    """One row per label, with a 1 in the label's column and 0 elsewhere.

    Shapes: labels (m,) -> (m, n_classes). The one-hot rows are what a
    network with one output per class is trained to produce.

    >>> print(one_hot([0, 2, 1], 3))
    [[1  0  0]
     [0  0  1]
     [0  1  0]]
    >>> one_hot([0, 3], 3)
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: label 1 is 3, but with 3 classes the labels are 0 to 2
    """
    width = check_count(n_classes, "n_classes")
    rows: List[List[float]] = []
    for i, label in enumerate(labels):
        if not isinstance(label, int) or isinstance(label, bool):
            raise TypeError(f"label {i} is {label!r} (a {type(label).__name__}); class labels must be int")
        if not 0 <= label < width:
            raise DataError(f"label {i} is {label}, but with {width} classes the labels are 0 to {width - 1}")
        rows.append([1.0 if j == label else 0.0 for j in range(width)])
    if not rows:
        raise DataError("one_hot needs at least one label; got none")
    return Matrix(rows)
