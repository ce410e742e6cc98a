"""The main job: watch the article's network learn the diabetes table.

``python -m purenn`` runs ``run()``: it builds the two-layer network, trains
it for the article's 1,500 epochs while printing the loss, then shows the
loss curve, whether it has levelled off, the accuracy and every prediction.

Each epoch computes the loss and then updates the weights, so the loss
printed for an epoch is the one *before* its update; the last update's
effect shows only in the loss after training, printed on a line of its own.
"""

import sys
import textwrap
import time
from typing import Optional, Sequence, TextIO

from purenn.data.datasets import diabetes
from purenn.nn.network import TwoLayerNetwork
from purenn.plot.loss import loss_curve
from purenn.plot.text import line_chart, supports_unicode
from purenn.nn.training import PLATEAU_FRACTION, PLATEAU_WINDOW, plateau_epoch

__all__ = ["run"]

REPORT_EVERY = 100
"""Print the loss every this many epochs."""


def run(
    epochs: int = 1500,
    hidden: int = 4,
    learning_rate: float = 1.0,
    seed: int = 0,
    quiet: bool = False,
    out: Optional[TextIO] = None,
    plot: Optional[str] = None,
) -> int:
    """Train on the diabetes table and print what happened; return the exit status (0).

    With ``quiet``, print only the final loss and accuracy. With ``plot``, a
    path, draw the loss curve to that SVG file.

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
    network = TwoLayerNetwork(n_inputs=n, n_hidden=hidden, n_outputs=1, learning_rate=learning_rate, seed=seed)

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
    width = len(str(epochs))

    def progress(epoch: int, loss: float) -> None:
        if epoch % REPORT_EVERY == 0 or epoch == epochs - 1:
            done = (epoch + 1) / epochs
            bar = "#" * round(20 * done)
            say(f"  epoch {epoch:>{width}}/{epochs} [{bar:<20}] loss {loss:.4f}")

    started = time.perf_counter()
    history = network.fit(X, Y, epochs=epochs, on_epoch=progress)
    seconds = time.perf_counter() - started
    output = network.predict_proba(X)
    predicted = network.predict(X)
    final_loss = network.loss(output, Y)
    correct = sum(1 for p, y in zip(predicted.column(0), Y.column(0)) if p == y)
    # "epoch {e}/{epochs} [{bar}]" takes 2 * width + 30 characters: line the loss up below
    say(f"  {'after training':<{2 * width + 30}} loss {final_loss:.4f}")

    if history:
        say()
        say("loss per epoch")
        say(line_chart(history, unicode=supports_unicode(out)))
        say()
        if len(history) > 1:  # one loss alone has nothing to be compared with
            say(textwrap.fill(_how_the_loss_fell(history, learning_rate), width=78))
            say()
    say(f"{'':2}{'  '.join(data.feature_names)}  target  p(yes)  predicted")
    for features, target, probability, guess in zip(X, Y.column(0), output.column(0), predicted.column(0)):
        cells = "  ".join(f"{value:>{len(name)}.0f}" for value, name in zip(features, data.feature_names))
        mark = "" if guess == target else "  <- wrong"
        say(f"  {cells}  {target:>6.0f}  {probability:>6.3f}  {guess:>9.0f}{mark}")
    say()
    say(f"trained in {seconds:.2f} s")
    print(
        f"final loss {final_loss:.4f} after {epochs} epochs; "
        f"accuracy {correct} of {m} ({correct / m:.1%})",
        file=out,
    )
    if plot is not None and history:
        loss_curve(history, title="The article's network: loss per epoch").save(plot)
        print(f"loss curve drawn to {plot}", file=out)
    return 0


def _how_the_loss_fell(history: Sequence[float], learning_rate: float) -> str:
    """One paragraph on the loss curve: where it levelled off, whether it is still falling, or that it never fell.

    >>> print(_how_the_loss_fell([0.8, 3.1, 7.8], learning_rate=50))
    The loss did not fall: it went from 0.8000 to 7.8000. A learning rate of 50 is probably too large, so that each step overshoots the minimum; try a smaller one, such as 5 (--learning-rate 5).
    """
    first, last = history[0], history[-1]
    if not last < first:
        smaller = f"{learning_rate / 10:g}"
        return (
            f"The loss did not fall: it went from {first:.4f} to {last:.4f}. A learning rate of "
            f"{learning_rate:g} is probably too large, so that each step overshoots the minimum; "
            f"try a smaller one, such as {smaller} (--learning-rate {smaller})."
        )
    plateau = plateau_epoch(history)
    rule = (
        f"(The rule: the first epoch after which the loss gets less than {PLATEAU_FRACTION:.0%} "
        f"lower within the next {PLATEAU_WINDOW} epochs; it looks only ahead, so it does not "
        f"depend on how long the run is.)"
    )
    if plateau is not None:
        lowest_ahead = min(history[plateau + 1:plateau + PLATEAU_WINDOW + 1])
        return (
            f"The loss levelled off at epoch {plateau}: within the next {PLATEAU_WINDOW} epochs it "
            f"got no lower than {lowest_ahead:.4g}, from {history[plateau]:.4g}. {rule}"
        )
    start = max(0, len(history) - 1 - PLATEAU_WINDOW)
    return (
        f"The loss had not levelled off by the last epoch: over the last {len(history) - 1 - start} "
        f"epochs it still fell by {(history[start] - last) / history[start]:.1%} "
        f"({history[start]:.4f} -> {last:.4f}). {rule} Once every row is classified correctly, "
        f"larger weights always lower cross-entropy a little more, so it can keep falling "
        f"for as long as training runs."
    )
