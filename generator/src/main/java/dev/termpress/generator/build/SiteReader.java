package dev.termpress.generator.build;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.registry.PullSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a site without writing anything: settings, pages and their demo blocks, with the same
 * checks as a build. For verbs that run demo blocks rather than render them ({@code check}).
 */
public final class SiteReader {

    private SiteReader() {}

    /**
     * A site's settings and pages.
     *
     * @param config the parsed {@code termpress.yaml}
     * @param pages the pages in reading order (navigation order)
     */
    public record SiteContent(SiteConfig config, List<Page> pages) {

        /** Every demo block with the image it runs, in reading order. */
        public List<Demo> demos() {
            List<Demo> demos = new ArrayList<>();
            for (Page page : pages) {
                for (DemoBlock block : page.demos().values()) {
                    demos.add(new Demo(page, block, config.image(block.image()).orElseThrow()));
                }
            }
            return demos;
        }
    }

    /**
     * One demo block to run.
     *
     * @param page the page it is on
     * @param block the block (its file and line are in {@link DemoBlock#file()} and {@link DemoBlock#line()})
     * @param image the image it names
     */
    public record Demo(Page page, DemoBlock block, ImageSpec image) {}

    /** Loads and parses {@code siteDir}; fails like a build on bad input, including unknown images. */
    public static SiteContent read(Path siteDir, boolean drafts) throws BuildException {
        return read(siteDir, drafts, PullSettings.fromEnvironment(PullSettings.Mode.PINNED));
    }

    /** As {@link #read(Path, boolean)}, pulling registry images with {@code pull}. */
    public static SiteContent read(Path siteDir, boolean drafts, PullSettings pull) throws BuildException {
        BuildOptions options = new BuildOptions(siteDir, siteDir.resolve(BuildOptions.DEFAULT_OUTPUT), null, drafts, pull);
        Site site = new Site(options, Progress.QUIET, null);
        new LoadStep().run(site);
        new ParseStep(new Markdown()).run(site);
        ErrorCollector errors = new ErrorCollector();
        for (Page page : site.pages) {
            for (DemoBlock demo : page.demos().values()) {
                if (site.config.image(demo.image()).isEmpty()) {
                    errors.add(demo.file(), demo.line(), ResolveImagesStep.unknownImage(site, demo.image()));
                }
            }
        }
        errors.throwIfAny();
        return new SiteContent(site.config, site.nav.readingOrder());
    }
}
