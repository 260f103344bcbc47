package dev.termpress.runtime.jit;

import dev.termpress.emulator.translate.wasm.FunctionBody;
import dev.termpress.emulator.translate.wasm.Opcodes;
import dev.termpress.emulator.translate.wasm.StorageType;
import dev.termpress.emulator.translate.wasm.ValueType;
import dev.termpress.emulator.translate.wasm.WasmModule;
import java.util.List;

/**
 * The WebAssembly a block translator would emit for {@link GuestLoop}'s inner loop, with RAM and the
 * register file reached one {@link RamAccess} way. Its export {@code run} enters at the loop's pc with
 * the guest registers read from the register file, runs until {@code budget} guest instructions are
 * spent (checked once per iteration, like the JVM back end's chains), writes the registers and pc
 * back and returns the instructions it ran. Each load and store checks the physical address against
 * RAM and its alignment and leaves through the exit path (pc of that instruction) when it fails, as a
 * translated slow path would.
 *
 * <p>Export signatures: {@code GC_ARRAYS}: {@code run(ram: (ref null (array (mut i32))), regs: (ref
 * null (array (mut i64))), budget: i32) -> i32} (the interpreter's own arrays; the pc is not written
 * back); the others {@code run(budget: i32) -> i32}.
 * {@code LINEAR_MEMORY} imports "env" "ram" and finds registers x0..x31 and the pc as i64 at
 * {@link #REGS_OFFSET}, RAM at {@link #RAM_OFFSET}. {@code ACCESSORS} imports "env" {@code load32(word)},
 * {@code store32(word, value)}, {@code getReg(i) -> i64}, {@code setReg(i, i64)}.
 */
public final class LoopKernelModule {
    public static final int REGS_OFFSET = 0;
    public static final int PC_SLOT = 32;
    public static final int RAM_OFFSET = 4096;
    private static final long RAM_BASE = 0x8000_0000L;

    private final RamAccess access;
    private final long ramBytes;
    private int ints;
    private int longs;
    private int load32;
    private int store32;
    private int getReg;
    private int setReg;
    // locals of run
    private int ramParam;
    private int regsParam;
    private int budget;
    private int t0;
    private int t1;
    private int s0;
    private int a0;
    private int a1;
    private int offset;
    private int done;
    private int pc;

    private LoopKernelModule(RamAccess access, long ramBytes) {
        this.access = access;
        this.ramBytes = ramBytes;
    }

    /** The module's bytes for {@code ramBytes} of guest RAM (a multiple of 4). */
    public static byte[] build(RamAccess access, long ramBytes) {
        return new LoopKernelModule(access, ramBytes).module();
    }

    /** The memory pages {@code LINEAR_MEMORY} needs for {@code ramBytes} of RAM. */
    public static int memoryPages(long ramBytes) {
        return (int) ((RAM_OFFSET + ramBytes + 0xFFFF) >>> 16);
    }

    private byte[] module() {
        WasmModule m = new WasmModule();
        int runType;
        if (access == RamAccess.GC_ARRAYS) {
            ints = m.addArrayType(StorageType.of(ValueType.I32), true);
            longs = m.addArrayType(StorageType.of(ValueType.I64), true);
            runType = m.addFunctionType(List.of(ValueType.refNull(ints), ValueType.refNull(longs), ValueType.I32),
                    List.of(ValueType.I32));
        } else {
            runType = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I32));
        }
        if (access == RamAccess.LINEAR_MEMORY) {
            m.importMemory("env", "ram", memoryPages(ramBytes), -1);
        } else if (access == RamAccess.ACCESSORS) {
            int i32ToI32 = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I32));
            int i32I32 = m.addFunctionType(List.of(ValueType.I32, ValueType.I32), List.of());
            int i32ToI64 = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I64));
            int i32I64 = m.addFunctionType(List.of(ValueType.I32, ValueType.I64), List.of());
            load32 = m.importFunction("env", "load32", i32ToI32);
            store32 = m.importFunction("env", "store32", i32I32);
            getReg = m.importFunction("env", "getReg", i32ToI64);
            setReg = m.importFunction("env", "setReg", i32I64);
        }
        int run = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(runType);
        if (access == RamAccess.GC_ARRAYS) {
            ramParam = 0;
            regsParam = 1;
            budget = 2;
        } else {
            budget = 0;
        }
        t0 = f.addLocal(ValueType.I64);
        t1 = f.addLocal(ValueType.I64);
        s0 = f.addLocal(ValueType.I64);
        a0 = f.addLocal(ValueType.I64);
        a1 = f.addLocal(ValueType.I64);
        offset = f.addLocal(ValueType.I64);
        done = f.addLocal(ValueType.I32);
        pc = f.addLocal(ValueType.I32); // low 32 bits of the exit pc; RAM is below 4 GiB
        body(f);
        m.exportFunction("run", run);
        return m.toBytes();
    }

    private void body(FunctionBody f) {
        for (int[] r : registers()) {
            readRegister(f, r[0]);
            f.localSet(r[1]);
        }
        f.i32Const((int) GuestLoop.INNER_PC).localSet(pc);
        f.block(); // $exit
        f.loop(); // $inner
        f.localGet(done).localGet(budget).op(Opcodes.I32_GE_S).brIf(1);
        // lw t0, 0(a0)
        checkAddress(f, GuestLoop.INNER_PC, 0);
        loadWord(f);
        f.op(Opcodes.I64_EXTEND_I32_S).localSet(t0);
        // add t1, t1, t0
        f.localGet(t1).localGet(t0).op(Opcodes.I64_ADD).localSet(t1);
        // sw t1, 0(a0): two instructions have run when it faults
        checkAddress(f, GuestLoop.STORE_PC, 2);
        storeWord(f);
        // addi a0, a0, 4; addi a1, a1, -1
        f.localGet(a0).i64Const(4).op(Opcodes.I64_ADD).localSet(a0);
        f.localGet(a1).i64Const(-1).op(Opcodes.I64_ADD).localSet(a1);
        f.localGet(done).i32Const(GuestLoop.INSTRUCTIONS_PER_ITERATION).op(Opcodes.I32_ADD).localSet(done);
        // bnez a1, inner
        f.localGet(a1).op(Opcodes.I64_EQZ).op(Opcodes.I32_EQZ).brIf(0);
        // j outer; mv a0, s0; lui a1, 0x1
        f.localGet(s0).localSet(a0);
        f.i64Const(GuestLoop.WORDS_PER_PASS).localSet(a1);
        f.localGet(done).i32Const(GuestLoop.INSTRUCTIONS_BETWEEN_PASSES).op(Opcodes.I32_ADD).localSet(done);
        f.br(0);
        f.end().end();
        for (int[] r : registers()) {
            writeRegister(f, r[0], r[1]);
        }
        writePc(f);
        f.localGet(done).finish();
    }

    private int[][] registers() {
        return new int[][] {{GuestLoop.T0, t0}, {GuestLoop.T1, t1}, {GuestLoop.S0, s0}, {GuestLoop.A0, a0},
            {GuestLoop.A1, a1}};
    }

    /** offset = a0 - RAM base; leaves with pc = {@code insnPc} unless it is an aligned word in RAM. */
    private void checkAddress(FunctionBody f, long insnPc, int ranBefore) {
        f.localGet(a0).i64Const(RAM_BASE).op(Opcodes.I64_SUB).localTee(offset)
                .i64Const(ramBytes - 3).op(Opcodes.I64_GE_U)
                .localGet(offset).i64Const(3).op(Opcodes.I64_AND).op(Opcodes.I64_EQZ).op(Opcodes.I32_EQZ)
                .op(Opcodes.I32_OR)
                .ifThen()
                .i32Const((int) insnPc).localSet(pc)
                .localGet(done).i32Const(ranBefore).op(Opcodes.I32_ADD).localSet(done)
                .br(2) // if, loop, exit block
                .end();
    }

    /** Pushes the i32 RAM word at {@code offset}. */
    private void loadWord(FunctionBody f) {
        switch (access) {
            case GC_ARRAYS -> f.localGet(ramParam).localGet(offset).i64Const(2).op(Opcodes.I64_SHR_U)
                    .op(Opcodes.I32_WRAP_I64).gc(Opcodes.ARRAY_GET, ints);
            case LINEAR_MEMORY -> f.localGet(offset).op(Opcodes.I32_WRAP_I64).memory(Opcodes.I32_LOAD, 2, RAM_OFFSET);
            case ACCESSORS -> f.localGet(offset).i64Const(2).op(Opcodes.I64_SHR_U).op(Opcodes.I32_WRAP_I64)
                    .call(load32);
            default -> throw new IllegalStateException();
        }
    }

    /** Stores t1's low word at {@code offset}. */
    private void storeWord(FunctionBody f) {
        switch (access) {
            case GC_ARRAYS -> f.localGet(ramParam).localGet(offset).i64Const(2).op(Opcodes.I64_SHR_U)
                    .op(Opcodes.I32_WRAP_I64).localGet(t1).op(Opcodes.I32_WRAP_I64).gc(Opcodes.ARRAY_SET, ints);
            case LINEAR_MEMORY -> f.localGet(offset).op(Opcodes.I32_WRAP_I64).localGet(t1).op(Opcodes.I32_WRAP_I64)
                    .memory(Opcodes.I32_STORE, 2, RAM_OFFSET);
            case ACCESSORS -> f.localGet(offset).i64Const(2).op(Opcodes.I64_SHR_U).op(Opcodes.I32_WRAP_I64)
                    .localGet(t1).op(Opcodes.I32_WRAP_I64).call(store32);
            default -> throw new IllegalStateException();
        }
    }

    private void readRegister(FunctionBody f, int reg) {
        switch (access) {
            case GC_ARRAYS -> f.localGet(regsParam).i32Const(reg).gc(Opcodes.ARRAY_GET, longs);
            case LINEAR_MEMORY -> f.i32Const(0).memory(Opcodes.I64_LOAD, 3, REGS_OFFSET + 8 * reg);
            case ACCESSORS -> f.i32Const(reg).call(getReg);
            default -> throw new IllegalStateException();
        }
    }

    private void writeRegister(FunctionBody f, int reg, int local) {
        switch (access) {
            case GC_ARRAYS -> f.localGet(regsParam).i32Const(reg).localGet(local).gc(Opcodes.ARRAY_SET, longs);
            case LINEAR_MEMORY -> f.i32Const(0).localGet(local).memory(Opcodes.I64_STORE, 3, REGS_OFFSET + 8 * reg);
            case ACCESSORS -> f.i32Const(reg).localGet(local).call(setReg);
            default -> throw new IllegalStateException();
        }
    }

    private void writePc(FunctionBody f) {
        switch (access) {
            case GC_ARRAYS -> {
                // The interpreter's register array has no pc slot (its 33rd entry is the x0 sink): the
                // pc is left to the caller, which knows the one exit this loop takes without a fault.
            }
            case LINEAR_MEMORY -> f.i32Const(0).localGet(pc).op(Opcodes.I64_EXTEND_I32_U)
                    .memory(Opcodes.I64_STORE, 3, REGS_OFFSET + 8 * PC_SLOT);
            case ACCESSORS -> f.i32Const(PC_SLOT).localGet(pc).op(Opcodes.I64_EXTEND_I32_U).call(setReg);
            default -> throw new IllegalStateException();
        }
    }
}
