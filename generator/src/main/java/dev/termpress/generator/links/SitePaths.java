package dev.termpress.generator.links;

/**
 * Paths inside the output site. Pages get directory URLs ({@code guide/files.md} is written to
 * {@code guide/files/index.html}) and every URL the site contains is relative, so it works under any
 * base path on any static host.
 */
public final class SitePaths {

    private static final String INDEX_MD = "index.md";

    private SitePaths() {}

    /** The URL (relative to the site root) of the page from {@code sourcePath}. */
    public static String pageUrl(String sourcePath) {
        String withoutExtension = sourcePath.substring(0, sourcePath.length() - ".md".length());
        if (sourcePath.equals(INDEX_MD)) {
            return "";
        }
        if (sourcePath.endsWith("/" + INDEX_MD)) {
            return sourcePath.substring(0, sourcePath.length() - INDEX_MD.length());
        }
        return withoutExtension + "/";
    }

    /** The relative prefix that leads from a page's directory URL back to the site root. */
    public static String rootPrefix(String fromUrl) {
        int depth = 0;
        for (int i = 0; i < fromUrl.length(); i++) {
            if (fromUrl.charAt(i) == '/') {
                depth++;
            }
        }
        return "../".repeat(depth);
    }

    /** The relative URL from the page at {@code fromUrl} to {@code target} (both relative to the site root). */
    public static String relative(String fromUrl, String target) {
        String fromDir = fromUrl.substring(0, fromUrl.lastIndexOf('/') + 1);
        int common = 0;
        int i = 0;
        while (i < fromDir.length() && i < target.length() && fromDir.charAt(i) == target.charAt(i)) {
            if (fromDir.charAt(i) == '/') {
                common = i + 1;
            }
            i++;
        }
        String result = rootPrefix(fromDir.substring(common)) + target.substring(common);
        return result.isEmpty() ? "./" : result;
    }

    /** The directory part of a path ({@code "guide/"} for {@code "guide/files.md"}, {@code ""} at the root). */
    public static String directory(String path) {
        return path.substring(0, path.lastIndexOf('/') + 1);
    }
}
