package dev.termpress.generator.build;

import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.paths.SharedTemporaries;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * A build writes into a temporary sibling of the output directory and, only at the end, swaps it in (a first
 * build) or merges it into the previous output (writing only the files that changed), so a failed build leaves
 * the previous output as it was.
 */
public final class StagedOutput implements AutoCloseable {

    /** Marks a directory as written by termpress, so that it may be replaced or cleaned. */
    public static final String MARKER = ".termpress-output";

    private final Path output;
    private final Path staging;
    private boolean committed;

    private StagedOutput(Path output, Path staging) {
        this.output = output;
        this.staging = staging;
    }

    /** Creates the staging directory next to {@code output} after checking that output may be replaced. */
    public static StagedOutput create(Path output, Path siteDir) throws BuildException {
        Path out = output.toAbsolutePath().normalize();
        Path site = siteDir.toAbsolutePath().normalize();
        if (site.startsWith(out)) {
            throw new BuildException(new SiteError(out, 0, "the output directory must not contain the site itself"
                    + " (valid: a new directory such as " + site.resolve("public") + ")"));
        }
        checkReplaceable(out);
        try {
            Files.createDirectories(out.getParent());
            Path staging = SharedTemporaries.createDirectory(out.getParent(), out.getFileName().toString(), ".building");
            Files.writeString(staging.resolve(MARKER), "written by termpress build; safe to delete\n");
            return new StagedOutput(out, staging);
        } catch (IOException e) {
            throw new BuildException(new SiteError(out, 0, "cannot create the output directory: " + e.getMessage()));
        }
    }

    /** Fails unless {@code dir} is absent, empty or marked as termpress output. */
    public static void checkReplaceable(Path dir) throws BuildException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new BuildException(new SiteError(dir, 0, "exists and is not a directory (choose another --out)"));
            }
            return;
        }
        if (Files.exists(dir.resolve(MARKER))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new BuildException(new SiteError(dir, 0, "exists and was not written by termpress;"
                        + " refusing to replace it (remove it or choose another --out)"));
            }
        } catch (IOException e) {
            throw new BuildException(new SiteError(dir, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** The directory to write into. */
    public Path dir() {
        return staging;
    }

    /** Replaces the output directory with the staging directory. */
    public void commit() throws BuildException {
        try {
            Path old = null;
            if (Files.exists(output)) {
                old = output.resolveSibling("." + output.getFileName() + ".old-" + System.nanoTime());
                Files.move(output, old);
            }
            try {
                Files.move(staging, output);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, output);
                }
                throw e;
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new BuildException(new SiteError(output, 0, "cannot replace the output directory: " + e.getMessage()));
        }
    }

    /**
     * Whether a previous output is there to be updated in place ({@link #merge}) rather than replaced: a folder
     * that a termpress build wrote.
     */
    public boolean hasPreviousOutput() {
        return Files.isRegularFile(output.resolve(MARKER));
    }

    /**
     * Updates the previous output in place to the staging directory's files plus {@code pages} (output path to
     * text, not written to staging), writing only what differs ({@link OutputMerge}); the staging directory is
     * then deleted. A failure part way leaves each file whole, old or new, and the next build puts all right.
     */
    OutputMerge.Changes merge(java.util.Map<String, String> pages) throws BuildException {
        try {
            OutputMerge.Changes changes = OutputMerge.apply(staging, output, pages);
            committed = true;
            deleteTree(staging);
            return changes;
        } catch (IOException e) {
            throw new BuildException(new SiteError(output, 0, "cannot update the output directory: " + e.getMessage()));
        }
    }

    /** Removes the staging directory unless it was committed. */
    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // Only a hidden temporary directory is left behind; `termpress clean` removes it.
            }
        }
    }

    /** Deletes a directory tree (symbolic links are removed, not followed). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
