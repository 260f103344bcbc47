package dev.termpress.generator.content;

/**
 * A page's YAML front matter.
 *
 * @param title the page title, or {@code null} to use the first heading
 * @param description the meta description, or {@code null}
 * @param weight the position among its siblings (lower first), or {@code null} for "after the weighted ones"
 * @param draft drafts are left out of the build unless drafts are asked for
 * @param toc whether the theme shows the page's contents ("On this page"); {@code toc: false} hides them
 */
public record FrontMatter(String title, String description, Integer weight, boolean draft, boolean toc) {

    /** Front matter that keeps the page's contents shown. */
    public FrontMatter(String title, String description, Integer weight, boolean draft) {
        this(title, description, weight, draft, true);
    }

    /** Front matter of a page that has none. */
    public static final FrontMatter EMPTY = new FrontMatter(null, null, null, false);
}
