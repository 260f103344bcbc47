package dev.termpress.generator.build;

import dev.termpress.generator.registry.PullSettings;
import java.nio.file.Path;

/**
 * What to build and where.
 *
 * @param siteDir the site directory (holds {@code termpress.yaml})
 * @param outputDir where the finished site goes; replaced only when the build succeeds
 * @param baseUrl overrides the configured {@code base_url}, or {@code null}
 * @param drafts whether pages with {@code draft: true} are built
 * @param pull how registry images are pulled (lock file, cache, network)
 */
public record BuildOptions(Path siteDir, Path outputDir, String baseUrl, boolean drafts, PullSettings pull) {

    /** Options that pull registry images as the lock file says, with the process environment's settings. */
    public BuildOptions(Path siteDir, Path outputDir, String baseUrl, boolean drafts) {
        this(siteDir, outputDir, baseUrl, drafts, PullSettings.fromEnvironment(PullSettings.Mode.PINNED));
    }

    /** The default output directory's name inside the site. */
    public static final String DEFAULT_OUTPUT = "public";

    /** Options for building {@code siteDir} into its default output directory. */
    public static BuildOptions of(Path siteDir) {
        return new BuildOptions(siteDir, siteDir.resolve(DEFAULT_OUTPUT), null, false);
    }
}
