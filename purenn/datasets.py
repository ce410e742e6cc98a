"""Small data sets that ship inside purenn, so nothing needs downloading.

Each function returns a ``Dataset``: inputs X (one sample per row), targets
Y (one row per sample), and the names of X's and Y's columns.

>>> data = diabetes()
>>> data.X.shape, data.Y.shape
((16, 4), (16, 1))
>>> data.feature_names
('high_glucose', 'overweight', 'family_history', 'physically_active')
"""

from dataclasses import dataclass
from typing import Tuple

from purenn.matrix import Matrix

__all__ = ["Dataset", "diabetes", "xor"]


@dataclass(frozen=True)
class Dataset:
    """Inputs, targets and the names of their columns.

    ``X`` is (m, n): m samples of n features named by ``feature_names``.
    ``Y`` is (m, o): the targets, whose columns are named by ``target_names``.
    """

    name: str
    X: Matrix
    Y: Matrix
    feature_names: Tuple[str, ...]
    target_names: Tuple[str, ...]
    description: str = ""

    def __repr__(self) -> str:
        return (
            f"Dataset({self.name!r}, X shape {self.X.shape}, Y shape {self.Y.shape}, "
            f"features {list(self.feature_names)}, targets {list(self.target_names)})"
        )


_DIABETES_DESCRIPTION = """\
An illustrative table, NOT medical data: four yes/no risk factors and a
yes/no label, in the spirit of the article's example.

How it was made: the rows are all 16 combinations of the four factors, and
the label follows one stated rule,

    diabetes = (high_glucose AND overweight) OR (family_history AND NOT physically_active)

Why it needs a hidden layer: no single weighted sum w·x + b can separate
the yes rows from the no rows. Take two yes rows, (1, 1, 0, 1) and
(0, 0, 1, 0), and two no rows, (1, 0, 1, 1) and (0, 1, 0, 0). Both pairs add
up to (1, 1, 1, 1), so any weighted sum gives the same total for the two yes
rows as for the two no rows; it cannot be above the threshold for both yes
rows and below it for both no rows. A network without a hidden layer (logistic
regression) must get at least one of these four wrong; the two-layer network
learns the rule exactly.
"""

# Columns: high_glucose, overweight, family_history, physically_active, diabetes.
# Every combination of the four factors appears once; the label follows the
# rule in _DIABETES_DESCRIPTION (tests/test_datasets.py checks every row).
_DIABETES_TABLE = (
    (0, 0, 0, 0, 0),
    (0, 0, 0, 1, 0),
    (0, 0, 1, 0, 1),
    (0, 0, 1, 1, 0),
    (0, 1, 0, 0, 0),
    (0, 1, 0, 1, 0),
    (0, 1, 1, 0, 1),
    (0, 1, 1, 1, 0),
    (1, 0, 0, 0, 0),
    (1, 0, 0, 1, 0),
    (1, 0, 1, 0, 1),
    (1, 0, 1, 1, 0),
    (1, 1, 0, 0, 1),
    (1, 1, 0, 1, 1),
    (1, 1, 1, 0, 1),
    (1, 1, 1, 1, 1),
)


def diabetes() -> Dataset:
    """The default data set: four boolean risk factors and a yes/no diabetes label.

    Illustrative only, not medical data; see ``diabetes().description`` for
    how it was made and why a network needs a hidden layer to learn it.

    >>> data = diabetes()
    >>> data.X[12], data.Y[12, 0]
    (Vector([1.0, 1.0, 0.0, 0.0]), 1.0)
    """
    return Dataset(
        name="diabetes",
        X=Matrix([row[:4] for row in _DIABETES_TABLE]),
        Y=Matrix([row[4:] for row in _DIABETES_TABLE]),
        feature_names=("high_glucose", "overweight", "family_history", "physically_active"),
        target_names=("diabetes",),
        description=_DIABETES_DESCRIPTION,
    )


def xor() -> Dataset:
    """Exclusive or: the output is 1 when exactly one of the two inputs is 1.

    The smallest problem a straight line cannot separate, so the smallest
    one that needs a hidden layer.

    >>> print(xor().X)
    [[0  0]
     [0  1]
     [1  0]
     [1  1]]
    >>> xor().Y.column(0)
    Vector([0.0, 1.0, 1.0, 0.0])
    """
    inputs = ((0, 0), (0, 1), (1, 0), (1, 1))
    return Dataset(
        name="xor",
        X=Matrix(inputs),
        Y=Matrix([[a ^ b] for a, b in inputs]),
        feature_names=("a", "b"),
        target_names=("a_xor_b",),
        description="The four rows of the truth table of exclusive or (XOR).",
    )
