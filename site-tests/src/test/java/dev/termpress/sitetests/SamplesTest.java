package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The benchmark's median and best. */
class SamplesTest {

    @Test
    void medianOfAnOddAndAnEvenCount() {
        Samples times = Samples.lowerIsBetter();
        times.add(30);
        times.add(10);
        times.add(20);
        assertThat(times.median()).isEqualTo(20);
        times.add(40);
        assertThat(times.median()).isEqualTo(25);
    }

    @Test
    void bestIsTheLowestTimeAndTheHighestSpeed() {
        Samples times = Samples.lowerIsBetter();
        Samples speeds = Samples.higherIsBetter();
        for (double value : new double[] {5, 2, 9}) {
            times.add(value);
            speeds.add(value);
        }
        assertThat(times.best()).isEqualTo(2);
        assertThat(speeds.best()).isEqualTo(9);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Samples.lowerIsBetter().median()).hasMessageContaining("no samples");
    }
}
