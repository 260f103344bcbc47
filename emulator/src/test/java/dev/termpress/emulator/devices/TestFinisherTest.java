package dev.termpress.emulator.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestFinisherTest {

    private Integer exit;
    private boolean reset;
    private final TestFinisher finisher = new TestFinisher(new PowerControl() {
        @Override
        public void powerOff(int exitCode) {
            exit = exitCode;
        }

        @Override
        public void reset() {
            reset = true;
        }
    });

    @Test
    void passFailAndReset() {
        finisher.write(0, 4, 0x1234);
        assertThat(exit).isNull();
        finisher.write(0, 4, (7 << 16) | TestFinisher.FINISHER_FAIL);
        assertThat(exit).isEqualTo(7);
        finisher.write(0, 4, TestFinisher.FINISHER_PASS);
        assertThat(exit).isZero();
        finisher.write(0, 4, TestFinisher.FINISHER_RESET);
        assertThat(reset).isTrue();
    }
}
