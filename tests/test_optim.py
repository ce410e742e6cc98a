"""The optimisers (purenn/nn/optim.py): their rules, hyper-parameter checks, state
per parameter, and how the training loop drives them (schedules included).

The values of several steps of each one are checked against NumPy in
tests/test_golden_optim.py; here are the properties a reader can see by hand.
"""

import contextlib
import io
import math
import pathlib
import random
import re
from typing import Callable, Dict, List, Tuple

import pytest

from purenn import MLP, Matrix, Vector, train
from purenn.app.cli import main
from purenn.app.pipeline import LEARNING_RATES, OPTIMIZERS, TrainConfig, train_model
from purenn.data.datasets import spirals
from purenn.errors import PurennError, ShapeError
from purenn.nn.optim import SGD, Adam, AdamState, AdamW, Optimizer, Parameter, RMSprop
from purenn.nn.schedules import Cyclical, StepDecay
from purenn.nn.training import batches

ALL: Dict[str, Callable[[float], Optimizer]] = {
    "SGD": lambda rate: SGD(rate),
    "SGD momentum": lambda rate: SGD(rate, momentum=0.9),
    "SGD Nesterov": lambda rate: SGD(rate, momentum=0.9, nesterov=True),
    "Adam": lambda rate: Adam(rate),
    "AdamW": lambda rate: AdamW(rate),
    "RMSprop": lambda rate: RMSprop(rate),
    "RMSprop momentum": lambda rate: RMSprop(rate, momentum=0.9),
}


def problem(m: int = 12) -> Tuple[MLP, Matrix, Matrix]:
    X = Matrix([[math.sin(i), math.cos(3 * i)] for i in range(m)])
    Y = Matrix([[1.0 if math.sin(i) * math.cos(3 * i) > 0 else 0.0] for i in range(m)])
    return MLP([2, 4, 1], activation="tanh", seed=1), X, Y


def one(value: float) -> Dict[str, Parameter]:
    return {"w": Vector([value])}


def moved(optimizer: Optimizer, p: float, gradients: List[float]) -> List[float]:
    """The values a one-entry parameter takes, one step per gradient."""
    values = []
    parameters = one(p)
    for g in gradients:
        parameters = optimizer.step(parameters, one(g))
        values.append(parameters["w"][0])
    return values


# ------------------------------------------------------------------ the rules


def test_sgd_is_the_articles_update() -> None:
    assert moved(SGD(0.5), 1.0, [2.0, -4.0]) == [0.0, 2.0]  # p − α·g


def test_sgd_momentum_in_pytorchs_form() -> None:
    # v = g, then v = μ·v + g; p ← p − α·v
    assert moved(SGD(0.5, momentum=0.5), 1.0, [2.0, 2.0]) == [0.0, -1.5]


def test_nesterov_steps_along_the_gradient_plus_the_new_velocity() -> None:
    # v1 = 2, d1 = 2 + 0.5·2 = 3; v2 = 2 + 0.5·2 = 3, d2 = 2 + 0.5·3 = 3.5
    assert moved(SGD(1.0, momentum=0.5, nesterov=True), 10.0, [2.0, 2.0]) == [7.0, 3.5]


def test_weight_decay_adds_lambda_p_to_the_gradient() -> None:
    assert moved(SGD(0.5, weight_decay=0.5), 2.0, [0.0]) == [1.5]  # g = 0 + 0.5·2
    assert moved(RMSprop(0.1, weight_decay=0.5), 2.0, [0.0])[0] == pytest.approx(2.0 - 0.1 * 10.0)


def test_adams_first_step_is_the_learning_rate_against_the_gradients_sign() -> None:
    # m̂ = g and v̂ = g² after one step, so m̂/(√v̂ + ε) = ±1 whatever the gradient's size (ε aside)
    optimizer = Adam(0.01)
    parameters: Dict[str, Parameter] = {"W": Matrix([[1.0, 1.0], [1.0, 1.0]])}
    after = optimizer.step(parameters, {"W": Matrix([[1e-3, -3.0], [200.0, -0.5]])})["W"]
    assert after.allclose(Matrix([[0.99, 1.01], [0.99, 1.01]]), rel_tol=1e-6)


def test_adam_bias_correction_keeps_a_steady_gradients_step_at_the_learning_rate() -> None:
    values = moved(Adam(0.1), 0.0, [1.0] * 5)
    steps = [before - after for before, after in zip([0.0] + values, values)]
    assert steps == pytest.approx([0.1] * 5, rel=1e-6)


def test_adamw_decays_the_weights_apart_from_the_gradient() -> None:
    # with a zero gradient Adam's step is 0, and only the decay p ← (1 − α·λ)·p is left
    assert moved(AdamW(0.1, weight_decay=0.5), 2.0, [0.0]) == [2.0 * (1 - 0.1 * 0.5)]
    # Adam's L2 decay goes through m̂/√v̂ instead: a full step of α towards 0
    assert moved(Adam(0.1, weight_decay=0.5), 2.0, [0.0])[0] == pytest.approx(1.9, rel=1e-6)


def test_rmsprops_first_step_is_ten_learning_rates() -> None:
    # s = (1 − 0.99)·g², so g/√s = ±1/√0.01 = ±10
    assert moved(RMSprop(0.01), 1.0, [-3.0])[0] == pytest.approx(1.1, rel=1e-6)


def test_rmsprop_momentum_buffers_the_scaled_gradients() -> None:
    plain, with_momentum = RMSprop(0.01), RMSprop(0.01, momentum=0.5)
    first = moved(plain, 0.0, [1.0, 1.0])
    second = moved(with_momentum, 0.0, [1.0, 1.0])
    assert second[0] == first[0]
    d2 = first[1] - first[0]  # the second scaled step without momentum
    assert second[1] - second[0] == pytest.approx(d2 + 0.5 * first[0], rel=1e-12)


def test_a_zero_gradient_leaves_adam_and_rmsprop_still() -> None:
    for optimizer in (Adam(0.1), RMSprop(0.1, momentum=0.9)):
        assert moved(optimizer, 3.0, [0.0, 0.0]) == [3.0, 3.0]  # 0 / (√0 + ε) = 0


# ------------------------------------------------------- state per parameter


def test_each_parameter_keeps_its_own_state() -> None:
    optimizer = Adam(0.1)
    parameters: Dict[str, Parameter] = {"W": Matrix([[1.0, 2.0]]), "b": Vector([5.0])}
    gradients: Dict[str, Parameter] = {"W": Matrix([[1.0, -1.0]]), "b": Vector([0.0])}
    for _ in range(3):
        parameters = optimizer.step(parameters, gradients)
    assert sorted(optimizer.state) == ["W", "b"]
    assert optimizer.state["W"].t == 3 and optimizer.state["W"].m.shape == (1, 2)
    assert optimizer.state["b"] == AdamState(3, Vector([0.0]), Vector([0.0]))
    assert parameters["b"] == Vector([5.0])  # its own zero gradient: it never moved
    assert parameters["W"].allclose(Matrix([[0.7, 2.3]]), rel_tol=1e-6)


def test_sgd_velocity_is_per_parameter() -> None:
    optimizer = SGD(1.0, momentum=0.5)
    parameters: Dict[str, Parameter] = {"a": Vector([0.0]), "b": Vector([0.0])}
    parameters = optimizer.step(parameters, {"a": Vector([1.0]), "b": Vector([-2.0])})
    parameters = optimizer.step(parameters, {"a": Vector([1.0]), "b": Vector([-2.0])})
    assert optimizer.state == {"a": Vector([1.5]), "b": Vector([-3.0])}


def test_step_returns_new_values_and_leaves_its_input_alone() -> None:
    parameters: Dict[str, Parameter] = {"w": Vector([1.0, 2.0])}
    updated = SGD(0.5).step(parameters, {"w": Vector([1.0, 1.0])})
    assert parameters == {"w": Vector([1.0, 2.0])} and updated == {"w": Vector([0.5, 1.5])}


def test_gradients_must_match_the_parameters() -> None:
    optimizer = SGD(0.1)
    with pytest.raises(PurennError) as error:
        optimizer.step({"W": Matrix([[1.0]])}, {"V": Matrix([[1.0]])})
    assert str(error.value) == "the gradients must name the same parameters: parameters ['W'], gradients ['V']"
    with pytest.raises(ShapeError) as shape:
        optimizer.step({"W": Matrix([[1.0, 2.0]])}, {"W": Matrix([[1.0], [2.0]])})
    assert str(shape.value) == "the gradient of W is a Matrix of shape (2, 1), but W is a Matrix of shape (1, 2)"
    with pytest.raises(ShapeError) as kind:
        optimizer.step({"b": Vector([1.0])}, {"b": Matrix([[1.0]])})
    assert str(kind.value) == "the gradient of b is a Matrix of shape (1, 1), but b is a Vector of shape (1,)"


def test_one_optimizer_per_model() -> None:
    optimizer = Adam()
    optimizer.step({"W1": Matrix([[1.0, 2.0]])}, {"W1": Matrix([[1.0, 2.0]])})
    with pytest.raises(ShapeError) as error:
        optimizer.step({"W1": Matrix([[1.0]])}, {"W1": Matrix([[1.0]])})
    assert str(error.value) == (
        "this optimizer holds state for a W1 of shape (1, 2), but W1 now has shape (1, 1): "
        "use a new optimizer for a new model"
    )


# ------------------------------------------------------- hyper-parameters


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: SGD(0.0), "learning_rate must be a positive number, got 0.0"),
        (lambda: SGD(-1), "learning_rate must be a positive number, got -1"),
        (lambda: Adam(math.inf), "learning_rate must be a positive number, got inf"),
        (lambda: SGD(0.1, momentum=1.0), "momentum must be at least 0 and below 1, got 1.0"),
        (lambda: SGD(0.1, momentum=-0.5), "momentum must be at least 0 and below 1, got -0.5"),
        (lambda: SGD(0.1, nesterov=True), "nesterov=True needs a momentum above 0: it looks ahead along the velocity"),
        (lambda: SGD(0.1, weight_decay=-0.1), "weight_decay must be a number of at least 0, got -0.1"),
        (lambda: Adam(beta1=1.0), "beta1 must be at least 0 and below 1, got 1.0"),
        (lambda: Adam(beta2=math.nan), "beta2 must be at least 0 and below 1, got nan"),
        (lambda: Adam(eps=0.0), "eps must be a positive number, got 0.0"),
        (lambda: AdamW(weight_decay=math.inf), "weight_decay must be a number of at least 0, got inf"),
        (lambda: RMSprop(alpha=1), "alpha must be at least 0 and below 1, got 1"),
        (lambda: RMSprop(momentum=0.99999999999999999), "momentum must be at least 0 and below 1, got 1.0"),
        (lambda: RMSprop(eps=-1e-8), "eps must be a positive number, got -1e-08"),
    ],
)
def test_bad_hyper_parameters_are_refused_by_name(make: Callable[[], Optimizer], message: str) -> None:
    with pytest.raises(PurennError) as error:
        make()
    assert str(error.value) == message


def test_hyper_parameters_must_be_numbers() -> None:
    with pytest.raises(TypeError) as error:
        Adam("0.01")  # type: ignore[arg-type]
    assert str(error.value) == "learning_rate must be an int or a float, got '0.01' (a str)"
    with pytest.raises(TypeError) as flag:
        SGD(0.1, momentum=0.9, nesterov=1)  # type: ignore[arg-type]
    assert str(flag.value) == "nesterov must be True or False, got 1"


@pytest.mark.parametrize("name", sorted(ALL))
def test_repr_pastes_back(name: str) -> None:
    optimizer = ALL[name](0.05)
    assert repr(eval(repr(optimizer))) == repr(optimizer)


# ---------------------------------------------------- in the training loop


def test_without_an_optimizer_the_loop_does_plain_gradient_descent_bit_for_bit() -> None:
    net, X, Y = problem()
    plain = net.with_parameters(net.parameters())
    plain.fit(X, Y, epochs=5, learning_rate=0.3, batch_size=5, seed=4)
    chosen = net.with_parameters(net.parameters())
    chosen.fit(X, Y, epochs=5, batch_size=5, optimizer=SGD(0.3), seed=4)
    assert plain.parameters() == chosen.parameters()


def test_without_a_learning_rate_the_optimizers_own_is_used() -> None:
    net, X, Y = problem()
    history = train(net, X, Y, epochs=3, optimizer=Adam(0.02))
    assert history.learning_rates == [0.02, 0.02, 0.02]
    assert train(net, X, Y, epochs=2).learning_rates == [0.1, 0.1]  # plain SGD's default


@pytest.mark.parametrize("name", sorted(ALL))
def test_schedules_drive_every_optimizer(name: str) -> None:
    """The loop sets the optimizer's rate before each update, so a schedule works with any of them."""
    net, X, Y = problem()
    schedule = Cyclical(0.01, 0.05, half_cycle=2)
    optimizer = ALL[name](1.0)
    history = train(net.with_parameters(net.parameters()), X, Y, epochs=3, batch_size=4, learning_rate=schedule,
                    optimizer=optimizer, seed=1)
    assert history.learning_rates == schedule.values(9)
    assert optimizer.learning_rate == schedule(8)
    # the same updates by hand, setting the rate as the loop does
    by_hand, twin = net.with_parameters(net.parameters()), ALL[name](1.0)
    rng, t = random.Random(1), 0
    for _ in range(3):
        for rows in batches(X.shape[0], 4, rng):
            twin.learning_rate = schedule(t)
            _, gradients = by_hand.loss_and_gradients(X.take(rows), Y.take(rows))
            by_hand.set_parameters(twin.step(by_hand.parameters(), gradients))
            t += 1
    trained = net.with_parameters(net.parameters())
    train(trained, X, Y, epochs=3, batch_size=4, learning_rate=schedule, optimizer=ALL[name](1.0), seed=1)
    assert trained.parameters() == by_hand.parameters()


def test_step_decay_with_adam() -> None:
    net, X, Y = problem()
    history = net.fit(X, Y, epochs=6, learning_rate=StepDecay(0.04, factor=0.5, every=2), optimizer=Adam())
    assert history.learning_rates == [0.04, 0.04, 0.02, 0.02, 0.01, 0.01]


def test_the_loop_knows_no_optimiser_momentum_goes_to_sgd() -> None:
    net, X, Y = problem()
    with pytest.raises(TypeError, match="momentum"):
        train(net, X, Y, epochs=1, momentum=0.9)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="momentum"):
        net.fit(X, Y, epochs=1, momentum=0.9)  # type: ignore[call-arg]


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_optimizer_lowers_the_loss(name: str) -> None:
    net, X, Y = problem()
    history = net.fit(X, Y, epochs=60, optimizer=ALL[name](0.05))
    assert history.loss[-1] < 0.9 * history.loss[0]


# ------------------------------------------------------- the README's claim


README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def test_readme_shows_what_adam_and_sgd_print_on_the_spirals() -> None:
    """Every `$ python3 -m purenn train ...` line of the README's optimiser block, run, prints what follows it."""
    text = README.read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S) if "--optimizer adam" in b)
    runs = re.findall(r"^\$ python3 -m purenn (.+)\n((?:[^$].*\n)+)", block, flags=re.M)
    assert [command for command, _ in runs] == [
        "train --data spirals --optimizer adam --quiet",
        "train --data spirals --quiet",
    ]
    for command, printed in runs:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            assert main(command.split()) == 0
        assert out.getvalue() == printed, command


def test_the_reasons_for_the_default_learning_rates() -> None:
    """What LEARNING_RATES' docstring (purenn/app/pipeline.py) says of the train command's rates for Adam and RMSprop."""
    assert LEARNING_RATES == {"sgd": 0.01, "adam": 0.003, "adamw": 0.003, "rmsprop": 0.003}
    # 0.96 at 0.003 is the README's `--optimizer adam` run, checked above
    slow = train_model(spirals(), TrainConfig(optimizer="adam", learning_rate=0.001, seed=0))
    assert slow.scores.test_accuracy == pytest.approx(0.84, abs=5e-5)
    for optimizer, rate, ratio in (("adam", 0.01, 4.8), ("rmsprop", 0.01, 3.2), ("adam", 0.003, 1.1), ("rmsprop", 0.003, 1.1)):
        loss = train_model(spirals(), TrainConfig(optimizer=optimizer, learning_rate=rate, seed=2)).history.loss
        assert round(loss[-1] / min(loss), 1) == ratio, (optimizer, rate)


# ------------------------------------------------------- the train command


def training_line(options: List[str]) -> Tuple[str, List[float]]:
    """The plan's "training" line of a 3-epoch run on moons, and the losses it printed."""
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(["train", "--data", "moons", "--epochs", "3", *options]) == 0
    lines = [text.strip() for text in out.getvalue().splitlines()]
    (plan,) = [text for text in lines if text.startswith("training ")]
    losses = [float(found) for text in lines if text.startswith("epoch ") for found in re.findall(r"loss (\S+)", text)]
    return plan, losses


@pytest.mark.parametrize(
    "options, shown",
    [
        ([], "learning rate 0.01 (constant), momentum 0.9"),
        (["--optimizer", "sgd", "--weight-decay", "0.001"], "learning rate 0.01 (constant), momentum 0.9, weight decay 0.001"),
        (["--optimizer", "adam"], "learning rate 0.003 (constant), adam"),
        (["--optimizer", "adamw"], "learning rate 0.003 (constant), adamw, weight decay 0.01"),
        (["--optimizer", "adamw", "--weight-decay", "0"], "learning rate 0.003 (constant), adamw"),
        (["--optimizer", "rmsprop", "--schedule", "step"], "learning rate 0.003 (step), rmsprop"),
        (["--optimizer", "adam", "--learning-rate", "0.05"], "learning rate 0.05 (constant), adam"),
    ],
)
def test_optimizer_options(options: List[str], shown: str) -> None:
    plan, _ = training_line(options)
    assert plan.endswith(shown), plan


def test_each_optimizer_trains_from_the_command_line() -> None:
    runs = [training_line(["--optimizer", name, "--epochs", "20"])[1] for name in OPTIMIZERS]
    assert all(losses[-1] < losses[0] for losses in runs)
    assert len({tuple(losses) for losses in runs}) == len(OPTIMIZERS)


@pytest.mark.parametrize(
    "options, message",
    [
        (["--optimizer", "adam", "--momentum", "0.5"],
         "--momentum goes with --optimizer sgd; adam keeps its own running averages"),
        (["--optimizer", "lion"], "invalid choice: 'lion'"),
        (["--weight-decay", "-1"], "must be in [0, inf), got -1"),
    ],
)
def test_bad_optimizer_options_exit_with_status_2(
    options: List[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["train", "--data", "xor", *options])
    assert exit.value.code == 2
    assert message in capsys.readouterr().err


def test_config_names_an_unknown_optimizer() -> None:
    with pytest.raises(PurennError) as error:
        TrainConfig(optimizer="lion").make_optimizer()
    assert str(error.value) == "unknown optimizer 'lion'; choose one of: sgd, adam, adamw, rmsprop"


def test_the_registries_feed_the_pipeline_and_the_command_line() -> None:
    from purenn.app.cli.train import add_parser
    from purenn.nn.optim import OPTIMIZERS as REGISTRY
    from purenn.nn.schedules import SCHEDULES as SCHEDULE_REGISTRY
    import argparse

    commands = argparse.ArgumentParser().add_subparsers()
    parser = add_parser(commands)
    actions = {action.dest: action for action in parser._actions}
    assert list(actions["optimizer"].choices) == list(REGISTRY) == list(OPTIMIZERS)
    assert list(actions["schedule"].choices) == list(SCHEDULE_REGISTRY)
    for name, kind in REGISTRY.items():
        assert f"{name} ({kind.summary})" in (actions["optimizer"].help or "")
        made = TrainConfig(optimizer=name, learning_rate=0.05).make_optimizer()
        assert type(made) is kind and made.learning_rate == 0.05
        assert set(LEARNING_RATES) == set(REGISTRY)
    for name, kind in SCHEDULE_REGISTRY.items():
        assert type(TrainConfig(schedule=name, learning_rate=0.2).schedule_for(10)) is kind
