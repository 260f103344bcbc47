package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code termpress serve} answers a warm visit's revalidations with 304 and no body, and a changed file in full. */
class ConditionalGetTest {

    private static final Instant WRITTEN = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path root;

    private DevServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("assets"));
        Files.writeString(root.resolve("assets/termpress-runtime.js"), "console.log('runtime');\n".repeat(100));
        Files.setLastModifiedTime(root.resolve("assets/termpress-runtime.js"), FileTime.from(WRITTEN));
        Files.writeString(root.resolve("index.html"), "<html><body><p>hello</p></body></html>");
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
    void aMatchingEntityTagGets304WithoutABody() throws Exception {
        HttpResponse<byte[]> first = get("/assets/termpress-runtime.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Last-Modified")).hasValue("Tue, 01 Dec 2026 10:00:00 GMT");

        HttpResponse<byte[]> again = get("/assets/termpress-runtime.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");

        assertThat(get("/assets/termpress-runtime.js", "If-None-Match", "\"other\", W/" + etag).statusCode())
                .as("a weak form in a list matches too").isEqualTo(304);
    }

    @Test
    void aChangedFileGetsItsNewBytesAndANewTag() throws Exception {
        String etag = get("/assets/termpress-runtime.js").headers().firstValue("ETag").orElseThrow();
        Files.writeString(root.resolve("assets/termpress-runtime.js"), "console.log('edited');\n");

        HttpResponse<byte[]> after = get("/assets/termpress-runtime.js", "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(new String(after.body())).isEqualTo("console.log('edited');\n");
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void ifModifiedSinceIsUsedWhenThereIsNoEntityTag() throws Exception {
        assertThat(get("/assets/termpress-runtime.js", "If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT").statusCode())
                .isEqualTo(304);
        assertThat(get("/assets/termpress-runtime.js", "If-Modified-Since", "Mon, 30 Nov 2026 10:00:00 GMT").statusCode())
                .isEqualTo(200);
        assertThat(get("/assets/termpress-runtime.js", "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
        assertThat(get("/assets/termpress-runtime.js", "If-None-Match", "\"other\"",
                "If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT").statusCode())
                .as("If-None-Match wins").isEqualTo(200);
    }

    @Test
    void eachRepresentationHasItsOwnTag() throws Exception {
        String plain = get("/assets/termpress-runtime.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> gzipped = get("/assets/termpress-runtime.js", "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(plain);
        assertThat(get("/assets/termpress-runtime.js", "Accept-Encoding", "gzip", "If-None-Match", plain).statusCode())
                .as("the plain bytes' tag does not validate the gzip-coded ones").isEqualTo(200);

        String page = get("/").headers().firstValue("ETag").orElseThrow();
        assertThat(get("/", "If-None-Match", page).statusCode()).isEqualTo(304);
    }

    @Test
    void aMissingPageIsNotAnsweredNotModified() throws Exception {
        Files.writeString(root.resolve("404.html"), "<html><body>gone</body></html>");
        HttpResponse<byte[]> missing = get("/nowhere/", "If-None-Match", "*");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("ETag")).isEmpty();
    }
}
