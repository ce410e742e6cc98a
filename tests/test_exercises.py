"""The exercises: every one passes correct solutions written in two styles, and names typical mistakes.

Each exercise of purenn.exercises.EXERCISES has here at least two correct
solutions, written the way different learners write them (index loops,
comprehensions, zip, tuples, Fractions, another formula or loop order), which
must pass, and at least three typical wrong ones, each of which must fail with
its diagnosis named, in words a learner can act on.
"""

import math
from fractions import Fraction
from typing import Callable, Dict, List, Sequence, Tuple

import pytest

from purenn import Matrix, Vector
from purenn.exercises import EXERCISES, check

Function = Callable[..., object]


# ------------------------------------------------------------ helpers a learner writes


def _matmul(A: Sequence[Sequence[float]], B: Sequence[Sequence[float]]) -> List[List[float]]:
    return [[sum(a * b for a, b in zip(row, column)) for column in zip(*B)] for row in A]


def _T(A: Sequence[Sequence[float]]) -> List[List[float]]:
    return [list(column) for column in zip(*A)]


def _stable_sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _naive_sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _ln(p: float) -> float:
    return max(math.log(p), -100) if p > 0 else -100


# ---------------------------------------------------------------------- dot


def dot_loop(x, y):
    total = 0
    for k in range(len(x)):
        total += x[k] * y[k]
    return total


def dot_zip(x, y):
    return math.fsum(a * b for a, b in zip(x, y))


def dot_products(x, y):
    return [a * b for a, b in zip(x, y)]


def dot_sums(x, y):
    return sum(x) * sum(y)


def dot_plus(x, y):
    return sum(a + b for a, b in zip(x, y))


# ------------------------------------------------------------------- matmul


def matmul_loops(A, B):
    m, n, p = len(A), len(B), len(B[0])
    C = [[0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            for k in range(n):
                C[i][j] += A[i][k] * B[k][j]
    return C


def matmul_ikj_tuples(A, B):
    p = len(B[0])
    result = []
    for row in A:
        out = [0.0] * p
        for k, a in enumerate(row):  # loop order i, k, j
            for j in range(p):
                out[j] += a * B[k][j]
        result.append(tuple(out))
    return tuple(result)


def matmul_purenn(A, B):
    return Matrix(A) @ Matrix(B)


def matmul_transposed(A, B):
    return _T(_matmul(A, B))


def matmul_index_swapped(A, B):
    return [[sum(A[k][i] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def matmul_elementwise(A, B):
    return [[a * b for a, b in zip(r, s)] for r, s in zip(A, B)]


def matmul_generator_rows(A, B):
    return [(sum(a * b for a, b in zip(row, column)) for column in zip(*B)) for row in A]


# ---------------------------------------------------------------- transpose


def transpose_loops(A):
    m, n = len(A), len(A[0])
    return [[A[i][j] for i in range(m)] for j in range(n)]


def transpose_zip(A):
    return list(zip(*A))


def transpose_copy(A):
    return [row[:] for row in A]


def transpose_square_loops(A):
    return [[A[j][i] for j in range(len(A))] for i in range(len(A))]


def transpose_lazy_zip(A):
    return zip(*A)


# ------------------------------------------------------------------ sigmoid


def sigmoid_branches(z):
    return _stable_sigmoid(z)


def sigmoid_tanh(z):
    return 0.5 * (1 + math.tanh(z / 2))  # the same function, another formula


def sigmoid_naive(z):
    return 1 / (1 + math.exp(-z))


def sigmoid_slope_instead(z):
    s = _stable_sigmoid(z)
    return s * (1 - s)


def sigmoid_no_minus(z):
    return 1 / (1 + math.exp(z))


# ------------------------------------------------------------ sigmoid_slope


def slope_product(a):
    return a * (1 - a)


def slope_expanded(a):
    return a - a ** 2


def slope_is_a(a):
    return a


def slope_of_a_as_z(a):
    s = _stable_sigmoid(a)
    return s * (1 - s)


def slope_plus(a):
    return a * (1 + a)


# ------------------------------------------------------------------ forward


def forward_loops(X, W1, b1, W2, b2):
    m, n, h, o = len(X), len(W1), len(W1[0]), len(W2[0])
    z1 = [[sum(X[i][p] * W1[p][j] for p in range(n)) + b1[j] for j in range(h)] for i in range(m)]
    a1 = [[_stable_sigmoid(z) for z in row] for row in z1]
    z2 = [[sum(a1[i][j] * W2[j][k] for j in range(h)) + b2[k] for k in range(o)] for i in range(m)]
    y_hat = [[_stable_sigmoid(z) for z in row] for row in z2]
    return z1, a1, z2, y_hat


def forward_helpers(X, W1, b1, W2, b2):
    z1 = [[z + b for z, b in zip(row, b1)] for row in _matmul(X, W1)]
    a1 = [list(map(sigmoid_tanh, row)) for row in z1]
    z2 = [[z + b for z, b in zip(row, b2)] for row in _matmul(a1, W2)]
    return [z1, a1, z2, [list(map(sigmoid_tanh, row)) for row in z2]]


def forward_purenn(X, W1, b1, W2, b2):
    from purenn import TwoLayerNetwork
    return TwoLayerNetwork.from_weights(Matrix(W1), Vector(b1), Matrix(W2), Vector(b2)).forward(Matrix(X))


def forward_no_b1(X, W1, b1, W2, b2):
    return forward_loops(X, W1, [0] * len(b1), W2, b2)


def forward_no_sigma(X, W1, b1, W2, b2):
    z1 = [[z + b for z, b in zip(row, b1)] for row in _matmul(X, W1)]
    z2 = [[z + b for z, b in zip(row, b2)] for row in _matmul(z1, W2)]
    return z1, z1, z2, [[_stable_sigmoid(z) for z in row] for row in z2]


def forward_naive_sigmoid(X, W1, b1, W2, b2):
    z1 = [[z + b for z, b in zip(row, b1)] for row in _matmul(X, W1)]
    a1 = [[_naive_sigmoid(z) for z in row] for row in z1]
    z2 = [[z + b for z, b in zip(row, b2)] for row in _matmul(a1, W2)]
    return z1, a1, z2, [[_naive_sigmoid(z) for z in row] for row in z2]


def forward_slope(X, W1, b1, W2, b2):
    z1 = [[z + b for z, b in zip(row, b1)] for row in _matmul(X, W1)]
    a1 = [[_stable_sigmoid(z) * (1 - _stable_sigmoid(z)) for z in row] for row in z1]
    z2 = [[z + b for z, b in zip(row, b2)] for row in _matmul(a1, W2)]
    return z1, a1, z2, [[_stable_sigmoid(z) for z in row] for row in z2]


# --------------------------------------------------------------------- loss


def loss_loops(y_hat, Y):
    m, o = len(Y), len(Y[0])
    total = 0.0
    for i in range(m):
        for k in range(o):
            total += Y[i][k] * _ln(y_hat[i][k]) + (1 - Y[i][k]) * _ln(1 - y_hat[i][k])
    return -total / (m * o)


def loss_comprehension(y_hat, Y):
    terms = [y * _ln(p) + (1 - y) * _ln(1 - p) for ps, ys in zip(y_hat, Y) for p, y in zip(ps, ys)]
    return -Fraction(sum(terms)) / len(terms)


def loss_sum(y_hat, Y):
    return loss_loops(y_hat, Y) * len(Y) * len(Y[0])


def loss_by_rows(y_hat, Y):
    return loss_loops(y_hat, Y) * len(Y[0])


def loss_no_minus(y_hat, Y):
    return -loss_loops(y_hat, Y)


def loss_no_clamp(y_hat, Y):
    terms = [y * math.log(p) + (1 - y) * math.log(1 - p) for ps, ys in zip(y_hat, Y) for p, y in zip(ps, ys)]
    return -sum(terms) / len(terms)


# ----------------------------------------------------------------- backward


def backward_loops(X, Y, W2, a1, y_hat):
    m, n, h, o = len(X), len(X[0]), len(W2), len(Y[0])
    N = m * o
    dz2 = [[(y_hat[i][k] - Y[i][k]) / N for k in range(o)] for i in range(m)]
    dW2 = [[sum(a1[i][j] * dz2[i][k] for i in range(m)) for k in range(o)] for j in range(h)]
    db2 = [sum(dz2[i][k] for i in range(m)) for k in range(o)]
    da1 = [[sum(dz2[i][k] * W2[j][k] for k in range(o)) for j in range(h)] for i in range(m)]
    dz1 = [[da1[i][j] * a1[i][j] * (1 - a1[i][j]) for j in range(h)] for i in range(m)]
    dW1 = [[sum(X[i][p] * dz1[i][j] for i in range(m)) for j in range(h)] for p in range(n)]
    db1 = [sum(dz1[i][j] for i in range(m)) for j in range(h)]
    return dW1, db1, dW2, db2


def backward_matrices(X, Y, W2, a1, y_hat, *, scale=None, sign=1, slope_again=False, axis=0,
                      transpose_dW2=False):
    N = len(Y) * len(Y[0]) if scale is None else scale
    dz2 = [[sign * (p - y) / N for p, y in zip(ps, ys)] for ps, ys in zip(y_hat, Y)]
    if slope_again:
        dz2 = [[d * p * (1 - p) for d, p in zip(ds, ps)] for ds, ps in zip(dz2, y_hat)]
    dW2 = _T(_matmul(_T(dz2), a1)) if not transpose_dW2 else _matmul(_T(dz2), a1)
    db2 = [sum(column) for column in zip(*dz2)] if axis == 0 else [sum(row) for row in dz2]
    da1 = _matmul(dz2, _T(W2))
    dz1 = [[d * a * (1 - a) for d, a in zip(ds, As)] for ds, As in zip(da1, a1)]
    db1 = [sum(column) for column in zip(*dz1)] if axis == 0 else [sum(row) for row in dz1]
    return _matmul(_T(X), dz1), db1, dW2, db2


def backward_no_mean(X, Y, W2, a1, y_hat):
    return backward_matrices(X, Y, W2, a1, y_hat, scale=1)


def backward_flipped(X, Y, W2, a1, y_hat):
    return backward_matrices(X, Y, W2, a1, y_hat, sign=-1)


def backward_slope_again(X, Y, W2, a1, y_hat):
    return backward_matrices(X, Y, W2, a1, y_hat, slope_again=True)


def backward_wrong_axis(X, Y, W2, a1, y_hat):
    return backward_matrices(X, Y, W2, a1, y_hat, axis=1)


def backward_transposed_dW2(X, Y, W2, a1, y_hat):
    return backward_matrices(X, Y, W2, a1, y_hat, transpose_dW2=True)


# --------------------------------------------------------------------- step


def step_loops(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    new_W1 = [[w - learning_rate * d for w, d in zip(ws, ds)] for ws, ds in zip(W1, dW1)]
    new_b1 = [b - learning_rate * d for b, d in zip(b1, db1)]
    new_W2 = [[w - learning_rate * d for w, d in zip(ws, ds)] for ws, ds in zip(W2, dW2)]
    new_b2 = [b - learning_rate * d for b, d in zip(b2, db2)]
    return new_W1, new_b1, new_W2, new_b2


def step_purenn(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    a = learning_rate
    return (Matrix(W1) - a * Matrix(dW1), Vector(b1) - a * Vector(db1), Matrix(W2) - a * Matrix(dW2),
            Vector(b2) - a * Vector(db2))


def step_uphill(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    return step_loops(W1, b1, W2, b2, dW1, db1, dW2, db2, -learning_rate)


def step_no_alpha(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    return step_loops(W1, b1, W2, b2, dW1, db1, dW2, db2, 1)


def step_in_place(W1, b1, W2, b2, dW1, db1, dW2, db2, learning_rate):
    for W, dW in ((W1, dW1), (W2, dW2)):
        for i in range(len(W)):
            for j in range(len(W[0])):
                W[i][j] -= learning_rate * dW[i][j]
    for b, db in ((b1, db1), (b2, db2)):
        for j in range(len(b)):
            b[j] -= learning_rate * db[j]
    return W1, b1, W2, b2


# ------------------------------------------------------------------ softmax


def softmax_loop(z):
    top = max(z)
    exps = []
    for x in z:
        exps.append(math.exp(x - top))
    total = sum(exps)
    return [e / total for e in exps]


def softmax_fsum(z):
    exps = [math.exp(x - max(z)) for x in z]
    return tuple(e / math.fsum(exps) for e in exps)


def softmax_naive(z):
    exps = [math.exp(x) for x in z]
    return [e / sum(exps) for e in exps]


def softmax_sigmoids(z):
    return [_stable_sigmoid(x) for x in z]


def softmax_no_exp(z):
    return [x / sum(z) for x in z]


# ------------------------------------------------------------ row_operation


def row_operation_copy(A, target, factor, source):
    new = [list(row) for row in A]
    for j in range(len(new[0])):
        new[target - 1][j] = A[target - 1][j] + factor * A[source - 1][j]
    return new


def row_operation_comprehension(A, target, factor, source):
    return [[x + factor * y for x, y in zip(row, A[source - 1])] if i == target else row
            for i, row in enumerate(A, 1)]


def row_operation_from_0(A, target, factor, source):
    new = [list(row) for row in A]
    new[target] = [x + factor * y for x, y in zip(A[target], A[source])]
    return new


def row_operation_in_place(A, target, factor, source):
    A[target - 1] = [x + factor * y for x, y in zip(A[target - 1], A[source - 1])]
    return A


def row_operation_minus(A, target, factor, source):
    return row_operation_copy(A, target, -factor, source)


def row_operation_swapped(A, target, factor, source):
    return row_operation_copy(A, source, factor, target)


# --------------------------------------------------------------------- rref


def rref_gauss_jordan(A, swap=True, upward=True, exact=True):
    rows = [[Fraction(x) if exact else float(x) for x in row] for row in A]
    m, n = len(rows), len(rows[0])
    r = 0
    for j in range(n):
        if r == m:
            break
        if swap:
            pivot = next((i for i in range(r, m) if rows[i][j] != 0), None)
            if pivot is None:
                continue
            rows[r], rows[pivot] = rows[pivot], rows[r]
        p = rows[r][j]
        rows[r] = [x / p for x in rows[r]]
        for i in range(m):
            if i != r and (upward or i > r):
                c = rows[i][j]
                rows[i] = [x - c * y for x, y in zip(rows[i], rows[r])]
        r += 1
    return rows


def rref_down_then_up(A):
    """Another order: eliminate below every pivot first, then clear above them from the last pivot up."""
    rows = [list(map(Fraction, row)) for row in A]
    m, n = len(rows), len(rows[0])
    pivots = []
    r = 0
    for j in range(n):
        below = [i for i in range(r, m) if rows[i][j] != 0]
        if not below or r == m:
            continue
        rows[r], rows[below[0]] = rows[below[0]], rows[r]
        for i in range(r + 1, m):
            c = rows[i][j] / rows[r][j]
            rows[i] = [x - c * y for x, y in zip(rows[i], rows[r])]
        pivots.append((r, j))
        r += 1
    for r, j in reversed(pivots):
        rows[r] = [x / rows[r][j] for x in rows[r]]
        for i in range(r):
            c = rows[i][j]
            rows[i] = [x - c * y for x, y in zip(rows[i], rows[r])]
    return rows


def rref_no_swap(A):
    return rref_gauss_jordan(A, swap=False)


def rref_echelon(A):
    return rref_gauss_jordan(A, upward=False)


def rref_floats(A):
    return rref_gauss_jordan(A, exact=False)


# ---------------------------------------------------------------------- det


def det_elimination(A, flip=True, swap=True, exact=True):
    rows = [[Fraction(x) if exact else float(x) for x in row] for row in A]
    n = len(rows)
    result = Fraction(1) if exact else 1.0
    for j in range(n):
        if swap:
            pivot = next((i for i in range(j, n) if rows[i][j] != 0), None)
            if pivot is None:
                return 0
            if pivot != j:
                rows[j], rows[pivot] = rows[pivot], rows[j]
                result = -result if flip else result
        result *= rows[j][j]
        for i in range(j + 1, n):
            c = rows[i][j] / rows[j][j]
            rows[i] = [x - c * y for x, y in zip(rows[i], rows[j])]
    return result


def det_cofactors(A):
    if len(A) == 1:
        return A[0][0]
    return sum((-1) ** j * A[0][j] * det_cofactors([row[:j] + row[j + 1:] for row in A[1:]]) for j in range(len(A)))


def det_no_swap(A):
    return det_elimination(A, swap=False)


def det_no_flip(A):
    return det_elimination(A, flip=False)


def det_floats(A):
    return det_elimination(A, exact=False)


def det_diagonal(A):
    product = 1
    for i in range(len(A)):
        product *= A[i][i]
    return product


# ------------------------------------------------------------------ inverse


def inverse_gauss_jordan(A, swap=True, check_singular=True):
    n = len(A)
    rows = [[Fraction(x) for x in row] + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(A)]
    for j in range(n):
        if swap:
            pivot = next((i for i in range(j, n) if rows[i][j] != 0), None)
            if pivot is None:
                if check_singular:
                    raise ValueError("singular matrix")
                continue
            rows[j], rows[pivot] = rows[pivot], rows[j]
        p = rows[j][j]
        rows[j] = [x / p for x in rows[j]]
        for i in range(n):
            if i != j:
                c = rows[i][j]
                rows[i] = [x - c * y for x, y in zip(rows[i], rows[j])]
    return [row[n:] for row in rows]


def inverse_cofactors(A):
    d = Fraction(det_cofactors(A))
    if d == 0:
        raise ValueError("the matrix is singular")
    n = len(A)
    if n == 1:
        return [[1 / d]]

    def minor(i, j):
        return [row[:j] + row[j + 1:] for k, row in enumerate(A) if k != i]

    return [[(-1) ** (i + j) * det_cofactors(minor(j, i)) / d for j in range(n)] for i in range(n)]


def inverse_no_swap(A):
    return inverse_gauss_jordan(A, swap=False)


def inverse_no_check(A):
    return inverse_gauss_jordan(A, check_singular=False)


def inverse_times_det(A):
    d = det_cofactors(A)
    return [[x * d for x in row] for row in inverse_gauss_jordan(A)]


def inverse_reciprocals(A):
    return [[1 / x for x in row] for row in A]


# ------------------------------------------------------------- gram_schmidt


def _norm(v):
    return math.sqrt(sum(x * x for x in v))


def gram_schmidt_classical(vectors, normalise=True, subtract=True):
    basis = []
    for a in vectors:
        v = list(a)
        if subtract:
            for q in basis:
                c = sum(x * y for x, y in zip(q, a))  # against the original a: the classical form
                v = [x - c * y for x, y in zip(v, q)]
        basis.append([x / _norm(v) for x in v] if normalise else v)
    if not normalise:  # orthogonal but unnormalised vectors need their own projections
        basis = []
        for a in vectors:
            v = [float(x) for x in a]
            for u in basis:
                c = sum(x * y for x, y in zip(u, v)) / sum(x * x for x in u)
                v = [x - c * y for x, y in zip(v, u)]
            basis.append(v)
    return basis


def gram_schmidt_modified(vectors):
    basis = []
    for a in vectors:
        v = [float(x) for x in a]
        for q in basis:
            c = sum(x * y for x, y in zip(q, v))  # against what is left so far: the modified form
            v = [x - c * y for x, y in zip(v, q)]
        length = _norm(v)
        basis.append(tuple(x / length for x in v))
    return basis


def gram_schmidt_unnormalised(vectors):
    return gram_schmidt_classical(vectors, normalise=False)


def gram_schmidt_no_projection(vectors):
    return gram_schmidt_classical(vectors, subtract=False)


def gram_schmidt_against_originals(vectors):
    basis = []
    for i, a in enumerate(vectors):
        v = [float(x) for x in a]
        for b in vectors[:i]:
            c = sum(x * y for x, y in zip(b, a)) / sum(x * x for x in b)
            v = [x - c * y for x, y in zip(v, b)]
        basis.append([x / _norm(v) for x in v])
    return basis


# -------------------------------------------------------------- relu and mse


def relu_max(z):
    return max(0, z)


def relu_branch(z):
    return z if z > 0 else 0.0


def relu_slope(z):
    return 1 if z > 0 else 0


def relu_min(z):
    return min(0, z)


def relu_abs(z):
    return abs(z)


def mse_loops(y_hat, Y):
    total, count = 0.0, 0
    for ps, ys in zip(y_hat, Y):
        for p, y in zip(ps, ys):
            total += (p - y) ** 2
            count += 1
    return total / count


def mse_comprehension(y_hat, Y):
    squares = [(p - y) * (p - y) for ps, ys in zip(y_hat, Y) for p, y in zip(ps, ys)]
    return sum(squares) / len(squares)


def mse_sum(y_hat, Y):
    return mse_loops(y_hat, Y) * len(Y) * len(Y[0])


def mse_by_rows(y_hat, Y):
    return mse_loops(y_hat, Y) * len(Y[0])


def mse_no_square(y_hat, Y):
    diffs = [p - y for ps, ys in zip(y_hat, Y) for p, y in zip(ps, ys)]
    return sum(diffs) / len(diffs)


# -------------------------------------------------------- momentum and Adam


def momentum_loops(p, v, g, learning_rate, momentum):
    new_v = []
    for k in range(len(p)):
        new_v.append(momentum * v[k] + g[k])
    return [x - learning_rate * d for x, d in zip(p, new_v)], new_v


def momentum_purenn(p, v, g, learning_rate, momentum):
    velocity = momentum * Vector(v) + Vector(g)
    return tuple(Vector(p) - learning_rate * velocity), velocity


def momentum_forgotten(p, v, g, learning_rate, momentum):
    return [x - learning_rate * d for x, d in zip(p, g)], list(g)


def momentum_old_velocity(p, v, g, learning_rate, momentum):
    new_v = [momentum * a + b for a, b in zip(v, g)]
    return [x - learning_rate * d for x, d in zip(p, v)], new_v


def momentum_alpha_inside(p, v, g, learning_rate, momentum):
    new_v = [momentum * a + learning_rate * b for a, b in zip(v, g)]
    return [x - d for x, d in zip(p, new_v)], new_v


def momentum_average(p, v, g, learning_rate, momentum):
    new_v = [momentum * a + (1 - momentum) * b for a, b in zip(v, g)]
    return [x - learning_rate * d for x, d in zip(p, new_v)], new_v


def adam_loops(p, g, m, v, t, learning_rate, correct=True, root=True, t_from_0=False):
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    if t_from_0:
        t -= 1
    new_p, new_m, new_v = [], [], []
    for k in range(len(p)):
        new_m.append(beta1 * m[k] + (1 - beta1) * g[k])
        new_v.append(beta2 * v[k] + (1 - beta2) * g[k] ** 2)
        m_hat = new_m[k] / (1 - beta1 ** t) if correct else new_m[k]
        v_hat = new_v[k] / (1 - beta2 ** t) if correct else new_v[k]
        new_p.append(p[k] - learning_rate * m_hat / ((math.sqrt(v_hat) if root else v_hat) + eps))
    return new_p, new_m, new_v


def adam_comprehensions(p, g, m, v, t, learning_rate):
    b1, b2 = 0.9, 0.999
    m = [b1 * a + (1 - b1) * x for a, x in zip(m, g)]
    v = [b2 * a + (1 - b2) * x * x for a, x in zip(v, g)]
    step = [learning_rate * (a / (1 - b1 ** t)) / (math.sqrt(b / (1 - b2 ** t)) + 1e-8) for a, b in zip(m, v)]
    return [x - d for x, d in zip(p, step)], m, v


def adam_no_correction(p, g, m, v, t, learning_rate):
    return adam_loops(p, g, m, v, t, learning_rate, correct=False)


def adam_no_root(p, g, m, v, t, learning_rate):
    return adam_loops(p, g, m, v, t, learning_rate, root=False)


def adam_t_from_0(p, g, m, v, t, learning_rate):
    return adam_loops(p, g, m, v, t, learning_rate, t_from_0=True)


# ------------------------------------------------- the backward rules of a Value


def mul_backward_pair(a, b, out, grad):
    return b * grad, a * grad


def mul_backward_named(a, b, out, grad):
    da = grad * b  # ∂(a·b)/∂a = b
    db = grad * a  # ∂(a·b)/∂b = a
    return [da, db]


def mul_backward_own_factor(a, b, out, grad):
    return a * grad, b * grad


def mul_backward_no_grad(a, b, out, grad):
    return b, a


def mul_backward_like_a_sum(a, b, out, grad):
    return grad, grad


def tanh_backward_from_t(a, t, grad):
    return (1 - t * t) * grad


def tanh_backward_recomputed(a, t, grad):
    return grad * (1 - math.tanh(a) ** 2)


def tanh_backward_from_a(a, t, grad):
    return (1 - a * a) * grad


def tanh_backward_no_grad(a, t, grad):
    return 1 - t ** 2


def tanh_backward_of_t(a, t, grad):
    return (1 - math.tanh(t) ** 2) * grad


def exp_backward_from_e(a, e, grad):
    return e * grad


def exp_backward_recomputed(a, e, grad):
    return grad * math.exp(a)


def exp_backward_power_rule(a, e, grad):
    return a * e * grad


def exp_backward_no_grad(a, e, grad):
    return e


def exp_backward_pass_through(a, e, grad):
    return grad


# ------------------------------------------------------------------- the table


CORRECT: Dict[str, List[Function]] = {
    "dot": [dot_loop, dot_zip],
    "matmul": [matmul_loops, matmul_ikj_tuples, matmul_purenn, _matmul],
    "transpose": [transpose_loops, transpose_zip],
    "sigmoid": [sigmoid_branches, sigmoid_tanh],
    "sigmoid_slope": [slope_product, slope_expanded],
    "forward": [forward_loops, forward_helpers, forward_purenn],
    "loss": [loss_loops, loss_comprehension],
    "backward": [backward_loops, backward_matrices],
    "step": [step_loops, step_purenn],
    "softmax": [softmax_loop, softmax_fsum],
    "row_operation": [row_operation_copy, row_operation_comprehension],
    "rref": [rref_gauss_jordan, rref_down_then_up],
    "det": [det_elimination, det_cofactors],
    "inverse": [inverse_gauss_jordan, inverse_cofactors],
    "gram_schmidt": [gram_schmidt_classical, gram_schmidt_modified],
    "relu": [relu_max, relu_branch],
    "mse": [mse_loops, mse_comprehension],
    "momentum_step": [momentum_loops, momentum_purenn],
    "adam_step": [adam_loops, adam_comprehensions],
    "mul_backward": [mul_backward_pair, mul_backward_named],
    "tanh_backward": [tanh_backward_from_t, tanh_backward_recomputed],
    "exp_backward": [exp_backward_from_e, exp_backward_recomputed],
}
"""Correct solutions, at least two styles each: every one must pass."""

WRONG: Dict[str, List[Tuple[Function, str, str]]] = {
    "dot": [(dot_products, "sum", "not yet added up"), (dot_sums, "sums", "every product x[i]·y[j]"),
            (dot_plus, "plus", "adds matching entries")],
    "matmul": [(matmul_transposed, "transpose", "transpose of the right answer: shape (4, 2) instead of (2, 4)"),
               (matmul_index_swapped, "i/j", "are two indices swapped"),
               (matmul_elementwise, "elementwise", "entry by entry (A ⊙ B)"),
               (matmul_generator_rows, "generator", "is a generator, which hands out its values once")],
    "transpose": [(transpose_copy, "same", "A as it was"), (transpose_square_loops, "shape", "over the rows of A"),
                  (transpose_lazy_zip, "generator", "returned a zip")],
    "sigmoid": [(sigmoid_naive, "overflow", "e^z / (1 + e^z)"), (sigmoid_slope_instead, "σ′", "the slope σ′(z)"),
                (sigmoid_no_minus, "sign", "minus sign in e^(−z) is missing")],
    "sigmoid_slope": [(slope_is_a, "σ", "a itself"), (slope_of_a_as_z, "output", "a is already the output"),
                      (slope_plus, "sign", "a·(1 + a)")],
    "forward": [(forward_no_b1, "bias", "z1 is wrong). b1 is missing"),
                (forward_no_sigma, "σ", "a1 is wrong). a1 is z1 itself"),
                (forward_naive_sigmoid, "overflow", "stable"), (forward_slope, "σ′", "a1 is wrong). a1 is σ′(z1)")],
    "loss": [(loss_sum, "1/N", "N times too big"), (loss_by_rows, "1/N", "divides by m"),
             (loss_no_minus, "sign", "minus sign"), (loss_no_clamp, "ln 0", "Clamp every logarithm at −100")],
    "backward": [(backward_no_mean, "1/N", "N times too big"), (backward_flipped, "sign", "prediction minus target"),
                 (backward_slope_again, "σ′", "once more"), (backward_wrong_axis, "axis", "wrong axis"),
                 (backward_transposed_dW2, "transpose", "dW2 came back as the transpose")],
    "step": [(step_uphill, "sign", "uphill"), (step_no_alpha, "α", "learning rate α"),
             (step_in_place, "mutated", "changed its argument W1")],
    "softmax": [(softmax_naive, "overflow", "subtract the largest score"), (softmax_sigmoids, "σ", "with σ"),
                (softmax_no_exp, "exp", "e^x is missing")],
    "row_operation": [(row_operation_from_0, "from 1", "numbered from 1"),
                      (row_operation_in_place, "mutated", "changed its argument A (entry 1 was [3, 4]"),
                      (row_operation_minus, "sign", "subtracts"), (row_operation_swapped, "i/j", "swapped")],
    "rref": [(rref_no_swap, "swap", "swap it up"), (rref_echelon, "upward", "clear the entries above"),
             (rref_floats, "exact", "came back as floats")],
    "det": [(det_no_swap, "swap", "A pivot was 0"), (det_no_flip, "sign", "every row swap"),
            (det_floats, "exact", "floats"), (det_diagonal, "diagonal", "diagonal of A")],
    "inverse": [(inverse_no_swap, "swap", "A pivot was 0"), (inverse_no_check, "singular", "raise ValueError"),
                (inverse_times_det, "det", "divide by the determinant"),
                (inverse_reciprocals, "entrywise", "reciprocals")],
    "gram_schmidt": [(gram_schmidt_unnormalised, "normalise", "not of length 1"),
                     (gram_schmidt_no_projection, "project", "not orthogonal"),
                     (gram_schmidt_against_originals, "project", "along the original vectors")],
    "relu": [(relu_slope, "slope", "ReLU's slope"), (relu_min, "min", "min(0, z)"), (relu_abs, "abs", "|z|")],
    "mse": [(mse_sum, "1/N", "N times too big"), (mse_by_rows, "1/N", "divides by m"),
            (mse_no_square, "square", "not squared")],
    "momentum_step": [(momentum_forgotten, "momentum", "keeps μ times the old velocity"),
                      (momentum_old_velocity, "order", "uses the old velocity"),
                      (momentum_average, "average", "running average"),
                      (momentum_alpha_inside, "α inside", "momentum written the other way")],
    "adam_step": [(adam_no_correction, "correction", "m̂ and v̂ are missing"),
                  (adam_no_root, "root", "square root"),
                  (adam_t_from_0, "t", "counted from 0")],
    "mul_backward": [(mul_backward_own_factor, "swapped", "Each factor receives the other one"),
                     (mul_backward_no_grad, "grad", "gradient arriving at the node is forgotten"),
                     (mul_backward_like_a_sum, "pass-through", "the rule of a sum")],
    "tanh_backward": [(tanh_backward_from_a, "input", "the input a where the output t belongs"),
                      (tanh_backward_no_grad, "grad", "gradient arriving at the node is forgotten"),
                      (tanh_backward_of_t, "tanh again", "already tanh a")],
    "exp_backward": [(exp_backward_power_rule, "power rule", "The derivative of eᵃ is eᵃ itself"),
                     (exp_backward_no_grad, "grad", "gradient arriving at the node is forgotten"),
                     (exp_backward_pass_through, "pass-through", "as if the node did nothing")],
}
"""Typical wrong solutions: each must fail, with this diagnosis, and a message holding these words."""


def test_every_exercise_is_in_the_tables() -> None:
    assert set(CORRECT) == set(EXERCISES) == set(WRONG)
    for name in EXERCISES:
        assert len(CORRECT[name]) >= 2 and len(WRONG[name]) >= 3, name


@pytest.mark.parametrize("name, solution", [(n, f) for n, fs in CORRECT.items() for f in fs],
                         ids=lambda x: getattr(x, "__name__", str(x)))
def test_a_correct_solution_passes(name: str, solution: Function) -> None:
    result = check(name, solution)
    assert result.passed, result.message
    assert result.diagnosis == ""
    assert result.message.startswith(f"{name}: passed all ")


@pytest.mark.parametrize("name, solution, tag, words", [(n, *w) for n, ws in WRONG.items() for w in ws],
                         ids=lambda x: getattr(x, "__name__", None))
def test_a_typical_mistake_is_named(name: str, solution: Function, tag: str, words: str) -> None:
    result = check(name, solution)
    assert not result.passed
    assert result.diagnosis == tag, result.message
    assert words in result.message, result.message
    assert "reread:" in result.message, result.message


# The list of diagnoses, each met at least once above.
NAMED = {"shape", "transpose", "1/N", "sign", "σ′", "σ", "axis", "overflow", "i/j", "mutated", "generator", "exact"}


def test_every_named_diagnosis_is_tested() -> None:
    tested = {tag for wrongs in WRONG.values() for _, tag, _ in wrongs}
    assert NAMED <= tested, NAMED - tested


@pytest.mark.parametrize("name", list(EXERCISES))
def test_every_mistake_can_be_made_on_some_case(name: str) -> None:
    """A diagnosis whose wrong answer never differs from the right one (or always fails) could never be named."""
    exercise = EXERCISES[name]
    for diagnosis in exercise.diagnoses:
        if diagnosis.answer is None:
            continue
        differs = []
        for case in exercise.all_cases():
            if case.raises is not None:
                continue
            try:
                wrong = diagnosis.answer(*case.args)
            except Exception:
                continue
            differs.append(not check_same(exercise.reference(*case.args), wrong))
        assert any(differs), f"{name}: the mistake {diagnosis.says!r} never shows"


def check_same(right: object, wrong: object) -> bool:
    return repr(right) == repr(wrong)


@pytest.mark.parametrize("name", ["mul_backward", "tanh_backward", "exp_backward"])
def test_the_backward_rules_agree_with_value_and_a_finite_difference(name: str) -> None:
    """The reference is Value.backward's rule; on every case it also matches a central difference of the forward
    step, and the cases pass a gradient other than 1 and inputs where the named mistakes show."""
    from purenn.autograd import Value
    forward = {"mul_backward": lambda a, b: a * b, "tanh_backward": math.tanh, "exp_backward": math.exp}[name]
    exercise = EXERCISES[name]
    for case in exercise.all_cases():
        *inputs, out, grad = case.args
        node = {"mul_backward": lambda a, b: Value(a) * Value(b), "tanh_backward": lambda a: Value(a).tanh(),
                "exp_backward": lambda a: Value(a).exp()}[name](*inputs)
        assert out == node.data, case.about
        answer = exercise.reference(*case.args)
        answers = answer if isinstance(answer, tuple) else (answer,)
        for k in range(len(inputs)):
            h = 1e-6
            up = [x + (h if j == k else 0.0) for j, x in enumerate(inputs)]
            down = [x - (h if j == k else 0.0) for j, x in enumerate(inputs)]
            estimate = grad * (forward(*up) - forward(*down)) / (2 * h)
            assert math.isclose(answers[k], estimate, rel_tol=1e-6, abs_tol=1e-9), (case.about, k)
    assert all(abs(case.args[-1]) != 1 for case in exercise.all_cases())
    first = exercise.cases[0].args
    if name == "mul_backward":
        assert first[0] != first[1]
    elif name == "tanh_backward":
        assert first[0] != 0
    else:
        assert first[0] != 1
