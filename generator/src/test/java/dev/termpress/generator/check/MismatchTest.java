package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report of one mismatch: everything under its {@code file:line} header is indented. */
class MismatchTest {

    private static final Path BASE = Path.of("/site");

    @Test
    void aMultiLineProblemStaysUnderItsHeader() {
        Mismatch mismatch = new Mismatch(BASE.resolve("content/index.md"), 3, "id -u", "0\n", null,
                "the machine powered off before the shell's prompt; last output:\nno such user\nPower down");

        assertThat(mismatch.format(BASE)).isEqualTo("""
                content/index.md:3: $ id -u
                  the machine powered off before the shell's prompt; last output:
                  no such user
                  Power down
                  expected:
                    | 0""");
    }
}
