package dev.termpress.emulator.guest;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import java.util.List;

/**
 * Writes a page's files into a filesystem's in-memory upper layer, the way {@link InitConfFile} writes
 * init.conf: on a resumed machine after the restore and before the guest runs again, on a cold boot before
 * the kernel starts. Files and the directories made for them belong to root.
 *
 * <p>Why this cannot meet a stale guest cache: the guest mounts the root with {@code cache=loose}, so a
 * name it looked up before the boot snapshot (a positive or negative dentry) is never asked again. Before
 * init's ready marker the guest looks up only the root's mount points ({@link #MOUNTED}) and creates the
 * missing ones; {@link #pathProblem} refuses every path below them, so every other name is still unknown
 * to the resumed guest and its first lookup reaches the server, which holds the file by then.
 */
public final class GuestFiles {

    /**
     * Top-level directories init mounts something over ({@code /dev}, {@code /proc}, {@code /sys}, tmpfs on
     * {@code /tmp} and {@code /run}), which the guest has looked up before any snapshot, and init's own
     * {@code /.termpress}: a file there would be hidden, or would be cached stale.
     */
    public static final List<String> MOUNTED = List.of("dev", "proc", "sys", "tmp", "run", InitConf.DIRECTORY);
    /** Files init writes itself after the handshake (docker provides them too): a page file there is lost. */
    public static final List<String> WRITTEN_BY_INIT = List.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf");

    private static final int DIRECTORY_PERMISSIONS = 0755;
    private static final int ROOT = 0;

    private GuestFiles() {
    }

    /**
     * Why {@code path} cannot hold a page file, or null when it can: it must be absolute and normalised (no
     * {@code .}, {@code ..}, empty or trailing components), not the root, and in the writable layer (not
     * below {@link #MOUNTED}, not one of {@link #WRITTEN_BY_INIT}).
     */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "the path is empty";
        }
        if (path.charAt(0) != '/') {
            return "'" + path + "' is not an absolute path (write /workspace/NAME)";
        }
        if (path.equals("/")) {
            return "'/' is a directory, not a file";
        }
        if (path.indexOf('\0') >= 0) {
            return "'" + path + "' contains a NUL character";
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String name = path.substring(start, end);
            if (name.isEmpty()) {
                return "'" + path + "' has an empty component (// or a trailing /)";
            }
            if (name.equals(".") || name.equals("..")) {
                return "'" + path + "' contains '" + name + "' (write the normalised absolute path)";
            }
            if (start == 1 && MOUNTED.contains(name)) {
                return "'" + path + "' is not in the writable layer: /" + name + " is "
                        + (name.equals(InitConf.DIRECTORY) ? "termpress-init's own directory" : "a mount point init sets up")
                        + " (the writable layer is everything else, for example /workspace, /root, /srv, /opt)";
            }
            start = end + 1;
        }
        if (WRITTEN_BY_INIT.contains(path)) {
            return "'" + path + "' is written by termpress-init when the machine starts (use the block's hostname= instead)";
        }
        return null;
    }

    /**
     * Writes every file, making missing parent directories and replacing a file of the same name.
     *
     * @throws IllegalStateException naming the path when the image blocks it (a parent that is no directory,
     *     a directory where the file goes) or the writable layer is full
     */
    public static void install(ImageFileSystem fs, List<GuestFile> files) {
        for (GuestFile file : files) {
            try {
                installOne(fs, file);
            } catch (FsException e) {
                throw new IllegalStateException("cannot write " + file.path() + " into the image: "
                        + reason(e.errno()));
            }
        }
    }

    private static void installOne(ImageFileSystem fs, GuestFile file) throws FsException {
        String path = file.path();
        Inode directory = fs.root();
        int start = 1;
        while (true) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                break;
            }
            String name = path.substring(start, end);
            Inode child = fs.entry(directory, name);
            if (child == null) {
                child = fs.mkdir(directory, name, DIRECTORY_PERMISSIONS, ROOT, ROOT);
            } else if (!child.isDirectory()) {
                throw FsException.of(Errno.ENOTDIR);
            }
            directory = child;
            start = end + 1;
        }
        String name = path.substring(start);
        Inode existing = fs.entry(directory, name);
        if (existing != null) {
            if (existing.isDirectory()) {
                throw FsException.of(Errno.EISDIR);
            }
            fs.unlink(directory, name, false);
        }
        Inode inode = fs.createFile(directory, name, file.permissions(), ROOT, ROOT);
        byte[] content = file.content();
        int[] result = {-1};
        fs.write(inode, 0, content, 0, content.length, errno -> result[0] = errno);
        if (result[0] != 0) { // an upper-layer file answers at once; anything else is a failure
            throw FsException.of(result[0] < 0 ? Errno.EIO : result[0]);
        }
    }

    private static String reason(int errno) {
        if (errno == Errno.ENOTDIR) {
            return "a parent in the image is not a directory";
        }
        if (errno == Errno.EISDIR) {
            return "the image has a directory there";
        }
        if (errno == Errno.ENOSPC) {
            return "the writable layer is full (raise the image's upper-limit in termpress.yaml)";
        }
        return "errno " + errno;
    }
}
