"""Small data sets that ship inside purenn, so nothing needs downloading.

Each function returns a ``Dataset``: inputs X (one sample per row), targets
Y (one row per sample), the names of X's and Y's columns, and the task.

- ``xor``, ``diabetes``: the article's tables (binary).
- ``moons``, ``circles``: two classes in the plane that no straight line
  separates (binary); ``spirals``: three intertwined arms (multiclass);
  ``sine``: a noisy curve (regression). Each is drawn from a seeded
  generator, so the same seed always gives the same data.
- ``iris``: Fisher's 150 iris flowers, read from ``purenn/data/iris.csv``
  (multiclass; provenance in ``purenn/data/IRIS-LICENSE.md``).
- ``digits``: 1,797 handwritten digits of 8 x 8 pixels, read from
  ``purenn/data/digits.csv.gz`` (multiclass, ten classes; provenance in
  ``purenn/data/DIGITS-LICENSE.md``).

``DATASETS`` maps each name to a function that takes no arguments.

>>> data = diabetes()
>>> data.X.shape, data.Y.shape
((16, 4), (16, 1))
>>> data.feature_names
('high_glucose', 'overweight', 'family_history', 'physically_active')
>>> sorted(DATASETS)
['circles', 'diabetes', 'digits', 'iris', 'moons', 'sine', 'spirals', 'xor']
"""

import csv
import gzip
import math
import pathlib
import random
from typing import Callable, Dict, List, NamedTuple, Tuple

from purenn.errors import DataError, ShapeError
from purenn.checks import as_rng, is_number, Seed
from purenn.text import counted
from purenn.linalg.matrix import Matrix
from purenn.data.preprocessing import encode_labels, one_hot

__all__ = [
    "DATASETS", "TASKS", "Dataset", "circles", "diabetes", "digits", "iris", "moons", "pixel_names", "sine", "spirals",
    "xor",
]

TASKS = ("binary", "multiclass", "regression")
"""What a data set asks of a network: one yes/no, one of several classes, or a number."""


class _DatasetFields(NamedTuple):
    """The fields of a Dataset, whose constructor checks that they fit together."""

    name: str
    X: Matrix
    Y: Matrix
    feature_names: Tuple[str, ...]
    target_names: Tuple[str, ...]
    description: str
    task: str
    class_names: Tuple[str, ...]


class Dataset(_DatasetFields):
    """Inputs, targets and the names of their columns.

    ``X`` is (m, n): m samples of n features named by ``feature_names``.
    ``Y`` is (m, o): the targets, whose columns are named by ``target_names``.

    ``task`` says how to read Y, and ``class_names`` names the classes in
    label order:

    - "binary": Y is (m, 1) of 0.0 and 1.0; class_names is (class 0, class 1),
      e.g. ("no", "yes"); left out, it becomes ("0", "1").
    - "multiclass": Y is one-hot (m, c), a 1 in the column of the row's class;
      target_names == class_names (left out, class_names becomes target_names).
    - "regression": Y holds numbers to predict; class_names is ().

    Every classification data set therefore has a name for each class, which
    is what a saved model answers with:

    >>> Dataset("t", Matrix([[1], [2]]), Matrix([[0], [1]]), ("x",), ("y",)).class_names
    ('0', '1')

    The constructor checks that these fit together, and raises ShapeError
    or DataError, naming what does not.
    """

    __slots__ = ()

    def __new__(
        cls,
        name: str,
        X: Matrix,
        Y: Matrix,
        feature_names: Tuple[str, ...],
        target_names: Tuple[str, ...],
        description: str = "",
        task: str = "binary",
        class_names: Tuple[str, ...] = (),
    ) -> "Dataset":
        if not isinstance(X, Matrix) or not isinstance(Y, Matrix):
            raise TypeError(
                f"a Dataset's X and Y must be Matrices, got {type(X).__name__} and {type(Y).__name__}"
            )
        if len(X) != len(Y):
            raise ShapeError(
                f"data set {name!r}: X is {X.shape} but Y is {Y.shape}; "
                "they need one row each per sample"
            )
        for names, matrix, what in ((feature_names, X, "feature"), (target_names, Y, "target")):
            if len(names) != matrix.shape[1]:
                raise ShapeError(
                    f"data set {name!r}: {counted(len(names), what + ' name')} for "
                    f"{counted(matrix.shape[1], 'column')}; every column needs a name"
                )
        if task not in TASKS:
            raise DataError(f"data set {name!r}: task must be one of {TASKS}, got {task!r}")
        if task == "binary" and (Y.shape[1] != 1 or len(class_names) not in (0, 2)):
            raise DataError(
                f"data set {name!r}: a binary task needs Y of one column (got {Y.shape}) "
                f"and two class names or none (got {class_names})"
            )
        if task == "multiclass" and (class_names not in ((), target_names) or len(target_names) < 2):
            raise DataError(
                f"data set {name!r}: a multiclass task needs one-hot Y with a column per class, "
                f"named by class_names; got class_names {class_names} and target_names {target_names}"
            )
        if task == "regression" and class_names:
            raise DataError(
                f"data set {name!r}: a regression task has no classes, got class_names {class_names}"
            )
        if not class_names and task != "regression":
            class_names = ("0", "1") if task == "binary" else target_names
        return super().__new__(cls, name, X, Y, feature_names, target_names, description, task, class_names)

    def __repr__(self) -> str:
        return (
            f"Dataset({self.name!r}, X shape {self.X.shape}, Y shape {self.Y.shape}, "
            f"features {_names(self.feature_names)}, targets {_names(self.target_names)})"
        )


def _names(names: Tuple[str, ...]) -> str:
    """A list of column names for a repr: in full up to 12, else the first three, "...", and the last.

    >>> _names(("a", "b")), _names(tuple(f"x{i}" for i in range(64)))
    ("['a', 'b']", "['x0', 'x1', 'x2', ..., 'x63'] (64 names)")
    """
    if len(names) <= 12:
        return str(list(names))
    return f"[{', '.join(repr(name) for name in names[:3])}, ..., {names[-1]!r}] ({len(names)} names)"


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
        task="binary",
        class_names=("no", "yes"),
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
        task="binary",
        class_names=("0", "1"),
    )


# --------------------------------------------------------- generated data sets


def moons(n_samples: int = 200, noise: float = 0.1, seed: Seed = 0) -> Dataset:
    """Two interleaving half circles, one per class: binary, and not linearly separable.

    The upper moon (class 0) and the lower moon (class 1) are

        (cos t, sin t)          and   (1 − cos t, 0.5 − sin t)

    for t evenly spaced from 0 to π, each coordinate plus Gaussian noise of
    standard deviation ``noise``. The upper moon has n_samples // 2 points,
    the lower moon the rest; the rows come class by class.

    Shapes: X (n_samples, 2), Y (n_samples, 1).

    >>> data = moons()
    >>> data.X.shape, data.Y.shape, data.class_names
    ((200, 2), (200, 1), ('upper', 'lower'))
    >>> data.Y.sum()
    100.0
    """
    n_upper = _check_size(n_samples, "n_samples", 2) // 2
    n_lower = n_samples - n_upper
    rng = as_rng(seed)
    upper = [(math.cos(t), math.sin(t)) for t in _linspace(0.0, math.pi, n_upper)]
    lower = [(1.0 - math.cos(t), 0.5 - math.sin(t)) for t in _linspace(0.0, math.pi, n_lower)]
    return Dataset(
        name="moons",
        X=_jitter(upper + lower, _check_noise(noise, "noise"), rng),
        Y=Matrix([[0.0]] * n_upper + [[1.0]] * n_lower),
        feature_names=("x1", "x2"),
        target_names=("lower",),
        description=(
            f"Two interleaving half circles in the plane, {n_upper} points on the upper one "
            f"(class 0) and {n_lower} on the lower one (class 1), with Gaussian noise of "
            f"standard deviation {noise:g} ({_seed_text(seed)}). Each moon reaches into the "
            "other's hollow, so no straight line separates them: a network needs a hidden "
            "layer to bend its boundary around them."
        ),
        task="binary",
        class_names=("upper", "lower"),
    )


def circles(n_samples: int = 200, noise: float = 0.05, factor: float = 0.5, seed: Seed = 0) -> Dataset:
    """A small circle inside a large one, one per class: binary, and not linearly separable.

    The outer circle (class 0) has radius 1, the inner circle (class 1)
    radius ``factor``:

        (cos t, sin t)          and   factor · (cos t, sin t)

    for t evenly spaced around the circle, each coordinate plus Gaussian
    noise of standard deviation ``noise``. The outer circle has
    n_samples // 2 points, the inner circle the rest.

    Shapes: X (n_samples, 2), Y (n_samples, 1).

    >>> data = circles(n_samples=4, noise=0.0, factor=0.5)
    >>> print(data.X.map(lambda x: round(x, 6)))
    [[   1  0]
     [  -1  0]
     [ 0.5  0]
     [-0.5  0]]
    >>> data.Y.column(0)
    Vector([0.0, 0.0, 1.0, 1.0])
    """
    n_outer = _check_size(n_samples, "n_samples", 2) // 2
    n_inner = n_samples - n_outer
    if not is_number(factor) or not 0.0 < factor < 1.0:
        raise DataError(
            f"factor must be between 0 and 1 (the inner circle's radius, the outer one's being 1), got {factor!r}"
        )
    rng = as_rng(seed)
    outer = [(math.cos(t), math.sin(t)) for t in _around(n_outer)]
    inner = [(factor * math.cos(t), factor * math.sin(t)) for t in _around(n_inner)]
    return Dataset(
        name="circles",
        X=_jitter(outer + inner, _check_noise(noise, "noise"), rng),
        Y=Matrix([[0.0]] * n_outer + [[1.0]] * n_inner),
        feature_names=("x1", "x2"),
        target_names=("inner",),
        description=(
            f"Two circles around the origin: {n_outer} points on the outer one, of radius 1 "
            f"(class 0), and {n_inner} on the inner one, of radius {factor:g} (class 1), with "
            f"Gaussian noise of standard deviation {noise:g} ({_seed_text(seed)}). One class surrounds "
            "the other, so no straight line separates them; a hidden layer can learn the ring."
        ),
        task="binary",
        class_names=("outer", "inner"),
    )


def spirals(n_per_class: int = 100, n_classes: int = 3, noise: float = 0.2, seed: Seed = 0) -> Dataset:
    """Intertwined spiral arms, one per class: the classic multiclass example of Stanford's CS231n.

    Arm j (class j) has n_per_class points, the i-th of them at

        r = i / (n_per_class − 1)                 radius, from 0 to 1
        t = 4j + 4 · r + noise · N(0, 1)          angle in radians, 4 per arm
        (x1, x2) = (r · sin t, r · cos t)

    so each arm winds outwards from the centre, its angle jittered by
    Gaussian noise of standard deviation ``noise`` radians. Y is one-hot.

    Shapes: X (n_per_class · n_classes, 2), Y (n_per_class · n_classes, n_classes).

    >>> data = spirals()
    >>> data.X.shape, data.Y.shape, data.class_names
    ((300, 2), (300, 3), ('arm_0', 'arm_1', 'arm_2'))
    >>> data.Y.sum(axis=0)
    Vector([100.0, 100.0, 100.0])
    """
    per_class = _check_size(n_per_class, "n_per_class", 1)
    classes = _check_size(n_classes, "n_classes", 2)
    spread = _check_noise(noise, "noise")
    rng = as_rng(seed)
    points: List[List[float]] = []
    labels: List[int] = []
    for j in range(classes):
        for r in _linspace(0.0, 1.0, per_class):
            t = 4.0 * j + 4.0 * r + rng.gauss(0.0, spread)
            points.append([r * math.sin(t), r * math.cos(t)])
            labels.append(j)
    names = tuple(f"arm_{j}" for j in range(classes))
    return Dataset(
        name="spirals",
        X=Matrix(points),
        Y=one_hot(labels, classes),
        feature_names=("x1", "x2"),
        target_names=names,
        description=(
            f"{classes} spiral arms winding out from the origin, {per_class} points each, "
            f"their angles jittered by Gaussian noise of {spread:g} radians ({_seed_text(seed)}); "
            "after Stanford's CS231n course notes. Y is one-hot, one column per arm. "
            "Straight lines cannot follow the arms (the course's linear classifier gets about "
            "half the points right); a network with a hidden layer gets nearly all of them."
        ),
        task="multiclass",
        class_names=names,
    )


def sine(n_samples: int = 200, noise: float = 0.1, seed: Seed = 0) -> Dataset:
    """Regression: y = sin(x) + noise, for x evenly spaced from −π to π.

    The noise is Gaussian with standard deviation ``noise``; the best any
    model can do is to learn sin(x) and leave the noise, a mean squared
    error of about noise².

    Shapes: X (n_samples, 1), Y (n_samples, 1).

    >>> data = sine(n_samples=5, noise=0.0)
    >>> print(data.X.T.map(lambda x: x / math.pi))
    [[-1  -0.5  0  0.5  1]]
    >>> data.Y == data.X.map(math.sin)
    True
    """
    size = _check_size(n_samples, "n_samples", 2)
    spread = _check_noise(noise, "noise")
    rng = as_rng(seed)
    xs = _linspace(-math.pi, math.pi, size)
    return Dataset(
        name="sine",
        X=Matrix([[x] for x in xs]),
        Y=Matrix([[math.sin(x) + rng.gauss(0.0, spread)] for x in xs]),
        feature_names=("x",),
        target_names=("y",),
        description=(
            f"{size} points of y = sin(x) for x evenly spaced from -π to π, plus Gaussian noise "
            f"of standard deviation {spread:g} ({_seed_text(seed)}). A regression task: the network "
            "predicts a number, and the best it can do is learn the curve and leave the noise."
        ),
        task="regression",
    )



def _seed_text(seed: Seed) -> str:
    """How a description names where its randomness came from."""
    return f"seed {seed}" if isinstance(seed, int) else "drawn from a given random.Random"


def _check_size(value: int, name: str, minimum: int) -> int:
    """``value`` if it is a whole number of at least ``minimum``.

    Not ``_checks.check_count``: that one is for shapes (at least 1, a
    ShapeError); a sample count is an argument value, with its own minimum.
    """
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {value!r} (a {type(value).__name__})")
    if value < minimum:
        raise DataError(f"{name} must be at least {minimum}, got {value}")
    if value > MAX_SAMPLES:
        raise DataError(f"{name} must be at most {MAX_SAMPLES:,}, got {value:,}; more would not fit in memory")
    return value


MAX_SAMPLES = 10_000_000
"""The most samples a generator makes: ten million rows of Python floats take gigabytes already."""


def _check_noise(noise: float, name: str) -> float:
    if not is_number(noise) or not 0.0 <= noise < math.inf:
        raise DataError(f"{name} is a standard deviation: it must be a number of at least 0, got {noise!r}")
    return float(noise)


def _linspace(start: float, stop: float, n: int) -> List[float]:
    """n numbers evenly spaced from start to stop, both included (just start when n is 1)."""
    if n == 1:
        return [start]
    return [start + (stop - start) * i / (n - 1) for i in range(n)]


def _around(n: int) -> List[float]:
    """n angles evenly spaced around the circle, from 0 up to but not including 2π."""
    return [2.0 * math.pi * i / n for i in range(n)]


def _jitter(points: List[Tuple[float, float]], noise: float, rng: random.Random) -> Matrix:
    """The points as an (m, 2) Matrix, each coordinate plus Gaussian noise N(0, noise²)."""
    return Matrix([[x1 + rng.gauss(0.0, noise), x2 + rng.gauss(0.0, noise)] for x1, x2 in points])


# ----------------------------------------------------------------------- iris

IRIS_CSV = pathlib.Path(__file__).parent / "iris.csv"
"""The shipped copy of Fisher's iris data: a header row, then 150 flowers."""

_IRIS_DESCRIPTION = """\
Fisher's iris flowers (R. A. Fisher, 1936): 150 flowers, 50 of each of three
species (setosa, versicolor, virginica), each measured in centimetres:
sepal length, sepal width, petal length and petal width.

Setosa is separable from the other two by a straight line; versicolor and
virginica overlap a little, so even a good model misses a few of them.

The values are those of Fisher's paper, as shipped by scikit-learn; they
differ from the UCI Machine Learning Repository's iris.data only in flowers
35 and 38 (three numbers in all), which UCI's own notes list as errors.
Licence CC BY 4.0; see purenn/data/IRIS-LICENSE.md.
"""


def iris() -> Dataset:
    """Fisher's iris flowers: 150 rows, 4 measurements, 3 species (multiclass, Y one-hot).

    Read from ``purenn/data/iris.csv``, next to this module, so it works
    from a checkout and from an installed package alike.

    >>> data = iris()
    >>> data.X.shape, data.Y.shape
    ((150, 4), (150, 3))
    >>> data.class_names
    ('setosa', 'versicolor', 'virginica')
    >>> data.X[0], data.Y[0]
    (Vector([5.1, 3.5, 1.4, 0.2]), Vector([1.0, 0.0, 0.0]))
    """
    with IRIS_CSV.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    labels, class_names = encode_labels([row[4] for row in rows])
    return Dataset(
        name="iris",
        X=Matrix([[float(value) for value in row[:4]] for row in rows]),
        Y=one_hot(labels, len(class_names)),
        feature_names=tuple(header[:4]),
        target_names=class_names,
        description=_IRIS_DESCRIPTION,
        task="multiclass",
        class_names=class_names,
    )


# --------------------------------------------------------------------- digits

DIGITS_CSV = pathlib.Path(__file__).parent / "digits.csv.gz"
"""The shipped copy of the handwritten digits: gzip-compressed CSV, 1,797 rows of 64 pixels and a label, no header."""

DIGITS_SIDE = 8
"""A digit is a square of 8 x 8 pixels."""

DIGITS_DARKEST = 16
"""The largest pixel value: each pixel counts the inked dots of a 4 x 4 block, 0 (blank) to 16 (all ink)."""

_DIGITS_DESCRIPTION = """\
Handwritten digits 0 to 9, 1,797 images of 8 x 8 pixels: the test part of
the UCI Machine Learning Repository's "Optical Recognition of Handwritten
Digits" data set (E. Alpaydin and C. Kaynak, 1998), written by 13 people on
forms scanned at NIST.

How a pixel was made: each digit was scanned as a 32 x 32 black-and-white
bitmap and cut into 64 blocks of 4 x 4 dots; a pixel is the number of inked
dots in its block, a whole number from 0 (blank) to 16 (all ink). The 64
features run row by row, pixel_0_0 at the top left to pixel_7_7 at the
bottom right, as a Matrix row-major keeps its entries. Y is one-hot, one
column per digit; the classes are named "0" to "9".

Licence CC BY 4.0; the copy is the one scikit-learn ships. See
purenn/data/DIGITS-LICENSE.md.
"""


def pixel_names(side: int) -> Tuple[str, ...]:
    """The names of the pixels of a square image of ``side`` x ``side``, row by row: what marks data as images.

    >>> pixel_names(2)
    ('pixel_0_0', 'pixel_0_1', 'pixel_1_0', 'pixel_1_1')
    """
    return tuple(f"pixel_{r}_{c}" for r in range(side) for c in range(side))


def digits() -> Dataset:
    """Handwritten digits: 1,797 images of 8 x 8 pixels, values 0 to 16, labels 0-9 (multiclass, Y one-hot).

    Row k of X is one image, its 64 pixels row by row: pixel (r, c), row r
    from the top and column c from the left, is ``X[k, 8 * r + c]``. A
    pixel counts the inked dots of a 4 x 4 block of the scanned digit: 0 is
    blank paper, 16 all ink (``DIGITS_DARKEST``). Scale the pixels before
    training (the ``train`` command standardises them by default), or
    divide them by 16.

    Read from ``purenn/data/digits.csv.gz``, next to this module, so it works
    from a checkout and from an installed package alike, in well under a
    second.

    >>> data = digits()
    >>> data.X.shape, data.Y.shape
    ((1797, 64), (1797, 10))
    >>> data.class_names[:3], data.feature_names[:2], data.feature_names[-1]
    (('0', '1', '2'), ('pixel_0_0', 'pixel_0_1'), 'pixel_7_7')
    >>> data.X.min(), data.X.max()
    (0.0, 16.0)
    >>> data.Y[0].tolist().index(1.0)  # the first image is a 0
    0
    """
    with gzip.open(str(DIGITS_CSV), "rt", encoding="ascii", newline="") as file:
        rows = [[int(value) for value in row] for row in csv.reader(file)]
    pixels = DIGITS_SIDE * DIGITS_SIDE
    if len(rows) != 1797 or any(len(row) != pixels + 1 for row in rows):
        raise DataError(f"{DIGITS_CSV} is not the shipped file: expected 1797 rows of {pixels + 1} numbers")
    class_names = tuple(str(label) for label in range(10))
    return Dataset(
        name="digits",
        X=Matrix([[float(value) for value in row[:pixels]] for row in rows]),
        Y=one_hot([row[pixels] for row in rows], len(class_names)),
        feature_names=pixel_names(DIGITS_SIDE),
        target_names=class_names,
        description=_DIGITS_DESCRIPTION,
        task="multiclass",
        class_names=class_names,
    )


DATASETS: Dict[str, Callable[[], Dataset]] = {
    "xor": xor,
    "diabetes": diabetes,
    "moons": moons,
    "circles": circles,
    "spirals": spirals,
    "sine": sine,
    "iris": iris,
    "digits": digits,
}
"""Every shipped data set by name, each a function of no arguments: ``DATASETS["moons"]()``."""
