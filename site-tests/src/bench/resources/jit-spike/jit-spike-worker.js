/*
 * The WebAssembly back-end spike, in a Web Worker as the emulator runs: loads the TeaVM program
 * (runtime-web's jit.JitSpikeMain, built by the jit-spike profile), takes the modules it generates at
 * run time, and runs the same guest loop (GuestLoop: lw/add/sw/addi/addi/bnez over 16 KiB) each way:
 * the interpreter, the loop in TeaVM-compiled Java, and the translated loop over (a) TeaVM's own GC
 * arrays, (b) a WebAssembly.Memory, (c) accessor imports, (d) JavaScript over an Int32Array. Every way
 * is first checked against the interpreter (t1 and the buffer after 20 passes), then timed for a few
 * hundred million guest instructions; the figures are guest instructions per second.
 */
"use strict";
importScripts("teavm-wasm-gc-runtime.js");

const PASS = 4096 * 6 + 3;            // GuestLoop.INSTRUCTIONS_PER_PASS
const CHUNK = PASS * 41;              // about 1 M guest instructions per call into generated code
const CHECK = PASS * 20;
const INNER_PC = 0x8000000cn;
const BUFFER = 0x80100000n;
const RAM_BYTES = 2 << 20;
const RAM_OFFSET = 4096;              // LoopKernelModule.RAM_OFFSET
const T0 = 5, T1 = 6, S0 = 8, A0 = 10, A1 = 11;
const REGS = [T0, T1, S0, A0, A1];

function checksum(words, first) {
  let s = 0n;
  for (let i = 0; i < 4096; i++) s = BigInt.asIntN(64, s * 31n + BigInt(words[first + i]));
  return String(s);
}

/**
 * Runs `step(CHUNK)` for `seconds` unmeasured (so the engine's optimizing tier, compiled on background
 * threads that a loaded machine starves, is in), then until `seconds` more have passed; returns M
 * guest instructions per second of the second part.
 */
function timed(step, seconds) {
  const warm = performance.now();
  while (performance.now() - warm < seconds * 1000) step(CHUNK);
  let done = 0;
  const start = performance.now();
  let now = start;
  while (now - start < seconds * 1000) {
    done += step(CHUNK);
    now = performance.now();
  }
  return done / ((now - start) * 1000);
}

self.onmessage = async (event) => {
  const { seconds, only } = event.data;
  const result = { userAgent: navigator.userAgent, mips: {}, checks: {}, notes: {} };
  try {
    const bytes = new Int8Array(await (await fetch("jit-spike.wasm")).arrayBuffer());
    const teavm = await TeaVM.wasmGC.load("jit-spike.wasm");
    const x = teavm.exports;
    const wanted = (name) => !only || only.split(",").includes(name);

    // The reference: the interpreter after CHECK instructions from the loop's pc.
    x.reset();
    x.interpret(CHECK);
    const expected = { t1: x.t1(), checksum: x.bufferChecksum() };
    result.checks.expected = expected;

    if (wanted("interpreter")) {
      x.reset();
      result.mips.interpreter = timed((n) => x.interpret(n), seconds);
    }
    if (wanted("javaLoop")) {
      x.reset();
      x.javaLoop(CHECK);
      result.checks.javaLoop = { t1: x.t1(), checksum: x.bufferChecksum() };
      x.reset();
      result.mips.javaLoop = timed((n) => x.javaLoop(n), seconds);
    }

    // (a) TeaVM's own arrays. Java objects reach JavaScript as wrappers holding the GC reference; the
    // unwrap module (TeaVM's type section copied, so its types are TeaVM's) opens int[] and long[].
    const raw = (wrapper) => {
      const symbol = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === "javaObject");
      if (!symbol) throw new Error("no Java object inside the wrapper");
      return wrapper[symbol];
    };
    const unwrap = (await WebAssembly.instantiate(x.unwrapModule(bytes))).instance.exports;
    if (wanted("gcArrays")) {
      const gc = (await WebAssembly.instantiate(x.kernelModule("GC_ARRAYS"))).instance.exports;
      const data = () => [unwrap.ints(raw(x.ramObject())), unwrap.longs(raw(x.registersObject()))];
      x.reset();
      let [ram, regs] = data();
      gc.run(ram, regs, CHECK);
      result.checks.gcArrays = { t1: x.t1(), checksum: x.bufferChecksum() };
      x.reset();
      [ram, regs] = data();
      result.mips.gcArrays = timed((n) => gc.run(ram, regs, n), seconds);
      result.callNanos = result.callNanos || {};
      x.reset();
      [ram, regs] = data();
      const calls = 200000;
      const start = performance.now();
      x.callBlocks((b) => gc.run(ram, regs, b), calls, 6);
      result.callNanos.gcArraysFromJava = (performance.now() - start) * 1e6 / calls;
    }

    // The translator: the front end's unit for the loop's page (translate.wasm.WasmBlockCompiler) in
    // the dispatcher's table, run over the interpreter's own register, RAM and TLB arrays; whatever a
    // unit leaves to the interpreter (the first load's TLB miss) the interpreter runs, one instruction.
    if (wanted("translator")) {
      const d = (await WebAssembly.instantiate(x.dispatcherModule())).instance.exports;
      x.reset();
      d.units.set(x.translatorPage(), (await WebAssembly.instantiate(x.translatorModule())).instance.exports.run);
      let regs, ram, tlb;
      const load = () => {
        x.reset();
        [regs, ram, tlb] = [unwrap.longs(raw(x.registersObject())), unwrap.ints(raw(x.ramObject())),
          unwrap.longs(raw(x.tlbObject()))];
      };
      const translated = (n) => {
        let done = 0;
        while (done < n) {
          const [next, ran, exit] = d.dispatch(regs, ram, tlb, x.dataKey(), x.fetchKey(), x.getReg(32), n - done);
          done += ran;
          x.setReg(32, next);
          if (exit === 2 || done >= n) break; // the budget: the next chain does not fit
          done += x.interpret(1);
        }
        return done;
      };
      load();
      const ran = translated(CHECK);
      x.interpret(CHECK - ran);
      result.checks.translator = { t1: x.t1(), checksum: x.bufferChecksum() };
      load();
      result.mips.translator = timed(translated, seconds);
    }

    // (b) RAM and registers in a WebAssembly.Memory (copied in from the interpreter's int[] here; in
    // the emulator it would have to live there for good).
    if (wanted("linearMemory")) {
      const pages = Math.ceil((RAM_OFFSET + RAM_BYTES) / 65536);
      const memory = new WebAssembly.Memory({ initial: pages });
      const mem = (await WebAssembly.instantiate(x.kernelModule("LINEAR_MEMORY"), { env: { ram: memory } })).instance.exports;
      const load = () => {
        x.reset();
        x.copyRam(new Int32Array(memory.buffer, RAM_OFFSET, RAM_BYTES / 4), true);
        const r = new BigInt64Array(memory.buffer, 0, 33);
        for (const i of REGS) r[i] = x.getReg(i);
        return r;
      };
      let r = load();
      mem.run(CHECK);
      result.checks.linearMemory = {
        t1: String(r[T1]), checksum: checksum(new Int32Array(memory.buffer, RAM_OFFSET), Number(BUFFER - 0x80000000n) / 4)
      };
      load();
      result.mips.linearMemory = timed((n) => mem.run(n), seconds);
      load();
      const calls = 200000;
      const start = performance.now();
      x.callBlocks((b) => mem.run(b), calls, 6);
      result.callNanos = result.callNanos || {};
      result.callNanos.linearMemoryFromJava = (performance.now() - start) * 1e6 / calls;
    }

    // (c) every access a call into the TeaVM program's exports.
    if (wanted("accessors")) {
      const env = { load32: x.load32, store32: x.store32, getReg: x.getReg, setReg: x.setReg };
      const acc = (await WebAssembly.instantiate(x.kernelModule("ACCESSORS"), { env })).instance.exports;
      x.reset();
      acc.run(CHECK);
      result.checks.accessors = { t1: x.t1(), checksum: x.bufferChecksum() };
      x.reset();
      result.mips.accessors = timed((n) => acc.run(n), seconds / 3);
    }

    // (d) JavaScript, with 64-bit registers as int32 pairs, over an Int32Array.
    if (wanted("javaScript")) {
      const run = new Function("return " + x.kernelScript())();
      const ram = new Int32Array(RAM_BYTES / 4);
      const regs = new Int32Array(66);
      const load = () => {
        x.reset();
        x.copyRam(ram, true);
        for (const i of REGS) {
          const v = BigInt.asUintN(64, x.getReg(i));
          regs[2 * i] = Number(v & 0xffffffffn) | 0;
          regs[2 * i + 1] = Number(v >> 32n) | 0;
        }
      };
      load();
      run(ram, regs, CHECK);
      const t1 = BigInt.asIntN(64, (BigInt(regs[2 * T1 + 1]) << 32n) | BigInt(regs[2 * T1] >>> 0));
      result.checks.javaScript = { t1: String(t1), checksum: checksum(ram, Number(BUFFER - 0x80000000n) / 4) };
      load();
      result.mips.javaScript = timed((n) => run(ram, regs, n), seconds);
    }
  } catch (e) {
    result.error = String(e && e.stack ? e.stack : e);
  }
  self.postMessage(result);
};
