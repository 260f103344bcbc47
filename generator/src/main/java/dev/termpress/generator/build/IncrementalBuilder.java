package dev.termpress.generator.build;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.SourceFile;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.markdown.DemoBlock;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.theme.SharedSidebar;
import dev.termpress.generator.theme.Theme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a site again and again into one output (for {@code serve}), keeping the previous build's state in
 * memory: pages whose source text is unchanged are not parsed again, a page's HTML is reused while the page
 * and the navigation are unchanged, and only files whose text changed are written (atomically) or deleted.
 * Link checking and the search index always run (they are cheap). A change it cannot follow page by page (see
 * {@link SiteFingerprint}), a change of the images the pages use or of the page files' blobs builds clean.
 * The output after any sequence of builds is byte for byte the output of a clean build of the same sources.
 */
public final class IncrementalBuilder {

    private final SiteBuilder clean;
    private final Progress progress;
    private final Markdown markdown = new Markdown();
    private final SourceTexts texts = new SourceTexts();
    private State state;

    /** What the last successful build left, all of it describing the output as it is on disk. */
    private record State(BuildOptions options, SiteFingerprint fingerprint, Map<Path, Page> parsed, String nav,
            String searchIndex, Map<Page, String> searchDocuments, Map<Page, String> pageHtml, Map<String, String> rendered, Set<String> images,
            Map<String, String> imageDescriptors, Set<String> pageBlobs, boolean demos, Theme theme,
            Map<String, Boolean> themeAssets, Loaded loaded, SharedSidebar.Kept sidebars) {}

    /** What the load step found, for an update that only re-reads edited pages. */
    private record Loaded(SiteConfig config, List<SourceFile> sources, List<String> contentAssets,
            List<String> staticFiles) {
        static Loaded of(Site site) {
            return new Loaded(site.config, site.sources, site.contentAssets, site.staticFiles);
        }
    }

    /** @see SiteBuilder#SiteBuilder(ImagePublisher, Progress, boolean) */
    public IncrementalBuilder(ImagePublisher publisher, Progress progress, boolean bootSnapshots) {
        this.clean = new SiteBuilder(publisher, progress, bootSnapshots);
        this.progress = progress;
    }

    public IncrementalBuilder(ImagePublisher publisher, Progress progress) {
        this(publisher, progress, true);
    }

    /**
     * Builds {@code options}' site, updating the previous build's output when it can. On failure the output is
     * as the previous successful build left it.
     */
    public BuildResult build(BuildOptions options) throws BuildException {
        return build(options, SourceChanges.UNKNOWN);
    }

    /**
     * As {@link #build(BuildOptions)}, told what changed since the last build: when that is only edits of known
     * pages, nothing is walked (the fingerprint and the listings are the previous build's) and only those pages
     * are read.
     */
    public BuildResult build(BuildOptions options, SourceChanges changes) throws BuildException {
        long start = System.nanoTime();
        State previous = state;
        boolean onlyEdits = previous != null && sameTarget(previous.options, options)
                && changes.onlyEdits(options.siteDir(), previous.parsed.keySet());
        SiteFingerprint fingerprint = onlyEdits ? previous.fingerprint : fingerprint(options);
        if (previous == null || !sameTarget(previous.options, options) || !previous.fingerprint.equals(fingerprint)
                || !Files.isRegularFile(options.outputDir().resolve(StagedOutput.MARKER))) {
            return clean(options, fingerprint);
        }
        try {
            LoadStep.Earlier earlier = onlyEdits ? new LoadStep.Earlier(previous.loaded.config(), previous.loaded.sources(),
                    previous.loaded.contentAssets(), previous.loaded.staticFiles(),
                    changes.editedAmong(previous.parsed.keySet())) : null;
            BuildResult result = update(previous, options, fingerprint, earlier, start);
            return result != null ? result : clean(options, fingerprint);
        } finally {
            progress.done();
        }
    }

    /** Forgets the previous build: the next one is clean. */
    public void reset() {
        state = null;
    }

    private BuildResult clean(BuildOptions options, SiteFingerprint fingerprint) throws BuildException {
        SiteBuilder.Built built = clean.run(options, markdown, texts);
        Site site = built.site();
        Map<Page, String> pageHtml = new IdentityHashMap<>();
        for (Page page : site.pages) {
            pageHtml.put(page, site.rendered.get(page.outputPath()));
        }
        state = new State(options, fingerprint, bySource(site), NavSignature.of(site.nav), site.searchIndex, site.searchDocuments, pageHtml,
                new LinkedHashMap<>(site.rendered), imageNames(site), Map.copyOf(site.imageDescriptors),
                WriteStep.pageBlobs(site).keySet(), WriteStep.hasDemos(site), site.theme, site.themeAssets, Loaded.of(site), kept(site, null));
        return built.result();
    }

    /** The update of the previous output, or {@code null} when only a clean build can give the right output. */
    private BuildResult update(State previous, BuildOptions options, SiteFingerprint fingerprint,
            LoadStep.Earlier earlier, long start) throws BuildException {
        Map<String, Long> times = new LinkedHashMap<>();
        Site site = new Site(options, progress, options.outputDir());
        long t = System.nanoTime();
        // The theme's files are in the fingerprint: the previous theme, templates compiled, is this one.
        if (earlier != null) {
            LoadStep.runFrom(earlier, site, texts, previous.theme, previous.themeAssets);
        } else {
            new LoadStep(texts, previous.theme, previous.themeAssets).run(site);
            texts.retainOnly(site.sources.stream().map(SourceFile::file).toList());
        }
        t = time(times, "load", t);
        new ParseStep(markdown, reusable(previous)).run(site);
        t = time(times, "parse", t);
        new CheckLinksStep().run(site);
        t = time(times, "links", t);
        Set<String> images = names(ResolveImagesStep.usedImages(site));
        if (!images.equals(previous.images) || WriteStep.hasDemos(site) != previous.demos
                || !WriteStep.pageBlobs(site).keySet().equals(previous.pageBlobs)) {
            return null; // images to publish or page-file blobs to write: the clean build's path does it right
        }
        site.imageDescriptors.putAll(previous.imageDescriptors);
        new SearchIndexStep(previous.searchDocuments).run(site);
        t = time(times, "search index", t);
        String nav = NavSignature.of(site.nav);
        boolean sameFrame = nav.equals(previous.nav) && Objects.equals(site.searchIndex, previous.searchIndex);
        // The HTML of a page depends on the page, the navigation and the search index's path; the rest
        // (settings, theme, image descriptors, the files links may point at) is unchanged when we get here.
        RenderStep.Earlier frame = sameFrame ? new RenderStep.Earlier(previous.sidebars,
                previous.rendered.get(RenderStep.NOT_FOUND_PAGE)) : null;
        new RenderStep(markdown, page -> sameFrame ? previous.pageHtml.get(page) : null, frame).run(site);
        t = time(times, "render", t);
        WriteStep.checkOwners(site);
        OutputUpdate.Changes changes;
        try {
            changes = OutputUpdate.apply(options.outputDir(), previous.rendered, site.rendered);
        } catch (IOException e) {
            state = null; // the output is part old, part new: only a clean build knows it again
            throw new BuildException(new SiteError(options.outputDir(), 0, "cannot update the output: " + e.getMessage()));
        }
        time(times, "write", t);
        Map<Page, String> pageHtml = new IdentityHashMap<>();
        for (Page page : site.pages) {
            pageHtml.put(page, site.rendered.get(page.outputPath()));
        }
        state = new State(options, fingerprint, bySource(site), nav, site.searchIndex, site.searchDocuments, pageHtml,
                new LinkedHashMap<>(site.rendered), images, previous.imageDescriptors, previous.pageBlobs, previous.demos,
                previous.theme, previous.themeAssets, Loaded.of(site), kept(site, sameFrame ? previous.sidebars : null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new BuildResult(options.outputDir(), site.pages.size(), site.imageDescriptors.size(), 0, changes.bytes(),
                millis, times, changes.files());
    }

    /**
     * The earlier page for a source whose path and text are the same. A page with a {@code files=DIR} block is
     * parsed again: the folder's files are part of what it parsed, and a page can be one of them.
     */
    private static Function<SourceFile, Page> reusable(State previous) {
        return source -> {
            Page page = previous.parsed.get(source.file());
            if (page == null || !page.sourcePath().equals(source.path()) || !page.source().text().equals(source.text())) {
                return null;
            }
            for (DemoBlock demo : page.demos().values()) {
                if (demo.filesDir() != null) {
                    return null;
                }
            }
            return page;
        };
    }

    /**
     * The shared sidebars to keep for the next build: this build's groups, or (when it rendered each page's
     * partial, and the navigation is unchanged) the previous build's.
     */
    private static SharedSidebar.Kept kept(Site site, SharedSidebar.Kept previous) {
        if (site.sidebars != null) {
            return site.sidebars.keep();
        }
        return previous != null ? previous : SharedSidebar.Kept.NONE;
    }

    /** The same site, output and switches; how images are pulled may differ (the lock file is in the fingerprint). */
    private static boolean sameTarget(BuildOptions a, BuildOptions b) {
        return a.siteDir().equals(b.siteDir()) && a.outputDir().equals(b.outputDir())
                && Objects.equals(a.baseUrl(), b.baseUrl()) && a.drafts() == b.drafts();
    }

    private static Map<Path, Page> bySource(Site site) {
        Map<Path, Page> parsed = new HashMap<>();
        for (Page page : site.parsed) {
            parsed.put(page.file(), page);
        }
        return parsed;
    }

    private static Set<String> imageNames(Site site) throws BuildException {
        return names(ResolveImagesStep.usedImages(site));
    }

    private static Set<String> names(Set<ImageSpec> images) {
        return images.stream().map(ImageSpec::name).collect(Collectors.toSet());
    }

    private static SiteFingerprint fingerprint(BuildOptions options) throws BuildException {
        try {
            return SiteFingerprint.of(options.siteDir());
        } catch (IOException e) {
            throw new BuildException(new SiteError(options.siteDir(), 0, "cannot read the site: " + e.getMessage()));
        }
    }

    private static long time(Map<String, Long> times, String step, long since) {
        long now = System.nanoTime();
        times.put(step, (now - since) / 1_000_000);
        return now;
    }
}
