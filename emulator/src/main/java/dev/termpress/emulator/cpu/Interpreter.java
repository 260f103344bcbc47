package dev.termpress.emulator.cpu;

import dev.termpress.emulator.bus.Ram;

/**
 * The interpreter loop: fetches decoded instructions from the {@link DecodeCache} and runs the
 * base integer instructions, loads and stores inline; the rarer groups (system, atomics, floating
 * point) go to their own classes.
 *
 * <p>Shaped for C2 (and TeaVM): the loop keeps only a handful of values live (pc, the remaining
 * budget, the current page and its decode-cache slot, the register and entry arrays), everything
 * else is read from final fields where a case needs it, each case computes only what it uses, and
 * slow paths are calls. A loop with more live values made C2 keep them all on the stack and
 * compute shared subexpressions before the dispatch, for every instruction.
 */
final class Interpreter {

    private static final long LOW32 = 0xffff_ffffL;
    /** Flips the sign bit so a signed compare orders unsigned values (no Long.compareUnsigned call). */
    private static final long SIGN = Long.MIN_VALUE;

    private final Cpu cpu;
    private final long[] x;
    private final int[] mem;
    private final int[] entries;
    private final int[] decodedPages;
    private final Ram ram;
    private final Mmu mmu;
    private final DecodeCache decodeCache;
    private final long[] tlb;
    /** The current page's fetch translation: RAM offset minus virtual address. */
    private long fetchOffset;
    /**
     * Set by a translator: {@link #execute} returns when control moves to another page, where
     * translated code for the new page may take over. Tested only on a page change (already a
     * call), so the interpreter alone pays one field read per page change.
     */
    boolean leaveOnPageChange;
    /**
     * Set by a translator instead of {@link #leaveOnPageChange}: a counter per RAM page, bumped when
     * control moves onto the page; {@link #execute} returns there once the counter is not negative.
     * The translator keeps cold pages negative (arrivals counted here, no call out) and pages with a
     * unit at 0. Read only on a page change, so the interpreter alone pays one field read there.
     */
    int[] pageWatch;

    Interpreter(Cpu cpu) {
        this.cpu = cpu;
        this.x = cpu.x;
        this.mem = cpu.mem;
        this.ram = cpu.ram;
        this.mmu = cpu.mmu;
        this.decodeCache = cpu.decodeCache;
        this.entries = decodeCache.entries;
        this.decodedPages = cpu.ram.decodedPages();
        this.tlb = mmu.tlb;
    }

    /**
     * The decode-cache slot base for the page holding {@code pc}, translating it for fetch
     * (privileged spec §4.3) and giving the page a slot if it has none; -1 with a trap pending if
     * the page cannot be executed from.
     */
    private int slotBase(long pc) {
        long vpn = pc >>> 12;
        int t = Mmu.FETCH_TLB + (((int) vpn & Mmu.TLB_MASK) << 1);
        if (tlb[t] != (vpn | cpu.fetchKey) && !mmu.fillFetch(pc)) {
            return -1;
        }
        long delta = tlb[t + 1];
        fetchOffset = delta;
        int ramPage = (int) ((pc + delta) >>> 12);
        int slot = decodedPages[ramPage];
        if (slot == 0) {
            slot = decodeCache.allocate(ramPage);
        }
        return slot << DecodeCache.SLOT_SHIFT;
    }

    /** A load the inline path did not take (retired count: {@code endCount - left}). */
    private long loadSlow(long va, int kind, long endCount, int left) {
        cpu.instret = endCount - left;
        return mmu.load(va, kind);
    }

    /** A store the inline path did not take (retired count: {@code endCount - left}). */
    private void storeSlow(long va, int sizeLog2, long value, long endCount, int left) {
        cpu.instret = endCount - left;
        mmu.store(va, sizeLog2, value);
    }

    /** SYSTEM, AMO and the F/D opcodes; returns the next pc. */
    private long unit(int d, int insn, long pc) {
        int raw = (d & Decoder.COMPRESSED) != 0 ? (d >>> Decoder.RAW_SHIFT) & 0xffff : insn;
        switch (d & Decoder.OP_MASK) {
            case Decoder.SYSTEM:
                cpu.pc = pc;
                return SystemUnit.execute(cpu, insn, raw, pc);
            case Decoder.AMO:
                return Atomics.execute(cpu, insn, raw, pc);
            default:
                return cpu.fpu.execute(insn, raw, pc, (d & Decoder.COMPRESSED) != 0 ? 2 : 4);
        }
    }

    /**
     * Executes OP-32 instruction {@code insn}, or leaves an illegal-instruction trap pending (the
     * loop cannot tell a trap by the returned pc: the handler may start at the next address).
     */
    private void op32(int d, int insn) {
        long r = IntMath.op32(insn, (insn >>> 12) & 7, x[(insn >>> 15) & 31], x[(insn >>> 20) & 31]);
        if (r == IntMath.ILLEGAL_RESULT) {
            int raw = (d & Decoder.COMPRESSED) != 0 ? (d >>> Decoder.RAW_SHIFT) & 0xffff : insn;
            cpu.pendTrap(Trap.ILLEGAL_INSTRUCTION, raw & LOW32);
            return;
        }
        int rd = (insn >>> 7) & 31;
        if (rd != 0) {
            x[rd] = r;
        }
    }

    /*
     * branchTaken: a taken guest branch also stores to the sink register. The store is useless, but
     * with it C2 keeps the branch a branch: without it C2 turns the two pc updates into a
     * conditional move (the profile of all guest branches together looks unpredictable), and the
     * next fetch then waits for the compare instead of being predicted.
     */

    /** Runs up to {@code budget} instructions, fewer if a trap or device asks the block to end. */
    void execute(int budget) {
        final Cpu cpu = this.cpu;
        // Arrays in locals: C2 would reload fields after every call and hoist those loads, shared
        // by many cases, in front of the dispatch; a local costs at most a reload where it is used.
        final long[] x = this.x;
        final int[] entries = this.entries;
        final int[] mem = this.mem;
        final long[] tlb = this.tlb;
        final Ram ram = this.ram;
        // Instructions left in the block; the executed count is endCount - left. An instruction that
        // traps is counted too: it must use up budget, or a handler that faults again would keep
        // the loop from ever returning to the host (Cpu.enterTrap keeps it out of minstret).
        long endCount = cpu.instret + budget;
        int left = budget;
        long pc = cpu.pc;
        // Loads and stores match TLB tags under this key; only traps and the slow units change it.
        long dataKey = cpu.dataKey;
        long page = -1; // the virtual page pc is on, -1: look it up again
        int base = 0; // that page's decode-cache slot
        while (left > 0) {
            left--;
            if ((pc >>> 12) != page) {
                if (page != -1 && leaveOnPageChange) {
                    left++; // not executed here: the translator looks at the new page first
                    break;
                }
                if (page == -1 && cpu.stalled) {
                    left++; // an absent RAM page stopped the last instruction: nothing more runs
                    break;
                }
                base = slotBase(pc);
                if (base < 0) {
                    pc = cpu.takePendingTrap(pc);
                    dataKey = cpu.dataKey;
                    page = -1;
                    continue;
                }
                int[] watch = pageWatch;
                if (page != -1 && watch != null && ++watch[(int) ((pc + fetchOffset) >>> 12)] >= 0) {
                    left++; // as above: the translator looks at this page first
                    break;
                }
                page = pc >>> 12;
            }
            int e = base + ((int) pc & 0xffe);
            int d = entries[e];
            if (d == 0) {
                e = decodeCache.fill(e, pc, (int) (pc + fetchOffset));
                if (e < 0) {
                    pc = cpu.takePendingTrap(pc);
                    dataKey = cpu.dataKey;
                    page = -1;
                    continue;
                }
                d = entries[e];
            }
            int imm = entries[e + 1];
            int rd = (d >>> Decoder.RD_SHIFT) & Decoder.RD_MASK;
            int rs1 = (d >>> Decoder.RS1_SHIFT) & 31;
            int rs2 = (d >>> Decoder.RS2_SHIFT) & 31;
            int len = 4 - ((d >>> 6) & 2); // Decoder.COMPRESSED is bit 7
            switch (d & Decoder.OP_MASK) {
                case Decoder.ADDI:
                    x[rd] = x[rs1] + imm;
                    pc += len;
                    break;
                case Decoder.SLTI:
                    x[rd] = x[rs1] < imm ? 1 : 0;
                    pc += len;
                    break;
                case Decoder.SLTIU:
                    x[rd] = (x[rs1] ^ SIGN) < ((long) imm ^ SIGN) ? 1 : 0;
                    pc += len;
                    break;
                case Decoder.XORI:
                    x[rd] = x[rs1] ^ imm;
                    pc += len;
                    break;
                case Decoder.ORI:
                    x[rd] = x[rs1] | imm;
                    pc += len;
                    break;
                case Decoder.ANDI:
                    x[rd] = x[rs1] & imm;
                    pc += len;
                    break;
                case Decoder.SLLI:
                    x[rd] = x[rs1] << imm;
                    pc += len;
                    break;
                case Decoder.SRLI:
                    x[rd] = x[rs1] >>> imm;
                    pc += len;
                    break;
                case Decoder.SRAI:
                    x[rd] = x[rs1] >> imm;
                    pc += len;
                    break;
                case Decoder.AUIPC:
                    x[rd] = pc + imm;
                    pc += len;
                    break;
                case Decoder.ADD:
                    x[rd] = x[rs1] + x[rs2];
                    pc += len;
                    break;
                case Decoder.SUB:
                    x[rd] = x[rs1] - x[rs2];
                    pc += len;
                    break;
                case Decoder.SLL:
                    x[rd] = x[rs1] << x[rs2];
                    pc += len;
                    break;
                case Decoder.SLT:
                    x[rd] = x[rs1] < x[rs2] ? 1 : 0;
                    pc += len;
                    break;
                case Decoder.SLTU:
                    x[rd] = (x[rs1] ^ SIGN) < (x[rs2] ^ SIGN) ? 1 : 0;
                    pc += len;
                    break;
                case Decoder.XOR:
                    x[rd] = x[rs1] ^ x[rs2];
                    pc += len;
                    break;
                case Decoder.SRL:
                    x[rd] = x[rs1] >>> x[rs2];
                    pc += len;
                    break;
                case Decoder.SRA:
                    x[rd] = x[rs1] >> x[rs2];
                    pc += len;
                    break;
                case Decoder.OR:
                    x[rd] = x[rs1] | x[rs2];
                    pc += len;
                    break;
                case Decoder.AND:
                    x[rd] = x[rs1] & x[rs2];
                    pc += len;
                    break;
                case Decoder.MULDIV:
                    x[rd] = IntMath.multiplyDivide((d >>> Decoder.FUNCT3_SHIFT) & 7, x[rs1], x[rs2]);
                    pc += len;
                    break;
                case Decoder.ADDIW:
                    x[rd] = (int) x[rs1] + imm;
                    pc += len;
                    break;
                case Decoder.SLLIW:
                    x[rd] = (int) x[rs1] << imm;
                    pc += len;
                    break;
                case Decoder.SRLIW:
                    x[rd] = (int) x[rs1] >>> imm;
                    pc += len;
                    break;
                case Decoder.SRAIW:
                    x[rd] = (int) x[rs1] >> imm;
                    pc += len;
                    break;
                case Decoder.ADDW:
                    x[rd] = (int) x[rs1] + (int) x[rs2];
                    pc += len;
                    break;
                case Decoder.SUBW:
                    x[rd] = (int) x[rs1] - (int) x[rs2];
                    pc += len;
                    break;
                case Decoder.SLLW:
                    x[rd] = (int) x[rs1] << (int) x[rs2];
                    pc += len;
                    break;
                case Decoder.SRLW:
                    x[rd] = (int) x[rs1] >>> (int) x[rs2];
                    pc += len;
                    break;
                case Decoder.SRAW:
                    x[rd] = (int) x[rs1] >> (int) x[rs2];
                    pc += len;
                    break;
                case Decoder.OP_32: // the M extension's W forms, and illegal OP-32 encodings
                    op32(d, imm);
                    if (cpu.trapPending) {
                        pc = cpu.takePendingTrap(pc);
                        dataKey = cpu.dataKey;
                        page = -1;
                        continue;
                    }
                    pc += len;
                    break;
                case Decoder.LD: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey) && (va & 7) == 0) {
                        int w = (int) (va + tlb[Mmu.LOAD_TLB + t + 1]) >>> 2;
                        v = (mem[w] & LOW32) | ((long) mem[w + 1] << 32);
                    } else {
                        v = loadSlow(va, 3, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) { // a device changed the interrupt lines: end the block
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LW: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey) && (va & 3) == 0) {
                        v = mem[(int) (va + tlb[Mmu.LOAD_TLB + t + 1]) >>> 2];
                    } else {
                        v = loadSlow(va, 2, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LWU: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey) && (va & 3) == 0) {
                        v = mem[(int) (va + tlb[Mmu.LOAD_TLB + t + 1]) >>> 2] & LOW32;
                    } else {
                        v = loadSlow(va, 6, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LBU: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey)) {
                        int o = (int) (va + tlb[Mmu.LOAD_TLB + t + 1]);
                        v = (mem[o >>> 2] >>> ((o & 3) << 3)) & 0xff;
                    } else {
                        v = loadSlow(va, 4, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LB: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey)) {
                        int o = (int) (va + tlb[Mmu.LOAD_TLB + t + 1]);
                        v = (byte) (mem[o >>> 2] >>> ((o & 3) << 3));
                    } else {
                        v = loadSlow(va, 0, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LHU: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey) && (va & 1) == 0) {
                        int o = (int) (va + tlb[Mmu.LOAD_TLB + t + 1]);
                        v = (mem[o >>> 2] >>> ((o & 2) << 3)) & 0xffff;
                    } else {
                        v = loadSlow(va, 5, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.LH: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long v;
                    if (tlb[Mmu.LOAD_TLB + t] == (vp | dataKey) && (va & 1) == 0) {
                        int o = (int) (va + tlb[Mmu.LOAD_TLB + t + 1]);
                        v = (short) (mem[o >>> 2] >>> ((o & 2) << 3));
                    } else {
                        v = loadSlow(va, 1, endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    x[rd] = v;
                    pc += len;
                    break;
                }
                case Decoder.SD: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long key = vp | dataKey;
                    long tag = tlb[Mmu.STORE_TLB + t];
                    if ((tag & ~Mmu.CODE_PAGE) == key && (va & 7) == 0) {
                        int o = (int) (va + tlb[Mmu.STORE_TLB + t + 1]);
                        if (tag != key) {
                            ram.written(o, 8); // the page holds decoded instructions
                        }
                        long v = x[rs2];
                        mem[o >>> 2] = (int) v;
                        mem[(o >>> 2) + 1] = (int) (v >>> 32);
                    } else {
                        storeSlow(va, 3, x[rs2], endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    pc += len;
                    break;
                }
                case Decoder.SW: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long key = vp | dataKey;
                    long tag = tlb[Mmu.STORE_TLB + t];
                    if ((tag & ~Mmu.CODE_PAGE) == key && (va & 3) == 0) {
                        int o = (int) (va + tlb[Mmu.STORE_TLB + t + 1]);
                        if (tag != key) {
                            ram.written(o, 4);
                        }
                        mem[o >>> 2] = (int) x[rs2];
                    } else {
                        storeSlow(va, 2, x[rs2], endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    pc += len;
                    break;
                }
                case Decoder.SH: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long key = vp | dataKey;
                    long tag = tlb[Mmu.STORE_TLB + t];
                    if ((tag & ~Mmu.CODE_PAGE) == key && (va & 1) == 0) {
                        int o = (int) (va + tlb[Mmu.STORE_TLB + t + 1]);
                        if (tag != key) {
                            ram.written(o, 2);
                        }
                        int shift = (o & 2) << 3;
                        int i = o >>> 2;
                        mem[i] = (mem[i] & ~(0xffff << shift)) | (((int) x[rs2] & 0xffff) << shift);
                    } else {
                        storeSlow(va, 1, x[rs2], endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    pc += len;
                    break;
                }
                case Decoder.SB: {
                    long va = x[rs1] + imm;
                    long vp = va >>> 12;
                    int t = (((int) vp & Mmu.TLB_MASK) << 1);
                    long key = vp | dataKey;
                    long tag = tlb[Mmu.STORE_TLB + t];
                    if ((tag & ~Mmu.CODE_PAGE) == key) {
                        int o = (int) (va + tlb[Mmu.STORE_TLB + t + 1]);
                        if (tag != key) {
                            ram.written(o, 1);
                        }
                        int shift = (o & 3) << 3;
                        int i = o >>> 2;
                        mem[i] = (mem[i] & ~(0xff << shift)) | (((int) x[rs2] & 0xff) << shift);
                    } else {
                        storeSlow(va, 0, x[rs2], endCount, left);
                        if (cpu.trapPending) {
                            pc = cpu.takePendingTrap(pc);
                            dataKey = cpu.dataKey;
                            page = -1;
                            continue;
                        }
                        if (cpu.stop) {
                            endCount -= left;
                            left = 0;
                        }
                    }
                    pc += len;
                    break;
                }
                case Decoder.BEQ:
                    if (x[rs1] == x[rs2]) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.BNE:
                    if (x[rs1] != x[rs2]) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.BLT:
                    if (x[rs1] < x[rs2]) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.BGE:
                    if (x[rs1] >= x[rs2]) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.BLTU:
                    if ((x[rs1] ^ SIGN) < (x[rs2] ^ SIGN)) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.BGEU:
                    if ((x[rs1] ^ SIGN) >= (x[rs2] ^ SIGN)) {
                        pc += imm;
                        x[Decoder.SINK] = pc; // see branchTaken
                    } else {
                        pc += len;
                    }
                    break;
                case Decoder.JAL:
                    x[rd] = pc + len;
                    pc += imm;
                    break;
                case Decoder.JALR: {
                    long target = (x[rs1] + imm) & ~1L;
                    x[rd] = pc + len;
                    pc = target;
                    break;
                }
                case Decoder.FENCE:
                    pc += len;
                    break;
                case Decoder.SYSTEM:
                case Decoder.AMO:
                case Decoder.FP:
                    cpu.instret = endCount - left;
                    pc = unit(d, imm, pc);
                    dataKey = cpu.dataKey;
                    left = (int) (endCount - cpu.instret);
                    x[0] = 0; // the units may write rd without checking for x0
                    page = -1; // privilege, translation or the TLB may have changed
                    if (cpu.stop) {
                        endCount -= left;
                        left = 0;
                    }
                    break;
                default: // Decoder.ILLEGAL
                    pc = cpu.illegal(imm, pc);
                    dataKey = cpu.dataKey;
                    page = -1;
                    break;
            }
        }
        cpu.pc = pc;
        cpu.instret = endCount - left;
    }
}
