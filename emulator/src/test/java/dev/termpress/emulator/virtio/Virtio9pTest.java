package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.DeferredLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.Layers;
import dev.termpress.emulator.fs.TarBuilder;
import dev.termpress.emulator.p9.Virtio9p;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 9p device end to end: a guest driver's descriptor chains through the MMIO transport to the server. */
class Virtio9pTest {

    // 9P2000.L message types used here (Linux include/net/9p/9p.h).
    private static final int TVERSION = 100;
    private static final int TATTACH = 104;
    private static final int TWALK = 110;
    private static final int TLOPEN = 12;
    private static final int TREAD = 116;
    private static final int NOFID = -1;

    private static final byte[] DATA = pattern(200_000);
    private static final byte[] LAYER = new TarBuilder().dir("etc", 0755).file("etc/hostname", "termpress\n")
            .file("data.bin", DATA, 0644).build();

    private GuestDriver driver;
    private GuestQueue queue;
    private int tag = 1;

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i ^ i >>> 7);
        }
        return b;
    }

    /** A T-message: size, type, tag, then the little-endian fields (Integer u32, Long u64, Short u16, String s). */
    private byte[] message(int type, Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object field : fields) {
            if (field instanceof Integer i) {
                le(out, i, 4);
            } else if (field instanceof Long l) {
                le(out, l, 8);
            } else if (field instanceof Short s) {
                le(out, s, 2);
            } else {
                byte[] utf8 = ((String) field).getBytes(StandardCharsets.UTF_8);
                le(out, utf8.length, 2);
                out.write(utf8, 0, utf8.length);
            }
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        le(whole, 7 + out.size(), 4);
        whole.write(type);
        le(whole, type == TVERSION ? 0xffff : tag++, 2);
        whole.write(out.toByteArray(), 0, out.size());
        return whole.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> 8 * i));
        }
    }

    private void start(ImageFileSystem fs) {
        driver = new GuestDriver(new Virtio9p(fs));
        queue = driver.start(1, 128, 1L << Virtio9p.F_MOUNT_TAG)[0];
    }

    /** Sends one message with a single reply buffer of {@code room} bytes; returns the reply (which must come at once). */
    private byte[] roundTrip(byte[] message, int room) {
        long reply = driver.alloc(room, 8);
        int head = queue.addChain(Buffer.in(driver.buffer(message), message.length), Buffer.out(reply, room));
        queue.notifyDevice();
        Used used = queue.pollUsed();
        assertThat(used).isNotNull();
        assertThat(used.id()).isEqualTo(head);
        return driver.bytes(reply, used.length());
    }

    private static int u32(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** Posts a Tread of the file mountAndOpen opened (fid 2), its reply into {@code reply}; returns the chain's head. */
    private int postRead(long reply) {
        byte[] read = message(TREAD, 2, 0L, 4096 - 11);
        int head = queue.addChain(Buffer.in(driver.buffer(read), read.length), Buffer.out(reply, 4096));
        queue.notifyDevice();
        return head;
    }

    private void mountAndOpen(String... path) {
        byte[] version = roundTrip(message(TVERSION, 131072, "9P2000.L"), 64);
        assertThat(version[4]).isEqualTo((byte) (TVERSION + 1));
        assertThat(u32(version, 7)).isEqualTo(131072);
        assertThat(roundTrip(message(TATTACH, 1, NOFID, "root", "", 0), 64)[4]).isEqualTo((byte) (TATTACH + 1));
        Object[] walk = new Object[3 + path.length];
        walk[0] = 1;
        walk[1] = 2;
        walk[2] = (short) path.length;
        System.arraycopy(path, 0, walk, 3, path.length);
        assertThat(roundTrip(message(TWALK, walk), 256)[4]).isEqualTo((byte) (TWALK + 1));
        assertThat(roundTrip(message(TLOPEN, 2, 0), 64)[4]).isEqualTo((byte) (TLOPEN + 1));
    }

    @Test
    void isDeviceNineWithTheMountTagInConfig() throws Exception {
        driver = new GuestDriver(new Virtio9p(Layers.fs(LAYER)));
        assertThat(driver.read(0x008)).isEqualTo(Virtio.DEVICE_9P);
        assertThat(driver.deviceFeatures() & 1L << Virtio9p.F_MOUNT_TAG).isNotZero();
        assertThat(driver.mmio.read(GuestDriver.CONFIG, 2)).isEqualTo(9);
        byte[] tagBytes = new byte[9];
        for (int i = 0; i < 9; i++) {
            tagBytes[i] = (byte) driver.mmio.read(GuestDriver.CONFIG + 2 + i, 1);
        }
        assertThat(new String(tagBytes, StandardCharsets.UTF_8)).isEqualTo("termpress");
        GuestDriver custom = new GuestDriver(new Virtio9p(Layers.fs(LAYER), "img"));
        assertThat(custom.mmio.read(GuestDriver.CONFIG, 4)).isEqualTo(3 | 'i' << 16 | 'm' << 24);
    }

    @Test
    void readScattersTheReplyOverTheDriversSegmentsLikeLinuxZeroCopy() throws Exception {
        start(Layers.fs(LAYER));
        mountAndOpen("data.bin");
        // Linux's zero-copy read: an 11-byte header buffer, then the user's pages, through an indirect table.
        long header = driver.alloc(11, 8);
        long page1 = driver.alloc(4096, 4096);
        long rest = driver.alloc(100_000, 4096);
        byte[] read = message(TREAD, 2, 1000L, 104_096);
        int head = queue.addIndirect(Buffer.in(driver.buffer(read), read.length), Buffer.out(header, 11),
                Buffer.out(page1, 4096), Buffer.out(rest, 100_000));
        queue.notifyDevice();
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 11 + 104_096));
        byte[] h = driver.bytes(header, 11);
        assertThat(h[4]).isEqualTo((byte) (TREAD + 1));
        assertThat(u32(h, 7)).isEqualTo(104_096);
        byte[] got = new byte[104_096];
        System.arraycopy(driver.bytes(page1, 4096), 0, got, 0, 4096);
        System.arraycopy(driver.bytes(rest, 100_000), 0, got, 4096, 100_000);
        assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(DATA, 1000, 105_096));
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void aReadOfBytesNotYetDownloadedCompletesLaterWithAnInterrupt() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(LAYER));
        start(ImageFileSystem.create(Layers.indexes(LAYER), source, () -> 0L));
        mountAndOpen("etc", "hostname");
        driver.ack(driver.interruptStatus());
        assertThat(driver.line.level).isFalse();
        long reply = driver.alloc(4096, 8);
        int head = postRead(reply);
        assertThat(queue.pollUsed()).as("pending: the guest keeps running").isNull();
        assertThat(driver.line.level).isFalse();

        source.completeAll();
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 11 + 10));
        assertThat(new String(driver.bytes(reply + 11, 10), StandardCharsets.UTF_8)).isEqualTo("termpress\n");
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void aDriverRepostingAWaitingRequestCannotGrowTheUnansweredList() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(LAYER));
        start(ImageFileSystem.create(Layers.indexes(LAYER), source, () -> 0L));
        mountAndOpen("etc", "hostname");
        long reply = driver.alloc(4096, 8);
        int head = postRead(reply);
        int reposts = 1000;
        for (int i = 0; i < reposts; i++) {
            queue.publish(head); // the same chain again while it waits: a broken or hostile driver
            queue.notifyDevice();
        }
        int refused = 0;
        Used used;
        while ((used = queue.pollUsed()) != null) {
            assertThat(used).isEqualTo(new Used(head, 0));
            refused++;
        }
        assertThat(refused).as("all but a ring's worth refused at once").isGreaterThanOrEqualTo(reposts + 1 - VirtioDevice.DEFAULT_QUEUE_SIZE);
    }

    @Test
    void aReadWaitingForBytesAtTheSnapshotIsAnsweredAfterTheRestore() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(LAYER));
        start(ImageFileSystem.create(Layers.indexes(LAYER), source, () -> 0L));
        mountAndOpen("etc", "hostname");
        long reply = driver.alloc(4096, 8);
        int head = postRead(reply);
        assertThat(queue.pollUsed()).as("pending at the snapshot").isNull();
        dev.termpress.emulator.snapshot.StateWriter transport = new dev.termpress.emulator.snapshot.StateWriter();
        driver.mmio.saveState(transport);
        dev.termpress.emulator.snapshot.StateWriter device = new dev.termpress.emulator.snapshot.StateWriter();
        driver.mmio.deviceState().saveState(device);

        // The resumed machine's layers answer at once: the replayed read completes during the restore.
        GuestDriver resumed = new GuestDriver(new Virtio9p(Layers.fs(LAYER)));
        System.arraycopy(driver.ram.words(), 0, resumed.ram.words(), 0, driver.ram.words().length);
        byte[] t = transport.toByteArray();
        byte[] d = device.toByteArray();
        resumed.mmio.restoreState(new dev.termpress.emulator.snapshot.StateReader(t, 0, t.length, "transport"), 1);
        resumed.mmio.deviceState().restoreState(new dev.termpress.emulator.snapshot.StateReader(d, 0, d.length, "9p"), 1);
        GuestQueue resumedQueue = new GuestQueue(resumed, 0, queue.size, queue.desc, queue.avail, queue.used);
        for (int i = 0; i < 4; i++) {
            resumedQueue.pollUsed(); // the replies of version, attach, walk and open, already in RAM
        }
        assertThat(resumedQueue.pollUsed()).isEqualTo(new Used(head, 11 + 10));
        assertThat(new String(resumed.bytes(reply + 11, 10), StandardCharsets.UTF_8)).isEqualTo("termpress\n");
        assertThat(resumed.line.level).isTrue();
    }

    @Test
    void aReplyArrivingAfterAResetIsDropped() throws Exception {
        DeferredLayerSource source = new DeferredLayerSource(List.of(LAYER));
        start(ImageFileSystem.create(Layers.indexes(LAYER), source, () -> 0L));
        mountAndOpen("etc", "hostname");
        long reply = driver.alloc(4096, 8);
        byte[] read = message(TREAD, 2, 0L, 100);
        queue.addChain(Buffer.in(driver.buffer(read), read.length), Buffer.out(reply, 4096));
        queue.notifyDevice();
        int usedBefore = queue.usedIndex();
        driver.write(GuestDriver.REG_STATUS, 0);
        source.completeAll();
        assertThat(queue.usedIndex()).isEqualTo(usedBefore);
        assertThat(driver.needsReset()).isFalse();
    }

    @Test
    void garbageFromTheDriverGetsAnErrorReply() throws Exception {
        start(Layers.fs(LAYER));
        byte[] reply = roundTrip(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 1, 0}, 64);
        assertThat(reply).hasSize(11);
        assertThat(reply[4]).as("Rlerror").isEqualTo((byte) 7);
        assertThat(u32(reply, 7)).as("EPROTO").isEqualTo(71);
    }
}
