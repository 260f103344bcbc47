package dev.termpress.emulator.cpu;

/**
 * Runs guest code in place of the interpreter loop, with its contract: up to {@code budget}
 * instructions from {@link Cpu#pc()}, returning early after an instruction that requests a stop,
 * WFI or a halt. The JVM host installs a translating one ({@link Cpu#setAccelerator}); without one
 * (always so in the browser today) the interpreter runs.
 */
public interface Accelerator {

    /** Runs up to {@code budget} instructions, as {@link TranslationAccess#interpret} would. */
    void execute(int budget);
}
