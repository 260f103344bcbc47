package dev.termpress.generator.vm;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.generator.guest.InitConf;
import java.nio.charset.StandardCharsets;

/** Puts {@code /.termpress/init.conf} into a filesystem's in-memory upper layer before boot. */
final class InitConfFile {

    private static final int DIRECTORY_PERMISSIONS = 0755;
    private static final int FILE_PERMISSIONS = 0644;
    private static final int ROOT = 0;

    private InitConfFile() {}

    /** Writes {@code text} as the file, replacing one the image may ship. */
    static void install(ImageFileSystem fs, String text) throws FsException {
        Inode root = fs.root();
        Inode directory = fs.entry(root, InitConf.DIRECTORY);
        if (directory == null) {
            directory = fs.mkdir(root, InitConf.DIRECTORY, DIRECTORY_PERMISSIONS, ROOT, ROOT);
        } else if (!directory.isDirectory()) {
            fs.unlink(root, InitConf.DIRECTORY, false);
            directory = fs.mkdir(root, InitConf.DIRECTORY, DIRECTORY_PERMISSIONS, ROOT, ROOT);
        }
        Inode old = fs.entry(directory, InitConf.FILE_NAME);
        if (old != null) {
            fs.unlink(directory, InitConf.FILE_NAME, old.isDirectory());
        }
        Inode file = fs.createFile(directory, InitConf.FILE_NAME, FILE_PERMISSIONS, ROOT, ROOT);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] result = {-1};
        fs.write(file, 0, bytes, 0, bytes.length, errno -> result[0] = errno);
        if (result[0] != 0) { // an upper-layer file answers at once; anything else is a failure
            throw FsException.of(result[0] < 0 ? Errno.EIO : result[0]);
        }
    }
}
