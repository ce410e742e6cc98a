"""Shared pytest settings.

The README's test command runs every test. ``.ci/run`` runs the suite again
on every other interpreter with ``PURENN_SKIP_SLOW_CLAIMS=1``: there the few
slow tests that only re-derive a number quoted in the documentation (long
training runs behind the README's and the notebooks' figures) are skipped,
so that the whole CI stays within its time budget. They ran on the main
interpreter, and the per-interpreter behaviour they touch (training,
products, printing) is covered by the fast tests everywhere.
"""

import os
import signal
from typing import List

import pytest

if hasattr(signal, "SIGINT") and signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    # A shell starts a background job (``.ci/run &``, nohup) with Ctrl-C ignored, and Python then
    # never raises KeyboardInterrupt; the tests of Ctrl-C need it to behave as at a terminal. A handled
    # signal goes back to its default in a program this one starts (exec resets it; an ignored one stays
    # ignored), so the command-line runs of tests/test_signals.py get Ctrl-C as at a terminal too.
    signal.signal(signal.SIGINT, signal.default_int_handler)

SLOW_CLAIMS = (
    "test_the_reasons_for_the_default_learning_rates",
    "test_notebook_runs_and_its_stored_outputs_are_current[02_going_further.ipynb]",
    "test_readme_shows_what_adam_and_sgd_print_on_the_spirals",
    "test_committed_figures_are_current",
    "test_committed_digit_figures_are_current",
    "test_the_documented_digits_run_reaches_its_accuracy",
    "test_the_defaults_train_the_spirals_steadily",
    "test_a_loss_that_ends_far_above_its_lowest_is_warned_about",
    "test_the_true_curve_is_a_ceiling_on_new_data_but_not_on_the_training_data",
    "test_iris_scores_the_same_on_four_of_five_seeds",
)
"""Names of the slow tests that re-check a documented number (see the module docstring)."""


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    if os.environ.get("PURENN_SKIP_SLOW_CLAIMS") != "1":
        return
    skip = pytest.mark.skip(reason="a slow re-check of a documented number: run by the README's command")
    for item in items:
        if item.name in SLOW_CLAIMS:
            item.add_marker(skip)

