package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.generator.build.BuildOptions;
import dev.termpress.generator.build.Progress;
import dev.termpress.generator.build.SiteBuilder;
import dev.termpress.generator.cli.TermpressCommand;
import dev.termpress.generator.image.OciImagePublisher;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second example site, content-examples/from-registry: its image is a registry reference pinned
 * by the committed termpress.lock. A pull through a real docker-registry warms the blob cache (as the
 * author's first build did), the registry is stopped, and the committed site then builds from its lock
 * file and that cache in a separate termpress process, inside a network namespace with no network
 * where the machine allows one ({@code unshare -rn}).
 */
class RegistryExampleSiteTest {

    private static final Path EXAMPLES = Path.of("..", "content-examples").toAbsolutePath().normalize();
    private static final Path SITE = EXAMPLES.resolve("from-registry");
    private static final String REFERENCE = "localhost:5000/termpress-examples/busybox:1";

    @TempDir
    Path temp;
    private LocalDockerRegistry registry;

    @AfterEach
    void stop() throws InterruptedException {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theExampleBuildsFromItsLockFileAndAWarmCacheWithTheNetworkOff() throws Exception {
        String committedLock = Files.readString(SITE.resolve(LockFile.FILE_NAME), StandardCharsets.UTF_8);
        LockFile.Pin pin = LockFile.read(SITE.resolve(LockFile.FILE_NAME)).get("busybox");
        assertThat(pin.reference()).isEqualTo(REFERENCE);
        assertThat(committedLock).as("the committed lock file is what termpress writes, so builds keep it as it is")
                .isEqualTo(LockFile.format(Map.of("busybox", pin)));

        // The author's first build: the same image, pushed to a registry and pulled into the cache.
        registry = LocalDockerRegistry.start(temp.resolve("registry"));
        registry.push(EXAMPLES.resolve("images/busybox"), "termpress-examples/busybox:1");
        Path cacheHome = temp.resolve("xdg-cache");
        Path firstPull = copySite(temp.resolve("first-pull"));
        Files.writeString(firstPull.resolve("termpress.yaml"), Files.readString(firstPull.resolve("termpress.yaml"))
                .replace("localhost:5000", registry.host()));
        Files.delete(firstPull.resolve(LockFile.FILE_NAME));
        new SiteBuilder(new OciImagePublisher(), Progress.QUIET, false).build(new BuildOptions(firstPull,
                firstPull.resolve("public"), null, false, new PullSettings(PullSettings.Mode.PINNED,
                        new BlobCache(cacheHome.resolve("termpress")), new Credentials(Map.of(), temp.resolve("none.json")),
                        ProxySelector.of(null), Set.of(), Duration.ofMillis(50), notice -> {})));
        assertThat(LockFile.read(firstPull.resolve(LockFile.FILE_NAME)).get("busybox").digest())
                .as("the registry serves the manifest termpress.lock pins").isEqualTo(pin.digest());
        registry.stop();

        Path site = copySite(temp.resolve("site"));
        for (String mode : List.of("--offline", "")) {
            Process build = termpress(cacheHome, site, mode);
            assertThat(build.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(temp.resolve("build.log"));
            assertThat(build.exitValue()).as(log).isZero();
            assertThat(log).contains("Built 1 page, 1 image");
            assertThat(site.resolve("public/images/busybox.json")).exists();
            assertThat(Files.readString(site.resolve(LockFile.FILE_NAME))).isEqualTo(committedLock);
        }
    }

    /** {@code termpress build [MODE] SITE} in its own JVM, cut off from the network where {@code unshare -rn} works. */
    private Process termpress(Path cacheHome, Path site, String mode) throws Exception {
        List<String> command = new ArrayList<>();
        if (networkNamespaceWorks()) {
            command.addAll(List.of("unshare", "-rn"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                TermpressCommand.class.getName(), "build"));
        if (!mode.isEmpty()) {
            command.add(mode);
        }
        command.add(site.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("build.log").toFile());
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        return builder.start();
    }

    private static boolean networkNamespaceWorks() throws Exception {
        if (!LocalDockerRegistry.onPath("unshare")) {
            return false;
        }
        Process probe = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    private static Path copySite(Path target) throws Exception {
        try (Stream<Path> files = Files.walk(SITE)) {
            for (Path file : files.toList()) {
                Path relative = SITE.relativize(file);
                if (relative.startsWith("public") || relative.toString().startsWith(".public")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }
}
