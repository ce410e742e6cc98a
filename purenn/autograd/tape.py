"""Reverse mode with whole matrices: a tape of Matrix operations, the bridge from ``Value`` to PyTorch.

A ``Value`` is one number, so the article's network on the whole diabetes
table is a graph of over a thousand nodes. A framework records whole
matrices instead: a ``Tensor`` here is a ``Matrix`` that knows the
operation that made it, and the article's forward pass is a handful of
entries on a ``Tape``, one per matrix operation of equations (1) to (5).

The tape lists the operations in the order they ran. That order already
puts every operation after the ones it uses, so ``Tape.backward`` needs no
search of the graph: it walks the list from the end. Each operation's
backward step is one line, and the matrix formulas of the article are those
lines: for C = A·B, ∂J/∂A = ∂J/∂C·Bᵀ and ∂J/∂B = Aᵀ·∂J/∂C give equations
(8), (10) and (12). A bias is added to every row as 1·b, the column of ones
times the bias row (as docs/math.md writes XW + 1bᵀ), so the same product
rule gives its gradient 1ᵀ·∂J/∂z, the sum over rows of equations (9) and
(13).

>>> from purenn.linalg import Matrix
>>> tape = Tape()
>>> X = tape.leaf(Matrix([[1.0, 2.0]]), "X")
>>> W = tape.leaf(Matrix([[0.5], [-0.25]]), "W")
>>> loss = (X @ W).binary_cross_entropy_with_logits(Matrix([[1.0]]))
>>> tape.backward(loss)
>>> round(loss.data[0, 0], 12), W.grad
(0.69314718056, Matrix([[-0.5], [-1.0]]))
>>> print(tape)
X  = leaf                                      (1, 2)
W  = leaf                                      (2, 1)
t3 = X @ W                                     (1, 1)
t4 = cross-entropy(sigmoid(t3), Y)             (1, 1)
"""

import math
from typing import Callable, Dict, List, Optional, Tuple

from purenn.errors import PurennError, ShapeError
from purenn.text import type_with_article
from purenn.linalg.matrix import Matrix
from purenn.autograd.value import _sigmoid, _softplus

__all__ = ["Tape", "Tensor"]


def _check_finite(data: Matrix, op: str) -> None:
    """Refuse an infinite or NaN entry: given by hand (a leaf), or the overflow of an operation."""
    for k, x in enumerate(data.flat):
        if x - x != 0.0:  # inf − inf and nan − nan are nan
            where = f"row {k // data.shape[1]}, column {k % data.shape[1]}"
            if op:
                raise PurennError(f"the result of {op} is {x!r} at {where}: too large for a float "
                                  "(above about 1.8e308)")
            raise PurennError(f"a Tensor needs finite entries, got {x!r} at {where}")


class Tensor:
    """A Matrix on a tape: its ``data``, its ``grad`` (∂J/∂data, the same shape), and how it was made.

    Made by ``Tape.leaf`` (an input, a weight) or by an operation on Tensors
    of the same tape: ``A @ B``, ``A + B``, ``A.sigmoid()``,
    ``Z.binary_cross_entropy_with_logits(Y)``.
    """

    __slots__ = ("data", "grad", "label", "parents", "op", "tape", "targets")

    data: Matrix
    grad: Matrix
    label: str
    parents: Tuple["Tensor", ...]
    op: str
    tape: "Tape"
    targets: Optional[Matrix]  # Y, only on a node made by binary_cross_entropy_with_logits

    def __init__(self, tape: "Tape", data: Matrix, label: str = "", _parents: Tuple["Tensor", ...] = (),
                 _op: str = "", _targets: Optional[Matrix] = None) -> None:
        if not isinstance(tape, Tape):
            raise TypeError(f"a Tensor belongs to a Tape, got {type_with_article(tape)}: "
                            "make one with tape = Tape() and tape.leaf(matrix)")
        if not isinstance(data, Matrix):
            raise TypeError(f"a Tensor holds a Matrix, got {type_with_article(data)}")
        if not isinstance(label, str):
            raise TypeError(f"a Tensor's label needs a str, got {type_with_article(label)}")
        _check_finite(data, _op)
        self.tape, self.data, self.label, self.parents, self.op, self.targets = (
            tape, data, label, _parents, _op, _targets)
        self.grad = Matrix.zeros(*data.shape)
        tape.entries.append(self)

    def __repr__(self) -> str:
        name = f"{self.label!r}, " if self.label else ""
        return f"Tensor({name}shape={self.data.shape}, op={self.op or 'leaf'!r})"

    def _same_tape(self, other: object, symbol: str) -> "Tensor":
        if not isinstance(other, Tensor):
            raise TypeError(f"a Tensor {symbol} needs another Tensor of its tape, got {type_with_article(other)}; "
                            "make a Matrix a Tensor with tape.leaf(matrix)")
        if other.tape is not self.tape:
            raise PurennError(f"cannot compute {symbol} of Tensors of two different tapes: record a calculation on one")
        return other

    # ------------------------------------------------------------------ the operations, each with its backward

    def __matmul__(self, other: "Tensor") -> "Tensor":
        """A @ B"""
        other = self._same_tape(other, "@")
        return Tensor(self.tape, self.data @ other.data, "", (self, other), "@")

    def _matmul_backward(self) -> None:
        a, b = self.parents
        # C = A·B: ∂J/∂A = ∂J/∂C · Bᵀ and ∂J/∂B = Aᵀ · ∂J/∂C, each entry the sum over the paths through C
        a.grad = a.grad + self.grad @ b.data.T
        b.grad = b.grad + a.data.T @ self.grad

    def __add__(self, other: "Tensor") -> "Tensor":
        """A + B, of the same shape"""
        other = self._same_tape(other, "+")
        if self.data.shape != other.data.shape:
            raise ShapeError(f"cannot add Tensors of shapes {self.data.shape} and {other.data.shape}: "
                             "add a bias row b to every row as ones @ b, with ones = tape.leaf(Matrix.ones(m, 1))")
        return Tensor(self.tape, self.data + other.data, "", (self, other), "+")

    def _add_backward(self) -> None:
        a, b = self.parents
        # ∂(A + B)/∂A = ∂(A + B)/∂B = 1, entry by entry: the gradient passes through to both unchanged
        a.grad = a.grad + self.grad
        b.grad = b.grad + self.grad

    def sigmoid(self) -> "Tensor":
        """σ(A), entry by entry"""
        return Tensor(self.tape, self.data.map(_sigmoid), "", (self,), "sigmoid")

    def _sigmoid_backward(self) -> None:
        (a,) = self.parents
        s = self.data
        # ∂σ(a)/∂a = σ(a)·(1 − σ(a)), entry by entry, from the output s: equation (11)'s slope
        a.grad = a.grad + self.grad * (s * (1.0 - s))

    def binary_cross_entropy_with_logits(self, Y: Matrix) -> "Tensor":
        """J = −(1/N) Σ [Y·ln σ(Z) + (1 − Y)·ln(1 − σ(Z))] over the N entries of Z, as a (1, 1) Tensor.

        Equations (4) and (5) in one step, as PyTorch's ``BCEWithLogitsLoss``
        does them, for the reason ``TwoLayerNetwork.backward`` skips equation
        (6): the backward step is then (7), which stays exact where σ(Z)
        rounds to 0 or 1.
        """
        if not isinstance(Y, Matrix):
            raise TypeError(f"the targets Y must be a Matrix, got {type_with_article(Y)}")
        if Y.shape != self.data.shape:
            raise ShapeError(f"the targets Y have shape {Y.shape} but the outputs {self.data.shape}: one target each")
        for k, y in enumerate(Y.flat):
            if not 0.0 <= y <= 1.0:
                raise PurennError(f"a target of binary cross-entropy is a probability, between 0 and 1: got {y!r} "
                                  f"at row {k // Y.shape[1]}, column {k % Y.shape[1]}")
        # −[y·ln σ(z) + (1 − y)·ln(1 − σ(z))] = y·softplus(−z) + (1 − y)·softplus(z): no log of 0, ever
        terms = [y * _softplus(-z) + (1.0 - y) * _softplus(z) for z, y in zip(self.data.flat, Y.flat)]
        J = math.fsum(terms) / len(terms)
        return Tensor(self.tape, Matrix([[J]]), "", (self,), "cross-entropy", Y)

    def _cross_entropy_backward(self) -> None:
        (z,) = self.parents
        Y = self.targets
        assert Y is not None
        N = len(Y.flat)
        # (7) ∂J/∂Z = (1/N)·(σ(Z) − Y), times the gradient arriving at J (a 1 x 1 matrix)
        z.grad = z.grad + (z.data.map(_sigmoid) - Y) * (self.grad[0, 0] / N)


_BACKWARD: Dict[str, Callable[[Tensor], None]] = {
    "@": Tensor._matmul_backward,
    "+": Tensor._add_backward,
    "sigmoid": Tensor._sigmoid_backward,
    "cross-entropy": Tensor._cross_entropy_backward,
}


class Tape:
    """The list of Tensors of one calculation, in the order they were made: leaves, then each operation.

    ``tape.leaf(matrix, label)`` puts a Matrix on the tape; operations on its
    Tensors add themselves. ``tape.backward(loss)`` fills in every ``grad``.
    """

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: List[Tensor] = []

    def leaf(self, data: Matrix, label: str = "") -> Tensor:
        """``data`` as a Tensor of this tape: an input, a weight, a constant."""
        if not isinstance(data, Matrix):
            raise TypeError(f"tape.leaf needs a Matrix, got {type_with_article(data)}; "
                            "write a bias b as the one-row Matrix([list(b)])")
        return Tensor(self, data, label)

    def backward(self, loss: Tensor) -> None:
        """∂loss/∂t for every Tensor t of the tape, into ``t.grad``: the tape walked from its end.

        Every grad is set afresh (to 0, and ∂loss/∂loss = 1), so a second
        call gives the same gradients, not twice them.
        """
        if not isinstance(loss, Tensor) or loss.tape is not self:
            raise TypeError(f"tape.backward needs a Tensor of this tape, got {type_with_article(loss)}")
        if loss.data.shape != (1, 1):
            raise ShapeError(f"backward starts from one number, a (1, 1) loss, not a matrix of shape {loss.data.shape}")
        for entry in self.entries:
            entry.grad = Matrix.zeros(*entry.data.shape)
        loss.grad = Matrix([[1.0]])
        end = self.entries.index(loss)
        for entry in reversed(self.entries[:end + 1]):  # anything recorded after the loss does not affect it
            if entry.op:
                _BACKWARD[entry.op](entry)

    def __str__(self) -> str:
        """The tape as a listing: each Tensor's name, how it was made, and its shape."""
        names = {entry: entry.label or f"t{k}" for k, entry in enumerate(self.entries, start=1)}
        width = max([len(name) for name in names.values()] + [1])
        rows = []
        for entry in self.entries:
            operands = [names[parent] for parent in entry.parents]
            if not entry.op:
                made = "leaf"
            elif entry.op == "sigmoid":
                made = f"sigmoid({operands[0]})"
            elif entry.op == "cross-entropy":
                made = f"cross-entropy(sigmoid({operands[0]}), Y)"
            else:
                made = f" {entry.op} ".join(operands)
            rows.append(f"{names[entry]:<{width}} = {made:<40}  {entry.data.shape}")
        return "\n".join(rows)

    def __repr__(self) -> str:
        return f"Tape({len(self.entries)} entries)"
