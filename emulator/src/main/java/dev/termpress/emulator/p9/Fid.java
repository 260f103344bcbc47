package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Inode;

/** What a client's fid number stands for: a file, how it was reached and whether it is open. */
final class Fid {

    static final int NOT_OPEN = -1;

    Inode inode;
    /** The user the client acts as through this fid (Tattach n_uname); owns what it creates. */
    final int uid;
    /** Directory and name the fid was walked through, to rename or remove a non-directory by fid. */
    Inode parent;
    String name;
    /** Tlopen/Tlcreate flags, or {@link #NOT_OPEN}. */
    int openFlags = NOT_OPEN;
    /** A Txattrwalk fid: reads an empty attribute list. */
    boolean xattr;
    /** Directory listing taken when a Treaddir starts at offset 0; offsets index into it. */
    String[] listingNames;
    Inode[] listingInodes;

    Fid(Inode inode, int uid, Inode parent, String name) {
        this.inode = inode;
        this.uid = uid;
        this.parent = parent;
        this.name = name;
    }

    boolean isOpen() {
        return openFlags != NOT_OPEN;
    }

    boolean canRead() {
        int access = openFlags & NineP.O_ACCMODE;
        return isOpen() && (access == NineP.O_RDONLY || access == NineP.O_RDWR);
    }

    boolean canWrite() {
        int access = openFlags & NineP.O_ACCMODE;
        return isOpen() && (access == NineP.O_WRONLY || access == NineP.O_RDWR);
    }
}
