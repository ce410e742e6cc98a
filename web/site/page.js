// purenn's web page: the panels, the terminal, and the conversation with
// Python, which runs in a Web Worker (worker.mjs) so that the page never
// freezes while it computes. Plain JavaScript, no framework, no CDN.
//
// A panel is a <section data-title> of index.html plus, here, a function in
// PANELS that wires it up once Python is ready; adding a panel is those two.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

// What the page knows, open to the browser test (web/test_browser.py) and to a curious learner's console.
const app = {
  worker: null,
  ready: null,               // a promise: Python is loaded
  isolated: typeof crossOriginIsolated !== "undefined" && crossOriginIsolated
    && typeof SharedArrayBuffer !== "undefined",
  interrupt: null,           // Uint8Array over a SharedArrayBuffer: Stop writes SIGINT (2) into it
  pending: new Map(),        // request id -> {resolve, reject, sink}
  nextId: 1,
  queue: Promise.resolve(),  // one request at a time, in the order they were made
  busy: 0,
  sink: null,                // where the running request's output and figures go
  texts: {},                 // file path -> its text, for every SVG the page has shown
  marks: {},                 // name -> milliseconds since the page was opened
  errors: [],
  files: [],
  loading: [],               // every loading message the status line has shown, in order
};
window.purennPage = app;

function mark(name) {
  app.marks[name] = Math.round(performance.now());
}

function status(text, problem = false) {
  const line = $("#status");
  line.textContent = text;
  line.classList.toggle("problem", problem);
}

// ------------------------------------------------------------------ terminal

// A <pre> that draws text as a terminal would: "\n" starts a line, "\r" goes
// back to the start of the line, so a progress line is redrawn in place.
class Terminal {
  constructor(element) {
    this.element = element;
    this.clear();
  }
  clear() {
    this.lines = [""];
    this.column = 0;
    this.render();
  }
  write(text) {
    for (const part of text.split(/(\r\n|\r|\n)/)) {
      if (part === "\n" || part === "\r\n") {
        this.lines.push("");
        this.column = 0;
      } else if (part === "\r") {
        this.column = 0;
      } else if (part) {
        const last = this.lines.length - 1;
        const line = this.lines[last];
        this.lines[last] = line.slice(0, this.column) + part + line.slice(this.column + part.length);
        this.column += part.length;
      }
    }
    if (!this.scheduled) {
      this.scheduled = true;
      requestAnimationFrame(() => { this.scheduled = false; this.render(); });
    }
  }
  render() {
    this.element.textContent = this.lines.join("\n");
    this.element.scrollTop = this.element.scrollHeight;
  }
  get text() {
    return this.lines.join("\n");
  }
}

// ------------------------------------------------------------------ Python

function startPython() {
  mark("worker started");
  const worker = new Worker("worker.mjs", { type: "module" });
  app.worker = worker;
  worker.onmessage = ({ data }) => receive(data);
  worker.onerror = (event) => {
    status("Python could not start in this browser: " + (event.message || "the worker failed to load") +
      ". This page needs a recent browser with WebAssembly and module workers"
      + " (Chrome, Edge, Firefox, Safari 15 or later).", true);
  };
  const buffer = app.isolated ? new SharedArrayBuffer(1) : null;
  app.interrupt = buffer ? new Uint8Array(buffer) : null;
  app.ready = send("start", { buffer }, null).then((info) => {
    mark("python ready");
    $("#versions").textContent = `Python ${info.python}, Pyodide ${info.pyodide}.`;
    status("Python is ready.");
    return info;
  });
  app.ready.catch((error) => status("Python could not start: " + error.message, true));
  return app.ready;
}

function receive(message) {
  if (message.kind === "loading") {
    app.loading.push(message.text);
    return status(message.text + " …");
  }
  const request = message.id ? app.pending.get(message.id) : app.current;
  const sink = request ? request.sink : null;
  if (message.kind === "out") {
    if (sink && sink.terminal) sink.terminal.write(message.text);
    return;
  }
  if (message.kind === "emit") {
    if (sink && sink.emit) sink.emit(message.what, message.data);
    return;
  }
  if (message.done && request) {
    app.pending.delete(message.id);
    if (message.error !== undefined) request.reject(new Error(message.error));
    else request.resolve(message.result);
  }
}

// Send one request to Python; it runs after those before it. ``sink`` gets its output.
function send(kind, data, sink) {
  const id = app.nextId++;
  const run = () => new Promise((resolve, reject) => {
    const request = { resolve, reject, sink, kind };
    app.pending.set(id, request);
    app.current = request;
    if (app.interrupt) app.interrupt[0] = 0;
    app.worker.postMessage(Object.assign({ id, kind }, data));
  });
  const result = app.queue.then(run, run);
  app.queue = result.catch(() => null);
  app.busy++;
  $("#stop").disabled = false;
  const settle = () => { if (--app.busy === 0) $("#stop").disabled = true; };
  result.then(settle, settle);
  return result.then((answer) => {
    if (answer && answer.files) showFiles(answer.files);
    return answer;
  });
}

// Stop: with cross-origin isolation, Ctrl-C (purenn stops at the end of the
// epoch and keeps its weights); without it, a new Python (the old one's state is lost).
function stop() {
  if (app.interrupt) {
    app.interrupt[0] = 2;  // SIGINT
    status("Stop: Python received Ctrl-C (KeyboardInterrupt).");
    return;
  }
  app.worker.terminate();
  for (const request of app.pending.values()) request.reject(new Error("stopped: Python was restarted"));
  for (const request of app.pending.values()) {
    if (request.sink && request.sink.terminal) request.sink.terminal.write("\n[stopped: Python was restarted]\n");
  }
  app.pending.clear();
  app.queue = Promise.resolve();
  app.busy = 0;
  $("#stop").disabled = true;
  status("Stopped. Python restarted: what it held (the playground's network, the Python box's variables, " +
    "the files in this tab) is gone.");
  playground.playing = false;
  playground.network = false;
  digitsPanel.trained = false;  // its model file was in the old Python's memory
  digitsPanel.training = null;
  $("#pg-play").textContent = "Play";
  startPython().then(() => status("Stopped, and Python restarted; anything it held before is gone."));
}

// ------------------------------------------------------------------ figures and files

function svgImage(text, alt) {
  const image = document.createElement("img");
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  image.alt = alt || "figure";
  return image;
}

async function readFile(path) {
  const answer = await send("read", { path }, null);
  return answer.bytes;
}

// Show the SVG files a command wrote (or rewrote) in ``figures``, keeping their text.
async function showWritten(before, after, figures) {
  const old = new Map(before.map((file) => [file.path, file.modified + ":" + file.size]));
  for (const file of after) {
    if (old.get(file.path) === file.modified + ":" + file.size || !file.path.endsWith(".svg")) continue;
    const text = new TextDecoder().decode(await readFile(file.path));
    app.texts[file.path] = text;
    const box = document.createElement("figure");
    box.appendChild(svgImage(text, file.path));
    const caption = document.createElement("figcaption");
    caption.appendChild(downloadLink(file.path));
    box.appendChild(caption);
    figures.appendChild(box);
  }
}

function downloadLink(path) {
  const link = document.createElement("a");
  link.href = "#";
  link.textContent = path;
  link.title = "download " + path;
  link.className = "download";
  link.onclick = async (event) => {
    event.preventDefault();
    const bytes = await readFile(path);
    const url = URL.createObjectURL(new Blob([bytes]));
    const save = document.createElement("a");
    save.href = url;
    save.download = path.split("/").pop();
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };
  return link;
}

function showFiles(files) {
  app.files = files;
  const body = $("#file-list tbody");
  body.textContent = "";
  for (const file of files) {
    const row = body.insertRow();
    row.insertCell().textContent = file.path;
    row.insertCell().textContent = String(file.size);
    const cell = row.insertCell();
    const link = downloadLink(file.path);
    link.textContent = "download";
    cell.appendChild(link);
  }
  if (!files.length) body.insertRow().insertCell().textContent = "no files yet";
}

// Run ``purenn ARGV`` with its output in ``terminal`` and the SVGs it writes in ``figures``.
async function runPurenn(argv, terminal, figures, command) {
  const before = app.files;
  terminal.clear();
  if (figures) figures.textContent = "";
  if (command) command.textContent = "python -m purenn " + argv.map(quoted).join(" ");
  try {
    const answer = await send("run", { args: { argv } }, { terminal });
    if (answer.status !== 0) terminal.write(`\n[exit status ${answer.status}]`);
    if (figures) await showWritten(before, answer.files, figures);
    return answer;
  } catch (error) {
    terminal.write("\n" + error.message + "\n");
    return { status: null, error: error.message };
  }
}

function quoted(word) {
  return /^[\w.,/:=+-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\''") + "'";
}

// ------------------------------------------------------------------ the main job

async function runMainJob() {
  const form = $("#main-form");
  const argv = [];
  for (const name of ["epochs", "hidden", "learning-rate", "seed"]) argv.push("--" + name, form.elements[name].value);
  argv.push("--plot", "out/main-loss.svg");
  const terminal = app.terminals.main;
  const answer = await runPurenn(argv, terminal, $("#main-figures"), $("#main-command"));
  mark("main job shown");
  return answer;
}

// ------------------------------------------------------------------ the playground

const playground = { playing: false, network: false, frames: 0, epochsPerFrame: 5, last: null };

function playgroundSettings() {
  const root = $("#playground");
  const value = (name) => $(`[name=${name}]`, root).value;
  return {
    dataset: value("dataset"),
    task: value("task"),
    noise: Number(value("noise")) / 100,
    ratio: Number(value("ratio")) / 100,
    batch_size: Number(value("batch")),
    features: $$("[name=feature]", root).filter((box) => box.checked).map((box) => box.value),
    layers: value("layers"),
    activation: value("activation"),
    learning_rate: Number(value("rate")),
    regularisation: value("regularisation"),
    penalty: Number(value("penalty")),
    seed: Number(value("seed")),
  };
}

function showFrame(frame) {
  playground.last = frame;
  playground.frames++;
  $("#pg-epoch").textContent = `epoch ${frame.epoch}`;
  $("#pg-scores").textContent = frame.scores;
  const put = (where, svg, alt) => { const box = $(where); box.textContent = ""; box.appendChild(svgImage(svg, alt)); };
  put("#pg-boundary", frame.boundary, "the decision boundary");
  put("#pg-loss", frame.loss, "train and test loss");
  put("#pg-network", frame.network, "the network's weights");
  const units = $("#pg-units");
  units.textContent = "";
  frame.units.forEach((layer, index) => {
    const column = document.createElement("div");
    column.className = "pg-layer";
    const title = document.createElement("h4");
    title.textContent = `layer ${index + 1}`;
    column.appendChild(title);
    layer.forEach((svg, unit) => column.appendChild(svgImage(svg, `layer ${index + 1}, unit ${unit + 1}`)));
    units.appendChild(column);
  });
}

async function playgroundCall(kind, args) {
  const terminal = app.terminals.playground;
  try {
    const frame = await send(kind, { args }, { terminal });
    if (frame.error) {
      playground.playing = false;
      $("#pg-play").textContent = "Play";
      $("#pg-scores").textContent = frame.error;
      $("#pg-scores").classList.add("problem");
      return null;
    }
    $("#pg-scores").classList.remove("problem");
    showFrame(frame);
    return frame;
  } catch (error) {
    $("#pg-scores").textContent = error.message;
    return null;
  }
}

async function playgroundReset() {
  playground.network = false;
  const frame = await playgroundCall("pg_reset", playgroundSettings());
  playground.network = !!frame;
  return frame;
}

async function playgroundPlay() {
  if (playground.playing) {
    playground.playing = false;
    $("#pg-play").textContent = "Play";
    return;
  }
  playground.playing = true;
  $("#pg-play").textContent = "Pause";
  if (!playground.network) await playgroundReset();
  while (playground.playing && playground.network) {
    const frame = await playgroundCall("pg_step", { epochs: playground.epochsPerFrame });
    if (!frame) break;
  }
}

async function playgroundStep() {
  if (!playground.network) await playgroundReset();
  return playgroundCall("pg_step", { epochs: 1 });
}

async function explainStep() {
  const s = playgroundSettings();
  const nearest = { circle: "circles", xor: "xor", gauss: "moons", spiral: "spirals", plane: "xor", multigauss: "xor" };
  const hidden = (s.layers.split(",").map((x) => parseInt(x, 10)).filter((x) => x > 0)[0]) || 4;
  const argv = ["explain", "--data", nearest[s.dataset], "--hidden", String(hidden),
    "--learning-rate", String(s.learning_rate), "--seed", String(s.seed)];
  const answer = await runPurenn(argv, app.terminals.explain, null, $("#pg-explain-command"));
  if (answer.status === 0) equationLinks();
  return answer;
}

const SOURCES = ["playground.py", "page.py", "purenn/nn/mlp.py", "purenn/nn/activations.py", "purenn/nn/losses.py",
  "purenn/nn/optim.py", "purenn/nn/training.py", "purenn/nn/network.py", "purenn/plot/boundary.py",
  "purenn/plot/diagram.py", "purenn/plot/loss.py", "purenn/app/explain.py"];

// A module's text, a line to a <span>; with an equation number, the line whose comment names it
// ("# (7) ...", as purenn/nn/network.py marks each of equations (1) to (14)) is marked and shown.
async function showSource(name, equation = null) {
  const answer = await send("source", { args: { name } }, null);
  const shown = $("#source-text");
  shown.textContent = "";
  if (answer.text === null) {
    shown.textContent = `${name}: not found`;
  } else {
    const marker = equation === null ? null : new RegExp("#\\s*\\(" + equation + "\\)");
    let found = null;
    for (const line of answer.text.split("\n")) {
      const span = document.createElement("span");
      span.textContent = line + "\n";
      if (marker && !found && marker.test(line)) {
        span.className = "here";
        found = span;
      }
      shown.appendChild(span);
    }
    if (found) {
      $("#view-python").open = true;
      found.scrollIntoView({ block: "center" });
    }
  }
  for (const link of $$("#source-links a")) link.classList.toggle("current", link.textContent === name);
}

// Under explain's output: each equation's number, linked to the line of network.py that computes it.
function equationLinks() {
  const links = $("#pg-explain-links");
  links.textContent = "The line of purenn/nn/network.py that computes equation ";
  for (let n = 1; n <= 14; n++) {
    const link = document.createElement("a");
    link.href = "#view-python";
    link.textContent = `(${n})`;
    link.onclick = (event) => { event.preventDefault(); showSource("purenn/nn/network.py", n); };
    links.append(link, n < 14 ? " " : "");
  }
}

// ------------------------------------------------------------------ linear algebra

async function setUpLinearAlgebra() {
  const answer = await send("linalg_commands", {}, null);
  const select = $("#la-form [name=command]");
  app.linalg = answer.commands;
  for (const command of answer.commands) {
    const option = document.createElement("option");
    option.value = command.name;
    option.textContent = command.name;
    select.appendChild(option);
  }
  select.value = answer.commands.some((c) => c.name === "rref") ? "rref" : answer.commands[0].name;
  select.onchange = linearAlgebraInputs;
  linearAlgebraInputs();
}

function linearAlgebraInputs() {
  const name = $("#la-form [name=command]").value;
  const command = app.linalg.find((c) => c.name === name);
  $("#la-help").textContent = command.help;
  const box = $("#la-inputs");
  const kept = {};
  for (const area of $$("textarea", box)) kept[area.name] = area.value;
  box.textContent = "";
  for (const argument of command.arguments) {
    const label = document.createElement("label");
    label.className = "matrix";
    label.textContent = `${argument.name}: ${argument.help}`;
    const area = document.createElement("textarea");
    area.name = argument.name;
    area.rows = argument.name === "A" ? 4 : 2;
    area.spellcheck = false;
    area.value = kept[argument.name] || (argument.name === "A" ? "2 1 -1\n-3 -1 2\n-2 1 2" : "8 -11 -3");
    label.appendChild(area);
    box.appendChild(label);
  }
  $("#la-form [name=steps]").closest("label").hidden = !command.steps;
}

// "2 1\n1 3" -> "[[2,1],[1,3]]", "3 5" -> "[3,5]"; text already in brackets is passed on as typed.
function matrixText(text, vector) {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed === "") return trimmed;
  const rows = trimmed.split(/\n|;/).map((row) => row.trim().split(/[\s,]+/).filter(Boolean)).filter((r) => r.length);
  if (vector) return "[" + rows.flat().join(",") + "]";
  return "[" + rows.map((row) => "[" + row.join(",") + "]").join(",") + "]";
}

async function runLinearAlgebra() {
  const form = $("#la-form");
  const name = form.elements.command.value;
  const command = app.linalg.find((c) => c.name === name);
  const argv = ["linalg", name];
  for (const argument of command.arguments) {
    const area = $(`textarea[name="${argument.name}"]`, form);
    const vector = /vector|right-hand side|like "\[\d/.test(argument.help) && !/\[\[/.test(argument.help);
    argv.push(matrixText(area.value, vector));
  }
  if (command.steps && form.elements.steps.checked) argv.push("--steps");
  const answer = await runPurenn(argv, app.terminals.linalg, null, $("#la-command"));
  const shown = $("#la-typeset");
  shown.textContent = "";
  if (answer.status === 0) {
    shown.appendChild(typesetWorking(app.terminals.linalg.text));
  } else {  // purenn's own message, where the working would have been
    const message = document.createElement("pre");
    message.className = "problem";
    message.textContent = app.terminals.linalg.text.trim();
    shown.appendChild(message);
  }
  return answer;
}

// The command line's working, typeset: each matrix (a block of lines from "[[" to "]]") as a
// bracketed table, its fractions stacked, with the row operation that made it above it; other
// lines (the determinant, the rank, ...) as sentences. It reads the text the terminal shows, so
// what is typeset is what the command line prints.
function typesetWorking(text) {
  const root = document.createElement("div");
  root.className = "steps";
  const lines = text.replace(/\s+$/, "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    if (/^\s*\[\[/.test(lines[i])) {
      const rows = [];
      for (; i < lines.length; i++) {
        rows.push(lines[i]);
        if (/\]\]\s*$/.test(lines[i])) break;
      }
      const step = document.createElement("figure");
      step.appendChild(matrixTable(rows));
      root.appendChild(step);
    } else if (i + 1 < lines.length && /^\s*\[\[/.test(lines[i + 1])) {
      const step = document.createElement("figure");
      const caption = document.createElement("figcaption");
      caption.append(...mathText(lines[i]));
      step.appendChild(caption);
      const rows = [];
      for (i += 1; i < lines.length; i++) {
        rows.push(lines[i]);
        if (/\]\]\s*$/.test(lines[i])) break;
      }
      step.appendChild(matrixTable(rows));
      root.appendChild(step);
    } else {
      const sentence = document.createElement("p");
      sentence.append(...mathText(lines[i]));
      root.appendChild(sentence);
    }
  }
  return root;
}

function matrixTable(rows) {
  const table = document.createElement("table");
  table.className = "matrix";
  for (const row of rows) {
    const tr = table.insertRow();
    let bar = false;
    for (const entry of row.replace(/^\s*\[+|\]+\s*$/g, "").trim().split(/\s+/)) {
      if (entry === "|") {
        bar = true;
        continue;
      }
      const cell = tr.insertCell();
      if (bar) cell.className = "augmented";
      bar = false;
      cell.append(...number(entry));
    }
  }
  return table;
}

// "-3/5" (or "−3/5", as the command line prints it) as a minus sign and a stacked fraction; other
// numbers as they are, with a true minus sign.
function number(entry) {
  const fraction = /^([-\u2212]?)(\d+)\/(\d+)$/.exec(entry);
  if (!fraction) return [entry.replace(/^-/, "\u2212")];
  const stacked = document.createElement("span");
  stacked.className = "fraction";
  for (const part of [fraction[2], fraction[3]]) {
    const span = document.createElement("span");
    span.textContent = part;
    stacked.appendChild(span);
  }
  return fraction[1] ? ["\u2212", stacked] : [stacked];
}

// A line of working with its row names as R and a subscript (R2 -> R₂ as R<sub>2</sub>).
function mathText(line) {
  const parts = [];
  for (const piece of line.trim().split(/(R\d+)/)) {
    if (/^R\d+$/.test(piece)) {
      const sub = document.createElement("sub");
      sub.textContent = piece.slice(1);
      parts.push("R", sub);
    } else if (piece) {
      parts.push(piece.replace(/(^|[\s(])-(?=\d)/g, "$1\u2212"));
    }
  }
  return parts;
}

// ------------------------------------------------------------------ write it yourself

// The exercises come from purenn's own catalogue (page.py's exercises()); what the learner has
// typed for each is kept while they switch between them.
const exercisesPanel = { list: [], drafts: {}, current: null, last: null };

async function setUpExercises() {
  const answer = await send("exercises", {}, null);
  exercisesPanel.list = answer.exercises;
  const select = $("#ex-name");
  for (const exercise of answer.exercises) {
    const option = document.createElement("option");
    option.value = exercise.name;
    option.textContent = `${exercise.name}: ${exercise.summary}`;
    select.appendChild(option);
  }
  select.onchange = () => showExercise(select.value);
  showExercise(answer.exercises[0].name);
}

function showExercise(name) {
  if (exercisesPanel.current) exercisesPanel.drafts[exercisesPanel.current] = $("#ex-code").value;
  const exercise = exercisesPanel.list.find((e) => e.name === name);
  exercisesPanel.current = name;
  $("#ex-name").value = name;
  $("#ex-task").textContent = exercise.task;
  $("#ex-code").value = exercisesPanel.drafts[name] || exercise.starter + "\n";
  const result = $("#ex-result");
  result.textContent = "";
  result.className = "terminal ex-result";
}

async function checkExercise() {
  const name = exercisesPanel.current;
  const result = $("#ex-result");
  result.className = "terminal ex-result";
  result.textContent = `checking ${name} …`;
  let answer;
  try {
    answer = await send("check_code", { args: { name, code: $("#ex-code").value } }, null);
  } catch (error) {
    answer = { name, passed: false, message: error.message, diagnosis: "stopped" };
  }
  result.textContent = answer.message;
  result.classList.add(answer.passed ? "passed" : "failed");
  exercisesPanel.last = answer;
  return answer;
}

// ------------------------------------------------------------------ draw a digit

// The network is the one `purenn train --data digits --epochs 30` trains and saves (page.py's
// digit() reads it back); the grid holds 64 values from 0 to 16, row by row, like digits()'s rows.
const DIGITS_TRAIN = ["train", "--data", "digits", "--epochs", "30", "--save", "out/digits-model.json",
  "--plot-mistakes", "out/digits-mistakes.svg", "--plot-weights", "out/digits-weights.svg"];
const digitsPanel = { pixels: new Array(64).fill(0), trained: false, training: null, last: null,
  asking: null, again: false, sample: 0, pen: false, at: -1, seconds: null };

function drawGrid() {
  const cells = $$("#dg-grid div");
  digitsPanel.pixels.forEach((value, k) => {
    const grey = Math.round(255 * (1 - value / 16));
    cells[k].style.background = `rgb(${grey},${grey},${grey})`;
    cells[k].title = `row ${Math.floor(k / 8)}, column ${k % 8}: ${value}`;
  });
}

// The pen: the cell under it to 16, its four neighbours 4 darker (at most 16).
function ink(k) {
  if (k === digitsPanel.at) return;
  digitsPanel.at = k;
  const row = Math.floor(k / 8);
  const column = k % 8;
  digitsPanel.pixels[k] = 16;
  for (const [r, c] of [[row - 1, column], [row + 1, column], [row, column - 1], [row, column + 1]]) {
    if (r >= 0 && r < 8 && c >= 0 && c < 8) {
      digitsPanel.pixels[8 * r + c] = Math.min(16, digitsPanel.pixels[8 * r + c] + 4);
    }
  }
  drawGrid();
  askDigit();
}

// Set the whole grid (64 values, 0 to 16) and return the probabilities the network gives it.
function setDigit(pixels) {
  digitsPanel.pixels = pixels.slice();
  drawGrid();
  return askDigit();
}

// Ask Python for the probabilities of what the grid shows now; while an answer is on its way,
// drawing more asks once more when it arrives (so the table follows the pen without a queue).
function askDigit() {
  if (!digitsPanel.trained) return Promise.resolve(null);
  if (digitsPanel.asking) {
    digitsPanel.again = true;
    return digitsPanel.asking;
  }
  const pixels = digitsPanel.pixels.slice();
  digitsPanel.asking = send("digit", { args: { pixels } }, null).then((answer) => {
    digitsPanel.asking = null;
    if (answer.error) {
      $("#dg-said").textContent = answer.error;
      return null;
    }
    digitsPanel.last = { pixels, probabilities: answer.probabilities };
    showProbabilities(answer.probabilities);
    if (digitsPanel.again) {
      digitsPanel.again = false;
      return askDigit();
    }
    return digitsPanel.last;
  }, (error) => {
    digitsPanel.asking = null;
    $("#dg-said").textContent = error.message;
    return null;
  });
  return digitsPanel.asking;
}

function showProbabilities(probabilities) {
  const body = $("#dg-probabilities tbody");
  body.textContent = "";
  const best = probabilities.indexOf(Math.max(...probabilities));
  probabilities.forEach((p, digit) => {
    const row = body.insertRow();
    if (digit === best) row.className = "best";
    row.insertCell().textContent = String(digit);
    const bar = row.insertCell();
    bar.className = "bar";
    const span = document.createElement("span");
    span.style.width = (100 * p).toFixed(1) + "%";
    bar.appendChild(span);
    row.insertCell().textContent = p.toFixed(3);
  });
}

async function trainDigits() {
  if (digitsPanel.training) return digitsPanel.training;
  $("#dg-said").textContent = "training …";
  const started = performance.now();
  digitsPanel.training = runPurenn(DIGITS_TRAIN, app.terminals.digits, $("#dg-figures"), $("#dg-command"));
  const answer = await digitsPanel.training;
  digitsPanel.training = null;
  digitsPanel.seconds = (performance.now() - started) / 1000;
  digitsPanel.trained = answer.status === 0;
  $("#dg-said").textContent = digitsPanel.trained
    ? `trained in ${digitsPanel.seconds.toFixed(1)} s; draw a digit`
    : "training did not finish: press Train to try again";
  if (digitsPanel.trained) await askDigit();
  return answer;
}

async function sampleDigit() {
  const answer = await send("digit_sample", { args: { index: digitsPanel.sample++ } }, null);
  $("#dg-said").textContent = `test image ${answer.index + 1} of ${answer.count}: a ${answer.label}`;
  return setDigit(answer.pixels);
}

// ------------------------------------------------------------------ Python box, files

async function runPythonBox() {
  const terminal = app.terminals.python;
  const figures = $("#py-figures");
  terminal.clear();
  figures.textContent = "";
  const emit = (what, data) => {
    if (what !== "svg") return;
    app.texts["show:" + figures.childElementCount] = data;
    const box = document.createElement("figure");
    box.appendChild(svgImage(data, "a figure from show()"));
    figures.appendChild(box);
  };
  try {
    const answer = await send("python", { args: { code: $("#py-code").value } }, { terminal, emit });
    if (answer.status !== 0) terminal.write(`\n[exit status ${answer.status}]`);
    return answer;
  } catch (error) {
    terminal.write("\n" + error.message + "\n");
    return { status: null, error: error.message };
  }
}

async function upload(file) {
  const bytes = await file.arrayBuffer();
  const answer = await send("upload", { name: file.name.replace(/[^\w.-]/g, "_"), bytes }, null);
  const line = $("#cli-line");
  const name = "uploads/" + file.name.replace(/[^\w.-]/g, "_");
  line.value = `train --csv ${name} --save out/model.json --plot-loss out/loss.svg`;
  status(`${name} is in this tab's memory; name its --target column and press Run.`);
  return answer;
}

async function runCommandLine() {
  const answer = await send("split", { args: { line: $("#cli-line").value } }, null);
  if (answer.error) {
    app.terminals.cli.clear();
    app.terminals.cli.write(answer.error + "\n");
    return { status: 2 };
  }
  return runPurenn(answer.argv, app.terminals.cli, $("#cli-figures"), null);
}

// ------------------------------------------------------------------ panels

const PANELS = {
  "main-job": () => {
    $("#main-form").onsubmit = (event) => { event.preventDefault(); runMainJob(); };
  },
  playground: () => {
    const root = $("#playground");
    for (const range of $$("input[type=range]", root)) {
      const show = () => { range.nextElementSibling.textContent = range.value; };
      range.addEventListener("input", show);
      show();
    }
    $("[name=dataset]", root).addEventListener("change", (event) => {
      const option = event.target.selectedOptions[0];
      $("[name=task]", root).value = option.dataset.task || "classification";
    });
    for (const control of $$("input, select", $(".pg-controls", root))) {
      control.addEventListener("change", () => {
        if (!playground.playing) playgroundReset(); else playground.network = false;
      });
    }
    $("#pg-reset").onclick = playgroundReset;
    $("#pg-play").onclick = playgroundPlay;
    $("#pg-step").onclick = playgroundStep;
    $("#pg-explain").onclick = explainStep;
    const links = $("#source-links");
    for (const name of SOURCES) {
      const link = document.createElement("a");
      link.href = "#view-python";
      link.textContent = name;
      link.onclick = (event) => { event.preventDefault(); showSource(name); };
      links.appendChild(link);
    }
    $("#view-python").addEventListener("toggle", () => {
      if ($("#view-python").open && !$("#source-text").textContent) showSource("playground.py");
    });
    playgroundReset();
  },
  "linear-algebra": () => {
    $("#la-form").onsubmit = (event) => { event.preventDefault(); runLinearAlgebra(); };
    setUpLinearAlgebra();
  },
  exercises: () => {
    $("#ex-check").onclick = checkExercise;
    $("#ex-code").addEventListener("keydown", (event) => {  // Tab indents, as in an editor
      if (event.key !== "Tab" || event.shiftKey) return;
      event.preventDefault();
      const area = event.target;
      area.setRangeText("    ", area.selectionStart, area.selectionEnd, "end");
    });
    $("#ex-stub").onclick = () => {
      delete exercisesPanel.drafts[exercisesPanel.current];
      const name = exercisesPanel.current;
      exercisesPanel.current = null;
      showExercise(name);
    };
    setUpExercises();
  },
  digits: () => {
    const grid = $("#dg-grid");
    for (let k = 0; k < 64; k++) grid.appendChild(document.createElement("div"));
    const cell = (event) => {
      const target = document.elementFromPoint(event.clientX, event.clientY);
      return target && target.parentElement === grid ? Array.prototype.indexOf.call(grid.children, target) : -1;
    };
    grid.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      digitsPanel.pen = true;
      digitsPanel.at = -1;
      const k = cell(event);
      if (k >= 0) ink(k);
    });
    grid.addEventListener("pointermove", (event) => {
      if (!digitsPanel.pen) return;
      const k = cell(event);
      if (k >= 0) ink(k);
    });
    window.addEventListener("pointerup", () => { digitsPanel.pen = false; });
    $("#dg-clear").onclick = () => setDigit(new Array(64).fill(0));
    $("#dg-train").onclick = trainDigits;
    $("#dg-sample").onclick = sampleDigit;
    drawGrid();
    const opened = () => { if (location.hash === "#digits" && !digitsPanel.trained) trainDigits(); };
    window.addEventListener("hashchange", opened);
    opened();
  },
  python: () => {
    $("#py-run").onclick = runPythonBox;
  },
  files: () => {
    $("#upload").onchange = (event) => { if (event.target.files[0]) upload(event.target.files[0]); };
    $("#cli-form").onsubmit = (event) => { event.preventDefault(); runCommandLine(); };
    showFiles([]);
  },
};

function showPanel(id) {
  for (const section of $$("main > section")) section.hidden = section.id !== id;
  for (const tab of $$("#tabs a")) tab.classList.toggle("current", tab.hash === "#" + id);
}

function cannotRun() {
  if (location.protocol === "file:") {
    return "This page was opened from a file (file://), where browsers do not let it start Python. " +
      "Serve the folder instead: run  python3 -m http.server  in it and open http://127.0.0.1:8000/";
  }
  const recent = " Try a recent Chrome, Edge, Firefox or Safari.";
  if (typeof WebAssembly !== "object") {
    return "This browser cannot run WebAssembly, which Python in the page needs." + recent;
  }
  if (typeof Worker !== "function") return "This browser has no Web Workers, which Python in the page needs." + recent;
  return null;
}

function setUp() {
  app.terminals = {
    main: new Terminal($("#main-out")), playground: new Terminal($("#pg-explain-out")),
    explain: new Terminal($("#pg-explain-out")), linalg: new Terminal($("#la-out")),
    python: new Terminal($("#py-out")), cli: new Terminal($("#cli-out")), digits: new Terminal($("#dg-out")),
  };
  const tabs = $("#tabs");
  for (const section of $$("main > section")) {
    const tab = document.createElement("a");
    tab.href = "#" + section.id;
    tab.textContent = section.dataset.title;
    tabs.appendChild(tab);
  }
  const chosen = () => {
    const id = location.hash.slice(1);
    showPanel($("main > section#" + CSS.escape(id || "main-job")) ? (id || "main-job") : "main-job");
  };
  window.addEventListener("hashchange", chosen);
  chosen();
  $("#mode").textContent = app.isolated
    ? "Stop sends Ctrl-C: training ends after the epoch under way and keeps its weights."
    : "Stop restarts Python (this server does not send the cross-origin isolation headers): what Python held is lost.";
  $("#stop").onclick = stop;
  const problem = cannotRun();
  if (problem) {
    status(problem, true);
    for (const button of $$("button")) button.disabled = true;
    return;
  }
  status("Loading Python …");
  startPython().then(async () => {
    PANELS["main-job"]();
    await runMainJob();
    for (const [id, wire] of Object.entries(PANELS)) if (id !== "main-job") wire();
  });
}

setUp();
