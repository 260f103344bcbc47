package dev.termpress.generator.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An image layout on disk. Paths come from validated digests and fixed names, never from input. */
final class DirectoryTree implements FileTree {

    private final Path root;

    DirectoryTree(Path root) {
        this.root = root;
    }

    @Override
    public String locate(String path) {
        return root.resolve(path).toString();
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(root.resolve(path));
    }

    @Override
    public InputStream open(String path) throws ImageException, IOException {
        if (!exists(path)) {
            throw new ImageException(locate(path) + ": missing; the image refers to it, so it must be a regular file");
        }
        return Files.newInputStream(root.resolve(path));
    }

    @Override
    public void close() {}
}
