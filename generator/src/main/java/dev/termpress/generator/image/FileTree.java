package dev.termpress.generator.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** The files of an image source: a directory, or the entries of a tar archive. */
interface FileTree extends Closeable {

    /** Where a path lives, for error messages. */
    String locate(String path);

    /** Whether a regular file exists at {@code path} (relative, {@code /}-separated). */
    boolean exists(String path);

    /** Opens a regular file; a missing file is an {@link ImageException} naming it. */
    InputStream open(String path) throws ImageException, IOException;
}
