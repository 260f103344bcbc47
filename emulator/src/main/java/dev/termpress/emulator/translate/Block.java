package dev.termpress.emulator.translate;

import java.util.List;

/**
 * A compile unit: the hot code of one guest page, found by following control flow from the
 * entries that ran (fall-through, branches and jumps that stay on the page, the return point after
 * a call), up to instructions the IR leaves to the interpreter, the page end or a size limit. It
 * is entered at any of its {@link #entries} (leaders: entries seen, branch and jump targets, the
 * instruction after a branch, a call or an instruction left to the interpreter) and leaves it
 * where control goes off the unit.
 *
 * @param startPc guest virtual address of the entry that made the page hot (pcs below are
 *     relative to its page when code is generated, so a unit runs wherever its page is mapped)
 * @param ramOffset that entry's RAM offset (physical address minus RAM base)
 * @param insns the instructions, in address order
 * @param entries a bit per halfword of the page: where the unit may be entered
 */
public record Block(long startPc, long ramOffset, List<Insn> insns, long[] entries) {

    /** Longs in an entry bit set: one bit per halfword of a 4 KiB page. */
    public static final int ENTRY_WORDS = 4096 / 2 / 64;

    public int size() {
        return insns.size();
    }

    /** The guest virtual address of the page the unit was decoded at. */
    public long pageBase() {
        return startPc & ~0xfffL;
    }

    /** Whether the unit may be entered at page offset {@code offset}. */
    public boolean isEntry(int offset) {
        return isSet(entries, offset);
    }

    /** Whether halfword bit {@code offset >>> 1} is set in {@code bits}. */
    public static boolean isSet(long[] bits, int offset) {
        return (bits[offset >>> 7] & (1L << ((offset >>> 1) & 63))) != 0;
    }

    /** Sets halfword bit {@code offset >>> 1} in {@code bits}. */
    public static void set(long[] bits, int offset) {
        bits[offset >>> 7] |= 1L << ((offset >>> 1) & 63);
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
