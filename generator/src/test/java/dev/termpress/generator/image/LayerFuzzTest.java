package dev.termpress.generator.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing (Jazzer) of the image import's layer reader (gzip and tar through commons-compress,
 * with our checks of entry names and link targets): any blob is scanned through its end or refused with an
 * {@link ImageException} (no other exception, no hang).
 *
 * <p>An input: byte 0's low bit picks plain tar or gzip, the rest is the blob. {@link #main} writes the seeds.
 */
class LayerFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void layersScanOrAreRefused(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Compression compression = (input[0] & 1) == 0 ? Compression.NONE : Compression.GZIP;
        try {
            LayerScanner.scan(new ByteArrayInputStream(input, 1, input.length - 1), compression, "layer");
        } catch (ImageException refused) {
            // a clear refusal is the right answer to a bad layer
        }
    }

    /** Writes the seeds: small layers of every entry kind, plain and gzip, and one with an unsafe name. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/dev/termpress/generator/image/LayerFuzzTestInputs/"
                + "layersScanOrAreRefused");
        Files.createDirectories(dir);
        byte[] tar = Tars.tar(Tars.Item.dir("etc"), Tars.Item.file("etc/hostname", "fuzz\n"),
                Tars.Item.symlink("etc/link", "hostname"), Tars.Item.hardLink("etc/again", "etc/hostname"),
                Tars.Item.file("d".repeat(120) + "/long", "long name\n"));
        byte[] unsafe = Tars.tar(Tars.Item.file("../escape", "x"));
        write(dir.resolve("plain"), 0, tar);
        write(dir.resolve("gzip"), 1, Tars.gzip(tar));
        write(dir.resolve("unsafe"), 1, Tars.gzip(unsafe));
    }

    private static void write(Path file, int selector, byte[] blob) throws IOException {
        byte[] input = Arrays.copyOf(new byte[] {(byte) selector}, blob.length + 1);
        System.arraycopy(blob, 0, input, 1, blob.length);
        Files.write(file, input);
    }
}
