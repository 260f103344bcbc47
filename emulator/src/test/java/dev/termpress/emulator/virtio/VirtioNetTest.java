package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.net.Addresses;
import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.NetworkBackend;
import dev.termpress.emulator.net.StreamListener;
import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import org.junit.jupiter.api.Test;

class VirtioNetTest {

    private static final int FRAME_BUFFER = VirtioNet.HEADER + 1514;

    /** A backend that is never asked anything in these tests (ARP needs no host). */
    private static final NetworkBackend NO_HOST = new NetworkBackend() {
        @Override
        public HostStream connect(byte[] address, int port, StreamListener listener) {
            throw new AssertionError("no connect expected");
        }

        @Override
        public void resolve(String name, NameListener listener) {
            throw new AssertionError("no lookup expected");
        }

        @Override
        public int poll() {
            return 0;
        }

        @Override
        public boolean await(long nanos) {
            return false;
        }

        @Override
        public void onEvent(Runnable wakeUp) {
        }

        @Override
        public void close() {
        }
    };

    /** The guest's ARP request for the gateway, behind a zero virtio_net_hdr. */
    private static byte[] arpRequestWithHeader() {
        byte[] f = new byte[VirtioNet.HEADER + 42];
        int e = VirtioNet.HEADER;
        for (int i = 0; i < 6; i++) {
            f[e + i] = (byte) 0xff;
        }
        System.arraycopy(Addresses.GUEST_MAC, 0, f, e + 6, 6);
        f[e + 12] = 0x08;
        f[e + 13] = 0x06;
        byte[] arp = {0, 1, 0x08, 0, 6, 4, 0, 1};
        System.arraycopy(arp, 0, f, e + 14, arp.length);
        System.arraycopy(Addresses.GUEST_MAC, 0, f, e + 22, 6);
        byte[] guest = {10, 0, 2, 15};
        byte[] gateway = {10, 0, 2, 2};
        System.arraycopy(guest, 0, f, e + 28, 4);
        System.arraycopy(gateway, 0, f, e + 38, 4);
        return f;
    }

    @Test
    void identifiesItselfWithTheGuestsMac() {
        GuestDriver driver = new GuestDriver(new VirtioNet());

        assertThat(driver.read(0x008)).isEqualTo(Virtio.DEVICE_NET);
        assertThat(driver.deviceFeatures() & 1L << VirtioNet.F_MAC).isNotZero();
        for (int i = 0; i < 6; i++) {
            assertThat((byte) driver.mmio.read(GuestDriver.CONFIG + i, 1)).isEqualTo(Addresses.GUEST_MAC[i]);
        }
    }

    @Test
    void aReplyWaitsForAReceiveBufferAndComesBehindAHeader() {
        VirtioNet net = new VirtioNet();
        net.connect(new UserNetwork(NO_HOST));
        GuestDriver driver = new GuestDriver(net);
        GuestQueue[] queues = driver.start(2, 64, 1L << VirtioNet.F_MAC);
        byte[] request = arpRequestWithHeader();
        int sent = queues[1].addChain(Buffer.in(driver.buffer(request), request.length));
        queues[1].notifyDevice();
        assertThat(queues[1].pollUsed()).isEqualTo(new Used(sent, 0));
        assertThat(queues[0].pollUsed()).isNull();

        long rx = driver.alloc(FRAME_BUFFER, 8);
        int posted = queues[0].addChain(Buffer.out(rx, FRAME_BUFFER));
        queues[0].notifyDevice();

        assertThat(queues[0].pollUsed()).isEqualTo(new Used(posted, VirtioNet.HEADER + 42));
        byte[] got = driver.bytes(rx, VirtioNet.HEADER + 42);
        assertThat(got[10]).as("num_buffers").isEqualTo((byte) 1);
        assertThat(java.util.Arrays.copyOfRange(got, VirtioNet.HEADER, VirtioNet.HEADER + 6))
                .isEqualTo(Addresses.GUEST_MAC);
        assertThat(got[VirtioNet.HEADER + 21]).as("ARP reply").isEqualTo((byte) 2);
    }

    @Test
    void withoutANetworkFramesAreDropped() {
        VirtioNet net = new VirtioNet();
        GuestDriver driver = new GuestDriver(net);
        GuestQueue[] queues = driver.start(2, 64, 0);
        byte[] request = arpRequestWithHeader();
        int sent = queues[1].addChain(Buffer.in(driver.buffer(request), request.length));
        queues[1].notifyDevice();

        assertThat(queues[1].pollUsed()).isEqualTo(new Used(sent, 0));
        assertThat(net.droppedFrames()).isEqualTo(1);
    }
}
