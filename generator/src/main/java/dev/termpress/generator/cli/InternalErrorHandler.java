package dev.termpress.generator.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an unexpected exception into a short message and exit status 3 instead of a bare stack trace. */
final class InternalErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        cli.getErr().println("termpress: internal error: " + e);
        if (System.getenv("TERMPRESS_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("(set TERMPRESS_DEBUG=1 for the stack trace, and please report it)");
        }
        return ExitCodes.INTERNAL;
    }
}
