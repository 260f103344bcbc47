package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.host.ConsoleOutput;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VirtioConsoleTest {

    private static final int RX = 0;
    private static final int TX = 1;

    /** Collects console output; copies, as the contract says the array is not ours to keep. */
    private static final class Screen implements ConsoleOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(byte[] data, int offset, int length) {
            bytes.write(data, offset, length);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private final Screen screen = new Screen();
    private final VirtioConsole console = new VirtioConsole(screen, 100, 30);
    private final GuestDriver driver = new GuestDriver(console);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private GuestQueue[] start() {
        return driver.start(2, 128, 1L << VirtioConsole.F_SIZE | 1L << VirtioConsole.F_EMERG_WRITE);
    }

    @Test
    void isDeviceThreeWithSizeInConfig() {
        assertThat(driver.read(0x008)).isEqualTo(Virtio.DEVICE_CONSOLE);
        assertThat(driver.deviceFeatures() & 1L << VirtioConsole.F_SIZE).isNotZero();
        assertThat(driver.mmio.read(GuestDriver.CONFIG, 2)).isEqualTo(100);
        assertThat(driver.mmio.read(GuestDriver.CONFIG + 2, 2)).isEqualTo(30);
        assertThat(driver.mmio.read(GuestDriver.CONFIG, 4)).isEqualTo(100 | 30 << 16);
    }

    @Test
    void transmittedBytesReachTheConsoleOutput() {
        GuestQueue tx = start()[TX];
        int head = tx.addChain(Buffer.in(driver.buffer(utf8("hello, ")), 7), Buffer.in(driver.buffer(utf8("hvc0\n")), 5));
        tx.notifyDevice();
        assertThat(screen.text()).isEqualTo("hello, hvc0\n");
        assertThat(tx.pollUsed()).isEqualTo(new Used(head, 0));
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void largeTransmitThroughAnIndirectTable() {
        GuestQueue tx = start()[TX];
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        // An empty segment in the middle must not disturb the byte stream.
        tx.addIndirect(Buffer.in(driver.buffer(big), 6000), Buffer.in(driver.alloc(1, 8), 0),
                Buffer.in(driver.buffer(java.util.Arrays.copyOfRange(big, 6000, 10_000)), 4000));
        tx.notifyDevice();
        assertThat(screen.bytes.toByteArray()).isEqualTo(big);
    }

    @Test
    void inputArrivingBeforeBuffersWaitsForThem() {
        GuestQueue rx = start()[RX];
        console.pushInput(utf8("ls\r"), 0, 3);
        assertThat(console.pendingInput()).isEqualTo(3);
        assertThat(driver.line.level).isFalse();

        long buffer = driver.alloc(64, 8);
        int head = rx.addChain(Buffer.out(buffer, 64));
        rx.notifyDevice();
        assertThat(rx.pollUsed()).isEqualTo(new Used(head, 3));
        assertThat(driver.bytes(buffer, 3)).isEqualTo(utf8("ls\r"));
        assertThat(console.pendingInput()).isZero();
        assertThat(driver.interruptStatus()).isEqualTo(Virtio.INTERRUPT_USED_BUFFER);
    }

    @Test
    void inputArrivingAfterBuffersIsDeliveredAtOnceWithAnInterrupt() {
        GuestQueue rx = start()[RX];
        long buffer = driver.alloc(64, 8);
        int head = rx.addChain(Buffer.out(buffer, 64));
        rx.notifyDevice();
        assertThat(rx.pollUsed()).as("the buffer is kept until input arrives").isNull();

        console.pushInput(utf8("xyz"), 1, 2);
        assertThat(rx.pollUsed()).isEqualTo(new Used(head, 2));
        assertThat(driver.bytes(buffer, 2)).isEqualTo(utf8("yz"));
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void inputLargerThanABufferSpreadsOverSeveralInOrder() {
        GuestQueue rx = start()[RX];
        console.pushInput(utf8("0123456789"), 0, 10);
        long a = driver.alloc(4, 8);
        long b = driver.alloc(4, 8);
        long c = driver.alloc(4, 8);
        rx.addChain(Buffer.out(a, 4));
        rx.addChain(Buffer.out(b, 4));
        rx.notifyDevice();
        assertThat(console.pendingInput()).isEqualTo(2);
        rx.addChain(Buffer.out(c, 4));
        rx.notifyDevice();
        assertThat(rx.pollUsed().length()).isEqualTo(4);
        assertThat(rx.pollUsed().length()).isEqualTo(4);
        assertThat(rx.pollUsed().length()).isEqualTo(2);
        assertThat(driver.bytes(a, 4)).isEqualTo(utf8("0123"));
        assertThat(driver.bytes(b, 4)).isEqualTo(utf8("4567"));
        assertThat(driver.bytes(c, 2)).isEqualTo(utf8("89"));
    }

    @Test
    void inputBeyondTheBoundIsDroppedWithOneNoticeUntilTheGuestCatchesUp() {
        GuestQueue rx = start()[RX];
        byte[] paste = new byte[VirtioConsole.MAX_PENDING_INPUT - 10];
        java.util.Arrays.fill(paste, (byte) 'p');
        assertThat(console.pushInput(paste, 0, paste.length)).isEqualTo(paste.length);

        assertThat(console.pushInput(utf8("0123456789abcdef"), 0, 16)).as("taken up to the bound").isEqualTo(10);
        assertThat(console.pushInput(utf8("more"), 0, 4)).isZero();
        assertThat(console.pendingInput()).isEqualTo(VirtioConsole.MAX_PENDING_INPUT);
        assertThat(screen.text()).as("one notice on the terminal, not in the guest's input")
                .isEqualTo(VirtioConsole.DROPPED_NOTICE + "6 bytes]\r\n");

        // The guest reads all that waits: the next overflow gets its own notice.
        long buffer = driver.alloc(VirtioConsole.MAX_PENDING_INPUT, 8);
        rx.addChain(Buffer.out(buffer, VirtioConsole.MAX_PENDING_INPUT));
        rx.notifyDevice();
        assertThat(rx.pollUsed().length()).isEqualTo(VirtioConsole.MAX_PENDING_INPUT);
        assertThat(driver.bytes(buffer + paste.length, 10)).isEqualTo(utf8("0123456789"));
        assertThat(console.pushInput(utf8("ok"), 0, 2)).isEqualTo(2);
        console.pushInput(paste, 0, paste.length);
        console.pushInput(paste, 0, 20);
        assertThat(screen.text()).endsWith(VirtioConsole.DROPPED_NOTICE + "12 bytes]\r\n");
    }

    @Test
    void inputBeforeDriverOkIsKeptForTheDriver() {
        console.pushInput(utf8("early"), 0, 5);
        driver.negotiateStandard(1L << VirtioConsole.F_SIZE);
        GuestQueue rx = driver.setUpQueue(RX, 128);
        driver.setUpQueue(TX, 128);
        long buffer = driver.alloc(16, 8);
        rx.addChain(Buffer.out(buffer, 16));
        rx.notifyDevice();
        assertThat(rx.pollUsed()).as("no used buffers before DRIVER_OK").isNull();
        driver.driverOk();
        assertThat(rx.pollUsed()).isEqualTo(new Used(0, 5));
        assertThat(driver.bytes(buffer, 5)).isEqualTo(utf8("early"));
    }

    @Test
    void resetDropsPostedBuffersButKeepsTypedAheadInput() {
        GuestQueue rx = start()[RX];
        rx.addChain(Buffer.out(driver.alloc(16, 8), 16));
        rx.notifyDevice();
        driver.write(GuestDriver.REG_STATUS, 0);
        console.pushInput(utf8("ab"), 0, 2);
        assertThat(console.pendingInput()).isEqualTo(2);
        assertThat(rx.usedIndex()).isZero();

        GuestQueue rx2 = start()[RX];
        long buffer = driver.alloc(16, 8);
        rx2.addChain(Buffer.out(buffer, 16));
        rx2.notifyDevice();
        assertThat(driver.bytes(buffer, 2)).isEqualTo(utf8("ab"));
    }

    @Test
    void resizeUpdatesConfigAndRaisesAConfigChangeInterrupt() {
        start();
        int generation = driver.read(GuestDriver.REG_CONFIG_GENERATION);
        console.resize(132, 43);
        assertThat(driver.mmio.read(GuestDriver.CONFIG, 2)).isEqualTo(132);
        assertThat(driver.mmio.read(GuestDriver.CONFIG + 2, 2)).isEqualTo(43);
        assertThat(driver.read(GuestDriver.REG_CONFIG_GENERATION)).isNotEqualTo(generation);
        assertThat(driver.interruptStatus()).isEqualTo(Virtio.INTERRUPT_CONFIG_CHANGE);
        assertThat(driver.line.level).isTrue();
        assertThat(console.cols()).isEqualTo(132);
        assertThat(console.rows()).isEqualTo(43);
    }

    @Test
    void emergencyWriteNeedsTheFeature() {
        driver.start(2, 128, 0);
        driver.mmio.write(GuestDriver.CONFIG + 8, 4, 'x');
        assertThat(screen.text()).isEmpty();
        start();
        driver.mmio.write(GuestDriver.CONFIG + 8, 4, '!');
        assertThat(screen.text()).isEqualTo("!");
    }

    @Test
    void repostedReceiveBuffersDoNotAccumulateWithoutBound() {
        GuestQueue rx = start()[RX];
        long buffer = driver.alloc(8, 8);
        rx.addChain(Buffer.out(buffer, 8));
        // A misbehaving driver publishes the same head again and again.
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 100; i++) {
                rx.publish(0);
            }
            rx.notifyDevice();
        }
        assertThat(rx.usedIndex()).as("the surplus went back to the driver").isGreaterThan(1000);
        console.pushInput(utf8("q"), 0, 1);
        assertThat(driver.needsReset()).isFalse();
    }
}
