"""The exceptions purenn raises, in one family.

Every error is a ``ValueError`` as well as a ``PurennError``, so code that
already catches ``ValueError`` keeps working, and code that wants only
purenn's own complaints can catch ``PurennError``.

>>> issubclass(ShapeError, ValueError) and issubclass(ShapeError, PurennError)
True

A wrong type (a string where a number belongs, say) is Python's own
``TypeError``, not a member of this family.
"""


class PurennError(ValueError):
    """Base class of every error purenn raises about a value it was given.

    Raised as it is when no subclass fits: a result outside the real numbers
    or the range of a float, say.

    >>> from purenn import Vector
    >>> Vector([4, -1]) ** 0.5
    Traceback (most recent call last):
    ...
    purenn.errors.PurennError: cannot raise (2,) ** 0.5: ...a negative number to a fractional power is not a real number
    """


class ShapeError(PurennError):
    """Two shapes do not fit the operation.

    The message names the operation, both shapes and the rule they broke:

    >>> raise ShapeError("cannot multiply (2, 3) @ (4, 1): inner dimensions 3 and 4 differ")
    Traceback (most recent call last):
    ...
    purenn.errors.ShapeError: cannot multiply (2, 3) @ (4, 1): inner dimensions 3 and 4 differ
    """


class SingularMatrixError(PurennError):
    """A matrix has no inverse (its determinant is zero), so the system has no unique solution."""


class DataError(PurennError):
    """Input data is malformed: a missing or non-numeric value, NaN, inf, or a bad file."""


class TrainingDiverged(PurennError):
    """The loss became infinite or NaN during training: the steps were too large.

    The usual cure is a smaller learning rate (a tenth of it is a good first try).
    """
