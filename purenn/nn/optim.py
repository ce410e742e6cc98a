"""Optimisers: how a gradient becomes a change of the weights.

An optimiser is a small object that holds its hyper-parameters and, for
each parameter, its state (a velocity, or running averages of the gradient
and of its square). ``step(parameters, gradients)`` takes the name -> Matrix
or Vector dicts that ``model.parameters()`` and ``model.loss_and_gradients``
give and returns the updated parameters as a new dict (Matrix and Vector are
immutable); the training loop hands that to ``model.set_parameters``.
``learning_rate`` is a plain attribute: to follow a schedule, the training
loop sets it before every update.

In the rules below p is one parameter, g = ∂J/∂p its gradient, α the
learning rate and t the number of this parameter's update, from 1. Squares,
roots and quotients of a Matrix or Vector are taken entry by entry.

- ``SGD``: gradient descent, p ← p − α·g (the article's equation (14)),
  with optional momentum and Nesterov momentum;
- ``Adam``: a step of size about α in every direction, scaled by running
  averages of the gradient and of its square (Kingma and Ba, 2015);
- ``AdamW``: Adam with the weight decay taken out of the gradient and
  applied to the weights directly (Loshchilov and Hutter, 2019);
- ``RMSprop``: the gradient divided by a running root mean square of itself.

Each follows the formulas of PyTorch's ``torch.optim`` class of the same
name, defaults included; ``weight_decay`` λ adds λ·p to the gradient (an L2
penalty of λ/2·|p|²), except in AdamW.

>>> from purenn.linalg.vector import Vector
>>> optimizer = SGD(learning_rate=0.5, momentum=0.5)
>>> parameters = {"w": Vector([1.0, 2.0])}
>>> gradients = {"w": Vector([1.0, -1.0])}
>>> parameters = optimizer.step(parameters, gradients)   # v = g
>>> parameters
{'w': Vector([0.5, 2.5])}
>>> optimizer.step(parameters, gradients)               # v = 0.5·v + g = 1.5·g
{'w': Vector([-0.25, 3.25])}
"""

import math
from typing import Dict, NamedTuple, Tuple, Type, Union

from purenn.errors import PurennError, ShapeError
from purenn.checks import as_number, positive_number
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["Adam", "AdamState", "AdamW", "OPTIMIZERS", "Optimizer", "RMSprop", "RMSpropState", "SGD"]

Parameter = Union[Matrix, Vector]
"""A weight Matrix or a bias Vector: what a model's ``parameters()`` holds, by name."""


class Optimizer:
    """What every optimiser shares: a learning rate that may change between
    updates, a weight decay λ, and ``step``, which checks the gradients
    against the parameters and updates each parameter with its own state.

    A subclass writes its rule once, in ``_update``, for one parameter,
    which gets the gradient with the weight decay already added (unless the
    subclass sets ``decoupled``, and applies the decay to the weights itself).
    """

    learning_rate: float
    weight_decay: float
    decoupled = False
    """True when the weight decay shrinks the weights directly instead of joining the gradient (AdamW)."""

    SETTINGS: Tuple[str, ...] = ("learning_rate", "weight_decay")
    """The hyper-parameters, in the order of the constructor's arguments: what the repr shows."""

    summary = "an optimiser"
    """What it does, in a few words (for lists of optimisers, such as a command's help)."""

    def __init__(self, learning_rate: float, weight_decay: float) -> None:
        self.learning_rate = positive_number(learning_rate, "learning_rate")
        self.weight_decay = _at_least_zero("weight_decay", weight_decay)
        self._shapes: Dict[str, Tuple[int, ...]] = {}

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.SETTINGS)
        return f"{type(self).__name__}({shown})"

    def step(self, parameters: Dict[str, Parameter], gradients: Dict[str, Parameter]) -> Dict[str, Parameter]:
        """The parameters after one update: a new dict; ``parameters`` is unchanged.

        ``gradients`` must name the same parameters, each gradient shaped like
        its parameter. The optimiser keeps state for each name, so use one
        optimiser per model.
        """
        if sorted(gradients) != sorted(parameters):
            raise PurennError(
                f"the gradients must name the same parameters: parameters {sorted(parameters)}, "
                f"gradients {sorted(gradients)}"
            )
        for name, p in parameters.items():
            g = gradients[name]
            if type(g) is not type(p) or g.shape != p.shape:
                raise ShapeError(
                    f"the gradient of {name} is a {type(g).__name__} of shape {g.shape}, "
                    f"but {name} is a {type(p).__name__} of shape {p.shape}"
                )
            seen = self._shapes.setdefault(name, p.shape)
            if seen != p.shape:
                raise ShapeError(
                    f"this optimizer holds state for a {name} of shape {seen}, but {name} now has shape "
                    f"{p.shape}: use a new optimizer for a new model"
                )
        return {name: self._update(name, p, self._decayed(p, gradients[name])) for name, p in parameters.items()}

    def _decayed(self, p: Parameter, g: Parameter) -> Parameter:
        """The gradient with the L2 weight decay added, the gradient of J + λ/2·|p|²."""
        if self.weight_decay and not self.decoupled:
            # g ← g + λ·p
            return g + self.weight_decay * p
        return g

    def _update(self, name: str, p: Parameter, g: Parameter) -> Parameter:
        """One parameter's new value; updates that parameter's state."""
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum, Nesterov momentum and weight decay.

    Momentum μ in PyTorch's form: each parameter keeps a velocity v, the sum
    of its past gradients with weights 1, μ, μ², ...; the step follows v
    instead of g. With μ = 0 this is the article's p ← p − α·g. Nesterov
    momentum steps along g + μ·v, the gradient plus where the velocity is
    about to carry the weights.

    >>> SGD(0.1, momentum=0.9, nesterov=True)
    SGD(learning_rate=0.1, momentum=0.9, nesterov=True, weight_decay=0.0)
    """

    summary = "gradient descent, with optional momentum"

    SETTINGS = ("learning_rate", "momentum", "nesterov", "weight_decay")

    def __init__(
        self, learning_rate: float, momentum: float = 0.0, nesterov: bool = False, weight_decay: float = 0.0
    ) -> None:
        super().__init__(learning_rate, weight_decay)
        self.momentum = _fraction("momentum", momentum)
        if not isinstance(nesterov, bool):
            raise TypeError(f"nesterov must be True or False, got {nesterov!r}")
        if nesterov and self.momentum == 0.0:
            raise PurennError("nesterov=True needs a momentum above 0: it looks ahead along the velocity")
        self.nesterov = nesterov
        self.state: Dict[str, Parameter] = {}
        """Each parameter's velocity v, by name (only with momentum)."""


    def _update(self, name: str, p: Parameter, g: Parameter) -> Parameter:
        direction = g
        if self.momentum:
            # v ← μ·v + g   (v starts as the first gradient)
            v = g + self.momentum * self.state[name] if name in self.state else g
            self.state[name] = v
            # d = g + μ·v with Nesterov, else d = v
            direction = g + self.momentum * v if self.nesterov else v
        # (14) p ← p − α·d
        return p - self.learning_rate * direction


class AdamState(NamedTuple):
    """One parameter's Adam state: its update count t and the running averages m and v."""

    t: int
    m: Parameter
    v: Parameter


class Adam(Optimizer):
    """Adam: steps scaled by running averages of the gradient (m) and its square (v).

    m̂/√v̂ is about ±1 where the gradient keeps its sign and smaller where it
    flips about, so a weight moves by about α per update, or less, whatever
    the size of its gradient. The exception is a gradient that was 0 for a
    long time and then is not: the new gradient weighs 1 − β1 in m but only
    1 − β2 in v, and that step can reach α·(1 − β1)/√(1 − β2), about 3.2·α
    with the default betas (Kingma and Ba's bound). Both averages start at zero, which pulls them towards
    zero in the first updates; dividing by 1 − β^t undoes that.
    ``weight_decay`` adds λ·p to the gradient, as ``torch.optim.Adam`` does
    (for the decoupled kind, use AdamW).

    >>> Adam()
    Adam(learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.0)
    >>> adam, w = Adam(learning_rate=1.0), {"w": Vector([0.0])}
    >>> for g in [0.0] * 9999 + [1.0]:
    ...     before, w = w["w"][0], adam.step(w, {"w": Vector([g])})
    >>> round(before - w["w"][0], 2), round(0.1 / math.sqrt(0.001), 2)   # the last step, and the bound
    (3.16, 3.16)
    """

    summary = "steps scaled by running averages of the gradient and its square"

    SETTINGS = ("learning_rate", "beta1", "beta2", "eps", "weight_decay")

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(learning_rate, weight_decay)
        self.beta1 = _fraction("beta1", beta1)
        self.beta2 = _fraction("beta2", beta2)
        self.eps = positive_number(eps, "eps")
        self.state: Dict[str, AdamState] = {}
        """Each parameter's t, m and v, by name."""


    def _update(self, name: str, p: Parameter, g: Parameter) -> Parameter:
        beta1, beta2 = self.beta1, self.beta2
        state = self.state.get(name)
        # t, m and v start at 0
        t, m, v = state if state is not None else AdamState(0, _zeros_like(p), _zeros_like(p))
        t += 1
        # m ← β1·m + (1 − β1)·g
        m = beta1 * m + (1.0 - beta1) * g
        # v ← β2·v + (1 − β2)·g²
        v = beta2 * v + (1.0 - beta2) * (g * g)
        self.state[name] = AdamState(t, m, v)
        # m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
        m_hat = m / (1.0 - beta1**t)
        v_hat = v / (1.0 - beta2**t)
        # p ← p − α·m̂ / (√v̂ + ε)
        return p - self.learning_rate * m_hat / (v_hat.map(math.sqrt) + self.eps)


class AdamW(Adam):
    """Adam with decoupled weight decay: the weights shrink by α·λ·p, apart from the gradient's step.

    In Adam, an L2 term λ·p added to the gradient is divided by √v̂ like the
    rest of it, so weights with large gradients are barely decayed. AdamW
    shrinks every weight by the same factor 1 − α·λ first, then takes Adam's
    step with the plain gradient (the order of ``torch.optim.AdamW``, whose
    default λ = 0.01 it shares).

    >>> AdamW(0.01)
    AdamW(learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.01)
    """

    summary = "Adam with decoupled weight decay"

    decoupled = True

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        super().__init__(learning_rate, beta1, beta2, eps, weight_decay)

    def _update(self, name: str, p: Parameter, g: Parameter) -> Parameter:
        if self.weight_decay:
            # p ← (1 − α·λ)·p
            p = (1.0 - self.learning_rate * self.weight_decay) * p
        return super()._update(name, p, g)


class RMSpropState(NamedTuple):
    """One parameter's RMSprop state: the running mean square s, and the momentum buffer b (None without momentum)."""

    s: Parameter
    b: Union[Parameter, None]


class RMSprop(Optimizer):
    """RMSprop: the gradient divided by a running root mean square of itself.

    s keeps a running average of g² with smoothing ρ (``alpha``, PyTorch's
    name for it), so g/√s is about ±1 for a gradient of steady size: large
    gradients take smaller steps, small ones larger. Unlike Adam, RMSprop does
    not correct s for starting at 0, so its first steps are larger: the very
    first is α/√(1 − ρ), 10·α with the default ρ. With ``momentum`` μ the
    step follows a buffer b of these scaled gradients, as SGD's momentum does.

    >>> RMSprop(momentum=0.9)
    RMSprop(learning_rate=0.01, alpha=0.99, eps=1e-08, momentum=0.9, weight_decay=0.0)
    >>> first = RMSprop(learning_rate=1.0).step({"w": Vector([0.0])}, {"w": Vector([5.0])})
    >>> round(first["w"][0], 6)
    -10.0
    """

    summary = "the gradient divided by a running root mean square of itself"

    SETTINGS = ("learning_rate", "alpha", "eps", "momentum", "weight_decay")

    def __init__(
        self,
        learning_rate: float = 0.01,
        alpha: float = 0.99,
        eps: float = 1e-8,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(learning_rate, weight_decay)
        self.alpha = _fraction("alpha", alpha)
        self.eps = positive_number(eps, "eps")
        self.momentum = _fraction("momentum", momentum)
        self.state: Dict[str, RMSpropState] = {}
        """Each parameter's s and b, by name."""


    def _update(self, name: str, p: Parameter, g: Parameter) -> Parameter:
        rho = self.alpha
        state = self.state.get(name)
        # s starts at 0; b is made at the first step with momentum
        s, b = state if state is not None else RMSpropState(_zeros_like(p), None)
        # s ← ρ·s + (1 − ρ)·g²
        s = rho * s + (1.0 - rho) * (g * g)
        # d = g / (√s + ε)
        direction = g / (s.map(math.sqrt) + self.eps)
        if self.momentum:
            # b ← μ·b + d   (b starts at 0, so the first b is d); the step follows b
            b = direction + self.momentum * b if b is not None else direction
            direction = b
        self.state[name] = RMSpropState(s, b)
        # p ← p − α·d
        return p - self.learning_rate * direction


# ------------------------------------------------------------------ helpers


OPTIMIZERS: Dict[str, Type[Optimizer]] = {"sgd": SGD, "adam": Adam, "adamw": AdamW, "rmsprop": RMSprop}
"""Every optimiser by its short name, as the command line names them: a new optimiser is
one class above and one entry here.

>>> OPTIMIZERS["adam"](0.01)
Adam(learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.0)
"""


def _zeros_like(p: Parameter) -> Parameter:
    """A Matrix or Vector of zeros shaped like p: where the running averages start."""
    if isinstance(p, Matrix):
        return Matrix.zeros(*p.shape)
    return Vector.zeros(len(p))


def _at_least_zero(name: str, value: float) -> float:
    number = as_number(value, name)
    if not 0.0 <= number < math.inf:
        raise PurennError(f"{name} must be a number of at least 0, got {value!r}")
    return number


def _fraction(name: str, value: float) -> float:
    number = as_number(value, name)
    if not 0.0 <= number < 1.0:
        raise PurennError(f"{name} must be at least 0 and below 1, got {value!r}")
    return number
