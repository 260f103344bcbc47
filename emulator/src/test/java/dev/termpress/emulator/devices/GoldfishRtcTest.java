package dev.termpress.emulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fdt.DeviceTree;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoldfishRtcTest {

    private static final long NOW = 0x1234_5678_9abc_def0L;

    private long host = NOW;
    private boolean irq;
    private final GoldfishRtc rtc = new GoldfishRtc(() -> host, (line, level) -> {
        assertThat(line).isEqualTo(GoldfishRtc.IRQ);
        irq = level;
    });

    private long readTime() {
        long low = rtc.read(GoldfishRtc.TIME_LOW, 4);
        return (rtc.read(GoldfishRtc.TIME_HIGH, 4) << 32) | low;
    }

    @Test
    void timeReadsTheHostClockWithTheHighHalfLatchedByTheLowRead() {
        assertThat(readTime()).isEqualTo(NOW);
        long low = rtc.read(GoldfishRtc.TIME_LOW, 4);
        host += 1L << 32; // the high half moves between the two reads
        assertThat((rtc.read(GoldfishRtc.TIME_HIGH, 4) << 32) | low).isEqualTo(NOW);
    }

    @Test
    void settingTheTimeKeepsItRunningWithTheHost() {
        long set = 1_000_000_000_000_000_000L;
        rtc.write(GoldfishRtc.TIME_HIGH, 4, set >>> 32);
        rtc.write(GoldfishRtc.TIME_LOW, 4, set & 0xffff_ffffL);
        assertThat(readTime()).isEqualTo(set);
        host += 5_000;
        assertThat(readTime()).isEqualTo(set + 5_000);
    }

    @Test
    void anEnabledAlarmInterruptsWhenItsTimeComesUntilCleared() {
        long alarm = NOW + 2_000;
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        rtc.write(GoldfishRtc.ALARM_HIGH, 4, alarm >>> 32);
        rtc.write(GoldfishRtc.ALARM_LOW, 4, alarm & 0xffff_ffffL);
        assertThat(rtc.read(GoldfishRtc.ALARM_STATUS, 4)).isEqualTo(1);
        assertThat(rtc.nanosUntilAlarm()).isEqualTo(2_000);
        rtc.update();
        assertThat(irq).isFalse();

        host = alarm;
        rtc.update();
        assertThat(irq).isTrue();
        assertThat(rtc.read(GoldfishRtc.ALARM_STATUS, 4)).isZero();
        assertThat(rtc.nanosUntilAlarm()).isEqualTo(Long.MAX_VALUE);
        rtc.write(GoldfishRtc.CLEAR_INTERRUPT, 4, 1);
        assertThat(irq).isFalse();
    }

    private void setAlarm(long alarm) {
        rtc.write(GoldfishRtc.ALARM_HIGH, 4, alarm >>> 32);
        rtc.write(GoldfishRtc.ALARM_LOW, 4, alarm & 0xffff_ffffL);
    }

    @Test
    void aClearedAlarmNeverInterrupts() {
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        setAlarm(NOW + 1_000);
        rtc.write(GoldfishRtc.CLEAR_ALARM, 4, 1);
        assertThat(rtc.nanosUntilAlarm()).isEqualTo(Long.MAX_VALUE);
        host += 10_000;
        rtc.update();
        assertThat(irq).isFalse();
    }

    @Test
    void anAlarmThatFiredWhileMaskedInterruptsOnceEnabledUntilCleared() {
        setAlarm(NOW + 10);
        assertThat(rtc.nanosUntilAlarm()).isEqualTo(Long.MAX_VALUE); // interrupts not enabled
        host += 100;
        rtc.update();
        assertThat(irq).isFalse();
        assertThat(rtc.read(GoldfishRtc.ALARM_STATUS, 4)).isZero();

        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        assertThat(irq).isTrue();
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 0);
        assertThat(irq).as("masking lowers the line").isFalse();
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        assertThat(irq).isTrue();
        rtc.write(GoldfishRtc.CLEAR_INTERRUPT, 4, 1);
        assertThat(irq).isFalse();
    }

    @Test
    void anAlarmInThePastSetAsLinuxDoesInterruptsAtOnce() {
        // Linux's goldfish driver writes the alarm, then enables the interrupt.
        setAlarm(NOW - 1);
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        assertThat(irq).isTrue();
    }

    @Test
    void anAlarmBeyondTheRangeOfSignedNanosecondsIsReportedAsNever() {
        long time = Long.MIN_VALUE + 5; // the guest may set any 64-bit time
        rtc.write(GoldfishRtc.TIME_HIGH, 4, time >>> 32);
        rtc.write(GoldfishRtc.TIME_LOW, 4, time & 0xffff_ffffL);
        rtc.write(GoldfishRtc.IRQ_ENABLED, 4, 1);
        setAlarm(Long.MAX_VALUE);
        assertThat(rtc.nanosUntilAlarm()).isEqualTo(Long.MAX_VALUE);
        assertThat(irq).isFalse();
    }

    @Test
    void otherWidthsAndUnknownRegistersAreIgnored() {
        assertThat(rtc.read(GoldfishRtc.TIME_LOW, 8)).isZero();
        assertThat(rtc.read(0x40, 4)).isZero();
        rtc.write(GoldfishRtc.TIME_LOW, 2, 0);
        rtc.write(0x40, 4, -1);
        assertThat(readTime()).isEqualTo(NOW);
    }

    @Test
    void describesItselfAsQemuVirtDoes() {
        DeviceTree tree = new DeviceTree();
        tree.beginNode("");
        rtc.describe(tree);
        tree.endNode();
        String blob = new String(tree.toBlob(), StandardCharsets.ISO_8859_1);
        assertThat(blob).contains("rtc@101000").contains("google,goldfish-rtc");
    }
}
