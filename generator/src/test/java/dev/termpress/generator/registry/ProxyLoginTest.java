package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.cli.TermpressCommand;
import dev.termpress.generator.config.SiteConfigLoader;
import dev.termpress.generator.diag.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through {@link TestProxy}, which sends every request to a {@link FakeRegistry}: a login in the
 * proxy URL goes out as {@code Proxy-Authorization} and is never printed, and {@code insecure_registries}
 * decides between plain HTTP (a proxied GET) and HTTPS (a CONNECT tunnel) for a host that is not loopback.
 */
class ProxyLoginTest {

    /** alice:s3cret, as RFC 7617 encodes it. */
    private static final String ALICE = "Basic YWxpY2U6czNjcmV0";
    private static final String HOST = "registry.lan:5000";

    @TempDir
    Path temp;
    private FakeRegistry registry;
    private TestProxy proxy;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        registry.addLayout(RegistryImagesTest.BUSYBOX, "1");
        int registryPort = Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1));
        proxy = new TestProxy(registryPort, ALICE);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        registry.close();
    }

    private Path site(String extra) throws Exception {
        Path site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("termpress.yaml"), extra + "images:\n  box: " + HOST + "/busybox:1\n");
        return site;
    }

    private Path pull(Path site, Map<String, String> env) throws Exception {
        PullSettings settings = new PullSettings(PullSettings.Mode.PINNED, new BlobCache(temp.resolve("cache")),
                new Credentials(Map.of(), temp.resolve("none.json")), new EnvironmentProxies(env), Set.of(),
                Duration.ofMillis(5), notice -> {});
        return new RegistryImages(settings, status -> {}).resolve(SiteConfigLoader.load(site), site)
                .image("box").orElseThrow().source();
    }

    private static String message(Throwable e) {
        return e instanceof BuildException b ? String.join("\n", b.errors().stream().map(x -> x.format()).toList())
                : e.toString();
    }

    @Test
    void anInsecureRegistryIsPulledOverPlainHttpWithTheProxyLogin() throws Exception {
        Path site = site("insecure_registries: [" + HOST + "]\n");
        Path layout = pull(site, Map.of("HTTP_PROXY", "http://alice:s3cret@127.0.0.1:" + proxy.port()));
        assertThat(layout.resolve("index.json")).exists();
        assertThat(proxy.seen).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.requestLine()).startsWith("GET http://" + HOST + "/v2/busybox/");
            assertThat(seen.proxyAuthorization()).isEqualTo(ALICE);
        });
    }

    @Test
    void aRegistryNotListedAsInsecureIsAskedOverHttpsThroughATunnelWithTheLogin() throws Exception {
        Path site = site("");
        Files.createDirectories(site.resolve("content"));
        Files.writeString(site.resolve("content/index.md"), "# Hi\n\n```container image=box\n$ true\n```\n");
        // termpress's own process: main() lets the JDK send the Basic login on CONNECT, which it withholds by default.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:-UsePerfData", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                TermpressCommand.class.getName(), "build", site.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("build.log").toFile());
        builder.environment().put("HTTPS_PROXY", "http://alice:s3cret@127.0.0.1:" + proxy.port());
        builder.environment().put("XDG_CACHE_HOME", temp.resolve("xdg").toString());
        Process build = builder.start();
        try {
            assertThat(build.waitFor(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            build.destroyForcibly();
        }
        String log = Files.readString(temp.resolve("build.log"));
        assertThat(build.exitValue()).as(log).isEqualTo(1);
        // The tunnel leads to a registry that speaks plain HTTP: the TLS handshake fails.
        assertThat(log).contains("image \"box\": " + HOST + "/busybox:1: cannot reach " + HOST)
                .contains("(if this registry speaks plain HTTP, list " + HOST + " under insecure_registries in termpress.yaml)")
                .doesNotContain("s3cret");
        assertThat(proxy.seen).isNotEmpty().allSatisfy(seen -> {
            assertThat(seen.requestLine()).isEqualTo("CONNECT " + HOST + " HTTP/1.1");
            assertThat(seen.proxyAuthorization()).isEqualTo(ALICE);
        });
    }

    @Test
    void whereTheJavaRuntimeWithholdsTheTunnelLoginTheErrorSaysSo() throws Exception {
        // This test JVM never ran main(), so the JDK keeps its default and sends CONNECT without the login.
        assertThat(System.getProperty("jdk.http.auth.tunneling.disabledSchemes")).isNull();
        Path site = site("");
        assertThatThrownBy(() -> pull(site, Map.of("HTTPS_PROXY", "http://alice:s3cret@127.0.0.1:" + proxy.port())))
                .satisfies(e -> assertThat(message(e)).contains("the proxy 127.0.0.1:" + proxy.port() + " wants a login"
                        + " (HTTP 407 Proxy Authentication Required), and this Java runtime does not send Basic logins"
                        + " through HTTPS tunnels: run termpress through its launcher, or start Java with"
                        + " -Djdk.http.auth.tunneling.disabledSchemes= (login in HTTPS_PROXY: user alice of the proxy"
                        + " 127.0.0.1:" + proxy.port() + ")").doesNotContain("s3cret"));
    }

    @Test
    void aWrongProxyPasswordIsAnErrorThatNamesTheUserNotThePassword() throws Exception {
        Path site = site("insecure_registries: [" + HOST + "]\n");
        assertThatThrownBy(() -> pull(site, Map.of("HTTP_PROXY", "http://alice:wr%40ng@127.0.0.1:" + proxy.port())))
                .satisfies(e -> assertThat(message(e))
                        .contains("the proxy 127.0.0.1:" + proxy.port() + " refused the login (HTTP 407 Proxy"
                                + " Authentication Required); login tried: user alice of the proxy 127.0.0.1:"
                                + proxy.port() + ", from HTTP_PROXY")
                        .doesNotContain("wr@ng").doesNotContain("wr%40ng"));
        assertThat(proxy.seen).first().satisfies(seen -> assertThat(seen.proxyAuthorization())
                .isEqualTo("Basic YWxpY2U6d3JAbmc="));
    }

    @Test
    void aProxyThatWantsALoginAndGotNoneSaysWhereToPutIt() throws Exception {
        Path site = site("insecure_registries: [" + HOST + "]\n");
        assertThatThrownBy(() -> pull(site, Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port())))
                .satisfies(e -> assertThat(message(e)).contains("the proxy 127.0.0.1:" + proxy.port()
                        + " wants a login (HTTP 407 Proxy Authentication Required); give it in the proxy URL:"
                        + " HTTP_PROXY=http://USER:PASSWORD@127.0.0.1:" + proxy.port()));
    }
}
