/*
 * termpress worker bootstrap: loads the emulator (TeaVM WebAssembly GC module) into this Web Worker and
 * hands it the page's messages. The page passes the module's and TeaVM runtime's URLs in the query:
 *   new Worker("termpress-worker.HASH.js?runtime=URL&wasm=URL&descriptor=URL&kernelSha256=HEX")
 * (descriptor and kernelSha256 optional: the downloads to start at once, below; translate=on or
 * translate=lockstep: the module's bytes are fetched too and handed over as self.termpressTranslate, for the
 * translator's TeaVmArrayTypes, before main runs; the translator is off without it; translateThresholds=
 * cold,hot,chunk,minRun replaces the worker's thresholds, for measurements)
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

  /*
   * With descriptor= (and kernelSha256=) in the worker's query, before the TeaVM runtime and the module load:
   * fetch the image descriptor and, when it names a boot snapshot made on this runtime's kernel that the
   * Cache API does not hold yet, the snapshot's bytes, and each layer index the Cache API does not hold
   * (the machine is built once they are in). The module takes them
   * (self.termpressEarly.take(url), js.Blobs) and checks them as it checks every download; a failed early
   * fetch gives null and the module downloads again, so errors are reported in one place.
   */
  function prefetch(request) {
    const bodies = new Map();
    const early = self.termpressEarly = {
      take: function (url) {
        const body = bodies.get(url);
        bodies.delete(url);
        return body;
      }
    };
    const quiet = function (promise) { return promise.catch(function () { return null; }); };
    const descriptorUrl = String(request.descriptor);
    const text = quiet(fetch(descriptorUrl, { cache: "no-cache" }).then(function (r) { return r.ok ? r.text() : null; }));
    bodies.set("text:" + descriptorUrl, text);
    const cache = self.caches ? quiet(self.caches.open("termpress-blobs-v1")) : Promise.resolve(null);
    /** Fetches url unless the Cache API holds the blob with this sha256: digest (then the module reads it there). */
    const fetchUncached = function (url, digest) {
      const key = new URL("/__termpress/blobs/sha256/" + digest.replace(/^sha256:/, ""), self.location.href).href;
      bodies.set(url, cache.then(function (c) { return c ? quiet(c.match(key)) : null; }).then(function (hit) {
        return hit ? null : quiet(fetch(url).then(function (r) { return r.ok ? r.arrayBuffer() : null; }));
      }));
    };
    quiet(text.then(function (body) {
      const layers = body ? JSON.parse(body).layers : null;
      for (const layer of Array.isArray(layers) ? layers : []) {
        if (layer && typeof layer.index === "string" && typeof layer.indexDigest === "string") {
          fetchUncached(new URL(layer.index, descriptorUrl).href, layer.indexDigest); // as ImageLoader names it
        }
      }
      return null;
    }));
    quiet(text.then(function (body) {
      const snapshot = body ? JSON.parse(body).snapshot : null;
      if (!snapshot || snapshot.kernelSha256 !== request.kernelSha256 || typeof snapshot.digest !== "string") return null;
      const hex = snapshot.digest.replace(/^sha256:/, "");
      fetchUncached(new URL(hex, new URL(JSON.parse(body).blobs, descriptorUrl)).href, hex); // as ImageLoader names it
      self.termpressMarks.prefetchStarted = performance.now();
      return null;
    }));
    return early;
  }

  function fail(error) {
    const reason = error && error.message ? error.message : String(error);
    self.postMessage({ type: "error", message: "cannot start the emulator: " + reason });
  }

  try {
    const params = new URL(self.location.href).searchParams;
    const runtime = params.get("runtime");
    const wasm = params.get("wasm");
    if (params.get("descriptor")) {
      prefetch({ descriptor: params.get("descriptor"), kernelSha256: params.get("kernelSha256") || "" });
    }
    if (!runtime || !wasm) {
      throw new Error("the worker URL needs runtime= and wasm= parameters");
    }
    if (typeof WebAssembly !== "object") {
      throw new Error("this browser has no WebAssembly");
    }
    const translate = params.get("translate");
    const moduleBytes = translate === "on" || translate === "lockstep"
      ? fetch(wasm).then(function (r) { return r.ok ? r.arrayBuffer() : null; }).catch(function () { return null; })
      : Promise.resolve(null);
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
      return moduleBytes.then(function (bytes) {
        if (translate) {
          self.termpressTranslate = { mode: translate, module: bytes ? new Int8Array(bytes) : null,
            thresholds: params.get("translateThresholds") };
        }
        return teavm;
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
