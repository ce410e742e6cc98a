"""A real data set from start to finish: Fisher's iris flowers, trained, scored, saved, loaded, used.

Run it from the repository root (nothing needs installing):

    python examples/iris.py
    python examples/iris.py --epochs 200 --seed 1

150 flowers of three species, 50 each, measured in centimetres: the length
and width of the sepals and of the petals. The network learns to tell the
species from the four measurements. The steps are the ones any real project
takes, in the order that keeps the test score honest:

1. put a test part aside, with the same share of each species as the whole;
2. fit the scaling on the training part only;
3. train a network with softmax outputs (one probability per species);
4. score it on the test part: accuracy, precision, recall, F1, confusion matrix;
5. save it to a file with its scaling, load it back, check nothing changed;
6. ask it about a flower it has never seen.

(`python -m purenn train --data iris` does steps 1 to 5 from the command line.)
"""

import argparse
import os
import pathlib
import sys
import tempfile

# Python looks for modules in the folder of the script it runs (examples/) and
# among installed packages, but not in the folder above. Adding the repository
# root here lets this file find purenn in a fresh checkout, without installing.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from purenn.nn import metrics  # noqa: E402  (imports come after the line above on purpose)
from purenn.data.datasets import iris  # noqa: E402
from purenn.linalg.matrix import Matrix  # noqa: E402
from purenn.nn.optim import SGD  # noqa: E402
from purenn.nn.mlp import MLP  # noqa: E402
from purenn.app.modelfile import TrainedModel, load_model, save_model  # noqa: E402
from purenn.data.preprocessing import StandardScaler, train_test_split  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="Train, score, save and reload a network on Fisher's iris flowers.")
    parser.add_argument("--epochs", type=int, default=100, help="passes over the training data (default: 100)")
    parser.add_argument("--seed", type=int, default=0, help="seed for the split, weights and batches (default: 0)")
    args = parser.parse_args()
    if args.epochs < 1:
        parser.error(f"--epochs must be at least 1, got {args.epochs}")

    # ---- 1. The data, and a stratified split ------------------------------------------
    data = iris()
    print(f"{data.X.shape[0]} flowers, features: {', '.join(data.feature_names)}")
    print(f"species: {', '.join(data.class_names)} (Y is one-hot, shape {data.Y.shape})")
    # stratify=True splits each species on its own: a quarter of each goes to the
    # test part, so both parts keep the one-third share of every species. A
    # plain shuffle could, by chance, leave one species thin in the test part.
    split = train_test_split(data.X, data.Y, test_size=0.25, seed=args.seed, stratify=True)
    print(f"training part: {split.X_train.shape[0]} flowers, test part: {split.X_test.shape[0]}")

    # ---- 2. Scaling, fitted on the training part --------------------------------------
    # Petal width runs from 0.1 to 2.5 cm, sepal length from 4.3 to 7.9 cm.
    # Standardising gives every column mean 0 and spread 1, so no feature
    # dominates the first weighted sums just because of its units. The mean and
    # spread come from the training part only; the test part, like any future
    # flower, is scaled with those same numbers.
    scaler = StandardScaler.fit(split.X_train)
    print("scaling fitted on the training part, in cm:")
    print("  mean   " + "  ".join(f"{value:.2f}" for value in scaler.mean))
    print("  spread " + "  ".join(f"{value:.2f}" for value in scaler.scale))
    X_train = scaler.transform(split.X_train)  # (111, 4)
    X_test = scaler.transform(split.X_test)  # (39, 4)
    print()

    # ---- 3. The network and its training ----------------------------------------------
    # 4 inputs, hidden layers of 16 and 8 ReLU units, 3 softmax outputs: the
    # probabilities of setosa, versicolor and virginica, which add up to 1.
    # Mini-batches of 16 flowers with momentum 0.9 (see examples/spirals_multiclass.py).
    network = MLP([4, 16, 8, 3], activation="relu", output="softmax", seed=args.seed)
    history = network.fit(
        X_train, split.Y_train, epochs=args.epochs,
        batch_size=16, optimizer=SGD(0.05, momentum=0.9), seed=args.seed,
    )
    print(f"{network}: {args.epochs} epochs, loss {history.loss[0]:.4f} -> {history.loss[-1]:.4f}")
    print()

    # ---- 4. Scores on the test part ---------------------------------------------------
    # Accuracy: the share of test flowers whose species the network got right.
    # Precision of a species: of the flowers the network called that species,
    # the share that were. Recall: of the flowers of that species, the share
    # it found. F1 combines the two. "Macro" averages each score over the three
    # species, each counting the same.
    y_test = metrics.labels(split.Y_test)  # one-hot rows -> 0, 1, 2
    predicted = network.predict(X_test)
    print(f"accuracy          {metrics.accuracy(y_test, predicted):.3f}  "
          f"({sum(t == p for t, p in zip(y_test, predicted))} of {len(y_test)} flowers)")
    print(f"precision (macro) {metrics.precision(y_test, predicted, average='macro'):.3f}")
    print(f"recall    (macro) {metrics.recall(y_test, predicted, average='macro'):.3f}")
    print(f"F1        (macro) {metrics.f1(y_test, predicted, average='macro'):.3f}")
    print()
    # Setosa is easy (its petals are much smaller); the mistakes, if any, are
    # usually between versicolor and virginica, whose measurements overlap a little.
    print("confusion matrix on the test part:")
    print(metrics.confusion_matrix(y_test, predicted, class_names=data.class_names))
    print()

    # ---- 5. Save, load, compare ---------------------------------------------------------
    # A network alone cannot take raw centimetres: it needs the scaler it was
    # trained with. TrainedModel bundles the two with the names of the features
    # and of the classes, and save_model writes all of it as one JSON file.
    model = TrainedModel(
        network=network,
        scaler=scaler,
        feature_names=data.feature_names,
        task="multiclass",
        class_names=data.class_names,
        target_name="species",
    )
    with tempfile.TemporaryDirectory() as folder:  # deleted again at the end of the block
        path = os.path.join(folder, "iris-model.json")
        save_model(model, path)
        print(f"saved the model: {os.path.getsize(path)} bytes of JSON")
        loaded = load_model(path)
    print(f"loaded it back: {loaded.network}")
    # JSON stores every float exactly, so the loaded model is the same model:
    # the same weights, bit for bit, and so the same outputs.
    same_weights = loaded.network.parameters() == network.parameters()
    same_outputs = loaded.outputs(split.X_test) == model.outputs(split.X_test)
    same_answers = loaded.predict(split.X_test) == model.predict(split.X_test)
    print(f"same weights: {same_weights}, same probabilities on the test part: {same_outputs}, "
          f"same answers: {same_answers}")
    print()

    # ---- 6. One new flower ----------------------------------------------------------------
    # Raw measurements in centimetres, in the order of feature_names; the loaded
    # model applies the saved scaling itself. This flower was made up to sit
    # where versicolor and virginica overlap, so the probabilities are worth
    # reading: they say how sure the network is, not only what it answers.
    flower = Matrix([[6.3, 2.7, 4.9, 1.6]])  # (1, 4): one row, one flower
    probabilities = loaded.outputs(flower)[0]  # the three softmax outputs
    answer = loaded.predict(flower).classes[0]  # the class name of the one row
    measurements = ", ".join(f"{name} {value:g}" for name, value in zip(loaded.feature_names, flower[0]))
    print(f"a new flower: {measurements}")
    for name, p in zip(loaded.class_names, probabilities):
        print(f"  p({name}) = {p:.3f}")
    print(f"  -> {answer}")


if __name__ == "__main__":
    main()
