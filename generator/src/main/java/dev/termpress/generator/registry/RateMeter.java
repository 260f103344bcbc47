package dev.termpress.generator.registry;

import java.util.function.Consumer;

/** Turns a download's byte counts into a progress line a few times a second: bytes, total and rate. */
final class RateMeter implements RegistryClient.DownloadListener {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final String image;
    private final String what;
    private final Consumer<String> status;
    private final long start = System.nanoTime();
    private long lastReport;
    private long firstDone = -1;

    RateMeter(String image, String what, Consumer<String> status) {
        this.image = image;
        this.what = what;
        this.status = status;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (firstDone < 0) {
            // A resumed download starts with what an earlier attempt fetched: the rate counts only this one.
            firstDone = done;
        }
        if (done < total && now - lastReport < INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        status.accept("pulling " + image + ": " + what + ", " + RegistryImages.megabytes(done) + " of "
                + RegistryImages.megabytes(total) + " MB, " + RegistryImages.megabytes((long) ((done - firstDone) / seconds))
                + " MB/s");
    }
}
