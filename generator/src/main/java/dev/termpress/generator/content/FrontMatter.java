package dev.termpress.generator.content;

/**
 * A page's YAML front matter.
 *
 * @param title the page title, or {@code null} to use the first heading
 * @param description the meta description, or {@code null}
 * @param weight the position among its siblings (lower first), or {@code null} for "after the weighted ones"
 * @param draft drafts are left out of the build unless drafts are asked for
 */
public record FrontMatter(String title, String description, Integer weight, boolean draft) {

    /** Front matter of a page that has none. */
    public static final FrontMatter EMPTY = new FrontMatter(null, null, null, false);
}
