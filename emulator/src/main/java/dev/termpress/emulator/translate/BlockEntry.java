package dev.termpress.emulator.translate;

/** What the translator knows about one block start: how often it ran, and its code once hot. */
final class BlockEntry {

    final long ramOffset;
    int hits;
    /** Compilation was tried and failed (the block stays on the interpreter). */
    boolean failed;
    Block block;
    CompiledBlock code;
    int size;
    /** RAM offsets of the guest code the block was built from: [start, end). */
    long start;
    long end;

    BlockEntry(long ramOffset) {
        this.ramOffset = ramOffset;
    }
}
