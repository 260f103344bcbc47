package dev.termpress.emulator.translate.wasm;

import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.List;

/**
 * The dispatch loop that keeps control inside WebAssembly: a module holding a {@code funcref} table
 * with a slot per RAM page (the host puts a page's unit {@code run} there when it installs the unit
 * and clears it when the unit is dropped) and exporting
 * {@code dispatch(x, mem, tlb, dataKey, fetchKey, pc, budget) -> (next pc, instructions run, exit)}
 * (and {@code enter}, the same over an io array: {@link #enter}).
 * It looks the pc up in the interpreter's fetch TLB (a miss or a fetch key of another privilege goes
 * back to the host), finds the unit of that RAM page and calls it, again and again while units leave
 * with {@link WasmBlockCompiler#EXIT_NEXT}; any other exit, a page without a unit ({@link #EXIT_NO_UNIT})
 * or a fetch TLB miss returns to the host with the count of all the units run. Only the interpreter
 * changes what the units depend on (the TLB, privilege, code pages: every access off the fast path
 * leaves), so nothing has to be checked between two units but the budget, which each unit honours.
 */
public final class WasmDispatcher {
    /** No unit for the pc's page, or its fetch TLB entry is missing: the host looks. */
    public static final int EXIT_NO_UNIT = 4;

    /** Slots of {@code enter}'s io array: in, pc, data key, fetch key, budget; out, next pc, count, exit. */
    public static final int IO_PC = 0;
    public static final int IO_DATA_KEY = 1;
    public static final int IO_FETCH_KEY = 2;
    public static final int IO_BUDGET = 3;
    public static final int IO_RAN = 1;
    public static final int IO_EXIT = 2;

    private static final int FETCH_TLB = TranslationAccess.FETCH_TLB;
    private static final int TLB_MASK = TranslationAccess.TLB_MASK;

    // Parameters of dispatch.
    private static final int X = 0;
    private static final int MEM = 1;
    private static final int TLB = 2;
    private static final int DATA_KEY = 3;
    private static final int FETCH_KEY = 4;
    private static final int PC = 5;
    private static final int BUDGET = 6;

    private WasmDispatcher() {
    }

    /**
     * {@code enter(x, mem, tlb, io)}: {@code dispatch} with its scalars in the host's {@code long[] io}
     * ({@link #IO_PC}, data key, fetch key, budget in; next pc, instructions run and exit out, at
     * {@link #IO_PC}, {@link #IO_RAN}, {@link #IO_EXIT}), so that an entry from TeaVM's Java is one
     * call with no 64-bit values crossing JavaScript (each would be a BigInt) and no result array.
     */
    private static int enter(WasmModule m, UnitTypes types, int dispatch) {
        ValueType longs = ValueType.refNull(types.longs());
        int type = m.addFunctionType(List.of(longs, ValueType.refNull(types.ints()), longs, longs), List.of());
        int index = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(type);
        int ran = f.addLocal(ValueType.I32);
        int exit = f.addLocal(ValueType.I32);
        int next = f.addLocal(ValueType.I64);
        int io = 3;
        f.localGet(0).localGet(1).localGet(2);
        f.localGet(io).i32Const(IO_DATA_KEY).gc(Opcodes.ARRAY_GET, types.longs());
        f.localGet(io).i32Const(IO_FETCH_KEY).gc(Opcodes.ARRAY_GET, types.longs());
        f.localGet(io).i32Const(IO_PC).gc(Opcodes.ARRAY_GET, types.longs());
        f.localGet(io).i32Const(IO_BUDGET).gc(Opcodes.ARRAY_GET, types.longs()).op(Opcodes.I32_WRAP_I64);
        f.call(dispatch).localSet(exit).localSet(ran);
        f.localSet(next);
        f.localGet(io).i32Const(IO_PC).localGet(next).gc(Opcodes.ARRAY_SET, types.longs());
        f.localGet(io).i32Const(IO_RAN).localGet(ran).op(Opcodes.I64_EXTEND_I32_U).gc(Opcodes.ARRAY_SET, types.longs());
        f.localGet(io).i32Const(IO_EXIT).localGet(exit).op(Opcodes.I64_EXTEND_I32_U).gc(Opcodes.ARRAY_SET, types.longs());
        f.finish();
        return index;
    }

    /** The dispatcher for a RAM of {@code ramPages} 4 KiB pages; it exports {@code units} (the table) and {@code dispatch}. */
    public static byte[] module(int ramPages) {
        WasmModule m = new WasmModule();
        UnitTypes types = UnitTypes.declare(m);
        int dispatchType = m.addFunctionType(
                List.of(ValueType.refNull(types.longs()), ValueType.refNull(types.ints()),
                        ValueType.refNull(types.longs()), ValueType.I64, ValueType.I64, ValueType.I64, ValueType.I32),
                List.of(ValueType.I64, ValueType.I32, ValueType.I32));
        int table = m.addFuncrefTable(ramPages);
        int dispatch = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(dispatchType);
        int done = f.addLocal(ValueType.I32);
        int exit = f.addLocal(ValueType.I32);
        int ran = f.addLocal(ValueType.I32);
        int t = f.addLocal(ValueType.I32);
        int page = f.addLocal(ValueType.I32);
        f.block().loop();
        // The fetch TLB entry of the pc's page, as TranslationAccess.fetchOffset reads it.
        f.localGet(PC).i64Const(12).op(Opcodes.I64_SHR_U).op(Opcodes.I32_WRAP_I64).i32Const(TLB_MASK)
                .op(Opcodes.I32_AND).i32Const(1).op(Opcodes.I32_SHL).localSet(t);
        f.i32Const(EXIT_NO_UNIT).localSet(exit);
        f.localGet(TLB).localGet(t).i32Const(FETCH_TLB).op(Opcodes.I32_ADD).gc(Opcodes.ARRAY_GET, types.longs());
        f.localGet(PC).i64Const(12).op(Opcodes.I64_SHR_U).localGet(FETCH_KEY).op(Opcodes.I64_OR).op(Opcodes.I64_NE)
                .brIf(1);
        // The RAM page: a unit's slot, if the page has one.
        f.localGet(PC).localGet(TLB).localGet(t).i32Const(FETCH_TLB + 1).op(Opcodes.I32_ADD)
                .gc(Opcodes.ARRAY_GET, types.longs()).op(Opcodes.I64_ADD).i64Const(12).op(Opcodes.I64_SHR_U)
                .op(Opcodes.I32_WRAP_I64).localSet(page);
        f.localGet(page).tableSize(table).op(Opcodes.I32_GE_U).brIf(1);
        f.localGet(page).tableGet(table).op(Opcodes.REF_IS_NULL).brIf(1);
        f.localGet(X).localGet(MEM).localGet(TLB).localGet(DATA_KEY).localGet(PC)
                .localGet(BUDGET).localGet(done).op(Opcodes.I32_SUB)
                .localGet(page).callIndirect(types.run(), table);
        f.localSet(exit).localSet(ran).localSet(PC);
        f.localGet(done).localGet(ran).op(Opcodes.I32_ADD).localSet(done);
        f.localGet(exit).i32Const(WasmBlockCompiler.EXIT_NEXT).op(Opcodes.I32_EQ).brIf(0);
        f.end().end();
        f.localGet(PC).localGet(done).localGet(exit).finish();
        int enter = enter(m, types, dispatch);
        m.exportTable("units", table);
        m.exportFunction("dispatch", dispatch);
        m.exportFunction("enter", enter);
        return m.toBytes();
    }
}
