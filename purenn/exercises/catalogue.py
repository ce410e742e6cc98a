"""Every exercise, one entry each in ``EXERCISES``: adding an exercise is adding an entry here.

The learner writes plain Python on lists: a vector is a list of numbers, a
matrix a list of rows. Each entry gives the task, purenn's own answer (from
``purenn.nn``, ``purenn.linalg`` and, for the backward rules of a ``Value``,
``purenn.autograd``), the cases, chosen so that a typical
mistake cannot hide (shapes that are not square, rows that differ, negative
entries and zeros, very large inputs, matrices that need a row swap or have no
inverse), and the typical mistakes, each as the wrong answer it gives.

>>> list(EXERCISES)[:5]
['dot', 'matmul', 'transpose', 'sigmoid', 'sigmoid_slope']
>>> EXERCISES["matmul"].signature
'matmul(A, B) -> rows'
"""

import math
import random
from fractions import Fraction
from typing import Callable, Dict, List, Sequence, Tuple, Union

from purenn.linalg.decompositions import gram_schmidt as _gram_schmidt
from purenn.linalg.elimination import det_steps, inverse_steps, rref as _rref
from purenn.linalg.matrix import Matrix
from purenn.linalg.vector import Vector
from purenn.nn.activations import relu as _relu, sigmoid as _sigmoid, sigmoid_slope_from_output, softmax as _softmax
from purenn.nn.losses import binary_cross_entropy, mean_squared_error
from purenn.nn.network import TwoLayerNetwork
from purenn.autograd.value import Value
from purenn.exercises.exercise import Case, Diagnosis, Exercise, Lesson

__all__ = ["EXERCISES"]

Rows = List[List[float]]
Entry = Union[int, float, Fraction]
ExactRows = List[List[Entry]]
"""A matrix of a linear-algebra exercise: ints and Fractions (exact) or floats."""

# the sections of the notebooks the messages send a learner back to
DOT = Lesson("00", "Vectors and the dot product")
PRODUCT = Lesson("00", "The matrix product: many dot products, and composition")
TRANSPOSE = Lesson("00", "The transpose")
SOLVING = Lesson("00", "Solving a system, with the working shown")
DETERMINANT = Lesson("00", "The determinant and the inverse")
RANK = Lesson("00", "Rank and the null space")
SIGMOID = Lesson("01", "The sigmoid")
FLOATS = Lesson("01", "The sigmoid in floating point")
FORWARD = Lesson("01", "Equations (1) to (4)")
LOSS = Lesson("01", "How wrong is it? The loss")
BACKPROP = Lesson("01", "Backpropagation")
TRANSPOSES = Lesson("01", "Where the transposes come from")
SOFTMAX = Lesson("02", "More than two classes: spirals")
RELU = Lesson("02", "ReLU against sigmoid")
BY_HAND = Lesson("06", "Backward by hand, then automatically")
ONE_RULE = Lesson("06", "What `backward()` does")
GRAM_SCHMIDT = Lesson("", "the docstring of purenn.gram_schmidt (help(purenn.gram_schmidt))")


# ------------------------------------------------------------ helpers


def _rows(A: Matrix) -> Rows:
    return A.tolist()


def _ints(rng: random.Random, m: int, n: int, low: int = -5, high: int = 5) -> List[List[int]]:
    return [[rng.randint(low, high) for _ in range(n)] for _ in range(m)]


def _floats(rng: random.Random, m: int, n: int, spread: float = 2.0) -> Rows:
    return [[round(rng.uniform(-spread, spread), 2) for _ in range(n)] for _ in range(m)]


def _sig(z: float) -> float:
    return _sigmoid(float(z))


def _map(f: Callable[[float], float], A: Sequence[Sequence[float]]) -> Rows:
    return [[f(x) for x in row] for row in A]


def _no_exact(rows: Sequence[Sequence[object]]) -> bool:
    return not any(isinstance(x, Fraction) for row in rows for x in row)


# ---------------------------------------------------------------- dot


def _dot(x: List[float], y: List[float]) -> float:
    return Vector(x).dot(Vector(y))


def _dot_cases(rng: random.Random) -> List[Case]:
    cases = []
    for _ in range(3):
        n = rng.randint(2, 6)
        cases.append(Case((_floats(rng, 1, n)[0], _floats(rng, 1, n)[0]), f"random vectors of {n} entries"))
    return cases


DOT_PRODUCT = Exercise(
    name="dot", params=("x", "y"), returns="float", summary="the dot product x · y = Σ xₖ·yₖ",
    statement="Given two vectors of the same length (lists of numbers), return their dot product: the sum of\n"
    "the products of matching entries, x[0]·y[0] + x[1]·y[1] + ... One number.",
    starter="def dot(x, y):\n    total = 0\n    for k in range(len(x)):\n        ...\n    return total",
    reference=_dot,
    cases=(
        Case(([1, 2, 3], [4, -5, 6]), "three entries, one of them negative"),
        Case(([0.5, -2.0], [4.0, 0.25]), "two entries, as floats"),
        Case(([3], [7]), "vectors of one entry"),
        Case(([1, 0, -1, 2], [0, 5, 0, 0]), "zeros that hide all but one product"),
    ),
    diagnoses=(
        Diagnosis("sum", "These are the products of matching entries, not yet added up. The dot product is one "
                  "number: their sum.", answer=lambda x, y: [a * b for a, b in zip(x, y)]),
        Diagnosis("sums", "This is (Σ x)·(Σ y), which adds every product x[i]·y[j]. The dot product pairs entry "
                  "k of x with entry k of y only.", answer=lambda x, y: sum(x) * sum(y)),
        Diagnosis("plus", "This adds matching entries, Σ (xₖ + yₖ). The dot product multiplies them: Σ xₖ·yₖ.",
                  answer=lambda x, y: sum(a + b for a, b in zip(x, y))),
    ),
    lessons=(DOT,),
    random_cases=_dot_cases,
)


# -------------------------------------------------------------- matmul


def _matmul(A: Rows, B: Rows) -> Rows:
    return _rows(Matrix(A) @ Matrix(B))


def _matmul_cases(rng: random.Random) -> List[Case]:
    cases = []
    for _ in range(3):
        m, n, p = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
        cases.append(Case((_ints(rng, m, n), _floats(rng, n, p)), f"a random ({m}, {n}) by ({n}, {p}) product"))
    return cases


MATMUL = Exercise(
    name="matmul", params=("A", "B"), returns="rows", summary="the matrix product A·B",
    statement="A is an (m, n) matrix and B an (n, p) matrix, each a list of rows. Return their product, the\n"
    "(m, p) matrix whose entry in row i and column j is the dot product of row i of A with column j\n"
    "of B: Σₖ A[i][k]·B[k][j], k running over the n columns of A (the n rows of B).",
    starter="def matmul(A, B):\n    m, n, p = len(A), len(B), len(B[0])\n    C = [[0] * p for _ in range(m)]\n"
    "    ...\n    return C",
    reference=_matmul,
    cases=(
        Case(([[1, 2, 3], [4, 5, 6]], [[1, 0, -1, 2], [0, 1, 2, -1], [3, -2, 0, 1]]),
             "a (2, 3) by (3, 4) product: three different sizes, so no index can stand in for another"),
        Case(([[1, 2], [3, 4]], [[0, 1], [-1, 5]]), "two square matrices: the shape is right even when rows and "
             "columns are mixed up, the numbers are not"),
        Case(([[2, -1, 0.5]], [[4], [2], [-2]]), "a row times a column: one dot product, a (1, 1) answer"),
        Case(([[1], [-2], [0]], [[3, 5]]), "a column times a row: a (3, 2) answer from n = 1"),
    ),
    diagnoses=(
        Diagnosis("i/j", "An index ran past the end of a list: are two indices swapped? With A (m, n) and B (n, p), "
                  "entry (i, j) is Σₖ A[i][k]·B[k][j]: i runs over the m rows of A, j over the p columns of B, k "
                  "over the n columns of A.", error=IndexError),
        Diagnosis("elementwise", "This multiplies entry by entry (A ⊙ B), which is not the matrix product: entry "
                  "(i, j) of A·B is row i of A times column j of B, Σₖ A[i][k]·B[k][j].",
                  answer=lambda A, B: [[a * b for a, b in zip(r, s)] for r, s in zip(A, B)]),
        Diagnosis("i/j", "This is Aᵀ·B: A[k][i] where A[i][k] belongs, i and k swapped in A.",
                  answer=lambda A, B: _rows(Matrix(A).T @ Matrix(B))),
        Diagnosis("i/j", "This is A·Bᵀ: B[j][k] where B[k][j] belongs, j and k swapped in B.",
                  answer=lambda A, B: _rows(Matrix(A) @ Matrix(B).T)),
        Diagnosis("order", "This is B·A. The order matters: A·B takes the rows of A and the columns of B.",
                  answer=lambda A, B: _rows(Matrix(B) @ Matrix(A))),
    ),
    equations=(1, 3),
    lessons=(PRODUCT,),
    random_cases=_matmul_cases,
)


# ----------------------------------------------------------- transpose


def _transpose(A: Rows) -> Rows:
    return _rows(Matrix(A).T)


TRANSPOSED = Exercise(
    name="transpose", params=("A",), returns="rows", summary="the transpose Aᵀ: rows become columns",
    statement="A is an (m, n) matrix, a list of rows. Return its transpose, the (n, m) matrix whose row j is\n"
    "column j of A: entry (j, i) of Aᵀ is entry (i, j) of A.",
    starter="def transpose(A):\n    m, n = len(A), len(A[0])\n    ...",
    reference=_transpose,
    cases=(
        Case(([[1, 2, 3], [4, 5, 6]],), "a (2, 3) matrix: its transpose is (3, 2)"),
        Case(([[1, 2], [3, 4]],), "a square matrix: the shape stays, the entries off the diagonal move"),
        Case(([[1, -2, 3]],), "one row: its transpose is one column"),
        Case(([[5], [0], [-1]],), "one column: its transpose is one row"),
    ),
    diagnoses=(
        Diagnosis("same", "This is A as it was, not its transpose: row j of Aᵀ is column j of A.",
                  answer=lambda A: [list(row) for row in A]),
        Diagnosis("shape", "Both loops run over the rows of A. Aᵀ has one row for each column of A: (n, m) for an "
                  "(m, n) A.", answer=lambda A: [[A[j][i] for j in range(len(A))] for i in range(len(A))]),
        Diagnosis("shape", "Both loops run over the columns of A. Aᵀ has one row for each column of A and one "
                  "column for each row: (n, m) for an (m, n) A.",
                  answer=lambda A: [[A[j][i] for j in range(len(A[0]))] for i in range(len(A[0]))]),
    ),
    equations=(8, 10, 12),
    lessons=(TRANSPOSE, TRANSPOSES),
    random_cases=lambda rng: [Case((_ints(rng, m, n),), f"a random ({m}, {n}) matrix")
                              for m, n in ((rng.randint(1, 4), rng.randint(1, 4)) for _ in range(2))],
)


# ------------------------------------------------------------- sigmoid


def _sigmoid_cases(rng: random.Random) -> List[Case]:
    return [Case((round(rng.uniform(-10, 10), 3),), "a random z") for _ in range(3)]


OVERFLOW = Diagnosis(
    "overflow", "math.exp overflows beyond about e^709: the formula has to be written so that no step overflows "
    "(stable). For z < 0 compute σ(z) = e^z / (1 + e^z), the same number on paper, where e^z is at most 1.",
    error=OverflowError, lessons=(FLOATS,),
)

SIGMOID_FUNCTION = Exercise(
    name="sigmoid", params=("z",), returns="float", summary="the sigmoid σ(z) = 1 / (1 + e^(−z)), stable for large |z|",
    statement="Return σ(z) = 1 / (1 + e^(−z)) for a number z. It must work for every float: math.exp(1000)\n"
    "overflows (OverflowError), so for large negative z use the equal form e^z / (1 + e^z).",
    starter="import math\n\ndef sigmoid(z):\n    if z >= 0:\n        ...\n    ...",
    reference=_sig,
    cases=(
        Case((0.0,), "z = 0, where σ is exactly 1/2"),
        Case((2.0,), "a positive z"),
        Case((-3.0,), "a negative z"),
        Case((40.0,), "a large z, where σ(z) is exactly 1.0 in floats"),
        Case((-800.0,), "a large negative z: e^(−z) = e^800 overflows, a stable form does not"),
        Case((800.0,), "a large positive z"),
    ),
    diagnoses=(
        OVERFLOW,
        Diagnosis("σ′", "This is the slope σ′(z) = σ(z)·(1 − σ(z)), not σ(z) itself.",
                  answer=lambda z: _sig(z) * (1 - _sig(z))),
        Diagnosis("σ′", "This is z·(1 − z), the slope written from an output. σ itself is 1 / (1 + e^(−z)).",
                  answer=lambda z: z * (1 - z)),
        Diagnosis("sign", "This is 1 / (1 + e^z) = σ(−z): the minus sign in e^(−z) is missing.",
                  answer=lambda z: _sig(-z)),
    ),
    equations=(2, 4),
    lessons=(SIGMOID, FLOATS),
    random_cases=_sigmoid_cases,
)


SIGMOID_SLOPE = Exercise(
    name="sigmoid_slope", params=("a",), returns="float", summary="the slope σ′ written from the output a = σ(z)",
    statement="Given a = σ(z), the output of a sigmoid (not z), return the sigmoid's slope at that point,\n"
    "σ′(z) = σ(z)·(1 − σ(z)), written with a alone. This is the σ′ of equation (11).",
    starter="def sigmoid_slope(a):\n    ...",
    reference=lambda a: sigmoid_slope_from_output(float(a)),
    cases=(
        Case((0.5,), "a = 1/2, where the slope is largest, 1/4"),
        Case((0.9,), "an output near 1"),
        Case((0.2,), "an output near 0"),
        Case((1.0,), "a saturated output: no slope at all"),
    ),
    diagnoses=(
        Diagnosis("σ", "This is a itself, the output σ(z), where its slope σ′ belongs: a·(1 − a).",
                  answer=lambda a: a),
        Diagnosis("σ", "This is σ(a), the sigmoid again, where the slope a·(1 − a) belongs.",
                  answer=lambda a: _sig(a)),
        Diagnosis("output", "This treats a as if it were z and takes σ′(a) = σ(a)·(1 − σ(a)). But a is already the "
                  "output σ(z): the slope is a·(1 − a), no σ needed.", answer=lambda a: _sig(a) * (1 - _sig(a))),
        Diagnosis("sign", "This is a·(1 + a): the slope is a·(1 − a).", answer=lambda a: a * (1 + a)),
    ),
    equations=(11,),
    lessons=(SIGMOID,),
    random_cases=lambda rng: [Case((round(rng.random(), 4),), "a random output in (0, 1)") for _ in range(3)],
)


# ------------------------------------------------------------- forward


def _forward(X: Rows, W1: Rows, b1: List[float], W2: Rows, b2: List[float]) -> Tuple[Rows, Rows, Rows, Rows]:
    net = TwoLayerNetwork.from_weights(Matrix(W1), Vector(b1), Matrix(W2), Vector(b2))
    z1, a1, z2, y_hat = net.forward(Matrix(X))
    return _rows(z1), _rows(a1), _rows(z2), _rows(y_hat)


def _forward_with(X: Rows, W1: Rows, b1: List[float], W2: Rows, b2: List[float],
                  first: Callable[[float], float], second: Callable[[float], float],
                  bias_by_sample: bool = False) -> Tuple[Rows, Rows, Rows, Rows]:
    """The forward pass with other activations (a mistake), or b1 indexed by sample."""
    z1 = _rows(Matrix(X) @ Matrix(W1))
    z1 = [[z + (b1[i] if bias_by_sample else b1[j]) for j, z in enumerate(row)] for i, row in enumerate(z1)]
    a1 = _map(first, z1)
    z2 = _rows(Matrix(a1) @ Matrix(W2) + Vector(b2))
    return z1, a1, z2, _map(second, z2)


def _network_case(rng: random.Random, m: int, n: int, h: int, o: int) -> Tuple[Rows, Rows, List[float], Rows,
                                                                               List[float]]:
    X = [[float(rng.randint(0, 1)) for _ in range(n)] for _ in range(m)]
    return X, _floats(rng, n, h, 1.0), _floats(rng, 1, h, 0.5)[0], _floats(rng, h, o, 1.0), _floats(rng, 1, o, 0.5)[0]


def _identity(z: float) -> float:
    return z


SHAPES = "m samples, n inputs, h hidden units, o outputs"

FORWARD_PASS = Exercise(
    name="forward", params=("X", "W1", "b1", "W2", "b2"), returns="(z1, a1, z2, y_hat)",
    summary="the forward pass, equations (1) to (4)",
    statement=f"The article's two-layer network, one sample per row ({SHAPES}):\n"
    "X (m, n), W1 (n, h), b1 (h,), W2 (h, o), b2 (o,), matrices as lists of rows, vectors as lists.\n"
    "Return the four quantities of equations (1) to (4), in order: z1 (m, h), a1 (m, h), z2 (m, o),\n"
    "y_hat (m, o). A bias is added to every row. Use a sigmoid that is stable for large |z|.",
    starter="def forward(X, W1, b1, W2, b2):\n    z1 = ...     # (1) X·W1 + b1   (m, h)\n"
    "    a1 = ...     # (2) σ(z1)       (m, h)\n    z2 = ...     # (3) a1·W2 + b2  (m, o)\n"
    "    y_hat = ...  # (4) σ(z2)       (m, o)\n    return z1, a1, z2, y_hat",
    reference=_forward,
    cases=(
        Case(([[0, 1], [1, 1], [2, -1]], [[0.5, -1, 0, 2], [1, 0.25, -0.5, 0]], [0.1, 0, -0.2, 0.3],
              [[1], [-1], [0.5], [2]], [-0.5]),
             "3 samples, 2 inputs, 4 hidden units, 1 output: every size different"),
        Case(([[1, 0, 2], [0, 1, -1]], [[1, -1], [0.5, 0], [0, 2]], [0, 0.5], [[1, -2], [0.5, 1]], [0.25, -0.25]),
             "2 samples, 3 inputs, 2 hidden units, 2 outputs"),
        Case(([[1, 1]], [[300, -300], [200, -500]], [0, 0], [[-2], [3]], [0]),
             "weights so large that z1 reaches ±800: only a stable sigmoid gets through"),
    ),
    diagnoses=(
        Diagnosis("bias", "b1 is missing: equation (1) adds b1 to every row of X·W1.", equations=(1,),
                  answer=lambda X, W1, b1, W2, b2: _forward(X, W1, [0] * len(b1), W2, b2)),
        Diagnosis("bias", "b2 is missing: equation (3) adds b2 to every row of a1·W2.", equations=(3,),
                  answer=lambda X, W1, b1, W2, b2: _forward(X, W1, b1, W2, [0] * len(b2))),
        Diagnosis("bias", "b1 is added by sample (b1[i] on row i); it has one entry per hidden unit, added to "
                  "every row: z1[i][j] = (X·W1)[i][j] + b1[j].", equations=(1,),
                  answer=lambda X, W1, b1, W2, b2: _forward_with(X, W1, b1, W2, b2, _sig, _sig, True)),
        Diagnosis("σ", "a1 is z1 itself: equation (2) passes z1 through the sigmoid.", equations=(2,),
                  answer=lambda X, W1, b1, W2, b2: _forward_with(X, W1, b1, W2, b2, _identity, _sig)),
        Diagnosis("σ", "y_hat is z2 itself: equation (4) passes z2 through the sigmoid.", equations=(4,),
                  answer=lambda X, W1, b1, W2, b2: _forward_with(X, W1, b1, W2, b2, _sig, _identity)),
        Diagnosis("σ′", "a1 is σ′(z1) = σ(z1)·(1 − σ(z1)), the slope, where σ(z1) belongs.", equations=(2,),
                  answer=lambda X, W1, b1, W2, b2: _forward_with(X, W1, b1, W2, b2, lambda z: _sig(z) * (1 - _sig(z)),
                                                                 _sig)),
        OVERFLOW,
    ),
    equations=(1, 2, 3, 4),
    lessons=(FORWARD,),
    random_cases=lambda rng: [Case(_network_case(rng, 4, 3, 2, 1), "a random network of 3 inputs, 2 hidden units, "
                                   "1 output, on 4 samples"),
                              Case(_network_case(rng, 3, 2, 3, 2), "a random network, 2 outputs")],
    parts=("z1", "a1", "z2", "y_hat"),
)


# ---------------------------------------------------------------- loss


def _log(p: float) -> float:
    return max(math.log(p), -100.0) if p > 0 else -100.0


def _loss(y_hat: Rows, Y: Rows) -> float:
    return binary_cross_entropy(Matrix(y_hat), Matrix(Y))


def _loss_terms(y_hat: Rows, Y: Rows) -> float:
    return -math.fsum(y * _log(p) + (1 - y) * _log(1 - p) for pr, yr in zip(y_hat, Y) for p, y in zip(pr, yr))


def _loss_cases(rng: random.Random) -> List[Case]:
    cases = []
    for m, o in ((4, 1), (3, 2)):
        y_hat = [[round(rng.uniform(0.01, 0.99), 3) for _ in range(o)] for _ in range(m)]
        cases.append(Case((y_hat, [[rng.randint(0, 1) for _ in range(o)] for _ in range(m)]),
                          f"random predictions and targets, ({m}, {o})"))
    return cases


LOSS_FUNCTION = Exercise(
    name="loss", params=("y_hat", "Y"), returns="float", summary="binary cross-entropy, equation (5)",
    statement="y_hat (the predictions, each in [0, 1]) and Y (the targets, 0 or 1) are (m, o) matrices, lists of\n"
    "rows. Return equation (5), the mean over all N = m·o entries of −[y·ln ŷ + (1 − y)·ln(1 − ŷ)].\n"
    "A prediction of exactly 0 or 1 makes a logarithm ln 0: clamp every logarithm at −100, as purenn\n"
    "and PyTorch do (ln p is max(math.log(p), -100) when p > 0, and -100 when p = 0).",
    starter="import math\n\ndef loss(y_hat, Y):\n    m, o = len(Y), len(Y[0])\n    N = m * o\n    total = 0.0\n"
    "    ...\n    return ...",
    reference=_loss,
    cases=(
        Case(([[0.9], [0.2], [0.6]], [[1], [0], [0]]), "3 samples, 1 output, targets of both kinds"),
        Case(([[0.7, 0.1], [0.4, 0.8]], [[1, 0], [0, 1]]), "2 samples and 2 outputs: N = m·o = 4, not m = 2"),
        Case(([[1.0, 0.0], [0.0, 0.3]], [[1, 0], [1, 0]]), "saturated predictions of exactly 1 and 0: ln 0 is "
             "met, and must be clamped at −100"),
    ),
    diagnoses=(
        Diagnosis("1/N", "This is the sum of the terms, N times too big: equation (5) is their mean, divided by "
                  "N = m·o.", answer=lambda y_hat, Y: _loss_terms(y_hat, Y)),
        Diagnosis("1/N", "This divides by m, the number of rows; (5) takes the mean over all N = m·o entries.",
                  answer=lambda y_hat, Y: _loss_terms(y_hat, Y) / len(Y)),
        Diagnosis("sign", "The minus sign in front of (5) is missing: the logarithm of a probability is negative "
                  "or 0, and the loss is positive.", answer=lambda y_hat, Y: -_loss(y_hat, Y)),
        Diagnosis("ln 0", "math.log(0) is undefined, and a saturated prediction (exactly 0 or 1) meets it, even in "
                  "a term multiplied by 0. Clamp every logarithm at −100: max(math.log(p), -100) when p > 0, "
                  "else -100.", error=ValueError, lessons=(FLOATS, LOSS)),
    ),
    equations=(5,),
    lessons=(LOSS,),
    random_cases=_loss_cases,
)


# ------------------------------------------------------------ backward


def _backward(X: Rows, Y: Rows, W2: Rows, a1: Rows, y_hat: Rows, *, no_mean: bool = False, by_rows: bool = False,
              sign: float = 1.0, keep_slope: bool = False, slope: str = "a(1-a)",
              sum_columns: bool = False) -> Tuple[Rows, List[float], Rows, List[float]]:
    """Equations (7) to (13) on the exercise's inputs, or with one of the typical mistakes.

    The network's own ``backward`` takes a whole forward pass; the exercise
    gives a1 and y_hat alone, so the equations are written here with purenn's
    Matrix, line for line as in purenn/nn/network.py (a test checks that they agree).
    """
    Xm, Ym, W2m, A1, Yh = Matrix(X), Matrix(Y), Matrix(W2), Matrix(a1), Matrix(y_hat)
    m, o = Ym.shape
    N = 1 if no_mean else (m if by_rows else m * o)
    # (7) ∂J/∂z2 = (1/N)·(ŷ − Y)                        (m, o)
    dz2 = sign * (Yh - Ym) / N
    if keep_slope:
        dz2 = dz2 * (Yh * (1.0 - Yh))
    # (8) ∂J/∂W2 = a1ᵀ · ∂J/∂z2                         (h, o)
    dW2 = A1.T @ dz2
    # (9) ∂J/∂b2 = Σ over rows of ∂J/∂z2               (o,)
    db2 = dz2.sum(axis=1 if sum_columns else 0)
    # (10) ∂J/∂a1 = ∂J/∂z2 · W2ᵀ                        (m, h)
    da1 = dz2 @ W2m.T
    # (11) ∂J/∂z1 = ∂J/∂a1 ⊙ a1 ⊙ (1 − a1)              (m, h)
    if slope == "a":
        dz1 = da1 * A1
    elif slope == "σ(a)":
        S = _sigmoid(A1)
        dz1 = da1 * (S * (1.0 - S))
    else:
        dz1 = da1 * (A1 * (1.0 - A1))
    # (12) ∂J/∂W1 = Xᵀ · ∂J/∂z1                         (n, h)
    dW1 = Xm.T @ dz1
    # (13) ∂J/∂b1 = Σ over rows of ∂J/∂z1               (h,)
    db1 = dz1.sum(axis=1 if sum_columns else 0)
    return _rows(dW1), db1.tolist(), _rows(dW2), db2.tolist()


def _backward_case(rng: random.Random, m: int, n: int, h: int, o: int) -> Tuple[Rows, Rows, Rows, Rows, Rows]:
    X, W1, b1, W2, b2 = _network_case(rng, m, n, h, o)
    _, a1, _, y_hat = _forward(X, W1, b1, W2, b2)
    a1, y_hat = _map(_rounded, a1), _map(_rounded, y_hat)  # short enough to read in a message
    Y = [[float(rng.randint(0, 1)) for _ in range(o)] for _ in range(m)]
    return X, Y, W2, a1, y_hat


def _rounded(x: float) -> float:
    return round(x, 3)


def _fixed_backward_case(m: int, n: int, h: int, o: int, seed: int) -> Tuple[Rows, Rows, Rows, Rows, Rows]:
    return _backward_case(random.Random(seed), m, n, h, o)


BACKWARD_PASS = Exercise(
    name="backward", params=("X", "Y", "W2", "a1", "y_hat"), returns="(dW1, db1, dW2, db2)",
    summary="backpropagation, equations (6) to (13)",
    statement=f"The gradients of the loss (5) for the article's network ({SHAPES}): given the inputs\n"
    "X (m, n), the targets Y (m, o), the output weights W2 (h, o), and a1 (m, h) and y_hat (m, o)\n"
    "from the forward pass, return ∂J/∂W1 (n, h), ∂J/∂b1 (h,), ∂J/∂W2 (h, o), ∂J/∂b2 (o,), in that\n"
    "order. Each gradient has the shape of its parameter.",
    starter="def backward(X, Y, W2, a1, y_hat):\n    m, o = len(Y), len(Y[0])\n    N = m * o\n"
    "    dz2 = ...  # (7)  (1/N)·(ŷ − Y)        (m, o)\n    dW2 = ...  # (8)  a1ᵀ · dz2          (h, o)\n"
    "    db2 = ...  # (9)  Σ over rows of dz2  (o,)\n    da1 = ...  # (10) dz2 · W2ᵀ          (m, h)\n"
    "    dz1 = ...  # (11) da1 ⊙ a1 ⊙ (1 − a1) (m, h)\n    dW1 = ...  # (12) Xᵀ · dz1           (n, h)\n"
    "    db1 = ...  # (13) Σ over rows of dz1  (h,)\n    return dW1, db1, dW2, db2",
    reference=_backward,
    cases=(
        Case(_fixed_backward_case(3, 2, 4, 1, seed=1), "3 samples, 2 inputs, 4 hidden units, 1 output: every "
             "size different, so a misplaced transpose shows in the shape"),
        Case(_fixed_backward_case(4, 3, 3, 2, seed=2), "4 samples, 3 inputs, 3 hidden units, 2 outputs: W1 is "
             "square, so a transposed ∂J/∂W1 has the right shape (and N = m·o = 8)"),
    ),
    diagnoses=(
        Diagnosis("1/N", "Every gradient is N times too big: (7) divides ŷ − Y by N = m·o, because the loss (5) is "
                  "a mean.", answer=lambda *a: _backward(*a, no_mean=True), equations=(5, 7)),
        Diagnosis("1/N", "This divides by m, the number of rows; (7) divides by N = m·o, the number of entries the "
                  "loss averages over.", answer=lambda *a: _backward(*a, by_rows=True), equations=(5, 7)),
        Diagnosis("sign", "The sign is flipped: (7) is (1/N)·(ŷ − Y), prediction minus target, so that (14) steps "
                  "downhill.", answer=lambda *a: _backward(*a, sign=-1.0), equations=(7, 14)),
        Diagnosis("σ′", "This multiplies by σ′(z2) = ŷ·(1 − ŷ) once more: in (7) that slope has already cancelled "
                  "against the denominator of (6), leaving (1/N)·(ŷ − Y).",
                  answer=lambda *a: _backward(*a, keep_slope=True), equations=(6, 7)),
        Diagnosis("σ′", "(11) applies σ to a1 again: σ′(z1) is a1 ⊙ (1 − a1), written from the output a1, "
                  "with no further σ.", answer=lambda *a: _backward(*a, slope="σ(a)"), equations=(11,)),
        Diagnosis("σ", "(11) multiplies by a1 = σ(z1) alone: σ where its slope σ′(z1) = a1 ⊙ (1 − a1) belongs.",
                  answer=lambda *a: _backward(*a, slope="a"), equations=(11,)),
        Diagnosis("axis", "This sums over the wrong axis: one number per sample (a sum along each row). (9) and (13) "
                  "sum over the rows, down each column: one number per unit, the shape of the bias.",
                  answer=lambda *a: _backward(*a, sum_columns=True), equations=(9, 13)),
    ),
    equations=tuple(range(6, 14)),
    lessons=(BACKPROP, TRANSPOSES),
    random_cases=lambda rng: [Case(_backward_case(rng, 4, 2, 3, 1), "a random network: 4 samples, 2 inputs, "
                                   "3 hidden units"),
                              Case(_backward_case(rng, 2, 3, 2, 2), "a random network with 2 outputs")],
    parts=("dW1", "db1", "dW2", "db2"),
)


# ---------------------------------------------------------------- step


def _step(W1: Rows, b1: List[float], W2: Rows, b2: List[float], dW1: Rows, db1: List[float], dW2: Rows,
          db2: List[float], learning_rate: float, *, sign: float = 1.0, scale: bool = True,
          biases: bool = True) -> Tuple[Rows, List[float], Rows, List[float]]:
    alpha = sign * (learning_rate if scale else 1.0)
    beta = alpha if biases else 0.0
    # (14) W ← W − α·∂J/∂W and b ← b − α·∂J/∂b, for both layers
    return (_rows(Matrix(W1) - alpha * Matrix(dW1)), (Vector(b1) - beta * Vector(db1)).tolist(),
            _rows(Matrix(W2) - alpha * Matrix(dW2)), (Vector(b2) - beta * Vector(db2)).tolist())


def _step_case(rng: random.Random, n: int, h: int, o: int, alpha: float) -> Tuple[object, ...]:
    parameters = (_floats(rng, n, h), _floats(rng, 1, h)[0], _floats(rng, h, o), _floats(rng, 1, o)[0])
    gradients = (_floats(rng, n, h, 0.5), _floats(rng, 1, h, 0.5)[0], _floats(rng, h, o, 0.5),
                 _floats(rng, 1, o, 0.5)[0])
    return parameters + gradients + (alpha,)


GRADIENT_STEP = Exercise(
    name="step", params=("W1", "b1", "W2", "b2", "dW1", "db1", "dW2", "db2", "learning_rate"),
    returns="(W1, b1, W2, b2)", summary="one step of gradient descent, equation (14)",
    statement="Given the parameters W1 (n, h), b1 (h,), W2 (h, o), b2 (o,), their gradients (same shapes)\n"
    "and the learning rate α, return the new parameters of equation (14): each moves a step of α\n"
    "times its gradient, downhill. Return new lists; leave the ones given unchanged.",
    starter="def step(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):\n"
    "    W1_new = ...  # (14) W1 − α·dW1, entry by entry   (n, h)\n    b1_new = ...  # b1 − α·db1   (h,)\n"
    "    W2_new = ...  # W2 − α·dW2   (h, o)\n    b2_new = ...  # b2 − α·db2   (o,)\n"
    "    return W1_new, b1_new, W2_new, b2_new",
    reference=_step,
    cases=(
        Case(_step_case(random.Random(3), 2, 3, 1, 0.5), "2 inputs, 3 hidden units, 1 output, α = 0.5"),
        Case(_step_case(random.Random(4), 3, 2, 2, 2.0), "3 inputs, 2 hidden units, 2 outputs, α = 2"),
    ),
    diagnoses=(
        Diagnosis("sign", "This steps uphill, W + α·∂J/∂W: (14) subtracts, because the gradient points the way the "
                  "loss rises.", answer=lambda *a: _step(*a, sign=-1.0)),
        Diagnosis("α", "This takes the whole gradient as the step: (14) multiplies it by the learning rate α first.",
                  answer=lambda *a: _step(*a, scale=False)),
        Diagnosis("bias", "The biases did not move: (14) updates b1 and b2 as well as the weights.",
                  answer=lambda *a: _step(*a, biases=False)),
    ),
    equations=(14,),
    lessons=(BACKPROP,),
    random_cases=lambda rng: [Case(_step_case(rng, 2, 2, 1, 1.0), "random parameters and gradients, α = 1")],
    parts=("W1", "b1", "W2", "b2"),
)


# ------------------------------------------------------------- softmax


def _softmax_of(z: List[float]) -> List[float]:
    return _softmax(Matrix([z])).tolist()[0]


SOFTMAX_FUNCTION = Exercise(
    name="softmax", params=("z",), returns="list",
    summary="softmax: scores into probabilities, stable for large entries",
    statement="Given a list of scores z, return the list of e^(z_k) / Σ_j e^(z_j): positive numbers that add up to\n"
    "1. It must work for scores of any size: subtract the largest score from each first (the fraction\n"
    "does not change), so that no e^x overflows.",
    starter="import math\n\ndef softmax(z):\n    top = max(z)\n    ...",
    reference=_softmax_of,
    cases=(
        Case(([1, 2, 3],), "three scores"),
        Case(([0, 0],), "equal scores: equal probabilities"),
        Case(([-1, 0, 2, 5],), "negative scores and a zero"),
        Case(([1000, 0, -1000],), "very large scores: e^1000 overflows, unless the largest is subtracted first"),
        Case(([-1000, -1000],), "very negative scores: every e^z underflows to 0, and the sum is 0"),
    ),
    diagnoses=(
        Diagnosis("overflow", "e^z overflows for the large scores: subtract the largest score from every score "
                  "first (the fraction is unchanged, and every e^x is then at most 1), so it is stable.",
                  error=OverflowError),
        Diagnosis("overflow", "Every e^z underflowed to 0 and the sum was 0: subtracting the largest score first "
                  "keeps one e^x equal to 1, so it is stable.", error=ZeroDivisionError),
        Diagnosis("σ", "This squashes each score with σ on its own; softmax divides e^(z_k) by the sum over all the "
                  "scores, so that the outputs add up to 1.", answer=lambda z: [_sig(x) for x in z]),
        Diagnosis("exp", "The e^x is missing: this divides each score by the sum of the scores.",
                  answer=lambda z: [x / sum(z) for x in z]),
    ),
    lessons=(SOFTMAX,),
    random_cases=lambda rng: [Case((_floats(rng, 1, rng.randint(2, 5), 5.0)[0],), "random scores")
                              for _ in range(2)],
)


# ------------------------------------------------------- row operation


def _row_operation(A: ExactRows, target: int, factor: Entry, source: int, sign: int = 1) -> ExactRows:
    rows = [list(row) for row in A]
    rows[target - 1] = [x + sign * factor * y for x, y in zip(A[target - 1], A[source - 1])]
    return rows


ROW_OPERATION = Exercise(
    name="row_operation", params=("A", "target", "factor", "source"), returns="rows",
    summary="one row operation, R_target ← R_target + factor·R_source",
    statement="Return a new matrix: A with row `target` replaced by row `target` plus `factor` times row\n"
    "`source`. Rows are numbered from 1, as on the board (R1 is A[0]). The other rows stay as they\n"
    "are, and so does A itself. Exact in, exact out: with ints and Fractions, no floats.",
    starter="def row_operation(A, target, factor, source):\n    new = [list(row) for row in A]\n    ...\n"
    "    return new",
    reference=_row_operation,
    cases=(
        Case(([[1, 2], [3, 4], [5, 6]], 2, -3, 1), "R2 ← R2 − 3·R1 on a (3, 2) matrix", exact=True),
        Case(([[2, 4, 1], [1, 3, 0]], 1, Fraction(-1, 2), 2), "R1 ← R1 − (1/2)·R2: a Fraction, kept exact",
             exact=True),
        Case(([[1, 0, 2], [0, 1, 1], [4, -2, 0]], 3, -4, 1), "R3 ← R3 − 4·R1: the last row", exact=True),
    ),
    diagnoses=(
        Diagnosis("from 1", "The rows are numbered from 1 here, as on the board: R1 is A[0], so row `target` is "
                  "A[target - 1].", answer=lambda A, t, f, s: _row_operation(A, t + 1, f, s + 1)),
        Diagnosis("from 1", "An index ran past the end: the rows are numbered from 1 here, as on the board, so "
                  "row `target` is A[target - 1].", error=IndexError),
        Diagnosis("i/j", "This changed row `source` and left row `target` alone: target and source are swapped.",
                  answer=lambda A, t, f, s: _row_operation(A, s, f, t)),
        Diagnosis("sign", "This subtracts factor·R_source; the operation adds it (a negative factor subtracts).",
                  answer=lambda A, t, f, s: _row_operation(A, t, f, s, sign=-1)),
        Diagnosis("add", "Row `target` became factor·R_source: the operation adds factor·R_source to what row "
                  "`target` already holds.",
                  answer=lambda A, t, f, s: [[f * y for y in A[s - 1]] if i == t - 1 else list(r)
                                             for i, r in enumerate(A)]),
    ),
    lessons=(SOLVING,),
    random_cases=lambda rng: [Case((_ints(rng, 3, 3), 1, Fraction(rng.randint(-4, 4), rng.randint(1, 3)), 3),
                                   "a random (3, 3) matrix and a Fraction", exact=True)],
)


# ----------------------------------------------------------------- rref


def _rref_of(A: ExactRows) -> object:
    return _rref(A).result.tolist()


def _echelon(A: ExactRows, upward: bool = False, unit: bool = True) -> List[List[Fraction]]:
    """Row reduction as a mistake would do it: only downward, or without scaling the pivots to 1."""
    rows = [[Fraction(x) for x in row] for row in A]
    m, n = len(rows), len(rows[0])
    r = 0
    for j in range(n):
        pivot = next((i for i in range(r, m) if rows[i][j] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        if unit:
            rows[r] = [x / rows[r][j] for x in rows[r]]
        for i in range(m):
            if i != r and (i > r or upward) and rows[i][j] != 0:
                c = rows[i][j] / rows[r][j]
                rows[i] = [x - c * y for x, y in zip(rows[i], rows[r])]
        r += 1
        if r == m:
            break
    return rows


SWAP = Diagnosis("swap", "A pivot was 0 and the code divided by it. When the entry in the pivot's place is 0, "
                 "look further down that column for a row with a non-zero entry and swap it up; if there is none, "
                 "move on to the next column.", error=ZeroDivisionError)

RREF = Exercise(
    name="rref", params=("A",), returns="rows", summary="the reduced row echelon form, by Gauss–Jordan elimination",
    statement="Return the reduced row echelon form of the matrix A (a list of rows, any shape): each pivot is 1,\n"
    "the only non-zero entry of its column, and further right than the pivot above it; rows of zeros\n"
    "come last. Given Fractions, stay exact (Fraction arithmetic, no floats).",
    starter="from fractions import Fraction\n\ndef rref(A):\n    rows = [[Fraction(x) for x in row] for row in A]\n"
    "    m, n = len(rows), len(rows[0])\n    pivot_row = 0\n    for j in range(n):\n        ...\n    return rows",
    reference=_rref_of,
    cases=(
        Case(([[1, 2, 3], [4, 5, 6], [7, 8, 9]],), "a singular (3, 3) matrix: a row of zeros at the end"),
        Case(([[0, 2, 4], [1, 1, 1]],), "a 0 where the first pivot goes: a row swap is needed"),
        Case(([[1, 2, 1], [2, 4, 0]],), "column 2 has no pivot, column 3 does"),
        Case(([[Fraction(1, 2), 1], [1, Fraction(1, 3)], [2, 0]],), "Fractions in a (3, 2) matrix: the answer "
             "must be exact", exact=True),
    ),
    diagnoses=(
        SWAP,
        Diagnosis("upward", "This is an echelon form, not the reduced one: a pivot must also be the only non-zero "
                  "entry of its column, so clear the entries above each pivot too.",
                  answer=lambda A: _echelon(A)),
        Diagnosis("pivot", "The pivots are not all 1: divide each pivot's row by the pivot.",
                  answer=lambda A: _echelon(A, upward=True, unit=False)),
    ),
    lessons=(RANK, SOLVING),
    random_cases=lambda rng: [Case(([[Fraction(x) for x in row] for row in _ints(rng, m, n, -4, 4)],),
                                   f"a random ({m}, {n}) matrix of Fractions", exact=True)
                              for m, n in ((3, 4), (4, 3), (3, 3))],
)


# ------------------------------------------------------------------ det


def _det(A: ExactRows) -> Union[Fraction, float]:
    return det_steps(A).value


def _det_without_swaps(A: ExactRows) -> Fraction:
    U = _echelon(A, unit=False)
    product = Fraction(1)
    for i in range(len(U)):
        product *= U[i][i]
    return product


def _hadamard(A: ExactRows) -> float:
    """The product of the lengths of the rows: no determinant is larger (Hadamard), the scale of the answer."""
    product = 1.0
    for row in A:
        product *= math.sqrt(sum(float(x) ** 2 for x in row))
    return product


DETERMINANT_EXERCISE = Exercise(
    name="det", params=("A",), returns="number", summary="the determinant, by elimination",
    statement="Return the determinant of the square matrix A (a list of rows). By elimination: bring A to a\n"
    "triangular form with row operations, and multiply the pivots; each row swap flips the sign.\n"
    "Given ints or Fractions, stay exact: the answer is then an int or a Fraction.",
    starter="from fractions import Fraction\n\ndef det(A):\n    rows = [[Fraction(x) for x in row] for row in A]\n"
    "    n = len(rows)\n    sign = 1\n    ...",
    reference=_det,
    cases=(
        Case(([[1, 2], [3, 4]],), "a (2, 2) matrix, det −2", exact=True),
        Case(([[0, 1, 2], [1, 0, 3], [4, -3, 8]],), "a 0 where the first pivot goes: one swap, one sign flip",
             exact=True),
        Case(([[1, 2, 3], [4, 5, 6], [7, 8, 9]],), "a singular matrix: det 0", exact=True),
        Case(([[Fraction(1, 2), Fraction(1, 3)], [Fraction(1, 4), 1]],), "Fractions: the answer must be exact",
             exact=True),
        Case(([[5]],), "a (1, 1) matrix", exact=True),
    ),
    diagnoses=(
        SWAP,
        Diagnosis("sign", "The sign is wrong: every row swap multiplies the determinant by −1.",
                  answer=_det_without_swaps),
        Diagnosis("diagonal", "This multiplies the diagonal of A as it is given. That is the determinant of a "
                  "triangular matrix only: eliminate first, then multiply the pivots.",
                  answer=lambda A: _diagonal(A)),
    ),
    lessons=(DETERMINANT,),
    random_cases=lambda rng: [Case((_ints(rng, 4, 4, -3, 3),), "a random (4, 4) matrix", exact=True)],
    size=_hadamard,
)


def _diagonal(A: ExactRows) -> float:
    product = 1.0
    for i in range(len(A)):
        product *= float(A[i][i])
    return product


# -------------------------------------------------------------- inverse


def _inverse(A: ExactRows) -> List[List[Union[Fraction, float]]]:
    return inverse_steps(A).inverse.tolist()


def _invertible(rng: random.Random, n: int) -> List[List[int]]:
    while True:
        A = _ints(rng, n, n, -3, 3)
        if det_steps(A).value != 0:
            return A


INVERSE = Exercise(
    name="inverse", params=("A",), returns="rows", summary="the inverse A⁻¹, by Gauss–Jordan elimination",
    statement="Return the inverse of the square matrix A (a list of rows): the matrix A⁻¹ with A·A⁻¹ = I.\n"
    "Reduce [A | I] until the left half is I; the right half is then A⁻¹. A singular matrix has no\n"
    "inverse: raise ValueError for it. Given Fractions, stay exact.",
    starter="from fractions import Fraction\n\ndef inverse(A):\n    n = len(A)\n"
    "    rows = [[Fraction(x) for x in row] + [Fraction(int(i == j)) for j in range(n)] for i, row in "
    "enumerate(A)]\n    ...",
    reference=_inverse,
    cases=(
        Case(([[2, 1], [1, 1]],), "a (2, 2) matrix whose inverse has whole numbers"),
        Case(([[0, 2, 1], [1, 1, 0], [2, 0, 3]],), "a 0 where the first pivot goes: a row swap is needed"),
        Case(([[Fraction(1, 2), 1], [Fraction(1, 3), 2]],), "Fractions: the answer must be exact", exact=True),
        Case(([[1, 2], [2, 4]],), "a singular matrix (row 2 is twice row 1), which has no inverse: raise "
             "ValueError", raises=ValueError),
    ),
    diagnoses=(
        SWAP,
        Diagnosis("det", "This is det(A) times the inverse: divide by the determinant (or scale each pivot to 1).",
                  answer=lambda A: [[x * _det(A) for x in row] for row in _inverse(A)]),
        Diagnosis("entrywise", "These are the reciprocals 1/a of the entries, which is not the inverse: A⁻¹ is the "
                  "matrix that A·A⁻¹ = I, found by elimination.",
                  answer=lambda A: [[1 / x for x in row] for row in A]),
    ),
    lessons=(DETERMINANT,),
    random_cases=lambda rng: [Case((_invertible(rng, 3),), "a random invertible (3, 3) matrix") for _ in range(2)],
)


# --------------------------------------------------------- Gram-Schmidt


def _orthonormal(vectors: Rows) -> Rows:
    return _rows(_gram_schmidt(Matrix(vectors).T).T)


def _unit(v: List[float]) -> List[float]:
    length = math.sqrt(sum(x * x for x in v))
    return [x / length for x in v]


def _gram_schmidt_mistake(vectors: Rows, normalise: bool = True, subtract: bool = True,
                          against_originals: bool = False) -> Rows:
    found: Rows = []
    for a in vectors:
        v = [float(x) for x in a]
        if subtract:
            for i, q in enumerate(found):
                base = [float(x) for x in vectors[i]] if against_originals else q
                c = sum(x * y for x, y in zip(base, a)) / sum(x * x for x in base)
                v = [x - c * y for x, y in zip(v, base)]
        found.append(_unit(v) if normalise else v)
    return found


def _independent(rng: random.Random, k: int, n: int) -> List[List[int]]:
    while True:
        vectors = _ints(rng, k, n, -3, 3)
        if _rref(vectors).rank == k:
            return vectors


GRAM_SCHMIDT_EXERCISE = Exercise(
    name="gram_schmidt", params=("vectors",), returns="list of vectors",
    summary="an orthonormal basis by Gram–Schmidt, in order",
    statement="Given k linearly independent vectors of length n (a list of lists), return k orthonormal\n"
    "vectors spanning the same space, in the same order: the first is the first vector scaled to\n"
    "length 1; each next one is the next vector minus its components along those found so far,\n"
    "scaled to length 1.",
    starter="import math\n\ndef gram_schmidt(vectors):\n    basis = []\n    for a in vectors:\n        v = list(a)\n"
    "        ...\n        basis.append(v)\n    return basis",
    reference=_orthonormal,
    cases=(
        Case(([[3, 4], [1, 1]],), "two vectors of the plane"),
        Case(([[1, 1, 0], [1, 0, 1]],), "two vectors in 3 dimensions: the basis of a plane in space"),
        Case(([[1, 1, 1], [1, 0, 2], [2, -1, 0]],), "three vectors in 3 dimensions"),
    ),
    diagnoses=(
        Diagnosis("normalise", "These are orthogonal but not of length 1: divide each by its length.",
                  answer=lambda vs: _gram_schmidt_mistake(vs, normalise=False)),
        Diagnosis("project", "Each vector has length 1, but the components along the earlier ones were not "
                  "subtracted: the vectors are not orthogonal.",
                  answer=lambda vs: _gram_schmidt_mistake(vs, subtract=False)),
        Diagnosis("project", "This subtracts the components along the original vectors; subtract them along the "
                  "orthonormal vectors found so far (q₀, q₁, ...), which are orthogonal to each other.",
                  answer=lambda vs: _gram_schmidt_mistake(vs, against_originals=True)),
    ),
    lessons=(GRAM_SCHMIDT,),
    random_cases=lambda rng: [Case((_independent(rng, 2, 4),), "two random vectors of length 4"),
                              Case((_independent(rng, 3, 3),), "three random vectors of length 3")],
)


# --------------------------------------------------------- more: relu, mse


RELU_FUNCTION = Exercise(
    name="relu", params=("z",), returns="float", summary="ReLU(z) = max(0, z)",
    statement="Return ReLU(z) = max(0, z) for a number z: z itself when it is positive, else 0.",
    starter="def relu(z):\n    ...",
    reference=lambda z: _relu(float(z)),
    cases=(Case((2.5,), "a positive z"), Case((-3.0,), "a negative z"), Case((0.0,), "z = 0")),
    diagnoses=(
        Diagnosis("slope", "This is ReLU's slope (1 for z > 0, else 0), not ReLU itself.",
                  answer=lambda z: 1.0 if z > 0 else 0.0),
        Diagnosis("min", "This is min(0, z): ReLU keeps the positive part, max(0, z).", answer=lambda z: min(0.0, z)),
        Diagnosis("abs", "This is |z|: ReLU gives 0 for a negative z, not its size.", answer=lambda z: abs(z)),
    ),
    lessons=(RELU,),
    random_cases=lambda rng: [Case((round(rng.uniform(-5, 5), 3),), "a random z") for _ in range(2)],
)


def _mse(y_hat: Rows, Y: Rows) -> float:
    return mean_squared_error(Matrix(y_hat), Matrix(Y))


MSE = Exercise(
    name="mse", params=("y_hat", "Y"), returns="float", summary="the mean squared error",
    statement="y_hat and Y are (m, o) matrices (lists of rows). Return the mean squared error, the mean over\n"
    "all N = m·o entries of (ŷ − y)²: the usual loss for predicting numbers.",
    starter="def mse(y_hat, Y):\n    ...",
    reference=_mse,
    cases=(
        Case(([[1.0], [2.0], [0.5]], [[0.0], [4.0], [0.5]]), "3 samples, 1 output, one of them right"),
        Case(([[1.0, -1.0], [0.0, 3.0]], [[0.5, 1.0], [0.0, 2.0]]), "2 samples and 2 outputs: N = 4, not 2"),
    ),
    diagnoses=(
        Diagnosis("1/N", "This is the sum of the squares, N times too big: the mean divides it by N = m·o.",
                  answer=lambda y_hat, Y: _mse(y_hat, Y) * len(Y) * len(Y[0])),
        Diagnosis("1/N", "This divides by m, the number of rows; the mean is over all N = m·o entries.",
                  answer=lambda y_hat, Y: _mse(y_hat, Y) * len(Y[0])),
        Diagnosis("square", "The differences are not squared: this is the mean of ŷ − y, where positive and "
                  "negative errors cancel.",
                  answer=lambda y_hat, Y: sum(p - y for pr, yr in zip(y_hat, Y) for p, y in zip(pr, yr))
                  / (len(Y) * len(Y[0]))),
    ),
    lessons=(LOSS,),
    random_cases=lambda rng: [Case((_floats(rng, 3, 2), _floats(rng, 3, 2)), "random (3, 2) predictions")],
)


# ------------------------------------------------- more: momentum and Adam

OPTIMISERS = Lesson("", "the docstring of purenn.nn.optim (help(purenn.nn.optim)), SGD's momentum and Adam")


def _momentum_step(p: List[float], v: List[float], g: List[float], learning_rate: float,
                   momentum: float) -> Tuple[List[float], List[float]]:
    """SGD's momentum step, line for line as in purenn/nn/optim.py (a test checks that they agree)."""
    P, V, G = Vector(p), Vector(v), Vector(g)
    # v ← μ·v + g
    V = G + momentum * V
    # (14) p ← p − α·d          with d = v
    return (P - learning_rate * V).tolist(), V.tolist()


def _momentum_mistake(p: List[float], v: List[float], g: List[float], learning_rate: float, momentum: float,
                      kind: str) -> Tuple[List[float], List[float]]:
    if kind == "no momentum":
        new_v = list(g)
    elif kind == "average":
        new_v = [momentum * a + (1 - momentum) * b for a, b in zip(v, g)]
    elif kind == "α inside":
        new_v = [momentum * a + learning_rate * b for a, b in zip(v, g)]
        return [x - d for x, d in zip(p, new_v)], new_v
    else:
        new_v = [momentum * a + b for a, b in zip(v, g)]
    along = v if kind == "old v" else new_v
    sign = -1.0 if kind == "sign" else 1.0
    return [x - sign * learning_rate * d for x, d in zip(p, along)], new_v


def _optimiser_vectors(rng: random.Random, n: int) -> Tuple[List[float], List[float], List[float]]:
    return _floats(rng, 1, n)[0], _floats(rng, 1, n, 0.5)[0], _floats(rng, 1, n)[0]


MOMENTUM_STEP = Exercise(
    name="momentum_step", params=("p", "v", "g", "learning_rate", "momentum"), returns="(p, v)",
    summary="one step of gradient descent with momentum",
    statement="p is a parameter (a list of numbers), g its gradient, v its velocity so far (zeros before the\n"
    "first step), α the learning rate and μ the momentum. Update the velocity, v ← μ·v + g, then take\n"
    "the step along it, p ← p − α·v (PyTorch's form, and purenn's SGD). Return the new p and the new v,\n"
    "as new lists.",
    starter="def momentum_step(p, v, g, learning_rate, momentum):\n"
    "    new_v = ...  # v ← μ·v + g\n    new_p = ...  # p ← p − α·v, with the new v\n    return new_p, new_v",
    reference=_momentum_step,
    cases=(
        Case(([1.0, -2.0, 0.5], [0.0, 0.0, 0.0], [0.5, 1.0, -1.0], 0.2, 0.9),
             "the first step: v is zero, so the new v is g and the step is α·g"),
        Case(([1.0, -2.0, 0.5], [0.4, -0.2, 0.0], [0.5, 1.0, -1.0], 0.2, 0.9),
             "a later step: the velocity carries the earlier gradients"),
        Case(([2.0, 0.0], [1.0, 1.0], [-1.0, 3.0], 0.5, 0.8), "α = 0.5 and μ = 0.8"),
    ),
    diagnoses=(
        Diagnosis("momentum", "The velocity is the gradient alone: v ← μ·v + g keeps μ times the old velocity too.",
                  answer=lambda p, v, g, a, mu: _momentum_mistake(p, v, g, a, mu, "no momentum")),
        Diagnosis("order", "The step uses the old velocity: update v first, then step along the new one.",
                  answer=lambda p, v, g, a, mu: _momentum_mistake(p, v, g, a, mu, "old v")),
        Diagnosis("average", "This is a running average, v ← μ·v + (1 − μ)·g, Adam's m. SGD's momentum adds the "
                  "whole gradient: v ← μ·v + g.",
                  answer=lambda p, v, g, a, mu: _momentum_mistake(p, v, g, a, mu, "average")),
        Diagnosis("sign", "This steps uphill, p + α·v: the step goes against the gradient.",
                  answer=lambda p, v, g, a, mu: _momentum_mistake(p, v, g, a, mu, "sign")),
        Diagnosis("α inside", "This is momentum written the other way, v ← μ·v + α·g and p ← p − v (the same steps "
                  "while α stays fixed), but its v is α times this exercise's: here v ← μ·v + g and p ← p − α·v, "
                  "as in PyTorch and purenn's SGD.",
                  answer=lambda p, v, g, a, mu: _momentum_mistake(p, v, g, a, mu, "α inside")),
    ),
    equations=(14,),
    lessons=(OPTIMISERS,),
    random_cases=lambda rng: [Case(_optimiser_vectors(rng, 3) + (0.2, 0.9), "random p, v and g, α = 0.2, μ = 0.9")],
    parts=("p", "v"),
)


ADAM_BETAS = (0.9, 0.999, 1e-8)
"""β1, β2 and ε of the Adam exercise: the usual defaults (Kingma and Ba's, PyTorch's and purenn's)."""


def _adam_step(p: List[float], g: List[float], m: List[float], v: List[float], t: int,
               learning_rate: float) -> Tuple[List[float], List[float], List[float]]:
    """Adam's update number t, line for line as in purenn/nn/optim.py (a test checks that they agree)."""
    beta1, beta2, eps = ADAM_BETAS
    P, G, M, V = Vector(p), Vector(g), Vector(m), Vector(v)
    # m ← β1·m + (1 − β1)·g
    M = beta1 * M + (1.0 - beta1) * G
    # v ← β2·v + (1 − β2)·g²
    V = beta2 * V + (1.0 - beta2) * (G * G)
    # m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
    m_hat = M / (1.0 - beta1**t)
    v_hat = V / (1.0 - beta2**t)
    # p ← p − α·m̂ / (√v̂ + ε)
    return (P - learning_rate * m_hat / (v_hat.map(math.sqrt) + eps)).tolist(), M.tolist(), V.tolist()


def _adam_mistake(p: List[float], g: List[float], m: List[float], v: List[float], t: int, learning_rate: float,
                  kind: str) -> Tuple[List[float], List[float], List[float]]:
    beta1, beta2, eps = ADAM_BETAS
    new_m = [beta1 * a + (1 - beta1) * b for a, b in zip(m, g)]
    new_v = [beta2 * a + (1 - beta2) * b * b for a, b in zip(v, g)]
    if kind == "no correction":
        m_hat, v_hat = new_m, new_v
    else:
        m_hat = [a / (1 - beta1 ** t) for a in new_m]
        v_hat = [a / (1 - beta2 ** t) for a in new_v]
    if kind == "no root":
        scale = [a + eps for a in v_hat]
    else:
        scale = [math.sqrt(a) + eps for a in v_hat]
    return [x - learning_rate * a / s for x, a, s in zip(p, m_hat, scale)], new_m, new_v


ADAM_STEP = Exercise(
    name="adam_step", params=("p", "g", "m", "v", "t", "learning_rate"), returns="(p, m, v)",
    summary="one step of Adam",
    statement="p is a parameter (a list of numbers), g its gradient, m and v the running averages of the\n"
    "gradient and of its square (zeros before the first step), t the number of this update (1 for\n"
    "the first) and α the learning rate. With β1 = 0.9, β2 = 0.999 and ε = 1e-8, entry by entry:\n"
    "m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,  m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t),\n"
    "p ← p − α·m̂ / (√v̂ + ε). Return the new p, m and v, as new lists.",
    starter="import math\n\ndef adam_step(p, g, m, v, t, learning_rate):\n    beta1, beta2, eps = 0.9, 0.999, 1e-8\n"
    "    new_m = ...  # β1·m + (1 − β1)·g\n    new_v = ...  # β2·v + (1 − β2)·g²\n"
    "    m_hat = ...  # m / (1 − β1^t)\n    v_hat = ...  # v / (1 − β2^t)\n"
    "    new_p = ...  # p − α·m̂ / (√v̂ + ε)\n    return new_p, new_m, new_v",
    reference=_adam_step,
    cases=(
        Case(([1.0, -2.0, 0.5], [0.5, -4.0, 0.01], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 1, 0.1),
             "the first step, t = 1: the bias correction makes it α in every direction, whatever the gradient's "
             "size"),
        Case(([1.0, -2.0, 0.5], [0.5, -4.0, 0.01], [0.2, -0.1, 0.0], [0.04, 0.2, 0.001], 3, 0.1),
             "a later step, t = 3"),
    ),
    diagnoses=(
        Diagnosis("correction", "m̂ and v̂ are missing: without dividing by 1 − β1^t and 1 − β2^t, the first steps "
                  "use averages still pulled towards their starting zeros.",
                  answer=lambda p, g, m, v, t, a: _adam_mistake(p, g, m, v, t, a, "no correction")),
        Diagnosis("root", "The step divides by v̂ + ε; Adam divides by its square root, √v̂ + ε, so that "
                  "m̂ / √v̂ is about ±1.",
                  answer=lambda p, g, m, v, t, a: _adam_mistake(p, g, m, v, t, a, "no root")),
        Diagnosis("t", "A division by zero: with t = 1 − β^t is 1 − β, not 0. Is t counted from 0 instead of 1, or "
                  "raised to t − 1?", error=ZeroDivisionError),
    ),
    lessons=(OPTIMISERS,),
    random_cases=lambda rng: [Case((_floats(rng, 1, 3)[0], _floats(rng, 1, 3)[0], _floats(rng, 1, 3, 0.2)[0],
                                    [round(rng.uniform(0.0, 0.5), 3) for _ in range(3)], rng.randint(2, 20), 0.01),
                                   "random p, g, m and v, t between 2 and 20")],
    parts=("p", "m", "v"),
)


# ------------------------------------------- the backward rules of autograd's Value
# Each reference builds the node from Values and runs Value.backward on node·grad, so the node's own
# gradient is grad and its inputs' gradients are what purenn/autograd/value.py's rule gives them.


def _mul_backward(a: float, b: float, out: float, grad: float) -> Tuple[float, float]:
    x, y = Value(a), Value(b)
    (x * y * grad).backward()
    return x.grad, y.grad


def _tanh_backward(a: float, t: float, grad: float) -> float:
    x = Value(a)
    (x.tanh() * grad).backward()
    return x.grad


def _exp_backward(a: float, e: float, grad: float) -> float:
    x = Value(a)
    (x.exp() * grad).backward()
    return x.grad


def _mul_case(a: float, b: float, grad: float, about: str) -> Case:
    return Case((a, b, (Value(a) * Value(b)).data, grad), about)


def _tanh_case(a: float, grad: float, about: str) -> Case:
    return Case((a, Value(a).tanh().data, grad), about)


def _exp_case(a: float, grad: float, about: str) -> Case:
    return Case((a, Value(a).exp().data, grad), about)


def _random_grad(rng: random.Random) -> float:
    return round(rng.choice((-1.0, 1.0)) * rng.uniform(0.1, 3.0), 2)


MUL_BACKWARD = Exercise(
    name="mul_backward", params=("a", "b", "out", "grad"), returns="(da, db)",
    summary="the backward rule of a product of Values, out = a·b",
    statement="A Value node computed out = a·b from two Values whose data are a and b, and backward has\n"
    "handed it grad = ∂L/∂out. Return what it passes to its two factors: (∂L/∂a, ∂L/∂b), the chain\n"
    "rule's local derivative of out by each factor times grad.",
    starter="def mul_backward(a, b, out, grad):\n    da = ...  # ∂out/∂a × grad\n"
    "    db = ...  # ∂out/∂b × grad\n    return da, db",
    reference=_mul_backward,
    cases=(
        _mul_case(2.0, -3.0, 0.5, "a ≠ b and grad = 0.5: swapped factors and a forgotten grad both show"),
        _mul_case(-1.5, 4.0, -2.0, "a negative grad"),
        _mul_case(0.0, 2.5, 3.0, "a = 0: b's gradient is 0, a's is not"),
        _mul_case(1.5, 1.5, 2.0, "a = b, where swapping the factors cannot show"),
    ),
    diagnoses=(
        Diagnosis("swapped", "This gives each factor its own value times grad, (a·grad, b·grad). Each factor "
                  "receives the other one: ∂(a·b)/∂a = b and ∂(a·b)/∂b = a, so (b·grad, a·grad).",
                  answer=lambda a, b, out, grad: (a * grad, b * grad)),
        Diagnosis("grad", "This is the local derivative alone, (b, a): the gradient arriving at the node is "
                  "forgotten. The chain rule multiplies it in: (b·grad, a·grad).",
                  answer=lambda a, b, out, grad: (b, a)),
        Diagnosis("pass-through", "This passes grad through unchanged to both factors, the rule of a sum a + b. "
                  "A product scales it by the other factor: (b·grad, a·grad).",
                  answer=lambda a, b, out, grad: (grad, grad)),
    ),
    lessons=(BY_HAND, ONE_RULE),
    random_cases=lambda rng: [_mul_case(round(rng.uniform(-3, 3), 2), round(rng.uniform(-3, 3), 2),
                                        _random_grad(rng), "random a, b and grad") for _ in range(2)],
    parts=("da", "db"),
)


TANH_BACKWARD = Exercise(
    name="tanh_backward", params=("a", "t", "grad"), returns="float",
    summary="the backward rule of tanh, t = tanh(a)",
    statement="A Value node computed t = tanh(a) from a Value whose data is a, and backward has handed it\n"
    "grad = ∂L/∂t. Return ∂L/∂a. The slope of tanh is 1 − tanh²a, and the node already holds tanh a: t.",
    starter="def tanh_backward(a, t, grad):\n    return ...  # ∂t/∂a × grad",
    reference=_tanh_backward,
    cases=(
        _tanh_case(0.8, 0.5, "a = 0.8 and grad = 0.5: a ≠ 0, so taking a for t shows, and grad ≠ 1"),
        _tanh_case(-2.0, 3.0, "a negative a, where tanh is near −1 and the slope small"),
        _tanh_case(0.0, -1.5, "a = 0, where t = a and the slope is 1"),
    ),
    diagnoses=(
        Diagnosis("input", "This is (1 − a²)·grad: the input a where the output t belongs. The slope of tanh is "
                  "1 − tanh²a = 1 − t².", answer=lambda a, t, grad: (1 - a * a) * grad),
        Diagnosis("grad", "This is the slope 1 − t² alone: the gradient arriving at the node is forgotten. The "
                  "chain rule multiplies it in: (1 − t²)·grad.", answer=lambda a, t, grad: 1 - t * t),
        Diagnosis("tanh again", "This is (1 − tanh²(t))·grad: tanh taken of t, which is already tanh a. The slope "
                  "is 1 − t², no tanh needed.", answer=lambda a, t, grad: (1 - math.tanh(t) ** 2) * grad),
    ),
    lessons=(BY_HAND, ONE_RULE),
    random_cases=lambda rng: [_tanh_case(round(rng.uniform(-3, 3), 2), _random_grad(rng), "random a and grad")
                              for _ in range(2)],
)


EXP_BACKWARD = Exercise(
    name="exp_backward", params=("a", "e", "grad"), returns="float",
    summary="the backward rule of exp, e = exp(a)",
    statement="A Value node computed e = exp(a) = eᵃ from a Value whose data is a, and backward has handed\n"
    "it grad = ∂L/∂e. Return ∂L/∂a. The node already holds eᵃ: e.",
    starter="def exp_backward(a, e, grad):\n    return ...  # ∂e/∂a × grad",
    reference=_exp_backward,
    cases=(
        _exp_case(-1.3, 0.5, "a = −1.3 and grad = 0.5: a ≠ 1, so the power rule's a·e shows, and grad ≠ 1"),
        _exp_case(2.2, -2.0, "a larger a and a negative grad"),
        _exp_case(1.0, 3.0, "a = 1, where a·e and e agree"),
    ),
    diagnoses=(
        Diagnosis("power rule", "This is a·e·grad, the exponent brought down as the power rule does for aⁿ. "
                  "The derivative of eᵃ is eᵃ itself: e·grad.", answer=lambda a, e, grad: a * e * grad),
        Diagnosis("grad", "This is e alone: the gradient arriving at the node is forgotten. The chain rule "
                  "multiplies it in: e·grad.", answer=lambda a, e, grad: e),
        Diagnosis("pass-through", "This passes grad through unchanged, as if the node did nothing. exp scales it "
                  "by its slope, eᵃ = e: e·grad.", answer=lambda a, e, grad: grad),
    ),
    lessons=(BY_HAND, ONE_RULE),
    random_cases=lambda rng: [_exp_case(round(rng.uniform(-3, 3), 2), _random_grad(rng), "random a and grad")
                              for _ in range(2)],
)


EXERCISES: Dict[str, Exercise] = {exercise.name: exercise for exercise in (
    DOT_PRODUCT, MATMUL, TRANSPOSED, SIGMOID_FUNCTION, SIGMOID_SLOPE, FORWARD_PASS, LOSS_FUNCTION, BACKWARD_PASS,
    GRADIENT_STEP, SOFTMAX_FUNCTION, ROW_OPERATION, RREF, DETERMINANT_EXERCISE, INVERSE, GRAM_SCHMIDT_EXERCISE,
    RELU_FUNCTION, MSE, MOMENTUM_STEP, ADAM_STEP, MUL_BACKWARD, TANH_BACKWARD, EXP_BACKWARD,
)}
"""Every exercise by name, in the order of the lessons."""
