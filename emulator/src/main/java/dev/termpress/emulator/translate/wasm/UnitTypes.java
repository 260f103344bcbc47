package dev.termpress.emulator.translate.wasm;

import java.util.List;

/**
 * The types every unit module and the dispatcher declare first, in this order, so that (WebAssembly
 * GC types being canonical by structure) a unit's {@code run} has the very type the dispatcher's
 * {@code call_indirect} expects, and the arrays are TeaVM's {@code long[]} and {@code int[]} data.
 *
 * @param longs {@code (array (mut i64))}: registers and TLB
 * @param ints {@code (array (mut i32))}: RAM
 * @param run a unit's {@code run(x, mem, tlb, dataKey, pc, budget) -> (next pc, instructions run, exit)}
 */
record UnitTypes(int longs, int ints, int run) {

    static UnitTypes declare(WasmModule m) {
        int longs = m.addArrayType(StorageType.of(ValueType.I64), true);
        int ints = m.addArrayType(StorageType.of(ValueType.I32), true);
        int run = m.addFunctionType(
                List.of(ValueType.refNull(longs), ValueType.refNull(ints), ValueType.refNull(longs), ValueType.I64,
                        ValueType.I64, ValueType.I32),
                List.of(ValueType.I64, ValueType.I32, ValueType.I32));
        return new UnitTypes(longs, ints, run);
    }
}
