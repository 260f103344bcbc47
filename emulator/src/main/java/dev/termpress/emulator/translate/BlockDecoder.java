package dev.termpress.emulator.translate;

import dev.termpress.emulator.cpu.Decoder;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * The front end: reads a block's instructions from the decode cache (the same decoding the
 * interpreter runs) and turns them into IR, up to the first branch or jump, an instruction the
 * IR leaves to the interpreter (system, atomics, floating point, the M extension's W forms,
 * illegal), the page end, or {@link #MAX_INSNS}. Conditional branches stay inside: a block is a
 * straight path through them (a superblock) with their taken sides as exits.
 */
public final class BlockDecoder {

    /** Keeps generated methods well under HotSpot's 8000-byte limit for compiling a method. */
    public static final int MAX_INSNS = 32;

    private BlockDecoder() {
    }

    /** The block at {@code pc} (RAM offset {@code ramOffset}), or null if its first instruction is not covered. */
    public static Block decode(TranslationAccess access, long pc, long ramOffset) {
        List<Insn> insns = new ArrayList<>();
        long at = pc;
        long offset = ramOffset;
        while (insns.size() < MAX_INSNS) {
            long word = access.decoded(at, (int) offset);
            if (word == 0) {
                break;
            }
            Insn insn = toIr((int) (word >>> 32), (int) word, at);
            if (insn == null) {
                break;
            }
            insns.add(insn);
            if (insn.op() == Op.JAL || insn.op() == Op.JALR) {
                break;
            }
            // A conditional branch does not end the block: its taken side leaves it (a side exit, or
            // another pass when it goes back to the start), the block goes on along the fall-through.
            // Blocks of a few instructions spent most of their time getting in and out.
            at = insn.next();
            offset += insn.length();
            if ((at & 0xfff) == 0) {
                break; // the next page may map elsewhere
            }
        }
        return insns.isEmpty() ? null : new Block(pc, ramOffset, List.copyOf(insns));
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
                op = Op.CONST;
                value = pc + imm;
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
                return null; // SYSTEM, AMO, FP, OP_32, ILLEGAL: the interpreter's
        }
        return new Insn(op, rd, rs1, rs2, value, pc, length);
    }
}
