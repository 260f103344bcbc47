package dev.termpress.generator.nav;

import dev.termpress.generator.content.Page;
import java.util.List;

/**
 * One entry of the site's navigation tree: a page, or a folder (with or without its own index page).
 *
 * @param title what the navigation shows
 * @param page the page it links to, or {@code null} for a folder without {@code index.md}
 * @param children the entries inside a folder, in navigation order
 */
public record NavNode(String title, Page page, List<NavNode> children) {

    public NavNode {
        children = List.copyOf(children);
    }

    /** Whether {@code target} is this entry's page or lies below it. */
    public boolean contains(Page target) {
        if (page == target) {
            return true;
        }
        for (NavNode child : children) {
            if (child.contains(target)) {
                return true;
            }
        }
        return false;
    }
}
