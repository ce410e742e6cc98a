"""Drawing: pictures of numbers, made with the standard library only.

- ``text.py``: line charts in text, for terminals and logs.

May import: ``purenn.linalg``, ``purenn.nn``, ``purenn.data``,
``purenn.errors`` and the standard library (the layers it draws).

>>> from purenn.plot import line_chart
>>> print(line_chart([3, 2, 1], width=3, height=3, unicode=False))
3 |*
  | *
1 |  *
  +---
   0 2
"""

from purenn.plot.text import line_chart

__all__ = ["line_chart"]
