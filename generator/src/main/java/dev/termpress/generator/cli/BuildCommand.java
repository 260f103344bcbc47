package dev.termpress.generator.cli;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.BuildResult;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.registry.PullSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termpress build}: renders the site into its output directory. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Render the site. The previous output stays untouched unless the build succeeds.")
final class BuildCommand implements Callable<Integer> {

    @Mixin
    SiteArgs site;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "Where the site is published (e.g. https://user.github.io/repo/); overrides base_url."
                    + " Used only for canonical links, the sitemap and the 404 page.")
    String baseUrl;

    @Option(names = "--drafts", description = "Also build pages marked draft: true.")
    boolean drafts;

    @Option(names = "--update-images", description = "Resolve every registry image's tag again, pin the result"
            + " in termpress.lock and report the tags that moved. Without it, builds use the pinned digests.")
    boolean updateImages;

    @Option(names = "--offline", description = "Use no network: registry images come from termpress.lock and the"
            + " blob cache ($XDG_CACHE_HOME/termpress, default ~/.cache/termpress); anything missing is an error.")
    boolean offline;

    @Option(names = {"-v", "--verbose"}, description = "Print how long each build step took.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (updateImages && offline) {
            throw new ParameterException(spec.commandLine(), "--update-images asks registries what the tags mean"
                    + " now; it cannot be --offline");
        }
        PullSettings.Mode mode = offline ? PullSettings.Mode.OFFLINE
                : updateImages ? PullSettings.Mode.UPDATE : PullSettings.Mode.PINNED;
        PrintWriter err = spec.commandLine().getErr();
        PullSettings pull = PullSettings.fromEnvironment(mode, System.getenv(), notice -> {
            err.println(notice);
            err.flush();
        });
        BuildOptions options = new BuildOptions(site.siteDir(), site.outputDir(), baseUrl, drafts, pull);
        try {
            BuildResult result = new SiteBuilder(Publishers.standard(), Terminal.progress()).build(options);
            spec.commandLine().getOut().println(result.summary());
            if (verbose) {
                spec.commandLine().getOut().println("Steps: " + result.timings());
            }
            return ExitCodes.OK;
        } catch (BuildException e) {
            return Terminal.report(e, spec.commandLine().getErr());
        }
    }
}
