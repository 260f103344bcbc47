package dev.termpress.generator.image;

import java.util.List;

/** Matches a configured reference against the names an image source gives its entries. */
final class References {

    private References() {}

    /**
     * True when {@code name} (a {@code ref.name} such as {@code latest}, or a docker tag such as
     * {@code busybox:latest}) is what {@code reference} asks for: equal, equal tags, or equal after a
     * registry prefix ({@code docker.io/library/busybox:latest} matches {@code busybox:latest}).
     */
    static boolean matches(String name, String reference) {
        return name.equals(reference)
                || tag(name).equals(reference)
                || name.equals(tag(reference))
                || name.endsWith("/" + reference)
                || reference.endsWith("/" + name);
    }

    /**
     * The names to match against: the full image names when an entry has any (docker and
     * containerd add one beside the bare {@code ref.name} tag), so {@code other:latest} does not
     * match an entry of {@code demo:latest} through its bare tag {@code latest}.
     */
    static List<String> mostSpecific(List<String> names) {
        List<String> full = names.stream().filter(name -> name.contains(":") || name.contains("/")).toList();
        return full.isEmpty() ? names : full;
    }

    /** The tag after the last colon that follows the last slash, or the whole string. */
    private static String tag(String name) {
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : name;
    }
}
