"""purenn.autograd.Value: every operation's value and gradient, its errors, and backward on deep and random graphs.

Gradients are checked three ways: against the derivative written out by
hand, against central finite differences (on random expressions too), and,
in tests/test_autograd_network.py, against the article's matrix backward.
"""

import math
import random
import sys
from typing import Callable, List, Tuple

import pytest

from purenn.autograd import OPERATIONS, Value, topological_order
from purenn.errors import PurennError

Unary = Callable[[Value], Value]


def gradient(f: Callable[[Value], Value], x: float) -> Tuple[float, float]:
    """f(x) and df/dx at x, by backward."""
    a = Value(x)
    out = f(a)
    out.backward()
    return out.data, a.grad


def central_difference(f: Callable[[float], float], x: float, h: float = 1e-6) -> float:
    return (f(x + h) - f(x - h)) / (2 * h)


def numbers(f: Callable[[Value], Value]) -> Callable[[float], float]:
    return lambda x: f(Value(x)).data


# ------------------------------------------------------------------ each operation, against its derivative


UNARY = [
    # name, f, points, f'(x) written out by hand
    ("exp", lambda a: a.exp(), [-2.0, 0.0, 1.5], lambda x: math.exp(x)),
    ("log", lambda a: a.log(), [0.3, 1.0, 4.0], lambda x: 1 / x),
    ("tanh", lambda a: a.tanh(), [-1.0, 0.0, 0.7], lambda x: 1 - math.tanh(x) ** 2),
    ("sigmoid", lambda a: a.sigmoid(), [-3.0, 0.0, 2.0], lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2),
    ("relu", lambda a: a.relu(), [-1.0, 2.5], lambda x: 1.0 if x > 0 else 0.0),
    ("softplus", lambda a: a.softplus(), [-4.0, 0.0, 3.0], lambda x: 1 / (1 + math.exp(-x))),
    ("neg", lambda a: -a, [-1.0, 2.0], lambda x: -1.0),
    ("**3", lambda a: a ** 3, [-1.5, 2.0], lambda x: 3 * x ** 2),
    ("**-0.5", lambda a: a ** -0.5, [0.5, 4.0], lambda x: -0.5 * x ** -1.5),
    ("+ number", lambda a: a + 2, [1.0], lambda x: 1.0),
    ("number +", lambda a: 2 + a, [1.0], lambda x: 1.0),
    ("- number", lambda a: a - 2.5, [1.0], lambda x: 1.0),
    ("number -", lambda a: 2.5 - a, [1.0], lambda x: -1.0),
    ("* number", lambda a: a * 3, [1.0], lambda x: 3.0),
    ("number *", lambda a: 3 * a, [1.0], lambda x: 3.0),
    ("/ number", lambda a: a / 4, [1.0], lambda x: 0.25),
    ("number /", lambda a: 4 / a, [2.0], lambda x: -4 / x ** 2),
]


@pytest.mark.parametrize("name, f, points, derivative", UNARY, ids=[case[0] for case in UNARY])
def test_each_operation_has_the_derivative_of_its_formula(name: str, f: Unary, points: List[float],
                                                           derivative: Callable[[float], float]) -> None:
    for x in points:
        _, grad = gradient(f, x)
        assert math.isclose(grad, derivative(x), rel_tol=1e-12, abs_tol=1e-15), (name, x)
        assert math.isclose(grad, central_difference(numbers(f), x), rel_tol=1e-6, abs_tol=1e-8), (name, x)


@pytest.mark.parametrize("symbol, f, da, db", [
    ("+", lambda a, b: a + b, lambda a, b: 1.0, lambda a, b: 1.0),
    ("-", lambda a, b: a - b, lambda a, b: 1.0, lambda a, b: -1.0),
    ("*", lambda a, b: a * b, lambda a, b: b, lambda a, b: a),
    ("/", lambda a, b: a / b, lambda a, b: 1 / b, lambda a, b: -a / b ** 2),
])
def test_each_binary_operation_passes_each_operand_its_own_derivative(
        symbol: str, f: Callable[[Value, Value], Value], da: Callable[[float, float], float],
        db: Callable[[float, float], float]) -> None:
    a, b = Value(1.5), Value(-2.5)
    out = f(a, b)
    out.backward()
    assert out.op == symbol and out.parents == (a, b)
    assert math.isclose(a.grad, da(1.5, -2.5), rel_tol=1e-15) and math.isclose(b.grad, db(1.5, -2.5), rel_tol=1e-15)


def test_every_operation_is_tested() -> None:
    tested = {"+", "-", "*", "/", "neg", "**", "exp", "log", "tanh", "sigmoid", "relu", "softplus"}
    assert set(OPERATIONS) == tested


def test_relu_has_slope_zero_at_zero_as_pytorch() -> None:
    assert gradient(lambda a: a.relu(), 0.0) == (0.0, 0.0)


def test_sigmoid_and_softplus_are_stable_far_out() -> None:
    assert gradient(lambda a: a.sigmoid(), -1000.0) == (0.0, 0.0)
    assert gradient(lambda a: a.sigmoid(), 1000.0) == (1.0, 0.0)
    assert gradient(lambda a: a.softplus(), 1000.0) == (1000.0, 1.0)
    assert gradient(lambda a: a.softplus(), -1000.0) == (0.0, 0.0)
    assert gradient(lambda a: a.softplus(), -40.0)[0] == pytest.approx(math.exp(-40.0), rel=1e-12)
    assert gradient(lambda a: a.tanh(), 1000.0) == (1.0, 0.0)


# ------------------------------------------------------------------ the graph and the backward pass


def test_a_value_records_its_operation_and_parents() -> None:
    a, b = Value(2.0, label="a"), Value(3.0)
    c = (a * b).tanh()
    assert c.op == "tanh" and c.parents[0].op == "*" and c.parents[0].parents == (a, b)
    assert a.op == "" and a.parents == () and a.label == "a"
    assert (a ** 2).exponent == 2.0


def test_a_value_used_twice_gets_the_sum_of_both_paths() -> None:
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0


def test_a_diamond_is_walked_each_node_after_all_that_use_it() -> None:
    x = Value(0.5)
    a = x.exp()
    b, c = a * 2.0, a.tanh()
    d = b * c  # a reaches d along two paths
    order = topological_order(d)
    assert order.index(a) < order.index(b) < order.index(d) and order.index(c) < order.index(d)
    assert order[-1] is d and len(order) == 4
    d.backward()
    e, t = math.exp(0.5), math.tanh(math.exp(0.5))
    expected = (2 * t + 2 * e * (1 - t * t)) * e  # d = 2a·tanh(a): product rule, then a = e^x
    assert math.isclose(x.grad, expected, rel_tol=1e-14)


def test_backward_again_resets_the_inner_nodes_and_adds_to_the_leaves() -> None:
    x = Value(2.0)
    h = x * 3.0
    y = h * h
    y.backward()
    assert (h.grad, x.grad) == (12.0, 36.0)
    y.backward()
    assert h.grad == 12.0, "an inner node's gradient is set afresh"
    assert x.grad == 72.0, "a leaf's gradient adds up, as in PyTorch, until it is set back to 0"


def test_backward_of_a_leaf_sets_its_grad_to_one() -> None:
    a = Value(5.0)
    a.backward()
    assert a.grad == 1.0


def test_a_chain_of_100000_nodes_needs_no_recursion() -> None:
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # the walk must not recurse at all
    try:
        x = Value(0.5)
        v = x
        for k in range(100000):
            v = -v if k % 2 else v.tanh()  # 100,000 nodes in a row, one operation each
        v.backward()
    finally:
        sys.setrecursionlimit(limit)
    assert len(topological_order(v)) == 100000
    t, slope = 0.5, 1.0  # the chain rule by hand: the product of the 100,000 local derivatives
    for k in range(100000):
        if k % 2:
            t, slope = -t, -slope
        else:
            t = math.tanh(t)
            slope *= 1.0 - t * t
    assert v.data == t and math.isclose(x.grad, slope, rel_tol=1e-12)


# ------------------------------------------------------------------ random expressions against finite differences


SAFE_UNARY: List[Unary] = [
    lambda a: a.tanh(), lambda a: a.sigmoid(), lambda a: a.softplus(), lambda a: -a,
    lambda a: (a * a + 1.0).log(), lambda a: (a * 0.3).exp(), lambda a: (a * a + 0.5) ** -0.5,
    lambda a: a * 2.0 - 1.0, lambda a: 1.0 / (a * a + 1.0),
]
SAFE_BINARY: List[Callable[[Value, Value], Value]] = [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / (b * b + 1.0),
]


def random_program(rng: random.Random, n_leaves: int, steps: int) -> List[Tuple[int, int, int, int]]:
    """Steps (kind, which, i, j): apply unary or binary operation ``which`` to earlier values i (and j)."""
    program = []
    for k in range(steps):
        size = n_leaves + k
        if rng.random() < 0.5:
            program.append((1, rng.randrange(len(SAFE_UNARY)), rng.randrange(size), 0))
        else:
            program.append((2, rng.randrange(len(SAFE_BINARY)), rng.randrange(size), rng.randrange(size)))
    return program


def run(program: List[Tuple[int, int, int, int]], leaves: List[Value]) -> Value:
    values = list(leaves)
    for kind, which, i, j in program:
        values.append(SAFE_UNARY[which](values[i]) if kind == 1 else SAFE_BINARY[which](values[i], values[j]))
    out = values[len(leaves)]
    for v in values[len(leaves) + 1:]:
        out = out + v  # every step counts, so every leaf has a path to the output
    return out


@pytest.mark.parametrize("seed", range(12))
def test_random_expressions_agree_with_finite_differences(seed: int) -> None:
    rng = random.Random(seed)
    start = [rng.uniform(-1.5, 1.5) for _ in range(4)]
    program = random_program(rng, 4, 25)
    leaves = [Value(x) for x in start]
    run(program, leaves).backward()
    h = 1e-6
    for k in range(len(start)):
        up = [Value(x + (h if i == k else 0.0)) for i, x in enumerate(start)]
        down = [Value(x - (h if i == k else 0.0)) for i, x in enumerate(start)]
        estimate = (run(program, up).data - run(program, down).data) / (2 * h)
        assert math.isclose(leaves[k].grad, estimate, rel_tol=1e-6, abs_tol=1e-6), (seed, k)


# ------------------------------------------------------------------ repr and errors


def test_the_repr_shows_data_and_grad_and_pastes_back() -> None:
    v = Value(0.88, grad=1.0)
    assert repr(v) == "Value(data=0.88, grad=1.0)"
    assert repr(Value(2, label="w")) == "Value(data=2.0, grad=0.0, label='w')"
    again = eval(repr(v), {"Value": Value})
    assert (again.data, again.grad) == (0.88, 1.0)


@pytest.mark.parametrize("make, message", [
    (lambda: Value("3"), "Value(data) must be an int or a float, got '3' (a str)"),
    (lambda: Value(True), "Value(data) must be an int or a float, got True (a bool)"),
    (lambda: Value(1.0, grad=None), "Value(grad) must be an int or a float, got None"),
    (lambda: Value(1.0, label=3), "Value(label) needs a str, got 3 (an int)"),
    (lambda: Value(1.0) + "2", "unsupported operand type(s) for +: 'Value' and 'str'"),
    (lambda: Value(1.0) / [1], "unsupported operand type(s) for /: 'Value' and 'list'"),
    (lambda: Value(1.0) ** Value(2.0), "a Value can be raised only to a number, got Value(data=2.0, grad=0.0)"),
    (lambda: 2 ** Value(1.0), "cannot raise 2 to a Value: only a Value ** number is recorded"),
    (lambda: bool(Value(1.0)), "a Value has no truth value: compare its number"),
])
def test_a_wrong_type_is_a_type_error_that_names_it(make: Callable[[], object], message: str) -> None:
    with pytest.raises(TypeError) as caught:
        make()
    assert message in str(caught.value)


@pytest.mark.parametrize("make, message", [
    (lambda: Value(0.0).log(), "cannot take log(0.0): the logarithm is defined only for numbers above 0"),
    (lambda: Value(-2.0).log(), "cannot take log(-2.0)"),
    (lambda: Value(710.0).exp(), "cannot take exp(710.0): the result is above the largest float"),
    (lambda: Value(-1.0) ** 0.5, "cannot raise -1.0 ** 0.5: a negative number to a fractional power is not a real"),
    (lambda: Value(0.0) ** -1, "cannot raise 0.0 ** -1: 0 to a negative power divides by zero"),
    (lambda: Value(float("inf")), "Value(data) needs a finite number, got inf"),
    (lambda: Value(1e308) * 10, "cannot compute 1e+308 * 10.0: the result is too large for a float"),
    (lambda: Value(1e308) + Value(1e308), "cannot compute 1e+308 + 1e+308: the result is too large"),
    (lambda: 1e308 - Value(-1e308), "cannot compute 1e+308 - -1e+308: the result is too large"),
    (lambda: Value(1e300) / 1e-300, "cannot compute 1e+300 / 1e-300: the result is too large"),
    (lambda: Value(1e200) ** 2, "cannot raise 1e+200 ** 2: the result is too large for a float"),
])
def test_a_value_outside_an_operations_domain_is_a_purenn_error(make: Callable[[], object], message: str) -> None:
    with pytest.raises(PurennError) as caught:
        make()
    assert message in str(caught.value)


def test_a_str_times_a_value_is_the_interpreters_own_type_error() -> None:
    with pytest.raises(TypeError) as caught:
        "2" * Value(1.0)
    assert str(caught.value) in ("can't multiply sequence by non-int of type 'Value'",  # CPython
                                 "unsupported operand type(s) for *: 'str' and 'Value'")  # PyPy


def test_dividing_by_zero_says_so() -> None:
    with pytest.raises(ZeroDivisionError, match=r"cannot divide 1.0 / 0.0: the divisor is zero"):
        Value(1.0) / 0
