package dev.termpress.emulator.translate;

/**
 * One guest instruction in the IR.
 *
 * @param op what it does
 * @param rd destination register, 0 when the result is discarded
 * @param rs1 first source register (0 reads zero)
 * @param rs2 second source register, or the stored value's register
 * @param imm the immediate, shift amount, branch offset, or constant
 * @param pc its guest virtual address
 * @param length 2 (compressed) or 4 bytes
 */
public record Insn(Op op, int rd, int rs1, int rs2, long imm, long pc, int length) {

    /** The pc of the next instruction in sequence. */
    public long next() {
        return pc + length;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(pc) + ": " + op.name().toLowerCase() + " rd=x" + rd + " rs1=x" + rs1
                + " rs2=x" + rs2 + " imm=" + imm;
    }
}
