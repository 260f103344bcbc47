package dev.termpress.emulator.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.cpu.Csr;
import dev.termpress.emulator.virtio.VirtioEntropy;
import dev.termpress.emulator.host.SeededEntropySource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The container: what a snapshot checks before it touches a machine, on a small bare-metal machine. */
class MachineSnapshotTest {

    private static final SnapshotIdentity ID = new SnapshotIdentity("k1", "sha256:i1");
    private static final long RAM = 4L << 20;

    private static Machine fresh() {
        return new Machine(MachineConfig.deterministic((b, o, n) -> { }).withRamBytes(RAM));
    }

    /** A machine that ran a loop of addi for a while: registers, counters, RAM and the clock moved. */
    private static Machine ran() {
        Machine machine = fresh();
        machine.ram().store32(Ram.BASE, 0x0010_0093); // addi x1, x0, 1 ... then
        machine.ram().store32(Ram.BASE + 4, 0x0010_8093); // addi x1, x1, 1
        machine.ram().store32(Ram.BASE + 8, 0xffdf_f06f); // j -4
        machine.ram().store64(Ram.BASE + RAM - 8, 0x1234_5678_9abc_def0L); // data in the last page
        machine.bootBare(Ram.BASE);
        machine.cpu().setCsr(Csr.MSCRATCH, 0x5eed);
        machine.cpu().setFreg(3, 0x4009_21fb_5444_2d18L);
        machine.run(10_000);
        return machine;
    }

    @Test
    void aRestoredMachineSavesTheSameBytesAndRunsOnAlike() throws Exception {
        Machine original = ran();
        byte[] snapshot = MachineSnapshot.save(original, ID);
        Machine restored = fresh();
        MachineSnapshot.restore(restored, snapshot, ID);

        assertThat(MachineSnapshot.save(restored, ID)).isEqualTo(snapshot);
        assertThat(restored.cpu().pc()).isEqualTo(original.cpu().pc());
        assertThat(restored.cpu().reg(1)).isEqualTo(original.cpu().reg(1)).isGreaterThan(1000);
        assertThat(restored.cpu().csr(Csr.MSCRATCH)).isEqualTo(0x5eed);
        assertThat(restored.cpu().freg(3)).isEqualTo(0x4009_21fb_5444_2d18L);
        assertThat(restored.ram().load64(Ram.BASE + RAM - 8)).isEqualTo(0x1234_5678_9abc_def0L);
        original.run(5_000);
        restored.run(5_000);
        assertThat(restored.cpu().reg(1)).isEqualTo(original.cpu().reg(1));
        assertThat(restored.cpu().csr(Csr.TIME)).isEqualTo(original.cpu().csr(Csr.TIME));
        assertThat(MachineSnapshot.save(restored, ID)).isEqualTo(MachineSnapshot.save(original, ID));
    }

    @Test
    void onlyTheNonZeroPagesAreSaved() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        SnapshotHeader.Section ram = MachineSnapshot.header(snapshot).sections().get(1);
        assertThat(ram.name()).isEqualTo("ram");
        assertThat(ram.bytes()).as("two pages: the program and the last one").isEqualTo(4 + 2 * (4 + 4096));
    }

    @Test
    void theHeaderListsTheLayout() throws Exception {
        SnapshotHeader header = MachineSnapshot.header(MachineSnapshot.save(ran(), ID));
        assertThat(header.identity()).isEqualTo(ID);
        assertThat(header.ramBytes()).isEqualTo(RAM);
        assertThat(header.layout()).containsExactly("machine", "ram", "hart", "clock", "sbi", "clint", "test-finisher",
                "goldfish-rtc", "plic", "virtio-mmio@10001000", "virtio-console@10001000", "virtio-mmio@10002000",
                "virtio-entropy@10002000", "virtio-mmio@10003000", "virtio-net@10003000");
    }

    @Test
    void everyByteIsCoveredByTheChecksum() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        for (int at : new int[] {12, 40, snapshot.length / 2, snapshot.length - 5}) {
            byte[] damaged = snapshot.clone();
            damaged[at] ^= 0x10;
            assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), damaged, ID)).isInstanceOf(SnapshotException.class)
                    .hasMessageContaining("damaged or truncated");
        }
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        for (int length : new int[] {0, 5, 12, 20, snapshot.length / 3, snapshot.length - 1}) {
            byte[] cut = Arrays.copyOf(snapshot, length);
            assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), cut, ID)).isInstanceOf(SnapshotException.class);
        }
    }

    @Test
    void somethingElseIsNotASnapshot() {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6};
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), gzip, ID)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("not a termpress snapshot");
    }

    @Test
    void anotherFormatOrEmulatorVersionIsRefused() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), patched(snapshot, 8, 2), ID))
                .hasMessage("snapshot format version 2; this emulator reads 1");
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), patched(snapshot, 12, 9), ID))
                .hasMessage("snapshot made by emulator version 9; this is version 1");
    }

    @Test
    void aSectionOfANewerVersionIsRefusedByName() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        int clint = indexOf(snapshot, "clint") + "clint".length();
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), patched(snapshot, clint, 2), ID))
                .isInstanceOf(SnapshotException.class).hasMessage("section clint has version 2; this emulator reads 1");
    }

    @Test
    void anotherKernelOrImageIsRefused() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), snapshot, new SnapshotIdentity("k2", "sha256:i1")))
                .hasMessage("the snapshot was made with kernel sha256 k1, this machine runs k2");
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), snapshot, new SnapshotIdentity("k1", "sha256:i2")))
                .hasMessage("the snapshot was made with image digest sha256:i1, this machine runs sha256:i2");
    }

    @Test
    void anotherRamSizeOrDeviceLayoutIsRefused() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        Machine bigger = new Machine(MachineConfig.deterministic((b, o, n) -> { }).withRamBytes(2 * RAM));
        assertThatThrownBy(() -> MachineSnapshot.restore(bigger, snapshot, ID))
                .hasMessageContaining("had 4194304 bytes of RAM, this one has 8388608");
        Machine extraDevice = fresh();
        extraDevice.attach(new VirtioEntropy(new SeededEntropySource(1)));
        assertThatThrownBy(() -> MachineSnapshot.restore(extraDevice, snapshot, ID))
                .hasMessageContaining("device layout").hasMessageContaining("virtio-entropy@10004000");
    }

    @Test
    void aBootedMachineIsNoTarget() throws Exception {
        byte[] snapshot = MachineSnapshot.save(ran(), ID);
        Machine booted = fresh();
        booted.bootBare(Ram.BASE);
        assertThatThrownBy(() -> MachineSnapshot.restore(booted, snapshot, ID))
                .hasMessageContaining("freshly built machine");
    }

    @Test
    void leftOverBytesInASectionAreDamage() throws Exception {
        Machine machine = ran();
        byte[] snapshot = MachineSnapshot.save(machine, ID);
        // Grow the sbi section (8 bytes: the timer) by one byte and fix up its length and the checksum.
        int sbi = indexOf(snapshot, "sbi") + "sbi".length();
        int lengthAt = sbi + 4;
        byte[] grown = new byte[snapshot.length + 1];
        System.arraycopy(snapshot, 0, grown, 0, lengthAt + 4 + 8);
        System.arraycopy(snapshot, lengthAt + 4 + 8, grown, lengthAt + 4 + 9, snapshot.length - lengthAt - 12);
        writeInt(grown, lengthAt, 9);
        fixChecksum(grown);
        assertThatThrownBy(() -> MachineSnapshot.restore(fresh(), grown, ID)).isInstanceOf(SnapshotException.class)
                .hasMessage("section sbi is damaged: 1 bytes left over");
    }

    @Test
    void aDeviceWithoutAStateListCannotBeSaved() {
        Machine machine = fresh();
        machine.bus().add(new dev.termpress.emulator.bus.Device() {
            @Override
            public long base() {
                return 0x2000_0000L;
            }

            @Override
            public long size() {
                return 0x1000;
            }

            @Override
            public long read(long offset, int width) {
                return 0;
            }

            @Override
            public void write(long offset, int width, long value) {
            }

            @Override
            public void describe(dev.termpress.emulator.fdt.DeviceTree tree) {
            }
        });
        machine.bootBare(Ram.BASE);
        assertThatThrownBy(() -> MachineSnapshot.save(machine, ID)).isInstanceOf(SnapshotException.class)
                .hasMessage("device@20000000 cannot be saved in a snapshot");
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(needle + " not found");
    }

    /** {@code snapshot} with the u32 at {@code at} set to {@code value} and a valid checksum again. */
    private static byte[] patched(byte[] snapshot, int at, int value) {
        byte[] copy = snapshot.clone();
        writeInt(copy, at, value);
        fixChecksum(copy);
        return copy;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void fixChecksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        writeInt(bytes, bytes.length - 4, (int) crc.getValue());
    }
}
