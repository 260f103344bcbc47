package dev.termpress.runtime.jit;

import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.BlockCompiler;
import dev.termpress.emulator.translate.CompiledBlock;
import dev.termpress.emulator.translate.wasm.WasmBlockCompiler;
import dev.termpress.emulator.translate.wasm.WasmDispatcher;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The worker's back end for one machine (docs/architecture.md, "WebAssembly back end"): a unit's
 * module is written here on the worker's thread and compiled by {@code WebAssembly.compile}, off it;
 * the unit is {@link CompiledBlock#ready} when its instance arrives (the translator keeps the page on
 * the interpreter until then), and its {@code run} goes into the slot of its RAM page in this
 * machine's {@link WasmDispatcher} table when the translator installs it (cleared when it is released).
 * A unit's {@link CompiledBlock#run} is one call of the dispatcher's {@code enter} over the
 * interpreter's own register, RAM and TLB data arrays and this machine's io array (opened once by the
 * {@link TeaVmArrayTypes} unwrap module), which runs unit after unit inside WebAssembly until a page
 * without a unit, an interpreter exit or the budget.
 */
public final class WasmUnits implements BlockCompiler {
    /** The dispatcher, its table and the four data arrays: a JavaScript object of this machine. */
    private final JSObject context;
    /** {@code enter}'s scalars in and out ({@link WasmDispatcher#IO_PC}...), read by WebAssembly as a GC array. */
    private final long[] io = new long[4];
    private long compiled;
    private long failed;
    private long bytes;
    private double writeMillis;
    private double compileMillis;
    private long entries;
    private long dispatched;
    private final long[] exits = new long[5];

    /**
     * The back end for the machine behind {@code access}, of {@code ramPages} 4 KiB pages; {@code
     * unwrapModule} is {@link TeaVmArrayTypes#unwrapModule} of this worker's own module.
     */
    public WasmUnits(TranslationAccess access, int ramPages, byte[] unwrapModule) {
        context = open(Int8Array.copyFromJavaArray(unwrapModule),
                Int8Array.copyFromJavaArray(WasmDispatcher.module(ramPages)), access.x, access.mem, access.tlb, io);
    }

    /** A unit's dispatch {@code br_table} has a label before every instruction ({@link WasmBlockCompiler}). */
    @Override
    public boolean entersAnyInstruction() {
        return true;
    }

    @Override
    public CompiledBlock compile(Block block) {
        double start = now();
        byte[] module = WasmBlockCompiler.compile(block);
        double written = now();
        writeMillis += written - start;
        bytes += module.length;
        Unit unit = new Unit(this);
        compileAsync(Int8Array.copyFromJavaArray(module), run -> {
            compileMillis += now() - written;
            compiled++;
            unit.run = run;
            unit.ready = true;
        }, () -> {
            failed++;
            unit.ready = true; // without a run: it leaves every entry to the interpreter
        });
        return unit;
    }

    @Override
    public void installed(CompiledBlock code, int ramPage) {
        setSlot(context, ramPage, ((Unit) code).run);
    }

    @Override
    public void released(CompiledBlock code, int ramPage) {
        setSlot(context, ramPage, null);
    }

    /** The back end's counters: modules, their time, unit entries and exits by kind. */
    public String counters() {
        return "wasmCompiled=" + compiled + " wasmFailed=" + failed + " bytes=" + bytes + " writeMs="
                + Math.round(writeMillis) + " compileWaitMs=" + Math.round(compileMillis) + " entries=" + entries
                + " dispatched=" + dispatched + " exitInterpret=" + exits[WasmBlockCompiler.EXIT_INTERPRET]
                + " exitBudget=" + exits[WasmBlockCompiler.EXIT_BUDGET] + " exitNotEntry="
                + exits[WasmBlockCompiler.EXIT_NOT_ENTRY] + " exitNoUnit=" + exits[WasmDispatcher.EXIT_NO_UNIT]
                + " exitNext=" + exits[WasmBlockCompiler.EXIT_NEXT];
    }

    /** A unit: its module's {@code run} once compiled, entered through this machine's dispatcher. */
    private static final class Unit extends CompiledBlock {
        private final WasmUnits units;
        private JSObject run;
        private boolean ready;

        Unit(WasmUnits units) {
            this.units = units;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public long run(TranslationAccess access, int budget, long pc) {
            WasmUnits u = units;
            if (run == null) {
                access.executed = 0;
                return pc;
            }
            long[] io = u.io;
            io[WasmDispatcher.IO_PC] = pc;
            io[WasmDispatcher.IO_DATA_KEY] = access.dataKey();
            io[WasmDispatcher.IO_FETCH_KEY] = access.fetchKey();
            io[WasmDispatcher.IO_BUDGET] = budget;
            enter(u.context);
            int ran = (int) io[WasmDispatcher.IO_RAN];
            access.executed = ran;
            u.entries++;
            u.dispatched += ran;
            u.exits[(int) io[WasmDispatcher.IO_EXIT]]++;
            return io[WasmDispatcher.IO_PC];
        }
    }

    @JSFunctor
    interface Compiled extends JSObject {
        void done(JSObject run);
    }

    @JSFunctor
    interface Failed extends JSObject {
        void failed();
    }

    /** A Java object reaches JavaScript as TeaVM's wrapper holding the GC reference under its javaObject symbol. */
    @JSBody(params = {"unwrap", "dispatcher", "x", "mem", "tlb", "io"}, script = ""
            + "var raw = function (w) {"
            + "  var s = Object.getOwnPropertySymbols(Object(w)).find(function (k) { return k.description === 'javaObject'; });"
            + "  if (!s) throw new Error('no Java object inside the wrapper: not the TeaVM layout the translator was written for');"
            + "  return w[s];"
            + "};"
            + "var u = new WebAssembly.Instance(new WebAssembly.Module(unwrap)).exports;"
            + "var d = new WebAssembly.Instance(new WebAssembly.Module(dispatcher)).exports;"
            + "var c = { units: d.units, x: u.longs(raw(x)), mem: u.ints(raw(mem)), tlb: u.longs(raw(tlb)), io: u.longs(raw(io)) };"
            + "var enter = d.enter;"
            + "c.enter = function () { enter(c.x, c.mem, c.tlb, c.io); };"
            + "return c;")
    private static native JSObject open(Int8Array unwrap, Int8Array dispatcher, Object x, Object mem, Object tlb,
            Object io);

    /** Compiles and instantiates off the worker's thread; {@code done} gets the unit's {@code run}. */
    @JSBody(params = {"bytes", "done", "failed"}, script = ""
            + "WebAssembly.compile(bytes).then(function (m) { return WebAssembly.instantiate(m); })"
            + ".then(function (i) { done(i.exports.run); }, function (e) { console.warn('translator: ' + e); failed(); });")
    private static native void compileAsync(Int8Array bytes, Compiled done, Failed failed);

    @JSBody(params = {"c", "page", "run"}, script = "c.units.set(page, run);")
    private static native void setSlot(JSObject c, int page, JSObject run);

    @JSBody(params = "c", script = "c.enter();")
    private static native void enter(JSObject c);

    @JSBody(script = "return performance.now();")
    private static native double now();
}
