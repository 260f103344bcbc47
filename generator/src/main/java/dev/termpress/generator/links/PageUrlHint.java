package dev.termpress.generator.links;

import dev.termpress.generator.content.Page;
import java.util.function.Function;

/**
 * For a broken link written as a web address (Hugo style: {@code ../p1/} relative to the page's URL,
 * {@code guide/x.html}), names the Markdown file it probably meant, since termpress links name files.
 */
final class PageUrlHint {

    private PageUrlHint() {}

    /**
     * The hint to append to the error, or {@code ""} when the link does not look like a page's URL.
     *
     * @param from the page the link is in
     * @param path the link's path, percent-decoded, without query or fragment
     * @param suffix the link's query and fragment as written ({@code ""} when none)
     * @param pageAt finds the page a site-root-relative path names, or {@code null}
     */
    static String forLink(Page from, String path, String suffix, Function<String, Page> pageAt) {
        Page meant = null;
        if (path.startsWith("/")) {
            meant = pageAt.apply(path.substring(1));
        } else {
            // A URL is relative to the page's own URL (guide/p2/), the way a browser reads it,
            // or to its folder (guide/) when it names an output file such as x.html.
            for (String base : new String[] {from.url(), SitePaths.directory(from.sourcePath())}) {
                String target = LinkTargets.normalize(base + path);
                meant = target == null ? null : pageAt.apply(target);
                if (meant != null) {
                    break;
                }
            }
        }
        if (meant == null) {
            return "";
        }
        int hash = suffix.indexOf('#');
        String markdown = SitePaths.relative(from.sourcePath(), meant.sourcePath()) + (hash < 0 ? "" : suffix.substring(hash));
        return "; did you mean " + markdown + "? (a link names the page's Markdown file, relative to this file)";
    }
}
