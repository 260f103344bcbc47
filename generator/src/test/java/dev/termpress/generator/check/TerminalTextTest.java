package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void dropsEscapeSequencesAndCarriageReturns() {
        assertThat(TerminalText.plain("\u001b[?2004hred \u001b[31mtext\u001b[0m\r\nnext\u001b]0;title\u0007!"))
                .isEqualTo("red text\nnext!");
    }

    @Test
    void aTruncatedSequenceAtTheEndIsDropped() {
        assertThat(TerminalText.plain("ok\u001b[12")).isEqualTo("ok");
    }
}
