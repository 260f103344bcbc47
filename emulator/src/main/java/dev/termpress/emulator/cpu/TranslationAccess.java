package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Ram;

/**
 * What translated code and its translator may see and do of one hart: the register, RAM and TLB
 * arrays the interpreter's fast paths use, its slow paths, traps and counters. Translated code
 * keeps the interpreter's semantics by calling exactly the slow paths the interpreter calls.
 */
public final class TranslationAccess {

    public static final int LOAD_TLB = Mmu.LOAD_TLB;
    public static final int STORE_TLB = Mmu.STORE_TLB;
    public static final int FETCH_TLB = Mmu.FETCH_TLB;
    public static final int TLB_MASK = Mmu.TLB_MASK;
    public static final long CODE_PAGE = Mmu.CODE_PAGE;

    /** x0..x31 and the sink register writes to x0 go to ({@link Decoder#SINK}). */
    public final long[] x;
    public final int[] mem;
    public final long[] tlb;
    /** Set by translated code before it returns: how many instructions it executed. */
    public int executed;
    /** Set when a store dropped the running block's code: it must end after that store. */
    public boolean blockInvalidated;
    /** Set by translated code when its run must end here (budget, trap, stop request, invalidated code). */
    public boolean leave;
    /** Set when translated code entered a trap (the translator then looks the next block up afresh). */
    public boolean trapped;
    /** The executed count at block entry; slow paths set {@link Cpu#instret} relative to it. */
    public long entryCount;

    private final Cpu cpu;
    private final Interpreter interpreter;

    TranslationAccess(Cpu cpu, Interpreter interpreter) {
        this.cpu = cpu;
        this.interpreter = interpreter;
        this.x = cpu.x;
        this.mem = cpu.mem;
        this.tlb = cpu.mmu.tlb;
    }

    public Cpu cpu() {
        return cpu;
    }

    public Ram ram() {
        return cpu.ram;
    }

    /** Runs the interpreter loop for up to {@code budget} instructions. */
    public void interpret(int budget) {
        interpreter.execute(budget);
    }

    /** Whether {@link #interpret} returns early when control moves to another page. */
    public void leaveOnPageChange(boolean on) {
        interpreter.leaveOnPageChange = on;
    }

    /**
     * Counters per RAM page that decide where {@link #interpret} returns on a page change (null:
     * only {@link #leaveOnPageChange} does): each arrival bumps the new page's counter, and the
     * interpreter returns before running it once the counter is not negative.
     */
    public void watchPages(int[] counters) {
        interpreter.pageWatch = counters;
    }

    /** OP-32 (the M extension's W forms for the translator) of raw instruction {@code insn}. */
    public static long op32(int insn, long a, long b) {
        return IntMath.op32(insn, (insn >>> 12) & 7, a, b);
    }

    public long pc() {
        return cpu.pc;
    }

    public void setPc(long pc) {
        cpu.pc = pc;
    }

    public long count() {
        return cpu.instret;
    }

    public void setCount(long count) {
        cpu.instret = count;
    }

    public long dataKey() {
        return cpu.dataKey;
    }

    /** The fetch TLB's key bits (the privilege instructions are fetched at), as {@link #fetchOffset} compares them. */
    public long fetchKey() {
        return cpu.fetchKey;
    }

    public boolean stopRequested() {
        return cpu.stop;
    }

    public boolean trapPending() {
        return cpu.trapPending;
    }

    /** Whether the hart left the loop's control: WFI or halted. */
    public boolean parked() {
        return cpu.waiting || cpu.halted;
    }

    /** Enters the pending trap for the instruction at {@code pc}; returns the handler's pc. */
    public long takePendingTrap(long pc) {
        trapped = true;
        return cpu.takePendingTrap(pc);
    }

    /** The load slow path of the instruction that makes the executed count {@code entryCount + executedSoFar}. */
    public long loadSlow(long va, int kind, int executedSoFar) {
        cpu.instret = entryCount + executedSoFar;
        return cpu.mmu.load(va, kind);
    }

    /** The store slow path, counted as {@link #loadSlow} is. */
    public void storeSlow(long va, int sizeLog2, long value, int executedSoFar) {
        cpu.instret = entryCount + executedSoFar;
        cpu.mmu.store(va, sizeLog2, value);
    }

    /** An inline store into a page that holds decoded code: tell RAM first, as the interpreter does. */
    public void codeWritten(int ramOffset, int length) {
        cpu.ram.written(ramOffset, length);
    }

    /** M-extension OP: MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU by {@code funct3}. */
    public static long multiplyDivide(int funct3, long a, long b) {
        return IntMath.multiplyDivide(funct3, a, b);
    }

    /**
     * The RAM byte offset of {@code pc} if the fetch TLB holds its page, else -1 (the interpreter
     * then fills it, or takes the fault).
     */
    public long fetchOffset(long pc) {
        long vpn = pc >>> 12;
        int t = Mmu.FETCH_TLB + (((int) vpn & Mmu.TLB_MASK) << 1);
        if (cpu.mmu.tlb[t] != (vpn | cpu.fetchKey)) {
            return -1;
        }
        return pc + cpu.mmu.tlb[t + 1];
    }

    /**
     * The decoded form of the instruction at {@code pc} (RAM offset {@code ramOffset}, same page
     * as a TLB hit showed): the entry word in {@link Decoder}'s format in the high half and the
     * immediate in the low half; 0 when it crosses into the next page (never cached).
     */
    public long decoded(long pc, int ramOffset) {
        int page = ramOffset >>> 12;
        int slot = cpu.ram.decodedPages()[page];
        if (slot == 0) {
            slot = cpu.decodeCache.allocate(page);
        }
        int e = (slot << DecodeCache.SLOT_SHIFT) + (ramOffset & 0xffe);
        int[] entries = cpu.decodeCache.entries;
        if (entries[e] == 0) {
            int used = cpu.decodeCache.fill(e, pc, ramOffset);
            if (used != e) {
                cpu.trapPending = false; // a crossing fetch may have faulted: the interpreter will redo it
                return 0;
            }
        }
        return ((long) entries[e] << 32) | (entries[e + 1] & 0xffff_ffffL);
    }

    /** Lockstep: whether every store is made to reach {@link Ram#written}. */
    public void markAllStores(boolean on) {
        cpu.mmu.markAllStores = on;
        if (on) {
            long[] tlb = cpu.mmu.tlb;
            for (int i = 0; i < Mmu.TLB_SIZE; i++) {
                int t = Mmu.STORE_TLB + 2 * i;
                if (tlb[t] != -1) {
                    tlb[t] |= Mmu.CODE_PAGE;
                }
            }
        }
    }

    /** Device accesses so far (lockstep cannot replay a block that touched a device). */
    public long deviceAccesses() {
        return cpu.deviceAccesses;
    }

    /** Lockstep's view of the architectural state. */
    public CpuState state() {
        return CpuState.of(cpu);
    }

    /** Lockstep: puts back a state taken with {@link #state}. */
    public void restore(CpuState state) {
        state.restoreInto(cpu);
    }
}
