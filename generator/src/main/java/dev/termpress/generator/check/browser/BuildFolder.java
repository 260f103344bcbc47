package dev.termpress.generator.check.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary folder {@code check --browser} builds the site into. It is removed when the check
 * ends and also when the JVM is stopped in the middle (Ctrl-C, a kill), where no {@code finally} runs.
 */
final class BuildFolder implements AutoCloseable {

    private final Path root;
    private final Thread onExit;

    private BuildFolder(Path root) {
        this.root = root;
        this.onExit = new Thread(() -> deleteTree(root), "termpress-check-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** A fresh, empty folder in the system's temporary folder. */
    static BuildFolder create() throws IOException {
        return new BuildFolder(Files.createTempDirectory("termpress-check-"));
    }

    Path path() {
        return root;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            return; // the JVM is shutting down: the hook removes the folder
        }
        deleteTree(root);
    }

    /** A file that cannot be removed is left for the system's temp cleaner; the check's result stands. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // nothing useful to do
        }
    }
}
