package dev.termpress.emulator.translate.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules from the writer, run by a real engine (node's): valid, and computing what they should. */
class WasmModuleExecutionTest {

    @Test
    void loopOverImportedMemoryWithI64ArithmeticAndACall() throws Exception {
        WasmModule m = new WasmModule();
        int sumType = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I64));
        int hookType = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I32));
        m.importMemory("env", "mem", 1, -1);
        int hook = m.importFunction("env", "twice", hookType);
        int sum = m.nextFunctionIndex();
        // sum(n): total of twice(word[i]) sign-extended, for i in [0, n), plus 2^40
        FunctionBody f = m.addFunction(sumType);
        int i = f.addLocal(ValueType.I32);
        int total = f.addLocal(ValueType.I64);
        f.i64Const(1L << 40).localSet(total);
        f.block().loop();
        f.localGet(i).localGet(0).op(Opcodes.I32_GE_U).brIf(1);
        f.localGet(total)
                .localGet(i).i32Const(2).op(Opcodes.I32_SHL).memory(Opcodes.I32_LOAD, 2, 0)
                .call(hook).op(Opcodes.I64_EXTEND_I32_S).op(Opcodes.I64_ADD).localSet(total);
        f.localGet(i).i32Const(1).op(Opcodes.I32_ADD).localSet(i).br(0);
        f.end().end();
        f.localGet(total).finish();
        m.exportFunction("sum", sum);

        String out = NodeWasm.run(m.toBytes(),
                "{ env: { mem: (() => { const mem = new WebAssembly.Memory({ initial: 1 });"
                        + " const w = new Int32Array(mem.buffer); for (let k = 0; k < 100; k++) w[k] = k - 50;"
                        + " return mem; })(), twice: (x) => 2 * x } }",
                "print(instance.exports.sum(100));");
        long expected = 1L << 40;
        for (int k = 0; k < 100; k++) {
            expected += 2L * (k - 50);
        }
        assertThat(out).isEqualTo(Long.toString(expected));
    }

    @Test
    void exportedMemoryStoresAndBranchesOutOfAFunctionLevelBlock() throws Exception {
        WasmModule m = new WasmModule();
        int type = m.addFunctionType(List.of(ValueType.I32, ValueType.I64), List.of());
        m.addMemory(1, 1);
        m.exportMemory("mem", 0);
        int store = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(type);
        f.localGet(0).i32Const(0).op(Opcodes.I32_LT_S).ifThen().br(1).end(); // negative index: return at once
        f.localGet(0).localGet(1).memory(Opcodes.I64_STORE, 3, 8).finish();
        m.exportFunction("store", store);

        String out = NodeWasm.run(m.toBytes(), "{}",
                "instance.exports.store(0, -2n); instance.exports.store(-1, 7n);"
                        + " const v = new BigInt64Array(instance.exports.mem.buffer); print(v[1] + ',' + v[0]);");
        assertThat(out).isEqualTo("-2,0");
    }
}
