package dev.termpress.emulator.translate.wasm;

import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.Insn;
import dev.termpress.emulator.translate.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WebAssembly back end (docs/architecture.md, "WebAssembly back end"): turns a {@link Block} into
 * a module exporting
 * {@code run(x, mem, tlb: (ref null (array (mut i64/i32/i64))), dataKey: i64, pc: i64, budget: i32)
 * -> (next pc: i64, instructions run: i32, exit: i32)} over the interpreter's own register, RAM and TLB
 * data arrays (opened as {@code runtime.jit.TeaVmArrayTypes} does).
 *
 * <p>Registers live in locals between entry and exit. As in the JVM back end the unit is cut into
 * chains (straight runs from a leader up to a branch, a jump, the next leader or a gap), each run only
 * when the budget covers it whole and counted at its start; a loop and a {@code br_table} on the
 * halfword where a chain starts stand in for the JVM's gotos, and find the entry's chain in one step. Loads and stores test the interpreter's TLB inline; whatever the
 * fast path does not cover (a TLB miss, a misaligned or device access, a store into a page holding
 * decoded code) leaves with {@link #EXIT_INTERPRET}, the pc of that instruction and the count of those
 * before it, so the interpreter runs it exactly (faults included) and nothing here ever traps. Pcs are
 * relative to the entry pc's page, so a module serves the page wherever it is mapped.
 */
public final class WasmBlockCompiler {
    /** Control left the unit (a jump off it, JALR), having run at least one instruction: look the next pc up. */
    public static final int EXIT_NEXT = 0;
    /** The instruction at the next pc needs the interpreter (a memory access off the fast path). */
    public static final int EXIT_INTERPRET = 1;
    /** The budget does not cover the next chain. */
    public static final int EXIT_BUDGET = 2;
    /** The entry pc is no chain start of the unit: nothing ran. */
    public static final int EXIT_NOT_ENTRY = 3;

    // The interpreter's TLB layout (cpu.Mmu through TranslationAccess).
    private static final int LOAD_TLB = dev.termpress.emulator.cpu.TranslationAccess.LOAD_TLB;
    private static final int STORE_TLB = dev.termpress.emulator.cpu.TranslationAccess.STORE_TLB;
    private static final int TLB_MASK = dev.termpress.emulator.cpu.TranslationAccess.TLB_MASK;

    // Parameters of run.
    private static final int X = 0;
    private static final int MEM = 1;
    private static final int TLB = 2;
    private static final int KEY = 3;
    private static final int PC = 4;
    private static final int BUDGET = 5;

    private final Block block;
    private final List<Insn> insns;
    private final List<Integer> chainStarts = new ArrayList<>();
    /** Per halfword of the page: the index of the instruction starting a chain there, or -1. */
    private final int[] chainAt = new int[2048];
    /** Per instruction: the index where its chain ends (exclusive). */
    private int[] chainEnd;
    private final boolean[] used = new boolean[32];
    private final boolean[] written = new boolean[32];
    private final int[] regLocal = new int[32];
    private FunctionBody f;
    private MulDivFunctions mulDiv;
    private int longs;
    private int ints;
    private int page;
    private int chain;
    private int done;
    private int nextPc;
    private int exitCode;
    private int memBytes;
    private int va;
    private int tlbIndex;
    private int offset;
    /** Blocks open inside the dispatch loop at the current point: br {@code open} continues the loop. */
    private int open;

    private WasmBlockCompiler(Block block) {
        this.block = block;
        this.insns = block.insns();
    }

    /** Whether this back end translates {@code block}: every IR operation is covered, so any non-empty one. */
    public static boolean supports(Block block) {
        return !block.insns().isEmpty();
    }

    /** The module for {@code block}. */
    public static byte[] compile(Block block) {
        if (!supports(block)) {
            throw new IllegalArgumentException("an empty unit has no code");
        }
        return new WasmBlockCompiler(block).module();
    }

    private byte[] module() {
        findChains();
        WasmModule m = new WasmModule();
        UnitTypes types = UnitTypes.declare(m);
        longs = types.longs();
        ints = types.ints();
        int runType = types.run();
        mulDiv = new MulDivFunctions(m, MulDivFunctions.binaryType(m));
        int run = m.nextFunctionIndex();
        f = m.addFunction(runType);
        page = f.addLocal(ValueType.I64);
        nextPc = f.addLocal(ValueType.I64);
        va = f.addLocal(ValueType.I64);
        chain = f.addLocal(ValueType.I32);
        done = f.addLocal(ValueType.I32);
        exitCode = f.addLocal(ValueType.I32);
        memBytes = f.addLocal(ValueType.I32);
        tlbIndex = f.addLocal(ValueType.I32);
        offset = f.addLocal(ValueType.I32);
        for (Insn insn : insns) {
            used[insn.rs1()] = true;
            used[insn.rs2()] = true;
            used[insn.rd()] = true;
            written[insn.rd()] = true;
        }
        for (int r = 1; r < 32; r++) {
            if (used[r]) {
                regLocal[r] = f.addLocal(ValueType.I64);
            }
        }
        body();
        m.exportFunction("run", run);
        return m.toBytes();
    }

    /**
     * Chains start at the first instruction, after block-ending instructions, after gaps in the unit
     * and at branch and jump targets. The unit's entries need not start one: any instruction can be
     * entered ({@link #body}).
     */
    private void findChains() {
        boolean[] target = new boolean[2048];
        for (Insn insn : insns) {
            if (insn.op().endsBlock() && insn.op() != Op.JALR) {
                long t = insn.pc() + insn.imm() - block.pageBase();
                if (t >= 0 && t < 4096) {
                    target[(int) t >>> 1] = true;
                }
            }
        }
        Arrays.fill(chainAt, -1);
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            int at = (int) (insn.pc() - block.pageBase());
            boolean starts = i == 0 || insns.get(i - 1).op().endsBlock()
                    || insns.get(i - 1).next() != insn.pc() || target[at >>> 1];
            if (starts) {
                chainStarts.add(i);
                chainAt[at >>> 1] = i;
            }
        }
        chainEnd = new int[insns.size()];
        for (int c = 0; c < chainStarts.size(); c++) {
            int end = c + 1 < chainStarts.size() ? chainStarts.get(c + 1) : insns.size();
            for (int i = chainStarts.get(c); i < end; i++) {
                chainEnd[i] = end;
            }
        }
    }

    /**
     * Every instruction of the unit is an entry, so control that arrives anywhere on it (the
     * instruction after one the interpreter ran, an interrupt's return, an indirect jump) runs here
     * rather than being stepped to an entry. The dispatch {@code br_table} maps each instruction's
     * halfword to a label just before its code; the loop around it takes the jumps between chains. An
     * entry inside a chain first goes through a second {@code br_table} that counts the rest of its
     * chain against the budget, as the chain's start would have counted the whole chain.
     */
    private void body() {
        int n = insns.size();
        f.localGet(PC).i64Const(~0xfffL).op(Opcodes.I64_AND).localSet(page);
        f.localGet(PC).localSet(nextPc);
        f.localGet(MEM).gc(Opcodes.ARRAY_LEN).i32Const(2).op(Opcodes.I32_SHL).localSet(memBytes);
        for (int r = 1; r < 32; r++) {
            if (used[r]) {
                f.localGet(X).i32Const(r).gc(Opcodes.ARRAY_GET, longs).localSet(regLocal[r]);
            }
        }
        // The dispatch index is the halfword of the page where an instruction starts (any other
        // halfword holds none of the unit's: leave at once, nothing run).
        f.localGet(PC).localGet(page).op(Opcodes.I64_SUB).op(Opcodes.I32_WRAP_I64).i32Const(1)
                .op(Opcodes.I32_SHR_U).localSet(chain);
        f.block(); // exit
        midChainEntry();
        f.loop(); // dispatch
        for (int i = 0; i <= n; i++) {
            f.block();
        }
        int[] labels = new int[halfword(n - 1) + 1];
        Arrays.fill(labels, n);
        for (int i = 0; i < n; i++) {
            labels[halfword(i)] = i;
        }
        f.localGet(chain).brTable(labels, n);
        for (int c = 0; c < chainStarts.size(); c++) {
            chain(c);
        }
        f.end(); // the default: not an entry
        f.i32Const(EXIT_NOT_ENTRY).localSet(exitCode).br(1); // exit (nextPc is still the entry pc)
        f.end().end();
        for (int r = 1; r < 32; r++) {
            if (written[r]) {
                f.localGet(X).i32Const(r).localGet(regLocal[r]).gc(Opcodes.ARRAY_SET, longs);
            }
        }
        f.localGet(nextPc).localGet(done).localGet(exitCode).finish();
    }

    /**
     * For an entry inside a chain: leaves with {@link #EXIT_BUDGET} unless the budget covers the rest
     * of the chain, else counts it (a block per distinct rest, picked by one {@code br_table}); an
     * entry at a chain's start goes on, the chain counts itself.
     */
    private void midChainEntry() {
        int n = insns.size();
        int[] restGroup = new int[insns.size() + 1];
        List<Integer> rests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rest = chainEnd[i] - i;
            if (chainAt[halfword(i)] != i && restGroup[rest] == 0) {
                rests.add(rest);
                restGroup[rest] = rests.size();
            }
        }
        int groups = rests.size();
        if (groups == 0) {
            return;
        }
        f.block(); // on to the dispatch loop
        for (int g = 0; g < groups; g++) {
            f.block();
        }
        int[] labels = new int[halfword(n - 1) + 1];
        Arrays.fill(labels, groups);
        for (int i = 0; i < n; i++) {
            if (chainAt[halfword(i)] != i) {
                labels[halfword(i)] = restGroup[chainEnd[i] - i] - 1;
            }
        }
        f.localGet(chain).brTable(labels, groups);
        for (int g = 0; g < groups; g++) {
            f.end();
            int onward = groups - 1 - g; // the blocks of the groups after this one
            int rest = rests.get(g);
            f.localGet(BUDGET).i32Const(rest).op(Opcodes.I32_LT_S).ifThen();
            f.i32Const(EXIT_BUDGET).localSet(exitCode).br(onward + 2); // exit: nextPc is the entry pc, none run
            f.end();
            f.i32Const(rest).localSet(done).br(onward);
        }
        f.end();
    }

    /** The halfword of the page where instruction {@code i} starts. */
    private int halfword(int i) {
        return (int) pageOffset(insns.get(i)) >>> 1;
    }

    /** br label of the exit block from the current point. */
    private int exit() {
        return open + 1;
    }

    /** Chain {@code c}'s code, each instruction after the end of its dispatch label's block. */
    private void chain(int c) {
        int first = chainStarts.get(c);
        int end = chainEnd[first];
        int length = end - first;
        f.end();
        open = insns.size() - first;
        // Budget: leave before the chain unless it fits whole, then count its instructions.
        f.localGet(BUDGET).localGet(done).op(Opcodes.I32_SUB).i32Const(length).op(Opcodes.I32_LT_S).ifThen();
        open++;
        leave(insns.get(first).pc(), EXIT_BUDGET);
        open--;
        f.end();
        f.localGet(done).i32Const(length).op(Opcodes.I32_ADD).localSet(done);
        for (int i = first; i < end; i++) {
            Insn insn = insns.get(i);
            if (i > first) {
                f.end(); // an entry inside the chain lands here
                open = insns.size() - i;
            }
            if (insn.op().endsBlock()) {
                control(insn);
                return;
            }
            straight(insn, length - (i - first));
        }
        Insn last = insns.get(end - 1);
        if (end < insns.size() && insns.get(end).pc() == last.next()) {
            return; // falls into the next chain, which follows in the code
        }
        leave(last.next(), EXIT_NEXT);
    }

    /** Sets the next pc and exit code and branches to the exit. */
    private void leave(long pc, int code) {
        setPc(pc);
        f.i32Const(code).localSet(exitCode).br(exit());
    }

    private void control(Insn insn) {
        long target = insn.pc() + insn.imm();
        switch (insn.op()) {
            case JAL -> {
                writeReg(insn.rd(), () -> pcValue(insn.next()));
                goTo(target);
            }
            case JALR -> {
                // The target first: rd may be rs1.
                readReg(insn.rs1());
                f.i64Const(insn.imm()).op(Opcodes.I64_ADD).i64Const(~1L).op(Opcodes.I64_AND).localSet(nextPc);
                writeReg(insn.rd(), () -> pcValue(insn.next()));
                f.i32Const(EXIT_NEXT).localSet(exitCode).br(exit());
            }
            default -> {
                readReg(insn.rs1());
                readReg(insn.rs2());
                f.op(switch (insn.op()) {
                    case BEQ -> Opcodes.I64_EQ;
                    case BNE -> Opcodes.I64_NE;
                    case BLT -> Opcodes.I64_LT_S;
                    case BGE -> Opcodes.I64_GE_S;
                    case BLTU -> Opcodes.I64_LT_U;
                    case BGEU -> Opcodes.I64_GE_U;
                    default -> throw new IllegalStateException(insn.toString());
                });
                f.ifThen();
                open++;
                goTo(target);
                open--;
                f.end();
                goTo(insn.next());
            }
        }
    }

    /** Continues at {@code pc}: its chain when the unit has one, else leaves with it. */
    private void goTo(long pc) {
        long at = pc - block.pageBase();
        if (at >= 0 && at < 4096 && chainAt[(int) at >>> 1] >= 0) {
            f.i32Const((int) at >>> 1).localSet(chain).br(open);
            return;
        }
        leave(pc, EXIT_NEXT);
    }

    /**
     * One instruction that does not transfer control; {@code uncounted} is how many of the chain's
     * instructions, this one included, have not run yet (the chain was counted whole at its start).
     */
    private void straight(Insn insn, int uncounted) {
        Op op = insn.op();
        switch (op) {
            case NOP -> { }
            case LB, LH, LW, LD, LBU, LHU, LWU -> load(insn, uncounted);
            case SB, SH, SW, SD -> store(insn, uncounted);
            default -> writeReg(insn.rd(), () -> value(insn));
        }
    }

    /** Pushes the result of a register operation. */
    private void value(Insn insn) {
        Op op = insn.op();
        switch (op) {
            case CONST -> f.i64Const(insn.imm());
            case AUIPC -> pcValue(insn.pc() + insn.imm());
            case ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI -> {
                readReg(insn.rs1());
                f.i64Const(insn.imm());
                f.op(binary(op));
                if (op == Op.SLTI || op == Op.SLTIU) {
                    f.op(Opcodes.I64_EXTEND_I32_U);
                }
            }
            case ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND -> {
                readReg(insn.rs1());
                readReg(insn.rs2());
                f.op(binary(op));
                if (op == Op.SLT || op == Op.SLTU) {
                    f.op(Opcodes.I64_EXTEND_I32_U);
                }
            }
            case ADDIW, SLLIW, SRLIW, SRAIW -> {
                readReg(insn.rs1());
                f.op(Opcodes.I32_WRAP_I64).i32Const((int) insn.imm()).op(word(op)).op(Opcodes.I64_EXTEND_I32_S);
            }
            case ADDW, SUBW, SLLW, SRLW, SRAW -> {
                readReg(insn.rs1());
                f.op(Opcodes.I32_WRAP_I64);
                readReg(insn.rs2());
                f.op(Opcodes.I32_WRAP_I64).op(word(op)).op(Opcodes.I64_EXTEND_I32_S);
            }
            case MULDIV -> {
                readReg(insn.rs1());
                readReg(insn.rs2());
                int fn = mulDiv.wide((int) insn.imm());
                if (fn < 0) {
                    f.op(Opcodes.I64_MUL);
                } else {
                    f.call(fn);
                }
            }
            case MULDIVW -> {
                int fn = mulDiv.word(((int) insn.imm() >>> 12) & 7);
                if (fn < 0) {
                    throw new IllegalStateException("reserved OP-32 encoding in the IR: " + insn);
                }
                readReg(insn.rs1());
                readReg(insn.rs2());
                f.call(fn);
            }
            default -> throw new IllegalStateException("no register operation: " + insn);
        }
    }

    /** The i64 operation of a register or immediate form (shifts take their amount mod 64, as RV64 does). */
    private static int binary(Op op) {
        return switch (op) {
            case ADDI, ADD -> Opcodes.I64_ADD;
            case SUB -> Opcodes.I64_SUB;
            case SLTI, SLT -> Opcodes.I64_LT_S;
            case SLTIU, SLTU -> Opcodes.I64_LT_U;
            case XORI, XOR -> Opcodes.I64_XOR;
            case ORI, OR -> Opcodes.I64_OR;
            case ANDI, AND -> Opcodes.I64_AND;
            case SLLI, SLL -> Opcodes.I64_SHL;
            case SRLI, SRL -> Opcodes.I64_SHR_U;
            case SRAI, SRA -> Opcodes.I64_SHR_S;
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** The i32 operation of a word form (shifts mod 32, as RV64's W forms). */
    private static int word(Op op) {
        return switch (op) {
            case ADDIW, ADDW -> Opcodes.I32_ADD;
            case SUBW -> Opcodes.I32_SUB;
            case SLLIW, SLLW -> Opcodes.I32_SHL;
            case SRLIW, SRLW -> Opcodes.I32_SHR_U;
            case SRAIW, SRAW -> Opcodes.I32_SHR_S;
            default -> throw new IllegalStateException(op.name());
        };
    }

    // --- loads and stores: the interpreter's TLB fast path inline -------------------------------

    /**
     * Computes the address of {@code insn} and its TLB slot, and leaves for the interpreter unless
     * the entry at {@code tlbBase} holds its page for the current data key, the access is aligned
     * and the RAM offset lies inside RAM; then {@link #offset} holds the RAM byte offset.
     */
    private void fastPathOrLeave(Insn insn, int tlbBase, int sizeLog2, int uncounted) {
        readReg(insn.rs1());
        f.i64Const(insn.imm()).op(Opcodes.I64_ADD).localSet(va);
        f.localGet(va).i64Const(12).op(Opcodes.I64_SHR_U).op(Opcodes.I32_WRAP_I64).i32Const(TLB_MASK)
                .op(Opcodes.I32_AND).i32Const(1).op(Opcodes.I32_SHL).localSet(tlbIndex);
        // offset = (int) (va + tlb[base + t + 1])
        f.localGet(va).localGet(TLB).localGet(tlbIndex).i32Const(tlbBase + 1).op(Opcodes.I32_ADD)
                .gc(Opcodes.ARRAY_GET, longs).op(Opcodes.I64_ADD).op(Opcodes.I32_WRAP_I64).localSet(offset);
        // tlb[base + t] != (vpn | key): a miss, another privilege, or (stores) a page holding code
        f.localGet(TLB).localGet(tlbIndex).i32Const(tlbBase).op(Opcodes.I32_ADD).gc(Opcodes.ARRAY_GET, longs);
        f.localGet(va).i64Const(12).op(Opcodes.I64_SHR_U).localGet(KEY).op(Opcodes.I64_OR).op(Opcodes.I64_NE);
        if (sizeLog2 > 0) {
            f.localGet(va).op(Opcodes.I32_WRAP_I64).i32Const((1 << sizeLog2) - 1).op(Opcodes.I32_AND)
                    .op(Opcodes.I32_OR);
        }
        f.localGet(offset).localGet(memBytes).op(Opcodes.I32_GE_U).op(Opcodes.I32_OR);
        f.ifThen();
        open++;
        // The chain was counted whole: take back this instruction and those after it.
        f.localGet(done).i32Const(uncounted).op(Opcodes.I32_SUB).localSet(done);
        leave(insn.pc(), EXIT_INTERPRET);
        open--;
        f.end();
    }

    /** Pushes RAM word {@code offset / 4 + plus}. */
    private void ramWord(int plus) {
        f.localGet(MEM).localGet(offset).i32Const(2).op(Opcodes.I32_SHR_U);
        if (plus != 0) {
            f.i32Const(plus).op(Opcodes.I32_ADD);
        }
        f.gc(Opcodes.ARRAY_GET, ints);
    }

    /** The bit position of the byte or halfword at {@code offset} within its word. */
    private void subwordShift() {
        f.localGet(offset).i32Const(3).op(Opcodes.I32_AND).i32Const(3).op(Opcodes.I32_SHL);
    }

    private void load(Insn insn, int uncounted) {
        Op op = insn.op();
        int sizeLog2 = switch (op) {
            case LB, LBU -> 0;
            case LH, LHU -> 1;
            case LW, LWU -> 2;
            default -> 3;
        };
        fastPathOrLeave(insn, LOAD_TLB, sizeLog2, uncounted);
        if (insn.rd() == 0) {
            return; // the access could only have left: with the fast path taken, nothing is written
        }
        switch (op) {
            case LD -> {
                ramWord(0);
                f.op(Opcodes.I64_EXTEND_I32_U);
                ramWord(1);
                f.op(Opcodes.I64_EXTEND_I32_U).i64Const(32).op(Opcodes.I64_SHL).op(Opcodes.I64_OR);
            }
            case LW -> {
                ramWord(0);
                f.op(Opcodes.I64_EXTEND_I32_S);
            }
            case LWU -> {
                ramWord(0);
                f.op(Opcodes.I64_EXTEND_I32_U);
            }
            default -> {
                ramWord(0);
                subwordShift();
                f.op(Opcodes.I32_SHR_U);
                switch (op) {
                    case LB -> f.op(Opcodes.I32_EXTEND8_S).op(Opcodes.I64_EXTEND_I32_S);
                    case LH -> f.op(Opcodes.I32_EXTEND16_S).op(Opcodes.I64_EXTEND_I32_S);
                    case LBU -> f.i32Const(0xff).op(Opcodes.I32_AND).op(Opcodes.I64_EXTEND_I32_U);
                    default -> f.i32Const(0xffff).op(Opcodes.I32_AND).op(Opcodes.I64_EXTEND_I32_U);
                }
            }
        }
        f.localSet(regLocal[insn.rd()]);
    }

    private void store(Insn insn, int uncounted) {
        int sizeLog2 = switch (insn.op()) {
            case SB -> 0;
            case SH -> 1;
            case SW -> 2;
            default -> 3;
        };
        // A store TLB entry for a page holding decoded code carries CODE_PAGE, so the tag compare
        // sends it to the interpreter, which tells RAM and drops what the store overwrites.
        fastPathOrLeave(insn, STORE_TLB, sizeLog2, uncounted);
        switch (sizeLog2) {
            case 3 -> {
                storeWord(0, () -> {
                    readReg(insn.rs2());
                    f.op(Opcodes.I32_WRAP_I64);
                });
                storeWord(1, () -> {
                    readReg(insn.rs2());
                    f.i64Const(32).op(Opcodes.I64_SHR_U).op(Opcodes.I32_WRAP_I64);
                });
            }
            case 2 -> storeWord(0, () -> {
                readReg(insn.rs2());
                f.op(Opcodes.I32_WRAP_I64);
            });
            default -> {
                int mask = sizeLog2 == 1 ? 0xffff : 0xff;
                storeWord(0, () -> {
                    // (word & ~(mask << shift)) | ((value & mask) << shift)
                    ramWord(0);
                    f.i32Const(mask);
                    subwordShift();
                    f.op(Opcodes.I32_SHL).i32Const(-1).op(Opcodes.I32_XOR).op(Opcodes.I32_AND);
                    readReg(insn.rs2());
                    f.op(Opcodes.I32_WRAP_I64).i32Const(mask).op(Opcodes.I32_AND);
                    subwordShift();
                    f.op(Opcodes.I32_SHL).op(Opcodes.I32_OR);
                });
            }
        }
    }

    /** RAM word {@code offset / 4 + plus} = the i32 {@code value} pushes. */
    private void storeWord(int plus, Runnable value) {
        f.localGet(MEM).localGet(offset).i32Const(2).op(Opcodes.I32_SHR_U);
        if (plus != 0) {
            f.i32Const(plus).op(Opcodes.I32_ADD);
        }
        value.run();
        f.gc(Opcodes.ARRAY_SET, ints);
    }

    // --- registers and pcs ---------------------------------------------------------------------

    private void readReg(int r) {
        if (r == 0) {
            f.i64Const(0);
        } else {
            f.localGet(regLocal[r]);
        }
    }

    /** Evaluates {@code value} into rd; a write to x0 is dropped without evaluating (register operations do not trap). */
    private void writeReg(int rd, Runnable value) {
        if (rd != 0) {
            value.run();
            f.localSet(regLocal[rd]);
        }
    }

    /** Pushes the guest pc {@code pc} of this unit, moved to the page the unit was entered on. */
    private void pcValue(long pc) {
        f.localGet(page).i64Const(pc - block.pageBase()).op(Opcodes.I64_ADD);
    }

    private void setPc(long pc) {
        pcValue(pc);
        f.localSet(nextPc);
    }

    private long pageOffset(Insn insn) {
        return insn.pc() - block.pageBase();
    }
}
