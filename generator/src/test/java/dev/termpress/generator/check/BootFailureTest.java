package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a shell that never became usable is reported: the reason, then only the guest's last lines. */
class BootFailureTest {

    @Test
    void aLongBootLogIsCutToItsLastLines() {
        String log = IntStream.rangeClosed(1, 80).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n\n";

        String reason = BootFailure.poweredOff(log);

        assertThat(reason).startsWith("the machine powered off before the shell's prompt; last output:\nline 66\n")
                .endsWith("\nline 80").doesNotContain("line 65\n");
    }

    @Test
    void silenceIsSaid() {
        assertThat(BootFailure.noPrompt("180 s", " \n")).isEqualTo("no shell prompt within 180 s; the guest printed nothing");
    }
}
