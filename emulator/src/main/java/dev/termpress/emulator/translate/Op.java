package dev.termpress.emulator.translate;

/**
 * The operations of the translation IR: the guest's integer instructions with the decoding done
 * (register numbers and immediates extracted, pc-relative values folded to constants). Nothing
 * here knows a back end; each back end turns a {@link Block} of these into its own code.
 */
public enum Op {
    /** rd = imm (LUI, and ADDI from x0). */
    CONST,
    /** rd = pc + imm (AUIPC): kept pc-relative so a unit runs at any virtual address. */
    AUIPC,
    ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI,
    ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND,
    /** The M extension on 64 bits; {@link Insn#imm} holds funct3. */
    MULDIV,
    /** The M extension's word forms (MULW, DIVW, DIVUW, REMW, REMUW); {@link Insn#imm} holds the raw instruction. */
    MULDIVW,
    ADDIW, SLLIW, SRLIW, SRAIW, ADDW, SUBW, SLLW, SRLW, SRAW,
    LB, LH, LW, LD, LBU, LHU, LWU,
    SB, SH, SW, SD,
    BEQ, BNE, BLT, BGE, BLTU, BGEU,
    /** rd = pc + length, jump to pc + imm. */
    JAL,
    /** rd = pc + length, jump to (rs1 + imm) & ~1. */
    JALR,
    /** FENCE: orders nothing on one hart. */
    NOP;

    /** Whether the instruction ends a block (a branch or jump). */
    public boolean endsBlock() {
        return compareTo(BEQ) >= 0 && compareTo(JALR) <= 0;
    }

    /** Loads and stores: the instructions that may take a slow path, trap or touch a device. */
    public boolean accessesMemory() {
        return compareTo(LB) >= 0 && compareTo(SD) <= 0;
    }
}
