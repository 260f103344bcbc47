package dev.termpress.generator.cli;

import dev.termpress.generator.build.BuildOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The site directory and output directory, shared by the verbs that work on a site. */
final class SiteArgs {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The site directory (holds termpress.yaml). Default: the current directory.")
    Path dir;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT",
            description = "Output directory. Default: DIR/" + BuildOptions.DEFAULT_OUTPUT)
    Path out;

    Path siteDir() {
        return dir.toAbsolutePath().normalize();
    }

    Path outputDir() {
        return out != null ? out.toAbsolutePath().normalize() : siteDir().resolve(BuildOptions.DEFAULT_OUTPUT);
    }
}
