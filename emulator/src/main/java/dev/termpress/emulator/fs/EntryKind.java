package dev.termpress.emulator.fs;

/** What a layer entry creates. Whiteouts are ordinary names ({@code .wh.*}) that the merge interprets. */
public enum EntryKind {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO;

    /** The {@code st_mode} type bits of an inode of this kind (a hard link has its target's type). */
    int typeBits() {
        switch (this) {
            case DIRECTORY:
                return FileMode.S_IFDIR;
            case SYMLINK:
                return FileMode.S_IFLNK;
            case CHAR_DEVICE:
                return FileMode.S_IFCHR;
            case BLOCK_DEVICE:
                return FileMode.S_IFBLK;
            case FIFO:
                return FileMode.S_IFIFO;
            default:
                return FileMode.S_IFREG;
        }
    }
}
