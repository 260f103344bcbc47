package dev.termpress.emulator.fs;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the guest changed in an {@link ImageFileSystem}, for a snapshot: every inode created or changed
 * since the layers were merged, whole (metadata, in-memory content, and a directory's entries by inode
 * id), in id order. Untouched inodes are not saved: merging the same layers numbers them the same, so
 * restoring overlays the saved inodes onto a pristine tree of the same image.
 */
public final class UpperLayerState {

    private static final long NO_INODE = 0; // ids start at 1
    private static final int MAX_NAME_BYTES = 4 * ImageFileSystem.NAME_MAX;

    private UpperLayerState() {
    }

    /**
     * Writes the changes, including changed inodes no name reaches any more but {@code referenced}
     * holds (files deleted while a 9P fid still has them open).
     */
    public static void save(ImageFileSystem fs, Collection<Inode> referenced, StateWriter out) {
        TreeMap<Long, Inode> saved = new TreeMap<>();
        Map<Inode, Boolean> seen = new HashMap<>();
        ArrayDeque<Inode> todo = new ArrayDeque<>();
        todo.add(fs.root());
        seen.put(fs.root(), Boolean.TRUE);
        while (!todo.isEmpty()) {
            Inode inode = todo.poll();
            if (inode.touched || inode.id > fs.mergedInodes) {
                saved.put(inode.id, inode);
            }
            if (inode.children != null) {
                for (Inode child : inode.children.values()) {
                    if (seen.put(child, Boolean.TRUE) == null) {
                        todo.add(child);
                    }
                }
            }
        }
        for (Inode inode : referenced) {
            if (inode != null && (inode.touched || inode.id > fs.mergedInodes)) {
                saved.put(inode.id, inode);
            }
        }
        out.i64(fs.mergedInodes).i64(fs.nextId).i64(fs.upperBytes).i32(saved.size());
        for (Inode inode : saved.values()) {
            write(inode, out);
        }
    }

    private static void write(Inode inode, StateWriter out) {
        out.i64(inode.id).i32(inode.mode).i32(inode.uid).i32(inode.gid);
        out.i64(inode.atimeSeconds).i32(inode.atimeNanos).i64(inode.mtimeSeconds).i32(inode.mtimeNanos)
                .i64(inode.ctimeSeconds).i32(inode.ctimeNanos);
        out.i32(inode.links).i64(inode.rdev).string(inode.symlinkTarget);
        out.i32(inode.layer).i64(inode.dataOffset).i64(inode.size).i32(inode.version);
        out.bool(inode.upper != null);
        if (inode.upper != null) {
            out.i32(inode.upper.length).raw(inode.upper, 0, (int) inode.size);
        }
        if (inode.children != null) {
            out.i64(inode.parent == null ? NO_INODE : inode.parent.id).i32(inode.children.size());
            for (Map.Entry<String, Inode> child : inode.children.entrySet()) {
                out.string(child.getKey()).i64(child.getValue().id);
            }
        }
    }

    /**
     * Overlays saved changes onto {@code fs}, which must be the pristine merge of the same layers;
     * returns every inode by id (saved or pristine), for the 9P server's fids.
     */
    public static Map<Long, Inode> restore(ImageFileSystem fs, StateReader in) throws SnapshotException {
        if (fs.changedSinceMerge || fs.nextId - 1 != fs.mergedInodes) {
            throw new SnapshotException("the filesystem to restore into is not pristine: build it from the"
                    + " image's layers and do not change it (no init.conf either) before the restore");
        }
        long merged = in.i64();
        if (merged != fs.mergedInodes) {
            throw new SnapshotException("the image's layers merge into " + fs.mergedInodes
                    + " entries, the snapshot's into " + merged + ": a snapshot of another image");
        }
        long nextId = in.i64();
        long upperBytes = in.i64();
        if (nextId <= merged || upperBytes < 0) {
            throw in.damaged("next inode id " + nextId + " after " + merged + " merged ones, upper bytes " + upperBytes);
        }
        Map<Long, Inode> byId = index(fs);
        int count = in.count(in.remaining(), "changed inode count");
        List<Inode> restored = new ArrayList<>(count);
        Map<Inode, long[]> children = new HashMap<>();
        Map<Inode, String[]> names = new HashMap<>();
        Map<Inode, Long> parents = new HashMap<>();
        long previous = NO_INODE;
        for (int i = 0; i < count; i++) {
            long id = in.i64();
            int mode = in.i32();
            if (id <= previous || id >= nextId) {
                throw in.damaged("inode " + id + " after " + previous + " (next id " + nextId + ")");
            }
            previous = id;
            Inode inode = byId.get(id);
            if (inode == null) {
                if (id <= merged) {
                    throw in.damaged("inode " + id + " is not in the image");
                }
                inode = new Inode(id, mode);
                byId.put(id, inode);
            } else if (FileMode.isDirectory(inode.mode) != FileMode.isDirectory(mode)) {
                throw in.damaged("inode " + id + " changes between directory and file");
            }
            read(inode, mode, in);
            if (inode.children != null) {
                parents.put(inode, in.i64());
                int entries = in.count(in.remaining(), "directory entry count");
                long[] ids = new long[entries];
                String[] entryNames = new String[entries];
                for (int e = 0; e < entries; e++) {
                    entryNames[e] = in.string();
                    if (entryNames[e].length() > MAX_NAME_BYTES) {
                        throw in.damaged("a name of " + entryNames[e].length() + " characters");
                    }
                    ids[e] = in.i64();
                }
                children.put(inode, ids);
                names.put(inode, entryNames);
            }
            restored.add(inode);
        }
        for (Inode inode : restored) {
            if (inode.children == null) {
                continue;
            }
            long parent = parents.get(inode);
            inode.parent = parent == NO_INODE ? null : lookup(byId, parent, in);
            inode.children.clear();
            long[] ids = children.get(inode);
            String[] entryNames = names.get(inode);
            for (int e = 0; e < ids.length; e++) {
                inode.children.put(entryNames[e], lookup(byId, ids[e], in));
            }
        }
        for (Inode inode : restored) {
            inode.touched = true; // changed still: the next snapshot saves it again
        }
        fs.nextId = nextId;
        fs.upperBytes = upperBytes;
        fs.changedSinceMerge = true;
        return byId;
    }

    private static void read(Inode inode, int mode, StateReader in) throws SnapshotException {
        inode.mode = mode;
        inode.uid = in.i32();
        inode.gid = in.i32();
        inode.atimeSeconds = in.i64();
        inode.atimeNanos = in.i32();
        inode.mtimeSeconds = in.i64();
        inode.mtimeNanos = in.i32();
        inode.ctimeSeconds = in.i64();
        inode.ctimeNanos = in.i32();
        inode.links = in.i32();
        inode.rdev = in.i64();
        inode.symlinkTarget = in.string();
        inode.layer = in.i32();
        inode.dataOffset = in.i64();
        inode.size = in.i64();
        inode.version = in.i32();
        if (in.bool()) {
            int capacity = in.count((int) ImageFileSystem.MAX_FILE_SIZE, "file capacity");
            if (inode.size < 0 || inode.size > capacity) {
                throw in.damaged("inode " + inode.id + " holds " + inode.size + " bytes in " + capacity);
            }
            byte[] content = in.raw((int) inode.size);
            inode.upper = new byte[capacity];
            System.arraycopy(content, 0, inode.upper, 0, content.length);
        } else {
            inode.upper = null;
        }
        if (inode.layer < 0 && inode.upper == null && inode.isRegular()) {
            throw in.damaged("regular file " + inode.id + " has neither a layer nor content");
        }
    }

    private static Inode lookup(Map<Long, Inode> byId, long id, StateReader in) throws SnapshotException {
        Inode inode = byId.get(id);
        if (inode == null) {
            throw in.damaged("entry refers to inode " + id + ", which neither the image nor the snapshot has");
        }
        return inode;
    }

    /** Every inode of the tree by id (hard links reach the same inode twice). */
    private static Map<Long, Inode> index(ImageFileSystem fs) {
        Map<Long, Inode> byId = new HashMap<>();
        ArrayDeque<Inode> todo = new ArrayDeque<>();
        todo.add(fs.root());
        byId.put(fs.root().id, fs.root());
        while (!todo.isEmpty()) {
            Inode inode = todo.poll();
            if (inode.children != null) {
                for (Inode child : inode.children.values()) {
                    if (byId.put(child.id, child) == null) {
                        todo.add(child);
                    }
                }
            }
        }
        return byId;
    }
}
