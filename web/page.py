"""What the web page asks of Python: run purenn's command line, run the learner's code, list files.

This module runs inside the browser, in Pyodide (CPython compiled to
WebAssembly) in a Web Worker (web/site/worker.mjs). Each function the page
calls takes its arguments as one JSON text and returns one JSON text. What
Python prints goes to the page's terminal as it is printed.

The working folder is /home/pyodide, in the tab's memory: commands write
into out/, uploads arrive in uploads/, and nothing reaches the learner's disk
until they download it. (Run outside a browser, it works in the current
folder, which is how web/test_browser.py compares it with CPython.)
"""

import argparse
import json
import os
import runpy
import shlex
import sys
import traceback
from typing import Dict, List

HOME = "/home/pyodide" if sys.platform == "emscripten" else os.getcwd()
FOLDERS = ("out", "uploads")
"""Where the page's files live: what commands write, and what the learner uploaded."""


def _emit(what: str, data: str) -> None:
    """Send ``data`` to the page (a figure to show, a frame of the playground)."""
    import purenn_page  # the page's own module, registered by worker.mjs; absent outside the browser
    purenn_page.emit(what, data)


def show(figure: object) -> None:
    """Put a purenn figure (anything with an ``svg`` text) on the page, under the Python box."""
    svg = getattr(figure, "svg", None)
    if not isinstance(svg, str):
        raise TypeError("show() takes a purenn figure (with an .svg), such as loss_curve(history); got %s"
                        % type(figure).__name__)
    _emit("svg", svg)


def run(request: str) -> str:
    """``python -m purenn ARGV``, exactly as ``-m`` runs it; returns the exit status and the files."""
    argv = json.loads(request)["argv"]
    sys.argv = ["purenn"] + [str(word) for word in argv]
    try:
        runpy.run_module("purenn", run_name="__main__", alter_sys=True)
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except KeyboardInterrupt:  # Stop pressed outside training (purenn's own handler covers training)
        print("\npurenn: interrupted", file=sys.stderr)
        status = 130
    _flush()
    return json.dumps({"status": status, "files": _files()})


NAMESPACE: Dict[str, object] = {}
"""The Python box's variables, kept from one run to the next (until Python restarts)."""


def python(request: str) -> str:
    """Run the learner's code in the Python box, with purenn imported and ``show`` to draw."""
    code = json.loads(request)["code"]
    if not NAMESPACE:
        exec("import purenn\nfrom purenn import *\nfrom purenn.plot import *\nfrom purenn.data import datasets",
             NAMESPACE)
        NAMESPACE["show"] = show
    status = 0
    try:
        exec(compile(code, "<your code>", "exec"), NAMESPACE)
    except KeyboardInterrupt:
        print("KeyboardInterrupt: stopped", file=sys.stderr)
        status = 130
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0
    except BaseException as error:  # the learner's own mistake: their traceback, from their code on
        trace = error.__traceback__
        while trace is not None and trace.tb_frame.f_code.co_filename != "<your code>":
            trace = trace.tb_next
        sys.stderr.write("".join(traceback.format_exception(type(error), error, trace)))
        status = 1
    _flush()
    return json.dumps({"status": status, "files": _files()})


def split(request: str) -> str:
    """A command line typed after "purenn", split into words as a shell would (quotes kept together)."""
    line = json.loads(request)["line"].strip()
    if line.startswith("purenn "):
        line = line[len("purenn "):]
    try:
        return json.dumps({"argv": shlex.split(line)})
    except ValueError as error:
        return json.dumps({"error": "purenn: cannot read that command line: %s" % error})


def linalg_commands(request: str = "{}") -> str:
    """``purenn linalg``'s commands as its own parser knows them: name, help, arguments, --steps or not.

    Read from the command line's parser, so that a command added to purenn
    appears in the page without a change here.
    """
    from purenn.app.cli import build_parser
    commands = []
    for action in _subcommands(build_parser()):
        for name, parser in action.choices.items():
            if name != "linalg":
                continue
            for inner in _subcommands(parser):
                helps = {choice.dest: choice.help for choice in inner._choices_actions}
                for command, command_parser in inner.choices.items():
                    arguments = [{"name": a.dest, "help": a.help or ""} for a in command_parser._actions
                                 if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
                    steps = any("--steps" in a.option_strings for a in command_parser._actions)
                    commands.append({"name": command, "help": helps.get(command) or "", "arguments": arguments,
                                     "steps": steps})
    return json.dumps({"commands": commands})


def _subcommands(parser: argparse.ArgumentParser) -> List["argparse._SubParsersAction"]:
    return [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]


def pg_reset(request: str) -> str:
    """The playground: new data and a new network from the page's settings (see playground.py)."""
    import playground
    return json.dumps(playground.reset(json.loads(request)))


def pg_step(request: str) -> str:
    """The playground: train ``epochs`` more epochs and draw the figures again."""
    import playground
    return json.dumps(playground.step(json.loads(request)["epochs"]))


def exercises(request: str = "{}") -> str:
    """Every exercise in purenn's catalogue, in its order: name, one-line summary, the task's text, the stub.

    Read from ``purenn.exercises``, so that an exercise added there appears
    in the page without a change here.
    """
    from purenn.exercises import EXERCISES, check
    listed = [{"name": name, "summary": exercise.summary, "task": check(name).text(), "starter": exercise.starter}
              for name, exercise in EXERCISES.items()]
    return json.dumps({"exercises": listed})


def check_code(request: str) -> str:
    """Check the learner's code for one exercise, as ``python -m purenn check FILE NAME`` does.

    The code is written to ``yours/NAME.py`` (in the tab's memory) and run the
    way ``import`` would; the function named after the exercise is checked,
    each call within the checker's time limit, so that an endless loop is
    stopped and reported. A syntax error, or an error while the code loads,
    is told with the line, in one line and a hint.
    """
    from purenn.exercises.checking import find
    from purenn.exercises.learner import check_file
    asked = json.loads(request)
    name = find(str(asked["name"])).name
    folder = os.path.join(HOME, "yours")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".py")
    with open(path, "w", encoding="utf-8") as file:
        file.write(str(asked["code"]))
    try:
        report = check_file(path, [name])
    except KeyboardInterrupt:  # Stop pressed while the checker ran
        return json.dumps({"name": name, "passed": False, "message": "stopped before the check ended",
                           "diagnosis": "stopped"})
    finally:
        _flush()
    result = report.results[0]
    message = report.problem if report.problem else result.message
    return json.dumps({"name": name, "passed": report.passed, "message": message, "diagnosis": result.diagnosis})


DIGITS_MODEL = "out/digits-model.json"
"""Where the "Draw a digit" panel's training run saves its network (``train --data digits --save``)."""

_digits_model: Dict[str, object] = {}


def digit(request: str) -> str:
    """The digits model's probability of each class 0-9 for one drawn image (64 pixels, 0 to 16, row by row).

    The model is the one ``train --data digits --save out/digits-model.json``
    wrote, read once (again when the file changes); its own scaler scales
    the pixels first, as ``predict`` does.
    """
    from purenn.app.modelfile import load_model
    from purenn.linalg.matrix import Matrix
    pixels = json.loads(request)["pixels"]
    if len(pixels) != 64 or not all(isinstance(x, (int, float)) and 0 <= x <= 16 for x in pixels):
        return json.dumps({"error": "a digit is 64 pixels, each from 0 to 16"})
    path = os.path.join(HOME, DIGITS_MODEL)
    if not os.path.isfile(path):
        return json.dumps({"error": "no digits model yet: train one first"})
    stamp = os.path.getmtime(path)
    if _digits_model.get("stamp") != stamp:
        _digits_model["model"] = load_model(path)
        _digits_model["stamp"] = stamp
    model = _digits_model["model"]
    X = Matrix([[float(x) for x in pixels]])
    probabilities = model.outputs(X).tolist()[0]  # type: ignore
    return json.dumps({"probabilities": probabilities})


def digit_sample(request: str) -> str:
    """Image ``index`` of the digits' held-out test part (the rows ``train --data digits`` tests on), and its label.

    The split is the training command's own (its default test share and
    seed), so the image is one the network did not learn from.
    """
    from purenn.app.pipeline import TrainConfig, prepare
    from purenn.data.datasets import digits
    test = prepare(digits(), TrainConfig()).parts.test
    assert test is not None  # the default config keeps a test part
    rows, labels = test.X.tolist(), test.Y.tolist()
    index = int(json.loads(request)["index"]) % len(rows)
    return json.dumps({"index": index, "count": len(rows), "pixels": [int(x) for x in rows[index]],
                       "label": labels[index].index(max(labels[index]))})


def files(request: str = "{}") -> str:
    """Every file under out/ and uploads/, with its size in bytes."""
    return json.dumps({"files": _files()})


def source(request: str) -> str:
    """The text of a purenn module (``purenn/nn/network.py``) or of this page's Python, for "view the Python"."""
    name = json.loads(request)["name"]
    import purenn
    packages = os.path.dirname(os.path.dirname(os.path.abspath(purenn.__file__)))
    for folder in (packages, os.path.dirname(os.path.abspath(__file__))):
        path = os.path.normpath(os.path.join(folder, name))
        if path.startswith(folder + os.sep) and path.endswith(".py") and os.path.isfile(path):
            with open(path, encoding="utf-8") as file:
                return json.dumps({"name": name, "text": file.read()})
    return json.dumps({"name": name, "text": None})


def _files() -> List[Dict[str, object]]:
    found = []
    for top in FOLDERS:
        for folder, _, names in os.walk(os.path.join(HOME, top)):
            for name in sorted(names):
                path = os.path.join(folder, name)
                found.append({"path": os.path.relpath(path, HOME), "size": os.path.getsize(path),
                              "modified": os.path.getmtime(path)})
    return sorted(found, key=lambda entry: str(entry["path"]))


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


for _folder in FOLDERS if sys.platform == "emscripten" else ():
    os.makedirs(os.path.join(HOME, _folder), exist_ok=True)
