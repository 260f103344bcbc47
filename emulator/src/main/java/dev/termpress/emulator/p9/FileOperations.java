package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FileMode;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.ReadCallback;
import java.util.List;

/** The 9P2000.L messages on files: open, create, read, write, readdir, attributes, statfs, sync, locks, xattrs. */
final class FileOperations {

    /** size[4] type[1] tag[2] count[4]: the header of Rread and Rreaddir. */
    private static final int COUNT_HEADER = NineP.HEADER_SIZE + 4;
    private static final int BLOCK_SIZE = 4096;
    /** Bytes per st_blocks unit. */
    private static final int STAT_BLOCK = 512;

    private final NinePServer server;
    private final ImageFileSystem fs;

    FileOperations(NinePServer server) {
        this.server = server;
        this.fs = server.fs();
    }

    /** Tlopen fid[4] flags[4] → Rlopen qid[13] iounit[4]. */
    void lopen(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        int flags = in.u32();
        if (fid.isOpen() || fid.xattr) {
            throw FsException.of(Errno.EINVAL);
        }
        int access = flags & NineP.O_ACCMODE;
        if (fid.inode.isDirectory() && access != NineP.O_RDONLY) {
            throw FsException.of(Errno.EISDIR);
        }
        if ((flags & NineP.O_TRUNC) != 0 && access != NineP.O_RDONLY && fid.inode.isRegular()) {
            fs.truncate(fid.inode, 0, errno -> finishOpen(x, fid, flags, errno));
        } else {
            finishOpen(x, fid, flags, 0);
        }
    }

    private void finishOpen(Exchange x, Fid fid, int flags, int errno) {
        if (errno != 0) {
            server.error(x, errno);
            return;
        }
        fid.openFlags = flags;
        server.dropListing(fid);
        NinePServer.writeQid(server.reply(x, NineP.TLOPEN), fid.inode).u32(0);
        server.send(x);
    }

    /** Tlcreate fid[4] name[s] flags[4] mode[4] gid[4] → Rlcreate qid[13] iounit[4]; the fid becomes the new file. */
    void lcreate(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        String name = in.string();
        int flags = in.u32();
        int mode = in.u32();
        int gid = in.u32();
        if (fid.isOpen() || fid.xattr) {
            throw FsException.of(Errno.EINVAL);
        }
        Inode dir = fid.inode;
        Inode created = fs.createFile(dir, name, mode, fid.uid, gid);
        server.rebind(fid, created);
        fid.parent = dir;
        fid.name = name;
        fid.openFlags = flags;
        NinePServer.writeQid(server.reply(x, NineP.TLCREATE), created).u32(0);
        server.send(x);
    }

    /** Tread fid[4] offset[8] count[4] → Rread count[4] data[count]; may answer later. */
    void read(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        long offset = in.u64();
        int count = in.u32();
        if (offset < 0) {
            throw FsException.of(Errno.EINVAL);
        }
        int room = Math.max(0, x.capacity - COUNT_HEADER);
        int n = count < 0 ? room : Math.min(count, room);
        if (fid.xattr) {
            sendData(x, NineP.TREAD, null, 0, 0); // the attribute list is empty
            return;
        }
        if (fid.inode.isDirectory()) {
            throw FsException.of(Errno.EISDIR);
        }
        if (!fid.canRead()) {
            throw FsException.of(Errno.EBADF);
        }
        fs.read(fid.inode, offset, n, new ReadCallback() {
            @Override
            public void data(byte[] data, int dataOffset, int length) {
                sendData(x, NineP.TREAD, data, dataOffset, length);
            }

            @Override
            public void failed(int errno) {
                server.error(x, errno);
            }
        });
    }

    private void sendData(Exchange x, int type, byte[] data, int offset, int length) {
        server.reply(x, type).u32(length);
        server.sendWithData(x, data, offset, length);
    }

    /** Twrite fid[4] offset[8] count[4] data[count] → Rwrite count[4]; may answer later (copy-up). */
    void write(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        long offset = in.u64();
        int count = in.u32();
        int dataAt = in.position();
        in.skip(count);
        if (fid.inode.isDirectory()) {
            throw FsException.of(Errno.EISDIR);
        }
        if (!fid.canWrite()) {
            throw FsException.of(Errno.EBADF);
        }
        if (offset < 0) {
            throw FsException.of(Errno.EINVAL);
        }
        // O_APPEND is the client's business: Linux computes the end-of-file offset itself, and its
        // writeback of cached pages may go through an appending fid with explicit offsets.
        fs.write(fid.inode, offset, in.array(), dataAt, count, errno -> {
            if (errno != 0) {
                server.error(x, errno);
            } else {
                server.reply(x, NineP.TWRITE).u32(count);
                server.send(x);
            }
        });
    }

    /**
     * Treaddir fid[4] offset[8] count[4] → Rreaddir count[4] then entries qid[13] offset[8] type[1]
     * name[s]. Offsets are positions in a listing taken when a read starts at 0, so a directory changed
     * between reads is still listed once, consistently.
     */
    void readdir(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        long offset = in.u64();
        int count = in.u32();
        Inode dir = fid.inode;
        if (!dir.isDirectory()) {
            throw FsException.of(Errno.ENOTDIR);
        }
        if (offset < 0) {
            throw FsException.of(Errno.EINVAL);
        }
        if (offset == 0 || fid.listingNames == null) {
            takeListing(fid);
        }
        int room = Math.max(0, x.capacity - COUNT_HEADER);
        int limit = count < 0 ? room : Math.min(count, room);
        MessageWriter w = server.reply(x, NineP.TREADDIR);
        int countAt = w.length();
        w.u32(0);
        int start = w.length();
        for (long i = offset; i < fid.listingNames.length; i++) {
            int entryStart = w.length();
            Inode child = fid.listingInodes[(int) i];
            NinePServer.writeQid(w, child).u64(i + 1).u8(directoryEntryType(child.mode()))
                    .string(fid.listingNames[(int) i]);
            if (w.length() - start > limit) {
                w.truncate(entryStart);
                break;
            }
        }
        w.putU32(countAt, w.length() - start);
        server.send(x);
    }

    private void takeListing(Fid fid) throws FsException {
        Inode dir = fid.inode;
        List<String> names = fs.list(dir);
        String[] listingNames = new String[names.size() + 2];
        Inode[] listingInodes = new Inode[listingNames.length];
        listingNames[0] = ".";
        listingInodes[0] = dir;
        listingNames[1] = "..";
        listingInodes[1] = fs.parent(dir);
        for (int i = 0; i < names.size(); i++) {
            listingNames[i + 2] = names.get(i);
            listingInodes[i + 2] = fs.entry(dir, names.get(i));
        }
        server.holdListing(fid, listingNames, listingInodes);
    }

    private static int directoryEntryType(int mode) {
        switch (mode & FileMode.S_IFMT) {
            case FileMode.S_IFDIR:
                return NineP.DT_DIR;
            case FileMode.S_IFLNK:
                return NineP.DT_LNK;
            case FileMode.S_IFCHR:
                return NineP.DT_CHR;
            case FileMode.S_IFBLK:
                return NineP.DT_BLK;
            case FileMode.S_IFIFO:
                return NineP.DT_FIFO;
            case FileMode.S_IFSOCK:
                return NineP.DT_SOCK;
            default:
                return NineP.DT_REG;
        }
    }

    /**
     * Tgetattr fid[4] request_mask[8] → Rgetattr valid[8] qid[13] mode[4] uid[4] gid[4] nlink[8] rdev[8]
     * size[8] blksize[8] blocks[8] atime[8+8] mtime[8+8] ctime[8+8] btime[8+8] gen[8] data_version[8].
     */
    void getattr(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        in.u64(); // request mask: the basic set is always answered
        Inode inode = fid.inode;
        MessageWriter w = server.reply(x, NineP.TGETATTR).u64(NineP.STATS_BASIC);
        NinePServer.writeQid(w, inode)
                .u32(inode.mode()).u32(inode.uid()).u32(inode.gid())
                .u64(inode.linkCount()).u64(inode.rdev()).u64(inode.size())
                .u64(BLOCK_SIZE).u64((inode.allocatedBytes() + STAT_BLOCK - 1) / STAT_BLOCK)
                .u64(inode.atimeSeconds()).u64(inode.atimeNanos())
                .u64(inode.mtimeSeconds()).u64(inode.mtimeNanos())
                .u64(inode.ctimeSeconds()).u64(inode.ctimeNanos())
                .u64(0).u64(0) // btime: not kept
                .u64(0).u64(inode.version());
        server.send(x);
    }

    /**
     * Tsetattr fid[4] valid[4] mode[4] uid[4] gid[4] size[8] atime_sec[8] atime_nsec[8] mtime_sec[8]
     * mtime_nsec[8] → Rsetattr. A size change of a lower file may wait for its copy-up.
     */
    void setattr(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        int valid = in.u32();
        int mode = in.u32();
        int uid = in.u32();
        int gid = in.u32();
        long size = in.u64();
        long atimeSeconds = in.u64();
        long atimeNanos = in.u64();
        long mtimeSeconds = in.u64();
        long mtimeNanos = in.u64();
        Inode inode = fid.inode;
        boolean setsSize = (valid & NineP.ATTR_SIZE) != 0;
        if (setsSize && (size < 0 || inode.isDirectory())) {
            throw FsException.of(size < 0 ? Errno.EINVAL : Errno.EISDIR);
        }
        if ((valid & (NineP.ATTR_ATIME_SET | NineP.ATTR_MTIME_SET)) != 0
                && (atimeNanos < 0 || atimeNanos >= 1_000_000_000L || mtimeNanos < 0 || mtimeNanos >= 1_000_000_000L)) {
            throw FsException.of(Errno.EINVAL);
        }
        if ((valid & NineP.ATTR_MODE) != 0) {
            fs.chmod(inode, mode);
        }
        if ((valid & (NineP.ATTR_UID | NineP.ATTR_GID)) != 0) {
            fs.chown(inode, (valid & NineP.ATTR_UID) != 0 ? uid : -1, (valid & NineP.ATTR_GID) != 0 ? gid : -1);
        }
        // Times last: a size change would otherwise overwrite an explicitly given mtime.
        Runnable finish = () -> {
            if ((valid & (NineP.ATTR_ATIME | NineP.ATTR_MTIME)) != 0) {
                fs.setTimes(inode, time(valid, NineP.ATTR_ATIME, NineP.ATTR_ATIME_SET, atimeSeconds), (int) atimeNanos,
                        time(valid, NineP.ATTR_MTIME, NineP.ATTR_MTIME_SET, mtimeSeconds), (int) mtimeNanos);
            }
            server.reply(x, NineP.TSETATTR);
            server.send(x);
        };
        if (setsSize && inode.isRegular()) {
            fs.truncate(inode, size, errno -> {
                if (errno != 0) {
                    server.error(x, errno);
                } else {
                    finish.run();
                }
            });
        } else {
            finish.run();
        }
    }

    /** The time to set: unchanged (MIN_VALUE), now (-1) or the given seconds, from the valid bits. */
    private static long time(int valid, int change, int explicit, long seconds) {
        if ((valid & change) == 0) {
            return Long.MIN_VALUE;
        }
        return (valid & explicit) != 0 ? Math.max(0, seconds) : -1;
    }

    /**
     * Tstatfs fid[4] → Rstatfs type[4] bsize[4] blocks[8] bfree[8] bavail[8] files[8] ffree[8] fsid[8]
     * namelen[4]. Free space is what the upper layer may still take.
     */
    void statfs(Exchange x, MessageReader in) throws FsException {
        server.fid(in.u32());
        long total = fs.upperLimit() / BLOCK_SIZE;
        long free = Math.max(0, fs.upperLimit() - fs.upperBytes()) / BLOCK_SIZE;
        long files = fs.inodeCount();
        server.reply(x, NineP.TSTATFS).u32(NineP.V9FS_MAGIC).u32(BLOCK_SIZE)
                .u64(total).u64(free).u64(free)
                .u64(files + 1_000_000).u64(1_000_000).u64(0).u32(ImageFileSystem.NAME_MAX);
        server.send(x);
    }

    /** Tfsync fid[4] datasync[4] → Rfsync: everything lives in memory already. */
    void fsync(Exchange x, MessageReader in) throws FsException {
        server.fid(in.u32());
        in.u32();
        server.reply(x, NineP.TFSYNC);
        server.send(x);
    }

    /**
     * Tlock fid[4] type[1] flags[4] start[8] length[8] proc_id[4] client_id[s] → Rlock status[1]. One
     * client means the guest's own kernel arbitrates between its processes: every lock is granted.
     */
    void lock(Exchange x, MessageReader in) throws FsException {
        server.fid(in.u32());
        in.u8();
        in.u32();
        in.u64();
        in.u64();
        in.u32();
        in.string();
        server.reply(x, NineP.TLOCK).u8(NineP.LOCK_SUCCESS);
        server.send(x);
    }

    /**
     * Tgetlock fid[4] type[1] start[8] length[8] proc_id[4] client_id[s] → Rgetlock with the same
     * fields: type F_UNLCK, nothing conflicts.
     */
    void getlock(Exchange x, MessageReader in) throws FsException {
        server.fid(in.u32());
        in.u8();
        long start = in.u64();
        long length = in.u64();
        int procId = in.u32();
        String clientId = in.string();
        server.reply(x, NineP.TGETLOCK).u8(NineP.LOCK_TYPE_UNLCK).u64(start).u64(length).u32(procId)
                .string(clientId);
        server.send(x);
    }

    /**
     * Txattrwalk fid[4] newfid[4] name[s] → Rxattrwalk size[8]. No file has extended attributes: the list
     * (empty name) is empty, any single attribute is ENODATA.
     */
    void xattrwalk(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        int newFid = in.u32();
        String name = in.string();
        if (!name.isEmpty()) {
            throw FsException.of(Errno.ENODATA);
        }
        Fid list = new Fid(fid.inode, fid.uid, fid.parent, fid.name);
        list.xattr = true;
        server.addFid(newFid, list);
        server.reply(x, NineP.TXATTRWALK).u64(0);
        server.send(x);
    }

    /** Txattrcreate fid[4] name[s] attr_size[8] flags[4]: extended attributes are not stored (EOPNOTSUPP). */
    void xattrcreate(Exchange x, MessageReader in) throws FsException {
        server.fid(in.u32());
        in.string();
        in.u64();
        in.u32();
        throw FsException.of(Errno.EOPNOTSUPP);
    }
}
