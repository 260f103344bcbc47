package dev.termpress.generator.cli;

import dev.termpress.generator.init.SiteScaffold;
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

    @Option(names = "--termpress-repo", paramLabel = "OWNER/NAME", defaultValue = SiteScaffold.REPOSITORY_PLACEHOLDER,
            description = "GitHub repository of termpress that the Pages workflow builds with.")
    String repository;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path site = dir.toAbsolutePath().normalize();
        String siteTitle = title != null ? title : String.valueOf(site.getFileName());
        SiteScaffold.Created created;
        try {
            created = new SiteScaffold().create(site, siteTitle, repository);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + " (choose an empty or new directory)");
            return ExitCodes.BAD_INPUT;
        }
        out.println("Created a termpress site in " + site + " (" + created.files().size() + " files)");
        if (!created.imageIncluded()) {
            out.println("Note: this build has no bundled busybox image; put an OCI image layout in "
                    + site.resolve("images/busybox") + " (see README: adding your own image).");
        }
        if (repository.equals(SiteScaffold.REPOSITORY_PLACEHOLDER)) {
            out.println("Note: set TERMPRESS_REPOSITORY in .github/workflows/pages.yml before publishing.");
        }
        out.println("Next: termpress serve " + dir);
        return ExitCodes.OK;
    }
}
