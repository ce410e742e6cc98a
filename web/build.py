"""Build purenn's web page: a static folder that runs purenn in the browser.

    python3 web/build.py OUT_DIR
    python3 web/build.py --notebooks OUT_DIR    # JupyterLite with the notebooks (web/jupyterlite.py)

OUT_DIR gets the page (web/site/), the Python the page drives (web/page.py,
web/playground.py), purenn's wheel, and the files of a pinned Pyodide (CPython
compiled to WebAssembly) taken from the npm registry's ``pyodide`` package.
npm installs that package into a cache folder (``--cache``, by default
~/.cache/purenn-web), never into the project. Every URL in the page is
relative and nothing comes from a CDN: copy OUT_DIR to any web server.

    cd OUT_DIR && python3 -m http.server       # try it (Stop then restarts Python)
    python3 web/serve.py OUT_DIR               # with the COOP/COEP headers (Stop is Ctrl-C)

Needs node and npm (for Pyodide) and pip (to build the wheel). Exit status 0,
or 1 with a one-line message saying what was missing.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PYODIDE_VERSION = "314.0.6"
"""The Pyodide the page is built and tested with (its Python is CPython 3.14); bump it deliberately."""

PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
"""What the page needs from the npm package: the loader, the WebAssembly, the standard library, the lock file."""

PAGE_PYTHON = ["page.py", "playground.py"]
"""The Python modules the page runs in the browser, written next to purenn in Pyodide's file system."""


class BuildError(Exception):
    """A tool or file the build needs is missing; the message says which and how to get it."""


class FetchError(BuildError):
    """Pyodide could not be had from the npm registry (no npm, or no network): nothing in the project is wrong."""


def pyodide_folder(cache: str) -> str:
    """The npm package ``pyodide`` at PYODIDE_VERSION, installed into ``cache`` once and reused."""
    folder = os.path.join(cache, "pyodide-" + PYODIDE_VERSION)
    package = os.path.join(folder, "node_modules", "pyodide")
    if all(os.path.exists(os.path.join(package, name)) for name in PYODIDE_FILES):
        return package
    if shutil.which("npm") is None:
        raise FetchError("npm is not installed: the page needs Pyodide from the npm registry (apt-get install npm)")
    os.makedirs(folder, exist_ok=True)
    print("fetching Pyodide %s with npm into %s" % (PYODIDE_VERSION, folder), flush=True)
    done = subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "pyodide@" + PYODIDE_VERSION],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
    )
    if done.returncode != 0:
        raise FetchError("npm install pyodide@%s failed:\n%s" % (PYODIDE_VERSION, done.stdout[-2000:]))
    return package


def build_wheel(target: str) -> str:
    """``pip wheel --no-deps`` of the project into ``target``; returns the wheel's file name."""
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
             "--wheel-dir", scratch, ROOT],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
        )
        wheels = [name for name in os.listdir(scratch) if name.endswith(".whl")]
        if done.returncode != 0 or len(wheels) != 1:
            raise BuildError("pip wheel --no-deps %s failed:\n%s" % (ROOT, done.stdout[-2000:]))
        shutil.copy(os.path.join(scratch, wheels[0]), os.path.join(target, wheels[0]))
        return wheels[0]


def build(out: str, cache: str) -> None:
    """Write the site into ``out`` (made if need be; files the build writes are replaced)."""
    package = pyodide_folder(cache)
    os.makedirs(os.path.join(out, "pyodide"), exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy(os.path.join(package, name), os.path.join(out, "pyodide", name))
    for name in os.listdir(out):
        if name.startswith("purenn-") and name.endswith(".whl"):
            os.remove(os.path.join(out, name))
    wheel = build_wheel(out)
    site = os.path.join(HERE, "site")
    for name in sorted(os.listdir(site)):
        shutil.copy(os.path.join(site, name), os.path.join(out, name))
    for name in PAGE_PYTHON:
        shutil.copy(os.path.join(HERE, name), os.path.join(out, name))
    manifest = {"pyodide": PYODIDE_VERSION, "wheel": wheel, "python": PAGE_PYTHON}
    with open(os.path.join(out, "site.json"), "w", encoding="utf-8") as file:
        json.dump(manifest, file, indent=1)
        file.write("\n")
    size = sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(out) for name in names)
    print("wrote %s: Pyodide %s, %s, %.1f MB in all" % (out, PYODIDE_VERSION, wheel, size / 1e6))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build purenn's web page into OUT_DIR (a static site).")
    parser.add_argument("out", metavar="OUT_DIR", help="the folder to write the site to")
    parser.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "purenn-web"),
                        help="where npm installs Pyodide once (default: ~/.cache/purenn-web)")
    parser.add_argument("--notebooks", action="store_true",
                        help="build a JupyterLite site with purenn's notebooks instead (web/jupyterlite.py)")
    args = parser.parse_args(argv)
    try:
        if args.notebooks:
            import jupyterlite  # web/jupyterlite.py, beside this file
            jupyterlite.build_notebooks(os.path.abspath(args.out), args.cache)
        else:
            build(os.path.abspath(args.out), args.cache)
    except BuildError as error:
        print("build.py: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
