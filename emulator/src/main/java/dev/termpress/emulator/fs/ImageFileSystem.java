package dev.termpress.emulator.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An image's merged, writable tree: read-only layers below (metadata from their indexes, contents
 * fetched through a {@link LayerSource} when first read) and an in-memory upper layer that takes every
 * change. Deleting hides lower entries; the first write or truncate of a lower file copies it up. A fresh
 * instance over the same indexes is the pristine image again (Reset). Single-threaded, never blocks.
 *
 * <p>Namespace operations answer at once and throw {@link FsException}; content operations may wait for
 * layer bytes and answer through a callback.
 */
public final class ImageFileSystem {

    /** Bytes the upper layer may hold by default before writes fail with ENOSPC. */
    public static final long DEFAULT_UPPER_LIMIT = 256L << 20;
    /** Largest file (EFBIG past it): bounds a file's chunk table at {@link ChunkedContent#MAX_CHUNKS} slots. */
    public static final long MAX_FILE_SIZE = 512L << 20;
    /** Longest name, in UTF-8 bytes (Linux NAME_MAX). */
    public static final int NAME_MAX = 255;

    /**
     * What a new name costs the upper layer's budget besides its characters: an inode and a map entry,
     * roughly. Without it a guest could grow host memory with millions of empty files.
     */
    static final int ENTRY_COST = 128;

    private static final byte[] EMPTY = new byte[0];
    /** An error no errno means: the copy-up's layer read failed. */
    private static final int COPY_UP_READ_FAILED = Errno.EIO;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LayerSource source;
    private final LongSupplier clockNanos;
    private final long upperLimit;
    private final Inode root;
    long nextId = 1;
    /** Bytes the upper layer holds: file contents ({@link ChunkedContent#cost}) and names ({@link #ENTRY_COST} each). */
    long upperBytes;
    /** Where reads that cross chunks or holes are assembled; grows to the largest read (9P: at most msize). */
    private byte[] readBuffer = EMPTY;
    private LookupObserver lookupObserver;
    /** Inodes the layers made (ids 1 to this); a snapshot saves only what the guest changed since. */
    long mergedInodes;
    /** Set once the layers are merged: from then on every change marks its inode {@link Inode#touched}. */
    private boolean tracking;
    /** Guest changes so far: a host that keeps the reader's files saves them when this moves (runtime-web). */
    private long changeCount;
    /** Whether anything changed since the merge; a snapshot restores only into a pristine tree. */
    boolean changedSinceMerge;

    private ImageFileSystem(LayerSource source, LongSupplier clockNanos, long upperLimit) {
        this.source = source;
        this.clockNanos = clockNanos;
        this.upperLimit = upperLimit;
        this.root = newInode(FileMode.S_IFDIR | 0755);
        root.parent = root;
    }

    /**
     * Merges {@code layers} (bottom first) into a tree whose file contents come from {@code source}.
     *
     * @param clockNanos wall-clock time in nanoseconds since the epoch, for the times of changed files
     * @throws ImageFormatException if the layers do not merge (hard link to a missing file, an entry
     *     through a symlink)
     */
    public static ImageFileSystem create(List<LayerIndex> layers, LayerSource source, LongSupplier clockNanos)
            throws ImageFormatException {
        return create(layers, source, clockNanos, DEFAULT_UPPER_LIMIT);
    }

    /** As {@link #create(List, LayerSource, LongSupplier)}, with the upper layer limited to {@code upperLimit} bytes. */
    public static ImageFileSystem create(List<LayerIndex> layers, LayerSource source, LongSupplier clockNanos,
            long upperLimit) throws ImageFormatException {
        ImageFileSystem fs = new ImageFileSystem(source, clockNanos, upperLimit);
        new LayerMerger(fs).merge(layers);
        fs.mergedInodes = fs.nextId - 1;
        fs.tracking = true;
        return fs;
    }

    /** The root directory. */
    public Inode root() {
        return root;
    }

    /** Bytes held by the upper layer. */
    public long upperBytes() {
        return upperBytes;
    }

    /** The upper layer's limit in bytes. */
    public long upperLimit() {
        return upperLimit;
    }

    /** Number of inodes created so far (an upper bound of the live ones). */
    public long inodeCount() {
        return nextId - 1;
    }

    // ---- namespace ----

    /** The directory's parent; the root's parent is the root. */
    public Inode parent(Inode dir) throws FsException {
        requireDirectory(dir);
        return dir.parent == null ? dir : dir.parent;
    }

    /** Told of every name the guest looks up ({@link #lookup}, the 9P server's walks). */
    public interface LookupObserver {
        void lookedUp(Inode dir, String name);
    }

    /**
     * Reports every later {@link #lookup} to {@code observer} (null: none): how a test learns which names a guest
     * could hold cached (it looked each one up), for example before its boot snapshot.
     */
    public void observeLookups(LookupObserver observer) {
        lookupObserver = observer;
    }

    /** The entry {@code name} of {@code dir}. */
    public Inode lookup(Inode dir, String name) throws FsException {
        if (lookupObserver != null) {
            lookupObserver.lookedUp(dir, name);
        }
        requireDirectory(dir);
        checkName(name);
        Inode child = dir.children.get(name);
        if (child == null) {
            throw FsException.of(Errno.ENOENT);
        }
        return child;
    }

    /** The entry {@code name} of {@code dir}, or null (no checks: for names already validated). */
    public Inode entry(Inode dir, String name) {
        return dir.children == null ? null : dir.children.get(name);
    }

    /** A name under which {@code dir} holds {@code inode}, or null. */
    public String nameOf(Inode dir, Inode inode) {
        if (dir.children == null) {
            return null;
        }
        for (java.util.Map.Entry<String, Inode> child : dir.children.entrySet()) {
            if (child.getValue() == inode) {
                return child.getKey();
            }
        }
        return null;
    }

    /** The directory's entries (without {@code .} and {@code ..}), sorted by name. */
    public List<String> list(Inode dir) throws FsException {
        requireDirectory(dir);
        return new ArrayList<>(dir.children.keySet());
    }

    /** Creates an empty regular file. */
    public Inode createFile(Inode dir, String name, int permissions, int uid, int gid) throws FsException {
        Inode inode = newInode(FileMode.S_IFREG | permissions & FileMode.PERMISSIONS);
        inode.upper = new ChunkedContent();
        return add(dir, name, inode, uid, gid);
    }

    /** Creates an empty directory. */
    public Inode mkdir(Inode dir, String name, int permissions, int uid, int gid) throws FsException {
        checkNew(dir, name);
        Inode inode = newInode(FileMode.S_IFDIR | permissions & FileMode.PERMISSIONS);
        inode.parent = dir;
        return add(dir, name, inode, uid, gid);
    }

    /** Creates a symlink to {@code target} (stored as given; the guest resolves it). */
    public Inode symlink(Inode dir, String name, String target, int uid, int gid) throws FsException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw FsException.of(target.isEmpty() ? Errno.ENOENT : Errno.EINVAL);
        }
        checkNew(dir, name);
        Inode inode = newInode(FileMode.S_IFLNK | 0777);
        setSymlinkTarget(inode, target);
        return add(dir, name, inode, uid, gid);
    }

    /** Creates a device node, fifo, socket or regular file from {@code mode}'s type bits. */
    public Inode mknod(Inode dir, String name, int mode, int major, int minor, int uid, int gid) throws FsException {
        int type = mode & FileMode.S_IFMT;
        if (type == FileMode.S_IFREG || type == 0) {
            return createFile(dir, name, mode, uid, gid);
        }
        if (type != FileMode.S_IFCHR && type != FileMode.S_IFBLK && type != FileMode.S_IFIFO
                && type != FileMode.S_IFSOCK) {
            throw FsException.of(Errno.EINVAL);
        }
        checkNew(dir, name);
        Inode inode = newInode(type | mode & FileMode.PERMISSIONS);
        if (type == FileMode.S_IFCHR || type == FileMode.S_IFBLK) {
            inode.rdev = FileMode.encodeDevice(major, minor);
        }
        return add(dir, name, inode, uid, gid);
    }

    /** Adds the name {@code name} in {@code dir} for the existing non-directory {@code target}. */
    public void link(Inode dir, String name, Inode target) throws FsException {
        if (target.isDirectory()) {
            throw FsException.of(Errno.EPERM);
        }
        if (target.links == 0) {
            throw FsException.of(Errno.ENOENT);
        }
        checkNew(dir, name);
        charge(entryCost(name, ""));
        target.links++;
        dir.children.put(name, target);
        touchChange(target);
        touchModify(dir);
    }

    /** Removes {@code name}: a directory (which must be empty) when {@code directory}, otherwise a non-directory. */
    public void unlink(Inode dir, String name, boolean directory) throws FsException {
        checkWritableDirectory(dir);
        Inode victim = lookup(dir, name);
        if (directory) {
            if (!victim.isDirectory()) {
                throw FsException.of(Errno.ENOTDIR);
            }
            if (!victim.children.isEmpty()) {
                throw FsException.of(Errno.ENOTEMPTY);
            }
        } else if (victim.isDirectory()) {
            throw FsException.of(Errno.EISDIR);
        }
        dir.children.remove(name);
        upperBytes = Math.max(0, upperBytes - entryCost(name, victim.symlinkTarget));
        dropLink(victim);
        touchChange(victim);
        touchModify(dir);
    }

    /** Moves {@code oldName} of {@code oldDir} to {@code newName} of {@code newDir}, replacing what is there (rename(2)). */
    public void rename(Inode oldDir, String oldName, Inode newDir, String newName) throws FsException {
        checkWritableDirectory(oldDir);
        checkWritableDirectory(newDir);
        checkName(newName);
        Inode moving = lookup(oldDir, oldName);
        Inode replaced = newDir.children.get(newName);
        if (replaced == moving) {
            return;
        }
        if (moving.isDirectory()) {
            for (Inode d = newDir; ; d = d.parent) {
                if (d == moving) {
                    throw FsException.of(Errno.EINVAL);
                }
                if (d == root || d.parent == null) {
                    break;
                }
            }
        }
        if (replaced != null) {
            if (moving.isDirectory() && !replaced.isDirectory()) {
                throw FsException.of(Errno.ENOTDIR);
            }
            if (!moving.isDirectory() && replaced.isDirectory()) {
                throw FsException.of(Errno.EISDIR);
            }
            if (replaced.isDirectory() && !replaced.children.isEmpty()) {
                throw FsException.of(Errno.ENOTEMPTY);
            }
            // The replaced name is gone as if unlinked: without the refund every rename over a file
            // (sed -i, editors saving) would leak its entry's cost until the layer is full.
            upperBytes = Math.max(0, upperBytes - entryCost(newName, replaced.symlinkTarget));
            dropLink(replaced);
        }
        oldDir.children.remove(oldName);
        newDir.children.put(newName, moving);
        upperBytes = Math.max(0, upperBytes + newName.length() - oldName.length()); // the entry keeps its cost, renamed
        if (moving.isDirectory()) {
            moving.parent = newDir;
        }
        touchChange(moving);
        touchModify(oldDir);
        touchModify(newDir);
    }

    /** The target of a symlink. */
    public String readlink(Inode inode) throws FsException {
        if (!inode.isSymlink()) {
            throw FsException.of(Errno.EINVAL);
        }
        return inode.symlinkTarget;
    }

    /** Sets the permission bits (the type stays). */
    public void chmod(Inode inode, int permissions) {
        inode.mode = inode.mode & FileMode.S_IFMT | permissions & FileMode.PERMISSIONS;
        touchChange(inode);
    }

    /** Sets the owner; a negative value leaves that id unchanged. */
    public void chown(Inode inode, int uid, int gid) {
        if (uid != -1) {
            inode.uid = uid;
        }
        if (gid != -1) {
            inode.gid = gid;
        }
        touchChange(inode);
    }

    /** Sets the access and/or modification time; a negative seconds value means "now", {@code Long.MIN_VALUE} unchanged. */
    public void setTimes(Inode inode, long atimeSeconds, int atimeNanos, long mtimeSeconds, int mtimeNanos) {
        long now = clockNanos.getAsLong();
        if (atimeSeconds != Long.MIN_VALUE) {
            inode.atimeSeconds = atimeSeconds < 0 ? seconds(now) : atimeSeconds;
            inode.atimeNanos = atimeSeconds < 0 ? nanos(now) : atimeNanos;
        }
        if (mtimeSeconds != Long.MIN_VALUE) {
            inode.mtimeSeconds = mtimeSeconds < 0 ? seconds(now) : mtimeSeconds;
            inode.mtimeNanos = mtimeSeconds < 0 ? nanos(now) : mtimeNanos;
        }
        touchChange(inode);
    }

    // ---- content ----

    /** Reads up to {@code count} bytes at {@code offset} of a regular file; lower-layer bytes may arrive later. */
    public void read(Inode inode, long offset, int count, ReadCallback callback) {
        if (inode.isDirectory()) {
            callback.failed(Errno.EISDIR);
            return;
        }
        if (offset < 0 || count < 0) {
            callback.failed(Errno.EINVAL);
            return;
        }
        if (!inode.isRegular() || offset >= inode.size || count == 0) {
            callback.data(EMPTY, 0, 0);
            return;
        }
        int n = (int) Math.min(count, inode.size - offset);
        if (!inode.isLower()) {
            readUpper(inode.upper, offset, n, callback);
            return;
        }
        source.read(inode.layer, inode.dataOffset + offset, n, new LayerSource.Callback() {
            @Override
            public void done(byte[] data, int dataOffset, int length) {
                callback.data(data, dataOffset, Math.max(0, Math.min(length, n)));
            }

            @Override
            public void failed(String reason) {
                callback.failed(Errno.EIO);
            }
        });
    }

    /** Writes {@code length} bytes at {@code offset} of a regular file, copying it up first if needed. */
    public void write(Inode inode, long offset, byte[] data, int dataOffset, int length, Completion completion) {
        if (!inode.isRegular()) {
            completion.done(inode.isDirectory() ? Errno.EISDIR : Errno.EINVAL);
            return;
        }
        if (offset < 0 || length < 0) {
            completion.done(Errno.EINVAL);
            return;
        }
        if (offset > MAX_FILE_SIZE - length) {
            completion.done(Errno.EFBIG);
            return;
        }
        if (length == 0) {
            completion.done(0); // changes nothing, not even the size (write(2) of 0 bytes)
            return;
        }
        if (!inode.isLower()) {
            completion.done(writeUpper(inode, offset, data, dataOffset, length));
            return;
        }
        // The caller's buffer is reused once we return; keep our own copy for after the copy-up.
        byte[] copy = new byte[length];
        System.arraycopy(data, dataOffset, copy, 0, length);
        copyUp(inode, errno -> completion.done(errno != 0 ? errno : writeUpper(inode, offset, copy, 0, length)));
    }

    /** Sets a regular file's length, copying up the kept part of a lower file. */
    public void truncate(Inode inode, long size, Completion completion) {
        if (!inode.isRegular()) {
            completion.done(inode.isDirectory() ? Errno.EISDIR : Errno.EINVAL);
            return;
        }
        if (size < 0) {
            completion.done(Errno.EINVAL);
            return;
        }
        if (size > MAX_FILE_SIZE) {
            completion.done(Errno.EFBIG);
            return;
        }
        if (inode.isLower() && size == 0) {
            inode.layer = -1;
            inode.upper = new ChunkedContent();
            inode.size = 0;
            changed(inode);
            completion.done(0);
            return;
        }
        copyUp(inode, errno -> completion.done(errno != 0 ? errno : resize(inode, size)));
    }

    /**
     * Makes the file's content upper (in memory), fetching it from its layer when needed. It costs
     * what holding the whole file costs, checked before the fetch and again when the bytes arrive
     * (other writes may have used the room meanwhile).
     */
    private void copyUp(Inode inode, Completion then) {
        if (!inode.isLower()) {
            then.done(0);
            return;
        }
        boolean started = inode.copyUpWaiters != null;
        if (!started) {
            int errno = copyUpRoom(inode.size);
            if (errno != 0) {
                then.done(errno);
                return;
            }
        }
        inode.waitForCopyUp(then);
        if (started) {
            return;
        }
        int size = (int) inode.size;
        source.read(inode.layer, inode.dataOffset, size, new LayerSource.Callback() {
            @Override
            public void done(byte[] data, int offset, int length) {
                if (!inode.isLower()) {
                    finishCopyUp(inode, 0);
                    return;
                }
                if (length < size) {
                    finishCopyUp(inode, COPY_UP_READ_FAILED);
                    return;
                }
                int errno = copyUpRoom(size);
                if (errno == 0) {
                    ChunkedContent content = new ChunkedContent();
                    content.write(0, data, offset, size);
                    inode.upper = content;
                    inode.layer = -1;
                    upperBytes += content.cost();
                    touched(inode);
                }
                finishCopyUp(inode, errno);
            }

            @Override
            public void failed(String reason) {
                finishCopyUp(inode, COPY_UP_READ_FAILED);
            }
        });
    }

    /** 0 if the upper layer has room for a copied-up file of {@code size} bytes, else EFBIG or ENOSPC. */
    private int copyUpRoom(long size) {
        if (size > MAX_FILE_SIZE) {
            return Errno.EFBIG;
        }
        return upperBytes + new ChunkedContent().growthFor(0, (int) size) > upperLimit ? Errno.ENOSPC : 0;
    }

    private static void finishCopyUp(Inode inode, int errno) {
        List<Completion> waiters = inode.copyUpWaiters;
        inode.copyUpWaiters = null;
        if (waiters != null) {
            for (Completion waiter : waiters) {
                waiter.done(errno);
            }
        }
    }

    /** Answers a read of the in-memory content: straight from a chunk when it lies in one, else assembled. */
    private void readUpper(ChunkedContent content, long offset, int n, ReadCallback callback) {
        if (content == null) {
            callback.data(EMPTY, 0, 0); // released: no name and no handle can reach it
            return;
        }
        byte[] direct = content.arrayHolding(offset, n);
        if (direct != null) {
            callback.data(direct, ChunkedContent.offsetInChunk(offset), n);
            return;
        }
        if (readBuffer.length < n) {
            readBuffer = new byte[n];
        }
        content.read(offset, readBuffer, 0, n);
        callback.data(readBuffer, 0, n);
    }

    private int writeUpper(Inode inode, long offset, byte[] data, int dataOffset, int length) {
        ChunkedContent content = inode.upper;
        long growth = content.growthFor(offset, length);
        if (growth > 0 && upperBytes + growth > upperLimit) {
            return Errno.ENOSPC;
        }
        content.write(offset, data, dataOffset, length);
        upperBytes += growth;
        long end = offset + length;
        if (end > inode.size) {
            inode.size = end;
        }
        changed(inode);
        return 0;
    }

    /** Growing leaves a hole (no memory); shrinking frees the chunks past the new end. */
    private int resize(Inode inode, long size) {
        ChunkedContent content = inode.upper;
        long before = content.cost();
        content.shrink(inode.size, size);
        upperBytes += content.cost() - before;
        inode.size = size;
        changed(inode);
        return 0;
    }

    /** A 9P fid refers to {@code inode} now: its content stays while any fid does, even with no names left. */
    public void retainHandle(Inode inode) {
        inode.handles++;
    }

    /** A fid that referred to {@code inode} is gone; the last one frees an unlinked file's content. */
    public void releaseHandle(Inode inode) {
        if (inode.handles > 0) {
            inode.handles--;
        }
        releaseIfUnreachable(inode);
    }

    private void releaseIfUnreachable(Inode inode) {
        if (inode.handles == 0 && inode.links == 0 && !inode.isDirectory() && inode.upper != null) {
            upperBytes -= inode.upper.cost();
            inode.upper.release();
        }
    }

    // ---- helpers shared with the merger ----

    Inode newInode(int mode) {
        Inode inode = new Inode(nextId++, mode);
        long now = clockNanos.getAsLong();
        inode.atimeSeconds = inode.mtimeSeconds = inode.ctimeSeconds = seconds(now);
        inode.atimeNanos = inode.mtimeNanos = inode.ctimeNanos = nanos(now);
        return inode;
    }

    void setSymlinkTarget(Inode inode, String target) {
        inode.symlinkTarget = target;
        inode.size = target.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One name of {@code inode} is gone. */
    void dropLink(Inode inode) {
        touched(inode);
        if (inode.isDirectory()) {
            inode.parent = null; // marks it deleted: nothing can be created in it any more
            return;
        }
        inode.links--;
        releaseIfUnreachable(inode);
    }

    private Inode add(Inode dir, String name, Inode inode, int uid, int gid) throws FsException {
        checkNew(dir, name);
        charge(entryCost(name, inode.symlinkTarget));
        inode.uid = uid;
        inode.gid = gid;
        dir.children.put(name, inode);
        touchModify(dir);
        return inode;
    }

    private static long entryCost(String name, String symlinkTarget) {
        return ENTRY_COST + name.length() + symlinkTarget.length();
    }

    private void charge(long bytes) throws FsException {
        if (upperBytes + bytes > upperLimit) {
            throw FsException.of(Errno.ENOSPC);
        }
        upperBytes += bytes;
    }

    private void checkNew(Inode dir, String name) throws FsException {
        checkWritableDirectory(dir);
        checkName(name);
        if (dir.children.containsKey(name)) {
            throw FsException.of(Errno.EEXIST);
        }
    }

    /** A directory that has been removed accepts no new entries. */
    private void checkWritableDirectory(Inode dir) throws FsException {
        requireDirectory(dir);
        if (dir.parent == null) {
            throw FsException.of(Errno.ENOENT);
        }
    }

    private static void requireDirectory(Inode dir) throws FsException {
        if (!dir.isDirectory()) {
            throw FsException.of(Errno.ENOTDIR);
        }
    }

    /** Rejects names that are not one path component: empty, {@code .}, {@code ..}, slashes, NULs, too long. */
    public static void checkName(String name) throws FsException {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw FsException.of(Errno.EINVAL);
        }
        if (name.length() > NAME_MAX && name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw FsException.of(Errno.ENAMETOOLONG);
        }
    }

    /** Whole seconds of an epoch-nanosecond time, rounded down (no Math.floorDiv: kept to what TeaVM surely has). */
    private static long seconds(long nanos) {
        long seconds = nanos / NANOS_PER_SECOND;
        return nanos % NANOS_PER_SECOND < 0 ? seconds - 1 : seconds;
    }

    private static int nanos(long nanos) {
        long rest = nanos % NANOS_PER_SECOND;
        return (int) (rest < 0 ? rest + NANOS_PER_SECOND : rest);
    }

    private void changed(Inode inode) {
        inode.version++;
        touchModify(inode);
    }

    /** How many changes the filesystem has had since it was made: cheap to poll, only its movement means anything. */
    public long changeCount() {
        return changeCount;
    }

    /** Marks {@code inode} as changed by the guest (a snapshot saves it); nothing during the merge. */
    void touched(Inode inode) {
        if (tracking) {
            changeCount++;
            inode.touched = true;
            changedSinceMerge = true;
        }
    }

    private void touchModify(Inode inode) {
        touched(inode);
        long now = clockNanos.getAsLong();
        inode.mtimeSeconds = inode.ctimeSeconds = seconds(now);
        inode.mtimeNanos = inode.ctimeNanos = nanos(now);
    }

    private void touchChange(Inode inode) {
        touched(inode);
        long now = clockNanos.getAsLong();
        inode.ctimeSeconds = seconds(now);
        inode.ctimeNanos = nanos(now);
    }
}
