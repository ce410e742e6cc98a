"""The main job: watch the article's network learn the diabetes table.

``python -m purenn`` runs ``run()``: it builds the two-layer network, trains
it for the article's 1,500 epochs while showing its progress, then shows the
loss curve, whether it has levelled off, the accuracy and every prediction.

Each epoch computes the loss and then updates the weights, so the loss
printed for an epoch is the one *before* its update; the last update's
effect shows only in the loss after training, printed on a line of its own.
"""

import sys
import textwrap
import time
from typing import Callable, NamedTuple, Optional, Sequence, TextIO

from purenn.nn.network import TwoLayerNetwork
from purenn.nn.training import ARTICLE_LEARNING_RATE, PLATEAU_FRACTION, PLATEAU_WINDOW, plateau_epoch
from purenn.data.datasets import diabetes
from purenn.plot.progress import Progress
from purenn.plot.text import chart_width, line_chart, supports_unicode
from purenn.app.messages import Message, Setting, escaped
from purenn.app.pipeline import check_run_size

__all__ = ["ARTICLE", "Settings", "run"]

class Settings(NamedTuple):
    """The main job's settings; ``ARTICLE`` holds the article's."""

    epochs: int = 1500
    hidden: int = 4
    learning_rate: float = ARTICLE_LEARNING_RATE
    seed: int = 0


ARTICLE = Settings()
"""The article's settings: 4 hidden units, α = 1.0, 1,500 epochs; the defaults of ``run``."""


def run(
    epochs: int = ARTICLE.epochs,
    hidden: int = ARTICLE.hidden,
    learning_rate: float = ARTICLE.learning_rate,
    seed: int = ARTICLE.seed,
    quiet: bool = False,
    out: Optional[TextIO] = None,
    plot: Optional[str] = None,
    name_setting: Callable[[Setting], str] = str,
) -> int:
    """Train on the diabetes table and print what happened; return the exit status (0).

    With ``quiet``, print only the final loss and accuracy. With ``plot``, a
    path, draw the loss curve to that SVG file. Where the report suggests a
    setting, ``name_setting`` writes it (by default as Python does,
    ``learning_rate=5``; the command line passes its flags).

    >>> import io
    >>> buffer = io.StringIO()
    >>> run(epochs=300, quiet=True, out=buffer)
    0
    >>> print(buffer.getvalue().strip())
    final loss 0.2549 after 300 epochs; accuracy 14 of 16 (87.5%)
    """
    out = sys.stdout if out is None else out
    data = diabetes()
    X, Y = data.X, data.Y
    m, n = X.shape
    check_run_size(m, (n, hidden, 1))  # before anything is built: --hidden 1000000000000 is refused here
    network = TwoLayerNetwork(n_inputs=n, n_hidden=hidden, n_outputs=1, seed=seed)

    def say(text: str = "") -> None:
        if not quiet:
            print(text, file=out)

    say("purenn: the article's two-layer network learns the diabetes table")
    say(f"  data     {m} people x {n} yes/no risk factors ({', '.join(data.feature_names)})")
    say("           an illustrative table, not medical data: see purenn/data/datasets.py")
    say(f"  network  {n} inputs -> {hidden} hidden (sigmoid) -> 1 output (sigmoid)")
    say(f"  training binary cross-entropy, gradient descent, learning rate {learning_rate:g}, "
        f"{epochs} epochs, seed {seed}")
    say()
    say("  the loss of each epoch, measured before that epoch's update:")
    progress = None if quiet else Progress(epochs, learning_rate, out=out, indent="  ")
    started = time.perf_counter()
    try:
        history = network.fit(X, Y, epochs=epochs, learning_rate=learning_rate, on_epoch=progress)
    finally:
        if progress is not None:
            progress.close()
    seconds = time.perf_counter() - started
    output = network.predict_proba(X)
    predicted = network.predict(X)
    final_loss = network.loss(output, Y)
    correct = sum(1 for p, y in zip(predicted, Y.column(0)) if p == y)
    say(f"  after training, the loss is {final_loss:.4f}")

    if history:
        say()
        say("loss per epoch")
        say(line_chart(history, width=chart_width(out), unicode=supports_unicode(out)))
        say()
        if len(history) > 1:  # one loss alone has nothing to be compared with
            say(textwrap.fill(_how_the_loss_fell(history, learning_rate).text(name_setting), width=78))
            say()
    say(f"{'':2}{'  '.join(data.feature_names)}  target  p(yes)  predicted")
    for features, target, probability, guess in zip(X, Y.column(0), output.column(0), predicted):
        cells = "  ".join(f"{value:>{len(name)}.0f}" for value, name in zip(features, data.feature_names))
        mark = "" if guess == target else "  <- wrong"
        say(f"  {cells}  {target:>6.0f}  {probability:>6.3f}  {guess:>9}{mark}")
    say()
    say(f"trained in {seconds:.2f} s")
    print(
        f"final loss {final_loss:.4f} after {epochs} epochs; "
        f"accuracy {correct} of {m} ({correct / m:.1%})",
        file=out,
    )
    if plot is not None and history:
        from purenn.plot.loss import loss_curve  # here, not above: the SVG figures load only when --plot asks for one

        loss_curve(history, title="The article's network: loss per epoch").save(plot)
        print(f"loss curve drawn to {escaped(plot)}", file=out)
    return 0


def _how_the_loss_fell(history: Sequence[float], learning_rate: float) -> Message:
    """One paragraph on the loss curve: where it levelled off, whether it is still falling, or that it never fell.

    >>> print(textwrap.fill(_how_the_loss_fell([0.8, 3.1, 7.8], learning_rate=50).text(), width=78))
    The loss did not fall: it went from 0.8000 to 7.8000. A learning rate of 50 is
    probably too large, so that each step overshoots the minimum; try a smaller
    one, such as 5 (learning_rate=5).
    """
    first, last = history[0], history[-1]
    if not last < first:
        smaller = min(learning_rate / 10, 10.0)  # 10: the largest rate that learns this table (module docstring)
        return Message(
            f"The loss did not fall: it went from {first:.4f} to {last:.4f}. A learning rate of "
            f"{learning_rate:g} is probably too large, so that each step overshoots the minimum; "
            f"try a smaller one, such as {smaller:g} ({{}}).",
            (Setting("learning_rate", smaller),),
        )
    plateau = plateau_epoch(history)
    rule = (
        f"(The rule: the first epoch after which the loss gets less than {PLATEAU_FRACTION:.0%} "
        f"lower within the next {PLATEAU_WINDOW} epochs; it looks only ahead, so once an epoch "
        f"qualifies, a longer run finds the same one.)"
    )
    if plateau is not None:
        lowest_ahead = min(history[plateau + 1:plateau + PLATEAU_WINDOW + 1])
        return Message(
            f"The loss levelled off at epoch {plateau}: within the next {PLATEAU_WINDOW} epochs it "
            f"got no lower than {lowest_ahead:.4g}, from {history[plateau]:.4g}. {rule}"
        )
    start = max(0, len(history) - 1 - PLATEAU_WINDOW)
    return Message(
        f"The loss had not levelled off by the last epoch: over the last {len(history) - 1 - start} "
        f"epochs it still fell by {(history[start] - last) / history[start]:.1%} "
        f"({history[start]:.4f} -> {last:.4f}). {rule} Once every row is classified correctly, "
        f"scaling up the output layer's weights lowers cross-entropy further, so it can keep falling "
        f"for as long as training runs."
    )
