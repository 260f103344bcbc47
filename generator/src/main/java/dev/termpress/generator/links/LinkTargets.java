package dev.termpress.generator.links;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.paths.SlashPaths;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves links as authors write them (relative to the Markdown file, {@code .md} paths or output
 * files; {@code /} meaning the site root) to URLs relative to the rendered page, and tells broken
 * internal links apart.
 */
public final class LinkTargets {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Map<String, Page> pagesBySource = new HashMap<>();
    private final Map<String, Page> pagesByUrl = new HashMap<>();
    private final Set<String> drafts;
    private final Set<String> files;

    /**
     * @param pages the pages of the build
     * @param drafts source paths of draft pages left out of the build
     * @param files every other output file (static, content assets, theme assets), relative to the root
     */
    public LinkTargets(Collection<Page> pages, Set<String> drafts, Set<String> files) {
        for (Page page : pages) {
            pagesBySource.put(page.sourcePath(), page);
            pagesByUrl.put(page.url(), page);
        }
        this.drafts = Set.copyOf(drafts);
        this.files = Set.copyOf(files);
    }

    /** The outcome of resolving one link. */
    public sealed interface Resolution {}

    /** A link to keep, with its URL in the output. */
    public record Resolved(String url) implements Resolution {}

    /** A broken internal link with the reason and what would be valid. */
    public record Broken(String reason) implements Resolution {}

    /** Resolves {@code url} as written in {@code from}. */
    public Resolution resolve(Page from, String url) {
        if (url.startsWith("#")) {
            return checkFragment(from, url.substring(1), url, url);
        }
        if (url.isEmpty() || url.startsWith("?") || url.startsWith("//") || SCHEME.matcher(url).find()) {
            return new Resolved(url);
        }
        int cut = indexOfAny(url, '?', '#');
        String path = cut < 0 ? url : url.substring(0, cut);
        String suffix = cut < 0 ? "" : url.substring(cut);
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        String base = decoded.startsWith("/") ? "" : SitePaths.directory(from.sourcePath());
        String target = normalize(base + (decoded.startsWith("/") ? decoded.substring(1) : decoded));
        if (target == null) {
            return new Broken("'" + url + "' points outside the site" + PageUrlHint.forLink(from, decoded, suffix, this::pageAt));
        }
        String resolved = targetUrl(target);
        if (resolved == null) {
            String hint = PageUrlHint.forLink(from, decoded, suffix, this::pageAt);
            return new Broken(hint.isEmpty() ? explain(url, target) : "broken link '" + url + "': " + what(target) + hint);
        }
        String rewritten = encode(SitePaths.relative(from.url(), resolved)) + suffix;
        int hash = suffix.indexOf('#');
        Page page = pagesByUrl.get(resolved);
        if (hash >= 0 && page != null) {
            return checkFragment(page, suffix.substring(hash + 1), url, rewritten);
        }
        return new Resolved(rewritten);
    }

    /** A link into a page must name one of its headings (or another id it has). */
    private static Resolution checkFragment(Page page, String fragment, String url, String rewritten) {
        String id = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (id.isEmpty() || id.equals("top") || page.anchors().contains(id)) {
            return new Resolved(rewritten);
        }
        List<String> valid = page.anchors().stream().filter(a -> !a.startsWith("demo-")).sorted().limit(10).toList();
        return new Broken("broken link '" + url + "': no heading #" + id + " in content/" + page.sourcePath()
                + (valid.isEmpty() ? " (it has no headings)" : " (valid: #" + String.join(", #", valid) + ")"));
    }

    private String targetUrl(String target) {
        if (target.endsWith(".md")) {
            Page page = pagesBySource.get(target);
            return page == null ? null : page.url();
        }
        if (target.isEmpty() || target.endsWith("/")) {
            Page page = pagesByUrl.get(target);
            if (page != null) {
                return page.url();
            }
            return files.contains(target + "index.html") ? target : null;
        }
        if (files.contains(target)) {
            return target;
        }
        Page page = pagesByUrl.get(target + "/");
        return page == null ? null : page.url();
    }

    private String explain(String url, String target) {
        if (drafts.contains(target)) {
            return "broken link '" + url + "': " + target + " is a draft (build with --drafts, or remove draft: true)";
        }
        String dir = SitePaths.directory(target);
        List<String> nearby = pagesBySource.keySet().stream()
                .filter(p -> SitePaths.directory(p).equals(dir))
                .sorted()
                .limit(8)
                .map(p -> p.substring(dir.length()))
                .toList();
        String valid = nearby.isEmpty() ? "" : " (pages in content/" + dir + ": " + String.join(", ", nearby) + ")";
        return "broken link '" + url + "': " + what(target) + valid;
    }

    private static String what(String target) {
        return target.endsWith(".md") ? "no page content/" + target : "no page or file '" + target + "'";
    }

    /** The page a path names as written: its Markdown file, its URL or its output file ({@code x/index.html}, {@code x.html}). */
    private Page pageAt(String path) {
        if (path.endsWith(".md")) {
            return pagesBySource.get(path);
        }
        if (path.endsWith(".html")) {
            String stem = path.substring(0, path.length() - ".html".length());
            if (stem.equals("index") || stem.endsWith("/index")) {
                return pagesByUrl.get(stem.substring(0, stem.length() - "index".length()));
            }
            Page page = pagesBySource.get(stem + ".md");
            return page != null ? page : pagesByUrl.get(stem + "/");
        }
        return pagesByUrl.get(path.isEmpty() || path.endsWith("/") ? path : path + "/");
    }

    /** Resolves {@code .} and {@code ..}; {@code null} when the path climbs above the root. */
    static String normalize(String path) {
        boolean directory = path.isEmpty() || path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..")
                || path.equals(".") || path.equals("..");
        String joined = SlashPaths.resolveDots(path);
        if (joined == null) {
            return null;
        }
        return directory && !joined.isEmpty() ? joined + "/" : joined;
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
