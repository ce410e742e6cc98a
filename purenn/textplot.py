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
from typing import Optional, Sequence, TextIO

from purenn import _display

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
    is labelled with the largest and smallest value, the x axis with the first
    and last index. A steep fall is drawn as a vertical run of points, so the
    curve stays connected.

    Raises ValueError for an empty sequence or a value that is NaN or infinite.
    """
    if len(values) == 0:
        raise ValueError("line_chart needs at least one value to plot")
    bad = [v for v in values if not math.isfinite(v)]
    if bad:
        raise ValueError(f"line_chart can only plot finite numbers, got {bad[0]!r}")
    if width < 2 or height < 2:
        raise ValueError(f"line_chart needs width and height of at least 2, got {width} and {height}")
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

    top_label, bottom_label = _display.number(top, 4), _display.number(bottom, 4)
    margin = max(len(top_label), len(bottom_label))
    lines = []
    for r in reversed(range(height)):
        label = top_label if r == height - 1 else bottom_label if r == 0 else ""
        lines.append(f"{label.rjust(margin)} {marks['axis']}{''.join(grid[r]).rstrip()}")
    lines.append(" " * margin + " " + marks["corner"] + marks["rule"] * columns)
    first, last = "0", str(len(values) - 1)
    lines.append(" " * (margin + 2) + first + last.rjust(columns - len(first)))
    return "\n".join(lines)
