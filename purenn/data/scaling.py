"""Scaling features: a scaler is fitted on the training part only, then applied to every part.

If the test part's mean or range leaked into the scaling, the test score
would be measured on data that had already shaped the model, and would
flatter it. Each scaler turns into JSON-ready data and back (``to_dict``,
``scaler_from_dict``), so a saved model scales new inputs as it was trained.

>>> scaler = StandardScaler.fit(Matrix([[0, 10], [2, 30]]))
>>> scaler.transform(Matrix([[0, 10], [2, 30]]))
Matrix([[-1.0, -1.0], [1.0, 1.0]])
"""

import math
from typing import ClassVar, Dict, List, Mapping, NamedTuple, Sequence, Tuple, Type, Union

from purenn.errors import DataError, ShapeError
from purenn.linalg.reductions import mean_of
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["ColumnError", "IdentityScaler", "MinMaxScaler", "SCALERS", "Scaler", "StandardScaler", "scaler_from_dict"]

SavedScaler = Dict[str, Union[str, List[float]]]
"""A scaler as JSON-ready data: {"kind": "standard", "mean": [...], "scale": [...]}."""


class Scaler:
    """What every scaler offers: fit on training data, transform, undo, save, load.

    The scalers below are Scalers, each naming its ``kind`` for ``SCALERS``.
    """

    __slots__ = ()
    kind: ClassVar[str]

    @classmethod
    def fit(cls, X: Matrix) -> "Scaler":
        raise NotImplementedError

    @classmethod
    def from_dict(cls, saved: Mapping[str, object]) -> "Scaler":
        raise NotImplementedError

    def transform(self, X: Matrix) -> Matrix:
        raise NotImplementedError

    def inverse_transform(self, X: Matrix) -> Matrix:
        raise NotImplementedError

    def to_dict(self) -> SavedScaler:
        raise NotImplementedError


class _StandardScalerFields(NamedTuple):
    mean: Vector
    scale: Vector


class StandardScaler(_StandardScalerFields, Scaler):
    """Center each column on 0 and give it a spread of 1: x' = (x − mean) / scale.

    ``mean`` (n,) is each column's mean and ``scale`` (n,) its standard
    deviation, both measured by ``StandardScaler.fit`` on the training part
    only: the test part must be scaled with the training statistics, as any
    new data will be (see the module docstring for why).

    The standard deviation is the population one, √(Σ (x − mean)² / m), as
    in scikit-learn. A column whose values are all equal has no spread; its
    scale is 1 instead of 0, so it becomes a column of zeros instead of a
    division by zero. The sums are taken on the column divided by a power of
    two near its largest value (exactly, and undone at the end), so values
    of ±1e200, whose squares would overflow, or of 1e-300, whose squares
    would underflow to 0, are scaled as well as any others.

    >>> scaler = StandardScaler.fit(Matrix([[1, 5], [3, 5]]))
    >>> scaler
    StandardScaler(mean=Vector([2.0, 5.0]), scale=Vector([1.0, 1.0]))
    >>> scaler.transform(Matrix([[1, 5], [3, 5], [5, 6]]))
    Matrix([[-1.0, 0.0], [1.0, 0.0], [3.0, 1.0]])
    """

    __slots__ = ()
    kind: ClassVar[str] = "standard"

    def __new__(cls, mean: Vector, scale: Vector) -> "StandardScaler":
        _check_statistics(cls.kind, "mean", mean, scale)
        return super().__new__(cls, mean, scale)

    @classmethod
    def fit(cls, X: Matrix) -> "StandardScaler":
        """Measure each column's mean and standard deviation; X (m, n) -> mean (n,), scale (n,).

        >>> StandardScaler.fit(Matrix([[0], [4]])).scale
        Vector([2.0])
        """
        _check_finite(X, "fit a standard scaler to")
        columns = [_mean_and_std(j, column.tolist()) for j, column in enumerate(X.T)]
        mean = Vector([center for center, _ in columns])  # (n,)
        std = Vector([spread for _, spread in columns])  # (n,)
        return cls(mean=mean, scale=_spread_or_one(std, X))

    def transform(self, X: Matrix) -> Matrix:
        """(X − mean) / scale, column by column; X (m, n) -> (m, n)."""
        _check_columns(X, len(self.mean), "transform")
        return (X - self.mean) / self.scale

    def inverse_transform(self, X: Matrix) -> Matrix:
        """X · scale + mean, column by column: undoes ``transform``; (m, n) -> (m, n).

        >>> scaler = StandardScaler(mean=Vector([10.0]), scale=Vector([2.0]))
        >>> scaler.inverse_transform(Matrix([[-1], [1]]))
        Matrix([[8.0], [12.0]])
        """
        _check_columns(X, len(self.mean), "inverse_transform")
        return X * self.scale + self.mean

    def to_dict(self) -> SavedScaler:
        """The scaler as JSON-ready data, for saving with a model.

        >>> StandardScaler(mean=Vector([1.0]), scale=Vector([2.0])).to_dict()
        {'kind': 'standard', 'mean': [1.0], 'scale': [2.0]}
        """
        return {"kind": self.kind, "mean": self.mean.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_dict(cls, saved: Mapping[str, object]) -> "StandardScaler":
        """The scaler that ``to_dict`` saved; raises DataError if ``saved`` is not one.

        >>> StandardScaler.from_dict({"kind": "standard", "mean": [1], "scale": [0]})
        Traceback (most recent call last):
        ...
        purenn.errors.DataError: a standard scaler's scale must be positive and finite; entry 0 is 0.0
        """
        _check_saved(saved, cls.kind, ("mean", "scale"))
        return cls(mean=_saved_vector(saved, cls.kind, "mean"), scale=_saved_vector(saved, cls.kind, "scale"))


class _MinMaxScalerFields(NamedTuple):
    minimum: Vector
    scale: Vector


class MinMaxScaler(_MinMaxScalerFields, Scaler):
    """Map each column's training range onto [0, 1]: x' = (x − minimum) / scale.

    ``minimum`` (n,) is each column's smallest value and ``scale`` (n,) its
    range, max − min, both measured by ``MinMaxScaler.fit`` on the training
    part only (see the module docstring for why). New data can therefore
    land a little outside [0, 1]; that is expected and harmless.

    A column whose values are all equal has a range of 0; its scale is 1
    instead, so it becomes a column of zeros instead of a division by zero.

    >>> scaler = MinMaxScaler.fit(Matrix([[0, 10], [4, 20]]))
    >>> scaler
    MinMaxScaler(minimum=Vector([0.0, 10.0]), scale=Vector([4.0, 10.0]))
    >>> scaler.transform(Matrix([[1, 15], [8, 10]]))
    Matrix([[0.25, 0.5], [2.0, 0.0]])
    """

    __slots__ = ()
    kind: ClassVar[str] = "minmax"

    def __new__(cls, minimum: Vector, scale: Vector) -> "MinMaxScaler":
        _check_statistics(cls.kind, "minimum", minimum, scale)
        return super().__new__(cls, minimum, scale)

    @classmethod
    def fit(cls, X: Matrix) -> "MinMaxScaler":
        """Measure each column's minimum and range; X (m, n) -> minimum (n,), scale (n,).

        >>> MinMaxScaler.fit(Matrix([[7], [7]])).scale
        Vector([1.0])
        """
        _check_finite(X, "fit a min-max scaler to")
        low = X.min(axis=0)  # (n,)
        spread = X.max(axis=0) - low  # (n,)
        for j, width in enumerate(spread):
            if math.isinf(width):
                raise ColumnError(j, "its values range wider than the largest float (about 1.8e308), too wide to scale")
        return cls(minimum=low, scale=_spread_or_one(spread, X))

    def transform(self, X: Matrix) -> Matrix:
        """(X − minimum) / scale, column by column; X (m, n) -> (m, n)."""
        _check_columns(X, len(self.minimum), "transform")
        return (X - self.minimum) / self.scale

    def inverse_transform(self, X: Matrix) -> Matrix:
        """X · scale + minimum, column by column: undoes ``transform``; (m, n) -> (m, n).

        >>> MinMaxScaler(minimum=Vector([10.0]), scale=Vector([4.0])).inverse_transform(Matrix([[0.5]]))
        Matrix([[12.0]])
        """
        _check_columns(X, len(self.minimum), "inverse_transform")
        return X * self.scale + self.minimum

    def to_dict(self) -> SavedScaler:
        """The scaler as JSON-ready data, for saving with a model.

        >>> MinMaxScaler(minimum=Vector([1.0]), scale=Vector([2.0])).to_dict()
        {'kind': 'minmax', 'minimum': [1.0], 'scale': [2.0]}
        """
        return {"kind": self.kind, "minimum": self.minimum.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_dict(cls, saved: Mapping[str, object]) -> "MinMaxScaler":
        """The scaler that ``to_dict`` saved; raises DataError if ``saved`` is not one.

        >>> MinMaxScaler.from_dict({"kind": "minmax", "minimum": [0, 1], "scale": [2]})
        Traceback (most recent call last):
        ...
        purenn.errors.DataError: a minmax scaler needs one minimum and one scale per column; got 2 and 1
        """
        _check_saved(saved, cls.kind, ("minimum", "scale"))
        return cls(
            minimum=_saved_vector(saved, cls.kind, "minimum"), scale=_saved_vector(saved, cls.kind, "scale")
        )


class IdentityScaler(Scaler):
    """No scaling: transform and inverse_transform return X unchanged.

    It stands for "none" where a scaler is expected, so code that fits and
    applies a scaler needs no special case for raw features.

    >>> X = Matrix([[1, 200]])
    >>> IdentityScaler.fit(X).transform(X) == X
    True
    """

    __slots__ = ()
    kind: ClassVar[str] = "none"

    def __eq__(self, other: object) -> bool:
        return type(other) is IdentityScaler

    def __hash__(self) -> int:
        return hash(IdentityScaler)

    def __repr__(self) -> str:
        return "IdentityScaler()"

    @classmethod
    def fit(cls, X: Matrix) -> "IdentityScaler":
        """Nothing to measure; X is only checked to be a Matrix."""
        _check_finite(X, "fit a scaler to")
        return cls()

    def transform(self, X: Matrix) -> Matrix:
        """X itself."""
        _check_matrix(X, "transform")
        return X

    def inverse_transform(self, X: Matrix) -> Matrix:
        """X itself."""
        _check_matrix(X, "inverse_transform")
        return X

    def to_dict(self) -> SavedScaler:
        """{"kind": "none"}"""
        return {"kind": self.kind}

    @classmethod
    def from_dict(cls, saved: Mapping[str, object]) -> "IdentityScaler":
        """The scaler that ``to_dict`` saved; raises DataError if ``saved`` is not one."""
        _check_saved(saved, cls.kind, ())
        return cls()


SCALERS: Dict[str, Type[Scaler]] = {
    "standard": StandardScaler,
    "minmax": MinMaxScaler,
    "none": IdentityScaler,
}
"""The scalers by name: ``SCALERS["standard"].fit(X_train)``."""


def scaler_from_dict(saved: Mapping[str, object]) -> Scaler:
    """Whichever scaler ``saved`` describes, chosen by its "kind".

    >>> scaler_from_dict({"kind": "minmax", "minimum": [0.0], "scale": [5.0]})
    MinMaxScaler(minimum=Vector([0.0]), scale=Vector([5.0]))
    >>> scaler_from_dict({"kind": "robust"})
    Traceback (most recent call last):
    ...
    purenn.errors.DataError: a saved scaler's "kind" must be one of 'standard', 'minmax', 'none'; got 'robust'
    """
    _check_mapping(saved)
    kind = saved.get("kind")
    if not isinstance(kind, str) or kind not in SCALERS:
        known = ", ".join(repr(name) for name in SCALERS)
        raise DataError(f'a saved scaler\'s "kind" must be one of {known}; got {kind!r}')
    return SCALERS[kind].from_dict(saved)


def _check_matrix(X: Matrix, action: str) -> None:
    if not isinstance(X, Matrix):
        raise TypeError(f"cannot {action} a {type(X).__name__}: X must be a Matrix with one sample per row")


class ColumnError(DataError):
    """A column of X cannot be scaled; ``column`` is its index (from 0), ``problem`` what is wrong.

    A caller that knows the columns' names (a CSV file's header, say) can
    name the column instead of counting it.

    >>> StandardScaler.fit(Matrix([[1.0, 2.0], [3.0, math.nan]]))
    Traceback (most recent call last):
    ...
    purenn.data.scaling.ColumnError: column 1 of X: row 1 is nan; fit a standard scaler to finite numbers only
    """

    def __init__(self, column: int, problem: str) -> None:
        super().__init__(f"column {column} of X: {problem}")
        self.column = column
        self.problem = problem


def _check_finite(X: Matrix, action: str) -> None:
    """X is a Matrix of finite numbers; else ColumnError naming the first NaN or infinity, by row and column."""
    _check_matrix(X, action)
    for i, row in enumerate(X):
        for j, x in enumerate(row):
            if not math.isfinite(x):
                raise ColumnError(j, f"row {i} is {x!r}; {action} finite numbers only")


def _mean_and_std(j: int, column: Sequence[float]) -> Tuple[float, float]:
    """The mean and the population standard deviation of column j, without overflow or underflow.

    With s = 2**e near the largest |x|, every x / s is exact and at most 1 in
    size: std = s * √(Σ (x/s − mean/s)² / m). The mean is Σ x / m, exactly
    rounded, or Σ (x / m) when Σ x itself is beyond the largest float.

    >>> _mean_and_std(0, [1e200, -1e200])
    (0.0, 1e+200)
    >>> _mean_and_std(0, [2.0**-1000, 3 * 2.0**-1000]) == (2 * 2.0**-1000, 2.0**-1000)
    True
    """
    m = len(column)
    mean = mean_of(column)
    _, e = math.frexp(max(abs(x) for x in column))  # max |x| = f * 2**e with 0.5 <= f < 1
    deviations = [math.ldexp(x, -e) - math.ldexp(mean, -e) for x in column]  # (x − mean) / 2**e
    spread = math.sqrt(math.fsum(d * d for d in deviations) / m)
    try:
        return mean, math.ldexp(spread, e)
    except OverflowError:
        raise ColumnError(
            j, "its standard deviation is beyond the largest float (about 1.8e308), too wide to scale"
        ) from None


def _check_columns(X: Matrix, n: int, action: str) -> None:
    _check_matrix(X, action)
    if X.shape[1] != n:
        raise ShapeError(
            f"cannot {action} X of shape {X.shape}: the scaler was fitted on {n} columns, "
            "and X needs the same columns in the same order"
        )


def _spread_or_one(spread: Vector, X: Matrix) -> Vector:
    """``spread``, with 1.0 for every column of X whose values are all equal.

    Such a column is tested as max == min, not spread == 0: the mean of equal
    values can be off in the last bit (0.1 three times averages to
    0.10000000000000002), which would leave a tiny spread and blow the
    column up instead of zeroing it.
    """
    return Vector(
        1.0 if high == low else s for s, low, high in zip(spread, X.min(axis=0), X.max(axis=0))
    )


def _check_statistics(kind: str, center_name: str, center: Vector, scale: Vector) -> None:
    """Both are Vectors with one entry per column; every center is finite, every scale positive."""
    if not isinstance(center, Vector) or not isinstance(scale, Vector):
        raise TypeError(f"a {kind} scaler's {center_name} and scale must be Vectors")
    if len(center) != len(scale):
        raise DataError(
            f"a {kind} scaler needs one {center_name} and one scale per column; "
            f"got {len(center)} and {len(scale)}"
        )
    for j, x in enumerate(center):
        if not math.isfinite(x):
            raise DataError(f"a {kind} scaler's {center_name} must be finite; entry {j} is {x!r}")
    for j, s in enumerate(scale):
        if not (math.isfinite(s) and s > 0.0):
            raise DataError(f"a {kind} scaler's scale must be positive and finite; entry {j} is {s!r}")


def _check_mapping(saved: Mapping[str, object]) -> None:
    if not isinstance(saved, Mapping):
        raise DataError(
            f'a saved scaler is a dict such as {{"kind": "standard", "mean": [...], "scale": [...]}}; '
            f"got {saved!r} (a {type(saved).__name__})"
        )


def _check_saved(saved: Mapping[str, object], kind: str, keys: Tuple[str, ...]) -> None:
    """``saved`` has "kind" equal to ``kind``, and exactly the given other keys."""
    _check_mapping(saved)
    if saved.get("kind") != kind:
        raise DataError(
            f'this is not a saved {kind} scaler: its "kind" is {saved.get("kind")!r}, not {kind!r} '
            "(scaler_from_dict picks the scaler by its kind)"
        )
    expected = ("kind",) + keys
    missing = [key for key in expected if key not in saved]
    if missing:
        raise DataError(f"a saved {kind} scaler needs the keys {list(expected)}; {missing} missing")
    unknown = sorted(str(key) for key in saved if key not in expected)
    if unknown:
        raise DataError(f"a saved {kind} scaler has only the keys {list(expected)}; {unknown} unexpected")


def _saved_vector(saved: Mapping[str, object], kind: str, key: str) -> Vector:
    """The list of numbers at saved[key], as a Vector."""
    value = saved[key]
    problem = DataError(f"a saved {kind} scaler's {key!r} must be a non-empty list of numbers; got {value!r}")
    if not isinstance(value, (list, tuple)) or len(value) == 0:
        raise problem
    numbers: List[float] = []
    for x in value:
        if not isinstance(x, (int, float)) or isinstance(x, bool):
            raise problem
        try:
            numbers.append(float(x))
        except OverflowError:
            raise problem from None
    return Vector(numbers)
