package dev.termpress.generator.cli;

/** Process exit statuses. */
final class ExitCodes {

    static final int OK = 0;
    /** The site's input is wrong; the messages say where. */
    static final int BAD_INPUT = 1;
    /** Wrong command-line usage (picocli's own code). */
    static final int USAGE = 2;
    /** A bug in termpress. */
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
