package dev.termpress.generator.paths;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files a reader sees whole or not at all: written under a temporary name, then renamed. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code bytes} to {@code target} (creating its directory); nothing is left behind on failure. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = temporaryFor(target);
        try {
            Files.write(temp, bytes);
            moveInto(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A hidden temporary file beside {@code target}, on the same file system so the rename is cheap. */
    public static Path temporaryFor(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return SharedTemporaries.createFile(target.getParent(), target.getFileName().toString(), ".tmp");
    }

    /** Renames {@code temp} to {@code target}, atomically where the file system can. */
    public static void moveInto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
