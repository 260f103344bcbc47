package dev.termpress.emulator.fs.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.termpress.emulator.fs.ImageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Coverage-guided fuzzing (Jazzer) of the emulator's own gzip and deflate reader (the browser cannot use
 * java.util.zip), against the JDK's as the reference: any input is inflated or refused with an
 * {@link ImageFormatException}, and where both accept the first gzip member they inflate it to the same
 * bytes. Only the JDK checks the CRC, so the JDK refusing alone is no failure. Seeds: {@link dev.termpress.emulator.fs.FuzzSeeds}.
 */
class GzipFuzzTest {

    /** Small spacing, so that inputs of a few KiB still get several checkpoints. */
    private static final long SPACING = 512;

    @FuzzTest(maxDuration = "5s")
    void inflatesAsTheJdkDoes(byte[] blob) {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        CheckpointFinder.Found found;
        try {
            found = CheckpointFinder.find(new ByteArrayInputStream(blob), SPACING, ours::write, "fuzz");
        } catch (ImageFormatException refused) {
            return;
        }
        assertThat(found.uncompressedLength()).isEqualTo(ours.size());
        byte[] reference = jdkFirstMember(blob);
        if (reference != null && found.moreMembers()) {
            // the JDK reads on into the next member (or ignores a tail that is not one): ours is its start
            assertThat(reference.length).isGreaterThanOrEqualTo(ours.size());
            assertThat(Arrays.copyOf(reference, ours.size())).isEqualTo(ours.toByteArray());
        } else if (reference != null) {
            assertThat(ours.toByteArray()).isEqualTo(reference);
        }
    }

    /** The first member as the JDK inflates it, or null when the JDK refuses it. */
    private static byte[] jdkFirstMember(byte[] blob) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
            return in.readAllBytes();
        } catch (IOException refused) {
            return null;
        }
    }
}
