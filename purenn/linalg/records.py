"""How a record of matrices (a forward pass, gradients, a network) shows itself.

Private to purenn. The rule is the one of ``display.py``: each value gets a
fixed width, in which it shows its exact repr if that fits, else its shape and
its first entries; the record keeps to 3 lines of 100 characters.

>>> print(record("Pair", [("W", Matrix([[1, 2]])), ("b", Vector.zeros(30))]))
Pair(W=Matrix([[1.0, 2.0]]), b=<(30,) [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...]>)
"""

from typing import List, Sequence, Tuple, Union

from purenn.text import LINE_WIDTH, number
from purenn.linalg.display import EDGE, exact_matrix, exact_vector, is_small, REPR_DIGITS
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector

__all__ = ["brief", "record"]


def brief(value: Union[Matrix, Vector, float], width: int) -> str:
    """A value inside a record, in at most ``width`` characters (or its shape alone).

    The exact repr if it fits; else the shape and as many leading entries as fit.

    >>> brief(Matrix([[1, 2]]), 30), brief(Matrix([[0.123456, -1], [2, 3]] * 8), 30)
    ('Matrix([[1.0, 2.0]])', '<(16, 2) [[0.1235, -1], ...]>')
    >>> brief(Vector(range(20)), 30), brief(0.25, 30)
    ('<(20,) [0, 1, 2, 3, 4, ...]>', '0.25')
    """
    if isinstance(value, Matrix):
        text = exact_matrix(value.tolist())
        rows, columns = value.shape
        if is_small(rows * columns, text) and len(text) <= width:
            return text
        tries = [(1, c) for c in range(1, columns + 1)] + [(r, columns) for r in range(2, min(rows, EDGE) + 1)]
        texts = [_leading(value.tolist()[:r], c, value.shape) for r, c in tries]
    elif isinstance(value, Vector):
        text = exact_vector(value.tolist())
        if is_small(len(value), text) and len(text) <= width:
            return text
        texts = [_leading([value.tolist()], c, value.shape) for c in range(1, len(value) + 1)]
    else:
        return repr(value)
    fitting = [text for text in texts if len(text) <= width]
    return fitting[-1] if fitting else f"<{value.shape} ...>"


def _leading(rows: List[List[float]], columns: int, shape: Tuple[int, ...]) -> str:
    """``<shape [[a, b, ...], ...]>``: the first ``columns`` entries of each of ``rows``."""
    def one(row: List[float]) -> str:
        shown = [number(x, REPR_DIGITS) for x in row[:columns]]
        return "[" + ", ".join(shown + (["..."] if columns < len(row) else [])) + "]"

    if len(shape) == 1:
        return f"<{shape} {one(rows[0])}>"
    more = [", ..."] if len(rows) < shape[0] else []
    return f"<{shape} [" + ", ".join(one(row) for row in rows) + "".join(more) + "]>"


def record(name: str, fields: Sequence[Tuple[str, Union[Matrix, Vector, float]]]) -> str:
    """``Name(key=value, ...)`` for a record of matrices: one line if it fits, else in at most 3 lines,
    two values a line (more for a record of more than six values, each then shown shorter).

    >>> print(record("Pair", [("a", Matrix([[1]])), ("b", Matrix.full(30, 2, 0.5)), ("c", 1.5)]))
    Pair(a=Matrix([[1.0]]), b=<(30, 2) [[0.5, 0.5], [0.5, 0.5], ...]>, c=1.5)
    >>> print(record("Pair", [("a", Matrix.full(9, 9, 1)), ("b", Matrix.full(30, 2, 0.5)), ("c", 1.5)]))
    Pair(a=<(9, 9) [[1, 1, 1, 1, 1, 1, 1, ...], ...]>, b=<(30, 2) [[0.5, 0.5], [0.5, 0.5], ...]>,
         c=1.5)
    """
    indent = " " * (len(name) + 1)
    per_line = max(2, -(-len(fields) // 3))
    field_width = (LINE_WIDTH - len(indent) - 2) // per_line
    texts = [f"{key}={brief(value, field_width - len(key) - 1)}" for key, value in fields]
    if len(name) + 2 + sum(len(text) + 2 for text in texts) <= LINE_WIDTH + 2:
        return name + "(" + ", ".join(texts) + ")"  # all on one line
    lines = [", ".join(texts[k:k + per_line]) for k in range(0, len(texts), per_line)]
    return name + "(" + (",\n" + indent).join(lines) + ")"
