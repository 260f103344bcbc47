package dev.termpress.generator.cli;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.registry.LockFile;
import dev.termpress.generator.registry.PullSettings;
import dev.termpress.generator.registry.RegistryImages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code termpress update}: resolves registry images' tags again and pins them in termpress.lock, without building. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Resolve the tags of the site's registry images again, pull what changed and pin it in"
                + " termpress.lock; says which tags moved. Builds then publish the new pins.")
final class UpdateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Images (names from termpress.yaml) to update. Default: every registry image.")
    List<String> names = List.of();

    @Option(names = "--site", paramLabel = "DIR", defaultValue = ".",
            description = "The site directory (holds termpress.yaml). Default: the current directory.")
    Path site;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path siteDir = site.toAbsolutePath().normalize();
        try {
            SiteConfig config = SiteConfigLoader.load(siteDir);
            List<String> registryImages = config.images().stream().filter(i -> i.remote() != null)
                    .map(ImageSpec::name).toList();
            Set<String> chosen = new LinkedHashSet<>(names);
            for (String name : chosen) {
                if (!registryImages.contains(name)) {
                    String what = config.image(name).isPresent() ? "is a local image, not a registry reference"
                            : "is not in " + SiteConfig.FILE_NAME;
                    throw new BuildException(new SiteError(config.file(), 0, "image \"" + name + "\" " + what
                            + " (valid: " + (registryImages.isEmpty() ? "none, the site has no registry images"
                                    : String.join(", ", registryImages)) + ")"));
                }
            }
            if (registryImages.isEmpty()) {
                out.println("Nothing to update: " + config.file() + " names no registry images.");
                return ExitCodes.OK;
            }
            PullSettings pull = PullSettings.fromEnvironment(PullSettings.Mode.UPDATE, System.getenv(), notice -> {
                out.println(notice);
                out.flush();
            }).updating(chosen);
            new RegistryImages(pull, status -> {}).resolve(config, siteDir);
            int count = chosen.isEmpty() ? registryImages.size() : chosen.size();
            out.println("Updated " + count + " image" + (count == 1 ? "" : "s") + "; "
                    + siteDir.resolve(LockFile.FILE_NAME) + " holds the pins.");
            return ExitCodes.OK;
        } catch (BuildException e) {
            return Terminal.report(e, spec.commandLine().getErr());
        }
    }
}
