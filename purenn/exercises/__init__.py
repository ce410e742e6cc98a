"""Exercises that check themselves: write the matrix product, the forward pass or backprop, and be told what is wrong.

A learner writes a plain Python function on lists (no purenn types needed)
and hands it to ``check`` with the exercise's name. The checker runs it on
cases chosen to expose the typical mistakes, compares each answer with
purenn's own, and at the first wrong one says what it tried, what it
expected, what came back, which mistake that is (the transpose, a forgotten
1/N, σ where σ′ belongs, a sum over the wrong axis, ...), and which equation
and notebook section to reread.

- ``catalogue.py``: ``EXERCISES``, every exercise, one entry each;
- ``exercise.py``: what an exercise is (task, reference, cases, diagnoses);
- ``checking.py``: ``check`` and its ``Result``;
- ``values.py``: how an answer is read and compared (the tolerance);
- ``budget.py``: the time limit that stops an endless loop.

This layer sits above ``nn``, ``linalg`` and ``autograd``, whose code gives the
reference answers, and below ``app``, whose ``check`` and ``exercises`` commands use it.

>>> from purenn.exercises import check
>>> def transpose(A):
...     return [list(column) for column in zip(*A)]
>>> check("transpose", transpose)
transpose: passed all 6 cases (4 chosen to catch mistakes, 2 random).
>>> def transpose(A):
...     return [[A[i][j] for j in range(len(A))] for i in range(len(A))]
>>> check("transpose", transpose).diagnosis
'shape'
"""

from purenn.exercises.catalogue import EXERCISES
from purenn.exercises.checking import Result, check
from purenn.exercises.exercise import Case, Diagnosis, Exercise, Lesson, Task

__all__ = ["Case", "Diagnosis", "EXERCISES", "Exercise", "Lesson", "Result", "Task", "check"]
