package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a fake registry in the JDK's HttpServer: token flow, redirects, retries, verification. */
class RegistryClientTest {

    private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);
    private static final String BLOB_DIGEST = digest(BLOB);
    private static final String RISCV = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}";
    private static final String RISCV_DIGEST = digest(RISCV.getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;
    private HttpServer server;
    private final List<String> seenAuth = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", ex -> {
            assertThat(ex.getRequestURI().getQuery()).contains("scope=repository:demo/app:pull");
            FakeRegistry.reply(ex, 200, "application/json", "{\"token\":\"t0k3n\"}".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/v2/", this::v2);
        server.createContext("/storage/", ex -> {
            seenAuth.add("storage:" + ex.getRequestHeaders().getFirst("Authorization"));
            FakeRegistry.reply(ex, 200, "application/octet-stream", BLOB);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private void v2(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String path = ex.getRequestURI().getPath();
        if (!"Bearer t0k3n".equals(auth)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:" + port()
                    + "/token\",service=\"fake\",scope=\"repository:demo/app:pull\"");
            FakeRegistry.reply(ex, 401, "application/json", new byte[0]);
            return;
        }
        seenAuth.add("registry:" + auth);
        switch (path) {
            case "/v2/demo/app/manifests/multi" -> FakeRegistry.reply(ex, 200, "application/vnd.oci.image.index.v1+json",
                    ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                            + "{\"digest\":\"sha256:" + "b".repeat(64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},"
                            + "{\"digest\":\"" + RISCV_DIGEST + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"riscv64\"}}]}")
                            .getBytes(StandardCharsets.UTF_8));
            case "/v2/demo/app/manifests/amd64only" -> FakeRegistry.reply(ex, 200, "application/vnd.oci.image.index.v1+json",
                    ("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + "b".repeat(64)
                            + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}},{\"digest\":\"sha256:"
                            + "c".repeat(64) + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}}]}")
                            .getBytes(StandardCharsets.UTF_8));
            default -> {
                if (path.equals("/v2/demo/app/manifests/" + RISCV_DIGEST)) {
                    FakeRegistry.reply(ex, 200, "application/vnd.oci.image.manifest.v1+json", RISCV.getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/v2/demo/app/blobs/" + BLOB_DIGEST)) {
                    // To "blob storage" on another authority (localhost vs 127.0.0.1): Authorization must not follow.
                    ex.getResponseHeaders().add("Location", "http://localhost:" + port() + "/storage/x");
                    FakeRegistry.reply(ex, 307, "text/plain", new byte[0]);
                } else if (path.equals("/v2/demo/app/blobs/sha256:" + "d".repeat(64))) {
                    FakeRegistry.reply(ex, 200, "application/octet-stream", BLOB);
                } else if (path.equals("/v2/demo/app/blobs/sha256:" + "e".repeat(64))) {
                    if (throttled.getAndIncrement() < 2) {
                        FakeRegistry.reply(ex, 429, "text/plain", new byte[0]);
                    } else {
                        FakeRegistry.reply(ex, 404, "text/plain", new byte[0]);
                    }
                } else {
                    FakeRegistry.reply(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private RegistryClient client() {
        return new RegistryClient(new Credentials(Map.of(), temp.resolve("none.json")), Set.of(), Duration.ofMillis(5));
    }

    private ImageReference ref(String tag) {
        return ImageReference.parse("127.0.0.1:" + port() + "/demo/app:" + tag);
    }

    @Test
    void tokenFlowThenIndexPicksLinuxRiscv64() throws Exception {
        RegistryClient.FetchedManifest manifest = client().riscv64Manifest(ref("multi"));
        assertThat(manifest.digest()).isEqualTo(RISCV_DIGEST);
        assertThat(manifest.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(seenAuth).allMatch(a -> a.equals("registry:Bearer t0k3n"));
    }

    @Test
    void anIndexWithoutRiscv64ListsWhatItHas() {
        assertThatThrownBy(() -> client().riscv64Manifest(ref("amd64only")))
                .hasMessageContaining("/demo/app:amd64only: no linux/riscv64 image; it has linux/amd64, linux/arm/v7");
    }

    @Test
    void blobsFollowRedirectsWithoutCredentialsAndAreVerified() throws Exception {
        Path target = temp.resolve("cache/blob");
        client().blob(ref("multi"), BLOB_DIGEST, BLOB.length, target);
        assertThat(Files.readAllBytes(target)).isEqualTo(BLOB);
        assertThat(seenAuth).contains("storage:null").doesNotContain("storage:Bearer t0k3n");
    }

    @Test
    void aDigestMismatchIsRejectedAndNothingIsWritten() {
        Path target = temp.resolve("cache/bad");
        assertThatThrownBy(() -> client().blob(ref("multi"), "sha256:" + "d".repeat(64), BLOB.length, target))
                .hasMessageContaining("digest mismatch").hasMessageContaining("nothing cached");
        assertThat(target).doesNotExist();
        assertThat(temp.resolve("cache")).isEmptyDirectory();
    }

    @Test
    void retriesOn429ThenReportsNotFoundNamingTheRepository() {
        assertThatThrownBy(() -> client().blob(ref("multi"), "sha256:" + "e".repeat(64), 1, temp.resolve("c/x")))
                .hasMessageContaining("not found (HTTP 404)").hasMessageContaining("repository demo/app");
        assertThat(throttled.get()).isEqualTo(3);
    }

    @Test
    void unknownTagsAreNotFound() {
        assertThatThrownBy(() -> client().manifest(ref("nope"), "nope"))
                .hasMessageContaining("not found (HTTP 404): manifest nope of repository demo/app");
    }

    @Test
    void plainHttpOnlyForLoopbackAndListedHosts() {
        RegistryClient client = new RegistryClient(new Credentials(Map.of(), temp), Set.of("lab.internal:5000"), Duration.ZERO);
        assertThat(client.base(ImageReference.parse("localhost:5000/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("127.0.0.5/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("lab.internal:5000/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("lab.internal/a")).getScheme()).isEqualTo("https");
        assertThat(client.base(ImageReference.parse("alpine")).toString()).isEqualTo("https://registry-1.docker.io/v2/library/alpine/");
    }

    @Test
    void aListedHostWithoutPortAllowsEveryPortOfIt() {
        RegistryClient client = new RegistryClient(new Credentials(Map.of(), temp),
                Set.of("lab.internal", "10.1.2.3:5000", "[fd00::1]"), Duration.ZERO);
        assertThat(client.base(ImageReference.parse("lab.internal/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("LAB.internal:8443/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("other.internal/a")).getScheme()).isEqualTo("https");
        assertThat(client.base(ImageReference.parse("10.1.2.3:5000/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("10.1.2.3:5001/a")).getScheme()).isEqualTo("https");
        assertThat(client.base(ImageReference.parse("[fd00::1]:5000/a")).getScheme()).isEqualTo("http");
        assertThat(client.base(ImageReference.parse("[fd00::2]:5000/a")).getScheme()).isEqualTo("https");
    }

    @Test
    void credentialsComeFromTheEnvironmentThenDockerConfigAndAreNeverPrinted() throws IOException {
        Path config = temp.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"lab.internal:5000\":{\"auth\":\"YWxpY2U6czNjcmV0\"}}}");
        Credentials fromConfig = new Credentials(Map.of(), config);
        assertThat(fromConfig.forRegistry("lab.internal:5000").basicHeader()).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(fromConfig.describe("lab.internal:5000")).contains("alice").doesNotContain("s3cret");
        assertThat(fromConfig.forRegistry("other.internal")).isNull();
        Credentials fromEnv = new Credentials(Map.of("TERMPRESS_REGISTRY_USERNAME", "bob",
                "TERMPRESS_REGISTRY_PASSWORD", "pw", "TERMPRESS_REGISTRY_HOST", "other.internal"), config);
        assertThat(fromEnv.forRegistry("other.internal").user()).isEqualTo("bob");
        assertThat(fromEnv.forRegistry("lab.internal:5000").user()).isEqualTo("alice");
    }

    private static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
