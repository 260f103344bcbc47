package dev.termpress.emulator.translate.wasm;

import dev.termpress.emulator.cpu.TranslationAccess;
import dev.termpress.emulator.translate.Block;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs compiled units in Chromium over copies of a machine's register, RAM and TLB arrays, each
 * case in fresh arrays, and reports what each run left: registers, next pc, count, exit code and the
 * RAM words that changed in the pages that held anything (only those are copied; the tests' TLB entries
 * map no other page, so the unit cannot write elsewhere without failing a tag compare).
 */
final class BlockRunner {

    /** What one unit run left. */
    record Result(long[] x, long nextPc, int done, int exit, List<long[]> changedWords) {
    }

    /**
     * One run to do: the unit's module and the machine state it starts from; with {@code dispatcher}
     * set, the dispatcher runs instead over the units in {@code pages} (RAM page to unit module).
     */
    /** {@code viaEnter}: the dispatcher is called through {@code enter} and its io array, not {@code dispatch}. */
    record Case(byte[] module, TranslationAccess access, long pc, int budget, byte[] dispatcher,
            java.util.Map<Integer, byte[]> pages, boolean viaEnter) {
        Case(byte[] module, TranslationAccess access, long pc, int budget) {
            this(module, access, pc, budget, null, java.util.Map.of(), false);
        }

        Case(byte[] module, TranslationAccess access, long pc, int budget, byte[] dispatcher,
                java.util.Map<Integer, byte[]> pages) {
            this(module, access, pc, budget, dispatcher, pages, false);
        }
    }

    private BlockRunner() {
    }

    static Case prepare(Block block, TranslationAccess access, long pc, int budget) {
        return new Case(WasmBlockCompiler.compile(block), access, pc, budget);
    }

    static List<Result> run(List<Case> cases) throws Exception {
        StringBuilder data = new StringBuilder("const cases = [\n");
        for (Case c : cases) {
            data.append("{module:'").append(c.module() == null ? "" : b64(c.module())).append("', dispatcher:'")
                    .append(c.dispatcher() == null ? "" : b64(c.dispatcher())).append("', units:[");
            for (var e : c.pages().entrySet()) {
                data.append('[').append(e.getKey()).append(",'").append(b64(e.getValue())).append("'],");
            }
            data.append("], fetchKey:'").append(c.access().fetchKey()).append("', x:[");
            for (long v : c.access().x) {
                data.append('\'').append(v).append("',");
            }
            data.append("], tlb:[");
            for (long v : c.access().tlb) {
                data.append('\'').append(v).append("',");
            }
            data.append("], ramWords:").append(c.access().mem.length).append(", pages:[");
            int[] mem = c.access().mem;
            for (int page = 0; page < mem.length / 1024; page++) {
                boolean any = false;
                for (int w = 0; w < 1024 && !any; w++) {
                    any = mem[page * 1024 + w] != 0;
                }
                if (any) {
                    byte[] bytes = new byte[4096];
                    for (int w = 0; w < 1024; w++) {
                        int v = mem[page * 1024 + w];
                        for (int b = 0; b < 4; b++) {
                            bytes[4 * w + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    data.append("[").append(page).append(",'").append(b64(bytes)).append("'],");
                }
            }
            data.append("], key:'").append(c.access().dataKey()).append("', pc:'").append(c.pc())
                    .append("', budget:").append(c.budget()).append(", viaEnter:").append(c.viaEnter())
                    .append("},\n");
        }
        data.append("];\n");
        String script = data + "const bytes = (s) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));\n"
                + "const arr = (await WebAssembly.instantiate(bytes('" + b64(arraysModule()) + "'))).instance.exports;\n"
                + "const lines = [];\n"
                + "for (const c of cases) {\n"
                + "  let run;\n"
                + "  if (c.dispatcher) {\n"
                + "    const d = (await WebAssembly.instantiate(bytes(c.dispatcher))).instance.exports;\n"
                + "    for (const [page, m] of c.units) d.units.set(page, (await WebAssembly.instantiate(bytes(m))).instance.exports.run);\n"
                + "    run = c.viaEnter ? (x, mem, tlb, key, pc, budget) => {\n"
                + "      const io = arr.newLongs(4); arr.setLong(io, 0, pc); arr.setLong(io, 1, key);\n"
                + "      arr.setLong(io, 2, BigInt(c.fetchKey)); arr.setLong(io, 3, BigInt(budget)); d.enter(x, mem, tlb, io);\n"
                + "      return [arr.getLong(io, 0), Number(arr.getLong(io, 1)), Number(arr.getLong(io, 2))];\n"
                + "    } : (x, mem, tlb, key, pc, budget) => d.dispatch(x, mem, tlb, key, BigInt(c.fetchKey), pc, budget);\n"
                + "  } else run = (await WebAssembly.instantiate(bytes(c.module))).instance.exports.run;\n"
                + "  const x = arr.newLongs(c.x.length); c.x.forEach((v, i) => arr.setLong(x, i, BigInt(v)));\n"
                + "  const tlb = arr.newLongs(c.tlb.length); c.tlb.forEach((v, i) => arr.setLong(tlb, i, BigInt(v)));\n"
                + "  const mem = arr.newInts(c.ramWords); const before = new Int32Array(c.ramWords);\n"
                + "  for (const [page, b64] of c.pages) { const w = new Int32Array(bytes(b64).buffer);\n"
                + "    for (let i = 0; i < 1024; i++) { arr.setInt(mem, page * 1024 + i, w[i]); before[page * 1024 + i] = w[i]; } }\n"
                + "  const [next, done, exit] = run(x, mem, tlb, BigInt(c.key), BigInt(c.pc), c.budget);\n"
                + "  const regs = []; for (let i = 0; i < c.x.length; i++) regs.push(String(arr.getLong(x, i)));\n"
                + "  const changed = []; for (const [page] of c.pages) for (let i = page * 1024; i < page * 1024 + 1024; i++) {"
                + " const v = arr.getInt(mem, i); if (v !== before[i]) changed.push(i + '=' + v); }\n"
                + "  lines.push([regs.join(','), String(BigInt.asIntN(64, next)), done, exit, changed.join(',')].join(';'));\n"
                + "}\n"
                + "return lines.join('\\n');\n";
        String out = ChromiumWasm.run(script);
        List<Result> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split(";", -1);
            String[] regs = parts[0].split(",");
            long[] x = new long[regs.length];
            for (int i = 0; i < regs.length; i++) {
                x[i] = Long.parseLong(regs[i]);
            }
            List<long[]> changed = new ArrayList<>();
            if (!parts[4].isEmpty()) {
                for (String kv : parts[4].split(",")) {
                    String[] p = kv.split("=");
                    changed.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
                }
            }
            results.add(new Result(x, Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                    changed));
        }
        if (results.size() != cases.size()) {
            throw new AssertionError(results.size() + " results for " + cases.size() + " cases: " + out);
        }
        return results;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A module that allocates and reads GC arrays of the types the units take. */
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
}
