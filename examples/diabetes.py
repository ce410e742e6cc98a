"""The article's program, written with purenn: a two-layer network learns the diabetes table.

Run it from the repository root (nothing needs installing):

    python examples/diabetes.py
    python examples/diabetes.py --epochs 300

Read it from top to bottom. It does what the article does, in the same
order: load the data, build the network, then repeat four steps once per
epoch (forward, loss, backward, update), watch the loss fall, and finally
ask the trained network about every person in the table.
"""

import argparse
import pathlib
import sys

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.data.datasets import diabetes  # noqa: E402  (imports come after the line above on purpose)
from purenn.nn.network import TwoLayerNetwork  # noqa: E402
from purenn.plot.text import line_chart, supports_unicode  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the article's two-layer network on the diabetes table.")
    parser.add_argument(
        "--epochs", type=int, default=1500, help="passes over the data (default: 1500, as in the article)"
    )
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data ---------------------------------------------------------
    # Sixteen made-up people (not medical data), one per row. Each has four
    # yes/no risk factors, written 1 for yes and 0 for no, and a yes/no answer:
    # does this person have diabetes? The network sees only the numbers.
    data = diabetes()
    X = data.X  # (16, 4): one row per person, one column per risk factor
    Y = data.Y  # (16, 1): the answer we want the network to learn, 1 or 0
    print("risk factors:", ", ".join(data.feature_names))

    # ---- 2. The network ------------------------------------------------------
    # Four inputs (one per risk factor), a hidden layer of four units, and one
    # output: the network's estimate of the probability that the answer is yes.
    # The weights start as small random numbers; fixing the seed makes them
    # the same on every run, so every run prints the same numbers.
    learning_rate = 1.0  # α: how big a step each update takes
    network = TwoLayerNetwork(n_inputs=4, n_hidden=4, n_outputs=1, seed=0)
    print(network)
    print()

    # ---- 3. Training ---------------------------------------------------------
    # One epoch = one pass over all 16 people. In each epoch:
    #   forward:  compute the predictions from the current weights;
    #   loss:     one number that says how wrong those predictions are;
    #   backward: for every weight, how the loss would change if it grew a bit;
    #   update:   move every weight a small step in the direction that lowers the loss.
    # (network.step(X, Y, learning_rate) does these four lines in one call;
    # they are written out here so you can see each of them.)
    losses = []
    for epoch in range(args.epochs):
        forward = network.forward(X)  # equations (1)-(4): forward.output is ŷ, (16, 1)
        loss = network.loss(forward.output, Y)  # equation (5): binary cross-entropy
        gradients = network.backward(X, Y, forward)  # equations (6)-(13): the chain rule, output layer first

        # Equation (14): every weight and bias takes a step against its gradient.
        network.W1 = network.W1 - learning_rate * gradients.dW1  # (4, 4)
        network.b1 = network.b1 - learning_rate * gradients.db1  # (4,)
        network.W2 = network.W2 - learning_rate * gradients.dW2  # (4, 1)
        network.b2 = network.b2 - learning_rate * gradients.db2  # (1,)

        losses.append(loss)
        if epoch % 100 == 0 or epoch == args.epochs - 1:
            print(f"epoch {epoch:4d}   loss {loss:.4f}")

    # The article plots the loss against the epoch: it falls quickly, then
    # flattens out. Here is the same picture, drawn with text.
    print()
    print("loss per epoch:")
    print(line_chart(losses, unicode=supports_unicode(sys.stdout)))

    # ---- 4. Predictions -------------------------------------------------------
    # The trained network gives a probability for each person; 0.5 or more
    # counts as a "yes" prediction.
    print()
    probabilities = network.predict_proba(X)  # (16, 1)
    predictions = network.predict(X)  # 16 class labels, each 0 or 1
    print("risk factors   answer   p(yes)   predicted")
    correct = 0
    for features, answer, p, predicted in zip(X, Y.column(0), probabilities.column(0), predictions):
        factors = " ".join(f"{value:.0f}" for value in features)
        mark = "" if predicted == answer else "   <- wrong"
        print(f"  {factors}      {answer:.0f}      {p:.3f}       {predicted}{mark}")
        if predicted == answer:
            correct += 1
    print(f"accuracy {correct} of {len(Y)}")


if __name__ == "__main__":
    main()
