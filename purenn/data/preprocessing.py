"""Getting data ready for a network: split it, scale it, encode its labels.

The order matters:

1. ``train_test_split`` (split.py) sets aside a test part the network never trains on.
2. A scaler (scaling.py) is *fitted on the training part only*, then applied to both parts.
   The test part stands in for data the network has not seen yet; if its
   mean or range leaked into the scaling, the test score would be measured
   on data that had already shaped the model, and would flatter it.
3. Text labels become class numbers (``encode_labels``, labels.py), and class numbers
   become one-hot rows (``one_hot``) for a network with one output per class.

This module gathers the three steps' names in one place to import from.

>>> from purenn.linalg.matrix import Matrix
>>> X = Matrix([[0, 10], [1, 20], [2, 30], [3, 40]])
>>> Y = Matrix([[0], [0], [1], [1]])
>>> split = train_test_split(X, Y, test_size=0.5, seed=0)
>>> scaler = StandardScaler.fit(split.X_train)
>>> scaler.transform(split.X_train).mean(axis=0)
Vector([0.0, 0.0])

Bad data or settings raise ``DataError``; X with the wrong number of columns
for a fitted scaler raises ``ShapeError``. Both are ``ValueError``s.
"""

from purenn.data.labels import encode_labels, one_hot
from purenn.data.scaling import (
    SCALERS, ColumnError, IdentityScaler, MinMaxScaler, Scaler, StandardScaler, scaler_from_dict,
)
from purenn.data.split import Split, train_test_split

__all__ = [
    "ColumnError",
    "IdentityScaler",
    "MinMaxScaler",
    "SCALERS",
    "Scaler",
    "Split",
    "StandardScaler",
    "encode_labels",
    "one_hot",
    "scaler_from_dict",
    "train_test_split",
]
