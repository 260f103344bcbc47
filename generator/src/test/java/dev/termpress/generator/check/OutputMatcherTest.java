package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputMatcherTest {

    @Test
    void equalTextMatches() {
        assertThat(OutputMatcher.matches("a\nb", "a\nb\n")).isTrue();
    }

    @Test
    void whitespaceRunsAndEdgesAreNormalised() {
        assertThat(OutputMatcher.matches("2 apple", "      2 apple\n")).isTrue();
        assertThat(OutputMatcher.matches("one two three", "one\t two   three  ")).isTrue();
        assertThat(OutputMatcher.matches("onetwo", "one two")).isFalse();
    }

    @Test
    void carriageReturnsAndTrailingEmptyLinesDoNotCount() {
        assertThat(OutputMatcher.matches("a\nb\n\n", "a\r\nb\r\n")).isTrue();
    }

    @Test
    void emptyExpectationNeedsEmptyOutput() {
        assertThat(OutputMatcher.matches("", "")).isTrue();
        assertThat(OutputMatcher.matches("", "\n")).isTrue();
        assertThat(OutputMatcher.matches("", "surprise")).isFalse();
    }

    @Test
    void differentOrMissingLinesDoNotMatch() {
        assertThat(OutputMatcher.matches("a\nb", "b\na")).isFalse();
        assertThat(OutputMatcher.matches("a\nb", "a")).isFalse();
        assertThat(OutputMatcher.matches("a", "a\nb")).isFalse();
        assertThat(OutputMatcher.matches("a\n\nb", "a\nb")).isFalse();
    }

    @Test
    void ellipsisInALineMatchesAnyTextThere() {
        assertThat(OutputMatcher.matches("Linux ... riscv64", "Linux termpress 6.12 riscv64")).isTrue();
        assertThat(OutputMatcher.matches("size: ...", "size: 4096")).isTrue();
        assertThat(OutputMatcher.matches("size: ...", "size: ")).isFalse(); // normalised "size:" lacks the blank
        assertThat(OutputMatcher.matches("...KB", "12KB")).isTrue();
        assertThat(OutputMatcher.matches("a...b...c", "abc")).isTrue();
        assertThat(OutputMatcher.matches("a...b...c", "axxcyyb")).isFalse();
        assertThat(OutputMatcher.matches("ab...ba", "aba")).isFalse(); // the two ends may not overlap
    }

    @Test
    void anEllipsisLineMatchesAnyNumberOfLines() {
        assertThat(OutputMatcher.matches("first\n...\nlast", "first\nx\ny\nlast")).isTrue();
        assertThat(OutputMatcher.matches("first\n...\nlast", "first\nlast")).isTrue();
        assertThat(OutputMatcher.matches("first\n...\nlast", "first\nx\nlast\nmore")).isFalse();
        assertThat(OutputMatcher.matches("...", "")).isTrue();
        assertThat(OutputMatcher.matches("...\nend", "a\nb\nend")).isTrue();
    }
}
