package dev.termpress.maven;

import dev.termpress.generator.cli.TermpressCommand;
import dev.termpress.generator.registry.EnvironmentProxies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import picocli.CommandLine;

/**
 * Runs a termpress command in Maven's JVM, exactly as the {@code termpress} command line would
 * (same parser, same messages), and turns its exit status into Maven's two kinds of failure.
 */
final class TermpressCli {

    /** The command line's status for bad input (a demo that does not match, a broken page). */
    private static final int BAD_INPUT = 1;

    private TermpressCli() {
    }

    /**
     * @throws MojoFailureException when termpress reports a problem with the site (exit status 1), so
     *     the build fails with termpress's {@code file:line} messages
     * @throws MojoExecutionException when termpress itself fails
     */
    static void run(Log log, List<String> args) throws MojoExecutionException, MojoFailureException {
        log.info("termpress " + String.join(" ", args));
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(new TeeWriter(err, new PrintWriter(System.err, true)), true);
        // As the command line's main does; in Maven's JVM it helps only if no JDK HTTP client ran yet.
        EnvironmentProxies.allowBasicTunnelLogins(System.getenv());
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(errWriter);
        int status = cli.execute(args.toArray(String[]::new));
        errWriter.flush();
        if (status == 0) {
            return;
        }
        String message = "termpress " + args.get(0) + " failed (exit status " + status + ")"
                + (err.toString().isBlank() ? "" : ":\n" + err.toString().strip());
        if (status == BAD_INPUT) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message);
    }
}
