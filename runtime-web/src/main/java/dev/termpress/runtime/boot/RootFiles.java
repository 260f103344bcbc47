package dev.termpress.runtime.boot;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import java.nio.charset.StandardCharsets;

/** Files the host adds to an image's writable upper layer before boot. */
public final class RootFiles {

    private static final int DIRECTORY_MODE = 0755;
    private static final int FILE_MODE = 0644;
    private static final int ROOT = 0;

    private RootFiles() {
    }

    /**
     * Puts {@code text} at {@code /.termpress/init.conf}, replacing what the image has there.
     *
     * @throws IllegalStateException if the image blocks the path (a {@code /.termpress} that is no directory)
     */
    public static void writeInitConf(ImageFileSystem fs, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            Inode dir = fs.entry(fs.root(), InitConf.DIRECTORY);
            if (dir == null) {
                dir = fs.mkdir(fs.root(), InitConf.DIRECTORY, DIRECTORY_MODE, ROOT, ROOT);
            }
            if (fs.entry(dir, InitConf.FILE) != null) {
                fs.unlink(dir, InitConf.FILE, false);
            }
            Inode file = fs.createFile(dir, InitConf.FILE, FILE_MODE, ROOT, ROOT);
            int[] result = {-1};
            fs.write(file, 0, bytes, 0, bytes.length, errno -> result[0] = errno);
            if (result[0] != 0) {
                throw FsException.of(result[0] < 0 ? Errno.EIO : result[0]);
            }
        } catch (FsException e) {
            throw new IllegalStateException("cannot write /" + InitConf.DIRECTORY + "/" + InitConf.FILE
                    + " into the image (errno " + e.errno() + "); does the image have a /" + InitConf.DIRECTORY
                    + " that is not a directory?");
        }
    }
}
