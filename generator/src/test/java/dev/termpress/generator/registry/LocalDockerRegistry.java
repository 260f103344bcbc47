package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (the CNCF distribution server) on a free port of 127.0.0.1, storing under a
 * test's folder, with images pushed into it by skopeo. Where either binary is missing the test is
 * skipped, unless {@code TERMPRESS_REQUIRE_REGISTRY} is set (.ci/run sets it after installing both),
 * where it fails: CI must not skip these tests silently.
 */
final class LocalDockerRegistry implements AutoCloseable {

    static final String REQUIRE = "TERMPRESS_REQUIRE_REGISTRY";

    private final Path dir;
    private final int port;
    private Process server;

    private LocalDockerRegistry(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** Starts a registry storing under {@code dir}; skips (or, in CI, fails) the test without the tools. */
    static LocalDockerRegistry start(Path dir) throws Exception {
        boolean installed = onPath("docker-registry") && onPath("skopeo");
        if (System.getenv(REQUIRE) != null) {
            assertThat(installed).as("docker-registry and skopeo installed (" + REQUIRE + " is set)").isTrue();
        }
        assumeThat(installed).as("docker-registry and skopeo installed").isTrue();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
                + dir.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process server = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalDockerRegistry registry = new LocalDockerRegistry(dir, port, server);
        registry.waitForPort();
        return registry;
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** Pushes the first image of the OCI layout {@code layout} as {@code repository:tag}, byte for byte. */
    void push(Path layout, String repositoryAndTag) throws Exception {
        assumeThat(Files.isDirectory(layout)).as(layout + " exists").isTrue();
        Path log = dir.resolve("skopeo.log");
        Process copy = new ProcessBuilder("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
                "oci:" + layout + ":latest", "docker://" + host() + "/" + repositoryAndTag)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(copy.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(copy.exitValue()).as(Files.readString(log)).isZero();
    }

    /** Stops the server: from here on nothing answers on its port. */
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            server = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static boolean onPath(String binary) {
        for (String path : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(path, binary))) {
                return true;
            }
        }
        return false;
    }

    private void waitForPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("docker-registry did not listen on " + host());
    }
}
