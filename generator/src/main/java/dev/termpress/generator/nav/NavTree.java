package dev.termpress.generator.nav;

import dev.termpress.generator.content.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The navigation derived from the content folders and front matter: folders nest, {@code index.md}
 * is its folder's page, siblings sort by {@code weight} (unweighted last), then title.
 */
public final class NavTree {

    private static final String INDEX = "index.md";

    private final List<NavNode> top;
    private final List<Page> order;
    private final Map<Page, Integer> positions = new HashMap<>();

    private NavTree(List<NavNode> top, List<Page> order) {
        this.top = List.copyOf(top);
        this.order = List.copyOf(order);
        for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
        }
    }

    /** Builds the tree of the given pages. */
    public static NavTree of(List<Page> pages) {
        Folder root = new Folder("");
        for (Page page : pages) {
            root.add(page.sourcePath(), page);
        }
        List<NavNode> top = new ArrayList<>();
        if (root.index != null) {
            top.add(new NavNode(root.index.title(), root.index, List.of()));
        }
        top.addAll(root.children());
        List<Page> order = new ArrayList<>();
        for (NavNode node : top) {
            collect(node, order);
        }
        return new NavTree(top, order);
    }

    /** The top-level entries: the home page first, then the root folder's pages and folders. */
    public List<NavNode> top() {
        return top;
    }

    /** Every page in reading order (depth first, each folder's page before its children). */
    public List<Page> readingOrder() {
        return order;
    }

    /** The page before {@code page} in reading order, or {@code null}. */
    public Page previous(Page page) {
        Integer i = positions.get(page);
        return i == null || i == 0 ? null : order.get(i - 1);
    }

    /** The page after {@code page} in reading order, or {@code null}. */
    public Page next(Page page) {
        Integer i = positions.get(page);
        return i == null || i == order.size() - 1 ? null : order.get(i + 1);
    }

    private static void collect(NavNode node, List<Page> order) {
        if (node.page() != null) {
            order.add(node.page());
        }
        for (NavNode child : node.children()) {
            collect(child, order);
        }
    }

    /** A content folder while the tree is assembled. */
    private static final class Folder {
        final String name;
        Page index;
        final List<Page> pages = new ArrayList<>();
        final Map<String, Folder> folders = new TreeMap<>();

        Folder(String name) {
            this.name = name;
        }

        void add(String relative, Page page) {
            int slash = relative.indexOf('/');
            if (slash < 0) {
                if (relative.equals(INDEX)) {
                    index = page;
                } else {
                    pages.add(page);
                }
                return;
            }
            String child = relative.substring(0, slash);
            folders.computeIfAbsent(child, Folder::new).add(relative.substring(slash + 1), page);
        }

        NavNode node() {
            String title = index != null ? index.title() : humanize(name);
            return new NavNode(title, index, children());
        }

        List<NavNode> children() {
            List<NavNode> nodes = new ArrayList<>();
            for (Page page : pages) {
                nodes.add(new NavNode(page.title(), page, List.of()));
            }
            for (Folder folder : folders.values()) {
                nodes.add(folder.node());
            }
            nodes.sort(Comparator.comparingInt(NavTree::weight)
                    .thenComparing(n -> n.title().toLowerCase(java.util.Locale.ROOT))
                    .thenComparing(NavTree::sortPath));
            return nodes;
        }
    }

    private static int weight(NavNode node) {
        if (node.page() == null || node.page().frontMatter().weight() == null) {
            return Integer.MAX_VALUE;
        }
        return node.page().frontMatter().weight();
    }

    private static String sortPath(NavNode node) {
        return node.page() == null ? node.title() : node.page().sourcePath();
    }

    /** {@code getting-started} becomes {@code Getting started}. */
    static String humanize(String name) {
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        String spaced = base.replace('-', ' ').replace('_', ' ').strip();
        if (spaced.isEmpty()) {
            return name;
        }
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The title for a page without front matter title or heading. */
    public static String titleFromPath(String sourcePath) {
        String path = sourcePath;
        if (path.endsWith("/" + INDEX)) {
            path = path.substring(0, path.length() - INDEX.length() - 1);
        } else if (path.equals(INDEX)) {
            return "Home";
        }
        return humanize(path.substring(path.lastIndexOf('/') + 1));
    }
}
