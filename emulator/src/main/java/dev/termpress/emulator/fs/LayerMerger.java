package dev.termpress.emulator.fs;

import java.util.Iterator;
import java.util.List;

/**
 * Builds the merged tree of an image from its layer indexes, bottom layer first, with the OCI layer
 * rules: {@code .wh.NAME} hides NAME of the layers below, {@code .wh..wh..opq} hides everything a
 * directory had below, later entries replace earlier ones, directories merge.
 */
final class LayerMerger {

    /** Whiteout prefix (OCI image spec, "Whiteouts"). */
    static final String WHITEOUT = ".wh.";
    /** Opaque-directory marker (OCI image spec, "Opaque Whiteout"). */
    static final String OPAQUE = ".wh..wh..opq";

    private final ImageFileSystem fs;

    LayerMerger(ImageFileSystem fs) {
        this.fs = fs;
    }

    void merge(List<LayerIndex> layers) throws ImageFormatException {
        for (int layer = 0; layer < layers.size(); layer++) {
            List<IndexEntry> entries = layers.get(layer).entries();
            // Whiteouts hide only what lower layers made, whatever their place in this layer's tar.
            for (IndexEntry entry : entries) {
                if (TarPaths.baseName(entry.path()).startsWith(WHITEOUT)) {
                    applyWhiteout(entry.path());
                }
            }
            for (int i = 0; i < entries.size(); i++) {
                IndexEntry entry = entries.get(i);
                if (!TarPaths.baseName(entry.path()).startsWith(WHITEOUT)) {
                    apply(layer, entry, "layer " + layer + " entry " + i + " ('" + entry.path() + "')");
                }
            }
        }
    }

    private void applyWhiteout(String path) {
        Inode dir = existingDirectory(TarPaths.parent(path));
        if (dir == null) {
            return;
        }
        String name = TarPaths.baseName(path);
        if (name.equals(OPAQUE)) {
            for (Iterator<Inode> it = dir.children.values().iterator(); it.hasNext(); ) {
                fs.dropLink(it.next());
                it.remove();
            }
        } else if (!name.startsWith(WHITEOUT + WHITEOUT)) { // other .wh..wh.* names are AUFS bookkeeping
            Inode hidden = dir.children.remove(name.substring(WHITEOUT.length()));
            if (hidden != null) {
                fs.dropLink(hidden);
            }
        }
    }

    private void apply(int layer, IndexEntry entry, String where) throws ImageFormatException {
        if (entry.path().isEmpty()) {
            if (entry.kind() == EntryKind.DIRECTORY) {
                setMetadata(fs.root(), entry);
            }
            return;
        }
        Inode dir = directoryFor(TarPaths.parent(entry.path()), where);
        String name = TarPaths.baseName(entry.path());
        Inode existing = dir.children.get(name);
        if (entry.kind() == EntryKind.DIRECTORY && existing != null && existing.isDirectory()) {
            setMetadata(existing, entry);
            return;
        }
        Inode inode;
        if (entry.kind() == EntryKind.HARDLINK) {
            inode = hardLinkTarget(entry, where);
            if (inode == existing) {
                return;
            }
            inode.links++;
        } else {
            inode = fs.newInode(entry.kind().typeBits() | entry.permissions());
            setMetadata(inode, entry);
            switch (entry.kind()) {
                case FILE:
                    inode.layer = layer;
                    inode.dataOffset = entry.dataOffset();
                    inode.size = entry.size();
                    break;
                case SYMLINK:
                    fs.setSymlinkTarget(inode, entry.linkTarget());
                    break;
                case CHAR_DEVICE:
                case BLOCK_DEVICE:
                    inode.rdev = FileMode.encodeDevice(entry.deviceMajor(), entry.deviceMinor());
                    break;
                case DIRECTORY:
                    inode.parent = dir;
                    break;
                default:
                    break;
            }
        }
        if (existing != null) {
            fs.dropLink(existing);
        }
        dir.children.put(name, inode);
    }

    private Inode hardLinkTarget(IndexEntry entry, String where) throws ImageFormatException {
        String target = entry.linkTarget();
        Inode dir = existingDirectory(TarPaths.parent(target));
        Inode inode = dir == null || target.isEmpty() ? null : dir.children.get(TarPaths.baseName(target));
        if (inode == null) {
            throw new ImageFormatException(where + ": hard link to '" + target
                    + "', which no earlier entry or lower layer provides");
        }
        if (inode.isDirectory()) {
            throw new ImageFormatException(where + ": hard link to the directory '" + target
                    + "'; only non-directories can be hard-linked");
        }
        return inode;
    }

    private static void setMetadata(Inode inode, IndexEntry entry) {
        inode.mode = inode.mode & FileMode.S_IFMT | entry.permissions();
        inode.uid = entry.uid();
        inode.gid = entry.gid();
        inode.mtimeSeconds = entry.mtimeSeconds();
        inode.mtimeNanos = entry.mtimeNanos();
        inode.atimeSeconds = entry.mtimeSeconds();
        inode.atimeNanos = entry.mtimeNanos();
        inode.ctimeSeconds = entry.mtimeSeconds();
        inode.ctimeNanos = entry.mtimeNanos();
    }

    /** The directory at {@code path}, or null if some component is missing or not a directory. */
    private Inode existingDirectory(String path) {
        Inode dir = fs.root();
        int start = 0;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            Inode next = dir.children.get(path.substring(start, end));
            if (next == null || !next.isDirectory()) {
                return null;
            }
            dir = next;
            start = end + 1;
        }
        return dir;
    }

    /** The directory at {@code path}, creating missing ones (tars may omit parents) with mode 0755. */
    private Inode directoryFor(String path, String where) throws ImageFormatException {
        Inode dir = fs.root();
        int start = 0;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String name = path.substring(start, end);
            Inode next = dir.children.get(name);
            if (next == null) {
                next = fs.newInode(FileMode.S_IFDIR | 0755);
                next.parent = dir;
                dir.children.put(name, next);
            } else if (next.isSymlink()) {
                throw new ImageFormatException(where + ": goes through '" + path.substring(0, end)
                        + "', a symlink in the merged layers; entries must not be written through symlinks");
            } else if (!next.isDirectory()) {
                throw new ImageFormatException(where + ": '" + path.substring(0, end)
                        + "' is not a directory in the merged layers");
            }
            dir = next;
            start = end + 1;
        }
        return dir;
    }
}
