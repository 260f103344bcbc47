package dev.termpress.generator.build;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.content.Page.LinkRef;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.links.LinkTargets;
import dev.termpress.generator.theme.Theme;
import java.util.HashSet;
import java.util.Set;

/** Fails the build on internal links that lead nowhere, before anything is rendered. */
final class CheckLinksStep implements BuildStep {

    @Override
    public String name() {
        return "links";
    }

    @Override
    public void run(Site site) throws BuildException {
        LinkTargets targets = targets(site);
        ErrorCollector errors = new ErrorCollector();
        for (Page page : site.pages) {
            for (LinkRef link : page.links()) {
                if (targets.resolve(page, link.url()) instanceof LinkTargets.Broken broken) {
                    errors.add(page.file(), link.line(), broken.reason());
                }
            }
        }
        errors.throwIfAny();
    }

    /** Everything a link may point at: pages plus every file the write step copies. */
    static LinkTargets targets(Site site) {
        Set<String> files = new HashSet<>(site.contentAssets);
        files.addAll(site.staticFiles);
        site.themeAssets.keySet().forEach(asset -> files.add(Theme.ASSETS_DIR + asset));
        files.add(RenderStep.NOT_FOUND_PAGE);
        return new LinkTargets(site.pages, site.drafts, files);
    }
}
