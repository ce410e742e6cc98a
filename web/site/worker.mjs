// Python for the page: Pyodide in a Web Worker, so that the page stays
// responsive (and can show progress) while Python computes.
//
// The page sends {id, kind, ...} requests, one at a time; the worker answers
// each with {id, done: true, result} or {id, done: true, error}. While a
// request runs, Python's standard output arrives as {kind: "out", text}
// messages, and figures the Python code shows as {kind: "emit", what, data}.
import { loadPyodide } from "./pyodide/pyodide.mjs";

let pyodide = null;
let page = null;           // the Python module page.py, once loaded
let interrupt = null;      // Uint8Array over a SharedArrayBuffer, when the page is cross-origin isolated
const post = (message) => self.postMessage(message);
const say = (text) => post({ kind: "loading", text });

// Count the bytes of the big downloads as they arrive, to show how far loading has got.
const plainFetch = self.fetch.bind(self);
self.fetch = async (resource, options) => {
  const response = await plainFetch(resource, options);
  const url = String(resource.url || resource);
  const name = url.split("/").pop().split("?")[0];
  const total = Number(response.headers.get("Content-Length")) || 0;
  if (!response.body || total < 100000) return response;
  let seen = 0;
  let shown = -1;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      const tenth = Math.floor((10 * seen) / total);
      if (tenth !== shown) {
        shown = tenth;
        say(`fetching ${name}: ${(seen / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`);
      }
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
};

async function start({ buffer }) {
  const manifest = await (await fetch("./site.json")).json();
  say(`starting Python (Pyodide ${manifest.pyodide})`);
  const decoder = new TextDecoder();
  pyodide = await loadPyodide({
    indexURL: new URL("./pyodide/", import.meta.url).href,
    env: { HOME: "/home/pyodide", COLUMNS: "100", LINES: "24", PYTHON_COLORS: "0" },
  });
  // Raw bytes, posted at once: progress lines stream while training runs. The page's
  // terminal draws "\r" in place, so it says it is a terminal (isatty), as a console does.
  pyodide.setStdout({
    write: (bytes) => { post({ kind: "out", text: decoder.decode(bytes, { stream: true }) }); return bytes.length; },
    isatty: true,
  });
  pyodide.setStderr({
    write: (bytes) => {
      post({ kind: "out", text: decoder.decode(bytes, { stream: true }), error: true });
      return bytes.length;
    },
    isatty: true,
  });
  pyodide.setStdin({ stdin: () => null });   // no keyboard in a worker: input() gets EOFError
  if (buffer) {
    interrupt = new Uint8Array(buffer);
    pyodide.setInterruptBuffer(interrupt);
  }
  say(`unpacking purenn (${manifest.wheel})`);
  const wheel = await (await fetch("./" + manifest.wheel)).arrayBuffer();
  pyodide.unpackArchive(wheel, "wheel");
  for (const name of manifest.python) {
    const text = await (await fetch("./" + name)).text();
    pyodide.FS.writeFile("/home/pyodide/" + name, text);
  }
  pyodide.registerJsModule("purenn_page", { emit: (what, data) => post({ kind: "emit", what, data }) });
  say("importing purenn");
  await pyodide.runPythonAsync("import sys; sys.path.insert(0, '/home/pyodide'); import page, playground");
  page = pyodide.pyimport("page");
  const python = pyodide.runPython("import sys; sys.version.split()[0]");
  return { pyodide: manifest.pyodide, python, isolated: !!buffer };
}

// Every request but "start" calls one function of page.py with JSON in and JSON out.
async function call(name, args) {
  if (interrupt) interrupt[0] = 0;
  const answer = page[name](JSON.stringify(args));
  return JSON.parse(answer);
}

self.onmessage = async ({ data }) => {
  const { id, kind } = data;
  try {
    let result;
    if (kind === "start") result = await start(data);
    else if (kind === "upload") {
      pyodide.FS.mkdirTree("/home/pyodide/uploads");
      pyodide.FS.writeFile("/home/pyodide/uploads/" + data.name, new Uint8Array(data.bytes));
      result = await call("files", {});
    } else if (kind === "read") result = { bytes: pyodide.FS.readFile("/home/pyodide/" + data.path) };
    else result = await call(kind, data.args || {});
    post({ id, done: true, result });
  } catch (error) {
    post({ id, done: true, error: String(error && error.message ? error.message : error) });
  }
};
