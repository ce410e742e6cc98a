"""Why a hidden layer: a straight line cannot follow a sine wave, one hidden layer can.

Run it from the repository root (nothing needs installing):

    python examples/universal_approximation.py
    python examples/universal_approximation.py --epochs 3000

The article opens with this argument. We want y = f(x) with f unknown.
If f were a straight line, f(x) = a·x + b, linear regression would find a
and b. Here f is a sine wave (plus noise), and no choice of a and b follows
its bends.

The universal approximation theorem (Cybenko 1989, Hornik 1991) says what
does: for a suitable non-linear φ (an S-shaped one such as tanh will do),
sums of the form

    ŷ = Σ_j  W2[j] · φ(W1[j] · x + b1[j])  +  b2

can come as close as we like to any continuous function on a closed,
bounded interval such as [−π, π], at every point of it at once. Both
conditions matter: on the open interval (0, 1), f(x) = 1/x is continuous
but unbounded, and no such sum (which is bounded) stays close to it. The
sum's output is linear, with no φ on it, as in the network below (the
article's network puts a sigmoid on its output, which suits probabilities).
That sum is exactly a network with one hidden layer: unit j computes
φ(W1[j]·x + b1[j]) and the output adds them up with weights W2. Each tanh
unit contributes one S, shifted and stretched.

The theorem only says that good weights exist. It says nothing about how
many hidden units they need, nor whether gradient descent will find them:
that is what training, and this script, try out.

R² measures each fit: the share of the variation of y that the fit
explains, 1 for perfect and 0 for no better than always guessing the mean.
(The output writes it R^2, which every terminal can show.)

The noise sets a limit, but only on new data. On the points a model was
trained on, a flexible enough model can also follow some of the noise and
score above the true curve sin(x) (with 3,000 epochs this network does).
On new points, with fresh noise, no model beats the true curve on average:
that is where its R² is the ceiling. So the script scores every fit twice,
on the training points and on a second, independent draw of the noise.
"""

import argparse
import math
import pathlib
import sys
from typing import Callable, List, NamedTuple, Tuple

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.data.datasets import sine  # noqa: E402  (imports come after the line above on purpose)
from purenn.linalg.operations import fit_line  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.metrics import r2_score  # noqa: E402
from purenn.nn.optim import SGD  # noqa: E402
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


class Scores(NamedTuple):
    """R² of each fit on the training points and on new points (same x, fresh noise)."""

    line_slope: float
    line_intercept: float
    line: float
    network: float
    true_curve: float
    network_new: float
    true_curve_new: float


def fit_and_score(epochs: int, seed: int) -> Tuple[Scores, MLP]:
    """Fit the line and the [1, 16, 1] network to a noisy sine; score both, and sin(x) itself."""
    # 100 points of y = sin(x) + noise, x evenly spaced from −π to π, noise with
    # standard deviation 0.1. The new points have the same x and fresh noise.
    data = sine(n_samples=100, noise=0.1, seed=seed)
    new = sine(n_samples=100, noise=0.1, seed=seed + 1)
    X, Y = data.X, data.Y  # (100, 1) each

    # The straight line, by least squares: the a and b that make Σ (a·x + b − y)² smallest.
    a, b = fit_line(X.column(0), Y.column(0))

    # 1 input (x), 16 tanh hidden units, 1 output with no function applied
    # ("identity", the theorem's linear output), trained on the mean squared
    # error: the usual choice when the network must predict a number rather
    # than a class. Full-batch gradient descent as in the article, with
    # momentum 0.9 to cross the long flat stretches of the loss faster.
    network = MLP([1, 16, 1], activation="tanh", output="identity", seed=seed)
    network.fit(X, Y, epochs=epochs, optimizer=SGD(0.05, momentum=0.9))
    scores = Scores(
        line_slope=a,
        line_intercept=b,
        line=r2_score(Y, X.map(lambda x: a * x + b)),
        network=r2_score(Y, network.predict_proba(X)),
        true_curve=r2_score(Y, X.map(math.sin)),
        network_new=r2_score(new.Y, network.predict_proba(new.X)),
        true_curve_new=r2_score(new.Y, new.X.map(math.sin)),
    )
    return scores, network


def main() -> None:
    parser = argparse.ArgumentParser(description="A straight line against a one-hidden-layer network on a noisy sine.")
    parser.add_argument("--epochs", type=int, default=1000, help="passes over the data (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the noise and the weights (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data, the line and the network -----------------------------------------
    scores, network = fit_and_score(args.epochs, args.seed)
    data = sine(n_samples=100, noise=0.1, seed=args.seed)
    X, Y = data.X, data.Y
    a, b = scores.line_slope, scores.line_intercept
    print(f"{X.shape[0]} points of y = sin(x) + noise; the true curve sin(x) itself has R^2 = {scores.true_curve:.3f}")
    print()
    print(f"least-squares line: y = {a:.3f}*x {'-' if b < 0 else '+'} {abs(b):.3f}   R^2 = {scores.line:.3f}")
    # It gets the overall rise from left to right, and nothing else: it cannot
    # go down, then up, then down again as the sine does.
    print(f"network [1, 16, 1], tanh: {args.epochs} epochs   R^2 = {scores.network:.3f}")
    print()

    # ---- 2. How many hidden units are "enough"? -------------------------------------
    # With one hidden unit the network's curve is a single S: it only rises (or
    # only falls), like the line, and beats the line only because it can level
    # off at both ends. It cannot fall into the dip at −π/2 and then climb to
    # the peak at π/2. Two units can already bend both ways; a few more follow
    # the curve closely. The theorem promises that enough units exist, not
    # how many: here we try a few and look.
    print("hidden units   R^2  (same training)")
    for units in (1, 2, 4):
        small = MLP([1, units, 1], activation="tanh", output="identity", seed=args.seed)
        small.fit(X, Y, epochs=args.epochs, optimizer=SGD(0.05, momentum=0.9))
        print(f"{units:>12}   {r2_score(Y, small.predict_proba(X)):.3f}")
    print(f"{16:>12}   {scores.network:.3f}")
    print()

    # ---- 3. The picture ----------------------------------------------------------------
    def line_curve(x: float) -> float:
        return a * x + b

    def network_curve(x: float) -> float:
        return network.predict_proba(Matrix([[x]]))[0, 0]  # a batch of one sample: (1, 1)

    print("'.' data   '-' least-squares line   '*' network")
    print(character_plot(X.column(0).tolist(), Y.column(0).tolist(), [line_curve, network_curve], "-*"))
    print()

    # ---- 4. The verdict, from the numbers above -------------------------------------
    print(f"R^2 on the training points: line {scores.line:.3f}, network {scores.network:.3f}, "
          f"true curve {scores.true_curve:.3f}")
    print(f"R^2 on new points (fresh noise): network {scores.network_new:.3f}, true curve {scores.true_curve_new:.3f}")
    if scores.network > scores.true_curve:
        print("on the training points the network beats the true curve: it has begun to follow the noise")
    if scores.network_new >= scores.true_curve_new - 0.02:
        print("on new points the network predicts about as well as the true curve; what is left is the noise")
    elif scores.network > scores.line:
        print("the network beats the line but is still short of the curve: train it for more epochs (--epochs)")
    else:
        print("the network has not yet beaten the line: train it for more epochs (--epochs)")


if __name__ == "__main__":
    main()
