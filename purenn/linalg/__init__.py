"""Linear algebra, by hand: the bottom layer of purenn.

Holds the two array types and what a first course does with them:

- ``vector.py`` and ``matrix.py``: immutable ``Vector`` and ``Matrix``, every
  operator written out; a Matrix keeps its entries in one flat tuple, row
  after row, as NumPy does (``m.flat``);
- ``kernel.py``: the arithmetic under every ``@``, fast by default and
  written as plain loops in plain mode (``plain_mode()``, or the environment
  variable ``PURENN_PLAIN=1``), for stepping through in a debugger;
- ``operations.py``: dot, outer, norm, trace, solve, det, inverse, rank, QR,
  least squares;
- ``exact.py`` and ``elimination.py``: exact fractions (``Grid``) and row
  reduction that shows its work (rref, solve, det, inverse, rank, null space);
- ``gauss.py``: Gaussian elimination, written once, with its one rule for
  zero: every float answer above and every piece of working below runs it;
- ``orthogonal.py``, ``decompositions.py`` and ``eigen.py``: QR
  (Householder), least squares, Gram-Schmidt, projections, LU, rank-one
  updates, matrix powers, singular values, the condition number, and
  eigenvalues (Jacobi's method, power iteration), in floats;
- ``spaces.py`` and ``characteristic.py``: the rest of a first course,
  exact, with working: every solution of A x = b, the four subspaces, LU
  with Strang's multipliers, cofactors and Cramer's rule, exact projections
  and least squares, change of basis; the characteristic polynomial,
  eigenvalues with their multiplicities, eigenvectors, diagonalisation;
- ``drill.py``: a student's own row operation checked, and elimination
  without fractions for hand drills;
- ``display.py`` and ``records.py``: how values print; ``reductions.py``:
  sums, extremes and means as NumPy gives them; ``_checks.py``: the checks
  of entries and tolerances only linalg makes.

May import: the standard library and purenn's foundation (``errors.py``,
``checks.py``, ``text.py``). Nothing else of purenn.

>>> from purenn.linalg import Matrix, solve
>>> solve(Matrix([[2, 0], [0, 4]]), Matrix([[2], [2]]).T[0])
Vector([1.0, 0.5])
"""

from typing import TYPE_CHECKING

from purenn.lazy import names_by_module, on_first_use

if TYPE_CHECKING:  # for type checkers; Python imports each name on first use (_LAZY, below)
    from purenn.linalg.kernel import plain_mode
    from purenn.linalg.matrix import Matrix
    from purenn.linalg.operations import det, dot, fit_line, inverse, norm, outer, rank, solve, trace
    from purenn.linalg.vector import Vector
    from purenn.linalg.exact import Grid
    from purenn.linalg.elimination import det_steps, inverse_steps, null_space, rank_steps, ref, rref, solve_steps
    from purenn.linalg.orthogonal import lstsq, qr
    from purenn.linalg.decompositions import (
        cond, gram_schmidt, lu, matrix_power, project_onto_line, project_onto_subspace, rank_one_update,
        singular_values,
    )
    from purenn.linalg.eigen import eigh, power_iteration
    from purenn.linalg.spaces import (
        adjugate, change_of_basis, cofactor, cofactor_expansion, cramer, general_solution, least_squares, lu_steps,
        orthogonalize, projection_matrix, subspaces,
    )
    from purenn.linalg.characteristic import characteristic_polynomial, diagonalize, eigenvalues, eigenvectors
    from purenn.linalg.drill import check_row_operation, fraction_free_ref, row_operation

_LAZY = names_by_module([
    ("purenn.linalg.kernel", "plain_mode"),
    ("purenn.linalg.matrix", "Matrix"),
    ("purenn.linalg.operations", "det dot fit_line inverse norm outer rank solve trace"),
    ("purenn.linalg.vector", "Vector"),
    ("purenn.linalg.exact", "Grid"),
    ("purenn.linalg.elimination", "det_steps inverse_steps null_space rank_steps ref rref solve_steps"),
    ("purenn.linalg.orthogonal", "lstsq qr"),
    ("purenn.linalg.decompositions", "cond gram_schmidt lu matrix_power project_onto_line "
                                     "project_onto_subspace rank_one_update singular_values"),
    ("purenn.linalg.eigen", "eigh power_iteration"),
    ("purenn.linalg.spaces", "adjugate change_of_basis cofactor cofactor_expansion cramer general_solution "
                             "least_squares lu_steps orthogonalize projection_matrix subspaces"),
    ("purenn.linalg.characteristic", "characteristic_polynomial diagonalize eigenvalues eigenvectors"),
    ("purenn.linalg.drill", "check_row_operation fraction_free_ref row_operation"),
])
"""The names imported above, each with its module: the same imports, as data."""


if not TYPE_CHECKING:  # (for a type checker the names are imported above: a misspelt one stays an error)
    __getattr__, __dir__ = on_first_use(__name__, _LAZY, globals())


__all__ = ["Matrix", "Vector", "det", "dot", "fit_line", "inverse", "lstsq", "norm", "outer", "qr", "rank", "solve"]
__all__ += ["trace"]
__all__ += ["plain_mode"]
__all__ += ["Grid", "det_steps", "inverse_steps", "null_space", "rank_steps", "rref", "solve_steps"]
__all__ += ["cond", "eigh", "gram_schmidt", "lu", "matrix_power", "power_iteration", "project_onto_line",
            "project_onto_subspace", "rank_one_update", "singular_values"]
__all__ += ["adjugate", "change_of_basis", "characteristic_polynomial", "cofactor", "cofactor_expansion", "cramer",
            "diagonalize", "eigenvalues", "eigenvectors", "general_solution", "least_squares", "lu_steps",
            "orthogonalize", "projection_matrix", "ref", "subspaces"]
__all__ += ["check_row_operation", "fraction_free_ref", "row_operation"]
