package dev.termpress.generator.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleCaptureTest {

    private final ConsoleCapture capture = new ConsoleCapture();

    @Test
    void keepsOutputUntilConsumed() {
        write("boot\n# ");
        assertThat(capture.text()).isEqualTo("boot\n# ");
        capture.consume(capture.text().length());
        write("hello\nPROMPT more");
        int at = capture.text().indexOf("PROMPT");
        assertThat(capture.text().substring(0, at)).isEqualTo("hello\n");
        capture.consume(at + "PROMPT".length());
        assertThat(capture.text()).isEqualTo(" more");
        assertThat(capture.total()).isEqualTo(7 + 17);
        assertThat(capture.transcript()).isEqualTo("boot\n# hello\nPROMPT more");
    }

    @Test
    void aFloodKeepsTheStartAndTheEndWithANoticeBetween() {
        byte[] line = "y\r\n".getBytes(StandardCharsets.ISO_8859_1);
        long flood = 50L << 20; // yes, 50 MiB of it
        for (long written = 0; written < flood; written += line.length) {
            capture.write(line, 0, line.length);
        }
        write("PROMPT");
        String text = capture.text();
        assertThat(text.length()).isLessThan(ConsoleCapture.MAX_OUTPUT + ConsoleCapture.TAIL + 100);
        assertThat(text).startsWith("y\r\ny\r\n").endsWith("y\r\nPROMPT");
        long kept = ConsoleCapture.MAX_OUTPUT + ConsoleCapture.TAIL;
        long total = flood + (3 - flood % 3) % 3 + "PROMPT".length();
        assertThat(text).contains("\n[termpress: " + (total - kept) + " bytes of output dropped]\n");
        assertThat(capture.total()).isEqualTo(total);
        assertThat(capture.transcript()).hasSize(ConsoleCapture.TAIL).endsWith("PROMPT");

        capture.consume(text.indexOf("PROMPT") + "PROMPT".length());
        write("next");
        assertThat(capture.text()).isEqualTo("next"); // the next command starts afresh
    }

    @Test
    void oneWriteLargerThanEverythingKeepsItsEnds() {
        byte[] huge = new byte[3 * ConsoleCapture.MAX_OUTPUT];
        huge[0] = 'a';
        huge[huge.length - 1] = 'z';
        capture.write(huge, 0, huge.length);
        String text = capture.text();
        assertThat(text).startsWith("a").endsWith("z")
                .contains("[termpress: " + (huge.length - ConsoleCapture.MAX_OUTPUT - ConsoleCapture.TAIL) + " bytes");
    }

    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        capture.write(bytes, 0, bytes.length);
    }
}
