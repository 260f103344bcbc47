package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtqueueTest {

    private final HoldingDevice device = new HoldingDevice();
    private final GuestDriver driver = new GuestDriver(device);
    private final GuestQueue queue = driver.start(1, 128, 0)[0];

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void requestGathersReadableAndScattersWritableSegments() {
        long a = driver.buffer(ascii("hello "));
        long b = driver.buffer(ascii("world"));
        long out1 = driver.alloc(3, 8);
        long out2 = driver.alloc(10, 8);
        int head = queue.addChain(Buffer.in(a, 6), Buffer.in(b, 5), Buffer.out(out1, 3), Buffer.out(out2, 10));
        queue.notifyDevice();

        VirtioRequest request = device.requests.get(0);
        assertThat(request.head()).isEqualTo(head);
        assertThat(request.readableLength()).isEqualTo(11);
        assertThat(request.writableLength()).isEqualTo(13);
        assertThat(new String(request.readAll(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        byte[] middle = new byte[4];
        assertThat(request.read(4, middle, 0, 4)).isEqualTo(4);
        assertThat(new String(middle, StandardCharsets.US_ASCII)).isEqualTo("o wo");

        assertThat(request.write(0, ascii("abcdefg"), 0, 7)).isEqualTo(7);
        assertThat(request.write(10, ascii("XYZW"), 0, 4)).as("only 3 bytes fit").isEqualTo(3);
        request.complete();

        assertThat(driver.bytes(out1, 3)).isEqualTo(ascii("abc"));
        assertThat(driver.bytes(out2, 10)).isEqualTo(ascii("defg\0\0\0XYZ"));
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 13));
        assertThat(driver.interruptStatus()).isEqualTo(Virtio.INTERRUPT_USED_BUFFER);
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void chainAcrossManyDescriptors() {
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            buffers.add(Buffer.in(driver.buffer(new byte[] {(byte) i}), 1));
        }
        for (int i = 0; i < 20; i++) {
            buffers.add(Buffer.out(driver.alloc(2, 8), 2));
        }
        queue.addChain(buffers.toArray(Buffer[]::new));
        queue.notifyDevice();

        VirtioRequest request = device.requests.get(0);
        byte[] data = request.readAll();
        assertThat(data).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(data[i]).isEqualTo((byte) i);
        }
        assertThat(request.writableLength()).isEqualTo(40);
    }

    @Test
    void indirectTableWithMoreEntriesThanTheQueue() {
        List<Buffer> buffers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            buffers.add(Buffer.in(driver.buffer(new byte[] {(byte) i, (byte) (i >> 8)}), 2));
        }
        long reply = driver.alloc(4096, 8);
        buffers.add(Buffer.out(reply, 4096));
        int head = queue.addIndirect(buffers.toArray(Buffer[]::new));
        queue.notifyDevice();

        VirtioRequest request = device.requests.get(0);
        assertThat(request.readableLength()).isEqualTo(400);
        assertThat(request.readAll()[398]).isEqualTo((byte) 199);
        assertThat(request.writableLength()).isEqualTo(4096);
        request.write(0, ascii("ok"), 0, 2);
        request.complete();
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 2));
        assertThat(driver.bytes(reply, 2)).isEqualTo(ascii("ok"));
    }

    @Test
    void delayedCompletionsMayReturnOutOfOrder() {
        int first = queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        int second = queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        assertThat(device.requests).hasSize(2);
        assertThat(queue.pollUsed()).as("nothing completes until the device says so").isNull();
        assertThat(driver.line.level).isFalse();

        device.requests.get(1).complete(5);
        assertThat(queue.pollUsed()).isEqualTo(new Used(second, 5));
        driver.ack(Virtio.INTERRUPT_USED_BUFFER);
        assertThat(driver.line.level).isFalse();

        // Later, as when a lazily fetched layer arrives: the interrupt comes from outside any notify.
        VirtioRequest late = device.requests.get(0);
        assertThat(late.isLive()).isTrue();
        late.complete(8);
        assertThat(late.isLive()).isFalse();
        assertThat(queue.pollUsed()).isEqualTo(new Used(first, 8));
        assertThat(driver.line.level).isTrue();
    }

    @Test
    void secondCompletionIsIgnored() {
        queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        VirtioRequest request = device.requests.get(0);
        request.complete(1);
        request.complete(2);
        assertThat(queue.usedIndex()).isEqualTo(1);
    }

    @Test
    void completionLengthIsClampedToTheWritableLength() {
        queue.addChain(Buffer.in(driver.alloc(8, 8), 8), Buffer.out(driver.alloc(4, 8), 4));
        queue.notifyDevice();
        device.requests.get(0).complete(1000);
        assertThat(queue.pollUsed().length()).isEqualTo(4);
    }

    @Test
    void completionAfterResetIsDropped() {
        queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        VirtioRequest stale = new ArrayList<>(device.requests).get(0);
        driver.start(1, 128, 0);
        stale.complete(8);
        assertThat(driver.line.level).isFalse();
        assertThat(driver.interruptStatus()).isZero();
    }

    @Test
    void noInterruptFlagSuppressesTheUsedBufferNotification() {
        queue.setAvailFlags(Virtio.AVAIL_F_NO_INTERRUPT);
        queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        device.requests.get(0).complete(3);
        assertThat(queue.pollUsed()).isNotNull();
        assertThat(driver.interruptStatus()).isZero();
        assertThat(driver.line.level).isFalse();
    }

    @Test
    void ringIndicesWrapAround16Bits() {
        HoldingDevice small = new HoldingDevice(1, 4);
        GuestDriver smallDriver = new GuestDriver(small);
        GuestQueue q = smallDriver.start(1, 4, 0)[0];
        long buffer = smallDriver.alloc(8, 8);
        for (int i = 0; i < 70_000; i++) {
            int head = q.addChain(Buffer.out(buffer, 8));
            q.notifyDevice();
            small.requests.remove(0).complete(i & 7);
            assertThat(q.pollUsed()).isEqualTo(new Used(head, i & 7));
        }
        assertThat(smallDriver.needsReset()).isFalse();
    }

    // --- driver mistakes: the device needs a reset, the host never throws ---

    private void assertDriverError(String reasonPart) {
        queue.notifyDevice();
        assertThat(driver.needsReset()).isTrue();
        assertThat(driver.mmio.lastError()).contains(reasonPart);
        assertThat(device.requests).isEmpty();
        assertThat(driver.interruptStatus() & Virtio.INTERRUPT_CONFIG_CHANGE).isNotZero();
        queue.notifyDevice();
        assertThat(device.requests).as("a broken device stays quiet until reset").isEmpty();

        // After a reset, the same transport works again.
        GuestQueue fresh = driver.start(1, 128, 0)[0];
        fresh.addChain(Buffer.out(driver.alloc(8, 8), 8));
        fresh.notifyDevice();
        assertThat(device.requests).hasSize(1);
        device.requests.get(0).complete(8);
        assertThat(fresh.pollUsed()).isNotNull();
    }

    @Test
    void loopInTheChain() {
        long buffer = driver.alloc(8, 8);
        queue.writeDescriptor(queue.desc, 0, buffer, 8, Virtio.DESC_F_NEXT, 1);
        queue.writeDescriptor(queue.desc, 1, buffer, 8, Virtio.DESC_F_NEXT, 0);
        queue.publish(0);
        assertDriverError("loop");
    }

    @Test
    void descriptorPointingToItself() {
        queue.writeDescriptor(queue.desc, 3, driver.alloc(8, 8), 8, Virtio.DESC_F_NEXT, 3);
        queue.publish(3);
        assertDriverError("loop");
    }

    @Test
    void loopInsideAnIndirectTable() {
        long table = driver.alloc(32, 16);
        long buffer = driver.alloc(8, 8);
        queue.writeDescriptor(table, 0, buffer, 8, Virtio.DESC_F_NEXT, 1);
        queue.writeDescriptor(table, 1, buffer, 8, Virtio.DESC_F_NEXT, 0);
        queue.writeDescriptor(queue.desc, 0, table, 32, Virtio.DESC_F_INDIRECT, 0);
        queue.publish(0);
        assertDriverError("loop");
    }

    @Test
    void nextIndexOutsideTheTable() {
        queue.writeDescriptor(queue.desc, 0, driver.alloc(8, 8), 8, Virtio.DESC_F_NEXT, 500);
        queue.publish(0);
        assertDriverError("outside a table of 128");
    }

    @Test
    void headIndexOutsideTheTable() {
        queue.publish(9999);
        assertDriverError("descriptor index 9999");
    }

    @Test
    void bufferOutsideRam() {
        queue.addChain(Buffer.in(0x1000, 16));
        assertDriverError("outside RAM");
    }

    @Test
    void bufferRunningPastTheEndOfRam() {
        queue.addChain(Buffer.out(Ram.BASE + GuestDriver.RAM_SIZE - 8, 16));
        assertDriverError("outside RAM");
    }

    @Test
    void bufferAddressThatWouldOverflow() {
        queue.writeDescriptor(queue.desc, 0, 0xffff_ffff_ffff_fff0L, -1, 0, 0);
        queue.publish(0);
        assertDriverError("outside RAM");
    }

    @Test
    void indirectTableOutsideRam() {
        queue.writeDescriptor(queue.desc, 0, 0x4000_0000L, 64, Virtio.DESC_F_INDIRECT, 0);
        queue.publish(0);
        assertDriverError("indirect table");
    }

    @Test
    void indirectTableOfBadLength() {
        queue.writeDescriptor(queue.desc, 0, driver.alloc(64, 16), 20, Virtio.DESC_F_INDIRECT, 0);
        queue.publish(0);
        assertDriverError("multiple of 16");
    }

    @Test
    void indirectDescriptorWithNext() {
        queue.writeDescriptor(queue.desc, 0, driver.alloc(64, 16), 64, Virtio.DESC_F_INDIRECT | Virtio.DESC_F_NEXT, 1);
        queue.publish(0);
        assertDriverError("NEXT");
    }

    @Test
    void nestedIndirectTable() {
        long inner = driver.alloc(16, 16);
        queue.writeDescriptor(inner, 0, driver.alloc(8, 8), 8, 0, 0);
        long outer = driver.alloc(16, 16);
        queue.writeDescriptor(outer, 0, inner, 16, Virtio.DESC_F_INDIRECT, 0);
        queue.writeDescriptor(queue.desc, 0, outer, 16, Virtio.DESC_F_INDIRECT, 0);
        queue.publish(0);
        assertDriverError("inside an indirect table");
    }

    @Test
    void indirectDescriptorWithoutTheFeature() {
        HoldingDevice plain = new HoldingDevice();
        GuestDriver plainDriver = new GuestDriver(plain);
        plainDriver.negotiate(1L << Virtio.F_VERSION_1);
        GuestQueue q = plainDriver.setUpQueue(0, 128);
        plainDriver.driverOk();
        q.addIndirect(Buffer.out(plainDriver.alloc(8, 8), 8));
        q.notifyDevice();
        assertThat(plainDriver.needsReset()).isTrue();
        assertThat(plain.requests).isEmpty();
    }

    @Test
    void readableAfterWritable() {
        queue.addChain(Buffer.out(driver.alloc(8, 8), 8), Buffer.in(driver.alloc(8, 8), 8));
        assertDriverError("readable buffer after a writable one");
    }

    @Test
    void availableIndexTooFarAhead() {
        driver.ram.store16(queue.avail + 2, 1000);
        assertDriverError("more than the queue size");
    }

    @Test
    void requestsTakenBeforeTheErrorBecomeStale() {
        queue.addChain(Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        VirtioRequest earlier = device.requests.get(0);
        queue.addChain(Buffer.in(0x10, 8));
        queue.notifyDevice();
        assertThat(driver.needsReset()).isTrue();
        assertThat(earlier.isLive()).isFalse();
        earlier.complete(8);
        assertThat(queue.pollUsed()).isNull();
    }

    @Test
    void hostileDescriptorsNeverThrow() {
        // Fill the table and ring with pseudo-random words and notify over and over.
        java.util.Random random = new java.util.Random(7);
        int handled = 0;
        int refused = 0;
        for (int round = 0; round < 500; round++) {
            driver.negotiateStandard(0);
            driver.ram.store16(queue.avail + 2, 0);
            GuestQueue q = driver.installQueue(0, 128, queue.desc, queue.avail, queue.used);
            driver.driverOk();
            for (int i = 0; i < 128; i++) {
                // Mostly plausible fields, sometimes garbage: that reaches deep into the chain walker.
                long address = random.nextInt(8) == 0 ? random.nextLong()
                        : Ram.BASE + random.nextInt((int) GuestDriver.RAM_SIZE);
                int length = random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(64);
                int flags = random.nextInt(3) == 0 ? random.nextInt(8) : 0;
                q.writeDescriptor(q.desc, i, address, length, flags, random.nextInt(160));
            }
            for (int i = 0; i < 8; i++) {
                q.publish(random.nextInt(160));
            }
            q.notifyDevice();
            handled += device.requests.size();
            refused += driver.needsReset() ? 1 : 0;
            for (VirtioRequest request : new ArrayList<>(device.requests)) {
                request.write(0, new byte[64], 0, 64);
                request.readAll();
                request.complete();
            }
        }
        // Both paths were exercised: some chains were valid, and drivers were caught out.
        assertThat(handled).isPositive();
        assertThat(refused).isPositive();
    }
}
