package dev.termpress.generator.build;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a successful build produced.
 *
 * @param outputDir the output directory
 * @param pages pages written
 * @param images images published
 * @param blobs image blobs written
 * @param bytes bytes written in all
 * @param millis wall time of the whole build
 * @param stepMillis wall time of each step, in order
 * @param changedFiles files an incremental build wrote or deleted, or {@link #CLEAN} for a clean build
 */
public record BuildResult(Path outputDir, int pages, int images, int blobs, long bytes, long millis,
        Map<String, Long> stepMillis, int changedFiles) {

    /** {@link #changedFiles()} of a clean build, which replaces the whole output. */
    public static final int CLEAN = -1;

    /** A clean build's result. */
    public BuildResult(Path outputDir, int pages, int images, int blobs, long bytes, long millis,
            Map<String, Long> stepMillis) {
        this(outputDir, pages, images, blobs, bytes, millis, stepMillis, CLEAN);
    }

    /** Whether this was a clean build rather than an update of the previous output. */
    public boolean clean() {
        return changedFiles == CLEAN;
    }

    /** The one-line summary every build prints. */
    public String summary() {
        String imagePart = images == 0 ? "" : String.format(", %d image%s (%d blob%s)",
                images, images == 1 ? "" : "s", blobs, blobs == 1 ? "" : "s");
        return String.format("Built %d page%s%s, %.1f MB into %s in %.2f s",
                pages, pages == 1 ? "" : "s", imagePart, bytes / 1e6, outputDir, millis / 1000.0);
    }

    /** The line serve prints: the summary for a clean build, else e.g. "Updated OUT (N pages): K files changed in X ms". */
    public String serveSummary() {
        if (clean()) {
            return summary();
        }
        return String.format("Updated %s (%d page%s): %d file%s changed in %d ms", outputDir, pages,
                pages == 1 ? "" : "s", changedFiles, changedFiles == 1 ? "" : "s", millis);
    }

    /** Each step's time, e.g. "load 3 ms, parse 40 ms, ...". */
    public String timings() {
        StringBuilder s = new StringBuilder();
        stepMillis.forEach((step, ms) -> s.append(s.length() == 0 ? "" : ", ").append(step).append(' ').append(ms).append(" ms"));
        return s.toString();
    }
}
