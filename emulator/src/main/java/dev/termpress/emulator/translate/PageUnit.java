package dev.termpress.emulator.translate;

/**
 * What the translator knows about one RAM page: how often control arrived on it, the entry pcs
 * seen, and its compiled unit once hot.
 */
final class PageUnit {

    final int page;
    /** Arrivals on the page (from another page, after a trap, or a sample) since it was last compiled or dropped. */
    int hits;
    /** Page offsets control arrived at: the entries the next compilation starts from. */
    final long[] seen = new long[Block.ENTRY_WORDS];
    Block block;
    CompiledBlock code;
    /** Bits of the halfwords compiled code was built from (null: none), for invalidation. */
    long[] covered;
    /** Bumped whenever the unit is dropped or demoted, so a compilation that finishes late is not installed. */
    int version;
    /** Handed to the background compiler and not back yet. */
    boolean queued;
    /** Compilations of this page so far; a page that keeps growing entries stops being recompiled. */
    int compilations;
    /** The decoder's instruction limit: halved when the method came out too big for HotSpot. */
    int limit = BlockDecoder.MAX_INSNS;
    /** Unit runs and the instructions they and the steps beside them ran, in the current window. */
    int windowRuns;
    long windowTranslated;
    long windowBeside;
    /** Left to the interpreter: its unit ran too few instructions per entry to pay for the entries. */
    boolean demoted;

    PageUnit(int page) {
        this.page = page;
    }

    /** Records an arrival at page offset {@code offset}. */
    void arrived(int offset) {
        hits++;
        Block.set(seen, offset);
    }

    /** Halfwords where the installed unit may be entered: its block's entries, or every instruction. */
    long[] enterable;

    /** Whether the compiled code may be entered at {@code offset}. */
    boolean enters(int offset) {
        return code != null && Block.isSet(enterable, offset);
    }

    /** Sets what {@link #enters} answers for {@code b}'s unit: its entries, or any of its instructions. */
    void enterAt(Block b, boolean anyInstruction) {
        if (!anyInstruction) {
            enterable = b.entries();
            return;
        }
        long[] bits = b.entries().clone();
        long base = b.pageBase();
        for (Insn insn : b.insns()) {
            Block.set(bits, (int) (insn.pc() - base));
        }
        enterable = bits;
    }

    /** Whether any compiled code was built from bytes [offset, offset + length) of this page. */
    boolean covers(int offset, int length) {
        long[] bits = covered;
        if (bits == null) {
            return false;
        }
        // The halfword before: an instruction there may extend into the written bytes.
        int from = Math.max(offset - 2, 0) & 0xffe;
        int to = Math.min(offset + length, 4096);
        for (int b = from; b < to; b += 2) {
            if (Block.isSet(bits, b)) {
                return true;
            }
        }
        return false;
    }

    /** Marks the bytes of {@code block}'s instructions as compiled. */
    void cover(Block b) {
        long[] bits = new long[Block.ENTRY_WORDS];
        long base = b.pageBase();
        for (Insn insn : b.insns()) {
            int offset = (int) (insn.pc() - base);
            Block.set(bits, offset);
            if (insn.length() == 4) {
                Block.set(bits, offset + 2);
            }
        }
        covered = bits;
    }
}
