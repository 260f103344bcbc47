package dev.termpress.emulator.translate;

import dev.termpress.emulator.cpu.Decoder;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The front end: reads a page's hot code from the decode cache (the same decoding the
 * interpreter runs) into a {@link Block}, following control flow from the given entries in
 * breadth-first order, so that a size limit keeps what lies nearest to them. Instructions the IR
 * leaves to the interpreter (system, atomics, floating point, illegal) and 32-bit instructions
 * crossing the page end are not part of a unit; the instruction after one becomes an entry, so
 * the unit takes over again once the interpreter has run it.
 */
public final class BlockDecoder {

    /**
     * Instructions per unit by default: a whole page (the JVM back end writes a method per chain,
     * so the unit's size is not bound by HotSpot's method limit); halved when a back end refuses.
     */
    public static final int MAX_INSNS = 2048;

    private BlockDecoder() {
    }

    /**
     * The unit for the page of {@code pc} (at RAM offset {@code ramOffset}, mapped for fetch now),
     * entered at {@code pc} and at the page offsets set in {@code wanted} where those hold
     * instructions the IR covers; null if none does.
     */
    public static Block decode(TranslationAccess access, long pc, long ramOffset, long[] wanted, int maxInsns) {
        long pageBase = pc & ~0xfffL;
        long ramBase = ramOffset & ~0xfffL;
        Insn[] at = new Insn[2048];
        boolean[] seen = new boolean[2048];
        long[] leaders = new long[Block.ENTRY_WORDS];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        int first = (int) (pc & 0xfff);
        work.add(first);
        Block.set(leaders, first);
        for (int w = 0; w < Block.ENTRY_WORDS; w++) {
            for (long bits = wanted[w]; bits != 0; bits &= bits - 1) {
                int offset = (w << 7) | (Long.numberOfTrailingZeros(bits) << 1);
                work.add(offset);
                Block.set(leaders, offset);
            }
        }
        int count = 0;
        while (!work.isEmpty() && count < maxInsns) {
            int offset = work.poll();
            if (seen[offset >>> 1]) {
                continue;
            }
            seen[offset >>> 1] = true;
            long word = access.decoded(pageBase + offset, (int) (ramBase + offset));
            Insn insn = word == 0 ? null : toIr((int) (word >>> 32), (int) word, pageBase + offset);
            int after;
            if (insn == null) {
                // Left to the interpreter: the unit resumes after it (a compressed or a full instruction).
                int entry = word == 0 ? 0 : (int) (word >>> 32);
                after = word == 0 ? 4096 : offset + ((entry & Decoder.COMPRESSED) != 0 ? 2 : 4);
                follow(after, work, leaders);
                continue;
            }
            at[offset >>> 1] = insn;
            count++;
            after = offset + insn.length();
            Op op = insn.op();
            if (op == Op.JAL || op == Op.JALR) {
                if (op == Op.JAL) {
                    follow(offset + insn.imm(), work, leaders);
                }
                if (insn.rd() != 0) {
                    follow(after, work, leaders); // where the call returns to
                }
            } else if (op.endsBlock()) {
                follow(offset + insn.imm(), work, leaders);
                follow(after, work, leaders);
            } else if (after < 4096) {
                work.add(after);
            }
        }
        if (count == 0) {
            return null;
        }
        List<Insn> insns = new ArrayList<>(count);
        long[] entries = new long[Block.ENTRY_WORDS];
        for (int i = 0; i < at.length; i++) {
            if (at[i] != null) {
                insns.add(at[i]);
                if (Block.isSet(leaders, i << 1)) {
                    Block.set(entries, i << 1);
                }
            }
        }
        return new Block(pc, ramOffset, List.copyOf(insns), entries);
    }

    /** A control-flow target on the page: a leader, decoded later. */
    private static void follow(long offset, ArrayDeque<Integer> work, long[] leaders) {
        if (offset >= 0 && offset < 4096) {
            Block.set(leaders, (int) offset);
            work.add((int) offset);
        }
    }

    /** One decode-cache entry as IR; null for what the interpreter keeps. */
    static Insn toIr(int entry, int imm, long pc) {
        int rdField = (entry >>> Decoder.RD_SHIFT) & Decoder.RD_MASK;
        int rd = rdField == Decoder.SINK ? 0 : rdField;
        int rs1 = (entry >>> Decoder.RS1_SHIFT) & 31;
        int rs2 = (entry >>> Decoder.RS2_SHIFT) & 31;
        int length = (entry & Decoder.COMPRESSED) != 0 ? 2 : 4;
        Op op;
        long value = imm;
        switch (entry & Decoder.OP_MASK) {
            case Decoder.ADDI:
                if (rs1 == 0) {
                    op = Op.CONST;
                } else {
                    op = Op.ADDI;
                }
                break;
            case Decoder.AUIPC:
                op = Op.AUIPC;
                break;
            case Decoder.SLTI: op = Op.SLTI; break;
            case Decoder.SLTIU: op = Op.SLTIU; break;
            case Decoder.XORI: op = Op.XORI; break;
            case Decoder.ORI: op = Op.ORI; break;
            case Decoder.ANDI: op = Op.ANDI; break;
            case Decoder.SLLI: op = Op.SLLI; break;
            case Decoder.SRLI: op = Op.SRLI; break;
            case Decoder.SRAI: op = Op.SRAI; break;
            case Decoder.ADD: op = Op.ADD; break;
            case Decoder.SUB: op = Op.SUB; break;
            case Decoder.SLL: op = Op.SLL; break;
            case Decoder.SLT: op = Op.SLT; break;
            case Decoder.SLTU: op = Op.SLTU; break;
            case Decoder.XOR: op = Op.XOR; break;
            case Decoder.SRL: op = Op.SRL; break;
            case Decoder.SRA: op = Op.SRA; break;
            case Decoder.OR: op = Op.OR; break;
            case Decoder.AND: op = Op.AND; break;
            case Decoder.MULDIV:
                op = Op.MULDIV;
                value = (entry >>> Decoder.FUNCT3_SHIFT) & 7;
                break;
            case Decoder.OP_32:
                // The M extension's word forms; other OP-32 encodings are reserved (illegal).
                int funct3 = (imm >>> 12) & 7;
                if ((imm >>> 25) != 1 || funct3 == 1 || funct3 == 2 || funct3 == 3) {
                    return null;
                }
                // The decode-cache entry carries no register fields for OP-32: read them from the instruction.
                return new Insn(Op.MULDIVW, (imm >>> 7) & 31, (imm >>> 15) & 31, (imm >>> 20) & 31, imm, pc, length);
            case Decoder.ADDIW: op = Op.ADDIW; break;
            case Decoder.SLLIW: op = Op.SLLIW; break;
            case Decoder.SRLIW: op = Op.SRLIW; break;
            case Decoder.SRAIW: op = Op.SRAIW; break;
            case Decoder.ADDW: op = Op.ADDW; break;
            case Decoder.SUBW: op = Op.SUBW; break;
            case Decoder.SLLW: op = Op.SLLW; break;
            case Decoder.SRLW: op = Op.SRLW; break;
            case Decoder.SRAW: op = Op.SRAW; break;
            case Decoder.LB: op = Op.LB; break;
            case Decoder.LH: op = Op.LH; break;
            case Decoder.LW: op = Op.LW; break;
            case Decoder.LD: op = Op.LD; break;
            case Decoder.LBU: op = Op.LBU; break;
            case Decoder.LHU: op = Op.LHU; break;
            case Decoder.LWU: op = Op.LWU; break;
            case Decoder.SB: op = Op.SB; break;
            case Decoder.SH: op = Op.SH; break;
            case Decoder.SW: op = Op.SW; break;
            case Decoder.SD: op = Op.SD; break;
            case Decoder.BEQ: op = Op.BEQ; break;
            case Decoder.BNE: op = Op.BNE; break;
            case Decoder.BLT: op = Op.BLT; break;
            case Decoder.BGE: op = Op.BGE; break;
            case Decoder.BLTU: op = Op.BLTU; break;
            case Decoder.BGEU: op = Op.BGEU; break;
            case Decoder.JAL: op = Op.JAL; break;
            case Decoder.JALR: op = Op.JALR; break;
            case Decoder.FENCE: op = Op.NOP; break;
            default:
                return null; // SYSTEM, AMO, FP, ILLEGAL: the interpreter's
        }
        return new Insn(op, rd, rs1, rs2, value, pc, length);
    }
}
