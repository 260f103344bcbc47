package dev.termpress.emulator.guest;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import java.nio.charset.StandardCharsets;

/**
 * Puts {@code /.termpress/init.conf} into a filesystem's in-memory upper layer, when init asks for
 * it ({@link InitHandshake}).
 */
public final class InitConfFile {

    private static final int DIRECTORY_PERMISSIONS = 0755;
    private static final int FILE_PERMISSIONS = 0644;
    private static final int ROOT = 0;

    private InitConfFile() {
    }

    /**
     * Fails as {@link #install} would if the image blocks the path, without writing anything: a
     * host checks this before it boots.
     *
     * @throws IllegalStateException if the image has a {@code /.termpress} that is no directory
     */
    public static void checkInstallable(ImageFileSystem fs) {
        try {
            Inode directory = fs.entry(fs.root(), InitConf.DIRECTORY);
            if (directory != null && !directory.isDirectory()) {
                throw FsException.of(Errno.ENOTDIR);
            }
        } catch (FsException e) {
            throw blocked(e);
        }
    }

    /**
     * Writes {@code text} as the file, replacing one the image may ship.
     *
     * @throws IllegalStateException if the image blocks the path (a {@code /.termpress} that is no directory)
     */
    public static void install(ImageFileSystem fs, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            Inode directory = fs.entry(fs.root(), InitConf.DIRECTORY);
            if (directory == null) {
                directory = fs.mkdir(fs.root(), InitConf.DIRECTORY, DIRECTORY_PERMISSIONS, ROOT, ROOT);
            }
            if (fs.entry(directory, InitConf.FILE_NAME) != null) {
                fs.unlink(directory, InitConf.FILE_NAME, false);
            }
            Inode file = fs.createFile(directory, InitConf.FILE_NAME, FILE_PERMISSIONS, ROOT, ROOT);
            int[] result = {-1};
            fs.write(file, 0, bytes, 0, bytes.length, errno -> result[0] = errno);
            if (result[0] != 0) { // an upper-layer file answers at once; anything else is a failure
                throw FsException.of(result[0] < 0 ? Errno.EIO : result[0]);
            }
        } catch (FsException e) {
            throw blocked(e);
        }
    }

    private static IllegalStateException blocked(FsException e) {
        return new IllegalStateException("cannot write /" + InitConf.DIRECTORY + "/" + InitConf.FILE_NAME
                + " into the image (errno " + e.errno() + "); does the image have a /" + InitConf.DIRECTORY
                + " that is not a directory?");
    }
}
