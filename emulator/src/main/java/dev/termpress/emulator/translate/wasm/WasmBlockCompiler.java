package dev.termpress.emulator.translate.wasm;

import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.Insn;
import dev.termpress.emulator.translate.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebAssembly back end, first cut (docs/architecture.md, "WebAssembly back end"): turns a {@link
 * Block} into a module exporting {@code run(x: (ref null (array (mut i64))), pc: i64, budget: i32) ->
 * (i64 next pc, i32 instructions run)}, where {@code x} is the interpreter's own register array (the
 * data array of {@code TranslationAccess.x}, opened as {@code runtime.jit.TeaVmArrayTypes} does).
 * Registers live in locals between entry and exit. Like the JVM back end, the unit is cut into chains
 * (straight runs from a leader up to a branch, a jump, the next leader or a gap), each checked once
 * against the budget and counted at its start; a loop and a {@code br_table} dispatch on the chain
 * index stand in for the JVM's gotos. Pcs are relative to the entry pc's page, so a module serves the
 * page wherever it is mapped.
 *
 * <p>This cut covers the integer register operations and control flow inside the unit ({@link
 * #supports}); loads, stores (which need the TLB and the slow paths), M, JALR and anything else make
 * {@link #compile} refuse the unit, which then stays on the interpreter. Nothing calls it yet: the
 * worker does not load generated modules (issue 11, item 2).
 */
public final class WasmBlockCompiler {
    private final Block block;
    private final List<Insn> insns;
    /** Per instruction: the chain it starts, or -1 when it continues the previous instruction's. */
    private final int[] chainAt;
    private final List<Integer> chainStarts = new ArrayList<>();
    private int longs;
    private int xParam;
    private int pcParam;
    private int budgetParam;
    private int page;
    private int chain;
    private int done;
    private int nextPc;
    private final int[] regLocal = new int[32];

    private WasmBlockCompiler(Block block) {
        this.block = block;
        this.insns = block.insns();
        this.chainAt = new int[insns.size()];
    }

    /** Whether every instruction of {@code block} is one this back end translates. */
    public static boolean supports(Block block) {
        for (Insn insn : block.insns()) {
            if (!supported(insn.op())) {
                return false;
            }
        }
        return !block.insns().isEmpty();
    }

    /** The module for {@code block}; refuses a block that {@link #supports} rejects. */
    public static byte[] compile(Block block) {
        if (!supports(block)) {
            throw new IllegalArgumentException("the WebAssembly back end does not cover this unit yet");
        }
        return new WasmBlockCompiler(block).module();
    }

    private static boolean supported(Op op) {
        switch (op) {
            case CONST: case AUIPC: case ADDI: case SLTI: case SLTIU: case XORI: case ORI: case ANDI:
            case SLLI: case SRLI: case SRAI: case ADD: case SUB: case SLL: case SLT: case SLTU: case XOR:
            case SRL: case SRA: case OR: case AND: case ADDIW: case SLLIW: case SRLIW: case SRAIW: case ADDW:
            case SUBW: case SLLW: case SRLW: case SRAW: case BEQ: case BNE: case BLT: case BGE: case BLTU:
            case BGEU: case JAL: case NOP:
                return true;
            default:
                return false;
        }
    }

    private byte[] module() {
        findChains();
        WasmModule m = new WasmModule();
        longs = m.addArrayType(StorageType.of(ValueType.I64), true);
        int runType = m.addFunctionType(List.of(ValueType.refNull(longs), ValueType.I64, ValueType.I32),
                List.of(ValueType.I64, ValueType.I32));
        int run = m.nextFunctionIndex();
        FunctionBody f = m.addFunction(runType);
        xParam = 0;
        pcParam = 1;
        budgetParam = 2;
        page = f.addLocal(ValueType.I64);
        nextPc = f.addLocal(ValueType.I64);
        chain = f.addLocal(ValueType.I32);
        done = f.addLocal(ValueType.I32);
        for (int r = 1; r < 32; r++) {
            regLocal[r] = f.addLocal(ValueType.I64);
        }
        body(f);
        m.exportFunction("run", run);
        return m.toBytes();
    }

    /** Chains start at leaders, after block-ending instructions and after gaps in the unit. */
    private void findChains() {
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            boolean starts = i == 0 || block.isEntry((int) (insn.pc() & 0xfff)) || insns.get(i - 1).op().endsBlock()
                    || insns.get(i - 1).next() != insn.pc() || isTarget(insn.pc());
            chainAt[i] = starts ? chainStarts.size() : -1;
            if (starts) {
                chainStarts.add(i);
            }
        }
    }

    private boolean isTarget(long pc) {
        for (Insn insn : insns) {
            if ((insn.op().endsBlock() && insn.op() != Op.JALR) && insn.pc() + insn.imm() == pc) {
                return true;
            }
        }
        return false;
    }

    private void body(FunctionBody f) {
        int n = chainStarts.size();
        f.localGet(pcParam).i64Const(~0xfffL).op(Opcodes.I64_AND).localSet(page);
        f.localGet(pcParam).localSet(nextPc);
        for (int r = 1; r < 32; r++) {
            f.localGet(xParam).i32Const(r).gc(Opcodes.ARRAY_GET, longs).localSet(regLocal[r]);
        }
        // The entry pc's chain, or n (not an entry: leave at once, nothing run).
        f.i32Const(n).localSet(chain);
        for (int c = 0; c < n; c++) {
            f.localGet(pcParam).localGet(page).op(Opcodes.I64_SUB).i64Const(offset(insns.get(chainStarts.get(c))))
                    .op(Opcodes.I64_EQ).ifThen().i32Const(c).localSet(chain).end();
        }
        f.block(); // exit
        f.loop(); // dispatch
        for (int c = 0; c <= n; c++) {
            f.block();
        }
        int[] labels = new int[n];
        for (int c = 0; c < n; c++) {
            labels[c] = c;
        }
        f.localGet(chain).brTable(labels, n);
        for (int c = 0; c < n; c++) {
            f.end(); // code after block c's end is chain c; n - c blocks stay open, then dispatch, exit
            chain(f, c, n - c);
        }
        f.end(); // the default: not an entry
        f.br(1); // exit (nextPc is still the entry pc)
        f.end().end();
        for (int r = 1; r < 32; r++) {
            f.localGet(xParam).i32Const(r).localGet(regLocal[r]).gc(Opcodes.ARRAY_SET, longs);
        }
        f.localGet(nextPc).localGet(done).finish();
    }

    /** Chain {@code c}'s code; {@code open} blocks are open around it before the dispatch loop. */
    private void chain(FunctionBody f, int c, int open) {
        int dispatch = open;
        int exit = open + 1;
        int first = chainStarts.get(c);
        int end = c + 1 < chainStarts.size() ? chainStarts.get(c + 1) : insns.size();
        // Budget: leave before the chain when it is spent, then count the chain's instructions.
        f.localGet(done).localGet(budgetParam).op(Opcodes.I32_GE_S).ifThen();
        setPc(f, insns.get(first).pc()).br(exit + 1).end();
        f.localGet(done).i32Const(end - first).op(Opcodes.I32_ADD).localSet(done);
        for (int i = first; i < end; i++) {
            Insn insn = insns.get(i);
            if (insn.op().endsBlock()) {
                control(f, insn, dispatch, exit);
                return;
            }
            alu(f, insn);
        }
        Insn last = insns.get(end - 1);
        if (end < insns.size() && insns.get(end).pc() == last.next()) {
            return; // falls into the next chain, which follows in the code
        }
        setPc(f, last.next()).br(exit);
    }

    private void control(FunctionBody f, Insn insn, int dispatch, int exit) {
        long target = insn.pc() + insn.imm();
        if (insn.op() == Op.JAL) {
            writeReg(f, insn.rd(), () -> pcValue(f, insn.next()));
            goTo(f, target, dispatch, exit);
            return;
        }
        readReg(f, insn.rs1());
        readReg(f, insn.rs2());
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
        goTo(f, target, dispatch + 1, exit + 1);
        f.end();
        goTo(f, insn.next(), dispatch, exit);
    }

    /** Continues at {@code pc}: its chain when the unit has one, else leaves with it. */
    private void goTo(FunctionBody f, long pc, int dispatch, int exit) {
        for (int c = 0; c < chainStarts.size(); c++) {
            if (insns.get(chainStarts.get(c)).pc() == pc) {
                f.i32Const(c).localSet(chain).br(dispatch);
                return;
            }
        }
        setPc(f, pc).br(exit);
    }

    private void alu(FunctionBody f, Insn insn) {
        Op op = insn.op();
        if (op == Op.NOP) {
            return;
        }
        writeReg(f, insn.rd(), () -> {
            switch (op) {
                case CONST -> f.i64Const(insn.imm());
                case AUIPC -> pcValue(f, insn.pc() + insn.imm());
                case ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI -> {
                    readReg(f, insn.rs1());
                    f.i64Const(insn.imm());
                    f.op(binary(op));
                    if (op == Op.SLTI || op == Op.SLTIU) {
                        f.op(Opcodes.I64_EXTEND_I32_U);
                    }
                }
                case ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND -> {
                    readReg(f, insn.rs1());
                    readReg(f, insn.rs2());
                    f.op(binary(op));
                    if (op == Op.SLT || op == Op.SLTU) {
                        f.op(Opcodes.I64_EXTEND_I32_U);
                    }
                }
                case ADDIW, SLLIW, SRLIW, SRAIW -> {
                    readReg(f, insn.rs1());
                    f.op(Opcodes.I32_WRAP_I64).i32Const((int) insn.imm()).op(word(op)).op(Opcodes.I64_EXTEND_I32_S);
                }
                case ADDW, SUBW, SLLW, SRLW, SRAW -> {
                    readReg(f, insn.rs1());
                    f.op(Opcodes.I32_WRAP_I64);
                    readReg(f, insn.rs2());
                    f.op(Opcodes.I32_WRAP_I64).op(word(op)).op(Opcodes.I64_EXTEND_I32_S);
                }
                default -> throw new IllegalStateException(insn.toString());
            }
        });
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

    private void readReg(FunctionBody f, int r) {
        if (r == 0) {
            f.i64Const(0);
        } else {
            f.localGet(regLocal[r]);
        }
    }

    /** Evaluates {@code value} into rd; a write to x0 is dropped without evaluating (nothing here traps). */
    private void writeReg(FunctionBody f, int rd, Runnable value) {
        if (rd != 0) {
            value.run();
            f.localSet(regLocal[rd]);
        }
    }

    /** Pushes the guest pc {@code pc} of this unit, moved to the page the unit was entered on. */
    private void pcValue(FunctionBody f, long pc) {
        f.localGet(page).i64Const(pc - block.pageBase()).op(Opcodes.I64_ADD);
    }

    private FunctionBody setPc(FunctionBody f, long pc) {
        pcValue(f, pc);
        return f.localSet(nextPc);
    }

    private static long offset(Insn insn) {
        return insn.pc() & 0xfff;
    }
}
