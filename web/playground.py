"""The playground of purenn's web page: a network learning points in the plane, drawn as it learns.

The page's controls come here as a dictionary of settings (``reset``); every
press of Play trains a few epochs more (``step``) and sends back the figures
to show. Everything is purenn: the network is an ``MLP`` (purenn/nn/mlp.py),
each update is ``train`` with an ``SGD`` optimiser (purenn/nn/training.py,
purenn/nn/optim.py), and every picture is a figure of ``purenn.plot``.

The data sets are made here, as TensorFlow Playground makes its own: points
x = (x1, x2) in the square [-6, 6]², with a class (0 or 1) or, for
regression, a number between -1 and 1.

    >>> frame = reset({"dataset": "xor", "features": ["x1", "x2"], "layers": "4", "seed": 0})
    >>> frame["epoch"], len(frame["units"]), len(frame["units"][0])
    (0, 1, 4)
    >>> step(2)["epoch"]
    2

The network sees the input features the page ticks (x1, x1², sin x1, ...),
computed from x by ``features``:

    >>> features([[2.0, 3.0]], ["x1", "x1*x2", "x2^2"])
    Matrix([[2.0, 6.0, 9.0]])

Regularisation adds a penalty on the weights to the loss. L2, λ·Σw²/2, is
the optimiser's weight decay (each update adds λ·w to w's gradient). L1,
λ·Σ|w|, is added here, by ``Penalised``: its gradient λ·sign(w) is added to
each weight's gradient (biases are not penalised in either).
"""

import math
import random
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

from purenn.errors import PurennError
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn.activations import Activation, xavier_uniform
from purenn.nn.mlp import MLP
from purenn.nn.optim import SGD
from purenn.nn.training import Parameter, train
from purenn.plot import decision_boundary, loss_curves, network_diagram
from purenn.plot.boundary import class_style
from purenn.plot.figure import Figure, Plot
from purenn.plot.marks import Cell, Cells
from purenn.plot.scales import LinearScale
from purenn.plot.style import mix

SIDE = 6.0
"""The points lie in the square [-SIDE, SIDE]²."""

POINTS = 200
"""How many points each data set has (split between training and testing by the page's share)."""

MAX_LAYERS, MAX_UNITS = 6, 8

FEATURES: Dict[str, Callable[[float, float], float]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: math.sin(x1),
    "sin(x2)": lambda x1, x2: math.sin(x2),
}
"""The inputs the network can be given, each a function of the point (x1, x2)."""

# "linear" is no activation at all, φ(z) = z, with slope 1: a network of linear layers is one linear map.
LINEAR = Activation("linear", lambda z: z, lambda a: a.map(lambda _: 1.0), xavier_uniform)


# ------------------------------------------------------------------ data


Points = List[Tuple[float, float, float]]  # (x1, x2, label or value)


def _circle(rng: random.Random, noise: float) -> Points:
    """Class 1 inside a disc of radius SIDE/2 · 0.5 around 0, class 0 in a ring around it."""
    radius = SIDE - 1
    points = []
    for k in range(POINTS):
        inside = k % 2 == 0
        r = rng.uniform(0, radius * 0.5) if inside else rng.uniform(radius * 0.7, radius)
        angle = rng.uniform(0, 2 * math.pi)
        x1 = r * math.sin(angle) + rng.uniform(-radius, radius) * noise
        x2 = r * math.cos(angle) + rng.uniform(-radius, radius) * noise
        points.append((x1, x2, 1.0 if inside else 0.0))
    return points


def _xor(rng: random.Random, noise: float) -> Points:
    """Class 1 where x1 and x2 have the same sign; points kept a little away from the axes."""
    points = []
    for _ in range(POINTS):
        x1 = rng.uniform(-SIDE + 1, SIDE - 1)
        x2 = rng.uniform(-SIDE + 1, SIDE - 1)
        x1 += 0.3 if x1 > 0 else -0.3
        x2 += 0.3 if x2 > 0 else -0.3
        label = 1.0 if x1 * x2 >= 0 else 0.0
        points.append((x1 + rng.uniform(-SIDE, SIDE) * noise, x2 + rng.uniform(-SIDE, SIDE) * noise, label))
    return points


def _gauss(rng: random.Random, noise: float) -> Points:
    """Two round clouds, class 1 around (2, 2), class 0 around (-2, -2); noise widens them."""
    spread = 0.5 + 3.5 * noise
    points = []
    for k in range(POINTS):
        centre = 2.0 if k % 2 == 0 else -2.0
        points.append((rng.gauss(centre, spread), rng.gauss(centre, spread), 1.0 if centre > 0 else 0.0))
    return points


def _spiral(rng: random.Random, noise: float) -> Points:
    """Two spirals wound into each other, one per class."""
    points = []
    half = POINTS // 2
    for label, turn in ((1.0, 0.0), (0.0, math.pi)):
        for k in range(half):
            r = k / half * (SIDE - 1)
            t = 1.75 * k / half * 2 * math.pi + turn
            points.append((r * math.sin(t) + rng.uniform(-1, 1) * noise * SIDE,
                           r * math.cos(t) + rng.uniform(-1, 1) * noise * SIDE, label))
    return points


def _plane(rng: random.Random, noise: float) -> Points:
    """Regression: the value is (x1 + x2) / (2·SIDE), a tilted plane, measured with noise."""
    points = []
    for _ in range(POINTS):
        x1, x2 = rng.uniform(-SIDE, SIDE), rng.uniform(-SIDE, SIDE)
        value = (x1 + rng.uniform(-SIDE, SIDE) * noise + x2 + rng.uniform(-SIDE, SIDE) * noise) / (2 * SIDE)
        points.append((x1, x2, max(-1.0, min(1.0, value))))
    return points


def _multigauss(rng: random.Random, noise: float) -> Points:
    """Regression: six bumps of height +1 or -1; a point's value is that of the bump nearest it."""
    bumps = [(-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),
             (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0)]
    points = []
    for _ in range(POINTS):
        x1, x2 = rng.uniform(-SIDE, SIDE), rng.uniform(-SIDE, SIDE)
        c1, c2, height = min(bumps, key=lambda bump: (x1 - bump[0]) ** 2 + (x2 - bump[1]) ** 2)
        value = height * math.exp(-((x1 - c1) ** 2 + (x2 - c2) ** 2) / 2)
        points.append((x1 + rng.uniform(-SIDE, SIDE) * noise, x2 + rng.uniform(-SIDE, SIDE) * noise, value))
    return points


DATASETS: Dict[str, Tuple[Callable[[random.Random, float], Points], str]] = {
    "circle": (_circle, "classification"),
    "xor": (_xor, "classification"),
    "gauss": (_gauss, "classification"),
    "spiral": (_spiral, "classification"),
    "plane": (_plane, "regression"),
    "multigauss": (_multigauss, "regression"),
}


def features(points: Sequence[Sequence[float]], names: Sequence[str]) -> Matrix:
    """One row per point, one column per feature named in ``names`` (keys of FEATURES)."""
    return Matrix([[FEATURES[name](p[0], p[1]) for name in names] for p in points])


# ------------------------------------------------------------------ the network


class Penalised:
    """An MLP trained with an L1 penalty: loss + λ·Σ|w| over every weight (not the biases).

    ``train`` needs only the four methods below, so the penalty's gradient,
    λ·sign(w), is added here without touching purenn's MLP:

    >>> net = MLP([1, 1], output="identity", seed=0)
    >>> net.set_parameters({"W1": Matrix([[2.0]]), "b1": Vector([0.0])})
    >>> loss, gradients = Penalised(net, 0.5).loss_and_gradients(Matrix([[1.0]]), Matrix([[2.0]]))
    >>> loss, gradients["W1"]
    (1.0, Matrix([[0.5]]))
    """

    def __init__(self, net: MLP, l1: float) -> None:
        self.net = net
        self.l1 = l1

    def parameters(self) -> Dict[str, Parameter]:
        return self.net.parameters()

    def set_parameters(self, parameters: Dict[str, Parameter]) -> None:
        self.net.set_parameters(parameters)

    def evaluate(self, X: Matrix, Y: Matrix) -> float:
        return self.net.evaluate(X, Y)

    def loss_and_gradients(self, X: Matrix, Y: Matrix) -> Tuple[float, Dict[str, Parameter]]:
        loss, gradients = self.net.loss_and_gradients(X, Y)
        for name, W in self.net.parameters().items():
            if name.startswith("W") and isinstance(W, Matrix):
                loss += self.l1 * sum(abs(w) for w in W.flat)                                # λ·Σ|w|
                gradients[name] = gradients[name] + W.map(lambda w: self.l1 * _sign(w))      # + λ·sign(w)
        return loss, gradients


def _sign(w: float) -> float:
    return 1.0 if w > 0 else -1.0 if w < 0 else 0.0


class Run(NamedTuple):
    """What the playground holds between presses: the data, the network and its losses so far."""

    settings: Dict[str, object]
    names: List[str]
    train_points: Points
    test_points: Points
    X: Matrix
    Y: Matrix
    X_test: Matrix
    Y_test: Matrix
    net: MLP
    model: object
    optimizer: SGD
    train_loss: List[float]
    test_loss: List[float]


RUN: Optional[Run] = None


def _hidden_sizes(text: str) -> List[int]:
    words = [word for word in str(text).replace(" ", "").split(",") if word]
    try:
        sizes = [int(word) for word in words]
    except ValueError:
        raise PurennError("hidden layers: write the units of each layer separated by commas, like 4,2; got %r"
                          % text) from None
    if len(sizes) > MAX_LAYERS or any(not 1 <= size <= MAX_UNITS for size in sizes):
        raise PurennError("hidden layers: up to %d layers of 1 to %d units each, like 4,2; got %r"
                          % (MAX_LAYERS, MAX_UNITS, text))
    return sizes


def _whole(value: object, name: str) -> int:
    """A whole number the learner typed, or a PurennError that says which field and what it wants.

    >>> _whole("7", "seed")
    7
    >>> _whole("", "seed")
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: seed: write a whole number, like 0; got ''
    """
    try:
        number = int(str(value).strip())
    except ValueError:
        raise PurennError("%s: write a whole number, like 0; got %r" % (name, value)) from None
    if number < 0:
        raise PurennError("%s: write a whole number of 0 or more; got %r" % (name, value))
    return number


def reset(settings: Dict[str, object]) -> Dict[str, object]:
    """New data and a new network from the page's settings; returns the first frame (or an error)."""
    global RUN
    try:
        RUN = _new_run(settings)
    except PurennError as error:
        RUN = None
        return {"error": str(error)}
    _record_losses(RUN)
    return _frame(RUN)


def _new_run(settings: Dict[str, object]) -> Run:
    get = settings.get
    dataset = str(get("dataset", "circle"))
    make, task = DATASETS[dataset] if dataset in DATASETS else DATASETS["circle"]
    task = str(get("task", task))
    names = [name for name in FEATURES if name in list(get("features", ["x1", "x2"]))]  # type: ignore
    if not names:
        raise PurennError("tick at least one input feature: the network needs something to look at")
    seed = _whole(get("seed", 0), "seed")
    rng = random.Random(seed)
    points = make(rng, float(str(get("noise", 0.0))))
    if task == "regression" and DATASETS.get(dataset, (None, ""))[1] != "regression":
        points = [(x1, x2, 2 * label - 1) for x1, x2, label in points]  # classes 0/1 as values -1/1
    if task == "classification" and DATASETS.get(dataset, (None, ""))[1] == "regression":
        points = [(x1, x2, 1.0 if value > 0 else 0.0) for x1, x2, value in points]
    rng.shuffle(points)
    share = min(0.9, max(0.1, float(str(get("ratio", 0.5)))))
    cut = round(len(points) * share)
    train_points, test_points = points[:cut], points[cut:]
    sizes = [len(names)] + _hidden_sizes(str(get("layers", "4,2"))) + [1]
    activation = str(get("activation", "tanh"))
    net = MLP(sizes, activation="tanh" if activation == "linear" else activation,
              output="sigmoid" if task == "classification" else "identity", seed=seed)
    if activation == "linear":
        net.activation = LINEAR
    penalty = float(str(get("penalty", 0.0)))
    regularisation = str(get("regularisation", "none"))
    optimizer = SGD(float(str(get("learning_rate", 0.03))), weight_decay=penalty if regularisation == "L2" else 0.0)
    model = Penalised(net, penalty) if regularisation == "L1" and penalty > 0 else net
    settings = dict(settings, task=task, batch_size=_whole(get("batch_size", 10), "batch size"), seed=seed)
    return Run(settings, names, train_points, test_points,
               features(train_points, names), Matrix([[p[2]] for p in train_points]),
               features(test_points, names), Matrix([[p[2]] for p in test_points]),
               net, model, optimizer, [], [])


def _record_losses(run: Run) -> None:
    run.train_loss.append(run.net.evaluate(run.X, run.Y))
    run.test_loss.append(run.net.evaluate(run.X_test, run.Y_test))


def step(epochs: int) -> Dict[str, object]:
    """Train ``epochs`` more epochs (mini-batches of the page's batch size), then draw the figures."""
    run = RUN
    if run is None:
        return {"error": "press Reset first: there is no network yet"}
    history = train(run.model, run.X, run.Y, epochs=int(epochs), optimizer=run.optimizer,  # type: ignore
                    batch_size=int(str(run.settings["batch_size"])), seed=len(run.train_loss),
                    on_epoch=lambda epoch, loss: _record_losses(run))
    frame = _frame(run)
    if history.interrupted:
        frame["scores"] = str(frame["scores"]) + " (stopped)"
    return frame


# ------------------------------------------------------------------ the figures


def _as_probability(values: Vector, activation: str) -> List[float]:
    """A unit's outputs (or a regression's values) as numbers in [0, 1], to shade the plane with."""
    if activation == "sigmoid":
        return list(values)
    if activation == "relu":
        top = max(max(values), 1e-12)
        return [min(1.0, max(0.0, v / top)) for v in values]
    return [min(1.0, max(0.0, (v + 1) / 2)) for v in values]  # tanh, linear, regression: -1 .. 1


def _plane_function(run: Run, layer: Optional[int], unit: int) -> Callable[[Matrix], Matrix]:
    """The point (x1, x2) -> one number in [0, 1]: the network's output, or one hidden unit's."""
    cache: Dict[str, object] = {}

    def shade(points: Matrix) -> Matrix:
        key = repr(points.shape) + repr(points.flat[:2]) + repr(points.flat[-2:])
        if cache.get("key") != key:
            cache["key"], cache["forward"] = key, run.net.forward(features(points.tolist(), run.names))
        forward = cache["forward"]
        if layer is None:
            output = forward.output.column(0)  # type: ignore
            if run.settings["task"] == "regression":
                return Matrix([[p] for p in _as_probability(output, "tanh")])
            return Matrix([[p] for p in output])
        values = forward.outputs[layer].column(unit)  # type: ignore
        return Matrix([[p] for p in _as_probability(values, run.net.activation.name)])

    return shade


UNIT_GRID = 20
"""Each hidden unit's picture is a grid of UNIT_GRID x UNIT_GRID cells over the square."""


def _unit_pictures(run: Run) -> List[List[str]]:
    """Every hidden unit's output over the square, as a small SVG: one colour for -1 (or 0), another for 1.

    The whole grid goes through the network once (``forward`` keeps every
    layer's outputs); each picture shades its cells by one column of them.
    """
    step = 2 * SIDE / UNIT_GRID
    centres = [[-SIDE + (i + 0.5) * step, -SIDE + (j + 0.5) * step] for j in range(UNIT_GRID) for i in range(UNIT_GRID)]
    forward = run.net.forward(features(centres, run.names))
    low, high = class_style(0).colour, class_style(1).colour
    scale = LinearScale((-SIDE, SIDE))
    pictures = []
    for layer, size in enumerate(run.net.sizes[1:-1]):
        column = []
        for unit in range(size):
            shades = _as_probability(forward.outputs[layer].column(unit), run.net.activation.name)
            cells = []
            for j in range(UNIT_GRID):
                for i in range(UNIT_GRID):
                    t = round(shades[j * UNIT_GRID + i] * 10) / 10  # ten shades, so that neighbours merge
                    colour = mix(mix(low, high, t), "#FFFFFF", 0.25)
                    x0, y0 = -SIDE + i * step, -SIDE + j * step
                    if cells and cells[-1].colour == colour and cells[-1].y0 == y0 and cells[-1].x1 == x0:
                        cells[-1] = cells[-1]._replace(x1=x0 + step)
                    else:
                        cells.append(Cell(x0, y0, x0 + step, y0 + step, colour))
            plot = Plot(scale, scale, [Cells(cells)], axes=False, equal_aspect=True)
            column.append(Figure.of(plot, 120, 120).svg)
        pictures.append(column)
    return pictures


def _plane_points(points: Points, task: object) -> Tuple[Matrix, List[int]]:
    labels = [1 if (p[2] > 0 if task == "regression" else p[2] >= 0.5) else 0 for p in points]
    return Matrix([[p[0], p[1]] for p in points]), labels


def _frame(run: Run) -> Dict[str, object]:
    task = run.settings["task"]
    X2, labels = _plane_points(run.train_points, task)
    X2_test, labels_test = _plane_points(run.test_points, task)
    names = ("negative", "positive") if task == "regression" else ("class 0", "class 1")
    epoch = len(run.train_loss) - 1
    boundary = decision_boundary(_plane_function(run, None, 0), X2, labels, X_test=X2_test, Y_test=labels_test,
                                 class_names=names,
                                 resolution=40, width=440, height=380,
                                 title="The network's output after %d epochs" % epoch)
    units = _unit_pictures(run)
    losses = loss_curves({"training": run.train_loss, "test": run.test_loss},
                         title="Loss after each epoch", y_title="loss", width=440, height=280)
    diagram = network_diagram(run.net, feature_names=run.names, output_names=["output"], width=440, height=300,
                              title="The weights (width: size; colour: sign)")
    scores = "epoch %d: training loss %.4f, test loss %.4f" % (epoch, run.train_loss[-1], run.test_loss[-1])
    return {"epoch": epoch, "scores": scores, "train_loss": run.train_loss[-1], "test_loss": run.test_loss[-1],
            "boundary": boundary.svg, "loss": losses.svg, "network": diagram.svg, "units": units}
