package dev.termpress.generator.build;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.theme.PageModel;
import java.util.List;

/** {@code sitemap.xml} (sitemaps.org protocol 0.9), written only when the base URL is absolute. */
final class Sitemap {

    static final String FILE_NAME = "sitemap.xml";

    private Sitemap() {}

    /** The sitemap, or {@code null} when there is no absolute base URL to build locations from. */
    static String xml(SiteConfig config, List<Page> pages) {
        if (PageModel.absolute(config, "") == null) {
            return null;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (Page page : pages) {
            String loc = PageModel.absolute(config, page.url())
                    .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            xml.append("  <url><loc>").append(loc).append("</loc></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }
}
