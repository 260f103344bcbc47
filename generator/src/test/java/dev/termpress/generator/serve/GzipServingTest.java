package dev.termpress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code termpress serve}'s content coding, over real HTTP (java.net.http sends no Accept-Encoding of its own). */
class GzipServingTest {

    private static final String ACCEPT = "gzip, deflate, br";

    @TempDir
    Path root;

    private DevServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private byte[] script;

    @BeforeEach
    void start() throws Exception {
        script = "export function run() { return 42; }\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("assets/runtime"));
        Files.write(root.resolve("assets/runtime/runtime.js"), script);
        Files.createDirectories(root.resolve("images/blobs/sha256"));
        Files.write(root.resolve("images/blobs/sha256/abc123"), script); // compressible bytes, but a blob
        Files.writeString(root.resolve("index.html"), "<html><body>" + "<p>hello</p>".repeat(200) + "</body></html>");
        server = new DevServer(root, new InetSocketAddress("127.0.0.1", 0), false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return DevServerRequests.get(client, server, path, headers);
    }

    private static byte[] inflate(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void sendsScriptsGzipCodedWhenAcceptedAndTheBodyInflatesToTheFile() throws Exception {
        HttpResponse<byte[]> response = get("/assets/runtime/runtime.js", "Accept-Encoding", ACCEPT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length));
        assertThat(response.body().length).isLessThan(script.length / 10);
        assertThat(inflate(response.body())).isEqualTo(script);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue(ContentNamedFiles.CACHE_FOREVER);
    }

    @Test
    void sendsTheFileAsItIsWithoutTheHeaderButStillVaries() throws Exception {
        HttpResponse<byte[]> response = get("/assets/runtime/runtime.js");
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(response.body()).isEqualTo(script);

        assertThat(get("/assets/runtime/runtime.js", "Accept-Encoding", "gzip;q=0").body()).isEqualTo(script);
    }

    @Test
    void leavesRangeRequestsUncoded() throws Exception {
        HttpResponse<byte[]> response = get("/assets/runtime/runtime.js", "Accept-Encoding", ACCEPT, "Range", "bytes=10-19");
        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(script, 10, 20));
    }

    @Test
    void leavesBlobsUncoded() throws Exception {
        HttpResponse<byte[]> response = get("/images/blobs/sha256/abc123", "Accept-Encoding", ACCEPT);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Vary")).isEmpty();
        assertThat(response.body()).isEqualTo(script);
    }

    @Test
    void codesPagesAndHeadReportsTheCodedLength() throws Exception {
        HttpResponse<byte[]> page = get("/", "Accept-Encoding", ACCEPT);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(inflate(page.body()), StandardCharsets.UTF_8)).startsWith("<html><body><p>hello</p>");

        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Accept-Encoding", ACCEPT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(page.body().length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anEditedFileIsCodedAfresh() throws Exception {
        Path file = root.resolve("assets/runtime/runtime.js");
        get("/assets/runtime/runtime.js", "Accept-Encoding", ACCEPT);
        byte[] edited = "export const edited = true;\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        Files.write(file, edited);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));

        assertThat(inflate(get("/assets/runtime/runtime.js", "Accept-Encoding", ACCEPT).body())).isEqualTo(edited);
    }
}
