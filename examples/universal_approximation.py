"""Why a hidden layer: a straight line cannot follow a sine wave, one hidden layer can.

Run it from the repository root (nothing needs installing):

    python examples/universal_approximation.py
    python examples/universal_approximation.py --epochs 3000

The article opens with this argument. We want y = f(x) with f unknown.
If f were a straight line, f(x) = a·x + b, linear regression would find a
and b. Here f is a sine wave (plus noise), and no choice of a and b follows
its bends.

The universal approximation theorem (Hornik) says what does: a sum of
enough simple functions, each a straight line of x passed through the same
non-linear function φ,

    ŷ = Σ_j  W2[j] · φ(W1[j] · x + b1[j])  +  b2

can come as close as we like to any continuous function on a bounded
interval. That sum is exactly a network with one hidden layer: unit j
computes φ(W1[j]·x + b1[j]) and the output adds them up with weights W2.
Here φ = tanh, an S-shaped curve; each hidden unit contributes one S,
shifted and stretched, and training picks the shifts and stretches.

R² measures each fit: the share of the variation of y that the fit
explains, 1 for perfect and 0 for no better than always guessing the mean.
(The output writes it R^2, which every terminal can show.)
"""

import argparse
import math
import pathlib
import sys
from typing import Callable, List

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.data.datasets import sine  # noqa: E402  (imports come after the line above on purpose)
from purenn.linalg.operations import fit_line  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.metrics import r2_score  # noqa: E402
from purenn.nn.mlp import MLP  # noqa: E402


def character_plot(
    xs: List[float], ys: List[float], curves: List[Callable[[float], float]], marks: str,
    width: int = 64, height: int = 20,
) -> str:
    """Data points as '.', then each curve with its own mark, on a grid of characters.

    The curves are drawn in order, so a later one covers an earlier one
    where they meet. The y axis is labelled with its top and bottom values,
    the x axis with its ends.
    """
    x_low, x_high = min(xs), max(xs)
    column_xs = [x_low + (x_high - x_low) * c / (width - 1) for c in range(width)]
    curve_ys = [[curve(x) for x in column_xs] for curve in curves]
    y_low = min(min(ys), *(min(values) for values in curve_ys))
    y_high = max(max(ys), *(max(values) for values in curve_ys))

    def row_of(y: float) -> int:  # row 0 is the top of the plot
        return round((y_high - y) / (y_high - y_low) * (height - 1))

    def column_of(x: float) -> int:
        return round((x - x_low) / (x_high - x_low) * (width - 1))

    grid = [[" "] * width for _ in range(height)]
    for x, y in zip(xs, ys):
        grid[row_of(y)][column_of(x)] = "."
    for mark, values in zip(marks, curve_ys):
        for c, y in enumerate(values):
            grid[row_of(y)][c] = mark
    top, bottom = f"{y_high:.2f}", f"{y_low:.2f}"
    margin = max(len(top), len(bottom))
    lines = []
    for r, row in enumerate(grid):
        label = top if r == 0 else bottom if r == height - 1 else ""
        lines.append(f"{label.rjust(margin)} |{''.join(row).rstrip()}")
    lines.append(" " * margin + " +" + "-" * width)
    left, right = f"{x_low:.2f}", f"{x_high:.2f}"
    lines.append(" " * (margin + 2) + left + right.rjust(width - len(left)))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="A straight line against a one-hidden-layer network on a noisy sine.")
    parser.add_argument("--epochs", type=int, default=1000, help="passes over the data (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the noise and the weights (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data -----------------------------------------------------------
    # 100 points of y = sin(x) + noise, x evenly spaced from −π to π. The noise
    # (standard deviation 0.1) is what no model can predict, so even the true
    # curve sin(x) does not reach R² = 1: its R² is the best any fit can hope for.
    data = sine(n_samples=100, noise=0.1, seed=args.seed)
    X, Y = data.X, data.Y  # (100, 1) each
    best_possible = r2_score(Y, X.map(math.sin))
    print(f"{X.shape[0]} points of y = sin(x) + noise; the true curve sin(x) itself has R^2 = {best_possible:.3f}")
    print()

    # ---- 2. The straight line ------------------------------------------------------
    # Least squares: the a and b that make the sum of (a·x + b − y)² smallest.
    a, b = fit_line(X.column(0), Y.column(0))
    line = X.map(lambda x: a * x + b)  # (100, 1): the line's prediction at each x
    line_r2 = r2_score(Y, line)
    print(f"least-squares line: y = {a:.3f}*x {'-' if b < 0 else '+'} {abs(b):.3f}   R^2 = {line_r2:.3f}")
    # It gets the overall rise from left to right, and nothing else: it cannot
    # go down, then up, then down again as the sine does.

    # ---- 3. One hidden layer ----------------------------------------------------------
    # 1 input (x), 16 tanh hidden units, 1 output with no function applied
    # ("identity"), trained on the mean squared error: the usual choice when
    # the network must predict a number rather than a class. Full-batch gradient
    # descent as in the article, with momentum 0.9 to cross the long flat
    # stretches of the loss faster (see purenn/nn/training.py).
    network = MLP([1, 16, 1], activation="tanh", output="identity", seed=args.seed)
    history = network.fit(X, Y, epochs=args.epochs, learning_rate=0.05, momentum=0.9)
    network_r2 = r2_score(Y, network.predict_proba(X))
    print(f"network [1, 16, 1], tanh: {args.epochs} epochs, mean squared error {history.loss[-1]:.4f}"
          f"   R^2 = {network_r2:.3f}")
    print()

    # ---- 4. How many hidden units are "enough"? -------------------------------------
    # With one hidden unit the network's curve is a single S: it only rises (or
    # only falls), like the line, and beats the line only because it can level
    # off at both ends. It cannot fall into the dip at −π/2 and then climb to
    # the peak at π/2. Two units can already bend both ways; a few more follow
    # the curve closely. The theorem promises that enough units suffice, not
    # how many: here we try a few and look.
    print("hidden units   R^2  (same training)")
    for units in (1, 2, 4):
        small = MLP([1, units, 1], activation="tanh", output="identity", seed=args.seed)
        small.fit(X, Y, epochs=args.epochs, learning_rate=0.05, momentum=0.9)
        print(f"{units:>12}   {r2_score(Y, small.predict_proba(X)):.3f}")
    print(f"{16:>12}   {network_r2:.3f}")
    print()

    # ---- 5. The picture ----------------------------------------------------------------
    def line_curve(x: float) -> float:
        return a * x + b

    def network_curve(x: float) -> float:
        return network.predict_proba(Matrix([[x]]))[0, 0]  # a batch of one sample: (1, 1)

    print("'.' data   '-' least-squares line   '*' network")
    print(character_plot(X.column(0).tolist(), Y.column(0).tolist(), [line_curve, network_curve], "-*"))
    print()

    # ---- 6. The verdict, from the numbers above -------------------------------------
    print(f"R^2: line {line_r2:.3f}, network {network_r2:.3f}, true curve {best_possible:.3f}")
    if network_r2 >= best_possible - 0.02:
        print("the network follows the curve about as well as the curve itself does; what is left is the noise")
    elif network_r2 > line_r2:
        print("the network beats the line but is still short of the curve: train it for more epochs (--epochs)")
    else:
        print("the network has not yet beaten the line: train it for more epochs (--epochs)")


if __name__ == "__main__":
    main()
