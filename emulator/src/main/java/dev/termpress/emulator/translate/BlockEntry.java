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
    /** Bumped whenever the entry is dropped, so a compilation that finishes late is not installed. */
    int version;
    /** Handed to the background compiler and not back yet. */
    boolean queued;
    /** The last block this one continued into on its own page, and that block's pc. */
    BlockEntry chainEntry;
    long chainPc = -1;

    BlockEntry(long ramOffset) {
        this.ramOffset = ramOffset;
    }
}
