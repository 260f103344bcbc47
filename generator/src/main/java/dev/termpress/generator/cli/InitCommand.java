package dev.termpress.generator.cli;

import dev.termpress.generator.init.SiteScaffold;
import dev.termpress.generator.init.TermpressRelease;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code termpress init DIR}: scaffolds a new site. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a site: termpress.yaml, content/index.md with a demo block, a GitHub Pages workflow"
                + " and .gitignore.")
final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory for the new site (created if missing).")
    Path dir;

    @Option(names = "--title", description = "Site title. Default: the directory's name.")
    String title;

    @Spec
    CommandSpec spec;

    /**
     * What the Pages workflow pins; tests replace it. Looked up in {@link #call} (it hashes the running jar),
     * not here: picocli constructs every subcommand for every command line, {@code build} included.
     */
    TermpressRelease release;

    @Override
    public Integer call() throws IOException {
        if (release == null) {
            release = TermpressRelease.current();
        }
        PrintWriter out = spec.commandLine().getOut();
        Path site = dir.toAbsolutePath().normalize();
        String siteTitle = title != null ? title : String.valueOf(site.getFileName());
        SiteScaffold.Created created;
        try {
            created = new SiteScaffold().create(site, siteTitle, release);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + " (choose an empty or new directory)");
            return ExitCodes.BAD_INPUT;
        }
        out.println("Created a termpress site in " + site + " (" + created.files().size() + " files)");
        if (!created.imageIncluded()) {
            out.println("Note: this build has no bundled busybox image; put an OCI image layout in "
                    + site.resolve("images/busybox") + " (see README: adding your own image).");
        }
        if (!release.downloadable()) {
            out.println("Note: this termpress (" + release.version() + (release.jarSha256() == null ? ", run from classes"
                    : "") + ") is not a release, so CI cannot download it; the Pages workflow pins it anyway."
                    + " Run init of a release to get a workflow that installs one.");
        }
        out.println("Next: termpress serve " + dir);
        return ExitCodes.OK;
    }
}
