package dev.termpress.emulator.fs;

/** Normalises tar entry paths and rejects the hostile ones (absolute, {@code ..}). */
final class TarPaths {

    private TarPaths() {
    }

    /**
     * Returns {@code raw} without a leading {@code ./}, empty or {@code .} components and trailing
     * slashes; the root itself becomes the empty string.
     *
     * @throws ImageFormatException for absolute paths, {@code ..} components or NUL bytes
     */
    static String normalise(String raw, String where) throws ImageFormatException {
        if (raw.startsWith("/")) {
            throw new ImageFormatException(where + ": absolute path '" + raw
                    + "' is not allowed; layer entries must be relative to the image root");
        }
        StringBuilder out = new StringBuilder(raw.length());
        int start = 0;
        while (start <= raw.length()) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 ? raw.length() : slash;
            String part = raw.substring(start, end);
            if (part.equals("..")) {
                throw new ImageFormatException(where + ": path '" + raw
                        + "' has a '..' component; layer entries must stay inside the image root");
            }
            if (part.indexOf('\0') >= 0) {
                throw new ImageFormatException(where + ": path '" + raw + "' contains a NUL byte");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                if (out.length() > 0) {
                    out.append('/');
                }
                out.append(part);
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** The path's parent ({@code ""} for a top-level name). */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The path's last component. */
    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
