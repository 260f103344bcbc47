package dev.termpress.generator.paths;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
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
        return createUnique(directory, name, suffix, Files::createFile);
    }

    /** Creates an empty directory {@code .NAME.RANDOM.SUFFIX} in {@code directory}. */
    public static Path createDirectory(Path directory, String name, String suffix) throws IOException {
        return createUnique(directory, name, suffix, Files::createDirectory);
    }

    /** {@code Files.createFile} or {@code Files.createDirectory}: both refuse a name that exists. */
    private interface Creator {
        Path create(Path path, FileAttribute<?>... attributes) throws IOException;
    }

    private static Path createUnique(Path directory, String name, String suffix, Creator creator) throws IOException {
        while (true) {
            String unique = "." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix;
            try {
                return creator.create(directory.resolve(unique));
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary: draw another name
            }
        }
    }
}
