"""Build an offline JupyterLite site with purenn's notebooks: ``python3 web/build.py --notebooks OUT_DIR``.

JupyterLite is Jupyter in the browser; its Python kernel is Pyodide. As it
comes, it fetches Pyodide and the kernel's packages from a CDN when a
notebook opens. This build puts everything in the site instead, from the
package registries only:

- ``jupyterlite-core`` and ``jupyterlite-pyodide-kernel`` (PyPI, pinned,
  with ``jupyter_server`` so that it can index the notebooks) in a virtual
  environment in the cache folder;
- Pyodide at the version the kernel expects, from npm (as for the page);
- the pure-Python wheels the kernel loads when it starts (micropip, IPython,
  Jedi and what they need) from PyPI, at the versions Pyodide's lock file
  names, whose checksums in the site's copy of that lock file are replaced
  by those of PyPI's wheels (Pyodide rebuilds them, so the bytes differ);
- ``comm`` and purenn's own wheel in the site's package index, so that
  ``%pip install purenn`` in a notebook installs it from the site itself;
- the notebooks in ``notebooks/`` and purenn's source beside them, as in
  the repository, so that their first cell finds ``import purenn``.

Nothing is fetched when the site is used: the kernel's fallback to PyPI is
switched off. Without cross-origin isolation (most static hosts) the
kernel's interrupt button does not stop a running cell.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import List

import build

JUPYTERLITE = ["jupyterlite-core==0.8.6", "jupyterlite-pyodide-kernel==0.8.6", "jupyter_server==2.21.1"]
"""What builds the site; the kernel 0.8.6 expects Pyodide 314.0.6 (build.PYODIDE_VERSION)."""

KERNEL_START = ["micropip", "ipython", "jedi"]
"""What the kernel loads from Pyodide's packages when it starts; their dependencies come along."""

SITE_INDEX = ["comm==0.2.3"]
"""What the kernel installs at start that Pyodide does not ship: it goes in the site's own package index."""

PYODIDE_RUNTIME = ["pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]


def run(argv: List[str], what: str, fetching: bool = False, cwd: str = ".") -> None:
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if done.returncode != 0:
        kind = build.FetchError if fetching else build.BuildError
        raise kind("%s failed (%s):\n%s" % (what, " ".join(argv[:4]), done.stdout[-2000:]))


def tools(cache: str) -> str:
    """A virtual environment with JupyterLite, made once in the cache; returns its ``bin`` folder."""
    if sys.version_info < (3, 10):
        raise build.BuildError("JupyterLite needs Python 3.10 or newer to build the site; this is %d.%d"
                               % sys.version_info[:2])
    venv = os.path.join(cache, "jupyterlite-0.8.6")
    binaries = os.path.join(venv, "bin")
    if os.path.exists(os.path.join(binaries, "jupyter-lite")):
        return binaries
    print("installing %s into %s" % (", ".join(JUPYTERLITE), venv), flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", venv], "python3 -m venv")
    run([os.path.join(binaries, "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + JUPYTERLITE, "pip install JupyterLite", fetching=True)
    return binaries


def kernel_wheels(lock: dict) -> List[str]:
    """The names in Pyodide's lock file of KERNEL_START and everything they depend on."""
    packages = lock["packages"]
    names: List[str] = []
    waiting = list(KERNEL_START)
    while waiting:
        name = waiting.pop().lower().replace("_", "-")  # the lock's keys are normalised names
        if name not in names:
            names.append(name)
            waiting.extend(packages[name]["depends"])
    return sorted(names)


def download(requirements: List[str], folder: str) -> None:
    """Pure-Python wheels for Python 3.14 from PyPI into ``folder`` (kept there: the next build reuses them)."""
    missing = [r for r in requirements
               if not any(name.lower().replace("_", "-").startswith(r.split("==")[0].lower().replace("_", "-") + "-")
                          and "-" + r.split("==")[1] + "-" in name for name in os.listdir(folder))]
    if missing:
        run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
             "--only-binary", ":all:", "--python-version", "3.14", "--implementation", "py", "--platform", "any",
             "--dest", folder] + missing, "pip download of the kernel's wheels", fetching=True)


def sha256(path: str) -> str:
    import hashlib
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def build_notebooks(out: str, cache: str) -> None:
    """Write the JupyterLite site into ``out`` (replaced whole)."""
    binaries = tools(cache)
    package = build.pyodide_folder(cache)
    with open(os.path.join(package, "pyodide-lock.json"), encoding="utf-8") as file:
        lock = json.load(file)
    wheels = os.path.join(cache, "jupyterlite-wheels")
    os.makedirs(wheels, exist_ok=True)
    names = kernel_wheels(lock)
    download(["%s==%s" % (name, lock["packages"][name]["version"]) for name in names] + SITE_INDEX, wheels)
    with tempfile.TemporaryDirectory() as scratch:
        lite = os.path.join(scratch, "lite")
        pyodide = os.path.join(lite, "static", "pyodide")
        os.makedirs(pyodide)
        for name in PYODIDE_RUNTIME:
            shutil.copy(os.path.join(package, name), pyodide)
        for name in names:
            entry = lock["packages"][name]
            found = [w for w in os.listdir(wheels) if w.lower() == entry["file_name"].lower()]
            if not found:
                raise build.BuildError("PyPI gave no %s for the kernel's %s" % (entry["file_name"], name))
            shutil.copy(os.path.join(wheels, found[0]), os.path.join(pyodide, entry["file_name"]))
            entry["sha256"] = sha256(os.path.join(pyodide, entry["file_name"]))
        with open(os.path.join(pyodide, "pyodide-lock.json"), "w", encoding="utf-8") as file:
            json.dump(lock, file)
        index = os.path.join(lite, "pypi")
        os.makedirs(index)
        for requirement in SITE_INDEX:
            stem = requirement.split("==")[0] + "-" + requirement.split("==")[1] + "-"
            for name in os.listdir(wheels):
                if name.startswith(stem):
                    shutil.copy(os.path.join(wheels, name), index)
        build.build_wheel(index)
        config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
            "appName": "purenn's notebooks", "exposeAppInBrowser": True,
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {
                "pyodideUrl": "./static/pyodide/pyodide.mjs", "disablePyPIFallback": True}}}}
        with open(os.path.join(lite, "jupyter-lite.json"), "w", encoding="utf-8") as file:
            json.dump(config, file, indent=1)
        contents = os.path.join(scratch, "contents")
        os.makedirs(os.path.join(contents, "notebooks"))
        for name in sorted(os.listdir(os.path.join(build.ROOT, "notebooks"))):
            if name.endswith(".ipynb"):
                shutil.copy(os.path.join(build.ROOT, "notebooks", name), os.path.join(contents, "notebooks"))
        shutil.copytree(os.path.join(build.ROOT, "purenn"), os.path.join(contents, "purenn"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        # Built in the scratch folder, then moved: jupyter lite build leaves out of the contents any folder
        # named as its output folder is (an OUT_DIR called notebooks would lose the notebooks).
        built = os.path.join(scratch, "built")
        run([os.path.join(binaries, "jupyter"), "lite", "build", "--lite-dir", lite, "--contents", contents,
             "--output-dir", built, "--no-sourcemaps"], "jupyter lite build", cwd=lite)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(built, out)
    size = sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(out) for name in names)
    print("wrote %s: JupyterLite with notebooks/ and purenn, Pyodide %s, %.1f MB in all" % (
        out, build.PYODIDE_VERSION, size / 1e6))
