package dev.termpress.generator.check;

import dev.termpress.generator.build.SiteReader.Demo;

/** Told about each demo block as {@code check} starts it; the CLI shows a progress line on a terminal. */
public interface CheckProgress {

    /** Nothing shown. */
    CheckProgress QUIET = (index, total, demo) -> { };

    /** Block {@code index} (0-based) of {@code total} starts. */
    void block(int index, int total, Demo demo);
}
