package dev.termpress.generator.serve;

/**
 * Which files of a built site are named by their content (the browser runtime's hashed files, image
 * blobs and layer indexes): a new content gets a new name, so a host may let browsers keep them for ever.
 */
public final class ContentNamedFiles {

    /** RFC 9111 §5.2.2.1 {@code max-age} (a year) and RFC 8246 {@code immutable}. */
    public static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private static final String[] FOLDERS = {"assets/runtime/", "images/blobs/", "images/indexes/"};

    private ContentNamedFiles() {
    }

    /** Whether {@code relativePath} (from the site root, with '/') names a file by its content. */
    public static boolean contains(String relativePath) {
        for (String folder : FOLDERS) {
            if (relativePath.startsWith(folder) && !relativePath.contains("..")) {
                return true;
            }
        }
        return false;
    }
}
