"""Data: the built-in data sets, CSV files, and getting numbers ready to learn from.

- ``datasets.py``: the article's diabetes table, XOR, moons, circles,
  spirals, a noisy sine, and Fisher's iris (``iris.csv``, CC BY 4.0);
- ``csvfile.py``: reading a CSV file, with errors that name line and column;
- ``preprocessing.py``: splitting, scaling, encoding labels.

May import: ``purenn.linalg``, ``purenn.errors`` and the standard library.
Data does not need to know about networks.

>>> from purenn.data import DATASETS
>>> DATASETS["xor"]().X.shape
(4, 2)
"""

from purenn.data.datasets import DATASETS, Dataset

__all__ = ["DATASETS", "Dataset"]
