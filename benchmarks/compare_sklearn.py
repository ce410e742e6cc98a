"""purenn's CLI defaults on Iris against scikit-learn's MLPClassifier of the same size.

Both models get exactly the same rows: purenn's seeded, stratified split and
purenn's standardisation, fitted on the training part. Run from the
repository root:

    python benchmarks/compare_sklearn.py

It prints purenn's test accuracy with its defaults (the number `python -m
purenn train --data iris` prints) and with ReLU instead of leaky ReLU
(scikit-learn has no leaky ReLU), then scikit-learn's, with ReLU, for the same
optimiser purenn uses (SGD with momentum 0.9, learning rate 0.01, batches of
32, 200 epochs) and for its default solver (Adam), each over five seeds of
the initial weights.

scikit-learn is not a purenn dependency: where it is missing, only purenn's
half runs. The test suite runs that half (``purenn_scores``,
tests/test_benchmarks.py), so that this script cannot fall behind purenn's
pipeline unnoticed.
"""

import os
import sys
import warnings
from typing import List, Sequence

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from purenn.nn import metrics  # noqa: E402
from purenn.data.datasets import iris  # noqa: E402
from purenn.app.pipeline import TrainConfig, fit_and_score, prepare, train_model  # noqa: E402

SEEDS = range(5)


def purenn_scores(activation: str, seeds: Sequence[int] = SEEDS) -> List[float]:
    """purenn's test accuracy on Iris with the CLI defaults and ``activation``, one score per seed.

    The rows stay those of seed 0 (prepared once); the seed of each run draws
    the initial weights and the order of the batches, as ``random_state``
    does for scikit-learn.
    """
    config = TrainConfig()
    prepared = prepare(iris(), config)
    scores = []
    for seed in seeds:
        settings = config._replace(activation=activation, seed=seed)
        scores.append(fit_and_score(prepared._replace(config=settings)).scores.test_accuracy)
    return scores


def report(name: str, scores: List[float]) -> None:
    print(f"{name:34} test accuracy per seed {' '.join(f'{s:.4f}' for s in scores)}; "
          f"mean {sum(scores) / len(scores):.4f}")


def main() -> None:
    config = TrainConfig()
    data = iris()
    result = train_model(data, config)
    train, test, scaler = result.parts.train, result.parts.test, result.model.scaler
    assert test is not None
    X_train, X_test = scaler.transform(train.X).tolist(), scaler.transform(test.X).tolist()
    y_train, y_test = metrics.labels(train.Y), metrics.labels(test.Y)
    print(f"rows: {len(X_train)} for training, {len(X_test)} for testing (purenn's split, seed {config.seed})")
    print(f"settings: hidden layers {list(config.layers)}, SGD momentum {config.momentum}, learning rate "
          f"{config.learning_rate}, batches of {config.batch_size}, {config.epochs} epochs, no weight decay")
    for activation in (config.activation, "relu"):
        report(f"purenn {activation}, its SGD", purenn_scores(activation))

    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        print("scikit-learn is not installed here: its half is skipped (pip install scikit-learn)")
        return
    settings = {
        "sklearn relu, purenn's SGD": dict(
            solver="sgd", momentum=config.momentum, nesterovs_momentum=False,
            learning_rate_init=config.learning_rate, batch_size=config.batch_size,
            max_iter=config.epochs, n_iter_no_change=config.epochs,
        ),
        "sklearn relu, Adam (its default)": dict(solver="adam", max_iter=config.epochs),
    }
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, options in settings.items():
        scores = []
        for seed in SEEDS:
            model = MLPClassifier(hidden_layer_sizes=config.layers, activation="relu", alpha=0.0,
                                  random_state=seed, **options)
            model.fit(X_train, y_train)
            scores.append(model.score(X_test, y_test))
        report(name, scores)


if __name__ == "__main__":
    main()
