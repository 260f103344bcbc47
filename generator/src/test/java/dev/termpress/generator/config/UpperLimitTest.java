package dev.termpress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpperLimitTest {

    @Test
    void bytesAndBinaryUnits() {
        assertThat(UpperLimit.parse("1048576")).isEqualTo(1L << 20);
        assertThat(UpperLimit.parse("2048K")).isEqualTo(2L << 20);
        assertThat(UpperLimit.parse("64M")).isEqualTo(64L << 20);
        assertThat(UpperLimit.parse("64 MiB")).isEqualTo(64L << 20);
        assertThat(UpperLimit.parse("1g")).isEqualTo(1L << 30);
        assertThat(UpperLimit.parse("4GB")).isEqualTo(4L << 30);
    }

    @Test
    void outsideTheRangeOrNotASizeIsRefusedWithTheValidForms() {
        assertThatThrownBy(() -> UpperLimit.parse("512K")).hasMessageContaining("outside 1M to 4G")
                .hasMessageContaining("default is 256M");
        assertThatThrownBy(() -> UpperLimit.parse("5G")).hasMessageContaining("outside");
        assertThatThrownBy(() -> UpperLimit.parse("999999999999G")).hasMessageContaining("outside");
        assertThatThrownBy(() -> UpperLimit.parse("-1M")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> UpperLimit.parse("1.5G")).hasMessageContaining("e.g. 64M or 1G");
    }
}
