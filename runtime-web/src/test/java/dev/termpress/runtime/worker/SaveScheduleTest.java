package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SaveSchedule}: saves after the guest settles, not too often, and not never. */
class SaveScheduleTest {

    @Test
    void nothingIsDueWithoutAChange() {
        SaveSchedule schedule = new SaveSchedule(7);

        assertThat(schedule.observe(7, 1_000)).isEqualTo(-1);
        assertThat(schedule.unsaved()).isFalse();
        assertThat(schedule.due(1_000_000)).isFalse();
    }

    @Test
    void aChangeIsSavedOnceTheGuestWasQuietForTwoSeconds() {
        SaveSchedule schedule = new SaveSchedule(0);

        assertThat(schedule.observe(3, 1_000)).isEqualTo(3_000);
        assertThat(schedule.observe(5, 1_500)).as("a later change moves it").isEqualTo(3_500);
        assertThat(schedule.due(3_499)).isFalse();
        assertThat(schedule.due(3_500)).isTrue();
    }

    @Test
    void savesAreAtLeastTenSecondsApart() {
        SaveSchedule schedule = new SaveSchedule(0);
        schedule.observe(1, 0);
        schedule.saved(1, 2_000);

        assertThat(schedule.unsaved()).isFalse();
        assertThat(schedule.observe(2, 3_000)).isEqualTo(12_000);
    }

    @Test
    void aGuestThatNeverStopsWritingIsSavedWithinThirtySeconds() {
        SaveSchedule schedule = new SaveSchedule(0);
        for (int t = 0; t <= 40_000; t += 500) {
            schedule.observe(t + 1, t); // a change every half second
            if (schedule.due(t)) {
                assertThat(t).isEqualTo(30_000);
                return;
            }
        }
        throw new AssertionError("never saved");
    }
}
