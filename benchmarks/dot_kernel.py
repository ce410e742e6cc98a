"""Time the dot-product idioms behind purenn's ``@`` on the interpreter running this.

Usage (from the repository root, any Python 3.8+ or PyPy)::

    python benchmarks/dot_kernel.py [--repeat N] [--seconds S]

Every way computes the same (768 x 8) @ (8 x 16) product of plain tuples of
floats drawn from a seeded ``random.Random``:

  (a) plain triple loop   for i, for j, for t: total += a[i][t] * b[t][j]  (the baseline)
  (b) sum(map(mul))       row by column: sum(map(operator.mul, row, col), 0.0)
  (c) math.sumprod        row by column: math.sumprod(row, col)   (CPython 3.12+ only)
  (d) purenn A @ B        purenn's Matrix @ Matrix, with the kernel it chose at import

and, for comparison, two more row-by-column kernels (the indexed loop that
purenn uses on PyPy, and a zip loop), plus purenn's ``@`` with each of the
other kernels swapped in at run time (purenn's files are not changed).

All ways run in this one process. They are warmed up first (so PyPy's JIT
has compiled them), then timed in rounds that visit every way in turn, and
each way keeps its best round: the least disturbed measurement, as timeit
recommends. The purenn-with-another-kernel ways are checked, warmed up and
timed in a second phase, after the others: swapping a kernel in rebinds a
global in purenn.linalg.kernel, which PyPy's JIT would otherwise have to treat as
variable while it times (d). Ratios are baseline time / way time, so 2.00x
means "twice as fast as the plain triple loop, measured in the same process".

Before timing, every way's result is checked against a reference made with
math.fsum (the correctly rounded sum of the products): each entry must agree to 1e-12
relative to the sum of the absolute products (the natural scale of a dot
product's rounding error; plain relative error is meaningless for an entry
that cancels to nearly zero). The script exits with status 1 if any way
disagrees. Speed is reported, never asserted. If the process got less than
90% of a CPU while it ran (a busy machine), it prints a warning: contention
distorts even ratios measured in one process.
"""

import argparse
import gc
import math
import operator
import os
import platform
import random
import sys
import time
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import purenn  # noqa: E402  (needs the repository root on sys.path)
import purenn.linalg.kernel  # noqa: E402
import purenn.linalg.matrix  # noqa: E402
from purenn import Matrix  # noqa: E402

M, N, P = 768, 8, 16
SEED = 20240601
TOLERANCE = 1e-12


# ------------------------------------------------------------------ kernels
# Each takes a row of A and a column of B (tuples of floats) and returns their dot product.


def dot_indexed(xs, ys):
    total = 0.0
    for i in range(len(xs)):
        total += xs[i] * ys[i]
    return total


def dot_zip(xs, ys):
    total = 0.0
    for x, y in zip(xs, ys):
        total += x * y
    return total


def dot_map_mul(xs, ys):
    return sum(map(operator.mul, xs, ys), 0.0)


HAS_SUMPROD = hasattr(math, "sumprod")

# ---------------------------------------------------------- whole products
# Each takes A (M rows of N floats) and B (N rows of P floats), returns M rows of P floats.


def matmul_plain(a, b):
    """(a) The baseline: the textbook triple loop, every entry reached by indexing."""
    rows, inner, cols = len(a), len(b), len(b[0])
    out = []
    for i in range(rows):
        out_row = []
        for j in range(cols):
            total = 0.0
            for t in range(inner):
                total += a[i][t] * b[t][j]
            out_row.append(total)
        out.append(tuple(out_row))
    return tuple(out)


def row_by_column(kernel):
    """A product that transposes B once, then dots every row of A with every column of B.

    This is how purenn's fast kernel computes a product on CPython, without
    purenn's flat storage and without the Matrix objects.
    """

    def matmul(a, b):
        columns = tuple(zip(*b))
        return tuple(tuple(kernel(row, col) for col in columns) for row in a)

    return matmul


def purenn_matmul_with(product):
    """purenn's A @ B with another of its product kernels swapped into purenn.linalg.kernel for the call."""

    def matmul(ma, mb):
        saved = purenn.linalg.kernel.matmul
        purenn.linalg.kernel.matmul = product
        try:
            return ma @ mb
        finally:
            purenn.linalg.kernel.matmul = saved

    return matmul


# --------------------------------------------------------------------- run


class Way(object):
    """One way to compute the product: a function, its arguments, and its best time so far."""

    def __init__(self, key, label, run, args):
        self.key = key
        self.label = label
        self.run = run
        self.args = args
        self.best = float("inf")

    def __call__(self):
        return self.run(*self.args)


def rows_of(result):
    """Plain rows from a tuple-of-tuples or a purenn Matrix."""
    if isinstance(result, Matrix):
        return tuple(tuple(row) for row in result.tolist())
    return result


def check(ways, a, b):
    """Return, for each way, its largest (scaled, plain relative) error against the reference."""
    columns = tuple(zip(*b))
    reference = [[math.fsum(x * y for x, y in zip(row, col)) for col in columns] for row in a]
    scale = [[math.fsum(abs(x * y) for x, y in zip(row, col)) for col in columns] for row in a]
    errors = {}
    for way in ways:
        got = rows_of(way())
        assert len(got) == M and all(len(r) == P for r in got), way.label
        worst = worst_relative = 0.0
        for got_row, ref_row, scale_row in zip(got, reference, scale):
            for g, r, s in zip(got_row, ref_row, scale_row):
                worst = max(worst, abs(g - r) / s if s else abs(g - r))
                if g != r:
                    worst_relative = max(worst_relative, abs(g - r) / max(abs(g), abs(r)))
        errors[way.key] = (worst, worst_relative)
    return errors


def warm_up(ways, seconds):
    for way in ways:
        deadline = time.perf_counter() + seconds
        calls = 0
        while calls < 3 or time.perf_counter() < deadline:
            way()
            calls += 1


def calibrate(way, seconds):
    """How many calls of ``way`` make one timed round of about ``seconds``."""
    number = 1
    while True:
        elapsed = timeit.Timer(way).timeit(number)
        if elapsed >= seconds / 4 or number >= 1 << 20:
            return max(1, int(number * seconds / max(elapsed, 1e-9)))
        number *= 2


def measure(ways, repeat, seconds):
    """Best-of-``repeat`` seconds per call for every way, rounds interleaved across the ways."""
    numbers = {way.key: calibrate(way, seconds) for way in ways}
    for _ in range(repeat):
        for way in ways:
            number = numbers[way.key]
            # timeit.Timer turns the garbage collector off while it times, as timeit does.
            elapsed = timeit.Timer(way).timeit(number)
            way.best = min(way.best, elapsed / number)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds per way; the best is kept (default 7)")
    parser.add_argument("--seconds", type=float, default=0.2, help="target length of one round (default 0.2)")
    parser.add_argument("--warmup", type=float, default=None,
                        help="seconds of warm-up per way (default 1.0 on PyPy, 0.2 elsewhere)")
    options = parser.parse_args(argv)
    is_pypy = platform.python_implementation() == "PyPy"
    warmup = options.warmup if options.warmup is not None else (1.0 if is_pypy else 0.2)

    rng = random.Random(SEED)
    a = tuple(tuple(rng.uniform(-1.0, 1.0) for _ in range(N)) for _ in range(M))
    b = tuple(tuple(rng.uniform(-1.0, 1.0) for _ in range(P)) for _ in range(N))
    ma, mb = Matrix(a), Matrix(b)

    chosen = purenn.linalg.kernel.KERNEL_NAME
    ways = [
        Way("a", "(a) plain triple loop [baseline]", matmul_plain, (a, b)),
        Way("b", "(b) row x col, sum(map(mul))", row_by_column(dot_map_mul), (a, b)),
    ]
    if HAS_SUMPROD:
        ways.append(Way("c", "(c) row x col, math.sumprod", row_by_column(math.sumprod), (a, b)))
    ways.append(Way("d", "(d) purenn A @ B [%s]" % chosen, operator.matmul, (ma, mb)))
    ways.append(Way("e1", "    row x col, indexed loop", row_by_column(dot_indexed), (a, b)))
    ways.append(Way("e2", "    row x col, zip loop", row_by_column(dot_zip), (a, b)))
    # Swapping a kernel into purenn rebinds a module global, which can make PyPy's JIT
    # treat it as variable; so these are checked and timed only after the ways above.
    # purenn's product kernels (purenn/linalg/kernel.py), each swapped in but the chosen one
    products = [("plain loop", purenn.linalg.kernel._matmul_pypy),
                ("sum(map(operator.mul))", purenn.linalg.kernel._matmul_sum_map)]
    if HAS_SUMPROD:
        products.append(("math.sumprod", purenn.linalg.kernel._matmul_sumprod))
    swapped = []
    for name, product in products:
        if name == chosen:
            continue  # that is (d) itself
        swapped.append(
            Way("p:" + name, "    purenn A @ B, %s swapped in" % name, purenn_matmul_with(product), (ma, mb))
        )

    implementation = platform.python_implementation()
    if is_pypy:
        implementation += " %d.%d.%d" % tuple(sys.pypy_version_info[:3])
    print("Python %s (%s) on %s, %s" % (
        platform.python_version(), implementation, platform.machine(), platform.system()))
    print("product: (%d x %d) @ (%d x %d), seed %d; purenn.linalg.kernel.KERNEL_NAME = %r"
          % (M, N, N, P, SEED, chosen))
    if not HAS_SUMPROD:
        print("(c) math.sumprod: not available on this interpreter (needs CPython 3.12+)")

    errors = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for phase in (ways, swapped):
        errors.update(check(phase, a, b))
        warm_up(phase, warmup)
        gc.collect()
        measure(phase, options.repeat, options.seconds)
    ways += swapped
    share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    bad = [way for way in ways if not errors[way.key][0] <= TOLERANCE]

    baseline = ways[0].best
    width = max(len(way.label) for way in ways)
    print("best of %d rounds (~%.2fs each) after %.1fs warm-up per way; ratio = baseline / way (>1: faster)"
          % (options.repeat, options.seconds, warmup))
    print("%-*s  %9s  %7s  %9s  %9s" % (width, "way", "ms", "ratio", "scaled", "relative"))
    for way in ways:
        print("%-*s  %9.3f  %6.2fx  %9.1e  %9.1e" % (
            (width, way.label, way.best * 1e3, baseline / way.best) + errors[way.key]))

    idioms = [way for way in ways if way.key != "d" and not way.key.startswith("p:")]
    fastest = min(idioms, key=lambda way: way.best)
    print("fastest way without purenn: %s (%.2fx)" % (fastest.label.strip(), baseline / fastest.best))
    purenn_ways = [way for way in ways if way.key == "d" or way.key.startswith("p:")]
    fastest_purenn = min(purenn_ways, key=lambda way: way.best)
    if fastest_purenn.key == "d":
        print("purenn's chosen kernel (%s) is its fastest option here" % chosen)
    else:
        d = ways[[way.key for way in ways].index("d")]
        print("NOTE: purenn's chosen kernel (%s) is NOT its fastest option here: %s is %.0f%% faster"
              % (chosen, fastest_purenn.label.strip(), 100.0 * (d.best / fastest_purenn.best - 1.0)))
    if share < 0.9:
        print("WARNING: this process had only %.0f%% of a CPU while it ran; the machine is busy, "
              "and even the ratios are unreliable: run it again on an idle machine" % (100 * share))
    if bad:
        for way in bad:
            print("DISAGREES: %s, max scaled error %.1e > %.0e" % (way.label.strip(), errors[way.key][0], TOLERANCE))
        return 1
    print("all ways agree with the math.fsum reference to %.0e relative to sum |a*b| (column 'scaled';"
          " 'relative' is the plain relative error, for information)" % TOLERANCE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
