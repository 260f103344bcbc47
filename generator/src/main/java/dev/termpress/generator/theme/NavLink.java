package dev.termpress.generator.theme;

import java.util.List;

/**
 * A navigation entry as one page's templates see it.
 *
 * @param title the entry's title
 * @param href the URL relative to the current page, or {@code null} for a folder without a page
 * @param active whether this is the current page
 * @param open whether the current page is this entry or below it (its children are listed)
 * @param folder whether the entry has children (listed only when {@code open})
 * @param children the children to show; empty unless {@code open}
 */
public record NavLink(String title, String href, boolean active, boolean open, boolean folder, List<NavLink> children) {}
