package dev.termpress.generator.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting command output out of terminal text whose prompts are the marker. */
class MarkedTextTest {

    private static final String M = "%%termpress-ready%%";

    @Test
    void theOutputIsBetweenTheLastTwoPrompts() {
        String text = "~ # stty -echo; PS1=...\n" + M + "one\ntwo\n" + M + "three\n" + M;

        assertThat(MarkedText.markers(text)).isEqualTo(3);
        assertThat(MarkedText.lastOutput(text)).isEqualTo("three\n");
    }

    @Test
    void aCommandThatPrintsNothingLeavesTwoPromptsSideBySide() {
        assertThat(MarkedText.lastOutput("boot\n" + M + M)).isEmpty();
        assertThat(MarkedText.lastOutput("x" + M)).isEqualTo("x");
    }

    @Test
    void aNewPromptIsAnotherMarkerOrChangedTextEndingInOne() {
        String before = "boot\n" + M;

        assertThat(MarkedText.newPrompt(before, before)).isFalse();
        assertThat(MarkedText.newPrompt(before, before + "working")).isFalse();
        assertThat(MarkedText.newPrompt(before, before + "done\n" + M)).isTrue();
        // The screen was cleared (scrollback too): fewer markers, but the shell is back.
        assertThat(MarkedText.newPrompt(before + "a\n" + M, M)).isTrue();
    }

    @Test
    void whatFollowsTheLastPromptIsThePendingOutput() {
        assertThat(MarkedText.afterLastMarker(M + "waiting for input")).isEqualTo("waiting for input");
        assertThat(MarkedText.afterLastMarker("no marker yet")).isEqualTo("no marker yet");
    }
}
