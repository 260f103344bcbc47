package dev.termpress.sitetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One finished command, run with exactly the environment given (nothing inherited), for tests that
 * use termpress the way a user's shell or a CI runner would.
 */
record ProcessRun(List<String> command, int status, String out, String err) {

    /** A command that has not finished after this long is killed and fails the test. */
    private static final long TIMEOUT_MINUTES = 5;

    /** Runs {@code command} in {@code cwd} with {@code env}; its output goes through files in {@code scratch}. */
    static ProcessRun run(Path cwd, List<String> command, Map<String, String> env, Path scratch)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        return new ProcessRun(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The JDK running the tests and the base system: what "nothing but a JDK" means on PATH. */
    static String jdkOnlyPath() {
        return Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin";
    }

    /** Hex sha256 of a file. */
    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    void assertStatus(int expected) {
        assertThat(status).as("%s exit status; stdout:%n%s%nstderr:%n%s", command, out, err).isEqualTo(expected);
    }
}
