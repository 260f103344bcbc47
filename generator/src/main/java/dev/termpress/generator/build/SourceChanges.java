package dev.termpress.generator.build;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

/**
 * The files the serve watcher saw change since the last build, so that an edit of a page's text needs no walk of
 * the site to find what changed.
 *
 * @param files absolute, normalised paths of the changed files and folders
 * @param complete false when events may have been lost (an overflow) or nothing is known: anything may have changed
 */
public record SourceChanges(Set<Path> files, boolean complete) {

    /** Nothing known: the build looks at every file. */
    public static final SourceChanges UNKNOWN = new SourceChanges(Set.of(), false);

    public SourceChanges {
        files = Set.copyOf(files);
    }

    /**
     * Whether every change is an edit of one of {@code pages} (the previous build's Markdown files), each still a
     * regular file: then the site's listing, settings, theme, static files and assets are as they were. A hidden
     * name (an editor's swap file) is ignored, as the build ignores it.
     */
    boolean onlyEdits(Path siteDir, Collection<Path> pages) {
        if (!complete || files.isEmpty()) {
            return false;
        }
        Path content = siteDir.toAbsolutePath().normalize().resolve(dev.termpress.generator.content.ContentLoader.CONTENT_DIR);
        Set<Path> known = Set.copyOf(pages.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        for (Path file : files) {
            if (file.startsWith(content) && hidden(content.relativize(file))) {
                continue;
            }
            if (!known.contains(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /** The changed files among {@code pages}. */
    Set<Path> editedAmong(Collection<Path> pages) {
        return Set.copyOf(pages.stream().filter(p -> files.contains(p.toAbsolutePath().normalize())).toList());
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
