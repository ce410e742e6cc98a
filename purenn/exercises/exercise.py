"""What one exercise is, as data: a task, a reference answer, cases, and the mistakes it can name.

An ``Exercise`` holds the statement a learner reads, the signature to write,
a starter stub, purenn's own answer (``reference``), the cases to try (chosen
by hand to expose mistakes, then random ones), and ``diagnoses``: each typical
mistake, as the wrong answer it gives (or the error it raises) and what to
say when a learner's function gives that answer, in the words of the lesson.
``purenn/exercises/catalogue.py`` lists them; ``check`` runs them.

>>> print(Lesson("01", "The sigmoid"))
notebook 01, section "The sigmoid"
>>> print(equation(5))
(5) J = −(1/N) Σ [Y·ln ŷ + (1 − Y)·ln(1 − ŷ)], the sum over all N = m·o entries
"""

import html
import random
from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple, Type

__all__ = ["Case", "Diagnosis", "EQUATIONS", "Exercise", "Lesson", "NOTEBOOKS", "Task", "equation", "reread"]

EQUATIONS = {
    1: "z1 = X·W1 + b1   (m, h)",
    2: "a1 = σ(z1)   (m, h)",
    3: "z2 = a1·W2 + b2   (m, o)",
    4: "ŷ = σ(z2)   (m, o)",
    5: "J = −(1/N) Σ [Y·ln ŷ + (1 − Y)·ln(1 − ŷ)], the sum over all N = m·o entries",
    6: "∂J/∂ŷ = (1/N)·(ŷ − Y) / (ŷ·(1 − ŷ))   (m, o)",
    7: "∂J/∂z2 = (1/N)·(ŷ − Y)   (m, o)",
    8: "∂J/∂W2 = a1ᵀ · ∂J/∂z2   (h, o)",
    9: "∂J/∂b2 = Σ over rows of ∂J/∂z2   (o,)",
    10: "∂J/∂a1 = ∂J/∂z2 · W2ᵀ   (m, h)",
    11: "∂J/∂z1 = ∂J/∂a1 ⊙ a1 ⊙ (1 − a1)   (m, h)",
    12: "∂J/∂W1 = Xᵀ · ∂J/∂z1   (n, h)",
    13: "∂J/∂b1 = Σ over rows of ∂J/∂z1   (h,)",
    14: "W ← W − α·∂J/∂W and b ← b − α·∂J/∂b, for both layers",
}
"""The article's equations (1) to (14), as docs/math.md numbers them."""

NOTEBOOKS = {
    "00": "notebooks/00_linear_algebra.ipynb",
    "01": "notebooks/01_neural_network_from_scratch.ipynb",
    "02": "notebooks/02_going_further.ipynb",
    "06": "notebooks/06_automatic_differentiation.ipynb",
}
"""The notebooks a lesson can point to, by their number."""


def equation(number: int) -> str:
    """Equation ``number`` of the article, with its number in front."""
    return f"({number}) {EQUATIONS[number]}"


class Lesson(NamedTuple):
    """A section of a notebook to reread, named by its heading (without its number);
    with no notebook, ``heading`` says where else to read (a docstring)."""

    notebook: str
    heading: str

    def __str__(self) -> str:
        if not self.notebook:
            return self.heading
        return f'notebook {self.notebook}, section "{self.heading}"'


def reread(equations: Sequence[int], lessons: Sequence[Lesson]) -> str:
    """Where to look again: the equations by number, then the sections.

    >>> reread([8, 12], [Lesson("01", "Backpropagation")])
    'equations (8) and (12); notebook 01, section "Backpropagation"'
    """
    parts = []
    if equations:
        numbers = [f"({n})" for n in equations]
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        parts.append(("equation " if len(numbers) == 1 else "equations ") + listed)
    parts += [str(lesson) for lesson in lessons]
    return "; ".join(parts)


class Case(NamedTuple):
    """One call to try: the arguments, what this case is there to expose, and what must come back.

    ``exact``: the inputs are ints or Fractions and the answer must be exact too.
    ``raises``: the function must raise this (a ValueError for a singular matrix, say).
    """

    args: Tuple[object, ...]
    about: str
    exact: bool = False
    raises: Optional[Type[Exception]] = None


class Diagnosis(NamedTuple):
    """A typical mistake: the answer it gives (``answer``, computed from the same arguments) or the
    error it raises (``error``), a short ``tag``, and what to tell the learner (``says``).

    ``equations`` and ``lessons``, when given, replace the exercise's own in the message.
    """

    tag: str
    says: str
    answer: Optional[Callable[..., object]] = None
    error: Optional[Type[BaseException]] = None
    equations: Tuple[int, ...] = ()
    lessons: Tuple[Lesson, ...] = ()


def _no_random_cases(rng: random.Random) -> List[Case]:
    return []


class Exercise(NamedTuple):
    """One exercise: the task, purenn's answer, the cases and the mistakes to look for."""

    name: str
    params: Tuple[str, ...]
    returns: str
    summary: str
    statement: str
    starter: str
    reference: Callable[..., object]
    cases: Tuple[Case, ...]
    diagnoses: Tuple[Diagnosis, ...] = ()
    equations: Tuple[int, ...] = ()
    lessons: Tuple[Lesson, ...] = ()
    random_cases: Callable[[random.Random], List[Case]] = _no_random_cases
    parts: Tuple[str, ...] = ()
    size: Optional[Callable[..., float]] = None

    @property
    def signature(self) -> str:
        """``name(params) -> returns``, as the learner writes it."""
        return f"{self.name}({', '.join(self.params)}) -> {self.returns}"

    def all_cases(self, seed: int = 20) -> List[Case]:
        """The chosen cases, then the random ones (the same ones for the same seed)."""
        return list(self.cases) + self.random_cases(random.Random(seed))


class Task:
    """An exercise as a learner first meets it: what to write, a stub to start from, the equations.

    ``check(name)`` without a function returns one; it prints itself in a
    terminal and shows itself in a notebook.
    """

    __slots__ = ("exercise",)

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise

    def __repr__(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The task in plain text."""
        ex = self.exercise
        lines = [f"Exercise {ex.name}: {ex.summary}", "", ex.statement, "", f"Write:   {ex.signature}"]
        if ex.equations:
            lines += ["", "The equations:"] + [f"    {equation(n)}" for n in ex.equations]
        if ex.lessons:
            lines += ["", "Read first: " + "; ".join(str(lesson) for lesson in ex.lessons)]
        lines += ["", "Start from:", ""] + ["    " + line for line in ex.starter.splitlines()]
        lines += ["", f'Then: check("{ex.name}", {ex.name})   or   python -m purenn check yourfile.py {ex.name}']
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + html.escape(self.text()) + "</pre>"
