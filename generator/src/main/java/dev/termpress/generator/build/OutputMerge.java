package dev.termpress.generator.build;

import dev.termpress.generator.paths.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Brings a previous build's output to a clean build's result in place, instead of swapping a whole new tree in
 * and deleting the old one: a file whose bytes are already there is left alone, a changed one is replaced by a
 * rename (a reader sees the old file or the new one, never half of one), and a file the build no longer makes is
 * deleted with the folders it leaves empty. The result is the same tree a build into a fresh folder writes.
 */
final class OutputMerge {

    private OutputMerge() {}

    /** What a merge did: files written or moved, files deleted, files already as they should be. */
    record Changes(int written, int deleted, int unchanged, long bytes) {}

    /**
     * @param staging the build's staging folder: its files (images, assets, ...) are moved in where they differ;
     *     what is left in it afterwards is for the caller to delete
     * @param output the previous output, updated in place
     * @param pages the rendered files (output path to text), which are not in {@code staging}
     */
    static Changes apply(Path staging, Path output, Map<String, String> pages) throws IOException {
        List<String> staged = relativeFiles(staging);
        Set<String> wanted = new HashSet<>(pages.keySet());
        wanted.addAll(staged);
        int deleted = deleteUnwanted(output, wanted);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger unchanged = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        try {
            // Mostly reads of files in the page cache and a few renames: overlap them.
            pages.entrySet().parallelStream().forEach(page -> {
                byte[] data = page.getValue().getBytes(StandardCharsets.UTF_8);
                Path target = output.resolve(page.getKey());
                try {
                    if (sameBytes(target, data)) {
                        unchanged.incrementAndGet();
                    } else {
                        AtomicFiles.write(target, data);
                        written.incrementAndGet();
                        bytes.addAndGet(data.length);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (String file : staged) {
            Path source = staging.resolve(file);
            Path target = output.resolve(file);
            if (sameFile(source, target)) {
                unchanged.incrementAndGet();
            } else {
                bytes.addAndGet(Files.size(source));
                Files.createDirectories(target.getParent());
                AtomicFiles.moveInto(source, target);
                written.incrementAndGet();
            }
        }
        return new Changes(written.get(), deleted, unchanged.get(), bytes.get());
    }

    /** Deletes the output's files that are not wanted, and the folders that leaves empty; returns how many. */
    private static int deleteUnwanted(Path output, Set<String> wanted) throws IOException {
        int deleted = 0;
        for (String file : relativeFiles(output)) {
            if (!wanted.contains(file)) {
                Path path = output.resolve(file);
                Files.deleteIfExists(path);
                OutputUpdate.deleteEmptyParents(output, path.getParent());
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean sameBytes(Path target, byte[] data) throws IOException {
        try {
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == data.length
                    && Arrays.equals(Files.readAllBytes(target), data);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean sameFile(Path source, Path target) throws IOException {
        return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(source) == Files.size(target)
                && Files.mismatch(source, target) == -1;
    }

    /** Every file (not folder) below {@code root}, as '/'-separated relative paths. */
    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
