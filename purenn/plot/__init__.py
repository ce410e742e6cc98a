"""Drawing: pictures of numbers, made with the standard library only.

- ``text.py``: line charts in text, for terminals and logs;
- ``progress.py``: how far a training run has got, as it runs: the ``on_epoch``
  hook of every ``fit``, drawn as a terminal line redrawn in place, a notebook
  output updated in place, or a line every tenth of the run in a log.

Figures in SVG, each a value with ``.svg``, ``.save(path)`` and an inline
view in Jupyter, built from small pieces as the grammar of graphics builds
them:

- ``svg.py``: SVG elements as values, written out with escaping;
- ``ticks.py`` and ``scales.py``: data to pixels, ticks at round numbers;
- ``axes.py``, ``marks.py``, ``legend.py``, ``style.py``: what is drawn and how it looks;
- ``figure.py``: a panel's layout, and the Figure value;
- ``models.py``: how the figures ask a model for its outputs and weights;
- ``loss.py``, ``boundary.py``, ``diagram.py``, ``functions.py``, ``transform.py``: the figures;
- ``graph.py``: the computation graph of a ``purenn.autograd.Value``, as a figure and as text.

May import: ``purenn.linalg``, ``purenn.nn``, ``purenn.data``, ``purenn.autograd``,
``purenn.errors`` and the standard library (the layers it draws).

>>> from purenn.plot import line_chart
>>> print(line_chart([3, 2, 1], width=3, height=3, unicode=False))
3 |*
  | *
1 |  *
  +---
   0 2
>>> from purenn.plot import loss_curve
>>> loss_curve([0.7, 0.4, 0.3]).svg.startswith("<?xml")
True
"""

from typing import TYPE_CHECKING

from purenn.lazy import names_by_module, on_first_use

if TYPE_CHECKING:  # for type checkers; Python imports each name on first use (_LAZY, below)
    from purenn.plot.text import line_chart
    from purenn.plot.progress import Progress
    from purenn.plot.boundary import decision_boundary
    from purenn.plot.diagram import network_diagram
    from purenn.plot.figure import Figure, side_by_side
    from purenn.plot.functions import activation_functions, learning_rate_schedule, regression_fit
    from purenn.plot.graph import graph_figure, graph_text
    from purenn.plot.loss import loss_curve, loss_curves
    from purenn.plot.transform import linear_map

_LAZY = names_by_module([
    ("purenn.plot.text", "line_chart"),
    ("purenn.plot.progress", "Progress"),
    ("purenn.plot.boundary", "decision_boundary"),
    ("purenn.plot.diagram", "network_diagram"),
    ("purenn.plot.figure", "Figure side_by_side"),
    ("purenn.plot.functions", "activation_functions learning_rate_schedule regression_fit"),
    ("purenn.plot.graph", "graph_figure graph_text"),
    ("purenn.plot.loss", "loss_curve loss_curves"),
    ("purenn.plot.transform", "linear_map"),
])
"""The names imported above, each with its module: the same imports, as data."""


if not TYPE_CHECKING:  # (for a type checker the names are imported above: a misspelt one stays an error)
    __getattr__, __dir__ = on_first_use(__name__, _LAZY, globals())

__all__ = [
    "line_chart",
    "Progress",
    # SVG figures
    "Figure",
    "activation_functions",
    "decision_boundary",
    "graph_figure",
    "graph_text",
    "learning_rate_schedule",
    "linear_map",
    "loss_curve",
    "loss_curves",
    "network_diagram",
    "regression_fit",
    "side_by_side",
]
