package dev.termpress.generator.markdown;

/**
 * A fenced {@code file} block: a file shown on the page and put into the containers of the page's demo blocks.
 *
 * @param file the file with its guest path and bytes (the block's body)
 * @param language the highlighter's language ({@code lang=}, else from the path's extension), or "" for none
 */
public record FileBlock(PageFile file, String language) {

    /** The last component of the guest path: the name a download gets. */
    public String name() {
        String path = file.path();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
