package dev.termpress.emulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.fdt.DeviceTree;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlicTest {

    private static final long PRIORITY = 0x0;
    private static final long PENDING = 0x1000;
    private static final long ENABLE_M = 0x2000;
    private static final long ENABLE_S = 0x2080;
    private static final long THRESHOLD_M = 0x20_0000;
    private static final long CLAIM_M = 0x20_0004;
    private static final long THRESHOLD_S = 0x20_1000;
    private static final long CLAIM_S = 0x20_1004;

    /** Records the mip bits the PLIC drives. */
    private static final class Mip implements HartInterrupts {
        long bits;

        @Override
        public void setPending(long mipBits, boolean level) {
            bits = level ? bits | mipBits : bits & ~mipBits;
        }
    }

    private final Mip mip = new Mip();
    private Plic plic;

    @BeforeEach
    void setUp() {
        plic = new Plic(mip);
    }

    private void write(long offset, long value) {
        plic.write(offset, 4, value);
    }

    private long read(long offset) {
        return plic.read(offset, 4);
    }

    private void enableS(int... sources) {
        long bits = 0;
        for (int s : sources) {
            bits |= 1L << s;
        }
        write(ENABLE_S, bits);
    }

    @Test
    void sourceRaisesSeipOnlyWhenEnabledAndAboveThreshold() {
        write(PRIORITY + 4 * 3, 1);
        plic.setIrq(3, true);
        assertThat(read(PENDING)).isEqualTo(1L << 3);
        assertThat(mip.bits).isZero();

        enableS(3);
        assertThat(mip.bits).isEqualTo(HartInterrupts.MIP_SEIP);

        write(THRESHOLD_S, 1);
        assertThat(mip.bits).as("priority must exceed the threshold").isZero();
        write(THRESHOLD_S, 0);
        assertThat(mip.bits).isEqualTo(HartInterrupts.MIP_SEIP);
    }

    @Test
    void priorityZeroNeverInterrupts() {
        enableS(5);
        plic.setIrq(5, true);
        assertThat(mip.bits).isZero();
        assertThat(read(CLAIM_S)).isZero();
    }

    @Test
    void claimReturnsHighestPriorityThenLowestId() {
        write(PRIORITY + 4 * 1, 2);
        write(PRIORITY + 4 * 2, 5);
        write(PRIORITY + 4 * 4, 5);
        enableS(1, 2, 4);
        plic.setIrq(1, true);
        plic.setIrq(4, true);
        plic.setIrq(2, true);

        assertThat(read(CLAIM_S)).isEqualTo(2);
        assertThat(read(CLAIM_S)).isEqualTo(4);
        assertThat(read(CLAIM_S)).isEqualTo(1);
        assertThat(read(CLAIM_S)).isZero();
        assertThat(mip.bits).as("everything claimed").isZero();
    }

    @Test
    void levelSourceRependsAfterCompletionWhileLineStaysHigh() {
        write(PRIORITY + 4 * 7, 1);
        enableS(7);
        plic.setIrq(7, true);
        assertThat(read(CLAIM_S)).isEqualTo(7);
        assertThat(plic.isPending(7)).isFalse();

        write(CLAIM_S, 7);
        assertThat(plic.isPending(7)).isTrue();
        assertThat(mip.bits).isEqualTo(HartInterrupts.MIP_SEIP);

        assertThat(read(CLAIM_S)).isEqualTo(7);
        plic.setIrq(7, false);
        write(CLAIM_S, 7);
        assertThat(plic.isPending(7)).isFalse();
        assertThat(mip.bits).isZero();
    }

    @Test
    void claimedSourceDoesNotRependBeforeCompletion() {
        write(PRIORITY + 4 * 2, 1);
        enableS(2);
        plic.setIrq(2, true);
        assertThat(read(CLAIM_S)).isEqualTo(2);
        plic.setIrq(2, false);
        plic.setIrq(2, true);
        assertThat(plic.isPending(2)).isFalse();
        assertThat(mip.bits).isZero();
    }

    @Test
    void lineDroppedBeforeClaimClearsPending() {
        write(PRIORITY + 4 * 2, 1);
        enableS(2);
        plic.setIrq(2, true);
        plic.setIrq(2, false);
        assertThat(mip.bits).isZero();
        assertThat(read(CLAIM_S)).isZero();
    }

    @Test
    void completionForSourceNotEnabledIsIgnored() {
        write(PRIORITY + 4 * 2, 1);
        enableS(2);
        plic.setIrq(2, true);
        assertThat(read(CLAIM_S)).isEqualTo(2);
        write(CLAIM_M, 2); // context 0 does not enable source 2
        assertThat(plic.isPending(2)).isFalse();
        write(CLAIM_S, 2);
        assertThat(plic.isPending(2)).isTrue();
    }

    @Test
    void machineContextDrivesMeip() {
        write(PRIORITY + 4 * 9, 3);
        write(ENABLE_M, 1L << 9);
        plic.setIrq(9, true);
        assertThat(mip.bits).isEqualTo(HartInterrupts.MIP_MEIP);
        write(THRESHOLD_M, 3);
        assertThat(mip.bits).isZero();
        assertThat(read(THRESHOLD_M)).isEqualTo(3);
    }

    @Test
    void registersAreWarl() {
        write(PRIORITY + 4, 0xffff_ffffL);
        assertThat(read(PRIORITY + 4)).isEqualTo(Plic.PRIORITY_MASK);
        write(PRIORITY, 5);
        assertThat(read(PRIORITY)).as("source 0 does not exist").isZero();
        write(ENABLE_S, 0xffff_ffffL);
        assertThat(read(ENABLE_S)).as("source 0 cannot be enabled").isEqualTo(0xffff_fffeL);
        write(THRESHOLD_S, 0xff);
        assertThat(read(THRESHOLD_S)).isEqualTo(Plic.PRIORITY_MASK);
        write(PENDING, 0xffff_ffffL);
        assertThat(read(PENDING)).as("pending is read-only").isZero();
    }

    @Test
    void outOfRangeSourcesAndRegistersAreHarmless() {
        plic.setIrq(0, true);
        plic.setIrq(Plic.NDEV + 1, true);
        plic.setIrq(-3, true);
        assertThat(read(PENDING)).isZero();
        assertThat(read(0x5f_fffc)).isZero();
        assertThat(read(0x20_3004)).as("context 3 does not exist").isZero();
        write(0x20_3004, 1);
        write(CLAIM_S, 12345);
        write(CLAIM_S, -1);
        assertThat(plic.read(PRIORITY + 5, 1)).isZero();
    }

    @Test
    void narrowAndWideReadsSeeTheRegisterBytes() {
        write(PRIORITY + 4 * 1, 5);
        write(PRIORITY + 4 * 2, 6);
        assertThat(plic.read(PRIORITY + 4, 1)).isEqualTo(5);
        assertThat(plic.read(PRIORITY + 4, 8)).isEqualTo(5L | 6L << 32);
    }

    @Test
    void deviceTreeNodeNamesCompatibleAndContexts() {
        DeviceTree tree = new DeviceTree();
        tree.beginNode("");
        plic.describe(tree);
        tree.endNode();
        String blob = new String(tree.toBlob(), StandardCharsets.ISO_8859_1);
        assertThat(blob).contains("plic@c000000", "sifive,plic-1.0.0\0riscv,plic0\0", "riscv,ndev",
                "interrupts-extended", "interrupt-controller", "#interrupt-cells");
        // interrupts-extended = <cpu_intc 11 cpu_intc 9>, big-endian cells.
        assertThat(blob).contains(new String(new byte[] {0, 0, 0, 1, 0, 0, 0, 11, 0, 0, 0, 1, 0, 0, 0, 9},
                StandardCharsets.ISO_8859_1));
    }
}
