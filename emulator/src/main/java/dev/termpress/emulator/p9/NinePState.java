package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.UpperLayerState;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 9P server's session for a snapshot: the filesystem's changes first (so every inode a fid names
 * exists when the fids are read back), then the negotiated msize and every fid in number order, with
 * what it refers to by inode id, how it was reached, whether and how it is open, and a directory
 * listing in progress. Requests still waiting for file contents are the device's business: it sends
 * them again after the restore.
 */
final class NinePState {

    private static final long NO_INODE = 0;

    private NinePState() {
    }

    static void save(NinePServer server, StateWriter out) {
        TreeMap<Integer, Fid> fids = new TreeMap<>(server.fids());
        saveFiles(server, out);
        out.i32(server.msize()).i32(fids.size());
        for (Map.Entry<Integer, Fid> entry : fids.entrySet()) {
            Fid fid = entry.getValue();
            out.i32(entry.getKey()).i64(fid.inode.id()).i32(fid.uid).i64(fid.parent == null ? NO_INODE : fid.parent.id());
            out.bool(fid.name != null).string(fid.name == null ? "" : fid.name);
            out.i32(fid.openFlags).bool(fid.xattr).bool(fid.listingNames != null);
            if (fid.listingNames != null) {
                out.i32(fid.listingNames.length);
                for (int i = 0; i < fid.listingNames.length; i++) {
                    out.string(fid.listingNames[i]).i64(fid.listingInodes[i] == null ? NO_INODE : fid.listingInodes[i].id());
                }
            }
        }
    }

    /** The filesystem's changes, with every inode a fid refers to (deleted files still open among them). */
    static void saveFiles(NinePServer server, StateWriter out) {
        List<Inode> referenced = new ArrayList<>();
        for (Fid fid : server.fids().values()) {
            referenced.add(fid.inode);
            referenced.add(fid.parent);
            if (fid.listingInodes != null) {
                for (Inode inode : fid.listingInodes) {
                    referenced.add(inode);
                }
            }
        }
        UpperLayerState.save(server.fs(), referenced, out);
    }

    static void restore(NinePServer server, StateReader in) throws SnapshotException {
        byte[] replacement = server.takeReplacementFiles();
        Map<Long, Inode> inodes;
        if (replacement == null) {
            inodes = UpperLayerState.restore(server.fs(), in);
        } else {
            UpperLayerState.skip(in);
            StateReader files = new StateReader(replacement, 0, replacement.length, "saved work files");
            inodes = UpperLayerState.restore(server.fs(), files);
            if (files.remaining() != 0) {
                throw files.damaged(files.remaining() + " bytes left over");
            }
        }
        int msize = in.i32();
        if (msize < NinePServer.MIN_MSIZE || msize > NinePServer.MAX_MSIZE) {
            throw in.damaged("msize " + msize);
        }
        server.restoreMsize(msize);
        int count = in.count(NinePServer.MAX_FIDS, "fid count");
        server.clearFids();
        int listingRoom = NinePServer.MAX_LISTING_ENTRIES;
        for (int i = 0; i < count; i++) {
            int number = in.i32();
            Inode inode = inode(inodes, in.i64(), in);
            int uid = in.i32();
            long parentId = in.i64();
            Inode parent = parentId == NO_INODE ? null : inode(inodes, parentId, in);
            boolean named = in.bool();
            String name = in.string();
            Fid fid = new Fid(inode, uid, parent, named ? name : null);
            fid.openFlags = in.i32();
            fid.xattr = in.bool();
            if (in.bool()) {
                int entries = in.count(Math.min(listingRoom, in.remaining()), "listing length");
                listingRoom -= entries;
                fid.listingNames = new String[entries];
                fid.listingInodes = new Inode[entries];
                for (int e = 0; e < entries; e++) {
                    fid.listingNames[e] = in.string();
                    long id = in.i64();
                    fid.listingInodes[e] = id == NO_INODE ? null : inode(inodes, id, in);
                }
            }
            if (server.fids().containsKey(number)) {
                throw in.damaged("fid " + number + " appears twice");
            }
            server.putFid(number, fid);
        }
    }

    private static Inode inode(Map<Long, Inode> inodes, long id, StateReader in) throws SnapshotException {
        Inode inode = inodes.get(id);
        if (inode == null) {
            throw in.damaged("a fid refers to inode " + id + ", which neither the image nor the snapshot has");
        }
        return inode;
    }
}
