"""A constant learning rate against a cyclical one (L. Smith, 2017), same network, same data, same seed.

Run it from the repository root (nothing needs installing):

    python examples/cyclical_learning_rate.py
    python examples/cyclical_learning_rate.py --seed 3

The article suggests cyclical learning rates as a next step. Instead of one
fixed step size α, the rate climbs in a straight line from a small value
(base) to a large one (peak) and back, over and over: Smith's "triangular"
schedule. His argument: the stretches of large steps move quickly across
flat regions of the loss, and the stretches of small steps settle into a
minimum, so you no longer have to search for the single best fixed rate.

A fair comparison changes one thing only. Both runs here use the same
network, the same starting weights, the same mini-batches in the same order,
and the same number of epochs. The constant rate is the cyclical schedule's
average, (base + peak) / 2, so both runs use the same average learning
rate (the steps themselves also depend on the gradients, which differ); only
the shape of the schedule differs.

What to look for in the output:

- the final training loss: the cyclical run ends each cycle at its smallest
  rate, so it tends to finish closer to the bottom of the valley it is in,
  while a constant rate keeps taking steps of the same size to the end and
  keeps bouncing around that bottom (mini-batches make every step a little
  noisy);
- the epoch each run first reached the target loss: how fast each got there;
- test accuracy: whether a lower training loss bought better answers on
  points neither run trained on. Often it does not, on a problem this small.

The verdict printed at the end is computed from the numbers of this run;
try a few --seed values to see how much it changes from run to run.
"""

import argparse
import math
import pathlib
import sys
from typing import List, NamedTuple, Optional, Union

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.nn import metrics  # noqa: E402  (imports come after the line above on purpose)
from purenn.data.datasets import circles  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.mlp import MLP  # noqa: E402
from purenn.data.preprocessing import StandardScaler, train_test_split  # noqa: E402
from purenn.nn.schedules import Constant, Cyclical  # noqa: E402
from purenn.plot.text import line_chart, supports_unicode  # noqa: E402

BATCH_SIZE = 15
HALF_CYCLE_EPOCHS = 4  # Smith suggests a half cycle of 2 to 10 epochs
TARGET_LOSS = 0.15
TIE = 0.05  # final losses within 5% of each other count as a tie


class Run(NamedTuple):
    """What one training run achieved."""

    name: str
    losses: List[float]  # the training loss of every epoch
    final_loss: float  # the loss on the whole training part after the last update
    train_accuracy: float
    test_accuracy: float

    @property
    def epoch_reaching_target(self) -> Optional[int]:
        """The first epoch whose loss was at or below TARGET_LOSS, or None if none was."""
        return next((epoch for epoch, loss in enumerate(self.losses) if loss <= TARGET_LOSS), None)


def train_once(
    name: str,
    learning_rate: Union[Constant, Cyclical],
    X_train: Matrix,
    Y_train: Matrix,
    X_test: Matrix,
    Y_test: Matrix,
    epochs: int,
    seed: int,
) -> Run:
    """Train a fresh network with this learning rate; everything else is the same for every call."""
    network = MLP([2, 16, 16, 1], activation="relu", output="sigmoid", seed=seed)  # the same start each time
    history = network.fit(
        X_train, Y_train, epochs=epochs, learning_rate=learning_rate, batch_size=BATCH_SIZE, seed=seed
    )  # seed: the same shuffles, so the same mini-batches in the same order
    return Run(
        name=name,
        losses=history.loss,
        final_loss=network.loss(network.predict_proba(X_train), Y_train),
        train_accuracy=metrics.accuracy(metrics.labels(Y_train), network.predict(X_train)),
        test_accuracy=metrics.accuracy(metrics.labels(Y_test), network.predict(X_test)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Constant against cyclical learning rate on the two-rings problem.")
    parser.add_argument("--epochs", type=int, default=96, help="passes over the training data (default: 96)")
    parser.add_argument("--seed", type=int, default=0, help="seed for data, split, weights, batches (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")
    unicode = supports_unicode(sys.stdout)

    # ---- 1. The data -----------------------------------------------------------
    # Two noisy rings, one inside the other (see examples/deeper_network.py).
    # The noise makes a few points of each ring stray towards the other, so the
    # loss cannot reach 0 without memorising them: there is a real valley floor
    # to settle into, which is where the two schedules behave differently.
    data = circles(n_samples=200, noise=0.15, factor=0.5, seed=args.seed)
    split = train_test_split(data.X, data.Y, test_size=0.25, seed=args.seed, stratify=True)
    scaler = StandardScaler.fit(split.X_train)  # fitted on the training part only
    X_train, X_test = scaler.transform(split.X_train), scaler.transform(split.X_test)  # (150, 2), (50, 2)

    # ---- 2. The two schedules ------------------------------------------------------
    # The rate is asked for at every update, and with mini-batches of 15 there
    # are 10 updates per epoch, so a half cycle of 4 epochs is 40 updates.
    updates_per_epoch = -(-X_train.shape[0] // BATCH_SIZE)  # rounded up: a last, smaller batch counts too
    cyclical = Cyclical(base=0.05, peak=0.45, half_cycle=HALF_CYCLE_EPOCHS * updates_per_epoch)
    constant = Constant((cyclical.base + cyclical.peak) / 2)  # the same average rate: 0.25
    print(f"constant: {constant}")
    print(f"cyclical: {cyclical}")
    print(f"  ({updates_per_epoch} updates per epoch; one full cycle = {2 * HALF_CYCLE_EPOCHS} epochs)")
    print()
    print("the cyclical learning rate over its first two cycles (x axis: update number):")
    print(line_chart(cyclical.values(4 * cyclical.half_cycle), height=6, unicode=unicode))
    print()

    # ---- 3. Train both -------------------------------------------------------------
    runs = [
        train_once("constant", constant, X_train, split.Y_train, X_test, split.Y_test, args.epochs, args.seed),
        train_once("cyclical", cyclical, X_train, split.Y_train, X_test, split.Y_test, args.epochs, args.seed),
    ]

    print(f"{args.epochs} epochs each, same network [2, 16, 16, 1], same starting weights, same batches")
    print(f"{'schedule':<10}{'final loss':>12}{'train acc':>11}{'test acc':>10}"
          f"   first epoch with loss <= {TARGET_LOSS}")
    for run in runs:
        reached = run.epoch_reaching_target
        print(
            f"{run.name:<10}{run.final_loss:>12.4f}{run.train_accuracy:>11.3f}{run.test_accuracy:>10.3f}   "
            f"{'never' if reached is None else reached}"
        )
    print()
    # Look for the bumps in the cyclical curve: the loss rises a little while
    # the rate is near its peak, and falls back as the rate comes down.
    for run in runs:
        print(f"training loss per epoch, {run.name}:")
        print(line_chart(run.losses, height=8, unicode=unicode))
        print()

    # ---- 4. The verdict, from the numbers above ------------------------------------
    constant_run, cyclical_run = runs
    print("verdict:")
    ratio = cyclical_run.final_loss / constant_run.final_loss
    if abs(ratio - 1.0) < TIE:
        print(f"- final training loss: about the same (within {TIE:.0%})")
    else:
        lower, higher = (cyclical_run, constant_run) if ratio < 1.0 else (constant_run, cyclical_run)
        print(f"- final training loss: {lower.name} ended {1 - lower.final_loss / higher.final_loss:.0%} lower")

    # Sort the runs by the epoch they reached the target; "never" sorts last.
    def epoch_or_never(run: Run) -> float:
        return math.inf if run.epoch_reaching_target is None else run.epoch_reaching_target

    first, second = sorted(runs, key=epoch_or_never)
    if first.epoch_reaching_target is None:
        print(f"- neither run reached a loss of {TARGET_LOSS}")
    elif first.epoch_reaching_target == second.epoch_reaching_target:
        print(f"- both reached a loss of {TARGET_LOSS} in epoch {first.epoch_reaching_target}")
    else:
        later = "never" if second.epoch_reaching_target is None else f"epoch {second.epoch_reaching_target}"
        print(f"- {first.name} reached a loss of {TARGET_LOSS} first: "
              f"epoch {first.epoch_reaching_target}, {second.name}: {later}")

    n_test = X_test.shape[0]
    difference = round((cyclical_run.test_accuracy - constant_run.test_accuracy) * n_test)
    if difference == 0:
        print(f"- test accuracy: the same ({constant_run.test_accuracy:.3f})")
    else:
        better = "cyclical" if difference > 0 else "constant"
        print(f"- test accuracy: {better} got {abs(difference)} more of the {n_test} test points right")

    # Smith also advises stopping at the end of a cycle, where the rate is smallest.
    cycle = 2 * HALF_CYCLE_EPOCHS
    if args.epochs % cycle != 0:
        print(f"(note: {args.epochs} epochs is not a whole number of {cycle}-epoch cycles, "
              "so the cyclical run stopped part-way up or down a cycle)")


if __name__ == "__main__":
    main()
