package dev.termpress.emulator.fs.deflate;

import dev.termpress.emulator.fs.InflateCheckpoints;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** A windows file built in memory, as the generator builds one on disk. */
final class TestWindows implements CheckpointFinder.WindowPacker {

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    @Override
    public InflateCheckpoints.WindowRef add(byte[] window) {
        byte[] packed = new byte[0];
        if (window.length > 0) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(window);
            deflater.finish();
            byte[] buffer = new byte[2 * window.length + 64];
            int n = deflater.deflate(buffer);
            deflater.end();
            packed = Arrays.copyOf(buffer, n);
        }
        long offset = file.size();
        file.write(packed, 0, packed.length);
        return new InflateCheckpoints.WindowRef(offset, packed.length, GzipSamples.sha256(packed, 0, packed.length));
    }

    @Override
    public byte[] sha256() {
        byte[] bytes = file.toByteArray();
        return GzipSamples.sha256(bytes, 0, bytes.length);
    }

    @Override
    public long size() {
        return file.size();
    }

    byte[] bytes() {
        return file.toByteArray();
    }

    /** The inflated window of {@code span}. */
    byte[] window(InflateCheckpoints.Span span) throws Exception {
        InflateCheckpoints.WindowRef ref = span.window();
        if (ref.length() == 0) {
            return new byte[0];
        }
        byte[] bytes = file.toByteArray();
        return CheckpointFinderTest.inflateRaw(Arrays.copyOfRange(bytes, (int) ref.offset(), (int) ref.offset() + ref.length()));
    }
}
