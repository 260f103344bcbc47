package dev.termpress.generator.check;

import dev.termpress.generator.build.SiteReader.Demo;

/**
 * Where {@link Doctest} runs demo blocks: the JVM emulator ({@link DemoChecker}) or Chromium
 * ({@code check.browser}). The host boots; the doctest types, compares and reports.
 */
public interface DemoHost {

    /**
     * A shell waiting at its prompt, ready for the block's first command.
     *
     * @throws NoShellException with a one-line reason when the block cannot run at all
     */
    DemoShell open(Demo demo) throws NoShellException;

    /**
     * The block is done with {@code shell}; {@code healthy} is false when a command never got back
     * to the prompt, so the shell must not run anything else.
     */
    void release(Demo demo, DemoShell shell, boolean healthy);

    /** Machines booted so far. */
    int boots();
}
