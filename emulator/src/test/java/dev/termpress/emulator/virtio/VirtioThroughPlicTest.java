package dev.termpress.emulator.virtio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.bus.Ram;
import dev.termpress.emulator.devices.Plic;
import dev.termpress.emulator.host.SeededEntropySource;
import org.junit.jupiter.api.Test;

/** The interrupt path the kernel sees: device completion, PLIC claim, InterruptACK, PLIC complete. */
class VirtioThroughPlicTest {

    private static final long ENABLE_S = 0x2080;
    private static final long CLAIM_S = 0x20_1004;

    private long mip;
    private final Plic plic = new Plic((bits, level) -> mip = level ? mip | bits : mip & ~bits);

    @Test
    void usedBufferInterruptTravelsThroughThePlic() {
        Ram ram = new Ram(1 << 20);
        VirtioMmio mmio = VirtioMmio.inSlot(2, plic, ram, new VirtioEntropy(new SeededEntropySource(3)));
        int irq = mmio.irq();
        assertThat(irq).isEqualTo(3);
        plic.write(4L * irq, 4, 1);
        plic.write(ENABLE_S, 4, 1L << irq);

        // Register writes in the order Linux's virtio-mmio driver makes them.
        long desc = Ram.BASE + 0x1000;
        long avail = Ram.BASE + 0x2000;
        long used = Ram.BASE + 0x3000;
        long buffer = Ram.BASE + 0x4000;
        mmio.write(0x070, 4, 0);
        mmio.write(0x070, 4, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER);
        mmio.write(0x024, 4, 1);
        mmio.write(0x020, 4, 1); // VERSION_1
        mmio.write(0x070, 4, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK);
        mmio.write(0x030, 4, 0);
        mmio.write(0x038, 4, 128);
        mmio.write(0x080, 4, desc);
        mmio.write(0x090, 4, avail);
        mmio.write(0x0a0, 4, used);
        mmio.write(0x044, 4, 1);
        mmio.write(0x070, 4, Virtio.STATUS_ACKNOWLEDGE | Virtio.STATUS_DRIVER | Virtio.STATUS_FEATURES_OK
                | Virtio.STATUS_DRIVER_OK);
        ram.store64(desc, buffer);
        ram.store32(desc + 8, 32);
        ram.store16(desc + 12, Virtio.DESC_F_WRITE);
        ram.store16(avail + 4, 0);
        ram.store16(avail + 2, 1);
        assertThat(mip).isZero();
        mmio.write(0x050, 4, 0);

        assertThat(ram.load16(used + 2)).isEqualTo(1);
        assertThat(mip).isEqualTo(HartInterrupts.MIP_SEIP);
        assertThat(plic.read(CLAIM_S, 4)).isEqualTo(irq);
        mmio.write(0x064, 4, mmio.read(0x060, 4)); // InterruptACK lowers the line
        plic.write(CLAIM_S, 4, irq);
        assertThat(mip).isZero();
        assertThat(plic.isPending(irq)).isFalse();
        assertThat(mmio.status() & Virtio.STATUS_DEVICE_NEEDS_RESET).isZero();
    }
}
