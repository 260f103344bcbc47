package dev.termpress.generator.check.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Chromium --browser uses, and the error when it cannot. */
class ChromiumLocatorTest {

    @TempDir
    Path dir;

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Map<String, String> env = Map.of(ChromiumLocator.ENV, "/opt/chromium/chrome");

        assertThat(ChromiumLocator.resolve(Path.of("/x/chromium"), env)).isEqualTo(Path.of("/x/chromium"));
        assertThat(ChromiumLocator.resolve(null, env)).isEqualTo(Path.of("/opt/chromium/chrome"));
        assertThat(ChromiumLocator.resolve(null, Map.of())).isEqualTo(Path.of("/usr/bin/chromium"));
        assertThat(ChromiumLocator.resolve(null, Map.of(ChromiumLocator.ENV, " "))).isEqualTo(ChromiumLocator.DEFAULT);
    }

    @Test
    void anExecutableFileIsFine() throws IOException {
        Path chromium = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(ChromiumLocator.problem(chromium)).isNull();
    }

    @Test
    void aMissingBrowserSaysHowToInstallOneOrWhichOptionToSet() {
        String problem = ChromiumLocator.problem(dir.resolve("nowhere"));

        assertThat(problem).isEqualTo("no Chromium for --browser: " + dir.resolve("nowhere") + " does not exist."
                + " Install Chromium (on Debian: apt-get install chromium) or name its executable with --chromium PATH"
                + " or the TERMPRESS_CHROMIUM environment variable.");
    }

    @Test
    void aFileThatCannotRunOrAFolderIsNotABrowser() throws IOException {
        Path plain = Files.writeString(dir.resolve("chromium"), "not a program");

        assertThat(ChromiumLocator.problem(plain)).contains(plain + " is not an executable file");
        assertThat(ChromiumLocator.problem(dir)).contains(dir + " is not an executable file");
    }
}
