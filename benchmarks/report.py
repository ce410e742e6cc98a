"""The tables of ``python -m benchmarks``: one interpreter's run, and all saved runs together.

``markdown(result)`` writes one run (the dictionary saved as
``benchmarks/results/<interpreter>.json``) as Markdown tables, each naming
its interpreter. ``combine(results)`` reads every saved run and writes the
table of all of them, with the targets of issues 11 and 24 checked in it
(the project README shows the columns of issue 24's targets).
Both only format numbers measured by ``python -m benchmarks``; nothing here
times anything, so the test suite can check that the README's table is
exactly what ``combine`` makes of the committed JSON files.

>>> mark(0.93, "<=", 1.0), mark(150.0, ">=", 200.0)
('0.93 ✓', '150 ✗')
"""

import json
import os
from typing import Any, Dict, List, Optional

Run = Dict[str, Any]  # one interpreter's results, as json.load gives them back

TARGETS = {
    "epoch": 1.0,  # 768-row epoch: purenn's time over the list code's, at most
    "digits": 1.0,  # the digits epoch: purenn's time over the list code's, at most (issue 24)
    "main job": 1.0,  # the same for the 1,500-epoch main job
    "numpy": 2.0,  # the main job: purenn's time over NumPy's, at most, on CPython (issue 24)
    "micrograd": 200.0,  # micrograd's time over purenn's, at least
    "pypy": 4.0,  # CPython 3.11's 768-row epoch over PyPy's, at least
    "trained in": 0.15,  # seconds of the main job's training on CPython 3.11, below
    "process": 0.30,  # seconds of the main job's whole process on CPython 3.11, below (issue 24)
    "cli": 15.0,  # seconds of the CLI train on the 2,000 x 30 CSV on CPython 3.11, below (issue 24)
    "plain": 2.0,  # plain mode's epoch time over the fast mode's, at most, on CPython (issue 24)
}
"""The targets of issues 11 and 24, as the combined table checks them."""


START = "<!-- speed table: written by python -m benchmarks --combine -->"
END = "<!-- end of the speed table -->"
"""The two lines of the project README between which ``--combine`` puts the table."""


def with_table(readme: str, table: str) -> str:
    r"""The README's text with ``table`` between the two markers, in place of what was there.

    >>> with_table("a\n" + START + "\nold\n" + END + "\nb", "new\n").splitlines()[2]
    'new'
    """
    before, rest = readme.split(START + "\n", 1)
    _, after = rest.split(END, 1)
    return before + START + "\n" + table + END + after


def mark(value: float, relation: str, target: float, unit: str = "") -> str:
    """A number (and its unit) with ✓ when it meets its target, ✗ when it does not.

    A third decimal is shown when two would print the target itself, so that
    1.0047 against "≤ 1" reads 1.005 ✗, not 1.00 ✗.

    >>> mark(1.0047, "<=", 1.0), mark(0.24, "<", 0.30, " s")
    ('1.005 ✗', '0.24 s ✓')
    """
    met = {"<": value < target, "<=": value <= target, ">=": value >= target}[relation]
    shown = "%.0f" % value if value >= 100 else "%.2f" % value
    if shown == "%.2f" % target:
        shown = "%.3f" % value
    return "%s%s %s" % (shown, unit, "✓" if met else "✗")


def load_average(run: Run) -> str:
    low, high = min(run["load average"]), max(run["load average"])
    return "%.1f-%.1f" % (low, high)


def markdown(run: Run) -> str:
    """One run as Markdown: products, the two networks, whole tasks and memory."""
    name = run["interpreter"]
    lines = [
        "### %s" % name,
        "",
        "%s, %s; load average %s while it ran%s." % (
            run["machine"], run["date"], load_average(run), " (--quick)" if run["quick"] else ""),
        "",
        "| product, %s | naive loop | purenn | purenn plain mode | NumPy |" % name,
        "|---|---|---|---|---|",
    ]
    for row in run["products"]:
        ratios = row["speed-up over the naive loop"]
        cells = ["%.2f ms" % (row["seconds"]["naive loop"] * 1e3)]
        cells += ["%.2fx" % ratios[way] if way in ratios else "n/a" for way in ("purenn", "purenn plain", "NumPy")]
        lines.append("| %s | %s |" % (row["what"], " | ".join(cells)))
    lines += ["", "(speed-up over the naive triple loop on lists; higher is faster)", ""]
    lines += [
        "| task, %s | list code | purenn | purenn plain mode | NumPy | micrograd |" % name,
        "|---|---|---|---|---|---|",
    ]
    for key in ("epoch_768", "digits_epoch", "main_job"):
        if key not in run:  # runs made before the digits were measured
            continue
        row = run[key]
        ratios = row["time / list code"]
        cells = ["%.1f ms" % (row["seconds"]["list code"] * 1e3)]
        for way in ("purenn", "purenn plain", "NumPy", "micrograd"):
            if way in ratios:
                cells.append("%.2fx (%.1f ms)" % (ratios[way], row["seconds"][way] * 1e3))
            else:
                cells.append("n/a")
        lines.append("| %s | %s |" % (row["what"], " | ".join(cells)))
    lines += ["", "(time as a multiple of the hand-written list code's; lower is faster)", ""]
    for key, what in (("epoch_768", "the 768-row epoch"), ("main_job", "the main job")):
        if run[key].get("micrograd / purenn"):
            lines.append("purenn is %.0fx faster than micrograd on %s." % (run[key]["micrograd / purenn"], what))
    cpu = run["tasks"].get("process clock") == "cpu"
    for task, seconds in run["tasks"]["seconds"].items():
        clock = " of CPU time" if cpu and task.startswith("purenn train") else ""
        lines.append("%s: %.2f s%s." % (task, seconds, clock))
    lines.append("python -m purenn printed: trained in %.2f s (its wall clock)." % run["tasks"]["trained in"])
    if "main job process" in run["tasks"]:
        lines.append("python -m purenn, the whole process (best of 3): %.2f s of %s."
                     % (run["tasks"]["main job process"], "CPU time" if cpu else "wall clock"))
    if "main job process, no bytecode cache" in run["tasks"]:
        lines.append("The same, compiling purenn's modules first, as the first run of a new checkout does: %.2f s."
                     % run["tasks"]["main job process, no bytecode cache"])
    memory = run["memory"]
    if memory is None:
        lines.append("Memory: not measured (this interpreter has no tracemalloc).")
        return "\n".join(lines) + "\n"
    after_collect = "gc.collect()" in memory["what"]  # the first runs read it without
    lines.append(
        "Memory: one 768-row epoch peaks at %.0f KiB; memory held after 10 epochs %.0f KiB, after %d epochs %.0f KiB%s."
        % (memory["peak bytes of one epoch"] / 1024, memory["bytes held after 10 epochs"] / 1024, memory["epochs"],
           memory["bytes held after %d epochs" % memory["epochs"]] / 1024,
           " (read after gc.collect())" if after_collect else " (read without gc.collect(), free lists included)")
    )
    return "\n".join(lines) + "\n"


def read_runs(folder: str) -> List[Run]:
    """Every saved run in ``folder``, CPython first (by version), PyPy last."""
    runs = []
    for name in os.listdir(folder):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as file:
                runs.append(json.load(file))
    return sorted(runs, key=lambda run: (run["interpreter"].startswith("PyPy"), _version(run["interpreter"])))


def _version(interpreter: str) -> List[int]:
    return [int(part) for part in interpreter.split()[1].split(".")]


def _cli_seconds(run: Run) -> Optional[float]:
    return next((s for task, s in run["tasks"]["seconds"].items() if task.startswith("purenn train")), None)


def _ratio(row: Optional[Dict[str, Any]], way: str) -> Optional[float]:
    """purenn's time over ``way``'s in ``row`` (None when the run did not measure it)."""
    if row is None or way not in row["seconds"]:
        return None
    return row["seconds"]["purenn"] / row["seconds"][way]


def combine(folder: str, full: bool = True) -> str:
    """The combined table: one row per saved run, each number marked against its target.

    Every number in it is CPU time or a ratio of CPU times (in-process
    ratios; the seconds of ``train`` and of the main job's whole process are
    a child process's user and system time), except the main job's "trained
    in" figure, the wall-clock time that ``python -m purenn`` prints. A
    target set for CPython 3.11 alone is marked in that row only.

    ``full=False`` keeps the columns the project README shows, the targets of
    issue 24, all of them CPU time; the full table (``results/README.md``)
    adds issue 11's micrograd, "trained in" and PyPy columns.
    """
    runs = read_runs(folder)
    cpython_311 = next((run for run in runs if run["interpreter"].startswith("CPython 3.11.")), None)
    rows = [_cells(run, cpython_311) for run in runs]
    shown = [i for i, (header, in_readme) in enumerate(COLUMNS) if full or in_readme]
    lines = [
        "| %s |" % " | ".join(COLUMNS[i][0] for i in shown),
        "|%s" % ("---|" * len(shown)),
    ]
    lines.extend("| %s |" % " | ".join(cells[i] for i in shown) for cells in rows)
    return "\n".join(lines) + "\n"


COLUMNS = [
    ("interpreter", True),
    ("load", True),
    ("768-row epoch: purenn / list code (≤ 1)", True),
    ("digits epoch: purenn / list code (≤ 1)", True),
    ("main job: purenn / list code (≤ 1)", True),
    ("main job: purenn / NumPy (≤ 2 on CPython)", True),
    ("micrograd / purenn: 768-row epoch (≥ 200)", False),
    ("main job: \"trained in\", wall (< 0.15 s on 3.11)", False),
    ("main job: whole process (< 0.30 s on 3.11)", True),
    ("main job: whole process, compiling first", False),
    ("`train`, 2,000 x 30 CSV (< 15 s on 3.11)", True),
    ("epoch: CPython 3.11 / this (≥ 4 on PyPy)", False),
    ("plain mode: epoch time / fast (≤ 2 on CPython)", True),
]
"""The combined table's columns, and whether the project README shows each."""


def _cells(run: Run, cpython_311: Optional[Run]) -> List[str]:
    """One run's row of the full table, in the order of ``COLUMNS``."""
    epoch, job = run["epoch_768"], run["main_job"]
    pypy = run["interpreter"].startswith("PyPy")
    is_311 = run is cpython_311

    def marked(value: Optional[float], relation: str, target: str, applies: bool = True, unit: str = "") -> str:
        if value is None:
            return "n/a"
        return mark(value, relation, TARGETS[target], unit) if applies else "%.2f%s" % (value, unit)

    cells = [
        run["interpreter"] + (" (quick)" if run["quick"] else ""),
        load_average(run),
        marked(_ratio(epoch, "list code"), "<=", "epoch"),
        marked(_ratio(run.get("digits_epoch"), "list code"), "<=", "digits"),
        marked(_ratio(job, "list code"), "<=", "main job"),
        marked(_ratio(job, "NumPy"), "<=", "numpy", applies=not pypy),
    ]
    ratio = epoch.get("micrograd / purenn")
    cells.append(mark(ratio, ">=", TARGETS["micrograd"]) if ratio else "n/a")
    cells.append(marked(run["tasks"]["trained in"], "<", "trained in", applies=is_311, unit=" s"))
    cells.append(marked(run["tasks"].get("main job process"), "<", "process", applies=is_311, unit=" s"))
    cells.append(marked(run["tasks"].get("main job process, no bytecode cache"), "<", "process", False, " s"))
    wall = "" if run["tasks"].get("process clock") == "cpu" else " (wall)"  # runs made before CPU time was taken
    cells.append(marked(_cli_seconds(run), "<", "cli", applies=is_311, unit=" s" + wall))
    if cpython_311 is not None:
        speed_up = cpython_311["epoch_768"]["seconds"]["purenn"] / epoch["seconds"]["purenn"]
        cells.append(mark(speed_up, ">=", TARGETS["pypy"]) if pypy else "%.2f" % speed_up)
    else:
        cells.append("n/a")
    plain = epoch["seconds"].get("purenn plain")
    cells.append(marked(plain / epoch["seconds"]["purenn"] if plain else None, "<=", "plain", applies=not pypy))
    return cells
