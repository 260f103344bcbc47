package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;
import static dev.termpress.emulator.p9.NineClient.data;
import static dev.termpress.emulator.p9.NineClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The 9P session across a snapshot: msize, fids open or not, a listing in progress, a deleted open file. */
class NinePStateTest {

    private static final int PASSWD = 2;
    private static final int CREATED = 3;
    private static final int LISTING = 4;
    private static final int WALKED = 5;
    private static final int DELETED = 6;

    private static byte[] save(NinePServer server) {
        StateWriter out = new StateWriter();
        NinePState.save(server, out);
        return out.toByteArray();
    }

    private static NinePServer restored(byte[] state) throws SnapshotException {
        NinePServer server = new NinePServer(TestImage.fs());
        StateReader in = new StateReader(state, 0, state.length, "section virtio-9p");
        NinePState.restore(server, in);
        assertThat(in.remaining()).isZero();
        return server;
    }

    /** A reply without its header (tags differ between the two clients). */
    private static byte[] body(RMessage reply) {
        return java.util.Arrays.copyOfRange(reply.bytes, NineP.HEADER_SIZE, reply.size);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void fidsKeepWhatTheyReferToAndHowTheyAreOpen() throws Exception {
        NineClient before = new NineClient(new NinePServer(TestImage.fs())).connect(64 * 1024);
        ok(before.walk(ROOT, PASSWD, "etc", "passwd"));
        ok(before.lopen(PASSWD, NineP.O_RDONLY));
        ok(before.walk(ROOT, CREATED));
        ok(before.lcreate(CREATED, "notes", NineP.O_RDWR, 0644));
        ok(before.write(CREATED, 0, "written before".getBytes(StandardCharsets.UTF_8)));
        ok(before.walk(ROOT, LISTING));
        ok(before.lopen(LISTING, NineP.O_RDONLY));
        ok(before.readdir(LISTING, 0, 64)); // a listing taken and partly read
        ok(before.walk(ROOT, WALKED, "home", "user"));
        ok(before.walk(ROOT, DELETED));
        ok(before.lcreate(DELETED, "gone", NineP.O_RDWR, 0600));
        ok(before.write(DELETED, 0, "unlinked but open".getBytes(StandardCharsets.UTF_8)));
        ok(before.unlinkat(ROOT, "gone", 0));
        byte[] state = save(before.server);

        NinePServer server = restored(state);
        assertThat(save(server)).as("saves the same again").isEqualTo(state);
        assertThat(server.msize()).isEqualTo(64 * 1024);
        assertThat(server.fidCount()).isEqualTo(before.server.fidCount());
        NineClient after = new NineClient(server); // no Tversion: that would end the session
        assertThat(text(data(after.read(PASSWD, 0, 4096)))).isEqualTo(TestImage.PASSWD);
        assertThat(text(data(after.read(CREATED, 0, 4096)))).isEqualTo("written before");
        assertThat(text(data(after.read(DELETED, 0, 4096)))).isEqualTo("unlinked but open");
        assertThat(body(after.readdir(LISTING, 3, 4096))).as("the listing continues where it was")
                .isEqualTo(body(before.readdir(LISTING, 3, 4096)));
        NineClient.assertErrno(after.write(PASSWD, 0, new byte[] {1}), Errno.EBADF);
        ok(after.walk(WALKED, 7, ".."));
        ok(before.walk(ROOT, 7, "home"));
        assertThat(body(after.getattr(7))).as("a walked fid still stands for /home/user").isEqualTo(body(before.getattr(7)));
        ok(after.walk(ROOT, 8, "notes"));
        assertThat(text(data(after.read(CREATED, 0, 4096)))).isEqualTo("written before");
    }

    @Test
    void aFidNamingAnInodeNobodyHasIsDamage() throws Exception {
        NineClient before = new NineClient(new NinePServer(TestImage.fs())).connect(8192);
        ok(before.walk(ROOT, PASSWD, "etc", "passwd"));
        byte[] state = save(before.server);
        // The fid table follows the (empty) filesystem changes: 28 bytes, then msize, count, fid number, inode id.
        int inodeId = 28 + 4 + 4 + 4;
        state[inodeId] = 120;
        assertThatThrownBy(() -> restored(state)).isInstanceOf(SnapshotException.class).hasMessageContaining("inode 120");
    }
}
