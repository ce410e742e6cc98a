// Run purenn inside Pyodide (CPython compiled to WebAssembly) under Node.
//
//   node .ci/pyodide.mjs PYODIDE_DIR REPOSITORY [EXPECTED_MAIN_JOB_LINE]
//
// PYODIDE_DIR is a scratch folder where `npm install pyodide` was run (never
// the project itself). The package, the examples and .ci/pyodide_checks.py
// are copied into Pyodide's in-memory file system under /work, and the
// checks run there. Exit status: that of the checks.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, repository, expectedLine] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "node_modules", "pyodide", "pyodide.mjs")).href);
const environment = expectedLine === undefined ? {} : { PURENN_EXPECTED_LINE: expectedLine };
const pyodide = await loadPyodide({ env: environment });
// Pyodide's file system has /dev/null but no /dev/zero, which a doctest of
// purenn/data/reading.py reads: make one, an endless source of zero bytes as on Linux.
if (!pyodide.FS.analyzePath("/dev/zero").exists) pyodide.FS.createDevice("/dev", "zero", () => 0);

function copyTree(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === "__pycache__") continue;
    const target = "/work/" + relative(repository, path);
    if (statSync(path).isDirectory()) {
      pyodide.FS.mkdirTree(target);
      copyTree(path);
    } else {
      pyodide.FS.writeFile(target, readFileSync(path));
    }
  }
}
pyodide.FS.mkdirTree("/work/purenn");
pyodide.FS.mkdirTree("/work/examples");
copyTree(join(repository, "purenn"));
copyTree(join(repository, "examples"));
pyodide.FS.writeFile("/work/pyodide_checks.py", readFileSync(join(repository, ".ci", "pyodide_checks.py")));

pyodide.setStdout({ batched: (line) => console.log(line) });
pyodide.setStderr({ batched: (line) => console.error(line) });
let status = 0;
try {
  await pyodide.runPythonAsync(`
import runpy, sys
try:
    runpy.run_path("/work/pyodide_checks.py", run_name="__main__")
except SystemExit as stop:
    status = stop.code or 0
else:
    status = 0
`);
  status = pyodide.globals.get("status");
} catch (error) {
  console.error(String(error));
  status = 1;
}
process.exit(status);
