package dev.termpress.runtime.jit;

import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockCompiler;
import dev.termpress.emulator.translate.CompiledBlock;
import dev.termpress.emulator.translate.wasm.WasmBlockCompiler;
import dev.termpress.emulator.translate.wasm.WasmDispatcher;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The worker's back end for one machine (docs/architecture.md, "WebAssembly back end"): a unit is
 * compiled on the worker's thread ({@code new WebAssembly.Module} is synchronous there) from the bytes
 * {@link WasmBlockCompiler} writes, and its {@code run} goes into the slot of its RAM page in this
 * machine's {@link WasmDispatcher} table when the translator installs it (cleared when it is released).
 * A unit's {@link CompiledBlock#run} is one {@code dispatch} call over the interpreter's own register,
 * RAM and TLB data arrays (opened once by the {@link TeaVmArrayTypes} unwrap module), which runs unit
 * after unit inside WebAssembly until a page without a unit, an interpreter exit or the budget.
 */
public final class WasmUnits implements BlockCompiler {
    /** The dispatcher, its table and the three data arrays: a JavaScript object of this machine. */
    private final JSObject context;

    /**
     * The back end for the machine behind {@code access}, of {@code ramPages} 4 KiB pages; {@code
     * unwrapModule} is {@link TeaVmArrayTypes#unwrapModule} of this worker's own module.
     */
    public WasmUnits(TranslationAccess access, int ramPages, byte[] unwrapModule) {
        context = open(Int8Array.copyFromJavaArray(unwrapModule),
                Int8Array.copyFromJavaArray(WasmDispatcher.module(ramPages)), access.x, access.mem, access.tlb);
    }

    @Override
    public CompiledBlock compile(Block block) {
        return new Unit(this, instantiate(context, Int8Array.copyFromJavaArray(WasmBlockCompiler.compile(block))));
    }

    @Override
    public void installed(CompiledBlock code, int ramPage) {
        setSlot(context, ramPage, ((Unit) code).run);
    }

    @Override
    public void released(CompiledBlock code, int ramPage) {
        setSlot(context, ramPage, null);
    }

    /** A unit: its module's {@code run}, entered through this machine's dispatcher. */
    private static final class Unit extends CompiledBlock {
        private final WasmUnits units;
        private final JSObject run;

        Unit(WasmUnits units, JSObject run) {
            this.units = units;
            this.run = run;
        }

        @Override
        public long run(TranslationAccess access, int budget, long pc) {
            JSObject c = units.context;
            long next = dispatch(c, access.dataKey(), access.fetchKey(), pc, budget);
            access.executed = ran(c);
            return next;
        }
    }

    /** A Java object reaches JavaScript as TeaVM's wrapper holding the GC reference under its javaObject symbol. */
    @JSBody(params = {"unwrap", "dispatcher", "x", "mem", "tlb"}, script = ""
            + "var raw = function (w) {"
            + "  var s = Object.getOwnPropertySymbols(Object(w)).find(function (k) { return k.description === 'javaObject'; });"
            + "  if (!s) throw new Error('no Java object inside the wrapper: not the TeaVM layout the translator was written for');"
            + "  return w[s];"
            + "};"
            + "var u = new WebAssembly.Instance(new WebAssembly.Module(unwrap)).exports;"
            + "var d = new WebAssembly.Instance(new WebAssembly.Module(dispatcher)).exports;"
            + "return { units: d.units, dispatch: d.dispatch, x: u.longs(raw(x)), mem: u.ints(raw(mem)),"
            + "  tlb: u.longs(raw(tlb)), ran: 0, exit: 0,"
            + "  compiled: 0, compileMs: 0, bytes: 0, entries: 0, dispatched: 0, dispatchMs: 0, exits: [0, 0, 0, 0, 0] };")
    private static native JSObject open(Int8Array unwrap, Int8Array dispatcher, Object x, Object mem, Object tlb);

    @JSBody(params = {"c", "bytes"}, script = ""
            + "var t0 = performance.now();"
            + "var run = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.run;"
            + "c.compileMs += performance.now() - t0; c.compiled++; c.bytes += bytes.length;"
            + "return run;")
    private static native JSObject instantiate(JSObject c, Int8Array bytes);

    @JSBody(params = {"c", "page", "run"}, script = "c.units.set(page, run);")
    private static native void setSlot(JSObject c, int page, JSObject run);

    /** One dispatch: returns the next pc and leaves the instructions run (and the exit) in {@code c}. */
    @JSBody(params = {"c", "dataKey", "fetchKey", "pc", "budget"}, script = ""
            + "var t0 = performance.now();"
            + "var r = c.dispatch(c.x, c.mem, c.tlb, dataKey, fetchKey, pc, budget);"
            + "c.dispatchMs += performance.now() - t0;"
            + "c.ran = r[1]; c.exit = r[2]; c.entries++; c.dispatched += r[1]; c.exits[r[2]]++; return r[0];")
    private static native long dispatch(JSObject c, long dataKey, long fetchKey, long pc, int budget);

    /** The back end's counters: compilations, their time, unit entries and exits by kind. */
    public String counters() {
        return counters(context);
    }

    @JSBody(params = "c", script = "return 'wasmCompiled=' + c.compiled + ' compileMs=' + Math.round(c.compileMs)"
            + " + ' bytes=' + c.bytes + ' entries=' + c.entries + ' dispatched=' + c.dispatched"
            + " + ' dispatchMs=' + Math.round(c.dispatchMs) + ' exitNext=' + c.exits[0] + ' exitInterpret=' + c.exits[1]"
            + " + ' exitBudget=' + c.exits[2] + ' exitNotEntry=' + c.exits[3] + ' exitNoUnit=' + c.exits[4];")
    private static native String counters(JSObject c);

    @JSBody(params = "c", script = "return c.ran;")
    private static native int ran(JSObject c);
}
