package dev.termpress.emulator.virtio;

import static dev.termpress.emulator.virtio.GuestDriver.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.fdt.DeviceTree;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VirtioMmioTest {

    private final HoldingDevice device = new HoldingDevice();
    private final GuestDriver driver = new GuestDriver(device);

    @Test
    void identifiesAsVersion2WithTheDeviceId() {
        assertThat(driver.read(0x000)).isEqualTo(0x74726976);
        assertThat(driver.read(0x004)).isEqualTo(2);
        assertThat(driver.read(0x008)).isEqualTo(HoldingDevice.DEVICE_ID);
        assertThat(driver.read(0x00c)).isNotZero();
        assertThat(driver.mmio.base()).isEqualTo(0x1000_1000L);
        assertThat(driver.mmio.irq()).isEqualTo(1);
        assertThat(VirtioMmio.slotBase(7)).isEqualTo(0x1000_8000L);
        assertThat(VirtioMmio.slotIrq(7)).isEqualTo(8);
    }

    @Test
    void offersVersion1IndirectDescriptorsAndDeviceFeatures() {
        long features = driver.deviceFeatures();
        assertThat(features).isEqualTo(1L << Virtio.F_VERSION_1 | 1L << Virtio.F_INDIRECT_DESC | 1L << 5);
        write(REG_DEVICE_FEATURES_SEL, 2);
        assertThat(driver.read(REG_DEVICE_FEATURES)).isZero();
    }

    @Test
    void acceptsASubsetWithVersion1() {
        int status = driver.negotiate(1L << Virtio.F_VERSION_1 | 1L << 5);
        assertThat(status & Virtio.STATUS_FEATURES_OK).isNotZero();
        assertThat(driver.mmio.negotiated(5)).isTrue();
        assertThat(driver.mmio.negotiated(Virtio.F_INDIRECT_DESC)).isFalse();
    }

    @Test
    void refusesFeaturesWithoutVersion1() {
        int status = driver.negotiate(1L << Virtio.F_INDIRECT_DESC);
        assertThat(status & Virtio.STATUS_FEATURES_OK).isZero();
        assertThat(driver.mmio.negotiated(Virtio.F_INDIRECT_DESC)).isFalse();
    }

    @Test
    void refusesFeaturesNotOffered() {
        int status = driver.negotiate(1L << Virtio.F_VERSION_1 | 1L << Virtio.F_EVENT_IDX);
        assertThat(status & Virtio.STATUS_FEATURES_OK).isZero();
    }

    @Test
    void featuresAreFrozenAfterFeaturesOk() {
        driver.negotiateStandard(0);
        write(REG_DRIVER_FEATURES_SEL, 0);
        write(REG_DRIVER_FEATURES, 0);
        assertThat(driver.mmio.negotiated(Virtio.F_INDIRECT_DESC)).isTrue();
    }

    @Test
    void queueRegistersReadBackAndQueuesAreAtLeast128() {
        driver.negotiateStandard(0);
        write(REG_QUEUE_SEL, 0);
        assertThat(driver.read(REG_QUEUE_NUM_MAX)).isGreaterThanOrEqualTo(128);
        GuestQueue queue = driver.setUpQueue(0, 128);
        assertThat(driver.read(REG_QUEUE_READY)).isEqualTo(1);
        assertThat(driver.read(REG_QUEUE_DESC_LOW) & 0xffff_ffffL).isEqualTo(queue.desc);
        assertThat(driver.read(REG_QUEUE_DRIVER_LOW) & 0xffff_ffffL).isEqualTo(queue.avail);
        assertThat(driver.read(REG_QUEUE_DEVICE_LOW) & 0xffff_ffffL).isEqualTo(queue.used);
        assertThat(driver.read(REG_QUEUE_DESC_LOW + 4)).isZero();

        // A queue that does not exist has no maximum size, which tells the driver it is absent.
        write(REG_QUEUE_SEL, 1);
        assertThat(driver.read(REG_QUEUE_NUM_MAX)).isZero();
        write(REG_QUEUE_READY, 1);
        assertThat(driver.read(REG_QUEUE_READY)).isZero();
    }

    @Test
    void queueLayoutIsFrozenWhileReady() {
        driver.negotiateStandard(0);
        GuestQueue queue = driver.setUpQueue(0, 128);
        write(REG_QUEUE_DESC_LOW, 0x1234);
        assertThat(driver.read(REG_QUEUE_DESC_LOW) & 0xffff_ffffL).isEqualTo(queue.desc);
    }

    @Test
    void writingStatusZeroResetsEverything() {
        GuestQueue[] queues = driver.start(1, 128, 0);
        queues[0].addChain(GuestQueue.Buffer.out(driver.alloc(8, 8), 8));
        queues[0].notifyDevice();
        assertThat(device.requests).hasSize(1);
        VirtioRequest request = device.requests.get(0);
        int resetsBefore = device.resets;

        write(REG_STATUS, 0);
        assertThat(driver.read(REG_STATUS)).isZero();
        assertThat(driver.read(REG_QUEUE_READY)).isZero();
        assertThat(device.resets).isEqualTo(resetsBefore + 1);
        assertThat(driver.mmio.negotiated(Virtio.F_VERSION_1)).isFalse();
        assertThat(request.isLive()).isFalse();
    }

    @Test
    void notificationsBeforeDriverOkWaitForIt() {
        driver.negotiateStandard(0);
        GuestQueue queue = driver.setUpQueue(0, 128);
        queue.addChain(GuestQueue.Buffer.out(driver.alloc(8, 8), 8));
        queue.notifyDevice();
        assertThat(device.requests).isEmpty();
        driver.driverOk();
        assertThat(device.requests).hasSize(1);
    }

    @Test
    void configChangeBumpsGenerationAndInterrupts() {
        driver.start(1, 128, 0);
        int generation = driver.read(REG_CONFIG_GENERATION);
        device.transport.configChanged();
        assertThat(driver.read(REG_CONFIG_GENERATION)).isEqualTo(generation + 1);
        assertThat(driver.interruptStatus()).isEqualTo(Virtio.INTERRUPT_CONFIG_CHANGE);
        assertThat(driver.line.level).isTrue();
        assertThat(driver.line.irq).isEqualTo(1);
        driver.ack(Virtio.INTERRUPT_CONFIG_CHANGE);
        assertThat(driver.interruptStatus()).isZero();
        assertThat(driver.line.level).isFalse();
    }

    @Test
    void configChangeBeforeDriverOkDoesNotInterrupt() {
        device.transport.configChanged();
        assertThat(driver.read(REG_CONFIG_GENERATION)).isEqualTo(1);
        assertThat(driver.line.level).isFalse();
    }

    @Test
    void configSpaceIsAtOffset0x100InAnyWidth() {
        device.config.put(0, 4, 0x4433_2211L);
        assertThat(driver.mmio.read(CONFIG, 1)).isEqualTo(0x11);
        assertThat(driver.mmio.read(CONFIG + 1, 2)).isEqualTo(0x3322);
        assertThat(driver.mmio.read(CONFIG, 4)).isEqualTo(0x4433_2211L);
        driver.mmio.write(CONFIG + 4, 2, 0xbeef);
        assertThat(device.config.read(4, 2)).isEqualTo(0xbeef);
        assertThat(driver.mmio.read(CONFIG + 0x200, 4)).as("past the config space").isZero();
    }

    @Test
    void noSharedMemoryRegions() {
        assertThat(driver.read(0x0b0)).isEqualTo(-1);
        assertThat(driver.read(0x0b4)).isEqualTo(-1);
    }

    @Test
    void queueOutsideRamNeedsResetInsteadOfThrowing() {
        driver.negotiateStandard(0);
        write(REG_QUEUE_SEL, 0);
        write(REG_QUEUE_NUM, 128);
        write(REG_QUEUE_DESC_LOW, 0x1000); // below RAM
        write(REG_QUEUE_DRIVER_LOW, Ram.BASE);
        write(REG_QUEUE_DEVICE_LOW, Ram.BASE + 0x1000);
        write(REG_QUEUE_READY, 1);
        assertThat(driver.read(REG_QUEUE_READY)).isZero();
        assertThat(driver.needsReset()).isTrue();
        assertThat(driver.mmio.lastError()).contains("descriptor table");

        write(REG_STATUS, 0);
        assertThat(driver.needsReset()).isFalse();
    }

    @Test
    void queueSizeMustBeAPowerOfTwoWithinTheMaximum() {
        driver.negotiateStandard(0);
        write(REG_QUEUE_SEL, 0);
        write(REG_QUEUE_NUM, 100);
        write(REG_QUEUE_DESC_LOW, Ram.BASE);
        write(REG_QUEUE_DRIVER_LOW, Ram.BASE + 0x4000);
        write(REG_QUEUE_DEVICE_LOW, Ram.BASE + 0x5000);
        write(REG_QUEUE_READY, 1);
        assertThat(driver.needsReset()).isTrue();
        assertThat(driver.mmio.lastError()).contains("power of 2");
    }

    @Test
    void negativeQueueSizeIsRefused() {
        driver.negotiateStandard(0);
        write(REG_QUEUE_SEL, 0);
        write(REG_QUEUE_NUM, 0x8000_0000L);
        write(REG_QUEUE_DESC_LOW, Ram.BASE);
        write(REG_QUEUE_DRIVER_LOW, Ram.BASE + 0x4000);
        write(REG_QUEUE_DEVICE_LOW, Ram.BASE + 0x5000);
        write(REG_QUEUE_READY, 1);
        assertThat(driver.read(REG_QUEUE_READY)).isZero();
        assertThat(driver.mmio.lastError()).contains("power of 2");
    }

    @Test
    void strayAccessesAreHarmless() {
        driver.start(1, 128, 0);
        write(REG_QUEUE_NOTIFY, 7);
        write(REG_QUEUE_NOTIFY, -1);
        write(REG_QUEUE_SEL, -5);
        write(REG_QUEUE_NUM, 4);
        write(REG_QUEUE_READY, 1);
        driver.mmio.write(REG_STATUS, 1, 0); // narrow writes to registers are not decoded
        assertThat(driver.read(REG_STATUS) & Virtio.STATUS_DRIVER_OK).isNotZero();
        assertThat(driver.mmio.read(0x0f0, 4)).isZero();
        assertThat(driver.mmio.read(0x000, 8)).isEqualTo(0x74726976L | 2L << 32);
        assertThat(driver.mmio.read(0x001, 1)).isEqualTo(0x69);
    }

    @Test
    void deviceTreeNode() {
        DeviceTree tree = new DeviceTree();
        tree.beginNode("");
        driver.mmio.describe(tree);
        tree.endNode();
        String blob = new String(tree.toBlob(), StandardCharsets.ISO_8859_1);
        assertThat(blob).contains("virtio_mmio@10001000", "virtio,mmio", "interrupt-parent", "interrupts");
        // reg = <0 0x10001000 0 0x1000>
        assertThat(blob).contains(new String(new byte[] {0, 0, 0, 0, 0x10, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x10, 0},
                StandardCharsets.ISO_8859_1));
    }

    private void write(int offset, long value) {
        driver.write(offset, value);
    }
}
