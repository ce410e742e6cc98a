"""XOR: the smallest problem that needs a hidden layer.

Run it from the repository root (nothing needs installing):

    python examples/xor.py
    python examples/xor.py --epochs 300

Exclusive or ("XOR") answers 1 when exactly one of its two inputs is 1:

    a  b   a XOR b
    0  0      0
    0  1      1
    1  0      1
    1  1      0

This file trains two models on those four rows with the same loop:

1. a model with NO hidden layer (logistic regression): ŷ = σ(X·w + b).
   It can only draw one straight line through the plane of (a, b), and no
   straight line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1)
   on the other. It ends up answering 0.5, "no idea", for every row.
2. the article's two-layer network. Its hidden units each draw a line of
   their own, and the output unit combines them, so it learns XOR exactly.
"""

import argparse
import pathlib
import sys

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.nn.activations import sigmoid  # noqa: E402  (imports come after the line above on purpose)
from purenn.data.datasets import xor  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.losses import binary_cross_entropy  # noqa: E402
from purenn.nn.network import TwoLayerNetwork  # noqa: E402
from purenn.linalg.vector import Vector  # noqa: E402


def show(name: str, X: Matrix, Y: Matrix, probabilities: Matrix) -> None:
    """Print each row of the truth table with the model's probability of a 1."""
    print(f"{name}:")
    print("    a  b   target   p(1)    predicted")
    correct = 0
    for (a, b), target, p in zip(X, Y.column(0), probabilities.column(0)):
        predicted = 1 if p >= 0.5 else 0
        if predicted == target:
            correct += 1
        print(f"    {a:.0f}  {b:.0f}     {target:.0f}     {p:.3f}      {predicted}")
    print(f"    accuracy {correct} of {len(Y)}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description="XOR with and without a hidden layer.")
    parser.add_argument("--epochs", type=int, default=1500, help="passes over the data (default: 1500)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    data = xor()
    X = data.X  # (4, 2): the four rows of the truth table
    Y = data.Y  # (4, 1): a XOR b
    learning_rate = 1.0

    # ---- 1. No hidden layer ----------------------------------------------------
    # The output layer alone: equations (3), (4), (5), (7), (8), (9) and (14) of
    # the article with the hidden layer taken out, so a1 is simply X. The weights
    # start small and random, as in the network, so there is something to unlearn.
    w = Matrix.uniform(2, 1, -0.7, 0.7, rng=0)  # (2, 1)
    b = Vector.zeros(1)  # (1,)
    for epoch in range(args.epochs):
        output = sigmoid(X @ w + b)  # ŷ = σ(X·w + b)               (4, 1)
        loss = binary_cross_entropy(output, Y)  # how wrong, one number
        dz = (output - Y) / 4  # ∂J/∂z = (ŷ − y)/N, as in (7)         (4, 1)
        w = w - learning_rate * (X.T @ dz)  # the step of (14), with ∂J/∂w = Xᵀ·dz   (2, 1)
        b = b - learning_rate * dz.sum(axis=0)  # ∂J/∂b = the sum of dz's rows    (1,)
        if epoch % 100 == 0 or epoch == args.epochs - 1:
            print(f"no hidden layer   epoch {epoch:4d}   loss {loss:.4f}")
    print()
    show("no hidden layer (logistic regression)", X, Y, sigmoid(X @ w + b))
    # Its loss creeps towards ln 2 = 0.6931, the loss of answering 0.5 every time:
    # with one straight line, a coin flip is the best it can do.

    # ---- 2. With a hidden layer ------------------------------------------------
    # The same loop, now through the article's network with three hidden units.
    # network.step(X, Y, learning_rate) runs forward, loss, backward and update, and returns the
    # loss (examples/diabetes.py writes those four steps out one by one).
    # Watch the loss: it too sits near 0.6931 for a few hundred epochs while the
    # hidden units slowly become different from each other, then drops fast.
    network = TwoLayerNetwork(n_inputs=2, n_hidden=3, n_outputs=1, seed=0)
    for epoch in range(args.epochs):
        loss = network.step(X, Y, learning_rate)
        if epoch % 100 == 0 or epoch == args.epochs - 1:
            print(f"hidden layer      epoch {epoch:4d}   loss {loss:.4f}")
    print()
    show("two-layer network (3 hidden units)", X, Y, network.predict_proba(X))


if __name__ == "__main__":
    main()
