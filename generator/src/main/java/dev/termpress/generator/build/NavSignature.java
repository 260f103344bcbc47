package dev.termpress.generator.build;

import dev.termpress.generator.nav.NavNode;
import dev.termpress.generator.nav.NavTree;

/**
 * Everything of the navigation that a page's HTML shows besides the page itself: the tree's shape, every
 * entry's title and page (so also the reading order behind previous/next, and the set of pages links
 * resolve against). Equal signatures mean a page's sidebar and neighbours render the same.
 */
final class NavSignature {

    private NavSignature() {}

    static String of(NavTree nav) {
        StringBuilder s = new StringBuilder(64 * nav.readingOrder().size() + 16);
        for (NavNode node : nav.top()) {
            append(node, s);
        }
        return s.toString();
    }

    private static void append(NavNode node, StringBuilder s) {
        // Length-prefixed, so no title can imitate the structure around it.
        String page = node.page() == null ? "" : node.page().sourcePath();
        s.append('(').append(node.title().length()).append(':').append(node.title())
                .append(page.length()).append(':').append(page);
        for (NavNode child : node.children()) {
            append(child, s);
        }
        s.append(')');
    }
}
