/*
 * termpress page runtime: turns every figure.tp-demo into a live terminal.
 *
 * The generator's script tag carries the runtime's file names (content-hashed, relative to the page):
 *   <script src=".../termpress-runtime.HASH.js" data-assets='{"worker": ..., "wasm": ..., "teavm": ...,
 *     "kernel": ..., "xterm": ..., "xtermCss": ..., "fit": ..., "css": ..., "kernelSha256": HEX}' defer></script>
 * (kernelSha256 is the raw kernel Image's sha256, not a URL: a boot snapshot must have been made on it.)
 * Each Run starts one Web Worker (termpress-worker.js) that runs one machine. Prewarm: the first block that comes
 * within 200px of the viewport (data-prewarm: a byte budget, 0 off; navigator.connection.saveData turns it off)
 * gets a worker before any click, when its image's boot snapshot (or the kernel, without one) fits the budget; the
 * worker resumes the machine and waits. The block that is clicked first adopts it if it shows the same image
 * (same descriptor and writable-layer limit); its start message then only brings the block's settings. The
 * figure's data-prewarm-state says how far it got: checking, over-budget, loading, ready, adopted, failed.
 * Messages:
 *   page -> worker  {type: "prewarm", descriptor, kernel, kernelSha256, upperLimit} (before start, at most once)
 *                   {type: "start", descriptor, kernel, kernelSha256, workdir, user, hostname, upperLimit (bytes, 0: default),
 *                    env: ["K=V"], files: [{path, sha256, size, mode}] (the figure's data-files), cols, rows,
 *                    network (data-network="true": the guest's HTTP goes out through fetch)}
 *                   {type: "input", data: Uint8Array} {type: "resize", cols, rows} {type: "stop"} {type: "stats"}
 *                   {type: "shown"} (one output drawn by xterm.js: the guest pauses while 4 are not, so a
 *                   flood of output runs at the terminal's pace instead of queueing here)
 *   worker -> page  {type: "status", phase: "downloading" | "booting", done, total}
 *                   {type: "output", data: Int8Array} {type: "error", message} {type: "exit", code}
 *                   {type: "boot", how: "snapshot" | "cold"} {type: "notice", text} (one line for the terminal)
 *                   {type: "prewarmed", how: "snapshot" | "cold"} (resumed, or kernel fetched: waiting for start)
 *                   {type: "stats", instructions, busyMillis, timeOrigin, marks: {name: ms}, ledger: {...}}
 * Saved work: a figure with data-persist="true" keeps the reader's files in IndexedDB (database "termpress", store
 * "work", key: page path, block id and the boot snapshot's sha256; value {bytes: ArrayBuffer, savedAt: ms}). The
 * record is read before the block's worker starts (or its prewarm) and sent as savedWork with persist: true in
 * the start or prewarm message; a prewarmed worker that brought saved work is adopted only by its own block.
 *   page -> worker  {type: "save"} (the page is being hidden: post the files now)
 *   worker -> page  {type: "savedWork", data: Int8Array} (store it) {type: "restored", restored: boolean}
 * The figure gets data-saved-at (ms) after each stored save and data-restored ("true"/"false"); Reset deletes
 * the record and starts pristine. A browser that refuses IndexedDB, or a full quota, gives one notice line.
 * The figure's data-state is idle, loading, running, stopped, exited or failed. A "tp-stats" event
 * dispatched on a running figure (benchmarks, tests) asks the worker for its counters, which arrive as
 * the figure's data-guest-instructions and data-guest-busy-ms attributes (data-boot says how the machine started), and the Run's time line as
 * data-guest-timings (JSON: page and worker marks in ms after the click, and the worker's ledger). While a terminal exists, the
 * figure's termpressTerminal property is its xterm.js Terminal (null otherwise), so `termpress check
 * --browser` can read the terminal buffer exactly as the reader sees it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var assets;
  try {
    assets = JSON.parse(script.getAttribute("data-assets"));
  } catch (e) {
    assets = null;
  }
  var PROMPT = /[#$] $/;
  var NO_OUTPUT_MILLIS = 60000;
  var MB = 1024 * 1024;
  var libraries = null;
  /** The page's one prewarmed worker (a Prewarm), until a block adopts it; null when there is none. */
  var prewarmed = null;
  /** Whether a block has been prewarmed on this page already (one per page, the first in view). */
  var prewarmClaimed = false;
  var PREWARM_MARGIN = "200px";
  /** Every block of the page. */
  var allDemos = [];
  /** The page's IndexedDB for saved work: a promise of the database, or of null with why in dbProblem. */
  var savedWorkDb = null;
  var dbProblem = null;
  var WORK_STORE = "work";

  function url(name) {
    return new URL(assets[name], document.baseURI).href;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function loadStyle(href) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("link");
      tag.rel = "stylesheet";
      tag.href = href;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("cannot load " + href)); };
      document.head.appendChild(tag);
    });
  }

  /** xterm.js and its fit addon, loaded once, on the first Run or prewarm. */
  function loadLibraries() {
    if (!libraries) {
      libraries = Promise.all([loadStyle(url("xtermCss")), loadStyle(url("css")), loadScript(url("xterm"))])
        .then(function () { return loadScript(url("fit")); });
    }
    return libraries;
  }

  function megabytes(bytes) {
    return (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);
  }

  function parseJson(text, fallback) {
    try {
      return text ? JSON.parse(text) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function button(label, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    return b;
  }

  /** Opens the saved-work database once per page; resolves to null (dbProblem says why) when the browser refuses. */
  function openWorkDb() {
    if (!savedWorkDb) {
      savedWorkDb = new Promise(function (resolve) {
        var refuse = function (why) {
          dbProblem = why;
          resolve(null);
        };
        try {
          var request = indexedDB.open("termpress", 1);
          request.onupgradeneeded = function () { request.result.createObjectStore(WORK_STORE); };
          request.onsuccess = function () { resolve(request.result); };
          request.onerror = function () { refuse(request.error ? request.error.message || request.error.name : "refused"); };
          request.onblocked = function () { refuse("the database is blocked by another tab"); };
        } catch (e) {
          refuse(e && e.message ? e.message : String(e));
        }
      });
    }
    return savedWorkDb;
  }

  /** Runs one request on the work store; resolves to its result, rejects with the error. */
  function workRequest(db, mode, action) {
    return new Promise(function (resolve, reject) {
      try {
        var transaction = db.transaction(WORK_STORE, mode);
        var request = action(transaction.objectStore(WORK_STORE));
        transaction.oncomplete = function () { resolve(request.result); };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error || request.error || new Error("the transaction was aborted"));
        };
      } catch (e) {
        reject(e);
      }
    });
  }

  function errorText(error) {
    return error && (error.name === "QuotaExceededError" ? "the browser's storage quota is full"
      : error.message || error.name) || String(error);
  }

  /** One demo block: its buttons, its terminal and, while running, its worker. */
  function Demo(figure) {
    this.figure = figure;
    this.area = figure.querySelector(".tp-terminal");
    this.status = figure.querySelector(".tp-status");
    this.runButton = figure.querySelector(".tp-run");
    this.resetButton = button("Reset", "tp-reset");
    this.stopButton = button("Stop", "tp-stop");
    this.resetButton.setAttribute("aria-label", "Reset: start again from the pristine image");
    // Hidden until the runtime's stylesheet (loaded at the first Run or prewarm) shows them by state.
    this.resetButton.hidden = true;
    this.stopButton.hidden = true;
    var controls = figure.querySelector(".tp-controls");
    controls.insertBefore(this.stopButton, this.status);
    controls.insertBefore(this.resetButton, this.stopButton);
    this.worker = null;
    this.terminal = null;
    this.generation = 0;
    this.setState("idle");
    var self = this;
    this.runButton.addEventListener("click", function () { self.run(); });
    figure.addEventListener("tp-stats", function () {
      if (self.worker) self.worker.postMessage({ type: "stats" });
    });
    this.resetButton.addEventListener("click", function () { self.reset(); });
    this.stopButton.addEventListener("click", function () { self.stop("stopped"); self.say("Stopped."); });
    this.wireCommandButtons();
  }

  Demo.prototype.setState = function (state) {
    this.figure.setAttribute("data-state", state);
  };

  Demo.prototype.say = function (text) {
    if (this.status) this.status.textContent = text;
  };

  Demo.prototype.run = function () {
    if (this.worker) return;
    this.figure.removeAttribute("data-boot");
    this.figure.removeAttribute("data-prewarmed");
    this.startTimeline();
    this.teardown();
    var self = this;
    var generation = ++this.generation;
    this.setState("loading");
    this.say("Starting…");
    this.clearError();
    if (!assets) {
      this.fail("The runtime's script tag has no data-assets; the site was not built by termpress.");
      return;
    }
    // The worker starts at the click and gets its start message at once, with a terminal size estimated
    // from the block's box; xterm.js loads meanwhile, and what the worker says before the terminal exists
    // waits in this.pending (openTerminal replays it and posts the fitted size if it differs).
    this.decoder = new TextDecoder();
    this.encoder = new TextEncoder();
    this.ready = false;
    this.pending = [];
    this.startTyping();
    this.saved = null;
    this.storageFailed = false;
    if (this.persists()) {
      var warm = prewarmed && prewarmed.figure === this.figure ? prewarmed : null;
      var reading = warm ? Promise.resolve(warm.saved) : this.readSavedWork();
      this.loadingSaved = true;
      reading.then(function (saved) {
        if (generation !== self.generation) return;
        self.loadingSaved = false;
        self.saved = saved;
        if (saved.problem) self.storageNotice(saved.problem);
        self.launch(generation);
      });
      return;
    }
    this.launch(generation);
  };

  /** Starts (or adopts) the worker and the terminal of a Run whose saved work, if any, has been read. */
  Demo.prototype.launch = function (generation) {
    var self = this;
    if (!this.adoptPrewarmed() && !this.spawnWorker()) return;
    var size = this.estimateSize();
    this.postStart(size);
    loadLibraries().then(function () {
      self.mark("libraries");
      if (generation === self.generation && self.worker) self.openTerminal(size); // no worker: it failed
    }, function (error) {
      if (generation === self.generation) self.fail(error.message);
    });
  };

  /** The start message: image, block settings and a terminal size (a resize follows when the fitted one differs). */
  Demo.prototype.postStart = function (size) {
    var self = this;
    var worker = this.worker;
    var env = parseJson(this.figure.getAttribute("data-env"), {});
    worker.postMessage({
      type: "start",
      descriptor: this.descriptorUrl(),
      kernel: url("kernel"),
      kernelSha256: assets.kernelSha256 || "",
      workdir: this.figure.getAttribute("data-workdir") || "",
      user: this.figure.getAttribute("data-user") || "",
      hostname: this.figure.getAttribute("data-hostname") || "",
      upperLimit: Number(this.figure.getAttribute("data-upper-limit") || 0),
      env: Object.keys(env).map(function (name) { return name + "=" + env[name]; }),
      files: parseJson(this.figure.getAttribute("data-files"), []),
      persist: this.persists(),
      network: this.figure.getAttribute("data-network") === "true",
      savedWork: this.saved && this.saved.record ? new Uint8Array(this.saved.record.bytes) : null,
      cols: size.cols,
      rows: size.rows
    });
    this.mark("startPosted");
    this.watchdog = setTimeout(function () {
      if (self.worker === worker && !self.ready) {
        self.fail("No output from the machine after " + NO_OUTPUT_MILLIS / 1000 + " seconds.");
      }
    }, NO_OUTPUT_MILLIS);
  };

  /**
   * The terminal size xterm.js will most likely fit into the live screen (same font at 14 px, line height
   * 1.15, the screen's 0.5rem margins, 24rem high unless the theme sets --tp-live-height), before xterm.js
   * and the runtime's CSS are loaded.
   */
  Demo.prototype.estimateSize = function () {
    var style = getComputedStyle(this.area);
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    var context = document.createElement("canvas").getContext("2d");
    var cell = 8.4;
    if (context) {
      context.font = "14px " + style.fontFamily;
      cell = context.measureText("W").width || cell;
    }
    var height = parseFloat(style.getPropertyValue("--tp-live-height")) || 24;
    var scrollbar = 14; // xterm.js's viewport keeps room for its scroll bar
    var width = this.area.clientWidth - rem - scrollbar;
    return { cols: Math.max(2, Math.floor(width / cell)),
      rows: Math.max(1, Math.floor((height - 0.8) * rem / Math.floor(14 * 1.15))) };
  };

  /** xterm.js is loaded: the terminal, its input and resizes, then what the worker said meanwhile. */
  Demo.prototype.openTerminal = function (estimated) {
    var self = this;
    this.area.classList.add("tp-live");
    this.screen = document.createElement("div");
    this.screen.className = "tp-live-screen";
    this.area.appendChild(this.screen);
    var terminal = new Terminal({ convertEol: false, cursorBlink: true, scrollback: 5000,
      // lineHeight above 1: at 1, the row below paints over the underscore of common monospace fonts.
      fontFamily: getComputedStyle(this.area).fontFamily, fontSize: 14, lineHeight: 1.15,
      theme: { background: getComputedStyle(this.figure).backgroundColor } });
    var fit = new FitAddon.FitAddon();
    terminal.loadAddon(fit);
    terminal.open(this.screen);
    fit.fit();
    this.terminal = terminal;
    this.figure.termpressTerminal = terminal;
    this.fit = fit;

    var worker = this.worker;
    terminal.onData(function (text) {
      if (self.worker === worker) worker.postMessage({ type: "input", data: self.encoder.encode(text) });
    });
    terminal.onResize(function (size) {
      if (self.worker === worker) worker.postMessage({ type: "resize", cols: size.cols, rows: size.rows });
    });
    if (terminal.cols !== estimated.cols || terminal.rows !== estimated.rows) {
      worker.postMessage({ type: "resize", cols: terminal.cols, rows: terminal.rows });
    }
    this.resizeListener = function () { if (self.fit) self.fit.fit(); };
    window.addEventListener("resize", this.resizeListener);
    var pending = this.pending || [];
    this.pending = null;
    for (var i = 0; i < pending.length && this.worker === worker; i++) this.receive(pending[i]);
  };

  /**
   * Starts this Run's worker, which begins loading the emulator at once. False when the browser refuses a worker (the Run failed).
   */
  Demo.prototype.spawnWorker = function () {
    var self = this;
    var workerUrl = workerUrlFor(this.descriptorUrl());
    var worker;
    try {
      this.mark("workerCreated");
      worker = new Worker(workerUrl);
    } catch (e) {
      this.fail("cannot start a Web Worker: " + e.message);
      return false;
    }
    this.worker = worker;
    worker.onmessage = function (event) { if (self.worker === worker) self.receive(event.data); };
    worker.onerror = function (event) {
      if (self.worker === worker) self.fail("the emulator worker failed: " + (event.message || "cannot load " + workerUrl));
    };
    return true;
  };

  /** The worker's URL for an image: its descriptor and boot snapshot download at once, while the module compiles. */
  function workerUrlFor(descriptor) {
    return url("worker") + "?runtime=" + encodeURIComponent(url("teavm"))
      + "&wasm=" + encodeURIComponent(url("wasm"))
      + "&descriptor=" + encodeURIComponent(descriptor)
      + "&kernelSha256=" + encodeURIComponent(assets.kernelSha256 || "")
      + translateSwitch();
  }

  /**
   * The translator (off by default, docs/site/content/machine.md): localStorage "termpress.translate" set to "on"
   * or "lockstep" turns it on for this browser; "?termpress-translate=on|lockstep" in the page's URL for one visit.
   */
  function translateSwitch() {
    var mode = null;
    try {
      mode = new URLSearchParams(location.search).get("termpress-translate")
        || (window.localStorage && window.localStorage.getItem("termpress.translate"));
    } catch (e) {
      mode = null; // storage refused (privacy settings): the default
    }
    if (mode !== "on" && mode !== "lockstep") return "";
    // For measurements: the worker's thresholds ("cold,hot,chunk,minRun") in place of its own.
    var thresholds = null;
    try {
      thresholds = new URLSearchParams(location.search).get("termpress-translate-thresholds");
    } catch (e) {
      thresholds = null;
    }
    return "&translate=" + mode + (thresholds ? "&translateThresholds=" + encodeURIComponent(thresholds) : "");
  }

  /**
   * Takes the page's prewarmed worker when it runs this block's image and no block took it yet: what it said
   * meanwhile (a notice: why the snapshot was not used) is replayed. False when there is none to take.
   */
  Demo.prototype.adoptPrewarmed = function () {
    var warm = prewarmed;
    if (!warm || !warm.worker || warm.image !== this.descriptorUrl() || warm.upperLimit !== this.upperLimit()) {
      return false;
    }
    if ((warm.persist || this.persists()) && warm.figure !== this.figure) {
      return false; // started with one block's saved work (or none): another block with saved work starts its own
    }
    prewarmed = null;
    var self = this;
    var worker = warm.worker;
    this.mark("prewarmAdopted");
    this.worker = worker;
    this.figure.setAttribute("data-prewarmed", warm.ready ? "ready" : "loading");
    warm.figure.setAttribute("data-prewarm-state", "adopted");
    worker.onmessage = function (event) { if (self.worker === worker) self.receive(event.data); };
    worker.onerror = function (event) {
      if (self.worker === worker) self.fail("the emulator worker failed: " + (event.message || "cannot load it"));
    };
    for (var i = 0; i < warm.said.length; i++) this.receive(warm.said[i]);
    return true;
  };

  Demo.prototype.upperLimit = function () {
    return Number(this.figure.getAttribute("data-upper-limit") || 0);
  };

  /**
   * The block came near the viewport: unless the reader asked to save data, fetch its image's descriptor and,
   * when the boot snapshot (or, without one, the kernel) fits the block's data-prewarm budget, start a worker
   * that resumes the machine before any click. Over the budget, only the descriptor was fetched.
   */
  Demo.prototype.prewarm = function () {
    var self = this;
    var budget = Number(this.figure.getAttribute("data-prewarm") || 0);
    if (!assets || budget <= 0 || this.worker) return;
    var figure = this.figure;
    var descriptor = this.descriptorUrl();
    figure.setAttribute("data-prewarm-state", "checking");
    fetch(descriptor, { cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (image) {
      if (!image) throw new Error("no descriptor");
      var snapshot = image.snapshot;
      var resumes = snapshot && snapshot.kernelSha256 === assets.kernelSha256 && typeof snapshot.size === "number";
      var bytes = resumes ? snapshot.size : Number(assets.kernelSize || Infinity);
      figure.setAttribute("data-prewarm-bytes", String(bytes));
      if (bytes > budget) {
        figure.setAttribute("data-prewarm-state", "over-budget");
      } else if (allDemos.some(function (d) { return d.worker && d.descriptorUrl() === descriptor; })) {
        figure.setAttribute("data-prewarm-state", "clicked"); // a Run on this image came first, with its own worker
      } else if (self.persists()) {
        self.readSavedWork().then(function (saved) {
          if (!self.worker && !self.loadingSaved) prewarmed = new Prewarm(self, saved);
        });
      } else {
        prewarmed = new Prewarm(self, null);
      }
    }).catch(function () {
      figure.setAttribute("data-prewarm-state", "failed"); // the click starts it as usual and reports errors
    });
  };

  /** A worker loading a block's image before the click; a Demo adopts it (adoptPrewarmed). */
  function Prewarm(demo, saved) {
    var self = this;
    // The terminal's own scripts too: loaded at the click, they were a Run's slowest step after a prewarm.
    loadLibraries();
    this.figure = demo.figure;
    this.persist = demo.persists();
    this.saved = saved; // what the adopting Run shows and stores under (its own block's)
    this.image = demo.descriptorUrl();
    this.upperLimit = demo.upperLimit();
    this.ready = false;
    this.said = []; // notices for the terminal of the block that adopts it
    this.figure.setAttribute("data-prewarm-state", "loading");
    try {
      this.worker = new Worker(workerUrlFor(this.image));
    } catch (e) {
      this.worker = null;
      this.figure.setAttribute("data-prewarm-state", "failed");
      return;
    }
    this.worker.onmessage = function (event) { self.receive(event.data); };
    this.worker.onerror = function () { self.discard(); };
    this.worker.postMessage({ type: "prewarm", descriptor: this.image, kernel: url("kernel"),
      kernelSha256: assets.kernelSha256 || "", upperLimit: this.upperLimit, persist: this.persist,
      savedWork: saved && saved.record ? new Uint8Array(saved.record.bytes) : null });
  }

  Prewarm.prototype.receive = function (message) {
    if (message.type === "prewarmed") {
      this.ready = true;
      this.figure.setAttribute("data-prewarm-state", "ready");
      this.figure.setAttribute("data-prewarm-boot", message.how);
    } else if (message.type === "notice" || message.type === "restored") {
      this.said.push(message);
    } else if (message.type === "error") {
      this.discard(); // Run starts a fresh worker and shows its errors
    }
  };

  /** Ends a prewarm that failed: no block adopts it. */
  Prewarm.prototype.discard = function () {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (prewarmed === this) prewarmed = null;
    this.figure.setAttribute("data-prewarm-state", "failed");
  };

  Demo.prototype.persists = function () {
    return this.figure.getAttribute("data-persist") === "true";
  };

  /**
   * This block's saved work: resolves to {key, record, problem} (record null when nothing is stored; key null when
   * the image has no boot snapshot this runtime resumes, so there is nothing to keep the files on, or when the
   * browser refuses IndexedDB: problem says why, for the Run's notice). Never rejects.
   */
  Demo.prototype.readSavedWork = function () {
    var self = this;
    var nothing = { key: null, record: null, problem: null };
    return fetch(this.descriptorUrl(), { cache: "no-cache" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (image) {
      var snapshot = image && image.snapshot;
      if (!snapshot || snapshot.kernelSha256 !== assets.kernelSha256 || typeof snapshot.digest !== "string") {
        return nothing; // a cold boot: the worker says the files are not kept
      }
      var key = location.pathname + "#" + (self.figure.id || "") + "@" + snapshot.digest.replace(/^sha256:/, "");
      return openWorkDb().then(function (db) {
        if (!db) {
          return { key: null, record: null, problem: "this browser does not let the page store them (" + dbProblem + ")" };
        }
        return workRequest(db, "readonly", function (store) { return store.get(key); }).then(function (record) {
          var usable = record && record.bytes instanceof ArrayBuffer ? record : (record ? { bytes: new ArrayBuffer(0), savedAt: 0 } : null);
          return { key: key, record: usable, problem: null };
        });
      });
    }).catch(function (error) {
      return { key: null, record: null, problem: "reading them failed: " + errorText(error) };
    });
  };

  /** One line in the terminal, once per Run: the reader's files are not kept (the demo works on). */
  Demo.prototype.storageNotice = function (why) {
    if (this.storageFailed) return;
    this.storageFailed = true;
    this.receive({ type: "notice", text: "termpress: your files will not be kept: " + why });
  };

  /** Stores saved work the worker posted under this Run's key; a refused write gives one notice and no retries. */
  Demo.prototype.storeSavedWork = function (data) {
    var self = this;
    var key = this.saved && this.saved.key;
    if (!key || this.storageFailed) return;
    var bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    var savedAt = Date.now();
    var generation = this.generation;
    openWorkDb().then(function (db) {
      if (!db) throw new Error(dbProblem);
      return workRequest(db, "readwrite", function (store) {
        return store.put({ bytes: bytes, savedAt: savedAt }, key);
      });
    }).then(function () {
      if (generation === self.generation) self.figure.setAttribute("data-saved-at", String(savedAt));
    }, function (error) {
      if (generation === self.generation) self.storageNotice("storing them failed: " + errorText(error));
    });
  };

  /** The worker put the saved files back (or could not, and said why in the terminal). */
  Demo.prototype.showRestored = function (restored) {
    this.figure.setAttribute("data-restored", String(restored));
    var old = this.figure.querySelector(".tp-saved-note");
    if (old) old.remove();
    if (!restored || !this.saved || !this.saved.record) return;
    var note = document.createElement("p");
    note.className = "tp-saved-note";
    var when = this.saved.record.savedAt ? new Date(this.saved.record.savedAt).toLocaleString() : "an earlier visit";
    note.textContent = "Restored your files from " + when + ". Reset starts again from the pristine image.";
    this.figure.querySelector(".tp-controls").after(note);
  };

  /** Reset: forgets this block's saved work (if it keeps any) and starts again from the pristine image. */
  Demo.prototype.reset = function () {
    var self = this;
    this.stop("idle");
    var note = this.figure.querySelector(".tp-saved-note");
    if (note) note.remove();
    this.figure.removeAttribute("data-saved-at");
    this.figure.removeAttribute("data-restored");
    if (!this.persists()) {
      this.run();
      return;
    }
    var generation = this.generation;
    this.readSavedWork().then(function (saved) {
      if (!saved.key) return null;
      return openWorkDb().then(function (db) {
        return db ? workRequest(db, "readwrite", function (store) { return store.delete(saved.key); }) : null;
      });
    }).catch(function () { return null; }).then(function () {
      if (generation === self.generation) self.run();
    });
  };

  /** The page is being hidden (tab switch, close, reload): each running block with saved work saves now. */
  function saveWhenHidden() {
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState !== "hidden") return;
      allDemos.forEach(function (demo) {
        if (demo.worker && demo.persists()) demo.worker.postMessage({ type: "save" });
      });
    });
  }

  Demo.prototype.descriptorUrl = function () {
    return new URL(this.figure.getAttribute("data-image"), document.baseURI).href;
  };

  Demo.prototype.receive = function (message) {
    this.mark("firstMessage");
    if (this.pending && (message.type === "output" || message.type === "notice" || message.type === "exit")) {
      this.pending.push(message); // for the terminal, which xterm.js has not made yet
      return;
    }
    switch (message.type) {
      case "status":
        if (message.phase === "downloading") {
          // Layers with an index download while the machine runs, when first read.
          this.say(this.ready && message.done >= message.total ? "Running"
            : "Downloading " + megabytes(message.done) + " of " + megabytes(message.total) + " MB…");
        } else if (message.phase === "booting") {
          this.mark("bootingShown");
          this.say("Booting…");
        }
        break;
      case "boot":
        this.mark(message.how === "snapshot" ? "resumedShown" : "coldBootShown");
        this.figure.setAttribute("data-boot", message.how);
        break;
      case "notice":
        // Not guest output: the terminal shows it, the prompt watch and the ready state ignore it.
        if (this.terminal) this.terminal.write(String(message.text) + "\r\n");
        break;
      case "output":
        this.mark("firstOutputShown");
        this.output(new Uint8Array(message.data.buffer, message.data.byteOffset, message.data.byteLength),
          this.confirmer());
        break;
      case "error":
        this.fail(message.message);
        break;
      case "restored":
        this.showRestored(message.restored);
        break;
      case "savedWork":
        this.storeSavedWork(message.data);
        break;
      case "stats":
        this.recordTimings(message);
        this.figure.setAttribute("data-guest-instructions", String(message.instructions));
        this.figure.setAttribute("data-guest-busy-ms", String(message.busyMillis));
        break;
      case "exit":
        this.terminal.write("\r\n[the machine powered off]\r\n");
        this.finish("exited");
        this.say("The machine powered off" + (message.code ? " (exit status " + message.code + ")" : "")
          + ". Press Run to start it again.");
        break;
      default:
        break;
    }
  };

  /** Tells the worker that sent the output being handled that xterm.js drew it (see "shown"). */
  Demo.prototype.confirmer = function () {
    var worker = this.worker;
    return function () {
      if (worker) worker.postMessage({ type: "shown" });
    };
  };

  Demo.prototype.output = function (bytes, drawn) {
    var text = this.decoder.decode(bytes, { stream: true });
    this.terminal.write(bytes, drawn);
    if (!this.ready) {
      this.ready = true;
      clearTimeout(this.watchdog);
      this.area.classList.add("tp-ready");
      this.setState("running");
      this.say("Running");
      this.fit.fit();
      this.terminal.focus();
    }
    this.typeAtPrompt(text);
  };

  // Typing for the reader: Run types the block's commands (data-autorun), a command's own Run button
  // types that one. Each command waits for the shell's prompt; the one being typed is highlighted.

  /** Gives each command's Run button its command: it types it, starting the machine first if need be. */
  Demo.prototype.wireCommandButtons = function () {
    var self = this;
    this.steps = this.figure.querySelectorAll(".tp-step");
    this.commands = parseJson(this.figure.getAttribute("data-commands"), []);
    this.requested = null;
    this.queue = [];
    this.current = -1;
    this.runButton.title = this.figure.getAttribute("data-autorun") === "true" && this.commands.length
      ? "Type these commands into a live terminal" : "Start a live terminal";
    var buttons = this.figure.querySelectorAll(".tp-run-command");
    Array.prototype.forEach.call(buttons, function (b, index) {
      b.addEventListener("click", function () { self.runCommand(index); });
    });
  };

  Demo.prototype.runCommand = function (index) {
    if (index >= this.commands.length) return;
    if (!this.worker) {
      this.requested = [index]; // the machine starts for this command alone, whatever autorun says
      this.run();
      return;
    }
    this.queue.push(index);
    if (this.ready && this.current < 0 && PROMPT.test(this.tail)) this.typeNext();
  };

  /** A new machine: what it will type at its first prompt. */
  Demo.prototype.startTyping = function () {
    var all = this.figure.getAttribute("data-autorun") === "true" ? this.commands.map(function (c, i) { return i; }) : [];
    this.queue = this.requested || all;
    this.requested = null;
    this.tail = "";
    this.current = -1;
  };

  /** Watches the output for the prompt: then the next command is typed, or the terminal is the reader's. */
  Demo.prototype.typeAtPrompt = function (text) {
    this.tail = (this.tail + text).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").slice(-64);
    if (!PROMPT.test(this.tail)) return;
    if (this.queue.length) {
      this.typeNext();
    } else if (this.current >= 0) {
      this.markCurrent(-1);
      this.say("Done. The terminal is yours.");
      this.focusTerminal();
    }
  };

  Demo.prototype.typeNext = function () {
    var index = this.queue.shift();
    this.tail = "";
    this.markCurrent(index);
    this.say("Running command " + (index + 1) + " of " + this.commands.length);
    this.worker.postMessage({ type: "input", data: this.encoder.encode(this.commands[index] + "\n") });
  };

  /** Highlights the command being typed (-1: none) and keeps it in view in the command list. */
  Demo.prototype.markCurrent = function (index) {
    this.current = index;
    for (var i = 0; i < this.steps.length; i++) {
      var step = this.steps[i];
      step.classList.toggle("tp-current", i === index);
      if (i === index) step.setAttribute("aria-current", "step"); else step.removeAttribute("aria-current");
    }
    var list = index >= 0 && this.steps[index] ? this.steps[index].parentElement : null;
    if (list && list.scrollHeight > list.clientHeight) {
      list.scrollTop = this.steps[index].offsetTop - list.offsetTop - list.clientHeight / 3;
    }
  };

  /** Hands the keyboard to the terminal, unless the reader has moved on to something else on the page. */
  Demo.prototype.focusTerminal = function () {
    var focused = document.activeElement;
    var textarea = this.terminal && this.terminal.textarea;
    if (textarea && (!focused || focused === document.body || this.figure.contains(focused))) {
      textarea.focus({ preventScroll: true });
    }
  };

  /** The machine stopped: nothing more is typed. */
  Demo.prototype.endTyping = function () {
    this.queue = [];
    this.markCurrent(-1);
  };

  /** A new time line for a Run: every mark is performance.now() in this page, first time only. */
  Demo.prototype.startTimeline = function () {
    this.marks = {};
    this.mark("click");
  };

  Demo.prototype.mark = function (name) {
    if (this.marks && !(name in this.marks)) this.marks[name] = performance.now();
  };

  /**
   * Puts the Run's time line on the figure (data-guest-timings): page and worker marks as milliseconds
   * after the click (worker marks are in the worker's own time: moved by the difference of the time
   * origins), and the worker's ledger of slices and waits up to the guest's latest output.
   */
  Demo.prototype.recordTimings = function (message) {
    var click = this.marks ? this.marks.click : 0;
    var page = {};
    var worker = {};
    var name;
    for (name in this.marks) page[name] = this.marks[name] - click;
    var shift = (message.timeOrigin || performance.timeOrigin) - performance.timeOrigin - click;
    for (name in message.marks || {}) worker[name] = message.marks[name] + shift;
    this.figure.setAttribute("data-guest-timings",
      JSON.stringify({ page: page, worker: worker, ledger: message.ledger || {} }));
  };

  Demo.prototype.clearError = function () {
    var old = this.area.querySelector(".tp-live-error");
    if (old) old.remove();
    this.area.classList.remove("tp-failed");
  };

  /** Shows what went wrong in the terminal area and stops the machine; Run tries again. */
  Demo.prototype.fail = function (text) {
    this.finish("failed");
    this.clearError();
    var box = document.createElement("p");
    box.className = "tp-live-error";
    box.setAttribute("role", "alert");
    box.textContent = "The live terminal failed: " + text;
    this.area.classList.add("tp-failed");
    this.area.insertBefore(box, this.area.firstChild);
    this.say("Failed. Press Run to try again.");
  };

  /** Ends the worker; the terminal keeps what it showed. */
  Demo.prototype.finish = function (state) {
    if (this.worker) {
      this.worker.terminate(); // frees the machine's memory at once
      this.worker = null;
    }
    clearTimeout(this.watchdog);
    this.endTyping();
    if (this.resizeListener) window.removeEventListener("resize", this.resizeListener);
    this.resizeListener = null;
    this.setState(state);
  };

  /** Ends the worker and removes the terminal, showing the transcript again. */
  Demo.prototype.stop = function (state) {
    this.generation++;
    this.finish(state);
    this.teardown();
  };

  Demo.prototype.teardown = function () {
    this.clearError();
    if (this.terminal) this.terminal.dispose();
    this.terminal = null;
    this.figure.termpressTerminal = null;
    this.fit = null;
    if (this.screen) this.screen.remove();
    this.screen = null;
    this.pending = null;
    this.area.classList.remove("tp-live", "tp-ready");
  };

  /** Prewarms the first block that comes within PREWARM_MARGIN of the viewport (and has a budget). */
  function watchForPrewarm(demos) {
    var saveData = navigator.connection && navigator.connection.saveData;
    if (saveData || typeof IntersectionObserver !== "function") return;
    var byFigure = new Map();
    var observer = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length && !prewarmClaimed; i++) {
        if (!entries[i].isIntersecting) continue;
        prewarmClaimed = true;
        observer.disconnect();
        byFigure.get(entries[i].target).prewarm();
      }
    }, { rootMargin: PREWARM_MARGIN });
    demos.forEach(function (demo) {
      if (Number(demo.figure.getAttribute("data-prewarm") || 0) > 0) {
        byFigure.set(demo.figure, demo);
        observer.observe(demo.figure);
      }
    });
  }

  function init() {
    var figures = document.querySelectorAll("figure.tp-demo");
    for (var i = 0; i < figures.length; i++) {
      allDemos.push(new Demo(figures[i]));
    }
    watchForPrewarm(allDemos);
    saveWhenHidden();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
