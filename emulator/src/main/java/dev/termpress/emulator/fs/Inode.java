package dev.termpress.emulator.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One file, directory, symlink or special file of the merged tree. Its content is either a range of a
 * lower layer's stream (read-only, fetched on demand) or, after a copy-up, chunks held in memory. Only
 * {@link ImageFileSystem} changes an inode; the 9p server reads it through the accessors.
 */
public final class Inode {

    final long id;
    int mode;
    int uid;
    int gid;
    long atimeSeconds;
    int atimeNanos;
    long mtimeSeconds;
    int mtimeNanos;
    long ctimeSeconds;
    int ctimeNanos;
    /** Names that refer to this inode (non-directories; a directory's count is derived). */
    int links;
    long rdev;
    String symlinkTarget = "";
    /** Children by name, sorted so listings are stable; null unless a directory. */
    TreeMap<String, Inode> children;
    /** The directory holding this one; the root is its own parent. Null for non-directories. */
    Inode parent;
    /** Content in a lower layer: layer number or -1 when the content is in {@link #upper}. */
    int layer = -1;
    long dataOffset;
    long size;
    /** The content when it is in memory (after a copy-up or for a file the guest made); else null. */
    ChunkedContent upper;
    /**
     * Open handles (9P fids) on this inode: a file with no names left keeps its content, and its cost,
     * until the last one goes, as a disk filesystem keeps an unlinked open file's blocks.
     */
    int handles;
    /** Bumped on every content change; the 9p qid version. */
    int version;
    /** Changed since the layers were merged: a snapshot saves this inode. */
    boolean touched;
    /** Requests waiting for a copy-up in progress; null when none is. */
    List<Completion> copyUpWaiters;

    Inode(long id, int mode) {
        this.id = id;
        this.mode = mode;
        if (FileMode.isDirectory(mode)) {
            children = new TreeMap<>();
        } else {
            links = 1;
        }
    }

    void waitForCopyUp(Completion then) {
        if (copyUpWaiters == null) {
            copyUpWaiters = new ArrayList<>();
        }
        copyUpWaiters.add(then);
    }

    /** Stable number of this inode (the qid path). */
    public long id() {
        return id;
    }

    /** Type and permission bits, as {@code st_mode}. */
    public int mode() {
        return mode;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** Content length (the target's length in bytes for a symlink). */
    public long size() {
        return size;
    }

    /** Bytes of host memory the content takes: less than the size for a sparse file, the size while in a layer. */
    public long allocatedBytes() {
        return upper != null ? upper.cost() : size;
    }

    /** Link count: names for a file; 2 plus subdirectories for a directory. */
    public long linkCount() {
        if (children == null) {
            return links;
        }
        long count = 2;
        for (Inode child : children.values()) {
            if (child.children != null) {
                count++;
            }
        }
        return count;
    }

    /** Device number of a character or block device (Linux {@code new_encode_dev}). */
    public long rdev() {
        return rdev;
    }

    public boolean isDirectory() {
        return children != null;
    }

    public boolean isRegular() {
        return FileMode.isRegular(mode);
    }

    public boolean isSymlink() {
        return FileMode.isSymlink(mode);
    }

    /** Counter of content changes. */
    public int version() {
        return version;
    }

    public long atimeSeconds() {
        return atimeSeconds;
    }

    public int atimeNanos() {
        return atimeNanos;
    }

    public long mtimeSeconds() {
        return mtimeSeconds;
    }

    public int mtimeNanos() {
        return mtimeNanos;
    }

    public long ctimeSeconds() {
        return ctimeSeconds;
    }

    public int ctimeNanos() {
        return ctimeNanos;
    }

    /** Whether the content is still in a lower layer (not yet copied up). */
    public boolean isLower() {
        return layer >= 0;
    }
}
