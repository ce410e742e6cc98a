"""Charts drawn with text, so a loss curve shows in any terminal without a plotting library.

Two pictures: ``line_chart`` (a loss curve) and ``decision_map`` (which class
a classifier of 2-D data picks at every place of the plane, with the data on
top). ``chart_width`` sizes a chart to the terminal it is printed to.

>>> print(line_chart([4, 3, 2, 1, 1, 1], width=6, height=4, unicode=False))
4 |*
  | *
  |  *
1 |   ***
  +------
   0    5
"""

import math
import shutil
import sys
from typing import Callable, List, Optional, Sequence, TextIO, Tuple

from purenn.errors import PurennError
from purenn.text import number
from purenn.linalg.matrix import Matrix
from purenn.plot.scales import padded

__all__ = ["MAP_CLASSES", "chart_width", "decision_map", "line_chart", "supports_unicode"]

_UNICODE = {"point": "•", "axis": "┤", "corner": "└", "rule": "─", "blank": " "}
_ASCII = {"point": "*", "axis": "|", "corner": "+", "rule": "-", "blank": " "}

# decision_map: class k's data points are POINTS[k], the region where it is predicted REGIONS[k]
_UNICODE_POINTS, _UNICODE_REGIONS = "●▲■◆★✚", "·░▒▓:'"
_ASCII_POINTS, _ASCII_REGIONS = "ox#@*+", ".-=:~'"
MAP_CLASSES = len(_ASCII_POINTS)
"""decision_map has symbols for this many classes."""

CHART_WIDTH_CAP = 100
"""A chart is never wider than this many columns, however wide the terminal: a
longer x axis adds no information to a loss curve, only distance to read across."""

_MARGIN = 12
"""Columns a chart needs besides its plot area: the y labels (up to 9 characters,
such as "1.234e-05"), the space and the axis."""


def supports_unicode(stream: Optional[TextIO] = None) -> bool:
    """True when ``stream`` (default: sys.stdout) can print the chart's Unicode characters.

    A stream without an encoding (an ``io.StringIO``) holds any text.
    """
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None)
    if encoding is None:
        return True
    try:
        ("".join(_UNICODE.values()) + _UNICODE_POINTS + _UNICODE_REGIONS).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def chart_width(stream: Optional[TextIO] = None, default: int = 60) -> int:
    """The plot-area width of a chart printed to ``stream`` (default: sys.stdout).

    On a terminal: as wide as the terminal leaves room for, beside the
    labels, at most ``CHART_WIDTH_CAP`` and at least 20 columns. Anywhere
    else (a file, a pipe, a notebook) there is no width to fit: ``default``,
    so the output does not depend on where it was produced.

    >>> import io
    >>> chart_width(io.StringIO())
    60
    """
    out = stream if stream is not None else sys.stdout
    isatty = getattr(out, "isatty", None)
    if not (callable(isatty) and isatty()):
        return default
    columns = shutil.get_terminal_size().columns
    return max(20, min(CHART_WIDTH_CAP, columns - _MARGIN))


def line_chart(
    values: Sequence[float], width: int = 60, height: int = 12, unicode: bool = True
) -> str:
    """Plot ``values`` against their index as a text chart ``width`` columns wide.

    Each column shows one value (several values share a column when there are
    more values than columns: the column shows the first of them). The y axis
    is labelled with the largest and smallest value, both to the same number
    of decimals (see ``_y_labels``); the x axis with the first and last index,
    or only the first when the last would not fit beside it. A steep fall is
    drawn as a vertical run of points, so the curve stays connected.

    Raises PurennError (a ValueError) for an empty sequence or a value that
    is NaN or infinite.
    """
    if len(values) == 0:
        raise PurennError("line_chart needs at least one value to plot")
    bad = [v for v in values if not math.isfinite(v)]
    if bad:
        raise PurennError(f"line_chart can only plot finite numbers, got {bad[0]!r}")
    if width < 2 or height < 2:
        raise PurennError(f"line_chart needs width and height of at least 2, got {width} and {height}")
    marks = _UNICODE if unicode else _ASCII
    columns = min(width, len(values))
    sampled = [values[(c * (len(values) - 1)) // max(columns - 1, 1)] for c in range(columns)]
    top, bottom = max(values), min(values)
    span = top - bottom or 1.0

    def level(value: float) -> int:  # 0 is the bottom row, height - 1 the top
        return round((value - bottom) / span * (height - 1))

    grid = [[marks["blank"]] * columns for _ in range(height)]
    previous: Optional[int] = None
    for c, value in enumerate(sampled):
        here = level(value)
        low, high = (here, here) if previous is None else (min(here, previous + 1), max(here, previous - 1))
        for r in range(min(low, here), max(high, here) + 1):
            grid[r][c] = marks["point"]
        previous = here

    top_label, bottom_label = _y_labels(top, bottom)
    margin = max(len(top_label), len(bottom_label))
    lines = []
    for r in reversed(range(height)):
        label = top_label if r == height - 1 else bottom_label if r == 0 else ""
        lines.append(f"{label.rjust(margin)} {marks['axis']}{''.join(grid[r]).rstrip()}")
    lines.append(" " * margin + " " + marks["corner"] + marks["rule"] * columns)
    first, last = "0", str(len(values) - 1)
    # the last label ends under the last column, with at least one space before it
    x_labels = first + last.rjust(columns - len(first)) if len(first) + len(last) < columns else first
    lines.append(" " * (margin + 2) + x_labels)
    return "\n".join(lines)


def _y_labels(top: float, bottom: float) -> Tuple[str, str]:
    """The labels of the top and bottom row, with the same number of decimals.

    Four significant digits of the larger in size set the number of decimals
    for both, then zeros that both labels end in are dropped:

    >>> _y_labels(0.8223, 0.007955), _y_labels(3.0, 0.0), _y_labels(2.5, -1.0)
    (('0.8223', '0.0080'), ('3', '0'), ('2.5', '-1.0'))

    Very large or very small numbers use 4 significant digits in exponent form.
    """
    largest = max(abs(top), abs(bottom))
    if largest != 0.0 and not 1e-4 <= largest < 1e15:
        return number(top, 4), number(bottom, 4)
    decimals = max(0, 3 - math.floor(math.log10(largest))) if largest else 0
    labels = [f"{top:.{decimals}f}", f"{bottom:.{decimals}f}"]
    while decimals > 0 and all(label.endswith("0") for label in labels):
        labels = [label[:-1] for label in labels]
        decimals -= 1
    if decimals == 0:
        labels = [label.rstrip(".") for label in labels]
    return labels[0], labels[1]



def decision_map(
    classify: Callable[[Matrix], Sequence[int]],
    X: Matrix,
    labels: Sequence[int],
    class_names: Sequence[str],
    width: int = 60,
    height: int = 20,
    unicode: bool = True,
) -> str:
    """The classes a classifier of 2-D points picks across the plane, with the points on top.

    ``classify`` takes a Matrix of points (one row each, two columns) and
    returns a class number (0, 1, ...) per row. The map covers the points of
    ``X`` with 5% of their spread to spare around them, in ``width`` × ``height``
    characters; each character shows the class picked at its centre: the
    region symbol of that class, or, where a point of ``X`` falls, the
    point symbol of the point's own class (``labels``). Where the two
    disagree, a point sits in another class's region: a mistake. A
    decision boundary is where the region symbol changes.

    >>> X = Matrix([[0.0, 0.0], [1.0, 1.0]])
    >>> left_or_right = lambda P: [int(x > 0.5) for x in P.column(0)]
    >>> print(decision_map(left_or_right, X, [0, 1], ["left", "right"], width=8, height=3, unicode=False))
       1.05 |....---x
            |....----
      -0.05 |o...----
            +--------
             -0.05 1.05
    o left (region .)   x right (region -)

    Raises PurennError for points that are not two columns wide, a label
    per row missing, or more classes than there are symbols (``MAP_CLASSES``, 6).
    """
    points, regions = (_UNICODE_POINTS, _UNICODE_REGIONS) if unicode else (_ASCII_POINTS, _ASCII_REGIONS)
    marks = _UNICODE if unicode else _ASCII
    if X.shape[1] != 2 or X.shape[0] == 0:
        raise PurennError(
            f"decision_map draws points in the plane: X must have 2 columns and a row, got shape {X.shape}"
        )
    if len(labels) != X.shape[0]:
        raise PurennError(f"decision_map needs one label per row of X: {X.shape[0]} rows, {len(labels)} labels")
    if len(class_names) > MAP_CLASSES:
        raise PurennError(f"decision_map has symbols for {MAP_CLASSES} classes, got {len(class_names)}")
    wrong = [k for k in labels if not 0 <= k < len(class_names)]
    if wrong:
        raise PurennError(f"decision_map got label {wrong[0]!r}, but there are {len(class_names)} class_names")
    if width < 2 or height < 2:
        raise PurennError(f"decision_map needs width and height of at least 2, got {width} and {height}")
    (x_low, x_high), (y_low, y_high) = padded(list(X.column(0))), padded(list(X.column(1)))
    x_step, y_step = (x_high - x_low) / width, (y_high - y_low) / height
    centres = [[x_low + (c + 0.5) * x_step, y_high - (r + 0.5) * y_step] for r in range(height) for c in range(width)]
    picked = list(classify(Matrix(centres)))
    grid = [[regions[picked[r * width + c]] for c in range(width)] for r in range(height)]
    for (x, y), k in zip(X, labels):
        column = min(width - 1, int((x - x_low) / x_step))
        row = min(height - 1, int((y_high - y) / y_step))
        grid[row][column] = points[k]

    top_label, bottom_label = _y_labels(y_high, y_low)
    margin = max(len(top_label), len(bottom_label)) + 2
    lines: List[str] = []
    for r, row_marks in enumerate(grid):
        label = top_label if r == 0 else bottom_label if r == height - 1 else ""
        lines.append(f"{label.rjust(margin)} {marks['axis']}{''.join(row_marks)}")
    lines.append(" " * margin + " " + marks["corner"] + marks["rule"] * width)
    right_label, left_label = _y_labels(x_high, x_low)
    gap = max(1, width - len(left_label) - len(right_label))  # the right label ends under the last column
    lines.append(" " * (margin + 2) + left_label + " " * gap + right_label)
    lines.append("   ".join(f"{points[k]} {name} (region {regions[k]})" for k, name in enumerate(class_names)))
    return "\n".join(lines)

