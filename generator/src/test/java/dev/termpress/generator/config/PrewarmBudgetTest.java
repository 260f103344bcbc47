package dev.termpress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrewarmBudgetTest {

    @Test
    void trueIsTheDefaultBudgetAndFalseIsOff() {
        assertThat(PrewarmBudget.parse("true")).isEqualTo(PrewarmBudget.DEFAULT);
        assertThat(PrewarmBudget.DEFAULT.bytes()).isEqualTo(4L << 20);
        assertThat(PrewarmBudget.parse("false")).isEqualTo(PrewarmBudget.OFF);
        assertThat(PrewarmBudget.OFF.on()).isFalse();
    }

    @Test
    void sizesInBytesOrBinaryUnits() {
        assertThat(PrewarmBudget.parse("8M").bytes()).isEqualTo(8L << 20);
        assertThat(PrewarmBudget.parse("512 KiB").bytes()).isEqualTo(512L << 10);
        assertThat(PrewarmBudget.parse("1000").bytes()).isEqualTo(1000);
        assertThat(PrewarmBudget.parse("0").on()).isFalse();
    }

    @Test
    void badValuesSayWhatIsValid() {
        assertThatThrownBy(() -> PrewarmBudget.parse("soon")).hasMessageContaining("'soon' is not true, false or a size")
                .hasMessageContaining("the default is 4M");
        assertThatThrownBy(() -> PrewarmBudget.parse("2G")).hasMessageContaining("is more than 1G");
        assertThatThrownBy(() -> new PrewarmBudget(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
