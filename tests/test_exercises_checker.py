"""The checker itself: what it says for any exercise (the task, None, a generator, an endless loop, a
changed argument, a bad call), how it shows itself, and that every place it sends a learner exists."""

import json
import math
import pathlib
import re
import threading
from typing import List, Optional

import pytest

from purenn import Matrix, Vector
from purenn.errors import PurennError
from purenn.exercises import EXERCISES, Result, Task, check
from purenn.exercises.budget import OutOfTime, call_within, how_bounded
from purenn.exercises.exercise import EQUATIONS, NOTEBOOKS
from purenn.exercises.values import REL_TOL

ROOT = pathlib.Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ the task


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_task_shows_statement_signature_stub_and_equations(name: str) -> None:
    exercise = EXERCISES[name]
    task = check(name)
    assert isinstance(task, Task)
    text = task.text()
    assert text.startswith(f"Exercise {name}: {exercise.summary}")
    assert exercise.statement in text
    assert f"Write:   {exercise.signature}" in text
    for number in exercise.equations:
        assert f"({number}) {EQUATIONS[number]}" in text
    for line in exercise.starter.splitlines():
        assert line.rstrip() in text
    assert f'check("{name}", {name})' in text
    assert str(task) == repr(task) == text
    assert task._repr_html_().startswith("<pre>Exercise ")


@pytest.mark.parametrize("name", list(EXERCISES))
def test_the_starter_stub_compiles_and_fails_without_a_crash(name: str) -> None:
    """A learner who runs the check on the untouched stub reads a message, not a traceback."""
    space: dict = {}
    exec(compile(EXERCISES[name].starter, f"{name}_stub.py", "exec"), space)
    result = check(name, space[name])
    assert not result.passed
    assert result.message.startswith(f"{name}: not yet")


@pytest.mark.parametrize("name", ["forward", "loss", "backward", "step", "mul_backward", "tanh_backward",
                                  "exp_backward"])
def test_the_starter_stub_is_told_to_replace_its_placeholder(name: str) -> None:
    space: dict = {}
    exec(EXERCISES[name].starter, space)
    result = check(name, space[name])
    assert result.diagnosis == "stub", result.message
    assert "the placeholder of the stub: replace it with the code that computes" in result.message


def test_an_unknown_name_suggests_the_nearest() -> None:
    with pytest.raises(PurennError, match=r"no exercise is called 'backprop'"):
        check("backprop")
    with pytest.raises(PurennError, match=r"did you mean 'matmul'\? python -m purenn exercises lists them all"):
        check("matmult", lambda A, B: A)


def test_a_function_that_is_no_function_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"check takes the function itself as its second argument, as in "
                       r"check\('dot', dot\), got 3"):
        check("dot", 3)
    with pytest.raises(TypeError, match="an exercise is named by a string"):
        check(1)


# --------------------------------------------------------------- messages


def dot_returns_nothing(x: List[float], y: List[float]) -> None:
    total = 0.0
    for a, b in zip(x, y):
        total += a * b


def test_a_missing_return_is_named() -> None:
    result = check("dot", dot_returns_nothing)
    assert result.diagnosis == "None"
    assert "It returned None: is a `return` missing at the end of the function?" in result.message


def test_a_wrong_signature_is_one_line() -> None:
    result = check("matmul", lambda A: A)
    assert result.diagnosis == "signature"
    assert result.message == ("matmul: not yet. Its signature is (A), and the exercise calls matmul(A, B) with 2 "
                              "arguments: write it as matmul(A, B) -> rows.")


def test_an_error_names_the_learners_line() -> None:
    def sigmoid(z: float) -> float:
        return 1 / (1 + math.exp(-z)) / 0

    result = check("sigmoid", sigmoid)
    assert result.diagnosis == "error"
    assert re.search(r"It raised ZeroDivisionError at line \d+ of test_exercises_checker\.py "
                     r"\(`return 1 / \(1 \+ math\.exp\(-z\)\) / 0`\): float division by zero\.", result.message)
    assert "purenn/" not in result.message and "Traceback" not in result.message


def test_endless_recursion_is_named() -> None:
    def dot(x: List[float], y: List[float]) -> float:
        return dot(x, y)

    result = check("dot", dot)
    assert result.diagnosis == "recursion"
    assert "Endless recursion: the function calls itself" in result.message


def slow_transpose(A: List[List[float]]) -> List[List[float]]:
    rows = []
    while len(rows) < len(A[0]):
        pass  # the append was forgotten
    return rows


def test_an_endless_loop_is_stopped_and_named() -> None:
    result = check("transpose", slow_transpose, time_limit=0.2)
    assert result.diagnosis == "endless"
    assert "It was still running after 0.2 seconds: is there a loop that never ends" in result.message


def test_the_time_limit_also_holds_where_no_signal_can_be_used() -> None:
    """Off the main thread (as in a browser, where there are no timer signals) a trace function stops the loop."""
    found: List[Optional[Result]] = [None]
    ways: List[str] = []

    def in_a_thread() -> None:
        ways.append(how_bounded())
        found[0] = check("transpose", slow_transpose, time_limit=0.2)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join(30)
    assert ways in (["trace"], ["none"])  # "none" under a coverage tool or a debugger, which own the trace
    if ways == ["trace"]:
        result = found[0]
        assert result is not None and result.diagnosis == "endless", result


def test_out_of_time_is_not_swallowed_by_a_learners_except() -> None:
    def stubborn(x: int) -> int:
        while True:
            try:
                while True:
                    x += 1
            except Exception:
                pass

    with pytest.raises(OutOfTime, match="still running after 0.1 seconds"):
        call_within(stubborn, (0,), seconds=0.1)


def test_a_changed_argument_is_named_and_the_callers_data_is_safe() -> None:
    A = [[1, 2], [3, 4], [5, 6]]

    def row_operation(A: List[List[int]], target: int, factor: int, source: int) -> List[List[int]]:
        A[target - 1] = [x + factor * y for x, y in zip(A[target - 1], A[source - 1])]
        return A

    result = check("row_operation", row_operation)
    assert result.diagnosis == "mutated"
    assert "It changed its argument A (entry 1 was [3, 4] before the call and [0, -2] after it)" in result.message
    assert A == [[1, 2], [3, 4], [5, 6]]


def test_a_generator_is_named() -> None:
    result = check("softmax", lambda z: (x / sum(z) for x in z))
    assert result.diagnosis == "generator"
    assert "which hands out its values once and then is empty" in result.message


def test_a_number_that_is_only_wrong_is_not_called_a_factor() -> None:
    """Any two numbers have a ratio: for one number only a whole N or 1/N (a forgotten 1/N) is named."""
    result = check("dot", lambda x, y: sum(a * b for a, b in zip(x, y[1:])))
    assert result.diagnosis == "value"
    assert result.message.splitlines()[0] == ("dot: not yet (case 1 of 7). Not the right value, and not one of "
                                              "the mistakes the checker knows.")
    assert "  expected: 12\n  got:      7\n" in result.message
    doubled = check("dot", lambda x, y: 2 * sum(a * b for a, b in zip(x, y)))
    assert doubled.diagnosis == "1/N"
    assert "It is 2 times the right answer" in doubled.message


def test_every_message_shows_what_was_tried_expected_and_got() -> None:
    result = check("matmul", lambda A, B: [[0.0] * len(B[0]) for _ in A])
    assert "It first differs at index (0, 0): expected 10, got 0.0." in result.message
    lines = result.message.splitlines()
    assert lines[0].startswith("matmul: not yet (case 1 of 7). ")
    assert lines[1] == "  tried:    matmul([[1, 2, 3], [4, 5, 6]], [[1, 0, -1, 2], [0, 1, 2, -1], [3, -2, 0, 1]])"
    assert lines[3] == "  expected: [[10, -4, 3, 3], [22, -7, 6, 9]]   shape (2, 4)"
    assert lines[4].startswith("  got:      [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]")
    assert lines[-1] == ('  reread:   equations (1) and (3); notebook 00, section "The matrix product: many dot '
                         'products, and composition"')


def test_a_result_shows_itself_in_a_terminal_and_a_notebook() -> None:
    passed = check("relu", lambda z: max(0.0, z))
    assert passed.passed and passed.diagnosis == ""
    assert str(passed) == repr(passed) == passed.message
    assert passed.message == "relu: passed all 5 cases (3 chosen to catch mistakes, 2 random)."
    assert 'style="color:#1a7f37"' in passed._repr_html_()
    failed = check("relu", lambda z: abs(z))
    html = failed._repr_html_()
    assert 'style="color:#b35900"' in html and "<pre>" in html
    assert failed.headline == failed.message.splitlines()[0]


def test_the_tolerance_is_relative() -> None:
    """A correct answer that rounds differently passes; one off by more than REL_TOL of its size fails."""
    assert check("dot", lambda x, y: sum(a * b for a, b in zip(x, y)) * (1 + REL_TOL / 10)).passed
    assert not check("dot", lambda x, y: sum(a * b for a, b in zip(x, y)) * (1 + REL_TOL * 10)).passed


def test_fractions_and_purenn_types_pass() -> None:
    from fractions import Fraction
    assert check("transpose", lambda A: Matrix(A).T).passed
    assert check("dot", lambda x, y: sum(Fraction(a) * Fraction(b) for a, b in zip(x, y))).passed


# ---------------------------------------------------------- where it points


def headings(notebook: str) -> List[str]:
    """The headings of a notebook's markdown, without their #s and section numbers."""
    cells = json.loads((ROOT / NOTEBOOKS[notebook]).read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    found.append(re.sub(r"^#+\s*(\d+\.\s*)?", "", line).strip())
    return found


@pytest.mark.parametrize("name", list(EXERCISES))
def test_every_section_named_exists(name: str) -> None:
    exercise = EXERCISES[name]
    lessons = list(exercise.lessons) + [lesson for d in exercise.diagnoses for lesson in d.lessons]
    for lesson in lessons:
        if not lesson.notebook:
            continue
        assert any(heading.startswith(lesson.heading) for heading in headings(lesson.notebook)), \
            f"{name}: notebook {lesson.notebook} has no section {lesson.heading!r}"


def test_every_equation_named_is_one_of_the_articles() -> None:
    for exercise in EXERCISES.values():
        numbers = list(exercise.equations) + [n for d in exercise.diagnoses for n in d.equations]
        assert set(numbers) <= set(EQUATIONS), exercise.name


def test_the_equations_are_docs_math_mds() -> None:
    """The equations the messages quote carry the numbers docs/math.md gives them."""
    text = (ROOT / "docs" / "math.md").read_text(encoding="utf-8")
    for number in EQUATIONS:
        assert f"({number})" in text, number


def test_the_right_rows_in_another_order_are_named() -> None:
    result = check("transpose", lambda A: [[row[j] for row in A] for j in reversed(range(len(A[0])))])
    assert result.diagnosis == "order"
    assert "It has the right rows, but in another order" in result.message
    columns = check("matmul", lambda A, B: [list(reversed(row)) for row in Matrix(A) @ Matrix(B)])
    assert columns.diagnosis == "order" and "the right columns" in columns.message, columns.message
    entries = check("softmax", lambda z: [math.exp(x - max(z)) / sum(math.exp(y - max(z)) for y in z) for x in z][::-1])
    assert entries.diagnosis == "order" and "the right entries" in entries.message, entries.message


def test_a_multi_part_answer_names_every_wrong_part() -> None:
    def backward(X, Y, W2, a1, y_hat):
        from purenn.exercises.catalogue import _backward
        dW1, db1, dW2, db2 = _backward(X, Y, W2, a1, y_hat)
        return dW1, [2 * x for x in db1], dW2, [[x for x in db2]]

    result = check("backward", backward)
    assert "(case 1 of 4, db1 is wrong). db1 is 2 times the right answer" in result.message
    assert "  right:    dW1, dW2; also wrong: db2" in result.message


def test_one_matrix_where_several_values_belong_is_named() -> None:
    result = check("forward", lambda X, W1, b1, W2, b2: X)
    assert result.diagnosis == "shape"
    assert ("It returned one matrix of shape (3, 2), and forward returns 4 values: (z1, a1, z2, y_hat)."
            in result.message)
    three = check("step", lambda W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate: (W1, b1, W2))
    assert "It returned 3 values, and step returns 4 values: (W1, b1, W2, b2)." in three.message


def test_the_placeholder_of_a_stub_and_a_part_that_is_none_are_named() -> None:
    stub = check("forward", lambda X, W1, b1, W2, b2: (..., ..., ..., ...))
    assert stub.diagnosis == "stub"
    assert "Its z1 is `...`, the placeholder of the stub: replace it with the code that computes it." in stub.message
    whole = check("loss", lambda y_hat, Y: ...)
    assert "It returned `...`, the placeholder of the stub: replace it with the code that computes the answer." \
        in whole.message
    part = check("forward", lambda X, W1, b1, W2, b2: (X, X, X, [].append(X)))
    assert part.diagnosis == "None"
    assert "Its y_hat is None, where numbers belong: was it made by a call that changes a list and returns None" \
        in part.message


ODD_ANSWERS = [None, "abc", {"a": 1}, [], [[]], [[], []], [None], [[None]], [[1, [2]]], [[[1]]], float("nan"),
               float("inf"), True, 1j, b"x", Matrix([[1.0]]), iter([1]), range(3), [1, "a"], [[1, 2], 3], (1, 2, 3, 4),
               ([], [], [], []), ([[1]], [1], [[1]], [1]), [[1e308, -1e308]], 10 ** 400, -10 ** 400, ..., object()]


@pytest.mark.parametrize("name", list(EXERCISES))
def test_whatever_comes_back_the_checker_answers_with_a_message(name: str) -> None:
    """No answer, however odd, makes the checker itself raise: each is a "not yet" with a message."""
    for value in ODD_ANSWERS:
        result = check(name, lambda *args: value)
        assert not result.passed, (name, value)
        assert result.message.startswith(f"{name}: not yet"), result.message


def test_the_optimiser_references_agree_with_purenns_optimisers() -> None:
    """momentum_step and adam_step write the rules out; two steps of purenn's own SGD and Adam give the same."""
    from purenn.exercises.catalogue import _adam_step, _momentum_step
    from purenn.nn.optim import SGD, Adam

    def close(a: List[float], b: Vector) -> bool:
        return all(math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-15) for x, y in zip(a, b))  # a Vector iterates

    p0, g1, g2, zeros = [1.0, -2.0, 0.5], [0.5, 1.0, -1.0], [-0.3, 0.2, 0.7], [0.0, 0.0, 0.0]
    sgd = SGD(0.1, momentum=0.9)
    p1 = sgd.step({"w": Vector(p0)}, {"w": Vector(g1)})["w"]
    p2 = sgd.step({"w": p1}, {"w": Vector(g2)})["w"]
    q1, v1 = _momentum_step(p0, zeros, g1, 0.1, 0.9)
    q2, _ = _momentum_step(q1, v1, g2, 0.1, 0.9)
    assert close(q1, p1) and close(q2, p2)
    adam = Adam(0.1)
    p1 = adam.step({"w": Vector(p0)}, {"w": Vector(g1)})["w"]
    p2 = adam.step({"w": p1}, {"w": Vector(g2)})["w"]
    q1, m1, s1 = _adam_step(p0, g1, zeros, zeros, 1, 0.1)
    q2, _, _ = _adam_step(q1, g2, m1, s1, 2, 0.1)
    assert close(q1, p1) and close(q2, p2)
