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
 */
public record BuildResult(Path outputDir, int pages, int images, int blobs, long bytes, long millis,
        Map<String, Long> stepMillis) {

    /** The one-line summary every build prints. */
    public String summary() {
        String imagePart = images == 0 ? "" : String.format(", %d image%s (%d blob%s)",
                images, images == 1 ? "" : "s", blobs, blobs == 1 ? "" : "s");
        return String.format("Built %d page%s%s, %.1f MB into %s in %.2f s",
                pages, pages == 1 ? "" : "s", imagePart, bytes / 1e6, outputDir, millis / 1000.0);
    }

    /** Each step's time, e.g. "load 3 ms, parse 40 ms, ...". */
    public String timings() {
        StringBuilder s = new StringBuilder();
        stepMillis.forEach((step, ms) -> s.append(s.length() == 0 ? "" : ", ").append(step).append(' ').append(ms).append(" ms"));
        return s.toString();
    }
}
