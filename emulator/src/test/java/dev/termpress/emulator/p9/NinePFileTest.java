package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;
import static dev.termpress.emulator.p9.NineClient.assertErrno;
import static dev.termpress.emulator.p9.NineClient.data;
import static dev.termpress.emulator.p9.NineClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.DeferredLayerSource;
import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.FileMode;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Layers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File messages: lopen, lcreate, read, write, readdir, getattr, setattr, statfs, fsync, locks, xattrs. */
class NinePFileTest {

    private final ImageFileSystem fs = TestImage.fs();
    private final NineClient client = new NineClient(new NinePServer(fs)).connect(NinePServer.MAX_MSIZE);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private int open(int fid, int flags, String... path) {
        ok(client.walk(ROOT, fid, path));
        ok(client.lopen(fid, flags));
        return fid;
    }

    @Test
    void lopenAnswersTheQidAndReadReturnsTheContent() {
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        RMessage open = ok(client.lopen(2, NineP.O_RDONLY));
        assertThat(open.qid().type()).isEqualTo(NineP.QTFILE);
        assertThat(open.u32()).as("iounit: use msize").isZero();
        assertThat(new String(data(client.read(2, 0, 4096)), StandardCharsets.UTF_8)).isEqualTo(TestImage.PASSWD);
        assertThat(new String(data(client.read(2, 5, 3)), StandardCharsets.UTF_8)).isEqualTo("x:0");
        assertThat(data(client.read(2, 1000, 10))).isEmpty();
    }

    @Test
    void bigFileReadsInLargeChunksMatch() {
        open(2, NineP.O_RDONLY, "big");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long offset = 0; ; ) {
            byte[] chunk = data(client.read(2, offset, 128 * 1024));
            if (chunk.length == 0) {
                break;
            }
            all.write(chunk, 0, chunk.length);
            offset += chunk.length;
        }
        assertThat(all.toByteArray()).isEqualTo(TestImage.BIG);
    }

    @Test
    void readCountIsClampedToMsizeAndTheClientsBuffer() {
        NineClient small = new NineClient(new NinePServer(fs)).connect(65536);
        ok(small.walk(ROOT, 2, "big"));
        ok(small.lopen(2, NineP.O_RDONLY));
        assertThat(data(small.read(2, 0, 1 << 30))).hasSize(65536 - 11);
        assertThat(data(small.read(2, 0, -1))).as("a count above 2 GiB").hasSize(65536 - 11);
        small.capacity = 1000;
        assertThat(data(small.read(2, 0, 4096))).hasSize(989);
        open(2, NineP.O_RDONLY, "big");
        assertThat(data(client.read(2, 0, 1 << 30))).hasSize(TestImage.BIG.length);
    }

    @Test
    void readAndWriteNeedAMatchingOpenMode() {
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        assertErrno(client.read(2, 0, 10), Errno.EBADF);
        ok(client.lopen(2, NineP.O_RDONLY));
        assertErrno(client.write(2, 0, utf8("x")), Errno.EBADF);
        assertErrno(client.lopen(2, NineP.O_RDONLY), Errno.EINVAL);
        open(3, NineP.O_WRONLY, "etc", "passwd");
        assertErrno(client.read(3, 0, 10), Errno.EBADF);
        ok(client.walk(ROOT, 4, "etc"));
        assertErrno(client.lopen(4, NineP.O_RDWR), Errno.EISDIR);
        ok(client.lopen(4, NineP.O_RDONLY));
        assertErrno(client.read(4, 0, 10), Errno.EISDIR);
        assertErrno(client.write(4, 0, utf8("x")), Errno.EISDIR);
        assertErrno(client.read(42, 0, 10), Errno.EBADF);
    }

    @Test
    void writeGoesToTheUpperLayerAndReadsBack() {
        open(2, NineP.O_RDWR, "etc", "passwd");
        RMessage written = ok(client.write(2, 0, utf8("ROOT")));
        assertThat(written.u32()).isEqualTo(4);
        assertThat(new String(data(client.read(2, 0, 100)), StandardCharsets.UTF_8))
                .isEqualTo("ROOT" + TestImage.PASSWD.substring(4));
        RMessage attr = ok(client.getattr(2));
        attr.u64();
        assertThat(attr.qid().version()).as("the qid version follows content changes").isEqualTo(1);
    }

    @Test
    void writeAtAHugeOffsetIsEfbigNotACrash() {
        open(2, NineP.O_RDWR, "etc", "passwd");
        assertErrno(client.write(2, Long.MAX_VALUE - 2, utf8("xyz")), Errno.EFBIG);
        assertErrno(client.write(2, -5, utf8("xyz")), Errno.EINVAL);
        assertThat(data(client.read(2, Long.MAX_VALUE, 10))).isEmpty();
    }

    @Test
    void appendAndTruncateFlags() {
        // O_APPEND (02000) is passed through by the client, which sends the end-of-file offset itself.
        open(2, NineP.O_WRONLY | 02000, "etc", "passwd");
        ok(client.write(2, TestImage.PASSWD.length(), utf8("extra\n")));
        open(3, NineP.O_RDONLY, "etc", "passwd");
        assertThat(new String(data(client.read(3, 0, 200)), StandardCharsets.UTF_8)).isEqualTo(TestImage.PASSWD + "extra\n");
        open(4, NineP.O_WRONLY | NineP.O_TRUNC, "big");
        assertThat(data(client.read(3, 0, 10))).isNotEmpty();
        RMessage attr = ok(client.getattr(4));
        attr.u64();
        attr.qid();
        attr.u32();
        attr.u32();
        attr.u32();
        attr.u64();
        attr.u64();
        assertThat(attr.u64()).as("size after O_TRUNC").isZero();
    }

    @Test
    void lcreateMakesAnOpenFileOwnedByTheFidsUser() {
        client.call(client.t(NineP.TATTACH).u32(9).u32(NineP.NOFID).string("user").string("").u32(1000));
        ok(client.walk(9, 2, "home", "user"));
        RMessage created = ok(client.call(client.t(NineP.TLCREATE).u32(2).string("notes.txt")
                .u32(NineP.O_RDWR).u32(0640).u32(1000)));
        assertThat(created.qid().type()).isEqualTo(NineP.QTFILE);
        ok(client.write(2, 0, utf8("hi")));
        assertThat(data(client.read(2, 0, 10))).isEqualTo(utf8("hi"));
        RMessage attr = ok(client.getattr(2));
        attr.u64();
        attr.qid();
        assertThat(attr.u32()).isEqualTo(FileMode.S_IFREG | 0640);
        assertThat(attr.u32()).isEqualTo(1000);
        assertThat(attr.u32()).isEqualTo(1000);
        ok(client.walk(ROOT, 3, "home", "user"));
        assertErrno(client.lcreate(3, "notes.txt", NineP.O_RDWR, 0644), Errno.EEXIST);
        assertErrno(client.lcreate(3, "a/b", NineP.O_RDWR, 0644), Errno.EINVAL);
        assertErrno(client.lcreate(3, "..", NineP.O_RDWR, 0644), Errno.EINVAL);
        ok(client.walk(ROOT, 4, "etc", "passwd"));
        assertErrno(client.lcreate(4, "x", NineP.O_RDWR, 0644), Errno.ENOTDIR);
    }

    @Test
    void readdirListsEverythingWithDotAndDotDot() {
        open(2, NineP.O_RDONLY);
        List<String> names = readAllEntries(2, 8192, new ArrayList<>());
        assertThat(names).containsExactly(".", "..", "big", "bin", "dev", "etc", "home", "lib");
    }

    @Test
    void readdirPagesWithCookiesGiveTheSameListing() {
        open(2, NineP.O_RDONLY, "bin");
        for (int i = 0; i < 30; i++) {
            ok(client.call(client.t(NineP.TMKNOD).u32(2).string("node" + i).u32(FileMode.S_IFIFO | 0644)
                    .u32(0).u32(0).u32(0)));
        }
        List<String> whole = readAllEntries(2, 65536, new ArrayList<>());
        List<Long> cookies = new ArrayList<>();
        List<String> paged = readAllEntries(2, 100, cookies);
        assertThat(paged).isEqualTo(whole).hasSize(34);
        for (int i = 0; i < cookies.size(); i++) {
            assertThat(cookies.get(i)).isEqualTo(i + 1L);
        }
        RMessage past = ok(client.readdir(2, 1000, 8192));
        assertThat(past.u32()).isZero();
    }

    @Test
    void readdirOnAFileIsEnotdir() {
        open(2, NineP.O_RDONLY, "etc", "passwd");
        assertErrno(client.readdir(2, 0, 8192), Errno.ENOTDIR);
    }

    private List<String> readAllEntries(int fid, int count, List<Long> cookies) {
        List<String> names = new ArrayList<>();
        long offset = 0;
        while (true) {
            RMessage reply = ok(client.readdir(fid, offset, count));
            int bytes = reply.u32();
            if (bytes == 0) {
                return names;
            }
            assertThat(bytes).isLessThanOrEqualTo(count);
            int end = reply.remaining() - bytes;
            while (reply.remaining() > end) {
                reply.qid();
                offset = reply.u64();
                cookies.add(offset);
                reply.u8();
                names.add(reply.string());
            }
        }
    }

    @Test
    void getattrReportsTheInode() {
        ok(client.walk(ROOT, 2, "dev", "null"));
        RMessage attr = ok(client.getattr(2));
        assertThat(attr.u64()).isEqualTo(NineP.STATS_BASIC);
        assertThat(attr.qid().type()).isEqualTo(NineP.QTFILE);
        assertThat(attr.u32()).isEqualTo(FileMode.S_IFCHR | 0666);
        attr.u32();
        attr.u32();
        assertThat(attr.u64()).as("nlink").isEqualTo(1);
        assertThat(attr.u64()).as("rdev").isEqualTo(1 << 8 | 3);
        ok(client.walk(ROOT, 3, "bin", "sh"));
        RMessage sh = ok(client.getattr(3));
        sh.u64();
        sh.qid();
        sh.u32();
        sh.u32();
        sh.u32();
        assertThat(sh.u64()).as("nlink of a hard-linked file").isEqualTo(2);
        sh.u64();
        assertThat(sh.u64()).as("size").isEqualTo(7);
        assertThat(sh.u64()).as("blksize").isEqualTo(4096);
        assertThat(sh.u64()).as("blocks").isEqualTo(1);
        sh.u64();
        sh.u64();
        assertThat(sh.u64()).as("mtime").isEqualTo(1_700_000_000L);
    }

    @Test
    void setattrChangesModeOwnerSizeAndTimes() {
        ok(client.walk(ROOT, 2, "big"));
        int valid = NineP.ATTR_MODE | NineP.ATTR_UID | NineP.ATTR_GID | NineP.ATTR_SIZE | NineP.ATTR_ATIME
                | NineP.ATTR_MTIME | NineP.ATTR_ATIME_SET | NineP.ATTR_MTIME_SET;
        ok(client.call(client.t(NineP.TSETATTR).u32(2).u32(valid).u32(0755).u32(7).u32(8).u64(10)
                .u64(111).u64(222).u64(333).u64(444)));
        RMessage attr = ok(client.getattr(2));
        attr.u64();
        attr.qid();
        assertThat(attr.u32()).isEqualTo(FileMode.S_IFREG | 0755);
        assertThat(attr.u32()).isEqualTo(7);
        assertThat(attr.u32()).isEqualTo(8);
        attr.u64();
        attr.u64();
        assertThat(attr.u64()).isEqualTo(10);
        attr.u64();
        attr.u64();
        assertThat(attr.u64()).isEqualTo(111);
        assertThat(attr.u64()).isEqualTo(222);
        assertThat(attr.u64()).isEqualTo(333);
        assertThat(attr.u64()).isEqualTo(444);
        ok(client.lopen(2, NineP.O_RDONLY));
        assertThat(data(client.read(2, 0, 100))).isEqualTo(java.util.Arrays.copyOf(TestImage.BIG, 10));
        ok(client.walk(ROOT, 3, "etc"));
        assertErrno(client.call(client.t(NineP.TSETATTR).u32(3).u32(NineP.ATTR_SIZE).u32(0).u32(0).u32(0).u64(0)
                .u64(0).u64(0).u64(0).u64(0)), Errno.EISDIR);
        assertErrno(client.call(client.t(NineP.TSETATTR).u32(2).u32(NineP.ATTR_MTIME | NineP.ATTR_MTIME_SET)
                .u32(0).u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u64(2_000_000_000L)), Errno.EINVAL);
    }

    @Test
    void setattrSizeOfALowerFileWaitsForItsBytes() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(TestImage.LAYER));
        ImageFileSystem deferredFs = ImageFileSystem.create(Layers.indexes(TestImage.LAYER), source, () -> 0L);
        NineClient deferred = new NineClient(new NinePServer(deferredFs)).connect(65536);
        ok(deferred.walk(ROOT, 2, "etc", "passwd"));
        int before = deferred.replies.size();
        deferred.send(deferred.t(NineP.TSETATTR).u32(2).u32(NineP.ATTR_SIZE).u32(0).u32(0).u32(0).u64(4)
                .u64(0).u64(0).u64(0).u64(0).bytes());
        assertThat(deferred.replies).hasSize(before);
        source.completeAll();
        assertThat(deferred.replies).hasSize(before + 1);
        ok(deferred.replies.get(before));
        ok(deferred.lopen(2, NineP.O_RDONLY));
        assertThat(data(deferred.read(2, 0, 100))).isEqualTo(utf8("root"));
    }

    @Test
    void statfsFsyncLocks() {
        RMessage statfs = ok(client.call(client.t(NineP.TSTATFS).u32(ROOT)));
        assertThat(statfs.u32()).isEqualTo(NineP.V9FS_MAGIC);
        assertThat(statfs.u32()).isEqualTo(4096);
        long blocks = statfs.u64();
        assertThat(statfs.u64()).isLessThanOrEqualTo(blocks);
        statfs.u64();
        statfs.u64();
        statfs.u64();
        statfs.u64();
        assertThat(statfs.u32()).isEqualTo(255);
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        ok(client.call(client.t(NineP.TFSYNC).u32(2).u32(0)));
        RMessage lock = ok(client.call(client.t(NineP.TLOCK).u32(2).u8(1).u32(0).u64(0).u64(0).u32(42).string("host")));
        assertThat(lock.u8()).isEqualTo(NineP.LOCK_SUCCESS);
        RMessage getlock = ok(client.call(client.t(NineP.TGETLOCK).u32(2).u8(1).u64(5).u64(10).u32(42).string("host")));
        assertThat(getlock.u8()).isEqualTo(NineP.LOCK_TYPE_UNLCK);
        assertThat(getlock.u64()).isEqualTo(5);
        assertThat(getlock.u64()).isEqualTo(10);
        assertThat(getlock.u32()).isEqualTo(42);
        assertThat(getlock.string()).isEqualTo("host");
        assertErrno(client.call(client.t(NineP.TFSYNC).u32(77).u32(0)), Errno.EBADF);
        assertErrno(client.call(client.t(NineP.TSTATFS).u32(77)), Errno.EBADF);
    }

    @Test
    void xattrsAreAnEmptyListAndCannotBeCreated() {
        RMessage walk = ok(client.call(client.t(NineP.TXATTRWALK).u32(ROOT).u32(5).string("")));
        assertThat(walk.u64()).isZero();
        assertThat(data(client.read(5, 0, 100))).isEmpty();
        ok(client.clunk(5));
        assertErrno(client.call(client.t(NineP.TXATTRWALK).u32(ROOT).u32(5).string("security.capability")),
                Errno.ENODATA);
        assertErrno(client.call(client.t(NineP.TXATTRCREATE).u32(ROOT).string("user.x").u64(3).u32(0)),
                Errno.EOPNOTSUPP);
        assertErrno(client.call(client.t(NineP.TXATTRWALK).u32(ROOT).u32(ROOT).string("")), Errno.EBADF);
    }
}
