package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.host.SecureEntropySource;
import dev.termpress.emulator.host.SeededEntropySource;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import org.junit.jupiter.api.Test;

class VirtioEntropyTest {

    private static byte[] expected(long seed, int length) {
        byte[] bytes = new byte[length];
        new SeededEntropySource(seed).fill(bytes, 0, length);
        return bytes;
    }

    @Test
    void fillsEveryWritableByteFromTheSource() {
        GuestDriver driver = new GuestDriver(new VirtioEntropy(new SeededEntropySource(99)));
        assertThat(driver.read(0x008)).isEqualTo(Virtio.DEVICE_ENTROPY);
        GuestQueue queue = driver.start(1, 128, 0)[0];
        long a = driver.alloc(10_000, 8);
        long b = driver.alloc(3, 8);
        int head = queue.addIndirect(Buffer.out(a, 10_000), Buffer.out(b, 3));
        queue.notifyDevice();

        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 10_003));
        byte[] all = expected(99, 10_003);
        assertThat(driver.bytes(a, 10_000)).isEqualTo(java.util.Arrays.copyOf(all, 10_000));
        assertThat(driver.bytes(b, 3)).isEqualTo(java.util.Arrays.copyOfRange(all, 10_000, 10_003));
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void eachRequestGetsFreshBytes() {
        GuestDriver driver = new GuestDriver(new VirtioEntropy(new SeededEntropySource(1)));
        GuestQueue queue = driver.start(1, 128, 0)[0];
        long a = driver.alloc(16, 8);
        long b = driver.alloc(16, 8);
        queue.addChain(Buffer.out(a, 16));
        queue.addChain(Buffer.out(b, 16));
        queue.notifyDevice();
        assertThat(driver.bytes(a, 16)).isNotEqualTo(driver.bytes(b, 16));
        assertThat(queue.usedIndex()).isEqualTo(2);
    }

    @Test
    void readOnlyBufferGetsNothing() {
        GuestDriver driver = new GuestDriver(new VirtioEntropy(new SeededEntropySource(1)));
        GuestQueue queue = driver.start(1, 128, 0)[0];
        long a = driver.alloc(16, 8);
        int head = queue.addChain(Buffer.in(a, 16));
        queue.notifyDevice();
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 0));
        assertThat(driver.bytes(a, 16)).isEqualTo(new byte[16]);
    }

    @Test
    void seededSourceIsReproducibleSeedDependentAndSplitIndependent() {
        assertThat(expected(5, 37)).isEqualTo(expected(5, 37));
        assertThat(expected(5, 37)).isNotEqualTo(expected(6, 37));
        byte[] split = new byte[37];
        SeededEntropySource source = new SeededEntropySource(5);
        source.fill(split, 0, 3);
        source.fill(split, 3, 11);
        source.fill(split, 14, 23);
        assertThat(split).isEqualTo(expected(5, 37));
    }

    @Test
    void secureSourceFillsOnlyTheRange() {
        byte[] bytes = new byte[80];
        new SecureEntropySource().fill(bytes, 8, 64);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).isEqualTo(new byte[8]);
        assertThat(java.util.Arrays.copyOfRange(bytes, 72, 80)).isEqualTo(new byte[8]);
        assertThat(java.util.Arrays.copyOfRange(bytes, 8, 72)).isNotEqualTo(new byte[64]);
    }
}
