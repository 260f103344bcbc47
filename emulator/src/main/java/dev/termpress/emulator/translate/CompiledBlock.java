package dev.termpress.emulator.translate;

import dev.termpress.emulator.cpu.TranslationAccess;

/**
 * Host code for one {@link Block}. Entered at the block's first instruction with at least the
 * block's length of budget; it runs the block (again, while it loops to its own start and the
 * budget still covers a whole pass), leaves registers, counters and traps exactly as the
 * interpreter would, stores {@link TranslationAccess#executed} and returns the next pc.
 */
public abstract class CompiledBlock {

    /** Runs from the block start with {@code budget} instructions allowed; returns the next pc. */
    public abstract long run(TranslationAccess access, int budget);
}
