package dev.termpress.generator.theme;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.links.SitePaths;
import dev.termpress.generator.nav.NavNode;
import dev.termpress.generator.nav.NavTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sidebar ({@code partials/nav.peb}) rendered once per folder instead of once per page. The pages of one
 * folder see the same navigation but for their own entry (marked active, linked to itself): the folder's
 * sidebar is rendered with no entry active, and each page's copy swaps its own entry for the active one, both
 * entries rendered by the same partial from a one-entry list. The first page of each folder is also rendered
 * the ordinary way and compared byte for byte; a partial whose entries depend on their surroundings (a counter,
 * say) fails that check or the swap, and its pages get the partial rendered per page, as without this class.
 * Pages that cannot share (a folder's own page, pages with pages below their URL) are rendered per page too. One instance serves one build; it is safe to use from the render step's threads.
 */
public final class SharedSidebar {

    /** The partial the theme's base template includes for the sidebar. */
    public static final String PARTIAL = "partials/nav.peb";

    private final Theme theme;
    private final NavTree nav;
    /** The folder node each page's entry sits in ({@code null} at the top level). */
    private final Map<Page, NavNode> parents = new IdentityHashMap<>();
    /** Folder nodes numbered, for group keys (records compare deeply; these must compare by identity). */
    private final Map<NavNode, Integer> folderIds = new IdentityHashMap<>();
    /** The directories that have pages below them. */
    private final Set<String> occupied = new HashSet<>();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    /** A folder's sidebar with no entry active, or {@code null} when its pages must render the partial. */
    private record Group(String inactive) {}

    public SharedSidebar(Theme theme, NavTree nav) {
        this(theme, nav, Kept.NONE);
    }

    /**
     * A folder's shared sidebar as an earlier build made it, for a build whose theme, settings and navigation
     * (titles, pages, order: {@code NavSignature}) are the same, so its groups come out the same.
     */
    public static final class Kept {
        public static final Kept NONE = new Kept(Map.of());
        private final Map<String, Group> groups;

        private Kept(Map<String, Group> groups) {
            this.groups = Map.copyOf(groups);
        }
    }

    /** The groups made so far, for {@link #SharedSidebar(Theme, NavTree, Kept)} in a later build. */
    public Kept keep() {
        return new Kept(groups);
    }

    /** As {@link #SharedSidebar(Theme, NavTree)}, starting from {@code kept}'s groups (same theme and navigation). */
    public SharedSidebar(Theme theme, NavTree nav, Kept kept) {
        this.theme = theme;
        this.nav = nav;
        groups.putAll(kept.groups);
        walk(nav.top(), null);
        for (Page page : nav.readingOrder()) {
            String url = page.url();
            for (int slash = url.lastIndexOf('/', url.length() - 2); slash >= 0; slash = url.lastIndexOf('/', slash - 1)) {
                occupied.add(url.substring(0, slash + 1));
            }
            occupied.add("");
        }
    }

    private void walk(List<NavNode> nodes, NavNode parent) {
        for (NavNode node : nodes) {
            if (node.page() != null) {
                parents.put(node.page(), parent);
            }
            if (!node.children().isEmpty()) {
                folderIds.put(node, folderIds.size());
                walk(node.children(), node);
            }
        }
    }

    /**
     * The sidebar HTML of {@code page}, whose template variables are {@code model}, or {@code null} when the
     * page cannot share its folder's (the template then includes the partial itself).
     */
    public String forPage(Page page, Map<String, Object> model) throws BuildException {
        String key = groupKey(page);
        if (key == null) {
            return null;
        }
        Group group;
        try {
            group = groups.computeIfAbsent(key, k -> {
                try {
                    return newGroup(page, model);
                } catch (BuildException e) {
                    throw new TemplateFailure(e);
                }
            });
        } catch (TemplateFailure e) {
            throw e.cause;
        }
        return group.inactive() == null ? null : mark(group.inactive(), page, model);
    }

    /** Pages with the same key see the same navigation but for their own entry; {@code null}: none shares. */
    String groupKey(Page page) {
        NavNode parent = parents.get(page);
        NavNode own = ownNode(page, parent);
        if (own == null || !own.children().isEmpty()) {
            return null; // a folder's page: its own entry is open, its siblings' are not
        }
        String url = page.url();
        String parentId = parent == null ? "top" : String.valueOf(folderIds.get(parent));
        if (!url.endsWith("/")) {
            return "file " + SitePaths.directory(url) + " " + parentId; // links from a file depend on its directory
        }
        if (occupied.contains(url)) {
            return null; // links to pages below its URL are shorter from this page than from its siblings
        }
        return "dir " + SitePaths.directory(url.substring(0, url.length() - 1)) + " " + parentId;
    }

    /** How the other pages of {@code page}'s group link to it. */
    static String hrefFromSiblings(Page page) {
        String url = page.url();
        if (!url.endsWith("/")) {
            return SitePaths.relative(url, url);
        }
        return "../" + url.substring(SitePaths.directory(url.substring(0, url.length() - 1)).length());
    }

    private NavNode ownNode(Page page, NavNode parent) {
        for (NavNode node : parent == null ? nav.top() : parent.children()) {
            if (node.page() == page) {
                return node;
            }
        }
        return null;
    }

    private Group newGroup(Page page, Map<String, Object> model) throws BuildException {
        String inactive = renderPartial(model, PageModel.links(nav.top(), page, false, hrefFromSiblings(page)));
        String shared = mark(inactive, page, model);
        String own = renderPartial(model, PageModel.links(nav.top(), page, true, null));
        return new Group(own.equals(shared) ? inactive : null);
    }

    /** {@code inactive} with the page's entry swapped for its active one, or {@code null} if it is not there once. */
    private String mark(String inactive, Page page, Map<String, Object> model) throws BuildException {
        NavNode own = ownNode(page, parents.get(page));
        String empty = renderPartial(model, List.of());
        String before = entry(model, empty, new NavLink(own.title(), hrefFromSiblings(page), false, true, false,
                List.of()));
        String after = entry(model, empty, new NavLink(own.title(), SitePaths.relative(page.url(), page.url()), true,
                true, false, List.of()));
        int at = inactive.indexOf(before);
        if (before.isEmpty() || at < 0 || inactive.indexOf(before, at + 1) >= 0) {
            return null;
        }
        return new StringBuilder(inactive.length() + after.length() - before.length())
                .append(inactive, 0, at).append(after).append(inactive, at + before.length(), inactive.length())
                .toString();
    }

    /** The HTML the partial makes of one entry: its one-entry list without what an empty list also has. */
    private String entry(Map<String, Object> model, String empty, NavLink link) throws BuildException {
        String one = renderPartial(model, List.of(link));
        int prefix = 0;
        while (prefix < empty.length() && prefix < one.length() && empty.charAt(prefix) == one.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < empty.length() - prefix && suffix < one.length() - prefix
                && empty.charAt(empty.length() - 1 - suffix) == one.charAt(one.length() - 1 - suffix)) {
            suffix++;
        }
        return one.substring(prefix, one.length() - suffix);
    }

    private String renderPartial(Map<String, Object> model, List<NavLink> links) throws BuildException {
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("nav", new ArrayList<>(links));
        return theme.render(PARTIAL, variables);
    }

    /** Carries a template error out of the group map's compute function. */
    private static final class TemplateFailure extends RuntimeException {
        private final BuildException cause;

        TemplateFailure(BuildException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
