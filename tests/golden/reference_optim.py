"""NumPy reference for purenn's optimisers (purenn/nn/optim.py).

Run by record.py (never by the test suite). Needs NumPy, never imports
purenn. Each optimiser is written again here from PyTorch's published
algorithms (the torch.optim documentation and its single-tensor code
paths), in their order of operations:

- SGD: g ← g + λ·p; with momentum μ, buf ← g at the first step and
  buf ← μ·buf + g after; d = g + μ·buf (Nesterov) or d = buf; p ← p − lr·d;
- Adam: g ← g + λ·p; m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g·g;
  step_size = lr / (1 − β1^t); denom = √v / √(1 − β2^t) + ε;
  p ← p − step_size · m / denom;
- AdamW: p ← p·(1 − lr·λ) first, then Adam's step without the λ·p term;
- RMSprop: g ← g + λ·p; s ← α·s + (1 − α)·g·g; avg = √s + ε; with momentum
  μ, buf ← μ·buf + g / avg (buf starts at 0) and p ← p − lr·buf, else
  p ← p − lr·g / avg.

The fixed problem is a quadratic bowl with a different curvature h and
centre c for every entry: J = ½·Σ h·(p − c)², so ∂J/∂p = h·(p − c). Its
gradient depends on the parameters (momentum and the running averages
act as they would in training) and is computed entry by entry, the same
in any implementation. The parameters are a 3 x 4 matrix W and a vector b
of 4, so that every optimiser keeps state for two parameters of two types.
One entry of b starts at its centre: its gradient stays exactly 0, which
puts Adam's and RMSprop's ε to work.

One recorder, record_optim -> optim.json (the format of network.json; see
reference_network.py)::

    {"id": "step/adam", "op": "step",
     "args": {"W": ..., "b": ..., "curvature_W": ..., "curvature_b": ..., "centre_W": ..., "centre_b": ...,
              "optimizer": {"kind": "adam", "beta1": 0.9, ...}, "learning_rates": [rate of each step]},
     "expected": {"W_after_1": ..., "b_after_1": ..., "W": ..., "b": ...}}

The learning rate may change from step to step (a schedule, as the
training loop sets it); "W_after_1" and "b_after_1" are the parameters after
the first step, "W" and "b" after the last. The scales are ``Tracked``'s:
each operation adds the size of its terms, so a value's scale bounds how far
two correct implementations can drift apart.
"""

from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple

import numpy as np

from encoding import Json
from reference_network import NamedSection, Tracked, result

Array = np.ndarray

SEED_OPTIM = 20240622
STEPS = 8
PARAMETERS = ("W", "b")


def sqrt(x: Tracked) -> Tracked:
    """√x entry by entry: sensitivity 1/(2√x) to x's own rounding, plus its own rounding."""
    value = np.sqrt(x.value)
    with np.errstate(divide="ignore", invalid="ignore"):
        inherited = np.where(x.scale > 0.0, x.scale / (2.0 * value), 0.0)
    return Tracked(value, inherited + value)


def power(base: float, t: int) -> Tracked:
    """base^t, one rounded operation."""
    value = np.float64(base) ** t
    return Tracked(value, abs(value))


class Reference:
    """One optimiser's state for every parameter, and its step, in PyTorch's order."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.kind = spec["kind"]
        self.spec = spec
        self.state: Dict[str, Dict[str, Any]] = {name: {} for name in PARAMETERS}

    def step(self, name: str, p: Tracked, g: Tracked, lr: float) -> Tracked:
        spec, state = self.spec, self.state[name]
        weight_decay = spec.get("weight_decay", 0.0)
        if self.kind == "sgd":
            if weight_decay != 0.0:
                g = g + p * weight_decay
            momentum = spec["momentum"]
            if momentum != 0.0:
                buf = g if "buf" not in state else state["buf"] * momentum + g
                state["buf"] = buf
                g = g + buf * momentum if spec["nesterov"] else buf
            return p - g * lr
        if self.kind in ("adam", "adamw"):
            beta1, beta2, eps = spec["beta1"], spec["beta2"], spec["eps"]
            if self.kind == "adamw":
                p = p * (1.0 - lr * weight_decay)
            elif weight_decay != 0.0:
                g = g + p * weight_decay
            t = state.get("step", 0) + 1
            zeros = Tracked(np.zeros_like(p.value))
            m = state.get("exp_avg", zeros) * beta1 + g * (1.0 - beta1)
            v = state.get("exp_avg_sq", zeros) * beta2 + (g * g) * (1.0 - beta2)
            state.update(step=t, exp_avg=m, exp_avg_sq=v)
            bias_correction1 = 1.0 - power(beta1, t)
            bias_correction2 = 1.0 - power(beta2, t)
            step_size = Tracked(lr) / bias_correction1
            denom = sqrt(v) / sqrt(bias_correction2) + eps
            return p - (m / denom) * step_size
        if self.kind == "rmsprop":
            alpha, eps, momentum = spec["alpha"], spec["eps"], spec["momentum"]
            if weight_decay != 0.0:
                g = g + p * weight_decay
            zeros = Tracked(np.zeros_like(p.value))
            square_avg = state.get("square_avg", zeros) * alpha + (g * g) * (1.0 - alpha)
            state["square_avg"] = square_avg
            avg = sqrt(square_avg) + eps
            if momentum > 0.0:
                buf = state.get("buf", zeros) * momentum + g / avg
                state["buf"] = buf
                return p - buf * lr
            return p - (g / avg) * lr
        raise ValueError(f"unknown optimizer {self.kind!r}")


def step(
    W: Array,
    b: Array,
    curvature_W: Array,
    curvature_b: Array,
    centre_W: Array,
    centre_b: Array,
    optimizer: Mapping[str, Any],
    learning_rates: Sequence[float],
) -> Dict[str, Json]:
    """Run the optimiser on the quadratic bowl, one step per learning rate."""
    reference = Reference(optimizer)
    parameters = {"W": Tracked(W), "b": Tracked(b)}
    curvature = {"W": curvature_W, "b": curvature_b}
    centre = {"W": centre_W, "b": centre_b}
    expected: Dict[str, Json] = {}
    for t, lr in enumerate(learning_rates, start=1):
        for name in PARAMETERS:
            p = parameters[name]
            g = (p - centre[name]) * curvature[name]  # ∂J/∂p = h·(p − c)
            parameters[name] = reference.step(name, p, g, lr)
        if t == 1:
            expected.update({f"{name}_after_1": result(parameters[name]) for name in PARAMETERS})
    expected.update({name: result(parameters[name]) for name in PARAMETERS})
    return expected


REFERENCE: Dict[str, Callable[..., Dict[str, Json]]] = {"step": step}


# ------------------------------------------------------------------- cases


def sgd(momentum: float = 0.0, nesterov: bool = False, weight_decay: float = 0.0) -> Dict[str, Json]:
    return {"kind": "sgd", "momentum": momentum, "nesterov": nesterov, "weight_decay": weight_decay}


def adam(kind: str = "adam", weight_decay: float = 0.0, beta1: float = 0.9, beta2: float = 0.999) -> Dict[str, Json]:
    return {"kind": kind, "beta1": beta1, "beta2": beta2, "eps": 1e-8, "weight_decay": weight_decay}


def rmsprop(momentum: float = 0.0, weight_decay: float = 0.0, alpha: float = 0.99) -> Dict[str, Json]:
    return {"kind": "rmsprop", "alpha": alpha, "eps": 1e-8, "momentum": momentum, "weight_decay": weight_decay}


def record_optim() -> Tuple[str, Mapping[str, object]]:
    s = NamedSection("optim", SEED_OPTIM, REFERENCE)
    rng = s.rng
    W, b = rng.standard_normal((3, 4)), rng.standard_normal(4)
    # curvatures from 0.05 to 5: steep and shallow directions side by side
    curvature_W = np.exp(rng.uniform(np.log(0.05), np.log(5.0), (3, 4)))
    curvature_b = np.exp(rng.uniform(np.log(0.05), np.log(5.0), 4))
    centre_W, centre_b = rng.standard_normal((3, 4)), rng.standard_normal(4)
    b[2] = centre_b[2]  # at its centre: a gradient of exactly 0 throughout
    problem = dict(W=W, b=b, curvature_W=curvature_W, curvature_b=curvature_b, centre_W=centre_W, centre_b=centre_b)
    constant = [0.1] * STEPS
    small = [0.05] * STEPS
    # a schedule: the rate halves every 3 steps, as StepDecay(0.1, 0.5, 3) gives
    decaying = [0.1 * 0.5 ** (t // 3) for t in range(STEPS)]

    cases: List[Tuple[str, Dict[str, Json], List[float]]] = [
        ("sgd", sgd(), constant),
        ("sgd_momentum", sgd(momentum=0.9), constant),
        ("sgd_nesterov", sgd(momentum=0.9, nesterov=True), constant),
        ("sgd_weight_decay", sgd(weight_decay=0.1), constant),
        ("sgd_momentum_weight_decay", sgd(momentum=0.5, weight_decay=0.2), constant),
        ("sgd_nesterov_schedule", sgd(momentum=0.8, nesterov=True), decaying),
        ("adam", adam(), small),
        ("adam_weight_decay", adam(weight_decay=0.1), small),
        ("adam_betas", adam(beta1=0.5, beta2=0.9), small),
        ("adam_schedule", adam(), decaying),
        ("adamw", adam("adamw", weight_decay=0.1), small),
        ("adamw_schedule", adam("adamw", weight_decay=0.5), decaying),
        ("rmsprop", rmsprop(), small),
        ("rmsprop_momentum", rmsprop(momentum=0.9), small),
        ("rmsprop_momentum_weight_decay", rmsprop(momentum=0.5, weight_decay=0.1, alpha=0.9), small),
        ("rmsprop_schedule", rmsprop(), decaying),
    ]
    for label, optimizer, rates in cases:
        s.named_case("step", label, optimizer=optimizer, learning_rates=rates, **problem)
    return s.document()

