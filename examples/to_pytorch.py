"""The road on, part 2: a network trained by purenn, as a PyTorch module.

Run it from the repository root (it needs PyTorch: pip install torch):

    python examples/to_pytorch.py                   # trains an Iris model first
    python examples/to_pytorch.py iris-model.json   # a model file saved by `purenn train --data iris --save`
    python examples/to_pytorch.py model.json --csv rows.csv   # any model, with rows to predict

The model file's layers become ``torch.nn.Linear`` layers and its activation
PyTorch's module of the same name. Two differences of convention are worth
seeing once:

- purenn computes a layer as X @ W + b with W of shape (inputs, units);
  ``nn.Linear`` stores its weight the other way round, (units, inputs), and
  computes X @ weight.T + bias. So weight = W.T.
- The input scaling, x' = (x − mean) / scale, is itself a linear layer:
  x' = x @ diag(1/scale) + (−mean/scale). It becomes the module's first
  layer, so the module takes raw rows, as purenn's model does. (A
  regression target's scaling is undone the same way by a last layer.)

The weights stay in float64, the precision purenn computes in, and the
script checks that PyTorch and purenn give the same outputs to within
rounding (1e-12) and the same classes.
"""

import sys
from typing import Any, Dict, List, Optional

from to_numpy import agreement, arguments, model_and_rows  # the same command line, file and check

try:
    import torch
except ImportError:
    torch = None



def linear(W: List[List[float]], b: List[float]) -> Any:
    """An nn.Linear computing X @ W + b, for purenn's W (inputs, units)."""
    layer = torch.nn.Linear(len(W), len(b), dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(W, dtype=torch.float64).T)      # (units, inputs)
        layer.bias.copy_(torch.tensor(b, dtype=torch.float64))
    return layer


def scaling(saved: Optional[Dict[str, Any]], inverse: bool = False) -> List[Any]:
    """The saved scaling as a linear layer (none for no scaling); ``inverse`` undoes it."""
    if saved is None or saved["kind"] == "none":
        return []
    shift, spread = saved["mean"] if saved["kind"] == "standard" else saved["minimum"], saved["scale"]
    if inverse:     # y = y' · scale + shift
        W = [[spread[i] if i == j else 0.0 for j in range(len(spread))] for i in range(len(spread))]
        return [linear(W, shift)]
    # x' = (x − shift) / scale = x · (1/scale) − shift/scale
    W = [[1.0 / spread[i] if i == j else 0.0 for j in range(len(spread))] for i in range(len(spread))]
    return [linear(W, [-s / d for s, d in zip(shift, spread)])]


def to_module(model: Dict[str, Any]) -> Any:
    """The whole model file as one nn.Sequential that takes raw rows."""
    hidden = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
              "leaky_relu": lambda: torch.nn.LeakyReLU(0.01)}  # purenn's slope, LEAKY_SLOPE
    output = {"sigmoid": torch.nn.Sigmoid, "softmax": lambda: torch.nn.Softmax(dim=1),
              "identity": torch.nn.Identity}
    architecture = model["architecture"]
    steps = scaling(model["scaler"])
    last = len(model["layers"]) - 1
    for index, layer in enumerate(model["layers"]):
        steps.append(linear(layer["W"], layer["b"]))
        steps.append(output[architecture["output"]]() if index == last else hidden[architecture["activation"]]())
    steps += scaling(model["target_scaler"], inverse=True)
    return torch.nn.Sequential(*steps)


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    if torch is None:
        sys.exit("This example needs PyTorch, which purenn itself never uses: pip install torch")
    path, model, rows = model_and_rows(args)
    module = to_module(model)
    print(module)
    with torch.no_grad():
        by_torch = module(torch.tensor(rows.tolist(), dtype=torch.float64))
    return agreement("PyTorch", path, rows, by_torch.tolist())


if __name__ == "__main__":
    sys.exit(main())
