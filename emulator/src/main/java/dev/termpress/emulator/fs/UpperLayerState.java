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
 * since the layers were merged, whole (metadata, in-memory content chunk by chunk without its holes, and
 * a directory's entries by inode id), in id order. Untouched inodes are not saved: merging the same layers numbers them the same, so
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
            writeContent(inode.upper, inode.size, out);
        }
        if (inode.children != null) {
            out.i64(inode.parent == null ? NO_INODE : inode.parent.id).i32(inode.children.size());
            for (Map.Entry<String, Inode> child : inode.children.entrySet()) {
                out.string(child.getKey()).i64(child.getValue().id);
            }
        }
    }

    /**
     * The chunk table's length, then every chunk held (holes are left out), in index order: index,
     * array length, and the array's bytes below the file's size (past it they are zeros).
     */
    private static void writeContent(ChunkedContent content, long size, StateWriter out) {
        int table = content.tableLength();
        int held = 0;
        for (int i = 0; i < table; i++) {
            held += content.chunk(i) != null ? 1 : 0;
        }
        out.i32(table).i32(held);
        for (int i = 0; i < table; i++) {
            byte[] chunk = content.chunk(i);
            if (chunk != null) {
                out.i32(i).i32(chunk.length).bytes(chunk, 0, storedLength(i, chunk.length, size));
            }
        }
    }

    private static ChunkedContent readContent(Inode inode, StateReader in) throws SnapshotException {
        ChunkedContent content = new ChunkedContent();
        int table = in.count(ChunkedContent.MAX_CHUNKS, "chunk table length");
        content.restoreTable(table);
        int held = in.count(table, "chunk count");
        int previous = -1;
        for (int c = 0; c < held; c++) {
            int index = in.i32();
            int capacity = in.i32();
            if (index <= previous || index >= table || !ChunkedContent.isChunkCapacity(capacity)) {
                throw in.damaged("inode " + inode.id + ": chunk " + index + " of " + capacity + " bytes after chunk "
                        + previous + " in a table of " + table);
            }
            previous = index;
            byte[] stored = in.bytes();
            if (stored.length != storedLength(index, capacity, inode.size)) {
                throw in.damaged("inode " + inode.id + ": chunk " + index + " holds " + stored.length
                        + " bytes of a " + inode.size + "-byte file");
            }
            byte[] array = new byte[capacity];
            System.arraycopy(stored, 0, array, 0, stored.length);
            content.restoreChunk(index, array);
        }
        return content;
    }

    /** Bytes of chunk {@code index} that lie below {@code size}: the ones a snapshot stores. */
    private static int storedLength(int index, int capacity, long size) {
        long start = (long) index << ChunkedContent.CHUNK_SHIFT;
        return (int) Math.max(0, Math.min(capacity, size - start));
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

    /**
     * Reads past saved changes without applying them: a resume whose files come from elsewhere
     * ({@code p9.SavedWork}) still has to step over the snapshot's own.
     */
    public static void skip(StateReader in) throws SnapshotException {
        in.i64();
        long nextId = in.i64();
        in.i64();
        int count = in.count(in.remaining(), "changed inode count");
        for (int i = 0; i < count; i++) {
            long id = in.i64();
            int mode = in.i32();
            if (id <= NO_INODE || id >= nextId) {
                throw in.damaged("inode " + id + " (next id " + nextId + ")");
            }
            Inode scratch = new Inode(id, mode);
            read(scratch, mode, in);
            if (scratch.children != null) {
                in.i64();
                int entries = in.count(in.remaining(), "directory entry count");
                for (int e = 0; e < entries; e++) {
                    in.string();
                    in.i64();
                }
            }
        }
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
            if (inode.size < 0 || inode.size > ImageFileSystem.MAX_FILE_SIZE) {
                throw in.damaged("inode " + inode.id + " is " + inode.size + " bytes long");
            }
            inode.upper = readContent(inode, in);
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
