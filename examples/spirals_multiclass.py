"""Three classes: softmax outputs, categorical cross-entropy, mini-batches and momentum, on three spirals.

Run it from the repository root (nothing needs installing):

    python examples/spirals_multiclass.py
    python examples/spirals_multiclass.py --epochs 50

The article's network answers one yes/no question with one sigmoid output.
Here every point belongs to one of three spiral arms, so the network has
three outputs, one per arm, and the last layer is a softmax instead:

    softmax(z)_k = e^(z_k) / (e^(z_1) + e^(z_2) + e^(z_3))

Each output is then between 0 and 1 and the three add up to 1: the
network's probability for each arm. The matching loss is categorical
cross-entropy, −(1/m) Σ ln(probability given to the right arm), and, as
with the article's sigmoid and binary cross-entropy, the derivative of
the pair is simply ŷ − y (divided by m). MLP(output="softmax") picks both.

At the end the network's answer for every spot of the plane is drawn as a
map of letters, with the data points on top.
"""

import argparse
import pathlib
import sys
from typing import List

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.nn import metrics  # noqa: E402  (imports come after the line above on purpose)
from purenn.data.datasets import spirals  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.optim import SGD  # noqa: E402
from purenn.nn.mlp import MLP  # noqa: E402
from purenn.data.preprocessing import train_test_split  # noqa: E402
from purenn.plot.text import line_chart, supports_unicode  # noqa: E402

REGION_LETTERS = "abc"  # the class the network predicts at a spot of the plane
POINT_LETTERS = "ABC"  # a data point, by its true class


def decision_map(
    network: MLP, X_points: Matrix, point_labels: List[int], width: int = 64, height: int = 28
) -> str:
    """The plane from −1.1 to 1.1 in both directions as characters, one per cell.

    Every other cell shows, in lower case, the class the network predicts at
    its centre (the blanks between them let the points stand out); a cell
    holding a point shows the point's true class in capitals. A capital on a
    background of another letter is a point the network gets wrong. Rows go
    from top (x2 = 1.1) to bottom (x2 = −1.1).
    """
    low, high = -1.1, 1.1
    centres_x1 = [low + (high - low) * (c + 0.5) / width for c in range(width)]
    centres_x2 = [high - (high - low) * (r + 0.5) / height for r in range(height)]
    # One forward pass for the whole grid: a Matrix of width · height rows.
    grid = Matrix([[x1, x2] for x2 in centres_x2 for x1 in centres_x1])  # (height · width, 2)
    predicted = network.predict(grid)
    cells = [
        [REGION_LETTERS[predicted[r * width + c]] if c % 2 == 0 else " " for c in range(width)]
        for r in range(height)
    ]
    for (x1, x2), label in zip(X_points, point_labels):
        c = min(width - 1, max(0, int((x1 - low) / (high - low) * width)))
        r = min(height - 1, max(0, int((high - x2) / (high - low) * height)))
        cells[r][c] = POINT_LETTERS[label]
    return "\n".join(("  " + "".join(row)).rstrip() for row in cells)


def main() -> None:
    parser = argparse.ArgumentParser(description="Classify three interleaved spirals with a softmax network.")
    parser.add_argument("--epochs", type=int, default=200, help="passes over the training data (default: 200)")
    parser.add_argument("--seed", type=int, default=0, help="seed for data, split, weights, batches (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data -----------------------------------------------------------
    # 3 arms of 100 points, winding out from the centre. Y is one-hot: the row
    # of a point on arm 1 is [0, 1, 0]. The coordinates already lie between −1
    # and 1 around 0, so they need no scaling.
    data = spirals(n_per_class=100, n_classes=3, noise=0.2, seed=args.seed)
    print(f"{data.X.shape[0]} points, classes {', '.join(data.class_names)}; Y is one-hot, shape {data.Y.shape}")
    # stratify=True: the test part gets a quarter of each arm.
    split = train_test_split(data.X, data.Y, test_size=0.25, seed=args.seed, stratify=True)
    print(f"training part {split.X_train.shape}, test part {split.X_test.shape}")
    print()

    # ---- 2. The network ------------------------------------------------------------
    # 2 inputs, one hidden layer of 32 ReLU units, 3 softmax outputs.
    network = MLP([2, 32, 3], activation="relu", output="softmax", seed=args.seed)
    print(network, "-", network.head)

    # ---- 3. Training -------------------------------------------------------------------
    # Mini-batches: each update uses 25 points, drawn in a new shuffled order
    # every epoch, so an epoch over the 225 training points makes 9 updates
    # instead of the article's one.
    # Each update is noisier but far cheaper, and many cheap updates usually win.
    # Momentum 0.9: every step keeps 90% of the previous step's direction and
    # adds the new gradient, which smooths out the noise of the small batches
    # and speeds up progress along long, shallow valleys of the loss.
    history = network.fit(
        split.X_train, split.Y_train, epochs=args.epochs,
        batch_size=25, optimizer=SGD(0.05, momentum=0.9), seed=args.seed,
    )
    print(f"{args.epochs} epochs: loss {history.loss[0]:.4f} -> {history.loss[-1]:.4f}")
    print(line_chart(history.loss, height=8, unicode=supports_unicode(sys.stdout)))
    print()

    # ---- 4. How good is it? --------------------------------------------------------------
    # network.predict gives, for each row, the index of the largest of the three
    # outputs: the arm the network finds most likely. metrics.labels does the
    # same for the one-hot targets, turning [0, 1, 0] into 1.
    y_train = metrics.labels(split.Y_train)
    y_test = metrics.labels(split.Y_test)
    predicted_test = network.predict(split.X_test)
    print(f"train accuracy {metrics.accuracy(y_train, network.predict(split.X_train)):.3f}")
    print(f"test accuracy  {metrics.accuracy(y_test, predicted_test):.3f}")
    print()
    # The confusion matrix counts, for each true arm (row), which arm the network
    # answered (column); the right answers are on the diagonal.
    print("confusion matrix on the test part:")
    print(metrics.confusion_matrix(y_test, predicted_test, class_names=data.class_names))
    print()

    # ---- 5. The map --------------------------------------------------------------------
    legend = ", ".join(f"{r}/{p} = {name}" for r, p, name in zip(REGION_LETTERS, POINT_LETTERS, data.class_names))
    print(f"what the network answers across the plane ({legend}):")
    print("lower case: the network's answer there; capitals: every data point (training and test), by its true arm")
    print(decision_map(network, data.X, metrics.labels(data.Y)))


if __name__ == "__main__":
    main()
