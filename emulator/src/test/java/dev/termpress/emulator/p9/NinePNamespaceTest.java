package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;
import static dev.termpress.emulator.p9.NineClient.assertErrno;
import static dev.termpress.emulator.p9.NineClient.data;
import static dev.termpress.emulator.p9.NineClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FileMode;
import dev.termpress.emulator.fs.FsPaths;
import dev.termpress.emulator.fs.ImageFileSystem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messages that change the tree: mkdir, symlink, readlink, mknod, link, rename, renameat, unlinkat, remove. */
class NinePNamespaceTest {

    private final ImageFileSystem fs = TestImage.fs();
    private final NineClient client = new NineClient(new NinePServer(fs)).connect(65536);

    private RMessage.Qid qidOf(RMessage reply) {
        return ok(reply).qid();
    }

    private RMessage getattrAfterWalk(String... path) {
        ok(client.walk(ROOT, 50, path));
        RMessage attr = ok(client.getattr(50));
        ok(client.clunk(50));
        attr.u64();
        return attr;
    }

    @Test
    void mkdirCreatesADirectory() {
        RMessage.Qid qid = qidOf(client.mkdir(ROOT, "new", 0750));
        assertThat(qid.type()).isEqualTo(NineP.QTDIR);
        RMessage attr = getattrAfterWalk("new");
        assertThat(attr.qid()).isEqualTo(qid);
        assertThat(attr.u32()).isEqualTo(FileMode.S_IFDIR | 0750);
        assertErrno(client.mkdir(ROOT, "new", 0755), Errno.EEXIST);
        assertErrno(client.mkdir(ROOT, "..", 0755), Errno.EINVAL);
        assertErrno(client.mkdir(ROOT, "a/b", 0755), Errno.EINVAL);
        assertErrno(client.mkdir(ROOT, "", 0755), Errno.EINVAL);
        assertErrno(client.mkdir(ROOT, "n".repeat(256), 0755), Errno.ENAMETOOLONG);
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        assertErrno(client.mkdir(2, "x", 0755), Errno.ENOTDIR);
        assertErrno(client.mkdir(99, "x", 0755), Errno.EBADF);
    }

    @Test
    void symlinkAndReadlink() {
        RMessage.Qid qid = qidOf(client.call(client.t(NineP.TSYMLINK).u32(ROOT).string("link").string("/etc/passwd").u32(0)));
        assertThat(qid.type()).isEqualTo(NineP.QTSYMLINK);
        ok(client.walk(ROOT, 2, "link"));
        assertThat(ok(client.call(client.t(NineP.TREADLINK).u32(2))).string()).isEqualTo("/etc/passwd");
        ok(client.walk(ROOT, 3, "lib"));
        assertThat(ok(client.call(client.t(NineP.TREADLINK).u32(3))).string()).isEqualTo("usr/lib");
        ok(client.walk(ROOT, 4, "etc"));
        assertErrno(client.call(client.t(NineP.TREADLINK).u32(4)), Errno.EINVAL);
        assertErrno(client.call(client.t(NineP.TSYMLINK).u32(ROOT).string("link").string("x").u32(0)), Errno.EEXIST);
    }

    @Test
    void mknodMakesDevicesAndFifos() {
        ok(client.call(client.t(NineP.TMKNOD).u32(ROOT).string("tty").u32(FileMode.S_IFCHR | 0620).u32(5).u32(0)
                .u32(5)));
        RMessage attr = getattrAfterWalk("tty");
        attr.qid();
        assertThat(attr.u32()).isEqualTo(FileMode.S_IFCHR | 0620);
        attr.u32();
        assertThat(attr.u32()).as("gid").isEqualTo(5);
        attr.u64();
        assertThat(attr.u64()).isEqualTo(5 << 8);
        ok(client.call(client.t(NineP.TMKNOD).u32(ROOT).string("fifo").u32(FileMode.S_IFIFO | 0600).u32(0).u32(0)
                .u32(0)));
        assertErrno(client.call(client.t(NineP.TMKNOD).u32(ROOT).string("bad").u32(FileMode.S_IFDIR | 0600).u32(0)
                .u32(0).u32(0)), Errno.EINVAL);
    }

    @Test
    void linkAddsANameToTheSameInode() {
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        ok(client.call(client.t(NineP.TLINK).u32(ROOT).u32(2).string("passwd.link")));
        RMessage attr = getattrAfterWalk("passwd.link");
        RMessage original = getattrAfterWalk("etc", "passwd");
        assertThat(attr.qid()).isEqualTo(original.qid());
        attr.u32();
        attr.u32();
        attr.u32();
        assertThat(attr.u64()).isEqualTo(2);
        ok(client.walk(ROOT, 3, "etc"));
        assertErrno(client.call(client.t(NineP.TLINK).u32(ROOT).u32(3).string("dirlink")), Errno.EPERM);
        assertErrno(client.call(client.t(NineP.TLINK).u32(ROOT).u32(2).string("big")), Errno.EEXIST);
    }

    @Test
    void renameByFidMovesTheFile() {
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        ok(client.walk(ROOT, 3, "home"));
        ok(client.call(client.t(NineP.TRENAME).u32(2).u32(3).string("moved")));
        assertThat(FsPaths.find(fs, "etc/passwd")).isNull();
        assertThat(FsPaths.read(fs, "home/moved")).isEqualTo(TestImage.PASSWD);
        // The fid follows the file: a second rename starts from its new place.
        ok(client.call(client.t(NineP.TRENAME).u32(2).u32(ROOT).string("again")));
        assertThat(FsPaths.read(fs, "again")).isEqualTo(TestImage.PASSWD);
        ok(client.walk(ROOT, 4, "home", "user"));
        ok(client.call(client.t(NineP.TRENAME).u32(4).u32(ROOT).string("user2")));
        assertThat(FsPaths.find(fs, "user2").isDirectory()).isTrue();
        assertErrno(client.call(client.t(NineP.TRENAME).u32(ROOT).u32(ROOT).string("x")), Errno.EBUSY);
    }

    @Test
    void renameatMovesAndReplacesWithRename2Errnos() {
        ok(client.walk(ROOT, 2, "etc"));
        ok(client.walk(ROOT, 3, "home"));
        ok(client.call(client.t(NineP.TRENAMEAT).u32(2).string("passwd").u32(3).string("p")));
        assertThat(FsPaths.read(fs, "home/p")).isEqualTo(TestImage.PASSWD);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(2).string("passwd").u32(3).string("p")), Errno.ENOENT);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("home").u32(3).string("inner")),
                Errno.EINVAL);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("etc").u32(ROOT).string("home")),
                Errno.ENOTEMPTY);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("big").u32(ROOT).string("etc")),
                Errno.EISDIR);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("etc").u32(ROOT).string("big")),
                Errno.ENOTDIR);
        assertErrno(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("big").u32(ROOT).string("../x")),
                Errno.EINVAL);
        ok(client.call(client.t(NineP.TRENAMEAT).u32(ROOT).string("big").u32(3).string("p")));
        assertThat(FsPaths.find(fs, "home/p").size()).isEqualTo(TestImage.BIG.length);
    }

    @Test
    void unlinkatRemovesFilesAndEmptyDirectories() {
        ok(client.walk(ROOT, 2, "etc"));
        assertErrno(client.unlinkat(ROOT, "etc", NineP.AT_REMOVEDIR), Errno.ENOTEMPTY);
        assertErrno(client.unlinkat(ROOT, "etc", 0), Errno.EISDIR);
        assertErrno(client.unlinkat(2, "passwd", NineP.AT_REMOVEDIR), Errno.ENOTDIR);
        assertErrno(client.unlinkat(2, "missing", 0), Errno.ENOENT);
        assertErrno(client.unlinkat(2, "../big", 0), Errno.EINVAL);
        ok(client.unlinkat(2, "passwd", 0));
        ok(client.unlinkat(ROOT, "etc", NineP.AT_REMOVEDIR));
        assertThat(FsPaths.find(fs, "etc")).isNull();
        // A fid on the removed directory can create nothing in it.
        assertErrno(client.lcreate(2, "x", NineP.O_RDWR, 0644), Errno.ENOENT);
    }

    @Test
    void openFileStaysReadableAfterUnlink() {
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        ok(client.lopen(2, NineP.O_RDONLY));
        ok(client.unlinkat(ROOT, "big", 0));
        ok(client.walk(ROOT, 3, "etc"));
        ok(client.unlinkat(3, "passwd", 0));
        assertThat(new String(data(client.read(2, 0, 100)), StandardCharsets.UTF_8)).isEqualTo(TestImage.PASSWD);
    }

    @Test
    void removeClunksTheFidEvenWhenItFails() {
        ok(client.walk(ROOT, 2, "etc"));
        assertErrno(client.call(client.t(NineP.TREMOVE).u32(2)), Errno.ENOTEMPTY);
        assertErrno(client.getattr(2), Errno.EBADF);
        ok(client.walk(ROOT, 3, "bin", "sh"));
        ok(client.call(client.t(NineP.TREMOVE).u32(3)));
        assertThat(FsPaths.find(fs, "bin/sh")).isNull();
        assertThat(FsPaths.find(fs, "bin/busybox").linkCount()).isEqualTo(1);
        ok(client.walk(ROOT, 4, "home", "user"));
        ok(client.call(client.t(NineP.TREMOVE).u32(4)));
        assertThat(FsPaths.find(fs, "home/user")).isNull();
    }

    @Test
    void removeAfterTheFileWasRenamedFindsItsNewName() {
        ok(client.walk(ROOT, 2, "bin", "busybox"));
        ok(client.walk(ROOT, 3, "bin"));
        ok(client.call(client.t(NineP.TRENAMEAT).u32(3).string("busybox").u32(3).string("bb")));
        ok(client.call(client.t(NineP.TREMOVE).u32(2)));
        assertThat(FsPaths.find(fs, "bin/bb")).isNull();
        assertThat(FsPaths.find(fs, "bin/sh")).isNotNull();
    }
}
