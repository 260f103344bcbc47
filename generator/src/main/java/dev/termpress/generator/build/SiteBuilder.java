package dev.termpress.generator.build;

import dev.termpress.generator.content.ContentLoader;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.markdown.Markdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Builds a site: load, parse, check links, resolve images, render, write; then swaps or merges the output in. */
public final class SiteBuilder {

    private static final Logger LOG = Logger.getLogger(SiteBuilder.class.getName());

    private final ImagePublisher publisher;
    private final Progress progress;
    private final boolean bootSnapshots;

    /**
     * @param publisher copies images into the site
     * @param progress where to show progress
     */
    public SiteBuilder(ImagePublisher publisher, Progress progress) {
        this(publisher, progress, true);
    }

    /**
     * @param bootSnapshots false to publish no boot snapshots whatever termpress.yaml says (a publisher
     *     whose images cannot boot, in tests)
     */
    public SiteBuilder(ImagePublisher publisher, Progress progress, boolean bootSnapshots) {
        this.publisher = publisher;
        this.progress = progress;
        this.bootSnapshots = bootSnapshots;
    }

    /** A finished build: the state its steps left (for {@link IncrementalBuilder}) and its result. */
    public record Built(Site site, BuildResult result) {}

    /** Builds the site; on failure the previous output is untouched and nothing new is left behind. */
    public BuildResult build(BuildOptions options) throws BuildException {
        return run(options, new Markdown()).result();
    }

    /** As {@link #build}, also returning the build's state; {@code markdown} parses and renders the pages. */
    public Built run(BuildOptions options, Markdown markdown) throws BuildException {
        return run(options, markdown, ContentLoader::readText);
    }

    /** As {@link #run(BuildOptions, Markdown)}, reading pages' texts with {@code texts}. */
    Built run(BuildOptions options, Markdown markdown, ContentLoader.TextReader texts) throws BuildException {
        long start = System.nanoTime();
        List<BuildStep> steps = new ArrayList<>(List.of(
                new LoadStep(texts),
                new ParseStep(markdown),
                new CheckLinksStep(),
                new ResolveImagesStep(publisher)));
        if (bootSnapshots) {
            steps.add(new SnapshotImagesStep());
        }
        steps.add(new SearchIndexStep());
        steps.add(new RenderStep(markdown));
        steps.add(new WriteStep());
        Map<String, Long> times = new LinkedHashMap<>();
        try (StagedOutput output = StagedOutput.create(options.outputDir(), options.siteDir())) {
            // With a previous output, pages are compared with it at the end instead of written to staging.
            boolean merge = output.hasPreviousOutput();
            Site site = new Site(options, progress, output.dir(), merge);
            for (BuildStep step : steps) {
                long stepStart = System.nanoTime();
                step.run(site);
                long millis = (System.nanoTime() - stepStart) / 1_000_000;
                times.put(step.name(), millis);
                LOG.fine(() -> step.name() + " took " + millis + " ms");
            }
            long swapStart = System.nanoTime();
            if (merge) {
                OutputMerge.Changes changes = output.merge(site.rendered);
                LOG.fine(() -> "merged: " + changes);
            } else {
                output.commit();
            }
            times.put("swap", (System.nanoTime() - swapStart) / 1_000_000);
            long total = (System.nanoTime() - start) / 1_000_000;
            return new Built(site, new BuildResult(options.outputDir(), site.pages.size(), site.imageDescriptors.size(),
                    site.blobsWritten, site.bytesWritten + site.imageBytes, total, times));
        } finally {
            progress.done();
        }
    }
}
