package dev.termpress.generator.build;

import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.generator.config.PrewarmBudgets;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.links.LinkTargets;
import dev.termpress.generator.links.SitePaths;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.markdown.PageRenderContext;
import dev.termpress.generator.theme.PageModel;
import dev.termpress.generator.theme.SharedSidebar;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Renders each page's Markdown and puts it into the theme's templates; adds 404 page and sitemap. */
final class RenderStep implements BuildStep {

    /** The page static hosts (GitHub Pages among them) serve for missing paths. */
    static final String NOT_FOUND_PAGE = "404.html";
    static final String PAGE_TEMPLATE = "page.peb";
    static final String NOT_FOUND_TEMPLATE = "404.peb";
    /** The template variable holding a page's copy of its folder's shared sidebar, when it has one. */
    static final String SIDEBAR = "sidebar";
    /** How many pages must be rendered for the shared sidebar to pay. */
    static final int MIN_PAGES_TO_SHARE = 4;

    private final Markdown markdown;
    private final Function<Page, String> earlier;
    private final Earlier frame;

    /**
     * What an earlier build rendered that depends only on the theme, settings and navigation, for a build in which
     * those are the same: its folders' shared sidebars and its 404 page.
     */
    record Earlier(SharedSidebar.Kept sidebars, String notFound) {}

    RenderStep(Markdown markdown) {
        this(markdown, page -> null, null);
    }

    /**
     * @param earlier an earlier build's HTML for a page when nothing it depends on changed, else {@code null}
     * @param frame an earlier build's sidebars and 404 page when theme, settings and navigation are the same,
     *     else {@code null}
     */
    RenderStep(Markdown markdown, Function<Page, String> earlier, Earlier frame) {
        this.markdown = markdown;
        this.earlier = earlier;
        this.frame = frame;
    }

    @Override
    public String name() {
        return "render";
    }

    @Override
    public void run(Site site) throws BuildException {
        LinkTargets targets = CheckLinksStep.targets(site);
        List<Page> pages = site.nav.readingOrder();
        String[] html = new String[pages.size()];
        BuildException[] failures = new BuildException[pages.size()];
        AtomicInteger done = new AtomicInteger();
        // Rendering one page reads only shared, immutable state; flexmark and Pebble are thread-safe.
        Map<String, Long> upperLimits = upperLimits(site);
        long toRender = 0;
        for (int i = 0; i < pages.size(); i++) {
            html[i] = earlier.apply(pages.get(i));
            toRender += html[i] == null ? 1 : 0;
        }
        // A folder's shared sidebar costs about three renderings of the partial: for a page or two (a body edit
        // in serve) the partial per page is quicker. The output is the same either way.
        // With an earlier build's groups the shared sidebar costs nothing more than the partial per page.
        SharedSidebar sidebars = frame != null ? new SharedSidebar(site.theme, site.nav, frame.sidebars())
                : toRender >= MIN_PAGES_TO_SHARE ? new SharedSidebar(site.theme, site.nav) : null;
        site.sidebars = sidebars;
        IntStream.range(0, pages.size()).parallel().forEach(i -> {
            Page page = pages.get(i);
            if (html[i] != null) {
                return;
            }
            PageRenderContext context = new PageRenderContext(SitePaths.rootPrefix(page.url()), page.demos(),
                    site.imageDescriptors, url -> targets.resolve(page, url) instanceof LinkTargets.Resolved r ? r.url() : url,
                    upperLimits, page.fileBlocks(), PrewarmBudgets.of(site.config));
            String content = markdown.render(page.document(), context);
            try {
                Map<String, Object> model = PageModel.forPage(site.config, site.nav, page, content, site.searchIndex);
                String sidebar = sidebars == null ? null : sidebars.forPage(page, model);
                if (sidebar != null) {
                    model.put(SIDEBAR, new SafeString(sidebar));
                }
                html[i] = site.theme.render(PAGE_TEMPLATE, model);
            } catch (BuildException e) {
                failures[i] = e;
            }
            int n = done.incrementAndGet();
            if (n % 50 == 0) {
                site.progress.update("rendered " + n + "/" + pages.size() + " pages");
            }
        });
        for (BuildException failure : failures) {
            if (failure != null) {
                throw failure; // a template error repeats on every page: report it once
            }
        }
        for (int i = 0; i < pages.size(); i++) {
            site.rendered.put(pages.get(i).outputPath(), html[i]);
        }
        site.rendered.put(NOT_FOUND_PAGE, frame != null && frame.notFound() != null ? frame.notFound()
                : site.theme.render(NOT_FOUND_TEMPLATE, PageModel.forNotFound(site.config, site.nav, site.searchIndex)));
        String sitemap = Sitemap.xml(site.config, site.nav.readingOrder());
        if (sitemap != null) {
            site.rendered.put(Sitemap.FILE_NAME, sitemap);
        }
        site.progress.update("rendered " + pages.size() + " pages");
    }

    /** The writable-layer limits images set in termpress.yaml (the others keep the runtime's default). */
    private static Map<String, Long> upperLimits(Site site) {
        Map<String, Long> limits = new HashMap<>();
        if (site.config != null) {
            for (ImageSpec image : site.config.images()) {
                if (image.upperLimit() != ImageFileSystem.DEFAULT_UPPER_LIMIT) {
                    limits.put(image.name(), image.upperLimit());
                }
            }
        }
        return limits;
    }
}
