package dev.termpress.generator.paths;

import java.util.ArrayDeque;
import java.util.Deque;

/** Relative '/'-separated paths (site URLs, archive entry names), independent of the host file system. */
public final class SlashPaths {

    private SlashPaths() {
    }

    /**
     * Drops empty and {@code .} segments and applies {@code ..}; {@code null} when the path climbs
     * above its root. The result has no leading or trailing slash.
     */
    public static String resolveDots(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
