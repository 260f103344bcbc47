package dev.termpress.generator.cli;

import dev.termpress.generator.build.Progress;
import dev.termpress.generator.diag.BuildException;
import java.io.PrintWriter;

/** Console helpers shared by the verbs. */
final class Terminal {

    private Terminal() {}

    /** Whether a person is watching: a console and not a CI job. */
    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** Live progress on a terminal, nothing otherwise. */
    static Progress progress() {
        return interactive() ? Progress.terminal(System.err) : Progress.QUIET;
    }

    /** Prints each problem on its own line and returns the exit status for bad input. */
    static int report(BuildException e, PrintWriter err) {
        e.errors().forEach(error -> err.println("error: " + error.format()));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
