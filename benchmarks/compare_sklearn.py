"""purenn's CLI defaults on Iris against scikit-learn's MLPClassifier of the same size.

Needs scikit-learn (not a purenn dependency; the test suite does not run
this). Both models get exactly the same rows: purenn's seeded, stratified
split and purenn's standardisation, fitted on the training part. Run from the
repository root:

    python benchmarks/compare_sklearn.py

It prints purenn's test accuracy (the number `python -m purenn train --data
iris` prints) and scikit-learn's, for its default solver (Adam) and for the
same optimiser purenn uses (SGD with momentum 0.9, learning rate 0.05,
batches of 32, 200 epochs), each over several seeds.
"""

import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

from purenn import metrics  # noqa: E402
from purenn.datasets import iris  # noqa: E402
from purenn.pipeline import TrainConfig, train_model  # noqa: E402


def main() -> None:
    config = TrainConfig()
    data = iris()
    result = train_model(data, config)
    split, scaler = result.split, result.model.scaler
    X_train = scaler.transform(split.X_train).tolist()
    X_test = scaler.transform(split.X_test).tolist()
    y_train, y_test = metrics.labels(split.Y_train), metrics.labels(split.Y_test)
    print(f"rows: {len(X_train)} for training, {len(X_test)} for testing (purenn's split, seed {config.seed})")
    print(f"purenn  {list(config.layers)} {config.activation}, SGD momentum {config.momentum}, "
          f"lr {config.learning_rate}, batch {config.batch_size}, {config.epochs} epochs: "
          f"test accuracy {result.metrics['test_accuracy']:.4f}")
    settings = {
        "adam (sklearn default)": dict(solver="adam", max_iter=config.epochs),
        "sgd, purenn's settings": dict(
            solver="sgd", momentum=config.momentum, nesterovs_momentum=False,
            learning_rate_init=config.learning_rate, batch_size=config.batch_size,
            max_iter=config.epochs, n_iter_no_change=config.epochs,
        ),
    }
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, options in settings.items():
        scores = []
        for seed in range(5):
            model = MLPClassifier(hidden_layer_sizes=config.layers, activation=config.activation,
                                  alpha=0.0, random_state=seed, **options)
            model.fit(X_train, y_train)
            scores.append(model.score(X_test, y_test))
        print(f"sklearn {name}: test accuracy per seed 0-4 "
              f"{' '.join(f'{s:.4f}' for s in scores)}; mean {sum(scores) / len(scores):.4f}")


if __name__ == "__main__":
    main()
