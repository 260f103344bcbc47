package dev.termpress.generator.cli;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.BuildResult;
import dev.termpress.generator.build.IncrementalBuilder;
import dev.termpress.generator.build.SourceChanges;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.serve.DevServer;
import dev.termpress.generator.serve.SourceWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code termpress serve}: builds, serves on localhost and, when sources change, updates the output (only the
 * pages an edit affects; see {@link IncrementalBuilder}) and reloads the open pages once it is written.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Build the site, serve it on localhost and rebuild + reload pages when sources change.")
final class ServeCommand implements Callable<Integer> {

    /** How long one wait for a source change lasts before it is taken up again. */
    private static final long WAIT_MILLIS = 60_000;

    @Mixin
    SiteArgs site;

    @Option(names = {"-p", "--port"}, defaultValue = "4000", description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--drafts", description = "Also build pages marked draft: true.")
    boolean drafts;

    @Mixin
    ImageOptions images;

    @Option(names = "--no-reload", negatable = false, description = "Do not watch sources or reload pages.")
    boolean noReload;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildOptions options = new BuildOptions(site.siteDir(), site.outputDir(), null, drafts, images.settings(err));
        IncrementalBuilder builder = new IncrementalBuilder(Publishers.standard(), Terminal.progress());
        // Watching starts before the first build, so an edit made while it runs is not missed.
        try (SourceWatcher watcher = new SourceWatcher(options.siteDir())) {
            build(builder, options, SourceChanges.UNKNOWN, out, err);
            // Rebuilds after an edit follow the pins the first build wrote (--update-images runs once).
            options = new BuildOptions(options.siteDir(), options.outputDir(), null, drafts, options.pull().forRebuild());
            DevServer started;
            try {
                started = new DevServer(options.outputDir(), new InetSocketAddress(bind, port), !noReload);
            } catch (BindException e) {
                err.println("error: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                        + "); choose another port with --port, or --port 0 for any free one");
                return ExitCodes.BAD_INPUT;
            }
            try (DevServer server = started) {
                out.println("Serving " + options.outputDir() + " at http://" + bind + ":" + server.port() + "/ (Ctrl+C to stop)");
                out.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                while (true) {
                    if (noReload) {
                        Thread.sleep(WAIT_MILLIS);
                        continue;
                    }
                    if (!watcher.awaitChange(WAIT_MILLIS)) {
                        continue;
                    }
                    // The reload goes out only after the changed files are in place.
                    String failure = build(builder, options, watcher.takeChanges(), out, err);
                    if (failure == null) {
                        server.liveReload().reload();
                    } else {
                        server.liveReload().failed(failure);
                    }
                }
            }
        }
    }

    /** Builds once; returns the error text, or {@code null} on success. */
    private static String build(IncrementalBuilder builder, BuildOptions options, SourceChanges changes,
            PrintWriter out, PrintWriter err) {
        try {
            BuildResult result = builder.build(options, changes);
            out.println(result.serveSummary());
            out.flush();
            return null;
        } catch (BuildException e) {
            Terminal.report(e, err);
            return e.getMessage();
        }
    }
}
