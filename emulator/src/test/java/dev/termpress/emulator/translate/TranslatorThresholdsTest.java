package dev.termpress.emulator.translate;

import static dev.termpress.emulator.cpu.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.emulator.cpu.Harness;
import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import org.junit.jupiter.api.Test;

/** The host's thresholds decide when a page is compiled in production mode (the worker passes its own). */
class TranslatorThresholdsTest {

    /**
     * A sum loop restarted forever, on one page (its own constants: units are shared process-wide by
     * page content, and another test's loop must not find this one's unit or the other way round).
     */
    private static final int[] LOOP = {addi(A0, ZERO, 0), addi(A1, ZERO, 777), add(A0, A0, A1), addi(A1, A1, -1),
        b(-8, ZERO, A1, 1), j(-20, ZERO)};

    /** Units the translator installed after {@code steps}: compiled, or taken from the process-wide cache. */
    private static long units(TranslatorThresholds thresholds, int steps) {
        Harness h = new Harness();
        Translator t = Translator.install(h.cpu, new JvmBlockCompiler(), false, InlineCompileRunner.INSTANCE,
                thresholds);
        h.program(LOOP).step(steps);
        return t.compiledBlocks() + t.reusedBlocks();
    }

    @Test
    void aHostWithLowThresholdsCompilesWhereTheJvmsStillInterpret() {
        assertThat(units(TranslatorThresholds.JVM, 3000)).isZero();
        assertThat(units(new TranslatorThresholds(0, 1, 64, 16), 3000)).isPositive();
    }

    @Test
    void aHostWithHighThresholdsCompilesLaterThanTheJvm() {
        int steps = 300_000; // about 290 looks at the page, one per chunk of 1,024
        assertThat(units(TranslatorThresholds.JVM, steps)).isPositive();
        assertThat(units(new TranslatorThresholds(256, 4096, 1024, 16), steps)).isZero();
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new TranslatorThresholds(-1, 64, 1024, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranslatorThresholds(256, 0, 1024, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranslatorThresholds(256, 64, 0, 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
