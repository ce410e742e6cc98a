"""Every number the teaching prose quotes must come from somewhere that is run.

The prose read here: the markdown cells of every notebook in notebooks/,
README.md and docs/math.md. The numbers read from it:

- every decimal with three or more digits after the point ("0.0080",
  "0.9487", "−0.294"), in text and in formulas alike;
- every count "k of n" ("38 of 39", "995 of 1,500");
- every "k/n" written as words, outside formulas and code ("28/30").

A number in a notebook's markdown is backed when the same notebook's code
or stored text output holds it (a decimal also when a longer printed
decimal rounds to it: "0.294" is backed by a printed "-0.2940"). A number
in README.md or docs/math.md is backed by the code and text outputs of the
notebooks, by README's own code blocks (tests/test_readme.py runs or
compares them), or by an entry of ``QUOTED_ELSEWHERE`` in
tests/test_teaching.py, which names the test that recomputes it. Stored
figures (SVG) do not count: their coordinates are numbers too, and would
back almost anything.
"""

import json
import pathlib
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Dict, Iterator, List, Set, Tuple

import pytest

from benchmarks import report

from tests import test_teaching

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

DECIMAL = re.compile(r"(?<![\w.])\d+\.\d{3,}(?![\d])")
"""A decimal with at least three digits after the point, not part of a longer token (a version 3.11.7 is)."""

COUNT = re.compile(r"(?<![\w.,])(\d[\d,]*) of (\d[\d,]*\d|\d)(?![\w.]\d)")
"""A count such as "15 of 16" or "995 of 1,500"."""

RATIO = re.compile(r"(?<![\w./(^_{])(\d+)/(\d+)(?![\w./(^_}])")
"""A count written as a fraction, "28/30", standing alone (not part of a date, a path or a formula)."""

FORMULA = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|`[^`\n]+`", re.S)
"""TeX formulas and inline code: fractions there are mathematics ("1/4", "7/16"), not counts."""

BACKING_NUMBER = re.compile(r"\d+\.\d+")

Quote = Tuple[str, str]
"""(the number as quoted, the kind: "decimal", "count" or "ratio")."""


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def quotes(markdown: str) -> Iterator[Quote]:
    """The numbers that ``markdown`` quotes and that need a backing.

    >>> sorted(quotes("loss 0.0080 after 1,500 epochs, 38 of 39 right, 28/30, $1/4$, v3.11.7"))
    [('0.0080', 'decimal'), ('28/30', 'ratio'), ('38 of 39', 'count')]
    """
    for match in DECIMAL.finditer(markdown):
        yield match.group(0), "decimal"
    for match in COUNT.finditer(markdown):
        yield f"{match.group(1)} of {match.group(2)}", "count"
    for match in RATIO.finditer(FORMULA.sub(" ", markdown)):
        if int(match.group(2)) >= 2:  # "0/1" names the two labels, it counts nothing
            yield match.group(0), "ratio"


def _plain(text: str) -> str:
    """Text with its thousands separators, thin spaces and Unicode minus signs made plain."""
    text = text.replace("−", "-").replace("\u202f", "").replace("\u2009", "")
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)


def _rounds_to(printed: str, quoted: str) -> bool:
    """True if the printed decimal, rounded to the quoted number of places, is the quoted one."""
    places = Decimal(1).scaleb(-len(quoted.split(".")[1]))
    value = Decimal(printed)
    return any(value.quantize(places, rounding=mode) == Decimal(quoted) for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN))


def backed(quote: Quote, backing: str, backing_numbers: Set[str]) -> bool:
    """True if the number is in ``backing`` (code and printed text).

    >>> backed(("0.294", "decimal"), "push -0.2940", {"0.2940"})
    True
    >>> backed(("0.9488", "decimal"), "0.9487", {"0.9487"})
    False
    >>> backed(("38 of 39", "count"), "38 of 39 right", set())
    True
    >>> backed(("28/30", "ratio"), "assert right == 28 / 30", set())
    True
    """
    number, kind = quote
    plain = _plain(number)
    if kind == "decimal":
        if re.search(r"(?<![\d.])" + re.escape(plain) + r"(?!\d)", backing):
            return True
        digits = len(plain.split(".")[1])
        return any(len(printed.split(".")[1]) > digits and _rounds_to(printed, plain) for printed in backing_numbers)
    k, n = re.split(r" of |/", plain)
    forms = (f"{k} of {n}", f"{k}/{n}", f"{k} / {n}")
    return any(re.search(r"(?<![\d.])" + re.escape(form) + r"(?![\d.]\d)", backing) for form in forms)


def _backing_of(notebook: dict) -> str:
    """The code of every cell and every stored text output (not the SVG figures)."""
    parts: List[str] = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        parts.append(_text(cell["source"]))
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                parts.append(_text(output["text"]))
            for mime in ("text/plain", "text/latex", "text/markdown"):
                if mime in output.get("data", {}):
                    parts.append(_text(output["data"][mime]))
    return _plain("\n".join(parts))


def _numbers(text: str) -> Set[str]:
    return set(BACKING_NUMBER.findall(text))


def _load(path: pathlib.Path) -> dict:
    with path.open(encoding="utf-8") as f:
        notebook: dict = json.load(f)
    return notebook


def _advice(where: str, number: str, context: str, remedy: str) -> str:
    return f"{where}: {number!r} is quoted in the prose but nothing that runs backs it\n    ...{context}...\n  {remedy}"


def _context(markdown: str, number: str) -> str:
    at = markdown.find(number)
    return " ".join(markdown[max(0, at - 60):at + len(number) + 40].split())


NOTEBOOK_REMEDY = (
    "Print it (or assert it) in a code cell of the same notebook, rebuild the outputs with "
    "`python3 tests/notebook_runner.py NOTEBOOK`, and quote exactly what the cell prints; "
    "or drop the number from the prose."
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_number_quoted_in_a_notebook_is_printed_or_computed_by_it(path: pathlib.Path) -> None:
    notebook = _load(path)
    backing = _backing_of(notebook)
    numbers = _numbers(backing)
    unbacked = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        markdown = _text(cell["source"])
        for quote in quotes(markdown):
            if not backed(quote, backing, numbers):
                unbacked.append(_advice(f"{path.name}, markdown cell {index} (0-based)", quote[0],
                                        _context(markdown, quote[0]), NOTEBOOK_REMEDY))
    assert not unbacked, "\n".join(unbacked)


def _readme_code() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return "\n".join(re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.S))


def _prose_of(text: str) -> str:
    """A markdown file without its fenced code blocks (their numbers are the backing, not quotes), nor the
    speed table, which ``python -m benchmarks --combine`` writes from the saved runs (tests/test_benchmarks.py
    holds that it is exactly that)."""
    text = re.sub(re.escape(report.START) + r".*?" + re.escape(report.END), " ", text, flags=re.S)
    return re.sub(r"```[a-z]*\n.*?```", " ", text, flags=re.S)


DOCUMENT_REMEDY = (
    "Quote a number that a notebook prints or a README code block shows, or add it to QUOTED_ELSEWHERE "
    "in tests/test_teaching.py with the name of a test that recomputes it (and write that test)."
)


@pytest.mark.parametrize("name", ["README.md", "docs/math.md"])
def test_every_number_quoted_in_the_readme_and_math_md_is_recomputed(name: str) -> None:
    backing = _plain("\n".join([_readme_code()] + [_backing_of(_load(path)) for path in NOTEBOOKS]))
    numbers = _numbers(backing)
    prose = _prose_of((ROOT / name).read_text(encoding="utf-8"))
    unbacked = []
    for quote in quotes(prose):
        if quote[0] in test_teaching.QUOTED_ELSEWHERE or backed(quote, backing, numbers):
            continue
        unbacked.append(_advice(name, quote[0], _context(prose, quote[0]), DOCUMENT_REMEDY))
    assert not unbacked, "\n".join(unbacked)


def test_each_number_quoted_elsewhere_names_a_test_that_exists() -> None:
    tests = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("test_*.py")}
    for number, test in test_teaching.QUOTED_ELSEWHERE.items():
        assert any(f"def {test}(" in source for source in tests.values()), (
            f"QUOTED_ELSEWHERE says {test} recomputes {number!r}, but no test of that name exists"
        )
        documents = ("README.md", "docs/math.md")
        assert any(number in _prose_of((ROOT / name).read_text(encoding="utf-8")) for name in documents), (
            f"{number!r} is in QUOTED_ELSEWHERE but no longer quoted: remove the entry"
        )


def test_the_reader_finds_what_the_issue_named() -> None:
    found: Dict[str, str] = dict(quotes("(38 of 39 test flowers) ... (0.9487 on the fifth) ... about 0.0080, 0.0017"))
    assert found == {"38 of 39": "count", "0.9487": "decimal", "0.0080": "decimal", "0.0017": "decimal"}
