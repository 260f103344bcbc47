package dev.termpress.generator.cli;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.BuildResult;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.registry.PullSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Mixin
    ImageOptions images;

    @Option(names = {"-v", "--verbose"}, description = "Print how long each build step took.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PullSettings pull = images.settings(spec.commandLine().getErr());
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
