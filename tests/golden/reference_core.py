"""NumPy reference outputs for purenn's core: Vector, Matrix and purenn.linalg.operations.

Run by record.py (never by the test suite). Needs NumPy, never imports purenn:
each expected value below is computed by NumPy alone, from inputs drawn with
numpy.random.default_rng(<the section's seed>).

Three recorders, one golden file each:

- record_elementwise -> core_elementwise.json: construction, shape and
  indexing, + - * / (same shape, with a number on either side, and a Vector
  broadcast over the rows of a Matrix on either side), unary -, +, abs, **,
  map;
- record_products -> core_products.json: @ in all four forms, dot, outer, and
  the reductions sum, mean, max, min, argmax, argmin;
- record_linalg -> core_linalg.json: solve, det, inverse, trace, norm, rank,
  qr, lstsq, fit_line.

The op names are the contract with tests/test_golden_core.py, which maps each
one to the purenn call; the scale next to each result is explained in
encoding.py.

Values come in a few kinds: "normal" (mixed signs, around 1), "ints" (small
integers, so results are exact), "tiny" (1e-300..1e-10) and "large"
(1e10..1e150). Products and sums use one magnitude per case (uniform(-1, 1)
times 1e-150 or 1e150), so that no term underflows or overflows.
"""

from typing import Callable, Dict, Mapping, Sequence, Tuple

import numpy as np

from encoding import Function, Result, Section, exact_int, exact_ints, floats, several

Array = np.ndarray
Shape = Tuple[int, ...]

SEED_ELEMENTWISE = 20240611
SEED_PRODUCTS = 20240612
SEED_LINALG = 20240613


# ------------------------------------------------------------------ inputs


def draw(rng: np.random.Generator, shape: Shape, kind: str) -> Array:
    """Random float64 values of one kind (see the module docstring)."""
    if kind == "normal":
        return rng.standard_normal(shape) * 3.0
    if kind == "positive":
        return rng.uniform(0.1, 10.0, shape)
    if kind == "ints":
        return rng.integers(-9, 10, shape).astype(np.float64)
    if kind == "nonzero_ints":
        return np.asarray(rng.integers(1, 10, shape) * rng.choice([-1.0, 1.0], shape), dtype=np.float64)
    if kind == "tiny":
        return np.asarray(rng.choice([-1.0, 1.0], shape) * 10.0 ** rng.uniform(-300, -10, shape), dtype=np.float64)
    if kind == "large":
        return np.asarray(rng.choice([-1.0, 1.0], shape) * 10.0 ** rng.uniform(10, 150, shape), dtype=np.float64)
    raise ValueError(f"unknown kind {kind!r}")


def uniform(rng: np.random.Generator, shape: Shape, factor: float = 1.0) -> Array:
    """uniform(-1, 1) times ``factor``: one magnitude for a whole product or sum."""
    return rng.uniform(-1.0, 1.0, shape) * factor


def well_conditioned(rng: np.random.Generator, n: int, factor: float = 1.0, shuffle: bool = True) -> Array:
    """uniform(-1, 1) + n * I (condition number below about 3), times ``factor``.

    With ``shuffle`` the rows are permuted: the condition number is unchanged,
    but Gaussian elimination with partial pivoting must swap rows.
    """
    A = rng.uniform(-1.0, 1.0, (n, n)) + n * np.eye(n)
    if shuffle:
        A = A[rng.permutation(n)]
    return A * factor


def orthogonal(rng: np.random.Generator, n: int) -> Array:
    """A random orthogonal matrix (condition number 1, no dominant diagonal)."""
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return Q


def low_rank_ints(rng: np.random.Generator, rows: int, columns: int, rank: int) -> Array:
    """An integer matrix of the given rank: (rows, rank) @ (rank, columns), small ints."""
    while True:
        B = rng.integers(-4, 5, (rows, rank)).astype(np.float64)
        C = rng.integers(-4, 5, (rank, columns)).astype(np.float64)
        A = B @ C
        if np.linalg.matrix_rank(A) == rank:
            return A


def name(shape: Shape) -> str:
    """(3, 4) -> "3x4", (5,) -> "5"."""
    return "x".join(str(n) for n in shape)


# ------------------------------------------------------------- reference


def entrywise(value: Array) -> Result:
    """A result made entry by entry, with one rounding each: compared to 1e-12 of itself."""
    return floats(value, 0.0)


def product(a: Array, b: Array) -> Result:
    """a @ b; scale = the largest sum of |terms|, max(|a| @ |b|)."""
    return floats(a @ b, np.max(np.abs(a) @ np.abs(b)))


def largest(value: Array) -> Result:
    """A linear-algebra answer; scale = its largest |entry|."""
    return floats(value, np.max(np.abs(value)))


def qr_positive(A: Array) -> Result:
    """Q and R with R's diagonal made positive, as purenn's Gram-Schmidt gives them.

    NumPy's Householder QR may give R[i, i] < 0; multiplying column i of Q and
    row i of R by sign(R[i, i]) leaves Q @ R unchanged.
    """
    Q, R = np.linalg.qr(A)
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    Q = Q * signs
    R = R * signs[:, None]
    # R[i, j] = (column i of Q) . (column j of A): its terms have the size of column j of A
    column_lengths = np.linalg.norm(A, axis=0)
    return several(floats(Q, 1.0), floats(R, np.broadcast_to(column_lengths, R.shape)))


def fit_line(xs: Sequence[float], ys: Sequence[float]) -> Result:
    """np.polyfit(x, y, 1) -> (slope, intercept).

    Scales: the intercept is mean(y) - slope * mean(x), terms of size
    max|y| + |slope| * max|x|; the slope is that size over the spread of x.
    """
    x = np.array(xs, dtype=np.float64)
    y = np.array(ys, dtype=np.float64)
    slope, intercept = np.polyfit(x, y, 1)
    size = np.max(np.abs(y)) + abs(slope) * np.max(np.abs(x))
    spread = np.max(x) - np.min(x)
    return several(floats(slope, size / spread), floats(intercept, size))


def hadamard(A: Array) -> float:
    """Hadamard's bound on |det A|: the product of the lengths of the rows."""
    return float(np.prod(np.linalg.norm(A, axis=1)))


REFERENCE: Dict[str, Callable[..., Result]] = {
    # construction: ints become floats
    "Vector": lambda values: entrywise(np.array(values, dtype=np.float64)),
    "Matrix": lambda rows: entrywise(np.array(rows, dtype=np.float64)),
    "Matrix.from_rows": lambda rows: entrywise(np.array(rows, dtype=np.float64)),
    "Matrix.from_columns": lambda columns: entrywise(np.array(columns, dtype=np.float64).T),
    "Vector.zeros": lambda n: entrywise(np.zeros(n)),
    "Vector.ones": lambda n: entrywise(np.ones(n)),
    "Vector.full": lambda n, value: entrywise(np.full(n, value, dtype=np.float64)),
    "Matrix.zeros": lambda rows, columns: entrywise(np.zeros((rows, columns))),
    "Matrix.ones": lambda rows, columns: entrywise(np.ones((rows, columns))),
    "Matrix.full": lambda rows, columns, value: entrywise(np.full((rows, columns), value, dtype=np.float64)),
    "Matrix.identity": lambda n: entrywise(np.eye(n)),
    # shape and indexing
    "T": lambda m: entrywise(m.T),
    "transpose": lambda m: entrywise(np.transpose(m)),
    "row": lambda m, i: entrywise(m[i]),
    "column": lambda m, j: entrywise(m[:, j]),
    "getitem": lambda x, i: entrywise(x[i]),
    "getitem_pair": lambda m, i, j: entrywise(m[i, j]),
    "slice": lambda x, start, stop: entrywise(x[start:stop]),
    "take": lambda m, indices: entrywise(np.take(m, indices, axis=0)),
    # elementwise; a 1-D array broadcasts over the rows of a 2-D one, on either side
    "add": lambda a, b: entrywise(np.asarray(a + b)),
    "sub": lambda a, b: entrywise(np.asarray(a - b)),
    "mul": lambda a, b: entrywise(np.asarray(a * b)),
    "truediv": lambda a, b: entrywise(np.asarray(a / b)),
    "neg": lambda a: entrywise(-a),
    "pos": lambda a: entrywise(+a),
    "abs": lambda a: entrywise(np.abs(a)),
    "pow": lambda a, p: entrywise(a**p),
    "map": lambda a, f: entrywise(f.numpy(a)),
    # products
    "matmul": product,
    "Matrix.matmul": product,
    "Vector.dot": product,
    "dot": product,
    "outer": lambda u, v: entrywise(np.outer(u, v)),
    # reductions; scale = the sum of |terms| (divided by their count for a mean)
    "sum": lambda x: floats(np.sum(x), np.sum(np.abs(x))),
    "sum_axis": lambda m, axis: floats(np.sum(m, axis=axis), np.max(np.sum(np.abs(m), axis=axis))),
    "mean": lambda x: floats(np.mean(x), np.mean(np.abs(x))),
    "mean_axis": lambda m, axis: floats(np.mean(m, axis=axis), np.max(np.mean(np.abs(m), axis=axis))),
    "max": lambda x: entrywise(np.max(x)),
    "max_axis": lambda m, axis: entrywise(np.max(m, axis=axis)),
    "min": lambda x: entrywise(np.min(x)),
    "min_axis": lambda m, axis: entrywise(np.min(m, axis=axis)),
    "argmax": lambda v: exact_int(np.argmax(v)),
    "argmin": lambda v: exact_int(np.argmin(v)),
    "argmax_axis": lambda m, axis: exact_ints(np.argmax(m, axis=axis)),
    # linear algebra
    "solve": lambda A, b: largest(np.linalg.solve(A, b)),
    "det": lambda A: floats(np.linalg.det(A), hadamard(A)),
    "inverse": lambda A: largest(np.linalg.inv(A)),
    "trace": lambda A: floats(np.trace(A), np.sum(np.abs(np.diag(A)))),
    "norm": lambda x: floats(np.linalg.norm(x), 0.0),
    "rank": lambda A, tol=None: exact_int(np.linalg.matrix_rank(A, tol=tol)),
    "qr": qr_positive,
    "lstsq": lambda A, b: largest(np.linalg.lstsq(A, b, rcond=None)[0]),
    "fit_line": fit_line,
}


# -------------------------------------------------------------- recorders


def record_elementwise() -> Tuple[str, Mapping[str, object]]:
    shape: Shape
    s = Section("core_elementwise", SEED_ELEMENTWISE, REFERENCE)
    rng = s.rng

    # construction: ints (even huge ones) become the nearest float, as float(n) does
    s.case("Vector", "ints", [1, -2, 3])
    s.case("Vector", "one_entry", [5])
    s.case("Vector", "mixed_ints_and_floats", [0, 2.5, -7, 1e-300, 1e150])
    s.case("Vector", "huge_ints", [10**20, 2**53 + 1, -(10**300)])
    s.case("Matrix", "ints_2x2", [[1, 2], [3, 4]])
    s.case("Matrix", "1x3", [[-1, 0.5, 2]])
    s.case("Matrix", "3x1", [[7], [8], [-9]])
    s.case("Matrix", "1x1_zero", [[0]])
    s.case("Matrix", "huge_ints_2x2", [[10**20, -(2**53 + 1)], [3, 10**300]])
    s.case("Matrix.from_rows", "2x3", [[1, 2, 3], [4.5, -5, 6]])
    s.case("Matrix.from_columns", "2_columns_of_3", [[1, 2, 3], [4.5, -5, 6]])
    s.case("Matrix.from_columns", "1_column", [[1, -2, 3]])
    s.case("Vector.zeros", "1", 1)
    s.case("Vector.zeros", "4", 4)
    s.case("Vector.ones", "3", 3)
    s.case("Vector.full", "3_half", 3, 0.5)
    s.case("Vector.full", "2_int", 2, -7)
    s.case("Vector.full", "1_tiny", 1, 1e-300)
    s.case("Matrix.zeros", "1x1", 1, 1)
    s.case("Matrix.zeros", "2x3", 2, 3)
    s.case("Matrix.ones", "3x1", 3, 1)
    s.case("Matrix.ones", "1x4", 1, 4)
    s.case("Matrix.full", "2x3_int", 2, 3, 7)
    s.case("Matrix.full", "3x2_large", 3, 2, -2.5e150)
    s.case("Matrix.identity", "1", 1)
    s.case("Matrix.identity", "4", 4)

    # shape and indexing
    for shape, kind in [((1, 1), "normal"), ((1, 4), "normal"), ((4, 1), "tiny"), ((3, 3), "large"), ((2, 5), "ints")]:
        s.case("T", f"{name(shape)}_{kind}", draw(rng, shape, kind))
    s.case("transpose", "3x2_normal", draw(rng, (3, 2), "normal"))
    m = draw(rng, (3, 4), "normal")
    s.case("row", "3x4_first", m, 0)
    s.case("row", "3x4_last_negative_index", m, -1)
    s.case("row", "1x1", draw(rng, (1, 1), "normal"), 0)
    s.case("column", "3x4_third", m, 2)
    s.case("column", "3x4_last_negative_index", m, -1)
    s.case("column", "4x1", draw(rng, (4, 1), "normal"), 0)
    v = draw(rng, (6,), "normal")
    s.case("getitem", "vector_first", v, 0)
    s.case("getitem", "vector_last_negative_index", v, -1)
    s.case("getitem", "matrix_row", m, 1)
    s.case("getitem_pair", "3x4_2_3", m, 2, 3)
    s.case("getitem_pair", "3x4_negative_indices", m, -1, -4)
    s.case("slice", "vector_1_4", v, 1, 4)
    s.case("slice", "vector_open_start", v, None, 2)
    s.case("slice", "matrix_rows_1_3", m, 1, 3)
    s.case("slice", "matrix_open_end", m, 2, None)
    s.case("take", "3x4_repeat_and_reorder", m, [2, 0, 2])
    s.case("take", "3x4_negative_index", m, [-1])

    # + - * / : same shape, a number on either side, a Vector over every row on either side
    for op in ("add", "sub", "mul", "truediv"):
        # a divisor must have no zero entries: purenn raises ZeroDivisionError where NumPy gives inf
        right_ints = "nonzero_ints" if op == "truediv" else "ints"
        for shape, left, right in [
            ((1,), "normal", "normal"),
            ((6,), "normal", "normal"),
            ((6,), "ints", right_ints),
            ((5,), "tiny", "tiny"),
            ((5,), "large", "large"),
        ]:
            s.case(op, f"vector_vector/{name(shape)}_{left}_{right}", draw(rng, shape, left), draw(rng, shape, right))
        for shape, left, right in [
            ((1, 1), "normal", "normal"),
            ((1, 4), "ints", right_ints),
            ((4, 1), "tiny", "tiny"),
            ((3, 3), "large", "large"),
            ((2, 5), "normal", "normal"),
        ]:
            s.case(op, f"matrix_matrix/{name(shape)}_{left}_{right}", draw(rng, shape, left), draw(rng, shape, right))
        for scalar in (2, -0.75, 1e-10):
            s.case(op, f"vector_scalar/5_normal_{scalar!r}", draw(rng, (5,), "normal"), scalar)
            s.case(op, f"scalar_vector/{scalar!r}_5_normal", scalar, draw(rng, (5,), "normal"))
            s.case(op, f"matrix_scalar/3x2_normal_{scalar!r}", draw(rng, (3, 2), "normal"), scalar)
            s.case(op, f"scalar_matrix/{scalar!r}_3x2_normal", scalar, draw(rng, (3, 2), "normal"))
        s.case(op, "matrix_scalar/2x2_large_1e+100", draw(rng, (2, 2), "large"), 1e100)
        s.case(op, "scalar_vector/3_tiny", 3, draw(rng, (4,), "tiny"))
        for rows, columns, kind in [(3, 4, "normal"), (1, 3, "normal"), (4, 1, "normal"), (2, 3, "large"), (3, 2, "tiny")]:
            matrix = draw(rng, (rows, columns), kind)
            vector = draw(rng, (columns,), kind)
            s.case(op, f"matrix_vector/{rows}x{columns}_{kind}", matrix, vector)
            s.case(op, f"vector_matrix/{rows}x{columns}_{kind}", vector, draw(rng, (rows, columns), kind))

    # unary -, +, abs
    for op in ("neg", "pos", "abs"):
        for shape, kind in [((1,), "normal"), ((6,), "normal"), ((5,), "tiny"), ((5,), "large"),
                            ((1, 1), "normal"), ((3, 4), "normal"), ((4, 1), "tiny"), ((1, 3), "large")]:
            s.case(op, f"{name(shape)}_{kind}", draw(rng, shape, kind))

    # ** : integer powers on any sign, fractional powers on values >= 0 (with an exact 0)
    for shape in ((5,), (3, 3)):
        for p in (2, 3, -1, -2, 0, 1, 2.0):
            kind = "normal" if p != 3 else "nonzero_ints"
            s.case("pow", f"{name(shape)}_{kind}_{p!r}", draw(rng, shape, kind), p)
        non_negative = np.abs(draw(rng, shape, "normal"))
        non_negative.flat[1] = 0.0
        for p in (0.5, 1.5, 0.25, 2.5):
            s.case("pow", f"{name(shape)}_non_negative_with_zero_{p!r}", non_negative, p)
        s.case("pow", f"{name(shape)}_positive_-0.5", draw(rng, shape, "positive"), -0.5)
    tiny = np.abs(draw(rng, (6,), "tiny"))
    large = np.abs(draw(rng, (6,), "large"))
    s.case("pow", "6_tiny_0.5", tiny, 0.5)
    s.case("pow", "6_tiny_-1", tiny, -1)
    s.case("pow", "6_tiny_1e-150_to_1e-10_2", 10.0 ** rng.uniform(-150, -10, 6) * rng.choice([-1.0, 1.0], 6), 2)
    s.case("pow", "6_large_2", draw(rng, (6,), "large"), 2)
    s.case("pow", "6_large_-1", draw(rng, (6,), "large"), -1)
    s.case("pow", "6_large_0.5", large, 0.5)
    s.case("pow", "6_large_1.5", large, 1.5)
    s.case("pow", "1x1_large_-2", draw(rng, (1, 1), "large"), -2)

    # map: math.f on the purenn side, numpy.f on the NumPy side
    s.case("map", "exp/6_normal", draw(rng, (6,), "normal"), Function("exp"))
    s.case("map", "exp/5_near_the_ends", np.array([-700.0, -300.5, 0.0, 300.25, 700.0]), Function("exp"))
    s.case("map", "exp/3x3_normal", draw(rng, (3, 3), "normal"), Function("exp"))
    s.case("map", "tanh/6_normal", draw(rng, (6,), "normal"), Function("tanh"))
    s.case("map", "tanh/5_tiny", draw(rng, (5,), "tiny"), Function("tanh"))
    s.case("map", "tanh/5_large", draw(rng, (5,), "large"), Function("tanh"))
    s.case("map", "tanh/2x4_normal", draw(rng, (2, 4), "normal"), Function("tanh"))
    s.case("map", "log/6_positive", draw(rng, (6,), "positive"), Function("log"))
    tiny_and_large = np.abs(np.concatenate([draw(rng, (2,), "tiny"), draw(rng, (3,), "large")]))
    s.case("map", "log/5_tiny_and_large", tiny_and_large, Function("log"))
    s.case("map", "sqrt/1x1_positive", draw(rng, (1, 1), "positive"), Function("sqrt"))
    s.case("map", "sqrt/4x1_tiny", np.abs(draw(rng, (4, 1), "tiny")), Function("sqrt"))
    s.case("map", "sin/3x2_normal", draw(rng, (3, 2), "normal"), Function("sin"))
    return s.document()


def record_products() -> Tuple[str, Mapping[str, object]]:
    shape: Shape
    s = Section("core_products", SEED_PRODUCTS, REFERENCE)
    rng = s.rng

    def ints(shape: Shape) -> Array:
        return draw(rng, shape, "ints")

    # Matrix @ Matrix
    for left, right in [((1, 1), (1, 1)), ((1, 4), (4, 1)), ((4, 1), (1, 3)), ((3, 3), (3, 3)),
                        ((2, 5), (5, 3)), ((6, 4), (4, 6))]:
        label = f"{name(left)}@{name(right)}"
        s.case("matmul", f"matrix_matrix/{label}_normal", uniform(rng, left), uniform(rng, right))
    s.case("matmul", "matrix_matrix/3x4@4x2_ints", ints((3, 4)), ints((4, 2)))
    s.case("matmul", "matrix_matrix/2x3@3x2_tiny_1e-150", uniform(rng, (2, 3), 1e-150), uniform(rng, (3, 2), 1e-150))
    s.case("matmul", "matrix_matrix/2x3@3x2_large_1e150", uniform(rng, (2, 3), 1e150), uniform(rng, (3, 2), 1e150))
    s.case("matmul", "matrix_matrix/2x2@2x2_tiny_times_large", uniform(rng, (2, 2), 1e-200), uniform(rng, (2, 2), 1e150))
    # Matrix @ Vector
    for left in [(1, 1), (1, 5), (5, 1), (3, 4)]:
        s.case("matmul", f"matrix_vector/{name(left)}_normal", uniform(rng, left), uniform(rng, (left[1],)))
    s.case("matmul", "matrix_vector/3x4_ints", ints((3, 4)), ints((4,)))
    s.case("matmul", "matrix_vector/3x2_tiny_1e-150", uniform(rng, (3, 2), 1e-150), uniform(rng, (2,), 1e-150))
    s.case("matmul", "matrix_vector/2x3_large_1e150", uniform(rng, (2, 3), 1e150), uniform(rng, (3,), 1e150))
    # Vector @ Matrix
    for right in [(1, 1), (1, 4), (3, 1), (4, 3)]:
        s.case("matmul", f"vector_matrix/{name(right)}_normal", uniform(rng, (right[0],)), uniform(rng, right))
    s.case("matmul", "vector_matrix/4x3_ints", ints((4,)), ints((4, 3)))
    s.case("matmul", "vector_matrix/3x2_tiny_1e-150", uniform(rng, (3,), 1e-150), uniform(rng, (3, 2), 1e-150))
    s.case("matmul", "vector_matrix/2x3_large_1e150", uniform(rng, (2,), 1e150), uniform(rng, (2, 3), 1e150))
    # Vector @ Vector
    for n in (1, 7):
        s.case("matmul", f"vector_vector/{n}_normal", uniform(rng, (n,)), uniform(rng, (n,)))
    s.case("matmul", "vector_vector/6_ints", ints((6,)), ints((6,)))
    s.case("matmul", "vector_vector/5_tiny_1e-150", uniform(rng, (5,), 1e-150), uniform(rng, (5,), 1e-150))
    s.case("matmul", "vector_vector/5_large_1e150", uniform(rng, (5,), 1e150), uniform(rng, (5,), 1e150))
    # exact answer 1; a plain left-to-right sum gives 0: within the scale (2e16), both pass
    s.case("matmul", "vector_vector/cancellation", np.array([1e16, 1.0, -1e16]), np.array([1.0, 1.0, 1.0]))
    s.case("Matrix.matmul", "2x3@3x2_normal", uniform(rng, (2, 3)), uniform(rng, (3, 2)))
    s.case("Vector.dot", "5_normal", uniform(rng, (5,)), uniform(rng, (5,)))
    s.case("dot", "5_normal", uniform(rng, (5,)), uniform(rng, (5,)))
    s.case("dot", "1_ints", ints((1,)), ints((1,)))
    s.case("outer", "1_1", uniform(rng, (1,)), uniform(rng, (1,)))
    s.case("outer", "3_4_normal", draw(rng, (3,), "normal"), draw(rng, (4,), "normal"))
    s.case("outer", "4_2_tiny_large", draw(rng, (4,), "tiny"), uniform(rng, (2,), 1e150))

    # reductions over a whole Vector or Matrix
    for op in ("sum", "mean", "max", "min"):
        for shape, kind in [((1,), "normal"), ((8,), "normal"), ((8,), "tiny"), ((8,), "large"), ((7,), "ints"),
                            ((1, 1), "normal"), ((3, 4), "normal"), ((4, 1), "tiny"), ((1, 5), "large"), ((3, 3), "ints")]:
            s.case(op, f"{name(shape)}_{kind}", draw(rng, shape, kind))
    s.case("sum", "cancellation", np.array([1e16, 1.0, -1e16, 3.0]))
    s.case("mean", "cancellation_2x2", np.array([[1e16, 1.0], [-1e16, 3.0]]))
    # reductions along an axis: 0 gives one result per column, 1 one per row
    for op in ("sum_axis", "mean_axis", "max_axis", "min_axis"):
        for shape, kind in [((3, 4), "normal"), ((1, 4), "normal"), ((4, 1), "normal"), ((1, 1), "ints"),
                            ((3, 2), "tiny"), ((2, 3), "large"), ((4, 3), "ints")]:
            m = draw(rng, shape, kind)
            for axis in (0, 1):
                s.case(op, f"{name(shape)}_{kind}_axis{axis}", m, axis)
    # argmax / argmin: the first index on ties, as in NumPy
    s.case("argmax", "1", draw(rng, (1,), "normal"))
    s.case("argmax", "8_normal", draw(rng, (8,), "normal"))
    s.case("argmax", "ties", np.array([3.0, 7.0, 7.0, -1.0]))
    s.case("argmax", "negative_ties", np.array([-5.0, -2.0, -3.0, -2.0]))
    s.case("argmax", "6_tiny", draw(rng, (6,), "tiny"))
    s.case("argmin", "1", draw(rng, (1,), "normal"))
    s.case("argmin", "8_normal", draw(rng, (8,), "normal"))
    s.case("argmin", "ties", np.array([3.0, -1.0, 7.0, -1.0]))
    s.case("argmin", "6_large", draw(rng, (6,), "large"))
    tied = np.array([[1.0, 5.0, 5.0, 0.0], [5.0, 2.0, 5.0, 0.0], [5.0, 5.0, -1.0, 0.0]])
    for shape, m in [((1, 1), draw(rng, (1, 1), "normal")), ((1, 4), draw(rng, (1, 4), "normal")),
                     ((4, 1), draw(rng, (4, 1), "normal")), ((3, 5), draw(rng, (3, 5), "normal")),
                     ((5, 3), draw(rng, (5, 3), "ints")), ((3, 4), tied)]:
        label = f"{name(shape)}_ties" if m is tied else name(shape)
        for axis in (0, 1):
            s.case("argmax_axis", f"{label}_axis{axis}", m, axis)
    return s.document()


def record_linalg() -> Tuple[str, Mapping[str, object]]:
    s = Section("core_linalg", SEED_LINALG, REFERENCE)
    rng = s.rng

    # solve with a Vector right-hand side
    s.case("solve", "vector/2x2_ints", np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([3.0, 5.0]))
    s.case("solve", "vector/1x1", well_conditioned(rng, 1), uniform(rng, (1,)))
    for n in (2, 3, 5, 8):
        s.case("solve", f"vector/{n}x{n}_no_pivoting", well_conditioned(rng, n, shuffle=False), uniform(rng, (n,)))
        s.case("solve", f"vector/{n}x{n}_rows_shuffled", well_conditioned(rng, n), uniform(rng, (n,)))
    s.case("solve", "vector/4x4_orthogonal", orthogonal(rng, 4), uniform(rng, (4,)))
    s.case("solve", "vector/6x6_orthogonal", orthogonal(rng, 6), uniform(rng, (6,)))
    s.case("solve", "vector/4x4_large_1e150", well_conditioned(rng, 4, 1e150), uniform(rng, (4,), 1e150))
    s.case("solve", "vector/4x4_tiny_1e-150", well_conditioned(rng, 4, 1e-150), uniform(rng, (4,), 1e-150))
    s.case("solve", "vector/3x3_large_a_tiny_b", well_conditioned(rng, 3, 1e100), uniform(rng, (3,), 1e-100))
    # solve with a Matrix right-hand side (k columns)
    s.case("solve", "matrix/1x1_k2", well_conditioned(rng, 1), uniform(rng, (1, 2)))
    s.case("solve", "matrix/3x3_k1", well_conditioned(rng, 3), uniform(rng, (3, 1)))
    s.case("solve", "matrix/4x4_k3", well_conditioned(rng, 4), uniform(rng, (4, 3)))
    s.case("solve", "matrix/5x5_orthogonal_k5", orthogonal(rng, 5), uniform(rng, (5, 5)))
    s.case("solve", "matrix/3x3_identity_rhs", well_conditioned(rng, 3), np.eye(3))
    s.case("solve", "matrix/3x3_large_1e120_k2", well_conditioned(rng, 3, 1e120), uniform(rng, (3, 2), 1e120))

    # det: the scale is Hadamard's bound, so singular matrices may give NumPy's tiny non-zero.
    # NumPy's det is sign * exp(log|det|) (bit for bit its slogdet), so its own relative error
    # grows with |log det|: det(diag(2, 3, 4)) is 23.999999999999993, and at 1e151 it is off by
    # about 2e-14, where purenn's product of pivots is within an ulp or so of the exact value.
    s.case("det", "1x1_negative", np.array([[-2.5]]))
    s.case("det", "2x2_ints", np.array([[1.0, 2.0], [3.0, 4.0]]))
    s.case("det", "3x3_diagonal", np.diag([2.0, 3.0, 4.0]))
    for n in (2, 3, 5, 7):
        s.case("det", f"{n}x{n}_rows_shuffled", well_conditioned(rng, n))
    s.case("det", "4x4_no_pivoting", well_conditioned(rng, 4, shuffle=False))
    s.case("det", "4x4_orthogonal", orthogonal(rng, 4))
    s.case("det", "3x3_large_1e50", well_conditioned(rng, 3, 1e50))
    s.case("det", "3x3_tiny_1e-50", well_conditioned(rng, 3, 1e-50))
    s.case("det", "2x2_singular_ints", np.array([[1.0, 2.0], [2.0, 4.0]]))
    s.case("det", "3x3_singular_ints", np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]))
    s.case("det", "2x2_zeros", np.zeros((2, 2)))

    # inverse
    s.case("inverse", "1x1", np.array([[-4.0]]))
    s.case("inverse", "2x2_ints", np.array([[4.0, 7.0], [2.0, 6.0]]))
    for n in (3, 5, 8):
        s.case("inverse", f"{n}x{n}_rows_shuffled", well_conditioned(rng, n))
    s.case("inverse", "4x4_orthogonal", orthogonal(rng, 4))
    s.case("inverse", "3x3_tiny_1e-100", well_conditioned(rng, 3, 1e-100))
    s.case("inverse", "3x3_large_1e100", well_conditioned(rng, 3, 1e100))

    # trace
    s.case("trace", "1x1", draw(rng, (1, 1), "normal"))
    s.case("trace", "3x3_normal", draw(rng, (3, 3), "normal"))
    s.case("trace", "4x4_ints", draw(rng, (4, 4), "ints"))
    s.case("trace", "4x4_tiny", draw(rng, (4, 4), "tiny"))
    s.case("trace", "4x4_large", draw(rng, (4, 4), "large"))

    # norm: a Vector's length, a Matrix's Frobenius norm (squares stay inside the float range)
    s.case("norm", "vector/1_negative", np.array([-3.5]))
    s.case("norm", "vector/2_ints_3_4", np.array([3.0, 4.0]))
    s.case("norm", "vector/6_normal", draw(rng, (6,), "normal"))
    s.case("norm", "vector/5_tiny_1e-150", uniform(rng, (5,), 1e-150))
    s.case("norm", "vector/5_large_1e150", uniform(rng, (5,), 1e150))
    s.case("norm", "vector/3_zeros", np.zeros(3))
    s.case("norm", "matrix/1x1", draw(rng, (1, 1), "normal"))
    s.case("norm", "matrix/3x4_normal", draw(rng, (3, 4), "normal"))
    s.case("norm", "matrix/1x5_ints", draw(rng, (1, 5), "ints"))
    s.case("norm", "matrix/2x3_tiny_1e-150", uniform(rng, (2, 3), 1e-150))
    s.case("norm", "matrix/3x2_large_1e150", uniform(rng, (3, 2), 1e150))

    # rank: full rank, and integer matrices of known lower rank
    s.case("rank", "1x1_nonzero", np.array([[5.0]]))
    s.case("rank", "1x1_zero", np.array([[0.0]]))
    s.case("rank", "3x3_full", well_conditioned(rng, 3))
    s.case("rank", "4x2_full", draw(rng, (4, 2), "normal"))
    s.case("rank", "2x5_full", draw(rng, (2, 5), "normal"))
    s.case("rank", "1x4_full", draw(rng, (1, 4), "normal"))
    s.case("rank", "2x2_rank1_ints", np.array([[1.0, 2.0], [2.0, 4.0]]))
    s.case("rank", "3x3_rank2_ints", np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]))
    s.case("rank", "3x3_zeros", np.zeros((3, 3)))
    for rows, columns, r in [(4, 3, 2), (5, 5, 3), (3, 6, 1), (6, 4, 2), (5, 5, 4), (7, 3, 2)]:
        s.case("rank", f"{rows}x{columns}_rank{r}_ints", low_rank_ints(rng, rows, columns, r))
    s.case("rank", "4x4_rank2_ints_times_1e100", low_rank_ints(rng, 4, 4, 2) * 1e100)
    s.case("rank", "4x4_rank3_ints_times_1e-100", low_rank_ints(rng, 4, 4, 3) * 1e-100)
    # with an explicit tolerance: the diagonal entries are both the pivots and the singular values
    s.case("rank", "3x3_diagonal_tol_1e-5", np.diag([1.0, 1e-3, 1e-8]), 1e-5)

    # qr (R with a positive diagonal)
    s.case("qr", "1x1_negative", np.array([[-3.0]]))
    s.case("qr", "3x1", draw(rng, (3, 1), "normal"))
    s.case("qr", "2x2_ints", np.array([[3.0, 0.0], [4.0, 5.0]]))
    s.case("qr", "3x3_normal", draw(rng, (3, 3), "normal"))
    s.case("qr", "5x3_normal", draw(rng, (5, 3), "normal"))
    s.case("qr", "6x4_normal", draw(rng, (6, 4), "normal"))
    s.case("qr", "4x2_large_1e150", uniform(rng, (4, 2), 1e150))
    s.case("qr", "4x2_tiny_1e-150", uniform(rng, (4, 2), 1e-150))
    # well conditioned once each column is scaled to length 1; the second column is 1e15 times shorter
    s.case("qr", "4x2_columns_1e15_apart", np.array([[1e15, 1.0], [2e15, 1.0], [3e15, 1.0], [4e15, 1.0]]))

    # lstsq: the x minimising ||A @ x - b||
    s.case("lstsq", "1x1", np.array([[2.0]]), np.array([3.0]))
    s.case("lstsq", "4x1", draw(rng, (4, 1), "normal"), draw(rng, (4,), "normal"))
    s.case("lstsq", "3x3_square", well_conditioned(rng, 3), uniform(rng, (3,)))
    s.case("lstsq", "3x2_ints", np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]), np.array([1.0, 2.0, 2.0]))
    s.case("lstsq", "5x2_normal", draw(rng, (5, 2), "normal"), draw(rng, (5,), "normal"))
    s.case("lstsq", "8x3_normal", draw(rng, (8, 3), "normal"), draw(rng, (8,), "normal"))
    A = draw(rng, (6, 3), "normal")
    s.case("lstsq", "6x3_consistent", A, A @ np.array([1.5, -2.0, 0.25]))
    s.case("lstsq", "5x2_large_1e150", uniform(rng, (5, 2), 1e150), uniform(rng, (5,), 1e150))
    s.case("lstsq", "5x2_tiny_1e-150", uniform(rng, (5, 2), 1e-150), uniform(rng, (5,), 1e-150))

    # fit_line: (slope, intercept) = np.polyfit(x, y, 1)
    s.case("fit_line", "exact_ints", [0, 1, 2, 3, 4], [1, 3, 5, 7, 9])
    s.case("fit_line", "two_points", [1.0, 3.0], [2.0, -4.0])
    s.case("fit_line", "constant_y", [0.0, 1.0, 2.0, 5.0], [4.0, 4.0, 4.0, 4.0])
    x = np.sort(rng.uniform(-5.0, 5.0, 12))
    s.case("fit_line", "12_noisy", x.tolist(), (3.0 * x - 2.0 + rng.normal(0.0, 0.5, 12)).tolist())
    x = np.sort(rng.uniform(0.0, 10.0, 20))
    s.case("fit_line", "20_noisy_negative_slope", x.tolist(), (-0.7 * x + 11.0 + rng.normal(0.0, 1.0, 20)).tolist())
    x = np.sort(rng.uniform(1e10, 5e10, 8))
    s.case("fit_line", "8_x_1e10", x.tolist(), (2e-10 * x + 1.0 + rng.normal(0.0, 0.1, 8)).tolist())
    x = np.sort(rng.uniform(-1.0, 1.0, 8))
    s.case("fit_line", "8_y_1e-100", x.tolist(), (1e-100 * (x + 3.0 + rng.normal(0.0, 0.1, 8))).tolist())
    # distinct x values of size 1e15 and 1e-16: well posed, and np.polyfit (which scales the columns) fits them
    s.case("fit_line", "x_1e15", [1e15, 2e15, 3e15, 4e15], [1.0, 3.0, 2.0, 5.0])
    s.case("fit_line", "x_1e-16", [1e-16, 2e-16, 3e-16, 4e-16], [1.0, 3.0, 2.0, 5.0])
    return s.document()
