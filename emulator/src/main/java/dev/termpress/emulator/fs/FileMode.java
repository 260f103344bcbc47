package dev.termpress.emulator.fs;

/** File type and permission bits of {@code st_mode} (Linux sys/stat.h), shared by tar, the tree and 9p. */
public final class FileMode {

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    /** Permission bits plus setuid, setgid and sticky. */
    public static final int PERMISSIONS = 07777;

    private FileMode() {
    }

    public static boolean isDirectory(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isRegular(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isSymlink(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** Linux's 32-bit device number encoding ({@code new_encode_dev}), which the 9p client decodes. */
    public static long encodeDevice(int major, int minor) {
        return (minor & 0xffL) | (major & 0xfffL) << 8 | (minor & 0xfff00L) << 12;
    }
}
