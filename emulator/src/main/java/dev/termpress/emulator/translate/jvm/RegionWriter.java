package dev.termpress.emulator.translate.jvm;

import static org.objectweb.asm.Opcodes.*;

import dev.termpress.emulator.translate.Block;
import dev.termpress.emulator.translate.Insn;
import dev.termpress.emulator.translate.Op;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * One region of a unit (the instructions in 256 bytes of the page) as a static method
 * {@code (access, budget, pc) -> next pc} of the unit's class. A switch on the entry pc leads to
 * the region's chains (straight runs of instructions, each checked once against the budget);
 * branches and jumps between them are gotos, so loops within the region never leave the method;
 * a pc inside a chain enters through a stub of its own. Guest registers live in the
 * interpreter's array or in locals ({@link #REGS_IN_ARRAY}); loads and stores test the
 * interpreter's TLB inline and call its slow paths out of line. The method adds
 * what it ran to {@code executed}; control going to another region returns the target pc, and
 * whatever must end the unit's run (budget, trap, stop request, invalidated code, a pc that is no
 * entry) also sets {@code leave}.
 */
/** The code of one unit's run method. */
final class RegionWriter {

    static final String ACCESS = "dev/termpress/emulator/cpu/TranslationAccess";
    /** The region methods' descriptor. */
    static final String DESCRIPTOR = "(L" + ACCESS + ";IJ)J";
    private static final long SIGN = Long.MIN_VALUE;

    // Local variable slots of the static (access, budget, pc).
    private static final int A = 0;
    private static final int BUDGET = 1;
    private static final int PC = 2; // long: the entry pc
    private static final int X = 4;
    private static final int MEM = 5;
    private static final int TLB = 6;
    private static final int KEY = 7; // long: the data TLB key
    private static final int COUNT = 9; // instructions the unit's run executed before the current chain
    private static final int EXEC = 10; // executed count at an exit
    private static final int NEXT = 11; // long: next pc at an exit
    private static final int VA = 13; // long
    private static final int TAG = 15; // long
    private static final int T = 17; // int: TLB index
    private static final int O = 18; // int: RAM offset
    private static final int V = 19; // long: loaded value
    private static final int PAGEKEY = 21; // long: vpn | dataKey
    private static final int PBASE = 23; // long: the virtual address of the page the unit runs at
    private static final int W = 25; // long: a value on its way into the register array
    private static final int REGS = 27; // long per guest register from x1 (registers in locals)

    /**
     * Where guest registers live inside a region: {@code locals} (loaded at the region's entry,
     * written back at its exit) or {@code array} (read and written in the interpreter's array at
     * each use: bigger code per instruction, nothing at entry and exit). Array by default: as fast
     * on compute, faster on the boot and the shell loop, whose units are entered every few dozen
     * instructions (docs/benchmarks.md, 2026-12-08).
     */
    static final boolean REGS_IN_ARRAY = !"locals".equals(System.getProperty("termpress.translate.regs", "array"));

    private final MethodVisitor mv;
    private final List<Insn> insns;
    private final long decodedBase;
    private final boolean[] used = new boolean[32];
    private final boolean[] written = new boolean[32];
    /** The instruction at each halfword of the page, and the label of each entry. */
    private final Insn[] at = new Insn[2048];
    private final Label[] entry = new Label[2048];
    private final boolean[] emitted = new boolean[2048];
    /** Labels inside a chain where control may enter mid-chain (every instruction after a chain's first). */
    private final Label[] mid = new Label[2048];
    /** For each mid-chain entry: its index in its chain, and the chain's length. */
    private final int[] indexInChain = new int[2048];
    private final int[] chainLength = new int[2048];
    private final Label exit = new Label();
    /** Out-of-line slow paths, emitted after the chains. */
    private final List<Runnable> outOfLine = new ArrayList<>();

    /** The region of {@code block} at page offsets [{@code from}, {@code to}). */
    RegionWriter(MethodVisitor mv, Block block, int from, int to) {
        this.mv = mv;
        this.decodedBase = block.pageBase();
        this.insns = new ArrayList<>();
        for (Insn insn : block.insns()) {
            int offset = offset(insn.pc());
            if (offset >= from && offset < to) {
                insns.add(insn);
            }
        }
        for (Insn insn : insns) {
            used[insn.rs1()] = true;
            used[insn.rs2()] = true;
            used[insn.rd()] = true;
            written[insn.rd()] = true;
            int offset = offset(insn.pc());
            at[offset >>> 1] = insn;
            // The first instructions of the region are entries too: code falls into them from the region before.
            if (block.isEntry(offset) || offset == from || offset == from + 2) {
                entry[offset >>> 1] = new Label();
            }
        }
        used[0] = false;
        written[0] = false;
    }

    private int offset(long pc) {
        return (int) (pc - decodedBase);
    }

    /** The entry label of the instruction at {@code pc}, or null if it is not a unit entry. */
    private Label entryAt(long pc) {
        long offset = pc - decodedBase;
        return offset >= 0 && offset < 4096 ? entry[(int) offset >>> 1] : null;
    }

    void emit() {
        List<List<Insn>> chains = new ArrayList<>();
        for (Insn insn : insns) {
            if (entry[offset(insn.pc()) >>> 1] != null) {
                chains.add(chainFrom(insn));
            }
        }
        if (JvmBlockCompiler.MID_ENTRIES) {
            for (List<Insn> chain : chains) {
                for (int i = 1; i < chain.size(); i++) {
                    int halfword = offset(chain.get(i).pc()) >>> 1;
                    mid[halfword] = new Label();
                    indexInChain[halfword] = i;
                    chainLength[halfword] = chain.size();
                }
            }
        }
        mv.visitCode();
        prologue();
        dispatch();
        for (List<Insn> chain : chains) {
            chain(chain);
        }
        for (int i = 0; i < outOfLine.size(); i++) {
            outOfLine.get(i).run();
        }
        epilogue();
    }

    private void prologue() {
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "x", "[J");
        mv.visitVarInsn(ASTORE, X);
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "mem", "[I");
        mv.visitVarInsn(ASTORE, MEM);
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "tlb", "[J");
        mv.visitVarInsn(ASTORE, TLB);
        mv.visitVarInsn(ALOAD, A);
        mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "dataKey", "()J", false);
        mv.visitVarInsn(LSTORE, KEY);
        mv.visitVarInsn(LLOAD, PC);
        pushLong(~0xfffL);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, PBASE);
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "executed", "I");
        mv.visitVarInsn(ISTORE, COUNT);
        for (int slot : new int[] {EXEC, T, O}) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, slot);
        }
        for (int slot : new int[] {NEXT, VA, TAG, V, PAGEKEY, W}) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, slot);
        }
        for (int r = 1; r < 32 && !REGS_IN_ARRAY; r++) {
            if (used[r]) {
                mv.visitVarInsn(ALOAD, X);
                push(r);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, reg(r));
            }
        }
    }

    /** A switch on the entry pc's page offset; a pc that is not an entry leaves with nothing executed. */
    private void dispatch() {
        List<Integer> keys = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < entry.length; i++) {
            if (entry[i] != null) {
                keys.add(i << 1);
                labels.add(entry[i]);
            } else if (mid[i] != null) {
                keys.add(i << 1);
                labels.add(midEntry(i));
            }
        }
        Label none = new Label();
        mv.visitVarInsn(LLOAD, PC);
        pushLong(0xfff);
        mv.visitInsn(LAND);
        mv.visitInsn(L2I);
        int[] k = new int[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i);
        }
        mv.visitLookupSwitchInsn(none, k, labels.toArray(new Label[0]));
        mv.visitLabel(none);
        mv.visitVarInsn(LLOAD, PC);
        mv.visitVarInsn(LSTORE, NEXT);
        mv.visitVarInsn(ILOAD, COUNT);
        leave();
    }

    /**
     * The chain from entry {@code first}: instructions in sequence up to a branch or jump, the
     * next entry (fallen into), or an instruction off the unit (left to the interpreter).
     */
    private List<Insn> chainFrom(Insn first) {
        List<Insn> insns = new ArrayList<>();
        Insn insn = first;
        while (true) {
            insns.add(insn);
            emitted[offset(insn.pc()) >>> 1] = true;
            if (insn.op().endsBlock() || insn.op() == Op.JAL || insn.op() == Op.JALR) {
                break;
            }
            long next = insn.next();
            long offset = next - decodedBase;
            if (offset >= 4096 || entry[(int) offset >>> 1] != null) {
                break;
            }
            Insn following = at[(int) offset >>> 1];
            if (following == null || emitted[(int) offset >>> 1]) {
                break; // off the unit, or (code decoded at overlapping offsets) already in a chain
            }
            insn = following;
        }
        return insns;
    }

    /**
     * Where the dispatch sends a pc in the middle of a chain: the budget must cover the rest of
     * the chain; COUNT is moved back by the instructions skipped, so the chain's counts (executed
     * after its k-th instruction, its length at its end) stay right.
     */
    private Label midEntry(int halfword) {
        Label stub = new Label();
        int index = indexInChain[halfword];
        int rest = chainLength[halfword] - index;
        long pc = decodedBase + ((long) halfword << 1);
        Label target = mid[halfword];
        outOfLine.add(() -> {
            Label covered = new Label();
            mv.visitLabel(stub);
            mv.visitVarInsn(ILOAD, BUDGET);
            mv.visitVarInsn(ILOAD, COUNT);
            mv.visitInsn(ISUB);
            push(rest);
            mv.visitJumpInsn(IF_ICMPGE, covered);
            pushPc(pc);
            mv.visitVarInsn(LSTORE, NEXT);
            mv.visitVarInsn(ILOAD, COUNT);
            leave();
            mv.visitLabel(covered);
            mv.visitIincInsn(COUNT, -index);
            mv.visitJumpInsn(GOTO, target);
        });
        return stub;
    }

    /**
     * The code of one chain, checked once against the budget: it must cover the whole chain, or
     * the unit leaves before it with the count exact.
     */
    private void chain(List<Insn> insns) {
        Insn first = insns.get(0);
        int length = insns.size();
        mv.visitLabel(entry[offset(first.pc()) >>> 1]);
        Label covered = new Label();
        mv.visitVarInsn(ILOAD, BUDGET);
        mv.visitVarInsn(ILOAD, COUNT);
        mv.visitInsn(ISUB);
        push(length);
        mv.visitJumpInsn(IF_ICMPGE, covered);
        pushPc(first.pc());
        mv.visitVarInsn(LSTORE, NEXT);
        mv.visitVarInsn(ILOAD, COUNT);
        leave();
        mv.visitLabel(covered);
        for (int i = 0; i < length - 1; i++) {
            midLabel(insns.get(i));
            straight(insns.get(i), i);
        }
        Insn last = insns.get(length - 1);
        midLabel(last);
        Op op = last.op();
        if (op == Op.JAL) {
            mv.visitIincInsn(COUNT, length);
            pushPc(last.next());
            write(last.rd());
            goTo(last.pc() + last.imm());
        } else if (op == Op.JALR) {
            read(last.rs1());
            pushLong(last.imm());
            mv.visitInsn(LADD);
            pushLong(~1L);
            mv.visitInsn(LAND);
            mv.visitVarInsn(LSTORE, NEXT);
            pushPc(last.next());
            write(last.rd());
            mv.visitIincInsn(COUNT, length);
            mv.visitVarInsn(ILOAD, COUNT);
            mv.visitVarInsn(ISTORE, EXEC);
            mv.visitJumpInsn(GOTO, exit);
        } else if (op.endsBlock()) { // a conditional branch (endsBlock covers JAL and JALR too)
            branch(last, length);
        } else {
            straight(last, length - 1);
            mv.visitIincInsn(COUNT, length);
            goTo(last.next());
        }
    }

    /** Places the mid-chain entry label of {@code insn}, if it has one. */
    private void midLabel(Insn insn) {
        Label label = mid[offset(insn.pc()) >>> 1];
        if (label != null) {
            mv.visitLabel(label);
        }
    }

    /** Continues at {@code target}: its chain if it is an entry of this unit, else leaves for it. */
    private void goTo(long target) {
        Label label = entryAt(target);
        if (label != null) {
            mv.visitJumpInsn(GOTO, label);
            return;
        }
        pushPc(target);
        mv.visitVarInsn(LSTORE, NEXT);
        mv.visitVarInsn(ILOAD, COUNT);
        mv.visitVarInsn(ISTORE, EXEC);
        mv.visitJumpInsn(GOTO, exit);
    }

    /** With the executed count on the stack and NEXT set: ends the unit's run there. */
    private void leave() {
        mv.visitVarInsn(ISTORE, EXEC);
        mv.visitVarInsn(ALOAD, A);
        mv.visitInsn(ICONST_1);
        mv.visitFieldInsn(PUTFIELD, ACCESS, "leave", "Z");
        mv.visitJumpInsn(GOTO, exit);
    }

    private void epilogue() {
        mv.visitLabel(exit);
        for (int r = 1; r < 32 && !REGS_IN_ARRAY; r++) {
            if (written[r]) {
                mv.visitVarInsn(ALOAD, X);
                push(r);
                mv.visitVarInsn(LLOAD, reg(r));
                mv.visitInsn(LASTORE);
            }
        }
        mv.visitVarInsn(ALOAD, A);
        mv.visitVarInsn(ILOAD, EXEC);
        mv.visitFieldInsn(PUTFIELD, ACCESS, "executed", "I");
        mv.visitVarInsn(LLOAD, NEXT);
        mv.visitInsn(LRETURN);
    }

    private static int reg(int r) {
        return REGS + 2 * (r - 1);
    }

    private void read(int r) {
        if (r == 0) {
            mv.visitInsn(LCONST_0);
        } else if (REGS_IN_ARRAY) {
            mv.visitVarInsn(ALOAD, X);
            push(r);
            mv.visitInsn(LALOAD);
        } else {
            mv.visitVarInsn(LLOAD, reg(r));
        }
    }

    /** Stores the long on the stack into guest register {@code rd} (dropped for x0). */
    private void write(int rd) {
        if (rd == 0) {
            mv.visitInsn(POP2);
        } else if (REGS_IN_ARRAY) {
            mv.visitVarInsn(LSTORE, W);
            mv.visitVarInsn(ALOAD, X);
            push(rd);
            mv.visitVarInsn(LLOAD, W);
            mv.visitInsn(LASTORE);
        } else {
            mv.visitVarInsn(LSTORE, reg(rd));
        }
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    private void pushLong(long value) {
        if (value == 0 || value == 1) {
            mv.visitInsn(value == 0 ? LCONST_0 : LCONST_1);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            push((int) value); // keeps the constant pool of a whole page's unit small
            mv.visitInsn(I2L);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** Pushes guest address {@code pc} (as decoded) relative to the page the unit runs at. */
    private void pushPc(long pc) {
        mv.visitVarInsn(LLOAD, PBASE);
        long delta = pc - decodedBase;
        if (delta != 0) {
            pushLong(delta);
            mv.visitInsn(LADD);
        }
    }

    /** Pushes the executed count after instruction {@code index} (0-based) of the current chain. */
    private void executedAfter(int index) {
        mv.visitVarInsn(ILOAD, COUNT);
        push(index + 1);
        mv.visitInsn(IADD);
    }

    /** Leaves mid-chain for {@code pc} after instruction {@code index} of the chain. */
    private void exitWith(long pc, int index) {
        pushPc(pc);
        mv.visitVarInsn(LSTORE, NEXT);
        executedAfter(index);
        leave();
    }

    /** Emits one instruction that does not transfer control; {@code index} is its place in the chain. */
    private void straight(Insn insn, int index) {
        Op op = insn.op();
        switch (op) {
            case CONST:
                pushLong(insn.imm());
                write(insn.rd());
                return;
            case ADDI: case XORI: case ORI: case ANDI:
                read(insn.rs1());
                pushLong(insn.imm());
                mv.visitInsn(op == Op.ADDI ? LADD : op == Op.XORI ? LXOR : op == Op.ORI ? LOR : LAND);
                write(insn.rd());
                return;
            case SLTI:
                read(insn.rs1());
                pushLong(insn.imm());
                setIf(IFLT);
                write(insn.rd());
                return;
            case SLTIU:
                read(insn.rs1());
                pushLong(SIGN);
                mv.visitInsn(LXOR);
                pushLong(insn.imm() ^ SIGN);
                setIf(IFLT);
                write(insn.rd());
                return;
            case SLLI: case SRLI: case SRAI:
                read(insn.rs1());
                push((int) insn.imm());
                mv.visitInsn(op == Op.SLLI ? LSHL : op == Op.SRLI ? LUSHR : LSHR);
                write(insn.rd());
                return;
            case ADD: case SUB: case XOR: case OR: case AND:
                read(insn.rs1());
                read(insn.rs2());
                mv.visitInsn(op == Op.ADD ? LADD : op == Op.SUB ? LSUB : op == Op.XOR ? LXOR : op == Op.OR ? LOR : LAND);
                write(insn.rd());
                return;
            case SLL: case SRL: case SRA:
                read(insn.rs1());
                read(insn.rs2());
                mv.visitInsn(L2I);
                mv.visitInsn(op == Op.SLL ? LSHL : op == Op.SRL ? LUSHR : LSHR);
                write(insn.rd());
                return;
            case SLT:
                read(insn.rs1());
                read(insn.rs2());
                setIf(IFLT);
                write(insn.rd());
                return;
            case SLTU:
                read(insn.rs1());
                pushLong(SIGN);
                mv.visitInsn(LXOR);
                read(insn.rs2());
                pushLong(SIGN);
                mv.visitInsn(LXOR);
                setIf(IFLT);
                write(insn.rd());
                return;
            case AUIPC:
                pushPc(insn.pc() + insn.imm());
                write(insn.rd());
                return;
            case MULDIVW:
                push((int) insn.imm());
                read(insn.rs1());
                read(insn.rs2());
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "op32", "(IJJ)J", false);
                write(insn.rd());
                return;
            case MULDIV:
                push((int) insn.imm());
                read(insn.rs1());
                read(insn.rs2());
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "multiplyDivide", "(IJJ)J", false);
                write(insn.rd());
                return;
            case ADDIW: case SLLIW: case SRLIW: case SRAIW:
                read(insn.rs1());
                mv.visitInsn(L2I);
                push((int) insn.imm());
                mv.visitInsn(op == Op.ADDIW ? IADD : op == Op.SLLIW ? ISHL : op == Op.SRLIW ? IUSHR : ISHR);
                mv.visitInsn(I2L);
                write(insn.rd());
                return;
            case ADDW: case SUBW: case SLLW: case SRLW: case SRAW:
                read(insn.rs1());
                mv.visitInsn(L2I);
                read(insn.rs2());
                mv.visitInsn(L2I);
                mv.visitInsn(op == Op.ADDW ? IADD : op == Op.SUBW ? ISUB : op == Op.SLLW ? ISHL : op == Op.SRLW ? IUSHR : ISHR);
                mv.visitInsn(I2L);
                write(insn.rd());
                return;
            case LB: case LH: case LW: case LD: case LBU: case LHU: case LWU:
                load(insn, index);
                return;
            case SB: case SH: case SW: case SD:
                store(insn, index);
                return;
            case NOP:
                return;
            default:
                throw new IllegalArgumentException("no straight-line code for " + op);
        }
    }

    /** Replaces the two longs on the stack by 1L if their comparison satisfies {@code cond}, else 0L. */
    private void setIf(int cond) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(cond, yes);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
    }

    /** The branch ending a chain of {@code length} instructions: both sides continue through {@link #goTo}. */
    private void branch(Insn insn, int length) {
        Op op = insn.op();
        mv.visitIincInsn(COUNT, length);
        read(insn.rs1());
        if (op == Op.BLTU || op == Op.BGEU) {
            pushLong(SIGN);
            mv.visitInsn(LXOR);
        }
        read(insn.rs2());
        if (op == Op.BLTU || op == Op.BGEU) {
            pushLong(SIGN);
            mv.visitInsn(LXOR);
        }
        mv.visitInsn(LCMP);
        int cond;
        switch (op) {
            case BEQ: cond = IFEQ; break;
            case BNE: cond = IFNE; break;
            case BLT: case BLTU: cond = IFLT; break;
            default: cond = IFGE; break;
        }
        Label taken = entryAt(insn.pc() + insn.imm());
        if (taken != null) {
            mv.visitJumpInsn(cond, taken);
            goTo(insn.next());
        } else {
            Label away = new Label();
            mv.visitJumpInsn(cond, away);
            goTo(insn.next());
            mv.visitLabel(away);
            goTo(insn.pc() + insn.imm());
        }
    }

    /** va = rs1 + imm; t = TLB index; PAGEKEY = vpn | dataKey. */
    private void address(Insn insn) {
        read(insn.rs1());
        pushLong(insn.imm());
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, VA);
        mv.visitVarInsn(LLOAD, VA);
        push(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LLOAD, KEY);
        mv.visitInsn(LOR);
        mv.visitVarInsn(LSTORE, PAGEKEY);
        mv.visitInsn(L2I);
        push(TranslationAccessConstants.TLB_MASK);
        mv.visitInsn(IAND);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISHL);
        mv.visitVarInsn(ISTORE, T);
    }

    private void tlbWord(int base) {
        mv.visitVarInsn(ALOAD, TLB);
        mv.visitVarInsn(ILOAD, T);
        push(base);
        mv.visitInsn(IADD);
        mv.visitInsn(LALOAD);
    }

    /** Jumps to {@code slow} unless va is aligned to {@code 1 << sizeLog2}. */
    private void alignment(int sizeLog2, Label slow) {
        if (sizeLog2 == 0) {
            return;
        }
        mv.visitVarInsn(LLOAD, VA);
        pushLong((1L << sizeLog2) - 1);
        mv.visitInsn(LAND);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
    }

    /** O = (int) (va + tlb[base + t + 1]). */
    private void ramOffset(int base) {
        mv.visitVarInsn(LLOAD, VA);
        tlbWord(base + 1);
        mv.visitInsn(LADD);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, O);
    }

    private void word(int plus) {
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(ILOAD, O);
        mv.visitInsn(ICONST_2);
        mv.visitInsn(IUSHR);
        if (plus != 0) {
            push(plus);
            mv.visitInsn(IADD);
        }
    }

    /** The bit shift of the byte (mask 3) or halfword (mask 2) at O within its word. */
    private void subwordShift(int mask) {
        mv.visitVarInsn(ILOAD, O);
        push(mask);
        mv.visitInsn(IAND);
        mv.visitInsn(ICONST_3);
        mv.visitInsn(ISHL);
    }

    private static int kind(Op op) {
        switch (op) {
            case LB: return 0;
            case LH: return 1;
            case LW: return 2;
            case LD: return 3;
            case LBU: return 4;
            case LHU: return 5;
            default: return 6;
        }
    }

    private void load(Insn insn, int index) {
        int kind = kind(insn.op());
        int sizeLog2 = kind & 3;
        Label slow = new Label();
        Label done = new Label();
        address(insn);
        tlbWord(TranslationAccessConstants.LOAD_TLB);
        mv.visitVarInsn(LLOAD, PAGEKEY);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        alignment(sizeLog2, slow);
        ramOffset(TranslationAccessConstants.LOAD_TLB);
        switch (insn.op()) {
            case LD:
                word(0);
                mv.visitInsn(IALOAD);
                mv.visitInsn(I2L);
                pushLong(0xffff_ffffL);
                mv.visitInsn(LAND);
                word(1);
                mv.visitInsn(IALOAD);
                mv.visitInsn(I2L);
                push(32);
                mv.visitInsn(LSHL);
                mv.visitInsn(LOR);
                break;
            case LW:
                word(0);
                mv.visitInsn(IALOAD);
                mv.visitInsn(I2L);
                break;
            case LWU:
                word(0);
                mv.visitInsn(IALOAD);
                mv.visitInsn(I2L);
                pushLong(0xffff_ffffL);
                mv.visitInsn(LAND);
                break;
            default: { // bytes and halfwords
                boolean half = insn.op() == Op.LH || insn.op() == Op.LHU;
                word(0);
                mv.visitInsn(IALOAD);
                subwordShift(half ? 2 : 3);
                mv.visitInsn(IUSHR);
                if (insn.op() == Op.LB) {
                    mv.visitInsn(I2B);
                } else if (insn.op() == Op.LH) {
                    mv.visitInsn(I2S);
                } else {
                    push(half ? 0xffff : 0xff);
                    mv.visitInsn(IAND);
                }
                mv.visitInsn(I2L);
                break;
            }
        }
        write(insn.rd());
        mv.visitLabel(done);
        outOfLine.add(() -> {
            mv.visitLabel(slow);
            mv.visitVarInsn(ALOAD, A);
            mv.visitVarInsn(LLOAD, VA);
            push(kind);
            executedAfter(index);
            mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "loadSlow", "(JII)J", false);
            mv.visitVarInsn(LSTORE, V);
            trapCheck(insn, index);
            mv.visitVarInsn(LLOAD, V);
            write(insn.rd());
            stopCheck(insn, index);
            mv.visitJumpInsn(GOTO, done);
        });
    }

    /** After a slow path: a pending trap is taken at this instruction and ends the block. */
    private void trapCheck(Insn insn, int index) {
        Label none = new Label();
        mv.visitVarInsn(ALOAD, A);
        mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "trapPending", "()Z", false);
        mv.visitJumpInsn(IFEQ, none);
        mv.visitVarInsn(ALOAD, A);
        pushPc(insn.pc());
        mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "takePendingTrap", "(J)J", false);
        mv.visitVarInsn(LSTORE, NEXT);
        executedAfter(index);
        leave();
        mv.visitLabel(none);
    }

    /** After a slow path: a device that asked for a stop ends the block after this instruction. */
    private void stopCheck(Insn insn, int index) {
        Label none = new Label();
        mv.visitVarInsn(ALOAD, A);
        mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "stopRequested", "()Z", false);
        mv.visitJumpInsn(IFEQ, none);
        exitWith(insn.next(), index);
        mv.visitLabel(none);
    }

    /** After a store into code: if it dropped this block, end after this instruction. */
    private void invalidationCheck(Insn insn, int index) {
        Label none = new Label();
        mv.visitVarInsn(ALOAD, A);
        mv.visitFieldInsn(GETFIELD, ACCESS, "blockInvalidated", "Z");
        mv.visitJumpInsn(IFEQ, none);
        exitWith(insn.next(), index);
        mv.visitLabel(none);
    }

    private static int sizeLog2(Op op) {
        switch (op) {
            case SB: return 0;
            case SH: return 1;
            case SW: return 2;
            default: return 3;
        }
    }

    private void store(Insn insn, int index) {
        int sizeLog2 = sizeLog2(insn.op());
        Label slow = new Label();
        Label code = new Label();
        Label done = new Label();
        address(insn);
        tlbWord(TranslationAccessConstants.STORE_TLB);
        mv.visitVarInsn(LSTORE, TAG);
        mv.visitVarInsn(LLOAD, TAG);
        pushLong(~TranslationAccessConstants.CODE_PAGE);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LLOAD, PAGEKEY);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        alignment(sizeLog2, slow);
        ramOffset(TranslationAccessConstants.STORE_TLB);
        mv.visitVarInsn(LLOAD, TAG);
        mv.visitVarInsn(LLOAD, PAGEKEY);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, code);
        storeWrite(insn, sizeLog2);
        mv.visitLabel(done);
        outOfLine.add(() -> {
            // A page holding decoded code: RAM drops what the store overwrites first.
            mv.visitLabel(code);
            mv.visitVarInsn(ALOAD, A);
            mv.visitVarInsn(ILOAD, O);
            push(1 << sizeLog2);
            mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "codeWritten", "(II)V", false);
            storeWrite(insn, sizeLog2);
            invalidationCheck(insn, index);
            mv.visitJumpInsn(GOTO, done);

            mv.visitLabel(slow);
            mv.visitVarInsn(ALOAD, A);
            mv.visitVarInsn(LLOAD, VA);
            push(sizeLog2);
            read(insn.rs2());
            executedAfter(index);
            mv.visitMethodInsn(INVOKEVIRTUAL, ACCESS, "storeSlow", "(JIJI)V", false);
            trapCheck(insn, index);
            stopCheck(insn, index);
            invalidationCheck(insn, index);
            mv.visitJumpInsn(GOTO, done);
        });
    }

    private void storeWrite(Insn insn, int sizeLog2) {
        switch (sizeLog2) {
            case 3:
                word(0);
                read(insn.rs2());
                mv.visitInsn(L2I);
                mv.visitInsn(IASTORE);
                word(1);
                read(insn.rs2());
                push(32);
                mv.visitInsn(LUSHR);
                mv.visitInsn(L2I);
                mv.visitInsn(IASTORE);
                break;
            case 2:
                word(0);
                read(insn.rs2());
                mv.visitInsn(L2I);
                mv.visitInsn(IASTORE);
                break;
            default: {
                int mask = sizeLog2 == 1 ? 0xffff : 0xff;
                int shiftMask = sizeLog2 == 1 ? 2 : 3;
                word(0);
                mv.visitInsn(DUP2);
                mv.visitInsn(IALOAD);
                push(mask);
                subwordShift(shiftMask);
                mv.visitInsn(ISHL);
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
                mv.visitInsn(IAND);
                read(insn.rs2());
                mv.visitInsn(L2I);
                push(mask);
                mv.visitInsn(IAND);
                subwordShift(shiftMask);
                mv.visitInsn(ISHL);
                mv.visitInsn(IOR);
                mv.visitInsn(IASTORE);
                break;
            }
        }
    }
}
