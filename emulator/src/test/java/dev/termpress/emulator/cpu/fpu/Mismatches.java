package dev.termpress.emulator.cpu.fpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Collects differences between implementation and reference, reporting the first few. */
final class Mismatches {

    private static final int SHOWN = 8;

    private final List<String> shown = new ArrayList<>();
    private int count;
    private int checked;

    /** Compares one result; the description is only built when they differ. */
    void check(long actualBits, int actualFlags, ExactReference.Result expected, Describer what) {
        checked++;
        if (actualBits != expected.bits() || actualFlags != expected.flags()) {
            count++;
            if (shown.size() < SHOWN) {
                shown.add(String.format("%s: got %x flags %s, expected %x flags %s", what.describe(),
                        actualBits, flagNames(actualFlags), expected.bits(), flagNames(expected.flags())));
            }
        }
    }

    void assertNone() {
        assertThat(checked).as("cases checked").isPositive();
        assertThat(shown).as(count + " of " + checked + " cases differ").isEmpty();
    }

    static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder("[");
        String[] names = {"NX", "UF", "OF", "DZ", "NV"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.length() > 1 ? " " : "").append(names[i]);
            }
        }
        return sb.append(']').toString();
    }

    /** Lazily built case description. */
    interface Describer {
        String describe();
    }
}
