"""Figures of functions: activations and their derivatives, learning-rate schedules, a regression fit.

- ``activation_functions``: φ(z) and φ'(z) of each activation, side by side;
- ``learning_rate_schedule``: the rate α(t) of every update t;
- ``regression_fit``: data with one input, the curve a model learned from
  it, and the least-squares line (``purenn.linalg.fit_line``) for contrast.

>>> from purenn.nn.schedules import Cyclical
>>> figure = learning_rate_schedule(Cyclical(0.1, 0.5, half_cycle=10), updates=60)
>>> figure.svg.count('class="line"')
1
"""

from typing import Callable, List, Optional, Sequence

from purenn.errors import PurennError
from purenn.checks import whole_number
from purenn.linalg.matrix import Matrix
from purenn.linalg.operations import fit_line
from purenn.nn.activations import ACTIVATIONS
from purenn.plot.figure import Figure, Plot, side_by_side
from purenn.plot.legend import LegendEntry
from purenn.plot.marks import Line, Mark, Points
from purenn.plot.models import Model, model_outputs
from purenn.plot.scales import LinearScale, extent, padded
from purenn.plot.style import INK, PALETTE, Style, mix, series_style

__all__ = ["activation_functions", "learning_rate_schedule", "regression_fit"]

Z_RANGE = (-5.0, 5.0)
"""The inputs z an activation figure shows: wide enough for sigmoid and tanh to flatten out."""

SAMPLES = 201
"""Points per drawn curve: a step of 0.05 across Z_RANGE."""


def _evenly(low: float, high: float, n: int) -> List[float]:
    return [low + (high - low) * i / (n - 1) for i in range(n)]


def _activation_plot(name: str) -> Plot:
    activation = ACTIVATIONS[name]
    zs = _evenly(Z_RANGE[0], Z_RANGE[1], SAMPLES)
    a = activation.function(Matrix([zs]))                                    # (1, SAMPLES)
    values = list(a[0])
    slopes = list(activation.slope_from_output(a)[0])                        # φ'(z), written from a = φ(z)
    function_style, derivative_style = series_style(0), series_style(1)
    low, high = extent(values + slopes)
    return Plot(
        LinearScale(Z_RANGE).nice(), LinearScale((min(low, 0.0), high)).nice(),
        [Line(zs, values, function_style), Line(zs, slopes, derivative_style)],
        "z", "", name,
        [LegendEntry(f"{name}(z)", function_style), LegendEntry("derivative", derivative_style)],
    )


def activation_functions(
    names: Optional[Sequence[str]] = None,
    *,
    width: float = 800,
    height: Optional[float] = None,
) -> Figure:
    """Each activation in ``names`` (default: all of purenn.nn.activations.ACTIVATIONS) with its derivative,
    each titled by its name.

    One activation fills the figure (``height`` 500 px unless given); several
    go two to a row, each half of ``width`` wide and 340 px high (``height``,
    when given, is shared among the rows).

    >>> activation_functions(["sigmoid", "tanh", "relu"])
    Figure(800 x 680)
    """
    chosen = list(ACTIVATIONS) if names is None else list(names)
    unknown = [name for name in chosen if name not in ACTIVATIONS]
    if unknown or not chosen:
        raise PurennError(f"unknown activation {unknown[0]!r}; choose from: {', '.join(ACTIVATIONS)}"
                          if unknown else "activation_functions needs at least one activation's name")
    if len(chosen) == 1:
        return Figure.of(_activation_plot(chosen[0]), width, 500 if height is None else height)
    rows = (len(chosen) + 1) // 2
    panel_height = 340 if height is None else height / rows
    return side_by_side([Figure.of(_activation_plot(name), width / 2, panel_height) for name in chosen], columns=2)


def learning_rate_schedule(
    schedule: Callable[[int], float],
    updates: int,
    *,
    title: str = "Learning rate",
    width: float = 800,
    height: float = 500,
) -> Figure:
    """The learning rate ``schedule(t)`` of updates t = 0, 1, ..., updates − 1.

    ``schedule`` is any schedule of ``purenn.nn.schedules`` or a function of t.
    """
    whole_number(updates, "updates", least=1)
    steps = list(range(updates))
    rates = [schedule(t) for t in steps]
    style = series_style(0)
    x = LinearScale((0, max(updates - 1, 1))).nice()
    y = LinearScale((0.0, extent(rates)[1])).nice()
    return Figure.of(Plot(x, y, [Line(steps, rates, style)], "update t", "learning rate α", title), width, height)


def regression_fit(
    model: Model,
    X: Matrix,
    Y: Matrix,
    *,
    feature_names: Sequence[str] = ("x",),
    target_name: str = "y",
    title: str = "Regression fit",
    width: float = 800,
    height: float = 500,
) -> Figure:
    """The rows (X, Y) with one input and one target, the model's curve, and the least-squares line.

    The curve is the model's output at 200 evenly spaced x across the data;
    the line is the straight line closest to the rows, the best a model
    without a hidden layer can do.

    >>> from purenn.data.datasets import sine
    >>> data = sine(n_samples=20)
    >>> figure = regression_fit(lambda X: X.map(lambda x: x), data.X, data.Y)
    >>> figure.svg.count('class="point"'), figure.svg.count('class="line"')
    (20, 2)
    """
    if X.shape[1] != 1 or Y.shape[1] != 1 or X.shape[0] != Y.shape[0]:
        raise PurennError(
            f"regression_fit draws one input against one target, row by row; got X {X.shape} and Y {Y.shape}"
        )
    xs, ys = list(X.column(0)), list(Y.column(0))
    low, high = extent(xs)
    grid = _evenly(low, high, 200)
    curve = list(model_outputs(model, Matrix([[x] for x in grid])).column(0))
    slope, intercept = fit_line(xs, ys)
    line = [slope * x + intercept for x in (low, high)]
    # grey data under a dark blue curve and a dashed vermillion line: three lightnesses, two dashes
    data_style = Style(mix(INK, "#FFFFFF", 0.5), "", "circle")
    model_style, line_style = Style(PALETTE[0], "", "square", 3.5), Style(PALETTE[3], "9 5", "square", 3.0)
    marks: List[Mark] = [
        Points(xs, ys, data_style, radius=4.0),
        Line([low, high], line, line_style),
        Line(grid, curve, model_style),
    ]
    legend = [
        LegendEntry("data", data_style, "point"),
        LegendEntry("network", model_style),
        LegendEntry(f"least-squares line y = {slope:.2f}·x {'+' if intercept >= 0 else '−'} {abs(intercept):.2f}",
                    line_style),
    ]
    x_scale = LinearScale(padded(xs))
    y_scale = LinearScale(extent(ys + curve + line)).nice()
    return Figure.of(Plot(x_scale, y_scale, marks, feature_names[0], target_name, title, legend), width, height)
