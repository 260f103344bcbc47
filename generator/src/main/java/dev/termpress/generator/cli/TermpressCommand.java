package dev.termpress.generator.cli;

import dev.termpress.generator.registry.EnvironmentProxies;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code termpress} command; each verb is its own class, listed in {@link #VERBS}. */
@Command(
        name = "termpress",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Static sites with live Linux terminals: Markdown in, HTML out.",
        subcommands = {CommandLine.HelpCommand.class})
public final class TermpressCommand implements Runnable {

    /**
     * The verbs; adding one is a new class plus one entry here. Classes, not instances: picocli makes
     * fresh ones for each command line, so options parsed by one never show up in another.
     */
    static final List<Class<?>> VERBS = List.of(InitCommand.class, BuildCommand.class, ServeCommand.class,
            CheckCommand.class, RunCommand.class, UpdateCommand.class, CleanCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TermpressCommand());
        for (Class<?> verb : VERBS) {
            cli.addSubcommand(verb);
        }
        cli.setExecutionExceptionHandler(new InternalErrorHandler());
        return cli;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Before any HTTP client exists: the JDK reads this setting once.
        EnvironmentProxies.allowBasicTunnelLogins(System.getenv());
        System.exit(commandLine().execute(args));
    }
}
