"""Automatic differentiation from scratch: scalars that record a computation graph, and walk it back.

- ``value.py``: ``Value``, a number that remembers the operation and the
  Values it came from, and ``backward()``, the chain rule run over that
  graph in reverse;
- ``nn.py``: a neuron, a layer and a multi-layer perceptron made of Values,
  and the article's loss, so the article's network can be built from scalars
  and trained;
- ``tape.py``: ``Tape`` and ``Tensor``, the same reverse mode with whole
  matrices, one entry per matrix operation, as frameworks record it: its
  backward steps are the article's matrix formulas.

This is the second derivation of the article's gradients: ``nn/network.py``
writes them out by hand as matrix formulas (equations (7) to (13), with
(6) folded into (7)); here they fall out of one local derivative per
operation. The two agree to a relative 1e-12
(``tests/test_autograd_network.py``).

May import: ``purenn.linalg``, ``purenn.errors`` and the standard library.
Nothing in ``nn`` depends on it; ``plot/graph.py`` draws its graphs.

>>> from purenn.autograd import Value
>>> a, b = Value(2.0), Value(3.0)
>>> c = a * b + a
>>> c.backward()
>>> c, a.grad, b.grad
(Value(data=8.0, grad=1.0), 4.0, 2.0)
"""

from purenn.autograd.tape import Tape, Tensor
from purenn.autograd.value import OPERATIONS, Value, graph_nodes, topological_order

__all__ = ["OPERATIONS", "Tape", "Tensor", "Value", "graph_nodes", "topological_order"]
