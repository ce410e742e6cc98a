"""Eigenvalues the way a first course finds them: the characteristic polynomial, its roots, null spaces.

λ is an eigenvalue of a square A when A − λI is singular, that is when
det(λI − A) = 0. That determinant is a polynomial in λ of degree n, the
**characteristic polynomial** p(λ), computed here exactly, with
coefficients as fractions (by the Faddeev–LeVerrier recurrence: with
M₀ = 0 and p(λ) = λⁿ + c₁λⁿ⁻¹ + ... + cₙ, for k = 1 .. n,
Mₖ = A Mₖ₋₁ + cₖ₋₁ I (c₀ = 1) and cₖ = −trace(A Mₖ) / k).

- Its rational roots are found exactly (for A scaled to whole numbers, a
  rational root is a whole number dividing the constant term), each with
  its **algebraic multiplicity** (how many times it is a root).
- The other roots (irrational or complex, in conjugate pairs) are found
  numerically, as floats and complex numbers, from the exact polynomial.
- The eigenvectors of a rational λ are the null space of A − λI, exactly;
  their number is the **geometric multiplicity**.
- A is diagonalisable, A = P D P⁻¹, exactly when its minimal polynomial
  has no repeated root, which is checked exactly: s(A) = 0, with s the
  product of the distinct factors of p (p divided by gcd(p, p′)). When it
  is not, A is **defective**: some λ has fewer eigenvectors (geometric
  multiplicity) than its algebraic multiplicity.

>>> print(characteristic_polynomial([[2, 1], [1, 2]]))
λ² − 4λ + 3
>>> print(eigenvalues([[2, 1], [1, 2]]))
λ = 1 (algebraic multiplicity 1), λ = 3 (algebraic multiplicity 1)
>>> print(diagonalize([[1, 1], [0, 1]]))
not diagonalisable (defective): λ = 1 has algebraic multiplicity 2 but geometric multiplicity 1 (only 1 independent ...)
"""

import cmath
import math
from fractions import Fraction
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from purenn.linalg.elimination import rref
from purenn.linalg.exact import MINUS, Grid, as_grid, latex, latex_matrix, plain, show
from purenn.linalg.gauss import square

__all__ = [
    "Diagonalization",
    "Eigenvalue",
    "Eigenvalues",
    "Polynomial",
    "characteristic_polynomial",
    "diagonalize",
    "eigenvalues",
    "eigenvectors",
]

Root = Union[Fraction, float, complex]
"""An eigenvalue: a Fraction when rational, else a float or a complex number (numeric)."""

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# --------------------------------------------------------------- polynomials


class Polynomial(NamedTuple):
    """A polynomial in λ with exact coefficients, highest power first: (1, −4, 3) is λ² − 4λ + 3.

    >>> p = Polynomial((Fraction(1), Fraction(-4), Fraction(3)))
    >>> p(1), p(Fraction(1, 2)), p.degree
    (Fraction(0, 1), Fraction(5, 4), 2)
    """

    coefficients: Tuple[Fraction, ...]

    @property
    def degree(self) -> int:
        """The highest power of λ."""
        return len(self.coefficients) - 1

    def __call__(self, x: Fraction) -> Fraction:
        """p(x), by Horner's rule: ((c0 x + c1) x + c2) x + ..."""
        value = Fraction(0)
        for c in self.coefficients:
            value = value * x + c
        return value

    def __str__(self) -> str:
        terms: List[str] = []
        for k, c in enumerate(self.coefficients):
            power = self.degree - k
            if c == 0:
                continue
            size = abs(c)
            number = "" if size == 1 and power > 0 else show(size)
            if "/" in number and power > 0:
                number = f"({number})"
            variable = "" if power == 0 else ("λ" if power == 1 else "λ" + str(power).translate(SUPERSCRIPTS))
            sign = ("−" if c < 0 else "") if not terms else (" − " if c < 0 else " + ")
            terms.append(sign + number + variable)
        return "".join(terms) or "0"

    def _repr_latex_(self) -> str:
        terms: List[str] = []
        for k, c in enumerate(self.coefficients):
            power = self.degree - k
            if c == 0:
                continue
            number = "" if abs(c) == 1 and power > 0 else latex(abs(c))
            variable = "" if power == 0 else ("\\lambda" if power == 1 else f"\\lambda^{{{power}}}")
            sign = ("-" if c < 0 else "") if not terms else (" - " if c < 0 else " + ")
            terms.append(sign + number + variable)
        return "$p(\\lambda) = " + ("".join(terms) or "0") + "$"


def _strip(c: Sequence[Fraction]) -> List[Fraction]:
    """Drop leading zero coefficients (keep at least one)."""
    k = 0
    while k < len(c) - 1 and c[k] == 0:
        k += 1
    return list(c[k:])


def _divmod(a: Sequence[Fraction], b: Sequence[Fraction]) -> Tuple[List[Fraction], List[Fraction]]:
    """Polynomial long division, exact: a = q b + r with deg r < deg b (highest power first)."""
    a, b = _strip(a), _strip(b)
    if len(a) < len(b):
        return [Fraction(0)], a
    rest = list(a)
    quotient = []
    for k in range(len(a) - len(b) + 1):
        c = rest[k] / b[0]
        quotient.append(c)
        for j in range(len(b)):
            rest[k + j] -= c * b[j]
    return quotient, _strip(rest[len(a) - len(b) + 1:] or [Fraction(0)])


def _gcd(a: Sequence[Fraction], b: Sequence[Fraction]) -> List[Fraction]:
    """The monic greatest common divisor of two polynomials (Euclid's algorithm, exact)."""
    a, b = _strip(a), _strip(b)
    while not (len(b) == 1 and b[0] == 0):
        a, b = b, _divmod(a, b)[1]
    return [c / a[0] for c in a]


def _derivative(a: Sequence[Fraction]) -> List[Fraction]:
    n = len(a) - 1
    return [c * (n - k) for k, c in enumerate(a[:-1])] or [Fraction(0)]


def characteristic_polynomial(A: object) -> Polynomial:
    """p(λ) = det(λI − A), exactly: λⁿ − trace(A) λⁿ⁻¹ + ... + (−1)ⁿ det(A).

    (Some books use det(A − λI) = (−1)ⁿ p(λ), which has the same roots.)

    >>> print(characteristic_polynomial([[2, 0, 0], [0, 3, 4], [0, 4, 9]]))
    λ³ − 14λ² + 35λ − 22
    >>> print(characteristic_polynomial([[0, -1], [1, 0]]))
    λ² + 1
    """
    grid = _exact_square(A, "find the characteristic polynomial of")
    n = grid.shape[0]
    rows = [[Fraction(x) for x in row] for row in grid.rows]
    coefficients = [Fraction(1)]
    M = [[Fraction(0)] * n for _ in range(n)]
    for k in range(1, n + 1):
        # M_k = A M_{k-1} + c_{k-1} I
        product = [[sum((rows[i][t] * M[t][j] for t in range(n)), Fraction(0)) for j in range(n)] for i in range(n)]
        M = [[product[i][j] + (coefficients[-1] if i == j else 0) for j in range(n)] for i in range(n)]
        # c_k = −trace(A M_k) / k
        trace = sum((sum((rows[i][t] * M[t][i] for t in range(n)), Fraction(0)) for i in range(n)), Fraction(0))
        coefficients.append(-trace / k)
    return Polynomial(tuple(coefficients))


def _exact_square(A: object, doing: str) -> Grid:
    grid = as_grid(A, "A")
    square(grid.shape, doing)
    if not grid.exact:
        # a float is a fraction with a power of two below: Fraction(0.1) is its exact value
        grid = as_grid([[Fraction(x) for x in row] for row in grid.rows])
    return grid


# ----------------------------------------------------------------- the roots


def _rational_roots(p: Sequence[Fraction]) -> List[Fraction]:
    """Every rational root of p, once each, exactly.

    Scaled to whole coefficients a0 λⁿ + ... + an, a root r/s in lowest
    terms has r dividing an and s dividing a0; with λ = μ / a0 the
    polynomial becomes monic in μ with whole coefficients, whose rational
    roots are whole numbers dividing its constant term, and at most
    1 + max |coefficient| in size (Cauchy's bound).
    """
    p = _strip(p)
    roots: List[Fraction] = []
    if len(p) == 1:
        return roots
    while p[-1] == 0:  # λ = 0 is a root: divide by λ
        if Fraction(0) not in roots:
            roots.append(Fraction(0))
        p = p[:-1]
        if len(p) == 1:
            return roots
    denominator = 1
    for c in p:
        denominator = denominator * c.denominator // math.gcd(denominator, c.denominator)
    whole = [int(c * denominator) for c in p]
    a0, n = whole[0], len(whole) - 1
    # q(μ) = a0^(n−1) p(μ / a0) = μⁿ + a1 μⁿ⁻¹ + a2 a0 μⁿ⁻² + ... + an a0^(n−1)
    monic = [whole[k] * a0 ** (k - 1) if k else 1 for k in range(n + 1)]
    constant = monic[-1]
    bound = 1 + max(abs(c) for c in monic[1:])
    candidates = set()
    if abs(constant) <= 10**12:
        k = 1
        while k * k <= abs(constant):
            if constant % k == 0:
                candidates.update({k, abs(constant) // k})
            k += 1
    else:  # too many divisors to list: recognise the numeric real roots instead, then check them exactly
        for z in _numeric_roots([Fraction(c) for c in monic]):
            if abs(z.imag) <= 1e-6 * (1 + abs(z)):
                candidates.add(abs(round(z.real)))
    for m in sorted(candidates):
        if m > bound:
            continue
        for mu in (m, -m):
            r = Fraction(mu, a0)
            if Polynomial(tuple(p))(r) == 0 and r not in roots:
                roots.append(r)
    return sorted(roots)


def _numeric_roots(p: Sequence[Fraction]) -> List[complex]:
    """The roots of p (of degree >= 1) as complex numbers, by the Durand–Kerner iteration, then Newton's.

    Every root is refined at once: z_i ← z_i − p(z_i) / Π_{j≠i} (z_i − z_j).
    The coefficients are scaled first (λ = s μ, s a power of two near the
    roots' size), so that large and small roots converge alike.
    """
    p = _strip(p)
    n = len(p) - 1
    if n < 1:
        return []
    c = [float(x / p[0]) for x in p]
    radius = max(abs(x) ** (1.0 / k) for k, x in enumerate(c) if k and x != 0) if any(c[1:]) else 1.0
    s = math.ldexp(1.0, math.frexp(radius)[1]) if radius > 0 else 1.0
    q = [x / s**k for k, x in enumerate(c)]  # q(μ) = p(s μ) / (lead s^n)

    def value(z: complex) -> complex:
        total = 0j
        for x in q:
            total = total * z + x
        return total

    z = [cmath.rect(1.0, 2 * math.pi * k / n + 0.4) * 0.9 for k in range(n)]
    for _ in range(2000):
        biggest = 0.0
        for i in range(n):
            below = 1 + 0j
            for j in range(n):
                if j != i:
                    below *= z[i] - z[j]
            step = value(z[i]) / below if below != 0 else 1e-3
            z[i] -= step
            biggest = max(biggest, abs(step))
        if biggest <= 1e-15:
            break
    return [s * w for w in z]


class Eigenvalue(NamedTuple):
    """One eigenvalue λ with its algebraic multiplicity (how many times it is a root of p)
    and, when known, its geometric multiplicity (how many independent eigenvectors it has)."""

    value: Root
    algebraic: int
    geometric: Optional[int]

    @property
    def exact(self) -> bool:
        """True when λ is rational and given exactly, as a Fraction."""
        return isinstance(self.value, Fraction)

    def __str__(self) -> str:
        return f"λ = {root_text(self.value)} (algebraic multiplicity {self.algebraic})"


def root_text(x: Root, latex_form: bool = False) -> str:
    """A root as text, in the notation of the board: 3, −1/2, 1.41421, 1 + 2i, −0.5 − 0.866025i.

    ``latex_form``: minus as the hyphen, which LaTeX turns into its minus sign.

    >>> root_text(Fraction(-1, 2)), root_text(complex(1, -2)), root_text(2 ** 0.5)
    ('−1/2', '1 − 2i', '1.41421')
    >>> root_text(complex(-0.5, -1), latex_form=True)
    '-0.5 - i'
    """
    number = plain if latex_form else show
    minus = "-" if latex_form else MINUS
    if isinstance(x, complex):
        if x.imag == 0:
            return number(x.real)
        size = number(abs(x.imag))
        part = "i" if size == "1" else size + "i"
        if x.real == 0:
            return (minus if x.imag < 0 else "") + part
        return f"{number(x.real)} {minus if x.imag < 0 else '+'} {part}"
    return number(x)


class Eigenvalues(NamedTuple):
    """Every eigenvalue of A with its multiplicities, and the polynomial they are the roots of."""

    polynomial: Polynomial
    values: Tuple[Eigenvalue, ...]

    def __str__(self) -> str:
        return ", ".join(str(v) for v in self.values)

    def _repr_latex_(self) -> str:
        parts = [f"\\lambda = {latex(v.value) if isinstance(v.value, Fraction) else root_text(v.value, True)}"
                 + (f" \\ (\\times {v.algebraic})" if v.algebraic > 1 else "") for v in self.values]
        return "$" + ",\\quad ".join(parts) + "$"


def _squarefree_parts(p: Sequence[Fraction]) -> List[Tuple[List[Fraction], int]]:
    """Yun's algorithm, exact: p = c · Π a_i^i with each a_i free of repeated roots and the a_i coprime.

    The roots of a_i are exactly the roots of p of multiplicity i.
    """
    parts: List[Tuple[List[Fraction], int]] = []
    p = _strip(p)
    if len(p) == 1:
        return parts
    g = _gcd(p, _derivative(p))
    b = _divmod(p, g)[0]
    c = _divmod(_derivative(p), g)[0]
    d = [x - y for x, y in zip(_pad(c, len(b)), _pad(_derivative(b), len(b)))]
    i = 1
    while len(_strip(b)) > 1:
        a = _gcd(b, d)
        if len(a) > 1:
            parts.append((a, i))
        b = _divmod(b, a)[0]
        c = _divmod(d, a)[0]
        d = [x - y for x, y in zip(_pad(c, len(b)), _pad(_derivative(b), len(b)))]
        i += 1
    return parts


def _pad(a: Sequence[Fraction], length: int) -> List[Fraction]:
    a = _strip(a)
    return [Fraction(0)] * (length - len(a)) + list(a)


def _at_matrix(p: Sequence[Fraction], A: Grid) -> Grid:
    """p(A), exactly, by Horner's rule with matrices."""
    n = A.shape[0]
    result = Grid.identity(n) * p[0]
    for c in p[1:]:
        result = result @ A + Grid.identity(n) * c
    return result


def _nullity(M: Grid) -> int:
    return M.shape[1] - rref(M).rank


def _shifted(A: Grid, value: Fraction) -> Grid:
    return A - Grid.identity(A.shape[0]) * value


def eigenvalues(A: object) -> Eigenvalues:
    """Every eigenvalue of a square A, with its algebraic and geometric multiplicities.

    Rational eigenvalues are exact Fractions; the others are numeric (float,
    or complex in conjugate pairs), from the exact characteristic
    polynomial, good to about 12 significant digits.

    >>> print(eigenvalues([[0, -1], [1, 0]]))
    λ = −i (algebraic multiplicity 1), λ = i (algebraic multiplicity 1)
    >>> [(v.value, v.algebraic, v.geometric) for v in eigenvalues([[2, 1], [0, 2]]).values]
    [(Fraction(2, 1), 2, 1)]
    """
    grid = _exact_square(A, "find the eigenvalues of")
    p = characteristic_polynomial(grid)
    rest = list(p.coefficients)
    found: List[Eigenvalue] = []
    for r in _rational_roots(rest):
        algebraic = 0
        while len(rest) > 1 and Polynomial(tuple(rest))(r) == 0:
            rest = _divmod(rest, [Fraction(1), -r])[0]
            algebraic += 1
        found.append(Eigenvalue(r, algebraic, _nullity(_shifted(grid, r))))
    numeric: List[Eigenvalue] = []
    for factor, multiplicity in _squarefree_parts(rest):
        geometric: Optional[int] = 1 if multiplicity == 1 else None
        if multiplicity > 1:
            total = _nullity(_at_matrix(factor, grid))  # the eigenvectors of all the roots of this factor
            degree = len(factor) - 1
            geometric = total // degree if total % degree == 0 else None
        for z in _numeric_roots(factor):
            z = _polished(factor, z)
            value: Root = z.real if abs(z.imag) <= 1e-12 * max(1.0, abs(z)) else z
            numeric.append(Eigenvalue(value, multiplicity, geometric))
    return Eigenvalues(p, tuple(sorted(found + numeric, key=_order)))


def _polished(p: Sequence[Fraction], z: complex) -> complex:
    """A root z of p refined by Newton's method (p is free of repeated roots), its parts below rounding set to 0."""
    c = [float(x) for x in p]
    for _ in range(3):
        value, slope = 0j, 0j
        for x in c:
            slope = slope * z + value
            value = value * z + x
        if slope == 0:
            break
        z -= value / slope
    size = abs(z)
    return complex(0.0 if abs(z.real) <= 1e-12 * size else z.real, 0.0 if abs(z.imag) <= 1e-12 * size else z.imag)


def _order(v: Eigenvalue) -> Tuple[float, float]:
    """Eigenvalues in order of their real part, then of their imaginary part."""
    x = v.value
    if isinstance(x, complex):
        return (x.real, x.imag)
    return (float(x), 0.0)


# -------------------------------------------------------------- eigenvectors


Vectorish = Tuple[Root, ...]


class EigenSpace(NamedTuple):
    """One eigenvalue and a basis of its eigenvectors (the null space of A − λI)."""

    eigenvalue: Eigenvalue
    vectors: Tuple[Vectorish, ...]

    def __str__(self) -> str:
        v = self.eigenvalue
        exact = "" if v.exact else " (numeric)"
        basis = ", ".join("(" + ", ".join(root_text(x) for x in vector) + ")" for vector in self.vectors)
        return f"λ = {root_text(v.value)}{exact}: {basis}"


class EigenVectors(NamedTuple):
    """For each eigenvalue, a basis of its eigenvectors."""

    spaces: Tuple[EigenSpace, ...]

    def __str__(self) -> str:
        return "\n".join(str(space) for space in self.spaces)

    def _repr_latex_(self) -> str:
        lines = []
        for space in self.spaces:
            v = space.eigenvalue.value
            value = latex(v) if isinstance(v, Fraction) else root_text(v, True)
            vectors = ", ".join(
                "\\begin{pmatrix} " + " \\\\ ".join(latex(x) if isinstance(x, Fraction) else root_text(x, True)
                                                for x in vector) + " \\end{pmatrix}" for vector in space.vectors)
            lines.append(f"\\lambda = {value}: & {vectors}")
        return "$$\\begin{aligned} " + " \\\\ ".join(lines) + " \\end{aligned}$$"


def eigenvectors(A: object) -> EigenVectors:
    """For each eigenvalue λ of A, a basis of the null space of A − λI.

    Exact for a rational λ (``rref(A − λI).null_space``); for the others
    numeric, by inverse iteration (solving (A − μI) x = y repeatedly, with μ
    a hair away from λ), scaled so that the largest entry is 1.

    >>> print(eigenvectors([[2, 1], [1, 2]]))
    λ = 1: (−1, 1)
    λ = 3: (1, 1)
    """
    grid = _exact_square(A, "find the eigenvectors of")
    spaces = []
    for v in eigenvalues(grid).values:
        if isinstance(v.value, Fraction):
            null = rref(_shifted(grid, v.value)).null_space
            basis: Tuple[Vectorish, ...] = tuple(tuple(Fraction(x) for x in u) for u in null)
        else:
            basis = (_inverse_iteration(grid, complex(v.value)),)
        spaces.append(EigenSpace(v, basis))
    return EigenVectors(tuple(spaces))


def _inverse_iteration(A: Grid, value: complex) -> Vectorish:
    """An eigenvector for the numeric eigenvalue ``value``, largest entry 1 (real when λ is)."""
    n = A.shape[0]
    size = max(1.0, max(abs(float(x)) for row in A.rows for x in row))
    mu = value + 1e-9 * size * (1 + 1j if value.imag else 1)
    x = [complex(1.0, 0.1 * k) if value.imag else complex(1.0 + 0.1 * k) for k in range(n)]
    for _ in range(4):
        rows = [[complex(float(A[i, j])) - (mu if i == j else 0) for j in range(n)] + [x[i]] for i in range(n)]
        x = _complex_solve(rows, n)
        largest = max(x, key=abs)
        x = [t / largest for t in x]
    if not value.imag:
        return tuple(0.0 if abs(t.real) < 1e-12 else t.real for t in x)
    return tuple(complex(0.0 if abs(t.real) < 1e-12 else t.real, 0.0 if abs(t.imag) < 1e-12 else t.imag) for t in x)


def _complex_solve(rows: List[List[complex]], n: int) -> List[complex]:
    """Gaussian elimination with partial pivoting on [M | y], complex numbers; M regular."""
    for k in range(n):
        best = max(range(k, n), key=lambda i: abs(rows[i][k]))
        rows[k], rows[best] = rows[best], rows[k]
        if rows[k][k] == 0:
            rows[k][k] = 1e-300  # exactly singular: the solution is then huge along the eigenvector
        for i in range(k + 1, n):
            c = rows[i][k] / rows[k][k]
            rows[i] = [a - c * b for a, b in zip(rows[i], rows[k])]
    x = [0j] * n
    for i in reversed(range(n)):
        x[i] = (rows[i][n] - sum((rows[i][j] * x[j] for j in range(i + 1, n)), 0j)) / rows[i][i]
    return x


# ---------------------------------------------------------- diagonalisation


class Diagonalization(NamedTuple):
    """A = P D P⁻¹ with D diagonal (the eigenvalues) and P's columns eigenvectors, or why not.

    ``diagonalizable`` is decided exactly. ``P`` and ``D`` are exact Grids
    when every eigenvalue is rational; otherwise they are None and
    ``reason`` says so.
    """

    diagonalizable: bool
    P: Optional[Grid]
    D: Optional[Grid]
    reason: str

    def __str__(self) -> str:
        if self.P is None or self.D is None:
            return self.reason
        return f"A = P D P⁻¹ with\nP =\n{self.P}\nD =\n{self.D}"

    def _repr_latex_(self) -> str:
        if self.P is None or self.D is None:
            return "$\\text{" + self.reason + "}$"
        return f"$$A = P D P^{{-1}},\\quad P = {latex_matrix(self.P.rows)},\\quad D = {latex_matrix(self.D.rows)}$$"


def diagonalize(A: object) -> Diagonalization:
    """A = P D P⁻¹, exactly, when A has enough eigenvectors; else the reason it is defective.

    Decided exactly: A is diagonalisable (over the complex numbers) when
    s(A) = 0, s being the characteristic polynomial with each repeated
    root kept once. Then, when every eigenvalue is rational, P (the
    eigenvectors as columns) and D (the eigenvalues on the diagonal) are
    given in fractions, with A P = P D.

    >>> work = diagonalize([[4, 1], [2, 3]])
    >>> print(work)
    A = P D P⁻¹ with
    P =
    [[−1/2  1]
     [   1  1]]
    D =
    [[2  0]
     [0  5]]
    """
    grid = _exact_square(A, "diagonalise")
    n = grid.shape[0]
    p = list(characteristic_polynomial(grid).coefficients)
    s = _divmod(p, _gcd(p, _derivative(p)))[0] if n > 1 else p
    diagonalizable = _at_matrix(s, grid) == as_grid([[0] * n for _ in range(n)])
    values = eigenvalues(grid).values
    if not diagonalizable:
        bad = [v for v in values if v.geometric is not None and v.geometric < v.algebraic]
        if bad:
            v = bad[0]
            vectors = "eigenvector" if v.geometric == 1 else "eigenvectors"
            reason = (f"not diagonalisable (defective): λ = {root_text(v.value)} has algebraic multiplicity "
                      f"{v.algebraic} but geometric multiplicity {v.geometric} "
                      f"(only {v.geometric} independent {vectors})")
        else:
            reason = ("not diagonalisable (defective): a repeated eigenvalue has fewer independent eigenvectors "
                      "than its algebraic multiplicity")
        return Diagonalization(False, None, None, reason)
    if not all(v.exact for v in values):
        return Diagonalization(True, None, None, (
            "diagonalisable (over the complex numbers: no eigenvalue lacks eigenvectors), but not every "
            "eigenvalue is rational, so P and D cannot be written in fractions; eigenvectors(A) gives them numerically"
        ))
    columns: List[Tuple[Fraction, ...]] = []
    diagonal: List[Fraction] = []
    for v in values:
        if not isinstance(v.value, Fraction):
            continue  # cannot happen: every eigenvalue is exact here
        for u in rref(_shifted(grid, v.value)).null_space:
            columns.append(tuple(Fraction(x) for x in u))
            diagonal.append(v.value)
    P = as_grid([[columns[j][i] for j in range(n)] for i in range(n)])
    D = as_grid([[diagonal[i] if i == j else 0 for j in range(n)] for i in range(n)])
    return Diagonalization(True, P, D, "")
