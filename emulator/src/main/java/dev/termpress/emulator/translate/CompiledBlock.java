package dev.termpress.emulator.translate;

import dev.termpress.emulator.cpu.TranslationAccess;

/**
 * Host code for one {@link Block} (a page's hot code). Entered at one of the block's entries with
 * the remaining budget; it runs chain after chain while the budget covers the next one whole,
 * leaves registers, counters and traps exactly as the interpreter would, stores
 * {@link TranslationAccess#executed} and returns the next pc. It holds no machine state, so one
 * instance serves every machine whose page holds the same code.
 */
public abstract class CompiledBlock {

    /**
     * Whether the unit can run: false while a host compiles it asynchronously (the browser's {@code
     * WebAssembly.compile}); the translator installs it only once ready, and not at all if its page
     * was written in between.
     */
    public boolean ready() {
        return true;
    }

    /** Runs from entry {@code pc} with {@code budget} instructions allowed; returns the next pc. */
    public abstract long run(TranslationAccess access, int budget, long pc);
}
