package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./termpress} launcher passes the class-data-sharing archive to the JVM when the package
 * build made one, runs the jar without it when there is none, and stays silent when the archive does not fit.
 */
class LauncherScriptTest {

    /** The launcher, from the generator module's directory (where Maven runs the tests). */
    private static final Path LAUNCHER = Path.of("../termpress").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A checkout's layout with the real launcher and an empty stand-in jar; {@code java} on PATH echoes its arguments. */
    private Path checkoutWithEchoingJava() throws IOException {
        Path checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("generator/target"));
        Files.copy(LAUNCHER, checkout.resolve("termpress"));
        Files.writeString(checkout.resolve("generator/target/termpress.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return checkout;
    }

    @Test
    void passesTheArchiveWhenThePackageBuildMadeOne() throws Exception {
        Path checkout = checkoutWithEchoingJava();
        Path archive = Files.writeString(checkout.resolve("generator/target/termpress.jsa"), "archive");
        Result run = run(checkout, dir.resolve("bin"), "build", "site");
        assertThat(run.out().lines().toList()).containsExactly("-XX:SharedArchiveFile=" + archive.toRealPath(),
                "-Xlog:cds=off,cds+dynamic=off", "-jar", checkout.resolve("generator/target/termpress.jar").toRealPath()
                        .toString(), "build", "site");
    }

    @Test
    void runsTheJarAloneWithoutAnArchive() throws Exception {
        Path checkout = checkoutWithEchoingJava();
        Result run = run(checkout, dir.resolve("bin"), "--version");
        assertThat(run.out().lines().toList()).containsExactly("-jar",
                checkout.resolve("generator/target/termpress.jar").toRealPath().toString(), "--version");
    }

    @Test
    void aRealJvmIgnoresAnArchiveThatDoesNotFitWithoutAWord() throws Exception {
        Path jar = LAUNCHER.resolveSibling("generator/target/termpress.jar");
        assumeTrue(Files.isRegularFile(jar), "termpress.jar is not packaged (mvn test alone)");
        Path checkout = dir.resolve("real");
        Files.createDirectories(checkout.resolve("generator/target"));
        Files.copy(LAUNCHER, checkout.resolve("termpress"));
        Files.createSymbolicLink(checkout.resolve("generator/target/termpress.jar"), jar);
        Files.writeString(checkout.resolve("generator/target/termpress.jsa"), "not an archive made for this JVM\n");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        Result run = run(checkout, javaBin, "--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("termpress ");
        assertThat(run.err()).isEmpty();
    }

    private record Result(int status, String out, String err) {}

    private Result run(Path checkout, Path pathFirst, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", checkout.resolve("termpress").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", pathFirst + ":/usr/bin:/bin");
        builder.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }
}
