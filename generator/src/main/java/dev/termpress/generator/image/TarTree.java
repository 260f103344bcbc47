package dev.termpress.generator.image;

import dev.termpress.generator.paths.SlashPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The entries of an uncompressed tar archive, read in place (random access, nothing unpacked).
 * Every entry name is checked when the archive is opened.
 */
final class TarTree implements FileTree {

    /** Docker save links shared layers with relative symlinks; a chain longer than this is a loop. */
    private static final int MAX_SYMLINK_DEPTH = 16;

    private final Path archive;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private TarTree(Path archive, TarFile tar) {
        this.archive = archive;
        this.tar = tar;
    }

    /** Opens {@code archive}, rejecting entries with absolute paths or {@code ..} components. */
    static TarTree open(Path archive) throws ImageException {
        TarFile tar;
        try {
            tar = new TarFile(archive);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(archive + ": not a readable tar archive (" + e.getMessage()
                    + "); expected an oci-archive or docker save tar", e);
        }
        TarTree tree = new TarTree(archive, tar);
        try {
            for (TarArchiveEntry entry : tar.getEntries()) {
                String problem = EntryNames.problem(entry.getName());
                if (problem == null && entry.isLink()) {
                    problem = hardLinkProblem(entry);
                }
                if (problem != null) {
                    throw new ImageException(archive + ": entry \"" + entry.getName() + "\" " + problem
                            + "; entries must be relative paths inside the archive");
                }
                tree.entries.put(EntryNames.normalize(entry.getName()), entry);
            }
        } catch (ImageException e) {
            tree.close();
            throw e;
        }
        return tree;
    }

    private static String hardLinkProblem(TarArchiveEntry entry) {
        String problem = EntryNames.problem(entry.getLinkName());
        return problem == null ? null : "is a hard link whose target \"" + entry.getLinkName() + "\" " + problem;
    }

    @Override
    public String locate(String path) {
        return archive + " (entry " + path + ")";
    }

    @Override
    public boolean exists(String path) {
        return find(path) != null;
    }

    @Override
    public InputStream open(String path) throws ImageException, IOException {
        TarArchiveEntry entry = find(path);
        if (entry == null) {
            throw new ImageException(locate(path) + ": missing; the image refers to it, so the archive must contain it");
        }
        return tar.getInputStream(entry);
    }

    /** The regular file at {@code path}, following symlinks and hard links inside the archive. */
    private TarArchiveEntry find(String path) {
        String current = EntryNames.normalize(path);
        for (int depth = 0; depth < MAX_SYMLINK_DEPTH; depth++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry == null) {
                return null;
            }
            if (entry.isLink()) {
                current = EntryNames.normalize(entry.getLinkName());
            } else if (entry.isSymbolicLink()) {
                current = resolve(current, entry.getLinkName());
                if (current == null) {
                    return null;
                }
            } else {
                return entry.isFile() ? entry : null;
            }
        }
        return null;
    }

    /** Resolves a symlink target against its entry's directory; {@code null} if it leaves the archive. */
    private static String resolve(String linkPath, String target) {
        if (target.startsWith("/")) {
            return null;
        }
        int slash = linkPath.lastIndexOf('/');
        String directory = slash > 0 ? linkPath.substring(0, slash + 1) : "";
        return SlashPaths.resolveDots(directory + target);
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            // Nothing was written through this handle; a failing close loses nothing.
        }
    }
}
