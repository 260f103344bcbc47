/*
 * termpress worker bootstrap: loads the emulator (TeaVM WebAssembly GC module) into this Web Worker and
 * hands it the page's messages. The page passes the module's and TeaVM runtime's URLs in the query:
 *   new Worker("termpress-worker.HASH.js?runtime=URL&wasm=URL")
 * Messages that arrive while the module loads are kept and delivered in order.
 * self.termpressMarks holds named moments (performance.now() in this worker) that the module sends with
 * its stats answers (docs/architecture.md).
 */
"use strict";
self.termpressMarks = { workerScript: performance.now() };
(function () {
  const queued = [];
  self.onmessage = function (event) {
    queued.push(event.data);
  };

  function fail(error) {
    const reason = error && error.message ? error.message : String(error);
    self.postMessage({ type: "error", message: "cannot start the emulator: " + reason });
  }

  try {
    const params = new URL(self.location.href).searchParams;
    const runtime = params.get("runtime");
    const wasm = params.get("wasm");
    if (!runtime || !wasm) {
      throw new Error("the worker URL needs runtime= and wasm= parameters");
    }
    if (typeof WebAssembly !== "object") {
      throw new Error("this browser has no WebAssembly");
    }
    importScripts(runtime);
    self.termpressMarks.runtimeLoaded = performance.now();
    // Streaming compilation needs the application/wasm MIME type; hosts that send another get a
    // second try from the bytes.
    TeaVM.wasmGC.load(wasm).catch(function () {
      return fetch(wasm).then(function (response) {
        if (!response.ok) throw new Error("cannot download " + wasm + ": HTTP " + response.status);
        return response.arrayBuffer();
      }).then(function (bytes) {
        return TeaVM.wasmGC.load(bytes);
      });
    }).then(function (teavm) {
      self.termpressMarks.moduleReady = performance.now();
      teavm.exports.main([]); // sets self.onmessage
      const handler = self.onmessage;
      for (const data of queued) {
        handler({ data: data });
      }
      queued.length = 0;
      self.termpressMarks.queueDelivered = performance.now();
    }).catch(function (error) {
      fail(error && /GC|struct|ref|type/.test(String(error && error.message))
        ? new Error(error.message + " (this browser may lack WebAssembly GC: Chrome 119+, Firefox 120+, Safari 18.2+)")
        : error);
    });
  } catch (error) {
    fail(error);
  }
})();
