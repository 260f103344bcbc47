package dev.termpress.generator.build;

import dev.termpress.generator.paths.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings an existing output directory from one build's generated files to the next's: writes each file
 * whose text changed (temporary file + rename, so a reader never sees half a page) and deletes the ones
 * that are gone, with the folders they leave empty.
 */
final class OutputUpdate {

    private OutputUpdate() {}

    /** What an update did. */
    record Changes(int files, long bytes) {}

    static Changes apply(Path output, Map<String, String> before, Map<String, String> after) throws IOException {
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        for (Map.Entry<String, String> file : after.entrySet()) {
            String old = before.get(file.getKey());
            // A reused page is the very same string: no comparison of its text needed.
            if (old != file.getValue() && (old == null || !old.equals(file.getValue()))) {
                changed.add(file);
            }
        }
        AtomicLong written = new AtomicLong();
        try {
            // A title edit changes every page's sidebar: a thousand small writes, mostly waiting on the file system.
            changed.parallelStream().forEach(file -> {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                try {
                    AtomicFiles.write(output.resolve(file.getKey()), data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written.addAndGet(data.length);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long bytes = written.get();
        int deleted = 0;
        for (String path : before.keySet()) {
            if (!after.containsKey(path)) {
                Path file = output.resolve(path);
                Files.deleteIfExists(file);
                deleteEmptyParents(output, file.getParent());
                deleted++;
            }
        }
        return new Changes(changed.size() + deleted, bytes);
    }

    /**
     * Deletes {@code dir} and its parents below {@code output} while they are empty: a clean build creates no
     * empty folders, so neither an update nor a merge ({@link OutputMerge}) may leave any.
     */
    static void deleteEmptyParents(Path output, Path dir) throws IOException {
        Path root = output.toAbsolutePath().normalize();
        for (Path d = dir.toAbsolutePath().normalize(); d != null && d.startsWith(root) && !d.equals(root);
                d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }
}
