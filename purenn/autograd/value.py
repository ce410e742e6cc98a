"""``Value``: a number that remembers how it was made, and finds its gradients by walking that back.

Every arithmetic step on Values makes a new Value holding the result, the
operation (``op``) and the Values it came from (``parents``). Together they
form a *computation graph*, built as a side effect of computing. Then
``out.backward()`` visits the graph from ``out`` back to its leaves and
applies the chain rule at each node:

    grad of a parent  +=  (local derivative of the node by that parent) × (grad of the node)

Each operation below is two methods side by side: the forward step (the
math), and right under it its backward step, whose comment is the local
derivative. ``backward`` looks the backward step up by the node's ``op``
(``_BACKWARD`` at the bottom of this file), so a node holds no function of
its own: a graph of a million nodes holds a million small records, not a
million closures.

>>> x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
>>> y = (x * w + b).tanh()
>>> y.backward()
>>> round(y.data, 4), round(w.grad, 4), round(x.grad, 4), round(b.grad, 4)
(0.4621, 1.5729, -2.3593, 0.7864)

A parameter used twice gets both contributions added (the sum over paths):

>>> a = Value(3.0)
>>> c = a * a
>>> c.backward()
>>> a.grad
6.0
"""

import math
from typing import Callable, Dict, List, Set, Tuple, Union

from purenn.errors import PurennError
from purenn.checks import as_number, is_number, power_problem
from purenn.text import type_with_article

__all__ = ["Number", "OPERATIONS", "Value", "graph_nodes", "topological_order"]

Number = Union[int, float]
Operand = Union["Value", int, float]


def _sigmoid(z: float) -> float:
    """σ(z) = 1 / (1 + e^(−z)) for every float z, without overflow.

    >>> _sigmoid(0.0), _sigmoid(-1000.0), _sigmoid(1000.0)
    (0.5, 0.0, 1.0)
    """
    # e^(−z) overflows for z below about −709: there, use the equal form e^z / (1 + e^z)
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _softplus(z: float) -> float:
    """softplus(z) = ln(1 + e^z) for every float z, without overflow.

    >>> round(_softplus(0.0), 12), _softplus(-1000.0), _softplus(1000.0)
    (0.69314718056, 0.0, 1000.0)
    """
    # ln(1 + e^z) written as max(z, 0) + ln(1 + e^(−|z|)): e^z never overflows, and log1p keeps small terms
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


class Value:
    """A scalar in a computation graph: ``Value(data, grad=0.0, label="")``.

    ``data`` is the number, ``grad`` the derivative of whatever ``backward``
    was last called on with respect to it, ``label`` an optional name for
    figures and listings. ``op`` and ``parents`` say how it was made; a Value
    made by hand (a *leaf*: an input, a weight, a constant) has ``op == ""``
    and no parents.

    Values compare and hash by identity (two Values with the same number
    are two different nodes of a graph), and have no truth value.

    >>> Value(0.88, grad=1.0)
    Value(data=0.88, grad=1.0)
    >>> Value("3")
    Traceback (most recent call last):
    ...
    TypeError: Value(data) must be an int or a float, got '3' (a str)
    >>> Value(float("nan"))
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: Value(data) needs a finite number, got nan
    """

    __slots__ = ("data", "grad", "label", "parents", "op", "exponent")

    data: float
    grad: float
    label: str
    parents: Tuple["Value", ...]
    op: str
    exponent: float  # set only on a node made by ``**``

    def __init__(self, data: Number, grad: Number = 0.0, label: str = "",
                 _parents: Tuple["Value", ...] = (), _op: str = "") -> None:
        if type(data) is not float or not _parents:  # an operation's result is a float already: skip the checks
            data = as_number(data, "Value(data)")
            if not math.isfinite(data):
                raise PurennError(f"Value(data) needs a finite number, got {data!r}")
            grad = as_number(grad, "Value(grad)")
            if not isinstance(label, str):
                raise TypeError(f"Value(label) needs a str, got {label!r} ({type_with_article(label)})")
        elif data - data != 0.0:  # inf − inf is nan: the operation overflowed (only +, −, * and /
            # can, on finite floats)
            operands = f" {_op} ".join(repr(parent.data) for parent in _parents)
            raise PurennError(f"cannot compute {operands}: the result is too large for a float (above about 1.8e308)")
        self.data = data
        self.grad = grad
        self.label = label
        self.parents = _parents
        self.op = _op

    def __repr__(self) -> str:
        """``Value(data=0.88, grad=1.0)``: what a debugger shows; pastes back as a leaf."""
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    def __bool__(self) -> bool:
        raise TypeError("a Value has no truth value: compare its number, as in `if v.data > 0:`")

    # ------------------------------------------------------------------ + and -

    def __add__(self, other: Operand) -> "Value":
        """a + b"""
        if not isinstance(other, Value):
            if isinstance(other, bool) or not isinstance(other, (int, float)):
                return NotImplemented
            other = Value(other)
        return Value(self.data + other.data, 0.0, "", (self, other), "+")

    def _add_backward(self) -> None:
        a, b = self.parents
        # ∂(a + b)/∂a = 1 and ∂(a + b)/∂b = 1: the gradient passes through to both unchanged
        a.grad += self.grad
        b.grad += self.grad

    def __sub__(self, other: Operand) -> "Value":
        """a - b"""
        if not isinstance(other, Value):
            if isinstance(other, bool) or not isinstance(other, (int, float)):
                return NotImplemented
            other = Value(other)
        return Value(self.data - other.data, 0.0, "", (self, other), "-")

    def _sub_backward(self) -> None:
        a, b = self.parents
        # ∂(a − b)/∂a = 1 and ∂(a − b)/∂b = −1
        a.grad += self.grad
        b.grad -= self.grad

    def __neg__(self) -> "Value":
        """-a"""
        return Value(-self.data, 0.0, "", (self,), "neg")

    def _neg_backward(self) -> None:
        (a,) = self.parents
        # ∂(−a)/∂a = −1
        a.grad -= self.grad

    # ------------------------------------------------------------------ * and /

    def __mul__(self, other: Operand) -> "Value":
        """a * b"""
        if not isinstance(other, Value):
            if isinstance(other, bool) or not isinstance(other, (int, float)):
                return NotImplemented
            other = Value(other)
        return Value(self.data * other.data, 0.0, "", (self, other), "*")

    def _mul_backward(self) -> None:
        a, b = self.parents
        # ∂(a·b)/∂a = b and ∂(a·b)/∂b = a: each factor's gradient is the other factor
        a.grad += b.data * self.grad
        b.grad += a.data * self.grad

    def __truediv__(self, other: Operand) -> "Value":
        """a / b"""
        if not isinstance(other, Value):
            if isinstance(other, bool) or not isinstance(other, (int, float)):
                return NotImplemented
            other = Value(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"cannot divide {self.data!r} / 0.0: the divisor is zero")
        return Value(self.data / other.data, 0.0, "", (self, other), "/")

    def _truediv_backward(self) -> None:
        a, b = self.parents
        # ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −a/b²
        a.grad += self.grad / b.data
        b.grad -= self.grad * a.data / (b.data * b.data)

    # ------------------------------------------------------------------ reflected: a number on the left

    def __radd__(self, other: Number) -> "Value":
        """n + a"""
        return Value(other) + self if is_number(other) else NotImplemented

    def __rsub__(self, other: Number) -> "Value":
        """n - a"""
        return Value(other) - self if is_number(other) else NotImplemented

    def __rmul__(self, other: Number) -> "Value":
        """n * a"""
        return Value(other) * self if is_number(other) else NotImplemented

    def __rtruediv__(self, other: Number) -> "Value":
        """n / a"""
        return Value(other) / self if is_number(other) else NotImplemented

    # ------------------------------------------------------------------ powers, exp and log

    def __pow__(self, exponent: Number) -> "Value":
        """a ** p, for a number p (not a Value)"""
        if not is_number(exponent):
            raise TypeError(
                f"a Value can be raised only to a number, got {exponent!r} ({type_with_article(exponent)}); "
                "for a power that is itself a Value, write (p * a.log()).exp()"
            )
        p = float(exponent)
        problem = power_problem(self.data, p)
        result = 0.0 if problem else self.data ** p
        if not problem and result - result != 0.0:  # PyPy gives inf where CPython raises OverflowError
            problem = "the result is too large for a float (above about 1.8e308)"
        if problem:
            raise PurennError(f"cannot raise {self.data!r} ** {exponent!r}: {problem}")
        out = Value(result, 0.0, "", (self,), "**")
        out.exponent = p
        return out

    def _pow_backward(self) -> None:
        (a,) = self.parents
        p = self.exponent
        # ∂(aᵖ)/∂a = p·aᵖ⁻¹
        a.grad += p * a.data ** (p - 1.0) * self.grad

    def __rpow__(self, other: object) -> "Value":
        raise TypeError(
            f"cannot raise {other!r} to a Value: only a Value ** number is recorded; "
            "for n ** v, write (v * math.log(n)).exp()"
        )

    def exp(self) -> "Value":
        """e^a"""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise PurennError(
                f"cannot take exp({self.data!r}): the result is above the largest float (about e^709.78)"
            ) from None
        return Value(e, 0.0, "", (self,), "exp")

    def _exp_backward(self) -> None:
        (a,) = self.parents
        # ∂(eᵃ)/∂a = eᵃ, the result itself
        a.grad += self.data * self.grad

    def log(self) -> "Value":
        """ln a, for a > 0"""
        if not self.data > 0.0:
            raise PurennError(
                f"cannot take log({self.data!r}): the logarithm is defined only for numbers above 0"
            )
        return Value(math.log(self.data), 0.0, "", (self,), "log")

    def _log_backward(self) -> None:
        (a,) = self.parents
        # ∂(ln a)/∂a = 1/a
        a.grad += self.grad / a.data

    # ------------------------------------------------------------------ activations

    def tanh(self) -> "Value":
        """tanh a = (eᵃ − e⁻ᵃ) / (eᵃ + e⁻ᵃ)"""
        return Value(math.tanh(self.data), 0.0, "", (self,), "tanh")

    def _tanh_backward(self) -> None:
        (a,) = self.parents
        # ∂(tanh a)/∂a = 1 − tanh²a, from the result t = tanh a
        a.grad += (1.0 - self.data * self.data) * self.grad

    def sigmoid(self) -> "Value":
        """σ(a) = 1 / (1 + e⁻ᵃ)"""
        return Value(_sigmoid(self.data), 0.0, "", (self,), "sigmoid")

    def _sigmoid_backward(self) -> None:
        (a,) = self.parents
        s = self.data
        # ∂σ(a)/∂a = σ(a)·(1 − σ(a)), from the result s = σ(a)
        a.grad += s * (1.0 - s) * self.grad

    def relu(self) -> "Value":
        """relu a = max(a, 0)"""
        return Value(self.data if self.data > 0.0 else 0.0, 0.0, "", (self,), "relu")

    def _relu_backward(self) -> None:
        (a,) = self.parents
        # ∂relu(a)/∂a = 1 where a > 0, else 0 (0 at a = 0 itself, as PyTorch takes it)
        if a.data > 0.0:
            a.grad += self.grad

    def softplus(self) -> "Value":
        """softplus a = ln(1 + eᵃ)"""
        return Value(_softplus(self.data), 0.0, "", (self,), "softplus")

    def _softplus_backward(self) -> None:
        (a,) = self.parents
        # ∂softplus(a)/∂a = eᵃ / (1 + eᵃ) = σ(a)
        a.grad += _sigmoid(a.data) * self.grad

    # ------------------------------------------------------------------ the backward pass

    def backward(self) -> None:
        """Fill in ``grad`` of every Value this one was made from: ∂self/∂v for each v.

        The graph is visited in reverse topological order (each node after
        every node made from it), so that when a node passes its gradient on
        to its parents, its own gradient is complete. The order is found
        with a loop and a list as a stack, not by recursion: a graph of a
        million steps in a row works as well as a small one.

        The gradients of the graph's inner nodes are set afresh; those of its
        leaves (weights, inputs) *add up* over calls, as in PyTorch: set
        them back to 0 (``MLP.zero_grad``) before the next backward pass.

        >>> a = Value(2.0)
        >>> b = a * a * a
        >>> b.backward()
        >>> a.grad
        12.0
        """
        order = topological_order(self)
        self.grad = 1.0  # ∂self/∂self
        for node in reversed(order):
            _BACKWARD[node.op](node)

    def leaves(self) -> List["Value"]:
        """The Values made by hand that this one was computed from, each once, in the order first met.

        >>> a, b = Value(1.0, label="a"), Value(2.0, label="b")
        >>> [leaf.label for leaf in (a * b + a).leaves()]
        ['a', 'b']
        """
        seen: Set[Value] = set()
        found: List[Value] = []
        for node in topological_order(self):
            for parent in node.parents:
                if not parent.parents and parent not in seen:
                    seen.add(parent)
                    found.append(parent)
        return found


def topological_order(root: Value) -> List[Value]:
    """The inner nodes of ``root``'s graph (those made by an operation), each after its parents; root last.

    Leaves are left out: they pass nothing on. Each inner node's ``grad`` is
    set to 0 on the way, ready for a backward pass. Depth-first, with an
    explicit stack of (node, its parents done?) pairs instead of recursion.
    A node may be pushed twice, by two of its children; the second time it
    comes off the stack it is already seen and skipped.

    >>> a = Value(1.0)
    >>> b = a.exp()
    >>> c = b * b
    >>> [node.op for node in topological_order(c)]
    ['exp', '*']
    """
    order: List[Value] = []
    if not root.parents:
        return order
    seen: Set[Value] = set()
    stack: List[Tuple[Value, bool]] = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:  # every parent is in the order already: the node may follow them
            order.append(node)
        elif node not in seen:
            seen.add(node)
            node.grad = 0.0
            stack.append((node, True))  # comes back up once everything pushed after it is done
            for parent in node.parents:
                if parent.parents and parent not in seen:
                    stack.append((parent, False))
    return order


def graph_nodes(root: Value) -> List[Value]:
    """Every node of ``root``'s graph, leaves included, each after its parents; root last. Changes nothing.

    The same depth-first walk as ``topological_order``, for looking at a
    graph (listing it, drawing it) rather than running backward through it.

    >>> a = Value(1.0, label="a")
    >>> b = a * 2.0
    >>> [node.op or node.data for node in graph_nodes(b.exp())]
    [1.0, 2.0, '*', 'exp']
    """
    order: List[Value] = []
    seen: Set[Value] = set()
    stack: List[Tuple[Value, bool]] = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif node not in seen:
            seen.add(node)
            stack.append((node, True))
            for parent in reversed(node.parents):  # reversed: the first parent comes off the stack first
                if parent not in seen:
                    stack.append((parent, False))
    return order


_BACKWARD: Dict[str, Callable[[Value], None]] = {
    "+": Value._add_backward,
    "-": Value._sub_backward,
    "neg": Value._neg_backward,
    "*": Value._mul_backward,
    "/": Value._truediv_backward,
    "**": Value._pow_backward,
    "exp": Value._exp_backward,
    "log": Value._log_backward,
    "tanh": Value._tanh_backward,
    "sigmoid": Value._sigmoid_backward,
    "relu": Value._relu_backward,
    "softplus": Value._softplus_backward,
}
"""Each operation's backward step, by the ``op`` its result carries."""

OPERATIONS = tuple(_BACKWARD)
"""The operations a Value records."""
