"""Types for argparse options: each turns the text typed into a checked value.

A bad value becomes argparse's one-line usage error (exit status 2) that
names the option and says what was expected.

>>> whole(1)("3"), number(0, 1)("0.25"), layer_sizes("16,8")
(3, 0.25, (16, 8))
>>> layer_sizes("16,x")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: expected hidden layer sizes separated by commas, like 16,8; got '16,x'

``flag`` goes the other way: it writes a setting that a library message
names (``learning_rate=0.005``) as the option that sets it.

>>> flag(Setting("learning_rate", 0.005)), flag(Setting("test_size"))
('--learning-rate 0.005', '--test-size')
"""

import argparse
from typing import Callable, Tuple

from purenn.app.messages import Setting


def whole(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def number(low: float, high: float, closed_low: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        inside = (low <= value if closed_low else low < value) and value < high
        if not inside and low == 0 and high == float("inf") and not closed_low:
            raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
        if not inside:
            bracket = "[" if closed_low else "("
            raise argparse.ArgumentTypeError(f"must be in {bracket}{low:g}, {high:g}), got {text}")
        return value

    return parse


def layer_sizes(text: str) -> Tuple[int, ...]:
    """"16,8" → (16, 8); an empty string means no hidden layer."""
    if not text.strip():
        return ()
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected hidden layer sizes separated by commas, like 16,8; got {text!r}"
        ) from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError(f"every layer needs at least 1 unit, got {text!r}")
    return sizes


def flag(setting: Setting) -> str:
    """A setting as a command-line option: each option is its setting's name with dashes."""
    option = "--" + setting.name.replace("_", "-")
    return option if setting.value is None else f"{option} {setting.value:g}"
