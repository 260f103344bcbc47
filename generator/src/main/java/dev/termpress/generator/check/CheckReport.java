package dev.termpress.generator.check;

import java.util.List;

/**
 * What {@code termpress check} found.
 *
 * @param blocks demo blocks checked
 * @param commands commands run
 * @param boots machines booted
 * @param mismatches every command whose output differed, in reading order
 * @param millis wall time taken
 */
public record CheckReport(int blocks, int commands, int boots, List<Mismatch> mismatches, long millis) {

    public CheckReport {
        mismatches = List.copyOf(mismatches);
    }

    /** Whether every command printed what its block expects. */
    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** One line: counts, result, time. */
    public String summary() {
        String result = passed() ? "all outputs match" : mismatches.size() + " mismatch" + (mismatches.size() == 1 ? "" : "es");
        return String.format("Checked %d command%s in %d block%s (%d boot%s): %s, in %.1f s", commands,
                commands == 1 ? "" : "s", blocks, blocks == 1 ? "" : "s", boots, boots == 1 ? "" : "s", result,
                millis / 1000.0);
    }
}
