package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;
import static dev.termpress.emulator.p9.NineClient.assertErrno;
import static dev.termpress.emulator.p9.NineClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.DeferredLayerSource;
import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Layers;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Session-level messages: version, attach, auth, walk, clunk, flush, and malformed input. */
class NinePSessionTest {

    private final ImageFileSystem fs = TestImage.fs();
    private final NineClient client = new NineClient(new NinePServer(fs));

    @Test
    void versionNegotiatesMsizeUpTo512KiB() {
        RMessage big = client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(4 << 20).string("9P2000.L"));
        assertThat(big.type).isEqualTo(NineP.TVERSION + 1);
        assertThat(big.tag).isEqualTo(NineP.NOTAG);
        assertThat(big.u32()).isEqualTo(512 * 1024);
        assertThat(big.string()).isEqualTo("9P2000.L");
        RMessage small = client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(65536).string("9P2000.L"));
        assertThat(small.u32()).isEqualTo(65536);
        assertThat(client.server.msize()).isEqualTo(65536);
    }

    @Test
    void versionRefusesOtherDialectsAndTinyMsize() {
        RMessage other = client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(8192).string("9P2000.u"));
        other.u32();
        assertThat(other.string()).isEqualTo("unknown");
        assertErrno(client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(100).string("9P2000.L")), Errno.EINVAL);
    }

    @Test
    void versionStartsAFreshSession() {
        client.connect(65536);
        assertThat(client.server.fidCount()).isEqualTo(1);
        client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(65536).string("9P2000.L"));
        assertThat(client.server.fidCount()).isZero();
        assertErrno(client.getattr(ROOT), Errno.EBADF);
    }

    @Test
    void attachGivesTheRootQid() {
        client.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(65536).string("9P2000.L"));
        RMessage attach = ok(client.call(client.t(NineP.TATTACH).u32(5).u32(NineP.NOFID).string("u").string("").u32(0)));
        RMessage.Qid qid = attach.qid();
        assertThat(qid.type()).isEqualTo(NineP.QTDIR);
        assertThat(qid.path()).isEqualTo(fs.root().id());
        assertThat(qid.version()).isZero();
        assertErrno(client.call(client.t(NineP.TATTACH).u32(5).u32(NineP.NOFID).string("u").string("").u32(0)),
                Errno.EBADF);
        assertErrno(client.call(client.t(NineP.TATTACH).u32(6).u32(9).string("u").string("").u32(0)), Errno.EBADF);
        assertErrno(client.call(client.t(NineP.TAUTH).u32(7).string("u").string("").u32(0)), Errno.ENOENT);
    }

    @Test
    void walkAnswersOneQidPerName() {
        client.connect(65536);
        RMessage walk = ok(client.walk(ROOT, 2, "etc", "passwd"));
        assertThat(walk.u16()).isEqualTo(2);
        assertThat(walk.qid().type()).isEqualTo(NineP.QTDIR);
        RMessage.Qid passwd = walk.qid();
        assertThat(passwd.type()).isEqualTo(NineP.QTFILE);
        // The same file walked again has the same qid; a hard link shares it.
        RMessage again = ok(client.walk(ROOT, 3, "etc", "passwd"));
        again.u16();
        again.qid();
        assertThat(again.qid()).isEqualTo(passwd);
        RMessage busybox = ok(client.walk(ROOT, 4, "bin", "busybox"));
        RMessage sh = ok(client.walk(ROOT, 5, "bin", "sh"));
        busybox.u16();
        busybox.qid();
        sh.u16();
        sh.qid();
        assertThat(sh.qid()).isEqualTo(busybox.qid());
        RMessage lib = ok(client.walk(ROOT, 6, "lib"));
        lib.u16();
        assertThat(lib.qid().type()).isEqualTo(NineP.QTSYMLINK);
    }

    @Test
    void walkWithNoNamesClonesTheFid() {
        client.connect(65536);
        RMessage clone = ok(client.walk(ROOT, 2));
        assertThat(clone.u16()).isZero();
        assertThat(client.server.fidCount()).isEqualTo(2);
        ok(client.getattr(2));
    }

    @Test
    void partialWalkAnswersWhatItGotAndLeavesNewfidAlone() {
        client.connect(65536);
        RMessage partial = ok(client.walk(ROOT, 2, "etc", "missing", "deeper"));
        assertThat(partial.u16()).isEqualTo(1);
        assertErrno(client.getattr(2), Errno.EBADF);
        RMessage throughFile = ok(client.walk(ROOT, 2, "etc", "passwd", "x"));
        assertThat(throughFile.u16()).isEqualTo(2);
        assertErrno(client.walk(ROOT, 2, "missing"), Errno.ENOENT);
        ok(client.walk(ROOT, 3, "etc", "passwd"));
        assertErrno(client.walk(3, 4, "x"), Errno.ENOTDIR);
    }

    @Test
    void walkRejectsBadNamesTooManyNamesAndBusyFids() {
        client.connect(65536);
        assertErrno(client.walk(ROOT, 2, "etc/passwd"), Errno.EINVAL);
        assertErrno(client.walk(ROOT, 2, ""), Errno.EINVAL);
        assertErrno(client.walk(ROOT, 2, "a\0b"), Errno.EINVAL);
        String[] seventeen = new String[17];
        Arrays.fill(seventeen, "..");
        assertErrno(client.walk(ROOT, 2, seventeen), Errno.EINVAL);
        ok(client.walk(ROOT, 2));
        assertErrno(client.walk(ROOT, 2, "etc"), Errno.EBADF);
        assertErrno(client.walk(99, 3, "etc"), Errno.EBADF);
        assertErrno(client.walk(ROOT, NineP.NOFID, "etc"), Errno.EBADF);
    }

    @Test
    void dotIsTheDirectoryItself() {
        client.connect(65536);
        RMessage walk = ok(client.walk(ROOT, 2, "etc", ".", "passwd"));
        assertThat(walk.u16()).isEqualTo(3);
        RMessage.Qid etc = walk.qid();
        assertThat(walk.qid()).isEqualTo(etc);
        assertErrno(client.walk(2, 3, "."), Errno.ENOTDIR);
    }

    @Test
    void dotDotNeverLeavesTheRoot() {
        client.connect(65536);
        RMessage up = ok(client.walk(ROOT, 2, "..", "..", "etc", "..", "..", "etc", "passwd"));
        assertThat(up.u16()).isEqualTo(7);
        RMessage.Qid root = up.qid();
        assertThat(up.qid()).isEqualTo(root);
        ok(client.lopen(2, NineP.O_RDONLY));
        assertThat(new String(NineClient.data(client.read(2, 0, 100)))).isEqualTo(TestImage.PASSWD);
    }

    @Test
    void zeroStepWalkOntoItselfKeepsTheOpenFid() {
        client.connect(65536);
        ok(client.walk(ROOT, 2, "etc", "passwd"));
        ok(client.lopen(2, NineP.O_RDONLY));
        assertThat(ok(client.walk(2, 2)).u16()).isZero();
        assertThat(new String(NineClient.data(client.read(2, 0, 4)))).isEqualTo("root");
    }

    @Test
    void walkOntoItselfMovesTheFid() {
        client.connect(65536);
        ok(client.walk(ROOT, 2));
        ok(client.walk(2, 2, "etc"));
        RMessage attr = ok(client.getattr(2));
        attr.u64();
        assertThat(attr.qid().type()).isEqualTo(NineP.QTDIR);
        assertThat(client.server.fidCount()).isEqualTo(2);
    }

    @Test
    void theFidTableIsBounded() {
        NineClient small = new NineClient(new NinePServer(fs, 3, NinePServer.MAX_LISTING_ENTRIES)).connect(65536);
        ok(small.walk(ROOT, 2));
        ok(small.walk(ROOT, 3, "etc"));
        assertErrno(small.walk(ROOT, 4, "bin"), Errno.ENFILE);
        assertErrno(small.call(small.t(NineP.TXATTRWALK).u32(ROOT).u32(5).string("")), Errno.ENFILE);
        ok(small.walk(3, 3, "passwd"));
        ok(small.clunk(2));
        ok(small.walk(ROOT, 4, "bin"));
    }

    @Test
    void listingsInProgressAreBoundedOverAllFids() {
        // The root lists 8 entries (with . and ..): room for two listings of it, not three.
        NinePServer server = new NinePServer(fs, NinePServer.MAX_FIDS, 20);
        NineClient small = new NineClient(server).connect(65536);
        for (int fid = 2; fid <= 4; fid++) {
            ok(small.walk(ROOT, fid));
            ok(small.lopen(fid, NineP.O_RDONLY));
        }
        ok(small.readdir(2, 0, 8192));
        ok(small.readdir(3, 0, 8192));
        ok(small.readdir(3, 0, 8192)); // a rewind replaces the fid's listing rather than adding one
        assertThat(server.listingEntries()).isEqualTo(16);
        assertErrno(small.readdir(4, 0, 8192), Errno.ENFILE);
        ok(small.clunk(2));
        assertThat(server.listingEntries()).isEqualTo(8);
        ok(small.readdir(4, 0, 8192));
        ok(small.call(new TMessage(NineP.TVERSION, NineP.NOTAG).u32(65536).string("9P2000.L"))); // a new session drops them all
        assertThat(server.listingEntries()).isZero();
    }

    @Test
    void clunkForgetsAFidOnce() {
        client.connect(65536);
        ok(client.walk(ROOT, 2, "etc"));
        ok(client.clunk(2));
        assertErrno(client.clunk(2), Errno.EBADF);
        assertErrno(client.getattr(2), Errno.EBADF);
    }

    @Test
    void flushOfAnIdleTagAnswersAtOnce() {
        client.connect(65536);
        RMessage flush = ok(client.call(client.t(NineP.TFLUSH).u16(1234)));
        assertThat(flush.type).isEqualTo(NineP.TFLUSH + 1);
    }

    @Test
    void flushOfAPendingReadAnswersAfterTheReadsReply() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(TestImage.LAYER));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(TestImage.LAYER), source, () -> 0L);
        NineClient deferred = new NineClient(new NinePServer(fs)).connect(65536);
        ok(deferred.walk(ROOT, 2, "etc", "passwd"));
        ok(deferred.lopen(2, NineP.O_RDONLY));
        int before = deferred.replies.size();
        deferred.send(new TMessage(NineP.TREAD, 77).u32(2).u64(0).u32(4096).bytes());
        deferred.send(new TMessage(NineP.TFLUSH, 78).u16(77).bytes());
        assertThat(deferred.replies).hasSize(before);
        assertThat(deferred.server.pendingCount()).isEqualTo(2);
        source.completeAll();
        assertThat(deferred.replies).hasSize(before + 2);
        RMessage read = deferred.replies.get(before);
        assertThat(read.tag).isEqualTo(77);
        assertThat(new String(NineClient.data(read))).isEqualTo(TestImage.PASSWD);
        RMessage flush = deferred.replies.get(before + 1);
        assertThat(flush.tag).isEqualTo(78);
        assertThat(flush.type).isEqualTo(NineP.TFLUSH + 1);
        assertThat(deferred.server.pendingCount()).isZero();
    }

    @Test
    void unknownAndLegacyMessagesAreEopnotsupp() {
        client.connect(65536);
        assertErrno(client.call(client.t(112).u32(ROOT).u8(0)), Errno.EOPNOTSUPP); // Topen
        assertErrno(client.call(client.t(124).u32(ROOT)), Errno.EOPNOTSUPP); // Tstat
        assertErrno(client.call(client.t(NineP.RLERROR).u32(5)), Errno.EOPNOTSUPP);
        assertErrno(client.call(client.t(255)), Errno.EOPNOTSUPP);
    }

    @Test
    void malformedMessagesAreEproto() {
        client.connect(65536);
        assertErrno(client.call(new byte[] {1, 2, 3}), Errno.EPROTO);
        byte[] lies = client.t(NineP.TCLUNK).u32(ROOT).bytes();
        lies[0] = 100; // size says more than arrived
        assertErrno(client.call(lies), Errno.EPROTO);
        byte[] tooSmall = client.t(NineP.TCLUNK).u32(ROOT).bytes();
        tooSmall[0] = 3;
        assertErrno(client.call(tooSmall), Errno.EPROTO);
        assertErrno(client.call(client.t(NineP.TWALK).u32(ROOT).u32(2).u16(2).string("etc")), Errno.EPROTO);
        assertErrno(client.call(client.t(NineP.TWALK).u32(ROOT).u32(2).u16(1).u16(500).raw(new byte[3])),
                Errno.EPROTO);
        assertErrno(client.call(client.t(NineP.TGETATTR).u32(ROOT)), Errno.EPROTO);
        ok(client.walk(ROOT, 2, "etc"));
        assertErrno(client.call(client.t(NineP.TWRITE).u32(2).u64(0).u32(1000).raw(new byte[10])), Errno.EPROTO);
        assertErrno(client.call(client.t(NineP.TWRITE).u32(2).u64(0).u32(-1)), Errno.EPROTO);
        // The session survives all of it.
        ok(client.getattr(2));
    }

    @Test
    void repliesThatDoNotFitTheClientsBufferAreErange() {
        client.connect(65536);
        client.capacity = 20;
        assertErrno(client.getattr(ROOT), Errno.ERANGE);
        client.capacity = 5;
        int before = client.replies.size();
        client.send(client.t(NineP.TGETATTR).u32(ROOT).u64(NineP.STATS_BASIC).bytes());
        assertThat(client.replies).hasSize(before + 1);
        assertThat(client.replies.get(before)).as("nothing fits, not even Rlerror").isNull();
    }

    @Test
    void randomBytesAlwaysGetExactlyOneReplyAndNeverAHostException() {
        client.connect(65536);
        ok(client.walk(ROOT, 2, "etc"));
        Random random = new Random(1234);
        int[] types = {NineP.TVERSION, NineP.TATTACH, NineP.TWALK, NineP.TLOPEN, NineP.TLCREATE, NineP.TREAD,
            NineP.TWRITE, NineP.TREADDIR, NineP.TGETATTR, NineP.TSETATTR, NineP.TMKDIR, NineP.TSYMLINK,
            NineP.TMKNOD, NineP.TLINK, NineP.TRENAME, NineP.TRENAMEAT, NineP.TUNLINKAT, NineP.TREADLINK,
            NineP.TSTATFS, NineP.TFSYNC, NineP.TLOCK, NineP.TGETLOCK, NineP.TXATTRWALK, NineP.TXATTRCREATE,
            NineP.TCLUNK, NineP.TREMOVE, NineP.TFLUSH};
        for (int round = 0; round < 50_000; round++) {
            byte[] message = new byte[random.nextInt(64)];
            random.nextBytes(message);
            if (message.length >= 7 && round % 4 != 0) {
                // Mostly well-framed, so the field decoders see the junk rather than the framing check.
                message[0] = (byte) message.length;
                message[1] = 0;
                message[2] = 0;
                message[3] = 0;
                message[4] = (byte) types[random.nextInt(types.length)];
                if (message.length >= 11 && round % 3 == 0) {
                    message[7] = (byte) random.nextInt(4); // a fid that may exist
                    message[8] = 0;
                    message[9] = 0;
                    message[10] = 0;
                }
            }
            int before = client.replies.size();
            client.send(message);
            assertThat(client.replies).hasSize(before + 1);
            RMessage reply = client.replies.get(before);
            // EIO would mean a host exception was caught: the layers here never fail.
            assertThat(reply == null ? 0 : reply.errno()).as("round %d", round).isNotEqualTo(Errno.EIO);
            if (client.replies.size() > 1000) {
                client.replies.clear();
            }
            if (client.server.fidCount() == 0 || round % 1000 == 0) {
                client.connect(65536);
                client.walk(ROOT, 2, "etc");
            }
        }
    }
}
