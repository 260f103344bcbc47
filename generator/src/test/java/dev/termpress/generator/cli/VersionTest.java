package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {

    @Test
    void versionNamesTheEmulatorAndTheKernelItCarries() {
        StringWriter out = new StringWriter();
        CommandLine cli = TermpressCommand.commandLine();
        cli.setOut(new PrintWriter(out));

        int status = cli.execute("--version");

        assertThat(status).isZero();
        assertThat(out.toString())
                .startsWith("termpress ")
                .containsPattern("emulator: RV64GC, machine version \\d+, snapshot format \\d+")
                .containsPattern("kernel: Linux 6\\.\\d+\\.\\d+, Image sha256 [0-9a-f]{12}\n")
                .contains("java: " + System.getProperty("java.version"));
    }
}
