"""Test purenn's web page in a real browser: headless Chromium, driven from the standard library.

    python3 web/test_browser.py [--site OUT_DIR] [--shots docs/figures] [--chromium PATH]

Builds the page (web/build.py) into a temporary folder unless ``--site``
names a built one, serves it on 127.0.0.1 (a free port), and opens it in
headless Chromium twice: cross-origin isolated (Stop is Ctrl-C) and not
(Stop restarts Python). Every host but 127.0.0.1 is unresolvable, so
nothing can come from a CDN. Chromium is driven over its DevTools protocol
on a pipe (``--remote-debugging-pipe``: JSON messages ended by a NUL byte
on file descriptors 3 and 4), so no browser package is needed.

In the page it checks what a learner relies on, against CPython running
the same purenn here: the main job's last line and its loss curve SVG (byte
for byte), the README figure command's three SVGs (docs/figures/), the
playground on every data set, Stop (both ways) and Python after it, the
linear-algebra working, a CSV uploaded, trained on and its model
downloaded, the exercise checker's verdicts on the learner's code (an
endless loop stopped while the page still answers), a digit drawn on the
grid against CPython's probabilities, the Python box, and bad input. Then it builds the JupyterLite
site (web/jupyterlite.py), opens notebook 01 there, runs all its cells and
checks that none fails, and that ``%pip install purenn`` works offline.
``--shots`` also saves a screenshot of each panel there (web-*.png).

Prints a line per check and, last, one summary line; exit status 0 when
every check passed, 1 when one failed (or the page could not be built),
77 when it could not run here (no Chromium, or Pyodide not to be had from
npm), saying why. SIGTERM (from ``timeout``) closes Chromium before exiting.
"""

import argparse
import base64
import fcntl
import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import build  # noqa: E402  (web/build.py)
import jupyterlite  # noqa: E402  (web/jupyterlite.py)
import serve  # noqa: E402  (web/serve.py)

SKIPPED = 77
CHROMIUMS = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]


class Failure(Exception):
    """A check that did not hold."""


# ------------------------------------------------------------------ the browser


class Browser:
    """Headless Chromium with one page, spoken to over the DevTools protocol on a pipe."""

    def __init__(self, chromium: str, profile: str, downloads: str) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def descriptors() -> None:  # in the child: the pipe's ends become fds 3 and 4
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             "--user-data-dir=" + profile, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
             "--window-size=1280,900", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=descriptors,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next = 0
        self._answers: Dict[int, "queue.Queue[dict]"] = {}
        self.events: "queue.Queue[dict]" = queue.Queue()
        self.console: List[str] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._listen, daemon=True).start()
        self.session = ""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for method in ("Page.enable", "Runtime.enable"):
            self.call(method)
        self.call("Browser.setDownloadBehavior", to_browser=True, behavior="allow", downloadPath=downloads,
                  eventsEnabled=True)
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)

    def _listen(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                text, buffer = buffer.split(b"\0", 1)
                message = json.loads(text.decode("utf-8"))
                if "id" in message and message["id"] in self._answers:
                    self._answers[message["id"]].put(message)
                elif message.get("method") == "Runtime.consoleAPICalled":
                    args = message["params"]["args"]
                    self.console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
                elif message.get("method") == "Runtime.exceptionThrown":
                    details = message["params"]["exceptionDetails"]
                    described = details.get("exception", {}).get("description", details["text"])
                    self.console.append("exception: " + described)
                else:
                    self.events.put(message)

    def call(self, method: str, wait: float = 60, to_browser: bool = False, **params: object) -> dict:
        """Send one command and wait for its answer; raises Failure on an error or a timeout."""
        with self._lock:
            self._next += 1
            number = self._next
            self._answers[number] = queue.Queue()
        message: Dict[str, object] = {"id": number, "method": method, "params": params}
        if self.session and not to_browser:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode("utf-8") + b"\0")
        try:
            answer = self._answers[number].get(timeout=wait)
        except queue.Empty:
            raise Failure("%s: no answer from Chromium in %.0f s" % (method, wait)) from None
        finally:
            del self._answers[number]
        if "error" in answer:
            raise Failure("%s: %s" % (method, answer["error"].get("message")))
        return answer.get("result", {})

    def evaluate(self, expression: str, timeout: float = 60) -> object:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        result = self.call("Runtime.evaluate", wait=timeout + 5, expression=expression, awaitPromise=True,
                           returnByValue=True, timeout=timeout * 1000)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise Failure("in the page: " + details.get("exception", {}).get("description", details.get("text", "")))
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60, what: str = "") -> object:
        """Poll until the expression is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise Failure("timed out after %.0f s waiting for %s" % (timeout, what or expression))
            time.sleep(0.1)

    def navigate(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def screenshot(self, path: str, full: bool = True) -> None:
        params: Dict[str, object] = {"format": "png"}
        if full:
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            width, height = size  # type: ignore
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": min(height, 1500), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", **params)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", wait=5, to_browser=True)
        except Failure:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)


def find_chromium(given: Optional[str]) -> Optional[str]:
    if given:
        return shutil.which(given)
    for name in CHROMIUMS:
        if shutil.which(name):
            return shutil.which(name)
    return None


# ------------------------------------------------------------------ what CPython says


def cpython(argv: List[str], cwd: str) -> "subprocess.CompletedProcess[str]":
    environment = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "purenn"] + argv, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, env=environment)


def readme_figure_commands() -> List[List[str]]:
    """The README's two commands that draw docs/figures/*.svg, the spirals' and the digits' (as
    tests/test_plot_readme.py finds them), each as the words after ``python3 -m purenn``."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as file:
        readme = file.read()
    lines = [line for block in re.findall(r"```[a-z]*\n(.*?)```", readme, flags=re.S) for line in block.splitlines()
             if line.startswith("python3 -m purenn") and "docs/figures/" in line]
    if len(lines) != 2:
        raise Failure("README.md should print two commands that draw docs/figures/, found %d" % len(lines))
    return [shlex.split(line)[3:] for line in lines]


# ------------------------------------------------------------------ the checks


class Checks:
    """Runs the checks in one page and counts them."""

    def __init__(self, browser: Browser, mode: str, scratch: str) -> None:
        self.browser = browser
        self.mode = mode
        self.scratch = scratch
        self.passed = 0
        self.failed = 0
        self.opened: Optional[float] = None  # seconds from opening the page to the main job's result

    def check(self, name: str, test: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            detail = test()
        except Failure as error:
            self.failed += 1
            print("FAIL %-9s %s: %s" % (self.mode, name, error), flush=True)
            return
        self.passed += 1
        print("PASS %-9s %s (%.1f s)%s" % (self.mode, name, time.monotonic() - started,
                                          ": " + detail if detail else ""), flush=True)

    def js(self, expression: str, timeout: float = 60) -> object:
        return self.browser.evaluate(expression, timeout)


def equal(what: str, got: object, expected: object) -> None:
    """Raise Failure, showing where the two first differ, unless got == expected."""
    if got == expected:
        return
    at = 0
    if isinstance(got, str) and isinstance(expected, str):
        while at < min(len(got), len(expected)) and got[at] == expected[at]:
            at += 1
        at = max(0, at - 60)
    raise Failure("%s differs (from character %d)\n  browser: %r\n  CPython: %r" % (
        what, at, str(got)[at:at + 200], str(expected)[at:at + 200]))


def same_numbers(got: object, expected: object, path: str = "") -> float:
    """The largest relative difference of two JSON values' numbers; Failure if more than 1e-9 or if they differ
    in anything else (keys, lengths, text)."""
    if isinstance(expected, float) and isinstance(got, (int, float)):
        difference = abs(got - expected) / max(abs(expected), 1e-300)
        if difference > 1e-9:
            raise Failure("%s: %r in the browser, %r in CPython" % (path, got, expected))
        return difference
    if isinstance(expected, dict) and isinstance(got, dict) and sorted(got) == sorted(expected):
        return max([same_numbers(got[key], expected[key], path + "." + key) for key in expected] + [0.0])
    if isinstance(expected, list) and isinstance(got, list) and len(got) == len(expected):
        return max([same_numbers(a, b, "%s[%d]" % (path, i)) for i, (a, b) in enumerate(zip(got, expected))] + [0.0])
    equal(path or "the value", got, expected)
    return 0.0


def close_to(what: str, got: object, expected: object, tolerance: float = 1e-12) -> float:
    """The largest difference of two lists of numbers; Failure if it is more than ``tolerance``."""
    if not isinstance(got, list) or not isinstance(expected, list) or len(got) != len(expected):
        raise Failure("%s: %r in the browser, %r in CPython" % (what, got, expected))
    worst = max(abs(a - b) for a, b in zip(got, expected))
    if worst > tolerance:
        raise Failure("%s differ by %.1e\n  browser: %r\n  CPython: %r" % (what, worst, got, expected))
    return worst


DIGITS_PROBABILITIES = """import json, sys
from purenn.app.modelfile import load_model
from purenn.linalg.matrix import Matrix
model = load_model(sys.argv[1])
pixels = Matrix([[float(x) for x in json.loads(sys.argv[2])]])
print(json.dumps(model.network.predict_proba(model.scaler.transform(pixels)).tolist()[0]))
"""
"""CPython's predict_proba of the saved digits network for one image: its scaler first, as the page's model does."""


def cpython_probabilities(model: str, pixels: List[float]) -> List[float]:
    done = subprocess.run([sys.executable, "-c", DIGITS_PROBABILITIES, model, json.dumps(pixels)],
                          stdout=subprocess.PIPE, universal_newlines=True, check=True,
                          env=dict(os.environ, PYTHONPATH=ROOT))
    return json.loads(done.stdout)


def matrices(working: str) -> List[List[List[str]]]:
    """The entries of every matrix the command line prints in its working (blocks from "[[" to "]]"), with
    "-" for its minus sign (the page's typeset entries are read back so too)."""
    found: List[List[List[str]]] = []
    inside = False
    for line in working.splitlines():
        if line.lstrip().startswith("[["):
            found.append([])
            inside = True
        if inside:
            entries = line.strip().strip("[]").split()
            found[-1].append([entry.replace("\u2212", "-") for entry in entries if entry != "|"])
            inside = not line.rstrip().endswith("]]")
    return found


def run_checks(browser: Browser, url: str, mode: str, expected: Dict[str, object], scratch: str,
               shots: Optional[str]) -> Checks:
    checks = Checks(browser, mode, scratch)
    js = checks.js
    isolated = mode == "isolated"
    browser.navigate(url)

    def opens() -> str:
        browser.wait_for("window.purennPage && purennPage.marks['main job shown']", 120, "the main job's result")
        marks = js("purennPage.marks")
        equal("crossOriginIsolated", js("window.crossOriginIsolated"), isolated)
        checks.opened = marks["main job shown"] / 1000  # type: ignore
        said = [str(text) for text in js("purennPage.loading")]  # type: ignore
        fetched = [text for text in said if re.fullmatch(r"fetching \S+: [\d.]+ of [\d.]+ MB", text)]
        if not fetched:
            raise Failure("loading showed no progress of what it fetched: %r" % said)
        return "open to the main job's result %.1f s (Python ready at %.1f s); loading said %d things, as: %s" % (
            marks["main job shown"] / 1000, marks["python ready"] / 1000, len(said), fetched[-1])  # type: ignore

    def main_job() -> str:
        text = str(js("document.querySelector('#main-out').textContent"))
        last = [line for line in text.splitlines() if line.strip()][-1]
        equal("the main job's last line", last, expected["main line"])
        equal("out/main-loss.svg", js("purennPage.texts['out/main-loss.svg']"), expected["main svg"])
        return "%s; loss curve %d characters, CPython's byte for byte" % (last, len(str(expected["main svg"])))

    def readme_figures() -> str:
        argv = [word.replace("docs/figures/", "out/") for word in expected["figure argv"]]  # type: ignore
        answer = js("runPurenn(%s, purennPage.terminals.cli, document.querySelector('#cli-figures'))"
                    % json.dumps(argv),
                    180)
        equal("exit status", answer["status"], 0)  # type: ignore
        sizes = []
        for name, text in expected["figures"].items():  # type: ignore
            equal("out/" + name, js("purennPage.texts['out/%s']" % name), text)
            sizes.append("%s %d" % (name, len(text)))
        return "docs/figures byte for byte: " + ", ".join(sizes)

    def playground() -> str:
        seen = []
        for dataset in ("circle", "xor", "gauss", "spiral", "plane", "multigauss"):  # the last two: regression
            result = js("""(async () => {
                const select = document.querySelector('#playground [name=dataset]');
                select.value = %s;
                select.dispatchEvent(new Event('change'));
                await playgroundReset();
                const first = playground.last;
                const frames = playground.frames;
                playgroundPlay();
                const start = performance.now();
                while (playground.frames < frames + 3 && performance.now() - start < 60000)
                    await new Promise((r) => setTimeout(r, 50));
                const during = {epoch: playground.last.epoch, boundary: playground.last.boundary,
                                loss: playground.last.loss, shown: document.querySelector('#pg-boundary img').src};
                await playgroundPlay();   // pause
                await purennPage.queue;
                return {firstEpoch: first.epoch, epoch: during.epoch, playing: playground.playing,
                        boundaryChanged: during.boundary !== first.boundary, lossChanged: during.loss !== first.loss,
                        shownChanged: during.shown.length > 0 && during.shown !== undefined,
                        units: playground.last.units.map((layer) => layer.length), scores: playground.last.scores};
            })()""" % json.dumps(dataset), 120)
            if not (result["epoch"] >= 15 and result["boundaryChanged"] and result["lossChanged"]):  # type: ignore
                raise Failure("%s: the figures did not change while training ran: %r" % (dataset, result))
            if result["playing"]:  # type: ignore
                raise Failure("%s: Pause did not stop the run" % dataset)
            seen.append("%s (epoch %d, %s)" % (dataset, result["epoch"], result["scores"]))  # type: ignore
        return "; ".join(seen)

    def explain() -> str:
        answer = js("explainStep()", 120)
        equal("explain's exit status", answer["status"], 0)  # type: ignore
        argv = shlex.split(str(js("document.querySelector('#pg-explain-command').textContent")))[3:]
        done = cpython(argv, scratch)
        equal("purenn %s" % " ".join(argv), str(js("purennPage.terminals.explain.text")).rstrip("\n"),
              done.stdout.rstrip("\n"))
        lines = []
        for number, words in ((1, "z1 = X·W1 + b1"), (7, "∂J/∂z2"), (14, "W ← W − α·∂J/∂W")):
            line = js("""(async () => {
                const link = Array.from(document.querySelectorAll('#pg-explain-links a'))
                    .find((a) => a.textContent === '(%d)');
                document.querySelector('#source-text').textContent = '';
                link.click();
                const start = performance.now();
                while (!document.querySelector('#source-text span.here') && performance.now() - start < 10000)
                    await new Promise((r) => setTimeout(r, 50));
                const here = document.querySelector('#source-text span.here');
                return here ? here.textContent : null;
            })()""" % number, 30)
            if not line or "(%d)" % number not in str(line) or words not in str(line):
                raise Failure("equation (%d) links to %r, not the line of network.py that computes it" % (number, line))
            lines.append(str(line).strip())
        return "CPython's text, line for line (%s); equation links: %s" % (" ".join(argv), " | ".join(lines))

    def stop() -> str:
        started = js("""(async () => {
            const answer = runPurenn(['train', '--data', 'spirals', '--epochs', '100000'], purennPage.terminals.cli,
                                     null, null);
            window.__stopped = answer;
            const start = performance.now();
            while (!/epoch +\\d+\\/100000/.test(purennPage.terminals.cli.text) && performance.now() - start < 60000)
                await new Promise((r) => setTimeout(r, 50));
            return purennPage.terminals.cli.text.length;
        })()""", 90)
        before = time.monotonic()
        js("stop()")
        answer = js("window.__stopped", 60)
        took = time.monotonic() - before
        text = str(js("purennPage.terminals.cli.text"))
        if isolated:
            equal("the exit status after Stop", answer["status"], 130)  # type: ignore
            if "interrupted after" not in text:
                raise Failure("no 'interrupted after' in the output: %r" % text[-300:])
            detail = "Ctrl-C: exit status 130, %.2f s after Stop; %s" % (
                took, [line for line in text.splitlines() if "interrupted" in line][-1].strip())
        else:
            if "restarted" not in str(answer.get("error")):  # type: ignore
                raise Failure("the run did not end with a restart: %r" % answer)
            js("purennPage.ready", 60)
            detail = "Python restarted in %.1f s" % (time.monotonic() - before)
        after = js("runPurenn(['--epochs', '10', '--quiet'], purennPage.terminals.cli, null, null)", 60)
        equal("exit status after Stop", after["status"], 0)  # type: ignore
        last = str(js("purennPage.terminals.cli.text")).strip().splitlines()[-1]
        equal("Python's answer after Stop", last, expected["ten epochs"])
        del started
        return detail + "; then: " + last

    def linear_algebra() -> str:
        done = []
        for command, inputs in expected["linalg"].items():  # type: ignore
            js("""(async () => {
                const select = document.querySelector('#la-form [name=command]');
                select.value = %s; select.dispatchEvent(new Event('change'));
                const values = %s;
                for (const [name, text] of Object.entries(values))
                    document.querySelector('#la-inputs textarea[name="' + name + '"]').value = text;
                document.querySelector('#la-form [name=steps]').checked = true;
            })()""" % (json.dumps(command), json.dumps(inputs["typed"])))
            answer = js("runLinearAlgebra()", 60)
            equal(command + " exit status", answer["status"], 0)  # type: ignore
            equal("linalg %s --steps" % command, str(js("purennPage.terminals.linalg.text")).rstrip("\n"),
                  inputs["working"].rstrip("\n"))
            typeset = js("""Array.from(document.querySelectorAll('#la-typeset table.matrix')).map((table) =>
                Array.from(table.rows).map((row) => Array.from(row.cells).map((cell) =>
                    Array.from(cell.childNodes).map((node) => node.nodeType === 3 ? node.textContent
                        : Array.from(node.children).map((part) => part.textContent).join('/')).join('')
                        .replace(/\\u2212/g, '-'))))""")
            equal("the typeset matrices of linalg %s" % command, typeset, matrices(inputs["working"]))
            done.append("%s (%d lines, %d matrices)" % (command, inputs["working"].count("\n"), len(typeset)))
        return "the CLI's working, line for line, and typeset: " + ", ".join(done)

    def csv_round_trip() -> str:
        document = browser.call("DOM.getDocument")["root"]["nodeId"]
        node = browser.call("DOM.querySelector", nodeId=document, selector="#upload")["nodeId"]
        browser.call("DOM.setFileInputFiles", nodeId=node, files=[expected["csv path"]])
        browser.wait_for("purennPage.files.some((f) => f.path === 'uploads/flowers.csv')", 30, "the upload")
        js("document.querySelector('#cli-line').value = %s" % json.dumps(expected["csv command"]))
        answer = js("runCommandLine()", 120)
        equal("train --csv exit status", answer["status"], 0)  # type: ignore
        for name in os.listdir(checks.scratch):
            os.remove(os.path.join(checks.scratch, name))
        js("""(() => { for (const a of document.querySelectorAll('#file-list a'))
                if (a.closest('tr').cells[0].textContent === 'out/flowers-model.json') a.click(); })()""")
        path = os.path.join(checks.scratch, "flowers-model.json")
        deadline = time.monotonic() + 30
        while not os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not os.path.exists(path):
            raise Failure("the model was not downloaded")
        time.sleep(0.3)
        with open(path, encoding="utf-8") as file:
            downloaded = file.read()
        # Pyodide's libm (exp, log) may differ from the C library's in a float's last bit, which
        # training then carries along: the model is CPython's to 1e-9, not byte for byte.
        largest = same_numbers(json.loads(downloaded), json.loads(str(expected["csv model"])))
        return ("uploads/flowers.csv -> train --csv -> flowers-model.json downloaded (%d bytes), CPython's model "
                "to %.1g" % (len(downloaded), largest))

    def python_box() -> str:
        answer = js("runPythonBox()", 120)
        equal("exit status", answer["status"], 0)  # type: ignore
        figures = js("document.querySelectorAll('#py-figures img').length")
        equal("figures shown", figures, 2)
        text = str(js("purennPage.terminals.python.text"))
        if "predictions: [0, 1, 1, 0]" not in text:
            raise Failure("the example's output: %r" % text)
        return "show() put 2 figures on the page; " + text.strip().splitlines()[-1]

    def bad_input() -> str:
        js("document.querySelector('#py-code').value = 'net = MLP([2, 3, 1])\\nnet.fit(1, 2)'")
        js("runPythonBox()", 60)
        text = str(js("purennPage.terminals.python.text"))
        if "Traceback" not in text or "<your code>" not in text or "TypeError" not in text:
            raise Failure("the learner's traceback: %r" % text)
        js("document.querySelector('#la-inputs textarea[name=\"A\"]').value = '1 2\\n3'")
        answer = js("runLinearAlgebra()", 60)
        working = str(js("purennPage.terminals.linalg.text")).strip()
        ragged = "error: argument A: row 2 has 1 entry but row 1 has 2"
        if answer["status"] != 2 or ragged not in working:  # type: ignore
            raise Failure("a ragged matrix: %r" % working)
        shown = str(js("document.querySelector('#la-typeset pre.problem').textContent"))
        if "row 2 has 1 entry but row 1 has 2" not in shown:
            raise Failure("a ragged matrix: the typeset panel shows %r" % shown)
        working = working.splitlines()[1]
        js("document.querySelector('#cli-line').value = 'train --csv uploads/none.csv --target x'")
        answer = js("runCommandLine()", 60)
        missing = str(js("purennPage.terminals.cli.text")).strip()
        equal("a missing file's exit status", answer["status"], 1)  # type: ignore
        after = js("runPurenn(['--epochs', '10', '--quiet'], purennPage.terminals.cli, null, null)", 60)
        equal("exit status after bad input", after["status"], 0)  # type: ignore
        said = js("""(async () => {
            const field = (name) => document.querySelector('#playground [name=' + name + ']');
            const said = [];
            for (const [name, bad, good] of [['layers', '9', '4,2'], ['layers', 'four', '4,2']]) {
                field(name).value = bad;
                const frame = await playgroundReset();
                const scores = document.querySelector('#pg-scores');
                said.push([frame !== null, scores.textContent, scores.classList.contains('problem')]);
                field(name).value = good;
            }
            said.push([!!(await playgroundReset()), '', false]);
            return said;
        })()""", 60)
        expected = ["hidden layers: up to 6 layers of 1 to 8 units each, like 4,2; got '9'",
                    "hidden layers: write the units of each layer separated by commas, like 4,2; got 'four'"]
        for (frame, text, problem), message in zip(said, expected):  # type: ignore
            if frame or text != message or not problem:
                raise Failure("the playground's bad input: %r" % said)
        if not said[-1][0]:  # type: ignore
            raise Failure("the playground did not reset after bad input: %r" % said)
        return "traceback from <your code>; %s; %s; playground: %s" % (
            working.splitlines()[0], missing.splitlines()[0], said[0][1])  # type: ignore

    def write_it_yourself() -> str:
        browser.wait_for("exercisesPanel.list.length", 60, "the exercises")
        listed = js("exercisesPanel.list.map((e) => e.name)")
        equal("the exercises listed", listed, expected["exercise names"])
        js("showExercise('dot')")
        equal("dot's task", js("document.querySelector('#ex-task').textContent"), expected["dot task"])
        equal("dot's stub", str(js("document.querySelector('#ex-code').value")).rstrip("\n"), expected["dot stub"])
        said = []
        for name, code in EXERCISE_CODE:
            before = time.monotonic()
            js("""showExercise(%s); document.querySelector('#ex-code').value = %s;
                window.__checking = checkExercise(); true""" % (json.dumps(name), json.dumps(code)))
            asked = time.monotonic()  # the page answers while Python checks: its thread is not blocked
            meanwhile = str(js("document.querySelector('#ex-result').textContent"))
            answered = time.monotonic() - asked
            answer = js("window.__checking", 60)
            took = time.monotonic() - before
            if "endless" in str(answer.get("diagnosis")):  # type: ignore
                if meanwhile != "checking %s …" % name or answered > 1:
                    raise Failure("while the endless loop ran, the page answered in %.1f s with %r" % (
                        answered, meanwhile))
            shown = str(js("document.querySelector('#ex-result').textContent"))
            equal("the message shown for %s" % name, shown, answer["message"])  # type: ignore
            wanted = expected["exercise answers"][len(said)]  # type: ignore
            first = shown.splitlines()[0]
            if wanted["diagnosis"] == "not run":  # a syntax error: Python's own words differ between versions
                if not re.fullmatch(r"%s\.py, line 2: a syntax error \(.+\): `.+`" % name, first) \
                        or answer["passed"]:  # type: ignore
                    raise Failure("a syntax error in %s: %r" % (name, shown))
            else:
                equal("the checker's answer for %s" % name, answer, wanted)
            said.append("%s in %.1f s: %s" % (name, took, first))
            if "endless" in str(answer.get("diagnosis")):  # type: ignore
                said[-1] += " (the page answered in %.2f s meanwhile)" % answered
        return "the catalogue's %d exercises; " % len(listed) + "; ".join(said)  # type: ignore

    def draw_a_digit() -> str:
        js("location.hash = 'digits'")
        browser.wait_for("digitsPanel.trained", 180, "the digits network to train in the page")
        seconds = js("digitsPanel.seconds")
        for name, text in expected["digit figures"].items():  # type: ignore
            equal("out/" + name, js("purennPage.texts['out/%s']" % name), text)
        image = expected["digit image"]
        answer = js("setDigit(%s)" % json.dumps(image["pixels"]), 60)  # type: ignore
        equal("the grid", answer["pixels"], image["pixels"])  # type: ignore
        worst = close_to("the test image's probabilities", answer["probabilities"],  # type: ignore
                         image["probabilities"])  # type: ignore
        shown = js("Array.from(document.querySelectorAll('#dg-probabilities tr.best td')).map((td) => td.textContent)")
        equal("the most probable digit shown", shown[0], str(image["label"]))  # type: ignore
        # Draw with the mouse: press on row 1, column 3, drag down the column to row 6, release.
        js("setDigit(new Array(64).fill(0))", 30)
        boxes = js("Array.from(document.querySelectorAll('#dg-grid div')).map((cell) => { "
                   "const box = cell.getBoundingClientRect(); "
                   "return [box.x + box.width / 2, box.y + box.height / 2]; })")
        path = [boxes[8 * row + 3] for row in range(1, 7)]  # type: ignore
        for kind, (x, y) in [("mousePressed", path[0])] + [("mouseMoved", point) for point in path[1:]] + [
                ("mouseReleased", path[-1])]:
            browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                         buttons=0 if kind == "mouseReleased" else 1, clickCount=1)
        drawn = js("""(async () => {
            while (digitsPanel.asking) await digitsPanel.asking;
            return digitsPanel.last; })()""", 60)
        pixels = drawn["pixels"]  # type: ignore
        column = [pixels[8 * row + 3] for row in range(8)]
        if column[1:7] != [16] * 6 or column[0] != 4 or column[7] != 4 or pixels[8 * 3 + 2] != 4:
            raise Failure("the pen drew %r down column 3" % column)
        worst = max(worst, close_to("the drawn digit's probabilities", drawn["probabilities"],  # type: ignore
                                    cpython_probabilities(expected["digits model"], pixels)))  # type: ignore
        js("document.querySelector('#dg-clear').click()")
        cleared = js("(async () => { while (digitsPanel.asking) await digitsPanel.asking; "
                     "return digitsPanel.last.pixels.every((x) => x === 0); })()", 30)
        if not cleared:
            raise Failure("Clear left ink on the grid")
        return ("trained in the page in %.1f s; digits-mistakes.svg and digits-weights.svg are docs/figures' byte for "
                "byte; test image %d (a %d) and a stroke drawn with the mouse: CPython's predict_proba to %.1e" % (
                    seconds, image["index"], image["label"], worst))  # type: ignore

    checks.check("the page opens and runs the main job", opens)
    if checks.failed:
        print("console:\n  " + "\n  ".join(browser.console[-20:]))
        return checks
    checks.check("main job: last line and loss curve equal CPython's", main_job)
    if shots:
        take_shots(browser, shots)
    checks.check("README figure command: docs/figures/*.svg", readme_figures)
    checks.check("playground trains on each data set, figures update", playground)
    checks.check("one step, with numbers: explain equals CPython's, each equation links to its line", explain)
    checks.check("linear algebra: the working equals the CLI's", linear_algebra)
    checks.check("Python box: purenn imported, show(figure)", python_box)
    checks.check("CSV uploaded -> trained model -> downloaded", csv_round_trip)
    checks.check("bad input: one-line messages, the page stays usable", bad_input)
    if isolated:  # nothing in it depends on the mode
        checks.check("write it yourself: the checker's verdicts, an endless loop stopped", write_it_yourself)
    if isolated:  # it trains a network for some seconds, and nothing in it depends on the mode
        checks.check("draw a digit: trained as the CLI trains it, CPython's probabilities", draw_a_digit)
    checks.check("Stop (%s), then Python works" % ("Ctrl-C" if isolated else "restart"), stop)

    def from_a_file() -> str:
        browser.navigate("file://" + os.path.join(expected["site"], "index.html"))  # type: ignore
        said = str(browser.wait_for("document.querySelector('#status.problem') && "
                                    "document.querySelector('#status').textContent", 30, "the page's message"))
        if "file://" not in said or "http.server" not in said:
            raise Failure("opened from a file, the page says %r" % said)
        return said

    if not isolated:
        checks.check("opened from file://, the page says why it cannot run", from_a_file)
    errors = [line for line in browser.console if "exception" in line.lower() or "error" in line.lower()]
    if errors:
        print("console messages:\n  " + "\n  ".join(errors[-10:]))
    return checks


EXERCISE_CODE = [
    ("dot", "def dot(x, y):\n    return sum(a * b for a, b in zip(x, y))\n"),
    ("transpose", "def transpose(A):\n    return A\n"),
    ("dot", "def dot(x, y):\n    return sum(a * b for a, b in zip(x, y)\n"),
    ("dot", "def dot(x, y):\n    total = 0\n    while True:\n        total += 1\n"),
]
"""The "Write it yourself" panel's test: a right answer, a named mistake, a syntax error, an endless loop."""


NOTEBOOK = "01_neural_network_from_scratch.ipynb"


def run_notebook_checks(browser: Browser, url: str, shots: Optional[str]) -> Checks:
    """JupyterLite (web/jupyterlite.py): notebook 01 runs every cell without an error; %pip install purenn works."""
    checks = Checks(browser, "notebooks", "")
    js = checks.js
    panel = "jupyterapp.shell.currentWidget"
    browser.navigate(url + "lab/index.html?path=notebooks/" + NOTEBOOK)
    started = time.monotonic()

    def opens() -> str:
        browser.wait_for("!!(window.jupyterapp && %s && %s.sessionContext)" % (panel, panel), 120, "JupyterLab")
        js("%s.sessionContext.ready.then(() => true)" % panel, 120)
        browser.wait_for("(() => { const s = %s.sessionContext.session; return !!(s && s.kernel && "
                         "s.kernel.status === 'idle'); })()" % panel, 180, "the Pyodide kernel to start")
        return "the kernel is ready %.1f s after opening %s" % (time.monotonic() - started, NOTEBOOK)

    def run_all() -> str:
        before = time.monotonic()
        js("jupyterapp.commands.execute('notebook:run-all-cells').then(() => true)", 300)
        browser.wait_for("%s.sessionContext.session.kernel.status === 'idle'" % panel, 60, "the kernel to be idle")
        cells = js("""(() => { const cells = %s.content.model.cells, seen = [];
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type !== 'code') continue;
                const errors = [];
                for (let j = 0; j < cell.outputs.length; j++) {
                    const output = cell.outputs.get(j).toJSON();
                    if (output.output_type === 'error') errors.push(output.ename + ': ' + output.evalue);
                }
                seen.push({count: cell.executionCount, errors: errors});
            }
            return seen; })()""" % panel)
        ran = [cell for cell in cells if cell["count"]]  # type: ignore
        errors = [error for cell in cells for error in cell["errors"]]  # type: ignore
        if errors or len(ran) != len(cells) or not cells:  # type: ignore
            raise Failure("%d of %d code cells ran; errors: %s" % (len(ran), len(cells), errors[:3]))  # type: ignore
        return "%d of %d code cells ran, no error, in %.1f s (%.1f s after opening)" % (
            len(ran), len(cells), time.monotonic() - before, time.monotonic() - started)  # type: ignore

    def pip_install() -> str:
        text = js("""new Promise((resolve) => {
            const future = %s.sessionContext.session.kernel.requestExecute({code:
                "%%pip install purenn\\nimport importlib.metadata\\n"
                + "print('purenn', importlib.metadata.version('purenn'))"});
            let text = '';
            future.onIOPub = (message) => {
                if (message.header.msg_type === 'stream') text += message.content.text;
                if (message.header.msg_type === 'error') text += message.content.ename + ': ' + message.content.evalue;
            };
            future.done.then(() => resolve(text));
        })""" % panel, 120)
        lines = str(text).strip().splitlines()
        if not lines or not re.fullmatch(r"purenn \d+\.\d+\.\d+", lines[-1]):
            raise Failure("%%pip install purenn printed %r" % text)
        return "%%pip install purenn from the site's own index: %s" % lines[-1]

    checks.check("JupyterLite opens %s, the kernel starts" % NOTEBOOK, opens)
    if checks.failed:
        print("console:\n  " + "\n  ".join(browser.console[-20:]))
        return checks
    checks.check("JupyterLite: %s runs every cell without an error" % NOTEBOOK, run_all)
    if shots:
        browser.screenshot(os.path.join(shots, "web-jupyterlite.png"), full=False)
    checks.check("JupyterLite: %pip install purenn, offline", pip_install)
    return checks


def take_shots(browser: Browser, folder: str) -> None:
    """A screenshot of each panel, after it has done its example, as web-PANEL.png in ``folder``."""
    js = browser.evaluate
    browser.screenshot(os.path.join(folder, "web-main-job.png"))
    js("location.hash = 'playground'")
    js("(async () => { await playgroundReset(); playgroundPlay(); "
       "const f = playground.frames; while (playground.frames < f + 30) await new Promise((r) => setTimeout(r, 100)); "
       "await playgroundPlay(); await purennPage.queue; "
       "document.querySelector('#pg-explain-box').open = true; await explainStep(); })()", 180)
    browser.screenshot(os.path.join(folder, "web-playground.png"))
    js("location.hash = 'linear-algebra'")
    js("runLinearAlgebra()", 60)
    browser.screenshot(os.path.join(folder, "web-linear-algebra.png"))
    js("location.hash = 'exercises'")
    js("(async () => { showExercise('transpose'); "
       "document.querySelector('#ex-code').value = 'def transpose(A):\\n    return A\\n'; "
       "await checkExercise(); })()", 60)
    browser.screenshot(os.path.join(folder, "web-exercises.png"))
    js("location.hash = 'digits'")
    js("(async () => { while (!digitsPanel.trained) await new Promise((r) => setTimeout(r, 200)); "
       "await sampleDigit(); })()", 180)
    browser.screenshot(os.path.join(folder, "web-digits.png"))
    js("location.hash = 'python'")
    js("runPythonBox()", 60)
    browser.screenshot(os.path.join(folder, "web-python.png"))
    js("location.hash = 'files'")
    js("runCommandLine()", 120)
    browser.screenshot(os.path.join(folder, "web-files.png"))
    js("location.hash = 'main-job'")


# ------------------------------------------------------------------ main


def expectations(scratch: str) -> Dict[str, object]:
    """What CPython prints and draws for the same requests the page gets."""
    work = tempfile.mkdtemp(dir=scratch)
    os.makedirs(os.path.join(work, "out"))
    main = cpython(["--epochs", "1500", "--hidden", "4", "--learning-rate", "1.0", "--seed", "0",
                    "--plot", "out/main-loss.svg"], work)
    ten = cpython(["--epochs", "10", "--quiet"], work)
    figure_argv = readme_figure_commands()[0]
    figures = {}
    for word in figure_argv:
        if word.startswith("docs/figures/"):
            with open(os.path.join(ROOT, word), encoding="utf-8") as file:
                figures[os.path.basename(word)] = file.read()
    linalg = {}
    for command, typed, argv in (
            ("rref", {"A": "2 1 -1\n-3 -1 2\n-2 1 2"}, ["[[2,1,-1],[-3,-1,2],[-2,1,2]]"]),
            ("solve", {"A": "2 1 -1\n-3 -1 2\n-2 1 2", "b": "8 -11 -3"},
             ["[[2,1,-1],[-3,-1,2],[-2,1,2]]", "[8,-11,-3]"]),
            ("det", {"A": "[[1, 2], [3, 4]]"}, ["[[1, 2], [3, 4]]"])):
        done = cpython(["linalg", command] + argv + ["--steps"], work)
        linalg[command] = {"typed": typed, "working": done.stdout}
    csv = os.path.join(work, "flowers.csv")
    shutil.copy(os.path.join(ROOT, "purenn", "data", "iris.csv"), csv)
    with open(csv, encoding="utf-8") as file:
        target = file.readline().strip().split(",")[-1]
    command = "train --csv uploads/flowers.csv --target %s --epochs 50 --save out/flowers-model.json" % target
    os.makedirs(os.path.join(work, "uploads"))
    shutil.copy(csv, os.path.join(work, "uploads", "flowers.csv"))
    cpython(shlex.split(command), work)
    with open(os.path.join(work, "out", "flowers-model.json"), encoding="utf-8") as file:
        model = file.read()
    with open(os.path.join(work, "out", "main-loss.svg"), encoding="utf-8") as file:
        main_svg = file.read()
    checked = subprocess.run(
        [sys.executable, "-c", "import json, sys, page\n"
         "from purenn.exercises import EXERCISES, check\n"
         "answers = [json.loads(page.check_code(json.dumps({'name': n, 'code': c})))\n"
         "           for n, c in json.load(sys.stdin)]\n"
         "print(json.dumps({'names': list(EXERCISES), 'task': check('dot').text(), "
         "'stub': EXERCISES['dot'].starter, 'answers': answers}))"],
        cwd=work, input=json.dumps(EXERCISE_CODE), stdout=subprocess.PIPE, universal_newlines=True, check=True,
        env=dict(os.environ, PYTHONPATH=ROOT + os.pathsep + HERE))
    exercises = json.loads(checked.stdout)
    digits_argv = readme_figure_commands()[1]  # train --data digits --epochs 30 ... docs/figures/digits-*.svg
    digit_figures = {}
    for word in digits_argv:
        if word.startswith("docs/figures/"):
            with open(os.path.join(ROOT, word), encoding="utf-8") as file:
                digit_figures[os.path.basename(word)] = file.read()
    digits_model = os.path.join(work, "out", "digits-model.json")
    trained = cpython(["train", "--data", "digits", "--epochs", "30", "--quiet", "--save", digits_model], work)
    if trained.returncode != 0:
        raise Failure("CPython could not train the digits network: %s" % trained.stderr)
    sample = subprocess.run(
        [sys.executable, "-c", "import json\nfrom purenn.app.pipeline import TrainConfig, prepare\n"
         "from purenn.data.datasets import digits\n"
         "test = prepare(digits(), TrainConfig()).parts.test\n"
         "print(json.dumps([test.X.tolist()[0], test.Y.tolist()[0].index(1.0)]))"],
        stdout=subprocess.PIPE, universal_newlines=True, check=True, env=dict(os.environ, PYTHONPATH=ROOT))
    test_pixels, test_label = json.loads(sample.stdout)
    digit_image = {"index": 0, "label": test_label, "pixels": [int(x) for x in test_pixels],
                   "probabilities": cpython_probabilities(digits_model, test_pixels)}
    return {"main line": main.stdout.strip().splitlines()[-1], "main svg": main_svg,
            "ten epochs": ten.stdout.strip().splitlines()[-1], "figure argv": figure_argv, "figures": figures,
            "linalg": linalg, "csv path": csv, "csv command": command, "csv model": model,
            "exercise names": exercises["names"], "dot task": exercises["task"], "dot stub": exercises["stub"],
            "exercise answers": exercises["answers"], "digit figures": digit_figures, "digits model": digits_model,
            "digit image": digit_image}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Test purenn's web page in headless Chromium.")
    parser.add_argument("--site", help="a page web/build.py has built (default: build one into a temporary folder)")
    parser.add_argument("--shots", help="save a screenshot of each panel into this folder (web-*.png)")
    parser.add_argument("--chromium",
                        help="the browser to drive (default: the first of %s found)" % ", ".join(CHROMIUMS))
    parser.add_argument("--modes", default="isolated,plain,notebooks",
                        help="what to test: the page isolated and plain, JupyterLite's notebooks (plain)")
    args = parser.parse_args(argv)
    def terminated(number: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # timeout(1) signals the process and then its group
        print("browser: FAILED, stopped by SIGTERM (the time limit?) before the checks ended", flush=True)
        sys.exit(1)  # unwinds through the finally blocks below: Chromium is closed, the servers shut

    signal.signal(signal.SIGTERM, terminated)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("browser: skipped, no Chromium here (apt-get install chromium-headless-shell)")
        return SKIPPED
    started = time.monotonic()
    scratch = tempfile.mkdtemp(prefix="purenn-web-")
    servers = []
    passed = failed = 0
    timings = []
    try:
        site = args.site
        if site is None:
            site = os.path.join(scratch, "site")
            try:
                build.build(site, os.path.join(os.path.expanduser("~"), ".cache", "purenn-web"))
            except build.FetchError as error:
                print("browser: skipped, Pyodide could not be fetched: %s" % error)
                return SKIPPED
            except build.BuildError as error:
                print("browser: FAILED, the page could not be built: %s" % error)
                return 1
        expected = expectations(scratch)
        expected["site"] = os.path.abspath(site)
        for mode in args.modes.split(","):
            folder = site
            if mode == "notebooks":
                folder = os.path.join(scratch, "notebooks")
                try:
                    jupyterlite.build_notebooks(folder, os.path.join(os.path.expanduser("~"), ".cache", "purenn-web"))
                except build.FetchError as error:  # JupyterLite and the kernel's wheels come from PyPI
                    print("SKIP notebooks  JupyterLite could not be fetched: %s" % error)
                    timings.append("JupyterLite not tested (could not be fetched)")
                    continue
                except build.BuildError as error:
                    print("FAIL notebooks  the JupyterLite site could not be built: %s" % error)
                    failed += 1
                    continue
            httpd = serve.server(folder, 0, isolated=mode == "isolated", log=False)
            servers.append(httpd)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            downloads = tempfile.mkdtemp(dir=scratch)
            browser = Browser(chromium, tempfile.mkdtemp(dir=scratch), downloads)
            try:
                url = "http://127.0.0.1:%d/" % httpd.server_address[1]
                if mode == "notebooks":
                    checks = run_notebook_checks(browser, url, args.shots)
                else:
                    checks = run_checks(browser, url, mode, expected, downloads,
                                        args.shots if args.shots and mode == "isolated" else None)
                if checks.opened is not None:
                    timings.append("%s %.1f s" % (mode, checks.opened))
                passed += checks.passed
                failed += checks.failed
            finally:
                browser.close()
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
        shutil.rmtree(scratch, ignore_errors=True)
    print("browser: %d passed, %d failed in %.0f s; open to the main job's result: %s" % (
        passed, failed, time.monotonic() - started, ", ".join(timings) or "not reached"))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
