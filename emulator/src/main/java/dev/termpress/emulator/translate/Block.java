package dev.termpress.emulator.translate;

import java.util.List;

/**
 * A straight run of guest instructions on one page, through conditional branches (their taken
 * sides leave it), ending at a jump, before an instruction the IR does not cover, at the page
 * end or at the length limit.
 *
 * @param startPc guest virtual address of the first instruction
 * @param ramOffset its RAM offset (physical address minus RAM base): the block's key
 * @param insns the instructions in order
 */
public record Block(long startPc, long ramOffset, List<Insn> insns) {

    public int size() {
        return insns.size();
    }

    /** Bytes of guest code the block was decoded from. */
    public int byteLength() {
        Insn last = insns.get(insns.size() - 1);
        return (int) (last.next() - startPc);
    }

    /** The pc after the last instruction (where a block without a final jump continues). */
    public long fallThrough() {
        return insns.get(insns.size() - 1).next();
    }

    /** The instruction at {@code pc}, or null. */
    public Insn at(long pc) {
        for (Insn insn : insns) {
            if (insn.pc() == pc) {
                return insn;
            }
        }
        return null;
    }
}
