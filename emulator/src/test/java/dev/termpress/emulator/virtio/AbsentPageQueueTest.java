package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.virtio.GuestQueue.Buffer;
import dev.termpress.emulator.virtio.GuestQueue.Used;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A request whose descriptors or buffers lie on a RAM page that has not arrived (a boot snapshot's cold
 * part) stays in its ring, untouched, and is taken once the page is here.
 */
class AbsentPageQueueTest {

    private final HoldingDevice device = new HoldingDevice();
    private final GuestDriver driver = new GuestDriver(device);
    private final GuestQueue queue = driver.start(1, 16, 0)[0];

    AbsentPageQueueTest() {
        driver.ram.setArrivalListener(driver.mmio::pagesArrived);
    }

    private static int pageOf(long address) {
        return (int) ((address - Ram.BASE) >>> Ram.PAGE_SHIFT);
    }

    @Test
    void aRequestWithABufferOnAnAbsentPageWaitsInItsRingThenIsTakenOnArrival() {
        long readable = driver.alloc(4096, 4096);
        driver.ram.write(readable, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        long reply = driver.alloc(16, 8);
        driver.ram.markAbsent(pageOf(readable));
        int head = queue.addChain(Buffer.in(readable, 5), Buffer.out(reply, 16));

        queue.notifyDevice();

        assertThat(device.requests).as("left in the ring").isEmpty();
        assertThat(queue.pollUsed()).isNull();
        assertThat(driver.needsReset()).as("no driver error either").isFalse();

        driver.ram.arrived(pageOf(readable));

        assertThat(device.requests).hasSize(1);
        VirtioRequest request = device.requests.get(0);
        assertThat(request.head()).isEqualTo(head);
        assertThat(new String(request.readAll(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        request.complete();
        assertThat(queue.pollUsed()).isEqualTo(new Used(head, 0));
    }

    @Test
    void anIndirectTableOnAnAbsentPageWaitsAndKeepsTheOrderOfTheRing() {
        long first = driver.buffer("one".getBytes(StandardCharsets.US_ASCII));
        int page = pageOf(driver.alloc(4096, 4096));
        driver.ram.markAbsent(page + 1); // where the indirect table is going to be
        long filler = driver.alloc(1, 4096);
        assertThat(pageOf(filler)).isEqualTo(page + 1);
        int blocked = queue.addIndirect(Buffer.in(first, 3));
        int after = queue.addChain(Buffer.in(driver.buffer("two".getBytes(StandardCharsets.US_ASCII)), 3));

        queue.notifyDevice();
        assertThat(device.requests).as("the second waits behind the first, as a ring is taken in order").isEmpty();

        driver.ram.arrived(page + 1);

        assertThat(device.requests).extracting(VirtioRequest::head).containsExactly(blocked, after);
    }
}
