package dev.termpress.emulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.bus.HartInterrupts;
import dev.termpress.emulator.snapshot.Snapshottable;
import dev.termpress.emulator.snapshot.StateReader;
import dev.termpress.emulator.snapshot.StateWriter;
import org.junit.jupiter.api.Test;

/** Save a device, restore it into a fresh one: same registers, same behaviour, no interrupt driven. */
class DeviceStateTest {

    /** Records what a device drives; a restore must not drive anything. */
    private static final class Lines implements HartInterrupts {
        long mip;
        int calls;

        @Override
        public void setPending(long bits, boolean level) {
            calls++;
            mip = level ? mip | bits : mip & ~bits;
        }
    }

    private static byte[] save(Snapshottable part) throws Exception {
        StateWriter out = new StateWriter();
        part.saveState(out);
        return out.toByteArray();
    }

    private static void restore(Snapshottable part, byte[] state) throws Exception {
        StateReader in = new StateReader(state, 0, state.length, part.stateName());
        part.restoreState(in, part.stateVersion());
        assertThat(in.remaining()).isZero();
    }

    @Test
    void clintKeepsTimerCompareSoftwareInterruptAndTheGuestsMtime() throws Exception {
        long[] now = {1_000};
        Lines hart = new Lines();
        Clint clint = new Clint(hart, () -> now[0]);
        clint.write(Clint.MSIP, 4, 1);
        clint.write(Clint.MTIMECMP, 8, 5_000);
        clint.write(Clint.MTIME, 8, 3_000); // the guest moved mtime 2000 ahead of the clock
        byte[] state = save(clint);

        Lines fresh = new Lines();
        Clint restored = new Clint(fresh, () -> now[0]);
        restore(restored, state);
        assertThat(fresh.calls).isZero();
        assertThat(save(restored)).isEqualTo(state);
        assertThat(restored.read(Clint.MSIP, 4)).isEqualTo(1);
        assertThat(restored.read(Clint.MTIME, 8)).isEqualTo(3_000);
        assertThat(restored.nextDeadline()).isEqualTo(3_000);
    }

    @Test
    void plicKeepsPrioritiesEnablesThresholdsAndClaims() throws Exception {
        Lines hart = new Lines();
        Plic plic = new Plic(hart);
        plic.write(4L * 3, 4, 5); // priority of source 3
        plic.write(4L * 4, 4, 2);
        plic.write(0x2080, 4, 1 << 3 | 1 << 4); // S context enables
        plic.write(0x20_1000, 4, 1); // S threshold
        plic.setIrq(3, true);
        plic.setIrq(4, true);
        assertThat(plic.read(0x20_1004, 4)).as("claim the best").isEqualTo(3);
        byte[] state = save(plic);

        Lines fresh = new Lines();
        Plic restored = new Plic(fresh);
        restore(restored, state);
        assertThat(fresh.calls).isZero();
        assertThat(save(restored)).isEqualTo(state);
        assertThat(restored.read(0x20_1004, 4)).as("3 is in flight: 4 comes next").isEqualTo(4);
        restored.write(0x20_1004, 4, 3); // complete 3 while its line is still high: it pends again
        assertThat(restored.read(0x20_1004, 4)).isEqualTo(3);
    }

    @Test
    void rtcKeepsTheGuestsShiftAndAlarmButFollowsTheNewHostsTime() throws Exception {
        long[] host = {1_000_000L};
        GoldfishRtc rtc = new GoldfishRtc(() -> host[0], (line, level) -> { });
        rtc.write(GoldfishRtc.TIME_HIGH, 4, 0);
        rtc.write(GoldfishRtc.TIME_LOW, 4, 1_500_000L); // the guest set its clock 0.5 ms ahead
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        rtc.write(GoldfishRtc.ALARM_HIGH, 4, 0);
        rtc.write(GoldfishRtc.ALARM_LOW, 4, 9_000_000L);
        byte[] state = save(rtc);

        long[] laterHost = {50_000_000L}; // the resuming host's real time is later
        int[] irqCalls = {0};
        GoldfishRtc restored = new GoldfishRtc(() -> laterHost[0], (line, level) -> irqCalls[0]++);
        restore(restored, state);
        assertThat(irqCalls[0]).isZero();
        assertThat(save(restored)).isEqualTo(state);
        assertThat(restored.now()).isEqualTo(50_500_000L);
        assertThat(restored.read(GoldfishRtc.ALARM_STATUS, 4)).isEqualTo(1);
        restored.update();
        assertThat(irqCalls[0]).as("the alarm has passed on the new host's clock").isEqualTo(1);
    }

    @Test
    void testFinisherHasNoState() throws Exception {
        TestFinisher finisher = new TestFinisher(new PowerControl() {
            @Override
            public void powerOff(int code) {
            }

            @Override
            public void reset() {
            }
        });
        assertThat(save(finisher)).isEmpty();
    }
}
