"""Charts drawn with text, so a loss curve shows in any terminal without a plotting library.

>>> print(line_chart([4, 3, 2, 1, 1, 1], width=6, height=4, unicode=False))
4 |*
  | *
  |  *
1 |   ***
  +------
   0    5
"""

import math
import sys
from typing import Optional, Sequence, TextIO, Tuple

from purenn.linalg import _display
from purenn.errors import PurennError

__all__ = ["line_chart", "supports_unicode"]

_UNICODE = {"point": "•", "axis": "┤", "corner": "└", "rule": "─", "blank": " "}
_ASCII = {"point": "*", "axis": "|", "corner": "+", "rule": "-", "blank": " "}


def supports_unicode(stream: Optional[TextIO] = None) -> bool:
    """True when ``stream`` (default: sys.stdout) can print the chart's Unicode characters.

    A stream without an encoding (an ``io.StringIO``) holds any text.
    """
    encoding = getattr(stream if stream is not None else sys.stdout, "encoding", None)
    if encoding is None:
        return True
    try:
        "".join(_UNICODE.values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


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
        return _display.number(top, 4), _display.number(bottom, 4)
    decimals = max(0, 3 - math.floor(math.log10(largest))) if largest else 0
    labels = [f"{top:.{decimals}f}", f"{bottom:.{decimals}f}"]
    while decimals > 0 and all(label.endswith("0") for label in labels):
        labels = [label[:-1] for label in labels]
        decimals -= 1
    if decimals == 0:
        labels = [label.rstrip(".") for label in labels]
    return labels[0], labels[1]

