package dev.termpress.generator.theme;

import dev.termpress.generator.config.SiteConfig;
import dev.termpress.generator.content.Page;
import dev.termpress.generator.links.SitePaths;
import dev.termpress.generator.markdown.PageContents;
import dev.termpress.generator.nav.NavNode;
import dev.termpress.generator.nav.NavTree;
import dev.termpress.runtime.RuntimeAssets;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the variables templates see; docs/architecture.md lists them for theme authors. */
public final class PageModel {

    private PageModel() {}

    /** The variables for rendering {@code page} whose Markdown became {@code contentHtml}, without search. */
    public static Map<String, Object> forPage(SiteConfig config, NavTree nav, Page page, String contentHtml) {
        return forPage(config, nav, page, contentHtml, null);
    }

    /**
     * The variables for rendering {@code page} whose Markdown became {@code contentHtml}.
     *
     * @param searchIndex the search index's path below the site root, or {@code null} for no search box
     */
    public static Map<String, Object> forPage(SiteConfig config, NavTree nav, Page page, String contentHtml,
            String searchIndex) {
        String root = SitePaths.rootPrefix(page.url());
        Map<String, Object> model = common(config, root, searchIndex);
        String description = page.frontMatter().description() != null ? page.frontMatter().description()
                : config.description();
        Map<String, Object> pageVars = new HashMap<>();
        pageVars.put("title", page.title());
        pageVars.put("description", description);
        pageVars.put("content", new SafeString(contentHtml));
        // The page's own h1 apart from the rest, so a theme can put things between them (the folded contents).
        int headingEnd = page.hasTitleHeading() ? leadingHeadingEnd(contentHtml) : -1;
        pageVars.put("heading", headingEnd < 0 ? null : new SafeString(contentHtml.substring(0, headingEnd)));
        pageVars.put("body", new SafeString(headingEnd < 0 ? contentHtml : contentHtml.substring(headingEnd)));
        pageVars.put("url", page.url());
        pageVars.put("source", page.sourcePath());
        pageVars.put("hasTitleHeading", page.hasTitleHeading());
        pageVars.put("demos", page.demos().size());
        pageVars.put("home", page.url().isEmpty());
        pageVars.put("toc", contents(page));
        pageVars.put("editUrl", config.editUrl() == null ? null : config.editUrl() + page.sourcePath());
        model.put("page", pageVars);
        // Computed only if a template reads it: the built-in theme reads its folder's shared sidebar instead.
        model.put("nav", new LazyList<>(() -> links(nav.top(), page, true, null)));
        model.put("prev", link(nav.previous(page), page));
        model.put("next", link(nav.next(page), page));
        model.put("canonical", absolute(config, page.url()));
        return model;
    }

    /** Where the h1 that opens {@code html} ends (after its closing tag), or -1 when html does not open with one. */
    static int leadingHeadingEnd(String html) {
        int start = 0;
        while (start < html.length() && Character.isWhitespace(html.charAt(start))) {
            start++;
        }
        if (!html.startsWith("<h1", start)) {
            return -1;
        }
        int close = html.indexOf("</h1>", start);
        return close < 0 ? -1 : close + "</h1>".length();
    }

    /** The variables for the 404 page, which may be served at any depth and so uses the base URL's path. */
    public static Map<String, Object> forNotFound(SiteConfig config, NavTree nav) {
        return forNotFound(config, nav, null);
    }

    /** The 404 page's variables; {@code searchIndex} as for {@link #forPage}. */
    public static Map<String, Object> forNotFound(SiteConfig config, NavTree nav, String searchIndex) {
        String root = basePath(config);
        Map<String, Object> model = common(config, root, searchIndex);
        Map<String, Object> pageVars = new HashMap<>(Map.of("title", "Page not found", "description",
                config.description(), "url", "404.html", "source", "", "hasTitleHeading", false, "demos", 0,
                "home", false, "toc", List.of()));
        pageVars.put("editUrl", null);
        model.put("page", pageVars);
        List<NavLink> top = new ArrayList<>();
        for (NavNode node : nav.top()) {
            top.add(new NavLink(node.title(), node.page() == null ? null : root + node.page().url(), false, false,
                    !node.children().isEmpty(), List.of()));
        }
        model.put("nav", top);
        return model;
    }

    /** The absolute URL of a site path, or {@code null} without an absolute base URL. */
    public static String absolute(SiteConfig config, String path) {
        String base = config.baseUrl();
        if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
            return null;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** The page's contents for the theme: h2/h3 entries as maps, none with {@code toc: false} or under two. */
    private static List<Map<String, Object>> contents(Page page) {
        if (!page.frontMatter().toc()) {
            return List.of();
        }
        List<PageContents.Entry> entries = PageContents.of(page.document());
        if (entries.size() < 2) {
            return List.of(); // one heading is no list to navigate
        }
        List<Map<String, Object>> toc = new ArrayList<>(entries.size());
        for (PageContents.Entry entry : entries) {
            toc.add(Map.of("level", entry.level(), "id", entry.id(), "text", entry.text()));
        }
        return toc;
    }

    private static Map<String, Object> common(SiteConfig config, String root, String searchIndex) {
        Map<String, Object> model = new HashMap<>();
        model.put("search", searchIndex == null ? null : Map.of("index", root + searchIndex,
                "engine", root + Theme.ASSETS_DIR + "vendor/minisearch/index.js"));
        model.put("site", Map.of("title", config.title(), "description", config.description(),
                "language", config.language()));
        model.put("root", root);
        model.put("assets", root + Theme.ASSETS_DIR);
        model.put("homeHref", root.isEmpty() ? "./" : root);
        model.put("runtime", runtime(root));
        return model;
    }

    /**
     * The browser runtime's script tag parts: {@code runtime.script} (its URL) and {@code runtime.assets}
     * (the JSON its {@code data-assets} attribute carries), both relative to the page.
     */
    private static Map<String, String> runtime(String root) {
        RuntimeAssets assets = RuntimeAssets.get();
        String prefix = root + Theme.ASSETS_DIR + RuntimeAssets.DIRECTORY;
        return Map.of("script", prefix + assets.script(), "assets", assets.assetsJson(prefix));
    }

    /** The path of the base URL ({@code /repo/}), or {@code /}. */
    static String basePath(SiteConfig config) {
        String base = config.baseUrl();
        if (base == null || base.isBlank()) {
            return "/";
        }
        String path = base.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        return path.endsWith("/") ? path : path + "/";
    }

    /**
     * The navigation as {@code current} sees it; with {@code markCurrent} false its own entry is not active and
     * links to {@code currentHref} instead (the folder's shared sidebar, {@link SharedSidebar}).
     */
    static List<NavLink> links(List<NavNode> nodes, Page current, boolean markCurrent, String currentHref) {
        List<NavLink> links = new ArrayList<>(nodes.size());
        for (NavNode node : nodes) {
            boolean open = node.contains(current);
            boolean self = node.page() == current;
            String href = node.page() == null ? null
                    : self && !markCurrent ? currentHref : SitePaths.relative(current.url(), node.page().url());
            links.add(new NavLink(node.title(), href, self && markCurrent, open, !node.children().isEmpty(),
                    open ? links(node.children(), current, markCurrent, currentHref) : List.of()));
        }
        return links;
    }

    private static Map<String, String> link(Page target, Page from) {
        if (target == null) {
            return null;
        }
        Map<String, String> link = new HashMap<>();
        link.put("title", target.title());
        link.put("href", SitePaths.relative(from.url(), target.url()));
        return link;
    }
}
