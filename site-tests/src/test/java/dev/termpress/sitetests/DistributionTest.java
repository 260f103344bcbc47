package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives that {@code mvn package} writes, used as a new user would: unpacked into an
 * empty folder and run with nothing but a JDK on {@code PATH} (no Maven, no Node.js, no checkout).
 */
class DistributionTest {

    /** termpress-VERSION, beside which the archives lie (set by the pom). */
    private static final Path PREFIX = Path.of(System.getProperty("termpress.distribution",
            "../generator/target/termpress-0.1.0-SNAPSHOT"));
    private static final String NAME = PREFIX.getFileName().toString();
    private static final Path TAR = PREFIX.resolveSibling(NAME + ".tar.gz");
    private static final Path ZIP = PREFIX.resolveSibling(NAME + ".zip");
    private static final Path BROWSER_TAR = PREFIX.resolveSibling(NAME + "-browser.tar.gz");

    @TempDir
    static Path dir;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        // Without a packaged generator (mvn test alone) there is nothing to test; once termpress.jar
        // exists the archives must too, so a broken assembly cannot hide behind a skip.
        assumeTrue(Files.isRegularFile(PREFIX.resolveSibling("termpress.jar")),
                "the generator is not packaged (run mvn package or verify)");
        assertThat(TAR).as("mvn package writes the distribution").isRegularFile();
        run(dir, List.of("tar", "xzf", TAR.toString()), Map.of()).assertStatus(0);
        home = dir.resolve(NAME);
    }

    @Test
    void eachArchiveMatchesItsSha256File() throws Exception {
        for (Path archive : List.of(TAR, ZIP, BROWSER_TAR)) {
            Path sums = archive.resolveSibling(archive.getFileName() + ".sha256");
            assertThat(Files.readString(sums, StandardCharsets.US_ASCII))
                    .as("%s, in sha256sum's format", sums)
                    .isEqualTo(ProcessRun.sha256(archive) + " *" + archive.getFileName() + "\n");
        }
    }

    @Test
    void theZipHoldsTheSameFilesAsTheTarball() throws Exception {
        List<String> zipped = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> zipped.add(entry.getName()));
        }
        assertThat(zipped).containsExactlyInAnyOrder(NAME + "/README.md", NAME + "/bin/termpress",
                NAME + "/bin/termpress.cmd", NAME + "/lib/termpress.jar");
        assertThat(home.resolve("bin/termpress")).isExecutable();
        assertThat(Files.readString(home.resolve("bin/termpress.cmd"))).contains("\r\n");
        assertThat(Files.readString(home.resolve("README.md"))).startsWith("# termpress " + NAME.substring("termpress-".length()) + "\n")
                .doesNotContain("${");
    }

    @Test
    void aNewSiteInitsBuildsAndChecksWithNothingButAJdk() throws Exception {
        Path work = Files.createDirectories(dir.resolve("user"));
        Path termpress = home.resolve("bin/termpress");

        ProcessRun version = run(work, List.of(termpress.toString(), "--version"), Map.of());
        version.assertStatus(0);
        assertThat(version.out()).startsWith("termpress " + NAME.substring("termpress-".length()) + "\n")
                .contains("kernel: Linux ");

        run(work, List.of(termpress.toString(), "init", "site"), Map.of()).assertStatus(0);
        ProcessRun build = run(work, List.of(termpress.toString(), "build", "site"), Map.of());
        build.assertStatus(0);
        assertThat(build.out()).contains("Built 1 page");
        assertThat(work.resolve("site/public/index.html")).isRegularFile();
        ProcessRun check = run(work, List.of(termpress.toString(), "check", "site"), Map.of());
        check.assertStatus(0);
        assertThat(check.out()).contains("all outputs match");
    }

    @Test
    void aSymlinkedLauncherFindsItsInstallation() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr-local-bin"));
        Path link = Files.createSymbolicLink(bin.resolve("termpress"), home.resolve("bin/termpress"));

        ProcessRun version = run(dir, List.of(link.toString(), "--version"), Map.of());

        version.assertStatus(0);
        assertThat(version.out()).startsWith("termpress ");
    }

    @Test
    void aWrongJavaHomeIsNamed() throws Exception {
        ProcessRun result = run(dir, List.of(home.resolve("bin/termpress").toString(), "--version"),
                Map.of("JAVA_HOME", dir.resolve("no-such-jdk").toString()));

        result.assertStatus(2);
        assertThat(result.err()).contains("JAVA_HOME is " + dir.resolve("no-such-jdk")).contains("JDK 17 or newer");
    }

    @Test
    void browserChecksSayWhichArchiveAddsPlaywrightThenWorkOnceItIsUnpacked() throws Exception {
        Path install = Files.createDirectories(dir.resolve("with-browser"));
        run(install, List.of("tar", "xzf", TAR.toString()), Map.of()).assertStatus(0);
        Path termpress = install.resolve(NAME + "/bin/termpress");
        Path work = Files.createDirectories(dir.resolve("browser-user"));
        run(work, List.of(termpress.toString(), "init", "site"), Map.of()).assertStatus(0);
        // An executable that is not launched: the check stops at the missing jars before it starts a browser.
        Path fakeChromium = Files.writeString(dir.resolve("fake-chromium"), "#!/bin/sh\nexit 1\n");
        fakeChromium.toFile().setExecutable(true);

        ProcessRun without = run(work, List.of(termpress.toString(), "check", "--browser", "--chromium",
                fakeChromium.toString(), "site"), Map.of());
        without.assertStatus(1);
        assertThat(without.err()).contains("unpack " + NAME + "-browser.tar.gz over this installation: it adds lib/browser/");

        run(install, List.of("tar", "xzf", BROWSER_TAR.toString()), Map.of()).assertStatus(0);
        Path chromium = Chromium.executable();
        assumeTrue(Files.isExecutable(chromium), chromium + " is not installed");
        ProcessRun with = run(work, List.of(termpress.toString(), "check", "--browser", "--chromium", chromium.toString(),
                "site"), Map.of());
        with.assertStatus(0);
        assertThat(with.out()).contains("all outputs match");
    }

    /** Runs a command with only this JDK's bin and the base system on PATH, HOME in the temp folder. */
    private static ProcessRun run(Path cwd, List<String> command, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("PATH", ProcessRun.jdkOnlyPath());
        env.putIfAbsent("HOME", dir.toString());
        return ProcessRun.run(cwd, command, env, dir);
    }
}
