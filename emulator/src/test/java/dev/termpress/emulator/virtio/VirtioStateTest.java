package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A virtio-mmio transport and its console across a snapshot, with the guest's RAM copied over. */
class VirtioStateTest {

    private static final int RX = 0;

    private final StringBuilder screen = new StringBuilder();
    private final VirtioConsole console = new VirtioConsole((d, o, n) -> screen.append(new String(d, o, n)), 100, 30);
    private final GuestDriver driver = new GuestDriver(console);

    private static byte[] save(Snapshottable part) throws SnapshotException {
        StateWriter out = new StateWriter();
        part.saveState(out);
        return out.toByteArray();
    }

    private static void restore(Snapshottable part, byte[] state) throws SnapshotException {
        StateReader in = new StateReader(state, 0, state.length, part.stateName());
        part.restoreState(in, part.stateVersion());
        assertThat(in.remaining()).isZero();
    }

    /** A fresh console and transport holding what {@link #driver} had: RAM, transport, then device. */
    private GuestDriver resumed(VirtioConsole fresh) throws SnapshotException {
        byte[] transport = save(driver.mmio);
        byte[] device = save(driver.mmio.deviceState());
        GuestDriver copy = new GuestDriver(fresh);
        System.arraycopy(driver.ram.words(), 0, copy.ram.words(), 0, driver.ram.words().length);
        restore(copy.mmio, transport);
        restore(copy.mmio.deviceState(), device);
        assertThat(save(copy.mmio)).isEqualTo(transport);
        assertThat(save(copy.mmio.deviceState())).isEqualTo(device);
        return copy;
    }

    @Test
    void heldReceiveBuffersAndTheWindowSizeSurvive() throws Exception {
        GuestQueue rx = driver.start(2, 128, 1L << VirtioConsole.F_SIZE)[RX];
        long first = driver.alloc(16, 8);
        long second = driver.alloc(16, 8);
        int firstHead = rx.addChain(Buffer.out(first, 16));
        int secondHead = rx.addChain(Buffer.out(second, 16));
        rx.notifyDevice();
        console.resize(132, 43);
        int generation = driver.read(GuestDriver.REG_CONFIG_GENERATION);

        VirtioConsole fresh = new VirtioConsole((d, o, n) -> { });
        GuestDriver copy = resumed(fresh);
        assertThat(copy.mmio.read(GuestDriver.CONFIG, 4)).isEqualTo(132 | 43 << 16);
        assertThat(copy.read(GuestDriver.REG_CONFIG_GENERATION)).isEqualTo(generation);
        assertThat(copy.read(GuestDriver.REG_STATUS)).isEqualTo(driver.read(GuestDriver.REG_STATUS));
        assertThat(copy.interruptStatus()).isEqualTo(driver.interruptStatus());

        GuestQueue copiedRx = new GuestQueue(copy, RX, rx.size, rx.desc, rx.avail, rx.used);
        byte[] typed = "0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII);
        fresh.pushInput(typed, 0, typed.length);
        assertThat(copiedRx.pollUsed()).isEqualTo(new Used(firstHead, 16));
        assertThat(copiedRx.pollUsed()).isEqualTo(new Used(secondHead, 3));
        assertThat(new String(copy.bytes(second, 3), StandardCharsets.US_ASCII)).isEqualTo("XYZ");
    }

    @Test
    void inputTypedBeforeTheDriverIsUpIsKept() throws Exception {
        byte[] typed = "early".getBytes(StandardCharsets.US_ASCII);
        console.pushInput(typed, 0, typed.length);
        VirtioConsole fresh = new VirtioConsole((d, o, n) -> { });
        resumed(fresh);
        assertThat(fresh.pendingInput()).isEqualTo(5);
    }

    @Test
    void aHeldBufferWhoseDescriptorsWereOverwrittenIsDamage() throws Exception {
        GuestQueue rx = driver.start(2, 128, 1L << VirtioConsole.F_SIZE)[RX];
        rx.addChain(Buffer.out(driver.alloc(16, 8), 16));
        rx.notifyDevice();
        rx.writeDescriptor(rx.desc, 0, 0x10, 16, Virtio.DESC_F_WRITE, 0); // now points outside RAM
        assertThatThrownBy(() -> resumed(new VirtioConsole((d, o, n) -> { }))).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("queue 0, held request 0");
    }

    @Test
    void anotherDeviceInTheSlotIsRefused() throws Exception {
        driver.start(2, 128, 0);
        byte[] transport = save(driver.mmio);
        GuestDriver entropy = new GuestDriver(new VirtioEntropy((b, o, n) -> { }));
        assertThatThrownBy(() -> restore(entropy.mmio, transport)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("held virtio device 3 with 2 queues; this machine has device 4 with 1");
    }
}
