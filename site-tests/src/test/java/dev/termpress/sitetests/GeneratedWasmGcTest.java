package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.termpress.emulator.translate.wasm.FunctionBody;
import dev.termpress.emulator.translate.wasm.Opcodes;
import dev.termpress.emulator.translate.wasm.StorageType;
import dev.termpress.emulator.translate.wasm.ValueType;
import dev.termpress.emulator.translate.wasm.WasmModule;
import dev.termpress.runtime.jit.GuestLoop;
import dev.termpress.runtime.jit.GuestLoopMachine;
import dev.termpress.runtime.jit.LoopKernelModule;
import dev.termpress.runtime.jit.RamAccess;
import dev.termpress.runtime.jit.TeaVmArrayTypes;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly GC modules from {@code translate.wasm} in Chromium (node 20 has no WebAssembly GC): the
 * spike's GC-array loop over arrays another generated module allocated (so the array types are shared
 * across modules) must leave the interpreter's state, and the module that opens TeaVM's arrays, built
 * from the worker module this build ships, must compile.
 */
class GeneratedWasmGcTest {
    private static final int BUDGET = 2 * GuestLoop.INSTRUCTIONS_PER_PASS + 50 * GuestLoop.INSTRUCTIONS_PER_ITERATION;
    private static final int BUFFER_WORD = (int) ((GuestLoop.BUFFER - GuestLoop.ENTRY) >>> 2);

    private static Chromium chromium;

    @BeforeAll
    static void start() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A module that allocates and fills {@code (array (mut i32))} and {@code (array (mut i64))}. */
    static byte[] arraysModule() {
        WasmModule m = new WasmModule();
        int ints = m.addArrayType(StorageType.of(ValueType.I32), true);
        int longs = m.addArrayType(StorageType.of(ValueType.I64), true);
        int newInts = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.refNull(ints)));
        int newLongs = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.refNull(longs)));
        int setInt = m.addFunctionType(List.of(ValueType.refNull(ints), ValueType.I32, ValueType.I32), List.of());
        int getInt = m.addFunctionType(List.of(ValueType.refNull(ints), ValueType.I32), List.of(ValueType.I32));
        int setLong = m.addFunctionType(List.of(ValueType.refNull(longs), ValueType.I32, ValueType.I64), List.of());
        int getLong = m.addFunctionType(List.of(ValueType.refNull(longs), ValueType.I32), List.of(ValueType.I64));
        export(m, "newInts", m.addFunction(newInts).localGet(0).gc(Opcodes.ARRAY_NEW_DEFAULT, ints));
        export(m, "newLongs", m.addFunction(newLongs).localGet(0).gc(Opcodes.ARRAY_NEW_DEFAULT, longs));
        export(m, "setInt", m.addFunction(setInt).localGet(0).localGet(1).localGet(2).gc(Opcodes.ARRAY_SET, ints));
        export(m, "getInt", m.addFunction(getInt).localGet(0).localGet(1).gc(Opcodes.ARRAY_GET, ints));
        export(m, "setLong", m.addFunction(setLong).localGet(0).localGet(1).localGet(2).gc(Opcodes.ARRAY_SET, longs));
        export(m, "getLong", m.addFunction(getLong).localGet(0).localGet(1).gc(Opcodes.ARRAY_GET, longs));
        return m.toBytes();
    }

    private static void export(WasmModule m, String name, FunctionBody body) {
        body.finish();
        m.exportFunction(name, m.nextFunctionIndex() - 1);
    }

    @Test
    void gcArrayLoopOverAnotherModulesArraysMatchesTheInterpreter() {
        GuestLoopMachine reference = new GuestLoopMachine();
        reference.runSetup();
        reference.run(BUDGET);
        String expected = String.join(",", Long.toString(BUDGET), Long.toString(reference.cpu().reg(GuestLoop.T1)),
                Long.toString(reference.cpu().reg(GuestLoop.A0)), Long.toString(reference.cpu().reg(GuestLoop.A1)),
                Long.toString(reference.bufferChecksum()));

        Object out = evaluate("async (a) => {\n"
                + "  const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));\n"
                + "  const arr = (await WebAssembly.instantiate(bytes(a.arrays))).instance.exports;\n"
                + "  const run = (await WebAssembly.instantiate(bytes(a.kernel))).instance.exports.run;\n"
                + "  const ram = arr.newInts(a.ramWords), regs = arr.newLongs(33);\n"
                + "  for (let i = 0; i < 4096; i++) arr.setInt(ram, a.first + i, (Math.imul(i, 0x9E3779B9 | 0) + 12345) | 0);\n"
                + "  arr.setLong(regs, 8, BigInt(a.buffer)); arr.setLong(regs, 10, BigInt(a.buffer)); arr.setLong(regs, 11, 4096n);\n"
                + "  const done = run(ram, regs, a.budget);\n"
                + "  let s = 0n; for (let i = 0; i < 4096; i++) s = BigInt.asIntN(64, s * 31n + BigInt(arr.getInt(ram, a.first + i)));\n"
                + "  return [done, arr.getLong(regs, 6), arr.getLong(regs, 10), arr.getLong(regs, 11), s].map(String).join(',');\n"
                + "}", Map.of("arrays", base64(arraysModule()),
                        "kernel", base64(LoopKernelModule.build(RamAccess.GC_ARRAYS, GuestLoopMachine.RAM_BYTES)),
                        "ramWords", (int) (GuestLoopMachine.RAM_BYTES / 4), "first", BUFFER_WORD,
                        "buffer", Long.toString(GuestLoop.BUFFER), "budget", BUDGET));
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void theModuleThatOpensTeaVmsArraysCompiles() throws Exception {
        byte[] worker;
        try (InputStream in = GeneratedWasmGcTest.class.getResourceAsStream(
                "/dev/termpress/runtime/web/termpress-worker.wasm")) {
            assertThat(in).as("the runtime's worker module on the class path").isNotNull();
            worker = in.readAllBytes();
        }
        Object out = evaluate("(a) => { const b = Uint8Array.from(atob(a.unwrap), (c) => c.charCodeAt(0));"
                + " try { new WebAssembly.Module(b); } catch (e) { return String(e); }"
                + " return WebAssembly.Module.exports(new WebAssembly.Module(b)).map((e) => e.name).join(','); }",
                Map.of("unwrap", base64(TeaVmArrayTypes.of(worker).unwrapModule())));
        assertThat(out).isEqualTo("ints,longs");
    }

    private static Object evaluate(String script, Map<String, Object> arg) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            return page.evaluate(script, arg);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
