"""Beyond two layers: networks of growing width and depth on two rings.

Run it from the repository root (nothing needs installing):

    python examples/deeper_network.py
    python examples/deeper_network.py --epochs 50 --seed 3

The article ends by suggesting more neurons per layer, more hidden layers,
and ReLU. This file tries all three on one problem and prints how each
network does on data it was trained on and on data it never saw.

The problem: points on two rings around the same centre, a small ring
inside a large one, with enough noise that the rings nearly touch. The
network must answer "inner ring?" for a point (x1, x2). No straight line
separates the classes, and the answer depends on the distance from the
centre, which a network has to build out of straight pieces.

The networks, from small to large:

    [2, 2, 1]        two hidden units: only two straight "folds", too few to
                     enclose the inner ring on every side
    [2, 4, 1]        four folds: enough for a rough four-sided box
    [2, 16, 1]       sixteen: a smooth, nearly round boundary
    [2, 16, 16, 1]   a second hidden layer of 16 on top

Each is trained twice, once with ReLU hidden units and once with tanh,
with the same data, seed, learning rate and number of epochs.
"""

import argparse
import pathlib
import sys
from typing import List, NamedTuple

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.nn import metrics  # noqa: E402  (imports come after the line above on purpose)
from purenn.data.datasets import circles  # noqa: E402
from purenn.nn.optim import SGD  # noqa: E402
from purenn.nn.mlp import MLP  # noqa: E402
from purenn.data.preprocessing import StandardScaler, train_test_split  # noqa: E402
from purenn.plot.text import line_chart, supports_unicode  # noqa: E402

ARCHITECTURES: List[List[int]] = [[2, 2, 1], [2, 4, 1], [2, 16, 1], [2, 16, 16, 1]]
ACTIVATIONS = ["relu", "tanh"]


class Result(NamedTuple):
    """How one network did."""

    sizes: List[int]
    activation: str
    train_accuracy: float
    test_accuracy: float


def count_parameters(network: MLP) -> int:
    """Every weight and every bias: n_in · n_out + n_out for each layer."""
    return sum(layer.W.shape[0] * layer.W.shape[1] + len(layer.b) for layer in network.layers)


def main() -> None:
    parser = argparse.ArgumentParser(description="MLPs of growing width and depth on the two-rings problem.")
    parser.add_argument("--epochs", type=int, default=200, help="passes over the training data (default: 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed for data, split, weights, batches (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data -----------------------------------------------------------
    # 300 points: 150 on a ring of radius 1 (class 0, "outer") and 150 on a ring
    # of radius 0.7 (class 1, "inner"), each coordinate jittered by noise of
    # standard deviation 0.1. The gap between the rings is only 0.3, so a few
    # noisy points stray to the other side: no model can get them all right.
    data = circles(n_samples=300, noise=0.1, factor=0.7, seed=args.seed)

    # A test part (30%) is put aside before anything else. stratify=True keeps
    # half of each part on each ring, as in the whole data set.
    split = train_test_split(data.X, data.Y, test_size=0.3, seed=args.seed, stratify=True)

    # Standardise the inputs (mean 0, spread 1 per column). The scaler measures
    # the training part only; the test part is scaled with those same numbers,
    # as any new point would be. Measuring the test part too would let it shape
    # the model before it is used to judge the model.
    scaler = StandardScaler.fit(split.X_train)
    X_train = scaler.transform(split.X_train)  # (210, 2)
    X_test = scaler.transform(split.X_test)  # (90, 2)
    y_train = metrics.labels(split.Y_train)  # 210 class labels, 0 or 1
    y_test = metrics.labels(split.Y_test)  # 90 class labels
    print(f"two rings: {X_train.shape[0]} training points, {X_test.shape[0]} test points")
    print(f"training: {args.epochs} epochs, mini-batches of 16, learning rate 0.05, momentum 0.9")
    print()

    # ---- 2. Train every architecture ------------------------------------------
    # Mini-batches of 16 points with momentum 0.9: each epoch makes about 14
    # small updates instead of one, and momentum keeps each step going partly
    # in the direction of the previous ones (see purenn/nn/training.py).
    # output="sigmoid" makes the last layer the article's: one probability,
    # trained with binary cross-entropy.
    # "parameters" counts every weight and bias the training adjusts.
    print(f"{'network':<16}{'hidden':<8}{'parameters':>11}{'final loss':>12}{'train acc':>11}{'test acc':>10}")
    results: List[Result] = []
    curve_to_plot: List[float] = []
    for sizes in ARCHITECTURES:
        for activation in ACTIVATIONS:
            network = MLP(sizes, activation=activation, output="sigmoid", seed=args.seed)
            history = network.fit(
                X_train, split.Y_train, epochs=args.epochs,
                batch_size=16, optimizer=SGD(0.05, momentum=0.9), seed=args.seed,
            )
            train_accuracy = metrics.accuracy(y_train, network.predict(X_train))
            test_accuracy = metrics.accuracy(y_test, network.predict(X_test))
            results.append(Result(sizes, activation, train_accuracy, test_accuracy))
            print(
                f"{str(sizes):<16}{activation:<8}{count_parameters(network):>11}"
                f"{history.loss[-1]:>12.4f}{train_accuracy:>11.3f}{test_accuracy:>10.3f}"
            )
            if sizes == ARCHITECTURES[-1] and activation == "relu":
                curve_to_plot = history.loss

    # ---- 3. What the numbers say -------------------------------------------------
    # Train accuracy says how well a network fits the points it learned from;
    # test accuracy, how well that carries over to new points. A network that
    # is much better on the first than on the second has learned the noise of
    # its training points: it "overfits".
    def test_accuracy_of(sizes: List[int], activation: str) -> float:
        return next(r.test_accuracy for r in results if r.sizes == sizes and r.activation == activation)

    print()

    smallest = ARCHITECTURES[0]
    print(
        f"smallest network {smallest}: test accuracy "
        + " and ".join(f"{test_accuracy_of(smallest, a):.3f} ({a})" for a in ACTIVATIONS)
    )
    best = max(results, key=lambda r: r.test_accuracy)  # the first of the best, if several tie
    print(f"best test accuracy: {best.test_accuracy:.3f}, by {best.sizes} with {best.activation}")
    for activation in ACTIVATIONS:
        one_layer = test_accuracy_of([2, 16, 1], activation)
        two_layers = test_accuracy_of([2, 16, 16, 1], activation)
        change = two_layers - one_layer
        if abs(change) < 0.5 / len(y_test):
            effect = "no change"
        else:
            effect = f"{'+' if change > 0 else '-'}{abs(change) * len(y_test):.0f} of {len(y_test)} test points"
        print(f"second hidden layer of 16 ({activation}): "
              f"test accuracy {one_layer:.3f} -> {two_layers:.3f} ({effect})")
    # What to expect: two hidden units are too few to wrap a boundary around the
    # inner ring, and four can only draw a rough box around it. Past a dozen or
    # so units, more units and more layers change little: the test score is
    # capped by the points the noise pushed across the gap, which no boundary
    # can get right. A ring is simple enough for one hidden layer; a second
    # layer earns its keep on shapes made of many parts, where one layer would
    # need a great many units to draw them.

    # ---- 4. One loss curve ---------------------------------------------------------
    # With mini-batches the loss of an epoch is the mean over its batches, so
    # the curve is a little jagged where the full-batch curve of
    # examples/diabetes.py was smooth.
    print()
    print(f"loss per epoch of {ARCHITECTURES[-1]} with relu:")
    print(line_chart(curve_to_plot, height=10, unicode=supports_unicode(sys.stdout)))


if __name__ == "__main__":
    main()
