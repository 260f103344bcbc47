package dev.termpress.emulator.p9;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FsException;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Inode;

/** The 9P2000.L messages that walk and change the tree: walk, mkdir, symlink, mknod, link, rename, unlink, remove. */
final class NamespaceOperations {

    private final NinePServer server;
    private final ImageFileSystem fs;
    private final String[] walkNames = new String[NineP.MAX_WALK_NAMES];

    NamespaceOperations(NinePServer server) {
        this.server = server;
        this.fs = server.fs();
    }

    /**
     * Twalk fid[4] newfid[4] nwname[2] nwname*(wname[s]) → Rwalk nwqid[2] nwqid*(qid[13]). A walk that
     * fails at the first name is an error; one that fails later answers the qids it got and leaves
     * newfid alone.
     */
    void walk(Exchange x, MessageReader in) throws FsException {
        int fidNumber = in.u32();
        Fid from = server.fid(fidNumber);
        int newFid = in.u32();
        int count = in.u16();
        if (count > NineP.MAX_WALK_NAMES) {
            throw FsException.of(Errno.EINVAL);
        }
        for (int i = 0; i < count; i++) {
            String name = in.string();
            // ".." is the parent (never above the root), "." the directory itself (as QEMU and diod's
            // client read it); anything else must be one plain component.
            if (!name.equals("..") && !name.equals(".")) {
                ImageFileSystem.checkName(name);
            }
            walkNames[i] = name;
        }
        if (newFid != fidNumber) {
            server.requireFreeFid(newFid);
        }
        MessageWriter w = server.reply(x, NineP.TWALK);
        int countAt = w.length();
        w.u16(0);
        Inode current = from.inode;
        Inode parent = from.parent;
        String name = from.name;
        int walked = 0;
        for (; walked < count; walked++) {
            Inode next;
            try {
                if (walkNames[walked].equals("..")) {
                    next = fs.parent(current);
                    parent = null; // a directory finds its parent itself
                    name = "";
                } else if (walkNames[walked].equals(".")) {
                    if (!current.isDirectory()) {
                        throw FsException.of(Errno.ENOTDIR);
                    }
                    next = current;
                } else {
                    next = fs.lookup(current, walkNames[walked]);
                    parent = current;
                    name = walkNames[walked];
                }
            } catch (FsException e) {
                if (walked == 0) {
                    throw e;
                }
                break;
            }
            NinePServer.writeQid(w, next);
            current = next;
        }
        w.array()[countAt] = (byte) walked;
        w.array()[countAt + 1] = 0;
        if (walked == count && !(count == 0 && newFid == fidNumber)) { // a zero-step walk onto itself changes nothing
            Fid walkedFid = new Fid(current, from.uid, parent, name);
            server.putFid(newFid, walkedFid);
        }
        server.send(x);
    }

    /** Tmkdir dfid[4] name[s] mode[4] gid[4] → Rmkdir qid[13]. */
    void mkdir(Exchange x, MessageReader in) throws FsException {
        Fid dir = server.fid(in.u32());
        String name = in.string();
        int mode = in.u32();
        int gid = in.u32();
        Inode created = fs.mkdir(dir.inode, name, mode, dir.uid, gid);
        NinePServer.writeQid(server.reply(x, NineP.TMKDIR), created);
        server.send(x);
    }

    /** Tsymlink fid[4] name[s] symtgt[s] gid[4] → Rsymlink qid[13]. */
    void symlink(Exchange x, MessageReader in) throws FsException {
        Fid dir = server.fid(in.u32());
        String name = in.string();
        String target = in.string();
        int gid = in.u32();
        Inode created = fs.symlink(dir.inode, name, target, dir.uid, gid);
        NinePServer.writeQid(server.reply(x, NineP.TSYMLINK), created);
        server.send(x);
    }

    /** Tmknod dfid[4] name[s] mode[4] major[4] minor[4] gid[4] → Rmknod qid[13]. */
    void mknod(Exchange x, MessageReader in) throws FsException {
        Fid dir = server.fid(in.u32());
        String name = in.string();
        int mode = in.u32();
        int major = in.u32();
        int minor = in.u32();
        int gid = in.u32();
        Inode created = fs.mknod(dir.inode, name, mode, major, minor, dir.uid, gid);
        NinePServer.writeQid(server.reply(x, NineP.TMKNOD), created);
        server.send(x);
    }

    /** Tlink dfid[4] fid[4] name[s] → Rlink. */
    void link(Exchange x, MessageReader in) throws FsException {
        Fid dir = server.fid(in.u32());
        Fid target = server.fid(in.u32());
        String name = in.string();
        fs.link(dir.inode, name, target.inode);
        server.reply(x, NineP.TLINK);
        server.send(x);
    }

    /** Trename fid[4] dfid[4] name[s] → Rrename: moves the fid's file into dfid under name. */
    void rename(Exchange x, MessageReader in) throws FsException {
        Fid moving = server.fid(in.u32());
        Fid newDir = server.fid(in.u32());
        String newName = in.string();
        ImageFileSystem.checkName(newName);
        Inode oldDir = containingDirectory(moving);
        String oldName = nameIn(oldDir, moving);
        fs.rename(oldDir, oldName, newDir.inode, newName);
        moving.parent = newDir.inode;
        moving.name = newName;
        server.reply(x, NineP.TRENAME);
        server.send(x);
    }

    /** Trenameat olddirfid[4] oldname[s] newdirfid[4] newname[s] → Rrenameat. */
    void renameat(Exchange x, MessageReader in) throws FsException {
        Fid oldDir = server.fid(in.u32());
        String oldName = in.string();
        Fid newDir = server.fid(in.u32());
        String newName = in.string();
        fs.rename(oldDir.inode, oldName, newDir.inode, newName);
        server.reply(x, NineP.TRENAMEAT);
        server.send(x);
    }

    /** Tunlinkat dirfd[4] name[s] flags[4] → Runlinkat. */
    void unlinkat(Exchange x, MessageReader in) throws FsException {
        Fid dir = server.fid(in.u32());
        String name = in.string();
        int flags = in.u32();
        fs.unlink(dir.inode, name, (flags & NineP.AT_REMOVEDIR) != 0);
        server.reply(x, NineP.TUNLINKAT);
        server.send(x);
    }

    /** Tremove fid[4] → Rremove; the fid is clunked whether or not the removal worked. */
    void remove(Exchange x, MessageReader in) throws FsException {
        int number = in.u32();
        Fid fid = server.fid(number);
        server.removeFid(number);
        Inode dir = containingDirectory(fid);
        fs.unlink(dir, nameIn(dir, fid), fid.inode.isDirectory());
        server.reply(x, NineP.TREMOVE);
        server.send(x);
    }

    /** Treadlink fid[4] → Rreadlink target[s]. */
    void readlink(Exchange x, MessageReader in) throws FsException {
        Fid fid = server.fid(in.u32());
        String target = fs.readlink(fid.inode);
        server.reply(x, NineP.TREADLINK).string(target);
        server.send(x);
    }

    /** The directory holding the fid's file now: a directory knows its parent, a file its walk. */
    private Inode containingDirectory(Fid fid) throws FsException {
        if (fid.inode == fs.root()) {
            throw FsException.of(Errno.EBUSY);
        }
        Inode dir = fid.inode.isDirectory() ? fs.parent(fid.inode) : fid.parent;
        if (dir == null || !dir.isDirectory()) {
            throw FsException.of(Errno.ENOENT);
        }
        return dir;
    }

    /** The name under which {@code dir} holds the fid's file. */
    private String nameIn(Inode dir, Fid fid) throws FsException {
        if (!fid.inode.isDirectory() && fid.name != null && !fid.name.isEmpty()
                && fs.entry(dir, fid.name) == fid.inode) {
            return fid.name;
        }
        String found = fs.nameOf(dir, fid.inode);
        if (found == null) {
            throw FsException.of(Errno.ENOENT);
        }
        return found;
    }
}
