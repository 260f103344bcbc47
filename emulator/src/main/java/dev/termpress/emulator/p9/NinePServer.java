package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.snapshot.StateWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A 9P2000.L server for one client over an {@link ImageFileSystem}. Each T-message gets exactly one
 * R-message, at once or (when file contents are still being fetched) later; anything malformed or
 * hostile gets an Rlerror with a Linux errno, never a host exception. Single-threaded, never blocks.
 */
public final class NinePServer {

    /** Largest msize offered (DESIGN §3: large msize). */
    public static final int MAX_MSIZE = 512 * 1024;
    /** Smallest msize accepted: every reply but Rread and Rreaddir must fit. */
    static final int MIN_MSIZE = 512;
    /**
     * Most fids one client may hold; past it a walk or attach gets ENFILE. Linux with cache=loose keeps
     * one per cached dentry, so tens of thousands are normal after a {@code find /} of a large image; a
     * fid costs about 100 bytes of host memory, so the cap holds the table near 13 MB.
     */
    public static final int MAX_FIDS = 1 << 17;
    /**
     * Most directory entries held, summed over every fid's listing in progress (a Treaddir from offset
     * 0 takes one); past it such a Treaddir gets ENFILE. A listing entry costs two references, so many
     * open handles on one huge directory cannot grow host memory past a few MB.
     */
    public static final int MAX_LISTING_ENTRIES = 1 << 20;
    /** msize before Tversion negotiated one. */
    private static final int DEFAULT_MSIZE = 8192;

    private final ImageFileSystem fs;
    private final MessageReader in = new MessageReader();
    private final MessageWriter out = new MessageWriter();
    private final Map<Integer, Fid> fids = new HashMap<>();
    private final Map<Integer, Exchange> pending = new HashMap<>();
    private final FileOperations files;
    private final NamespaceOperations names;
    private final int maxFids;
    private final int maxListingEntries;
    private int listingEntries;
    private int msize = DEFAULT_MSIZE;
    /** Files to restore instead of the snapshot's own, once ({@link #restoreFilesOnResume}); else null. */
    private byte[] replacementFiles;

    /** A server presenting {@code fs}. */
    public NinePServer(ImageFileSystem fs) {
        this(fs, MAX_FIDS, MAX_LISTING_ENTRIES);
    }

    NinePServer(ImageFileSystem fs, int maxFids, int maxListingEntries) {
        this.fs = fs;
        this.maxFids = maxFids;
        this.maxListingEntries = maxListingEntries;
        this.files = new FileOperations(this);
        this.names = new NamespaceOperations(this);
    }

    /** The negotiated maximum message size. */
    public int msize() {
        return msize;
    }

    /** Number of fids the client holds. */
    public int fidCount() {
        return fids.size();
    }

    /** The fid table, for a snapshot; sessions and fids are otherwise this class's business. */
    Map<Integer, Fid> fids() {
        return fids;
    }

    /**
     * What the guest changed in the filesystem, with every inode an open fid still needs: the files of
     * {@code snapshot.SavedWork}, to bring back with {@link #restoreFilesOnResume} over the same snapshot.
     */
    public byte[] saveFiles() {
        StateWriter out = new StateWriter();
        NinePState.saveFiles(this, out);
        return out.toByteArray();
    }

    /**
     * Makes the next snapshot restore take the filesystem from {@code files} ({@link #saveFiles} of a later
     * moment of a machine resumed from that same snapshot) instead of the snapshot's own, keeping the
     * snapshot's fids; if the files do not fit the snapshot, that restore fails and the caller starts again
     * without them.
     */
    public void restoreFilesOnResume(byte[] files) {
        replacementFiles = files.clone();
    }

    /** The files {@link #restoreFilesOnResume} set, once; null if none. */
    byte[] takeReplacementFiles() {
        byte[] files = replacementFiles;
        replacementFiles = null;
        return files;
    }

    /** Restores the msize a snapshot's session negotiated. */
    void restoreMsize(int negotiated) {
        msize = negotiated;
    }

    /** Directory entries held by listings in progress (bounded by {@link #MAX_LISTING_ENTRIES}). */
    public int listingEntries() {
        return listingEntries;
    }

    /** Number of requests waiting for file contents. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Handles the T-message in {@code message[0, length)}; the reply, at most {@code replyCapacity} bytes,
     * goes to {@code responder} now or later. The message array may be reused once this returns.
     */
    public void handle(byte[] message, int length, int replyCapacity, Responder responder) {
        length = Math.max(0, Math.min(length, message.length));
        int tag = length >= NineP.HEADER_SIZE ? (message[5] & 0xff | (message[6] & 0xff) << 8) : NineP.NOTAG;
        Exchange exchange = new Exchange(tag, responder, Math.min(replyCapacity, msize));
        int type = -1;
        try {
            in.reset(message, 0, length);
            int size = in.u32();
            type = in.u8();
            in.u16();
            if (size < NineP.HEADER_SIZE || size > length) {
                throw FsException.of(Errno.EPROTO);
            }
            in.reset(message, NineP.HEADER_SIZE, size);
            dispatch(type, exchange);
        } catch (FsException e) {
            error(exchange, e.errno());
        } catch (RuntimeException e) {
            // A bug must cost the guest one request, not the host its machine.
            error(exchange, Errno.EIO);
        }
        if (!exchange.replied) {
            // A client reusing a tag in flight breaks the protocol: the newer request still gets its
            // reply, but a Tflush names the older one.
            pending.putIfAbsent(tag, exchange);
        }
    }

    private void dispatch(int type, Exchange x) throws FsException {
        switch (type) {
            case NineP.TVERSION -> version(x);
            case NineP.TATTACH -> attach(x);
            case NineP.TAUTH -> throw FsException.of(Errno.ENOENT); // no auth needed (diod's npclient reads ENOENT so)
            case NineP.TFLUSH -> flush(x);
            case NineP.TWALK -> names.walk(x, in);
            case NineP.TCLUNK -> clunk(x);
            case NineP.TREMOVE -> names.remove(x, in);
            case NineP.TLOPEN -> files.lopen(x, in);
            case NineP.TLCREATE -> files.lcreate(x, in);
            case NineP.TREAD -> files.read(x, in);
            case NineP.TWRITE -> files.write(x, in);
            case NineP.TREADDIR -> files.readdir(x, in);
            case NineP.TGETATTR -> files.getattr(x, in);
            case NineP.TSETATTR -> files.setattr(x, in);
            case NineP.TSTATFS -> files.statfs(x, in);
            case NineP.TFSYNC -> files.fsync(x, in);
            case NineP.TLOCK -> files.lock(x, in);
            case NineP.TGETLOCK -> files.getlock(x, in);
            case NineP.TXATTRWALK -> files.xattrwalk(x, in);
            case NineP.TXATTRCREATE -> files.xattrcreate(x, in);
            case NineP.TMKDIR -> names.mkdir(x, in);
            case NineP.TSYMLINK -> names.symlink(x, in);
            case NineP.TMKNOD -> names.mknod(x, in);
            case NineP.TLINK -> names.link(x, in);
            case NineP.TRENAME -> names.rename(x, in);
            case NineP.TRENAMEAT -> names.renameat(x, in);
            case NineP.TUNLINKAT -> names.unlinkat(x, in);
            case NineP.TREADLINK -> names.readlink(x, in);
            default -> throw FsException.of(Errno.EOPNOTSUPP); // 9P2000 and 9P2000.u messages, replies, junk
        }
    }

    private void version(Exchange x) throws FsException {
        int requested = in.u32();
        String version = in.string();
        if (requested < MIN_MSIZE) {
            throw FsException.of(Errno.EINVAL);
        }
        // A new version starts a new session: every fid of the old one is gone.
        clearFids();
        boolean known = version.equals(NineP.VERSION_9P2000_L) || version.startsWith(NineP.VERSION_9P2000_L + ".");
        msize = Math.min(requested, MAX_MSIZE);
        reply(x, NineP.TVERSION).u32(msize).string(known ? NineP.VERSION_9P2000_L : NineP.VERSION_UNKNOWN);
        send(x);
    }

    private void attach(Exchange x) throws FsException {
        int fid = in.u32();
        int afid = in.u32();
        in.string(); // uname: the numeric n_uname below is what 9P2000.L clients mean
        in.string(); // aname: there is one tree
        int uid = in.u32();
        if (afid != NineP.NOFID) {
            throw FsException.of(Errno.EBADF);
        }
        Inode root = fs.root();
        addFid(fid, new Fid(root, uid == NineP.NOFID ? 0 : uid, root, ""));
        writeQid(reply(x, NineP.TATTACH), root);
        send(x);
    }

    private void flush(Exchange x) throws FsException {
        int oldTag = in.u16();
        Exchange old = pending.get(oldTag);
        if (old == null || old.replied) {
            reply(x, NineP.TFLUSH);
            send(x);
        } else {
            // virtio cannot take a buffer back: the old request still gets its reply, then Rflush.
            old.addFlush(x);
        }
    }

    private void clunk(Exchange x) throws FsException {
        int fid = in.u32();
        if (removeFid(fid) == null) {
            throw FsException.of(Errno.EBADF);
        }
        reply(x, NineP.TCLUNK);
        send(x);
    }

    // ---- shared with the operation classes ----

    ImageFileSystem fs() {
        return fs;
    }

    Fid fid(int number) throws FsException {
        Fid fid = fids.get(number);
        if (fid == null) {
            throw FsException.of(Errno.EBADF);
        }
        return fid;
    }

    void addFid(int number, Fid fid) throws FsException {
        requireFreeFid(number);
        putFid(number, fid);
    }

    /** A new fid number must not be NOFID nor in use, and the table must have room. */
    void requireFreeFid(int number) throws FsException {
        if (number == NineP.NOFID || fids.containsKey(number)) {
            throw FsException.of(Errno.EBADF);
        }
        if (fids.size() >= maxFids) {
            throw FsException.of(Errno.ENFILE);
        }
    }

    /**
     * Binds {@code number} to {@code fid}, replacing what it was bound to. Every change of the table goes
     * through here and {@link #removeFid}, which keep the filesystem's handle counts (an unlinked file's
     * content lives while a fid refers to it).
     */
    void putFid(int number, Fid fid) {
        fs.retainHandle(fid.inode);
        if (fid.listingNames != null) {
            listingEntries += fid.listingNames.length;
        }
        Fid old = fids.put(number, fid);
        if (old != null) {
            dropListing(old);
            fs.releaseHandle(old.inode);
        }
    }

    Fid removeFid(int number) {
        Fid old = fids.remove(number);
        if (old != null) {
            dropListing(old);
            fs.releaseHandle(old.inode);
        }
        return old;
    }

    /** Gives {@code fid} a listing in progress, within {@link #MAX_LISTING_ENTRIES} over all fids. */
    void holdListing(Fid fid, String[] names, Inode[] inodes) throws FsException {
        dropListing(fid);
        if (names.length > maxListingEntries - listingEntries) {
            throw FsException.of(Errno.ENFILE);
        }
        fid.listingNames = names;
        fid.listingInodes = inodes;
        listingEntries += names.length;
    }

    /** Forgets {@code fid}'s listing in progress, if any. */
    void dropListing(Fid fid) {
        if (fid.listingNames != null) {
            listingEntries -= fid.listingNames.length;
            fid.listingNames = null;
            fid.listingInodes = null;
        }
    }

    /** Points {@code fid} at {@code inode} (Tlcreate: the fid becomes the new file). */
    void rebind(Fid fid, Inode inode) {
        fs.retainHandle(inode);
        fs.releaseHandle(fid.inode);
        fid.inode = inode;
    }

    void clearFids() {
        for (Fid fid : fids.values()) {
            fs.releaseHandle(fid.inode);
        }
        fids.clear();
        listingEntries = 0;
    }

    /** Starts the reply to {@code x}, whose request type is {@code requestType}. */
    MessageWriter reply(Exchange x, int requestType) {
        return out.begin(requestType + 1, x.tag);
    }

    /** Sends the reply built since {@link #reply}. */
    void send(Exchange x) {
        deliver(x, out.finish(), null, 0, 0);
    }

    /** Sends the reply built since {@link #reply} followed by {@code length} payload bytes. */
    void sendWithData(Exchange x, byte[] data, int offset, int length) {
        int headLength = out.length();
        out.putU32(0, headLength + length);
        deliver(x, headLength, data, offset, length);
    }

    void error(Exchange x, int errno) {
        reply(x, NineP.TLERROR).u32(errno);
        send(x);
    }

    private void deliver(Exchange x, int headLength, byte[] data, int offset, int length) {
        if (x.replied) {
            return;
        }
        if (headLength + length > x.capacity) {
            reply(x, NineP.TLERROR).u32(Errno.ERANGE);
            headLength = out.finish();
            length = 0;
            if (headLength > x.capacity) {
                headLength = 0;
            }
        }
        x.replied = true;
        if (pending.get(x.tag) == x) {
            pending.remove(x.tag);
        }
        x.responder.respond(out.array(), headLength, data, offset, length);
        List<Exchange> flushes = x.takeFlushes();
        if (flushes != null) {
            for (Exchange flush : flushes) {
                reply(flush, NineP.TFLUSH);
                send(flush);
            }
        }
    }

    /** Writes the qid of {@code inode}: type, version, path (9P "qid"). */
    static MessageWriter writeQid(MessageWriter w, Inode inode) {
        int type = inode.isDirectory() ? NineP.QTDIR : inode.isSymlink() ? NineP.QTSYMLINK : NineP.QTFILE;
        return w.u8(type).u32(inode.version()).u64(inode.id());
    }
}
