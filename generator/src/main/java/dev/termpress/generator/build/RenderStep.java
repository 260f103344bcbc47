package dev.termpress.generator.build;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.links.LinkTargets;
import dev.termpress.generator.links.SitePaths;
import dev.termpress.generator.markdown.Markdown;
import dev.termpress.generator.markdown.PageRenderContext;
import dev.termpress.generator.theme.PageModel;

/** Renders each page's Markdown and puts it into the theme's templates; adds 404 page and sitemap. */
final class RenderStep implements BuildStep {

    /** The page static hosts (GitHub Pages among them) serve for missing paths. */
    static final String NOT_FOUND_PAGE = "404.html";
    static final String PAGE_TEMPLATE = "page.peb";
    static final String NOT_FOUND_TEMPLATE = "404.peb";

    private final Markdown markdown;

    RenderStep(Markdown markdown) {
        this.markdown = markdown;
    }

    @Override
    public String name() {
        return "render";
    }

    @Override
    public void run(Site site) throws BuildException {
        LinkTargets targets = CheckLinksStep.targets(site);
        ErrorCollector errors = new ErrorCollector();
        int done = 0;
        for (Page page : site.nav.readingOrder()) {
            PageRenderContext context = new PageRenderContext(SitePaths.rootPrefix(page.url()), page.demos(),
                    site.imageDescriptors, url -> targets.resolve(page, url) instanceof LinkTargets.Resolved r ? r.url() : url);
            String content = markdown.render(page.document(), context);
            try {
                site.rendered.put(page.outputPath(),
                        site.theme.render(PAGE_TEMPLATE, PageModel.forPage(site.config, site.nav, page, content)));
            } catch (BuildException e) {
                errors.addAll(e);
                break;
            }
            if (++done % 50 == 0) {
                site.progress.update("rendered " + done + "/" + site.pages.size() + " pages");
            }
        }
        errors.throwIfAny();
        site.rendered.put(NOT_FOUND_PAGE, site.theme.render(NOT_FOUND_TEMPLATE, PageModel.forNotFound(site.config, site.nav)));
        String sitemap = Sitemap.xml(site.config, site.nav.readingOrder());
        if (sitemap != null) {
            site.rendered.put(Sitemap.FILE_NAME, sitemap);
        }
        site.progress.update("rendered " + done + " pages");
    }
}
