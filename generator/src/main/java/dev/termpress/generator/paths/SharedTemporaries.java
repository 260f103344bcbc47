package dev.termpress.generator.paths;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hidden temporary files and directories that become published output by a rename. Unlike
 * {@code Files.createTempFile}/{@code createTempDirectory}, which make them private (600/700),
 * these get the umask's permissions like every other file the build writes: a site served by a
 * web server running as another user must be readable by it.
 */
public final class SharedTemporaries {

    private SharedTemporaries() {
    }

    /** Creates an empty file {@code .NAME.RANDOM.SUFFIX} in {@code directory}. */
    public static Path createFile(Path directory, String name, String suffix) throws IOException {
        while (true) {
            try {
                return Files.createFile(directory.resolve(uniqueName(name, suffix)));
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary: draw another name
            }
        }
    }

    /** Creates an empty directory {@code .NAME.RANDOM.SUFFIX} in {@code directory}. */
    public static Path createDirectory(Path directory, String name, String suffix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(directory.resolve(uniqueName(name, suffix)));
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary: draw another name
            }
        }
    }

    private static String uniqueName(String name, String suffix) {
        return "." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix;
    }
}
