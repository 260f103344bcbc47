package dev.termpress.generator.image;

/** Checks tar entry names: relative paths that stay inside the archive or the root filesystem. */
final class EntryNames {

    private EntryNames() {}

    /**
     * Returns why {@code name} is unsafe ("absolute path" or "contains ..") or {@code null} when it
     * is a plain relative path.
     */
    static String problem(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            return "is an absolute path";
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return "contains a \"..\" component";
            }
        }
        return null;
    }

    /** The name without leading {@code ./} and trailing {@code /}, as archives spell it variously. */
    static String normalize(String name) {
        String result = name;
        while (result.startsWith("./")) {
            result = result.substring(2);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
