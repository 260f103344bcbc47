package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talks real HTTP to the dev server on a free localhost port. */
class DevServerTest {

    @TempDir
    Path root;

    private DevServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final byte[] blob = new byte[1000];

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i;
        }
        Files.write(root.resolve("runtime.wasm"), blob);
        Files.createDirectories(root.resolve("guide"));
        Files.writeString(root.resolve("guide/index.html"), "<html><body><p>guide</p></body></html>");
        Files.writeString(root.resolve("404.html"), "<html><body>not here</body></html>");
        server = new DevServer(root, new InetSocketAddress("127.0.0.1", 0), true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return DevServerRequests.get(client, server, path, headers);
    }

    @Test
    void servesWasmWithItsMimeType() throws Exception {
        HttpResponse<byte[]> response = get("/runtime.wasm");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/wasm");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.body()).isEqualTo(blob);
    }

    @Test
    void contentNamedFilesMayBeCachedForEverAndTheRestIsCheckedEachTime() throws Exception {
        Files.createDirectories(root.resolve("images/blobs/sha256"));
        Files.write(root.resolve("images/blobs/sha256/abc123"), blob);

        assertThat(get("/images/blobs/sha256/abc123").headers().firstValue("Cache-Control"))
                .hasValue(ContentNamedFiles.CACHE_FOREVER);
        assertThat(get("/runtime.wasm").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/guide/").headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/images/blobs/sha256/missing").headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void servesByteRangesWith206() throws Exception {
        HttpResponse<byte[]> response = get("/runtime.wasm", "Range", "bytes=100-109");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 100-109/1000");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(response.body()).containsExactly(java.util.Arrays.copyOfRange(blob, 100, 110));

        HttpResponse<byte[]> suffix = get("/runtime.wasm", "Range", "bytes=-4");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).containsExactly(java.util.Arrays.copyOfRange(blob, 996, 1000));
    }

    @Test
    void answersUnsatisfiableRangesWith416() throws Exception {
        HttpResponse<byte[]> response = get("/runtime.wasm", "Range", "bytes=1000-");
        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */1000");
    }

    @Test
    void redirectsFolderWithoutSlashAndServesItsIndexWithReloadScript() throws Exception {
        HttpResponse<byte[]> redirect = get("/guide");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/guide/");

        HttpResponse<byte[]> page = get("/guide/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8))
                .contains("<p>guide</p>" + LiveReload.SCRIPT + "</body>");
    }

    @Test
    void missingFilesGetTheSiteNotFoundPage() throws Exception {
        HttpResponse<byte[]> response = get("/nope/");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("not here");
    }

    @Test
    void doesNotServeOutsideTheRoot() throws Exception {
        Files.writeString(root.getParent().resolve("secret.txt"), "secret");
        HttpResponse<byte[]> response = get("/../secret.txt");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
    }

    @Test
    void headReportsLengthWithoutBody() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/runtime.wasm"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void pushesReloadEventsToListeningPages() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + LiveReload.PATH)).build();
        HttpResponse<java.io.InputStream> stream = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo(": connected");
        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return "failed: " + e;
            }
        });
        while (server.liveReload().listeners() == 0) {
            Thread.onSpinWait();
        }
        server.liveReload().reload();
        assertThat(event.get(10, TimeUnit.SECONDS)).isEqualTo("event: reload");
        stream.body().close();
    }
}
