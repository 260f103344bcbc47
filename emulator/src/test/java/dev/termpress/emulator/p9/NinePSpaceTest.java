package dev.termpress.emulator.p9;

import static dev.termpress.emulator.p9.NineClient.ROOT;
import static dev.termpress.emulator.p9.NineClient.assertErrno;
import static dev.termpress.emulator.p9.NineClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Layers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writable layer's limit as the guest sees it: Rlerror ENOSPC, Rstatfs, and the space coming back. */
class NinePSpaceTest {

    private static final long LIMIT = 1L << 20;
    private static final int BLOCK = 4096;

    private final ImageFileSystem fs;
    private final NineClient client;

    NinePSpaceTest() throws Exception {
        fs = ImageFileSystem.create(Layers.indexes(TestImage.LAYER), new ByteArrayLayerSource(List.of(TestImage.LAYER)),
                () -> 0L, LIMIT);
        client = new NineClient(new NinePServer(fs)).connect(NinePServer.MAX_MSIZE);
    }

    /** Rstatfs as {blocks, bfree, bavail}, in 4 KiB blocks. */
    private long[] statfs() {
        RMessage r = ok(client.call(client.t(NineP.TSTATFS).u32(ROOT)));
        assertThat(r.u32()).isEqualTo(NineP.V9FS_MAGIC);
        assertThat(r.u32()).isEqualTo(BLOCK);
        return new long[] {r.u64(), r.u64(), r.u64()};
    }

    /** Writes {@code total} bytes in 128 KiB messages as the kernel's writeback does; the first error or 0. */
    private int fill(int fid, long total) {
        byte[] block = new byte[128 * 1024];
        java.util.Arrays.fill(block, (byte) 'x');
        for (long offset = 0; offset < total; offset += block.length) {
            RMessage reply = client.write(fid, offset, block);
            if (reply.isError()) {
                return reply.errno();
            }
            assertThat(reply.u32()).isEqualTo(block.length);
        }
        return 0;
    }

    @Test
    void statfsReportsTheLimitAndTheUse() {
        long[] empty = statfs();
        assertThat(empty[0]).isEqualTo(LIMIT / BLOCK);
        assertThat(empty[1]).isEqualTo(empty[2]).isEqualTo((LIMIT - fs.upperBytes()) / BLOCK);
        ok(client.walk(ROOT, 2));
        ok(client.lcreate(2, "half", NineP.O_WRONLY, 0644));
        assertThat(fill(2, LIMIT / 2)).isZero();
        long[] half = statfs();
        assertThat(half[0]).isEqualTo(LIMIT / BLOCK);
        assertThat(half[1]).isBetween(empty[1] - LIMIT / 2 / BLOCK - 2, empty[1] - LIMIT / 2 / BLOCK);
    }

    @Test
    void writingPastTheLimitIsEnospcAndDeletingGivesTheSpaceBack() {
        ok(client.walk(ROOT, 3));
        ok(client.lcreate(3, "more", NineP.O_WRONLY, 0644));
        ok(client.walk(ROOT, 2));
        ok(client.lcreate(2, "fill", NineP.O_WRONLY, 0644));
        assertThat(fill(2, 2 * LIMIT)).isEqualTo(Errno.ENOSPC);
        assertThat(statfs()[1]).as("free blocks when full").isLessThan(128 * 1024 / BLOCK + 1);
        assertErrno(client.write(3, 0, new byte[200 * 1024]), Errno.ENOSPC);

        // Unlinked while fid 2 is open: the space stays taken until the fid is clunked.
        ok(client.unlinkat(ROOT, "fill", 0));
        assertErrno(client.write(3, 0, new byte[200 * 1024]), Errno.ENOSPC);
        ok(client.clunk(2));
        assertThat(statfs()[1]).isGreaterThan((LIMIT - 64 * 1024) / BLOCK);
        assertThat(fill(3, LIMIT / 2)).isZero();
    }

    @Test
    void copyUpOfALowerFileLargerThanTheRoomIsEnospc() throws Exception {
        ImageFileSystem small = ImageFileSystem.create(Layers.indexes(TestImage.LAYER),
                new ByteArrayLayerSource(List.of(TestImage.LAYER)), () -> 0L, 200 * 1024);
        NineClient c = new NineClient(new NinePServer(small)).connect(NinePServer.MAX_MSIZE);
        ok(c.walk(ROOT, 2, "big")); // 300 KiB in the layer
        ok(c.lopen(2, NineP.O_RDWR));
        assertErrno(c.write(2, 0, new byte[1]), Errno.ENOSPC);
        ok(c.walk(ROOT, 3, "big"));
        ok(c.lopen(3, NineP.O_RDWR | NineP.O_TRUNC)); // truncating to 0 copies nothing
        ok(c.write(3, 0, new byte[1]));
    }
}
