"""The generated data sets, Iris, the Dataset record's task fields, and DATASETS.

Generators are checked without noise against their formulas, and with noise
for the size of the noise; the same seed must give the same data.
"""

import math
import pathlib
import random
import re
import statistics
from typing import Callable, List

import pytest

from purenn.data.datasets import (
    DATASETS,
    IRIS_CSV,
    TASKS,
    Dataset,
    circles,
    diabetes,
    iris,
    moons,
    sine,
    spirals,
    xor,
)
from purenn.errors import DataError, ShapeError
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector


def exactly(text: str) -> str:
    """A regex that matches ``text`` literally, as the whole message."""
    return "^" + re.escape(text) + "$"


def differences(a: Matrix, b: Matrix) -> List[float]:
    return [x - y for row_a, row_b in zip(a, b) for x, y in zip(row_a, row_b)]


# ------------------------------------------------------------ Dataset fields


def test_the_article_tables_have_task_and_class_names() -> None:
    assert (diabetes().task, diabetes().class_names) == ("binary", ("no", "yes"))
    assert (xor().task, xor().class_names) == ("binary", ("0", "1"))


def test_the_article_tables_are_unchanged() -> None:
    assert xor().X == Matrix([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert xor().Y == Matrix([[0], [1], [1], [0]])
    assert diabetes().X.sum(axis=0) == Vector([8, 8, 8, 8])
    assert diabetes().Y.sum() == 7.0


def test_new_fields_have_defaults_after_description() -> None:
    data = Dataset("t", Matrix([[1]]), Matrix([[0]]), ("x",), ("y",))
    assert (data.description, data.task, data.class_names) == ("", "binary", ("0", "1"))  # classes named by default


@pytest.mark.parametrize(
    "fields, error, message",
    [
        (dict(task="classification"), DataError,
         "data set 't': task must be one of ('binary', 'multiclass', 'regression'), got 'classification'"),
        (dict(Y=Matrix([[0], [1], [0]])), ShapeError,
         "data set 't': X is (2, 1) but Y is (3, 1); they need one row each per sample"),
        (dict(feature_names=("a", "b")), ShapeError,
         "data set 't': 2 feature names for 1 column; every column needs a name"),
        (dict(Y=Matrix([[0, 1], [1, 0]])), ShapeError,
         "data set 't': 1 target name for 2 columns; every column needs a name"),
        (dict(Y=Matrix([[0, 1], [1, 0]]), target_names=("a", "b")), DataError,
         "data set 't': a binary task needs Y of one column (got (2, 2)) and two class names or none "
         "(got ())"),
        (dict(class_names=("a", "b", "c")), DataError,
         "data set 't': a binary task needs Y of one column (got (2, 1)) and two class names or none "
         "(got ('a', 'b', 'c'))"),
        (dict(Y=Matrix([[0, 1], [1, 0]]), target_names=("a", "b"), task="multiclass", class_names=("b", "a")),
         DataError,
         "data set 't': a multiclass task needs one-hot Y with a column per class, named by class_names; "
         "got class_names ('b', 'a') and target_names ('a', 'b')"),
        (dict(task="regression", class_names=("a", "b")), DataError,
         "data set 't': a regression task has no classes, got class_names ('a', 'b')"),
    ],
)
def test_dataset_checks_that_its_parts_fit(fields: dict, error: type, message: str) -> None:
    arguments = dict(name="t", X=Matrix([[1], [2]]), Y=Matrix([[0], [1]]), feature_names=("x",), target_names=("y",))
    arguments.update(fields)
    with pytest.raises(error, match=exactly(message)):
        Dataset(**arguments)


# --------------------------------------------------------------------- moons


def test_moons_shapes_and_labels() -> None:
    data = moons()
    assert (data.name, data.task, data.class_names) == ("moons", "binary", ("upper", "lower"))
    assert (data.X.shape, data.Y.shape) == ((200, 2), (200, 1))
    assert data.Y.column(0).tolist() == [0.0] * 100 + [1.0] * 100
    odd = moons(n_samples=201)
    assert odd.Y.column(0).tolist() == [0.0] * 100 + [1.0] * 101


def test_moons_without_noise_lie_on_two_half_circles() -> None:
    data = moons(n_samples=50, noise=0.0)
    for (x1, x2), (label,) in zip(data.X, data.Y):
        if label == 0.0:  # upper: the unit half circle above the axis
            assert math.isclose(math.hypot(x1, x2), 1.0, rel_tol=1e-12) and x2 >= -1e-15
        else:  # lower: centred on (1, 0.5), below its centre
            assert math.isclose(math.hypot(x1 - 1.0, x2 - 0.5), 1.0, rel_tol=1e-12) and x2 <= 0.5 + 1e-15
    # Both ends of each half circle are included (t = 0 and t = π).
    assert data.X[0].allclose(Vector([1, 0])) and data.X[24].allclose(Vector([-1, 0]), abs_tol=1e-15)
    assert data.X[25].allclose(Vector([0, 0.5])) and data.X[49].allclose(Vector([2, 0.5]), abs_tol=1e-15)


# ------------------------------------------------------------------- circles


def test_circles_shapes_labels_and_radii() -> None:
    data = circles()
    assert (data.X.shape, data.Y.shape, data.class_names) == ((200, 2), (200, 1), ("outer", "inner"))
    assert data.Y.column(0).tolist() == [0.0] * 100 + [1.0] * 100
    clean = circles(n_samples=41, noise=0.0, factor=0.3)
    radii = [math.hypot(x1, x2) for x1, x2 in clean.X]
    assert all(math.isclose(r, 1.0, rel_tol=1e-12) for r in radii[:20])
    assert all(math.isclose(r, 0.3, rel_tol=1e-12) for r in radii[20:])


@pytest.mark.parametrize("factor", [0, 1, 1.5, -0.5])
def test_circles_factor_is_between_0_and_1(factor: float) -> None:
    with pytest.raises(DataError, match=exactly(
        "factor must be between 0 and 1 (the inner circle's radius, the outer one's being 1), "
        f"got {factor!r}"
    )):
        circles(factor=factor)


# ------------------------------------------------------------------- spirals


def test_spirals_shapes_and_one_hot_labels() -> None:
    data = spirals()
    assert (data.task, data.X.shape, data.Y.shape) == ("multiclass", (300, 2), (300, 3))
    assert data.class_names == data.target_names == ("arm_0", "arm_1", "arm_2")
    assert list(data.Y.argmax(axis=1)) == [0] * 100 + [1] * 100 + [2] * 100
    assert all(sorted(row) == [0.0, 0.0, 1.0] for row in data.Y)
    assert spirals(n_per_class=5, n_classes=4).Y.shape == (20, 4)


def test_spirals_without_noise_follow_the_cs231n_formula() -> None:
    n = 11
    data = spirals(n_per_class=n, n_classes=3, noise=0.0)
    for k, (x1, x2) in enumerate(data.X):
        j, i = divmod(k, n)
        r, t = i / (n - 1), 4 * j + 4 * i / (n - 1)
        assert math.isclose(x1, r * math.sin(t), abs_tol=1e-12)
        assert math.isclose(x2, r * math.cos(t), abs_tol=1e-12)


def test_spirals_noise_moves_the_angle_not_the_radius() -> None:
    clean = spirals(noise=0.0)
    noisy = spirals(noise=0.2, seed=3)
    for a, b in zip(clean.X, noisy.X):
        assert math.isclose(math.hypot(*a), math.hypot(*b), rel_tol=1e-12, abs_tol=1e-15)
    assert clean.X != noisy.X


# ---------------------------------------------------------------------- sine


def test_sine_shapes_and_range() -> None:
    data = sine()
    assert (data.task, data.class_names, data.X.shape, data.Y.shape) == ("regression", (), (200, 1), (200, 1))
    xs = data.X.column(0)
    assert (xs[0], xs[-1]) == (-math.pi, math.pi)
    steps = [b - a for a, b in zip(xs, xs[1:])]
    assert max(steps) - min(steps) < 1e-12


def test_sine_without_noise_is_the_sine() -> None:
    data = sine(n_samples=9, noise=0.0)
    assert data.Y == data.X.map(math.sin)


# --------------------------------------------------------- noise and seeds

GENERATORS: List[Callable[..., Dataset]] = [moons, circles, spirals, sine]


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_same_seed_same_data_other_seed_other_data(make: Callable[..., Dataset]) -> None:
    assert make(seed=1) == make(seed=1)
    assert make(seed=1).X != make(seed=2).X or make(seed=1).Y != make(seed=2).Y
    assert make(seed=random.Random(1)).X == make(seed=1).X


@pytest.mark.parametrize("make, size", [(moons, "n_samples"), (circles, "n_samples"), (sine, "n_samples")])
def test_coordinate_noise_has_the_requested_spread(make: Callable[..., Dataset], size: str) -> None:
    clean = make(**{size: 1000, "noise": 0.0})
    noisy = make(**{size: 1000, "noise": 0.3, "seed": 5})
    matrix = "Y" if make is sine else "X"
    offsets = differences(getattr(noisy, matrix), getattr(clean, matrix))
    # 1000 or 2000 draws from N(0, 0.3²): the sample mean and spread are within a few standard errors.
    assert abs(statistics.mean(offsets)) < 0.03
    assert abs(statistics.pstdev(offsets) - 0.3) < 0.03


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: moons(n_samples=1), DataError, "n_samples must be at least 2, got 1"),
        (lambda: circles(n_samples=0), DataError, "n_samples must be at least 2, got 0"),
        (lambda: sine(n_samples=1), DataError, "n_samples must be at least 2, got 1"),
        (lambda: spirals(n_per_class=0), DataError, "n_per_class must be at least 1, got 0"),
        (lambda: spirals(n_classes=1), DataError, "n_classes must be at least 2, got 1"),
        (lambda: moons(n_samples=10.0), TypeError, "n_samples must be a whole number, got 10.0 (a float)"),
        (lambda: moons(n_samples=True), TypeError, "n_samples must be a whole number, got True (a bool)"),
        (lambda: moons(noise=-0.1), DataError,
         "noise is a standard deviation: it must be a number of at least 0, got -0.1"),
        (lambda: sine(noise=math.inf), DataError,
         "noise is a standard deviation: it must be a number of at least 0, got inf"),
        (lambda: spirals(noise=math.nan), DataError,
         "noise is a standard deviation: it must be a number of at least 0, got nan"),
    ],
)
def test_generator_arguments_are_checked(call: Callable[[], Dataset], error: type, message: str) -> None:
    with pytest.raises(error, match=exactly(message)):
        call()


def test_descriptions_say_how_the_data_was_made() -> None:
    assert "standard deviation 0.1 (seed 0)" in moons().description
    assert "radius 0.5" in circles().description
    assert "CS231n" in spirals().description
    assert "y = sin(x)" in sine().description
    assert "drawn from a given random.Random" in moons(seed=random.Random(0)).description


# ---------------------------------------------------------------------- iris

# Column sums of the 150 rows, worked out exactly (fractions.Fraction over the
# text of each value) from scikit-learn 1.9.1's sklearn/datasets/data/iris.csv,
# and matching sklearn.datasets.load_iris().data.sum(axis=0). UCI's uncorrected
# iris.data would give 876.5, 458.1, 563.8, 179.8 (see purenn/data/IRIS-LICENSE.md).
IRIS_COLUMN_SUMS = (876.5, 458.6, 563.7, 179.9)


def test_iris_shape_names_and_task() -> None:
    data = iris()
    assert (data.name, data.task) == ("iris", "multiclass")
    assert (data.X.shape, data.Y.shape) == ((150, 4), (150, 3))
    assert data.feature_names == ("sepal_length", "sepal_width", "petal_length", "petal_width")
    assert data.class_names == data.target_names == ("setosa", "versicolor", "virginica")


def test_iris_has_50_flowers_of_each_species_in_order() -> None:
    data = iris()
    assert data.Y.sum(axis=0) == Vector([50, 50, 50])
    assert list(data.Y.argmax(axis=1)) == [0] * 50 + [1] * 50 + [2] * 50


def test_iris_column_sums() -> None:
    sums = iris().X.sum(axis=0)
    assert all(math.isclose(s, expected, rel_tol=1e-15) for s, expected in zip(sums, IRIS_COLUMN_SUMS)), sums


def test_iris_has_fishers_corrected_flowers_35_and_38() -> None:
    X = iris().X
    assert X[0] == Vector([5.1, 3.5, 1.4, 0.2])
    assert X[34] == Vector([4.9, 3.1, 1.5, 0.2])  # UCI iris.data: 4.9, 3.1, 1.5, 0.1
    assert X[37] == Vector([4.9, 3.6, 1.4, 0.1])  # UCI iris.data: 4.9, 3.1, 1.5, 0.1
    assert X[149] == Vector([5.9, 3.0, 5.1, 1.8])


def test_iris_file_has_the_documented_layout() -> None:
    lines = IRIS_CSV.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "sepal_length,sepal_width,petal_length,petal_width,species"
    assert len(lines) == 151
    assert IRIS_CSV.parent.name == "data" and (IRIS_CSV.parent / "IRIS-LICENSE.md").is_file()


def test_iris_loads_from_any_working_directory(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert iris().X.shape == (150, 4)


def test_iris_description_credits_fisher_and_the_licence() -> None:
    description = iris().description
    assert "R. A. Fisher, 1936" in description and "CC BY 4.0" in description


# ------------------------------------------------------------------ DATASETS


def test_datasets_by_name() -> None:
    assert list(DATASETS) == ["xor", "diabetes", "moons", "circles", "spirals", "sine", "iris", "digits"]
    for name, make in DATASETS.items():
        data = make()
        assert data.name == name
        assert data.task in TASKS
        assert data.description
