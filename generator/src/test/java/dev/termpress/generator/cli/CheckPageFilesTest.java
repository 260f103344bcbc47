package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code termpress check} puts a page's files into the busybox guest before the block's commands run. */
class CheckPageFilesTest {

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    private static final String PAGE = """
            # Files

            ```container image=busybox workdir=/workspace files=project
            $ cat /workspace/app.py
            print("hello from the page")
            $ cat notes/todo.txt
            write tests
            $ ls -l /workspace/run.sh | cut -c1-10
            -rwxr-xr-x
            $ ./run.sh
            ran
            ```

            The file the block reads, shown after it (a page's files go into every block of the page):

            ```file path=/workspace/app.py
            print("hello from the page")
            ```
            """;

    private void writeSite() throws IOException {
        fixture.write("index.md", PAGE);
        Path project = fixture.dir().resolve("content/project");
        Files.createDirectories(project.resolve("notes"));
        Files.writeString(project.resolve("notes/todo.txt"), "write tests\n");
        Files.writeString(project.resolve("run.sh"), "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(project.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aResumedGuestReadsTheFileBlockAndTheFolder() throws IOException {
        writeSite();

        int status = fixture.check(fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(status).isZero();
        assertThat(fixture.out()).contains("Checked 4 commands in 1 block").contains("all outputs match");
    }

    @Test
    void aColdBootedGuestReadsThemToo() throws IOException {
        writeSite();
        Files.writeString(fixture.dir().resolve("termpress.yaml"), "snapshot: false\n", java.nio.file.StandardOpenOption.APPEND);

        int status = fixture.check(fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(status).isZero();
    }

    @Test
    void aFileIsOnlyInTheBlocksOfItsOwnPage() throws IOException {
        fixture.write("guide.md", "# Guide\n\n```file path=/workspace/app.py\nprint(1)\n```\n");
        Files.writeString(fixture.dir().resolve("content/index.md"), """
                # Home

                See the [guide](guide/).

                ```container image=busybox
                $ cat /workspace/app.py
                print(1)
                ```
                """);

        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fixture.err()).contains("content/index.md:6: $ cat /workspace/app.py")
                .contains("No such file or directory");
    }
}
