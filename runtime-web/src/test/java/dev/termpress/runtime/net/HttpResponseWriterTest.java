package dev.termpress.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.runtime.net.HttpResponseWriter.Framing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseWriterTest {

    private static HttpRequest request(String method, String version) {
        return new HttpRequest(method, "/", version, List.of(), new byte[0]);
    }

    @Test
    void framingFollowsTheRequestTheStatusAndWhatIsKnownOfTheLength() {
        assertThat(HttpResponseWriter.framing(request("GET", "HTTP/1.1"), 200, -1)).isEqualTo(Framing.CHUNKED);
        assertThat(HttpResponseWriter.framing(request("GET", "HTTP/1.1"), 200, 12)).isEqualTo(Framing.LENGTH);
        assertThat(HttpResponseWriter.framing(request("GET", "HTTP/1.0"), 200, -1)).isEqualTo(Framing.CLOSE);
        assertThat(HttpResponseWriter.framing(request("HEAD", "HTTP/1.1"), 200, -1)).isEqualTo(Framing.NONE);
        assertThat(HttpResponseWriter.framing(request("GET", "HTTP/1.1"), 304, -1)).isEqualTo(Framing.NONE);
        assertThat(HttpResponseWriter.framing(request("GET", "HTTP/1.1"), 204, 0)).isEqualTo(Framing.NONE);
    }

    @Test
    void theHeadSetsItsOwnFramingInsteadOfTheFetchedOne() {
        byte[] head = HttpResponseWriter.head(200, "", List.of(new HttpHeader("content-type", "text/html"),
                new HttpHeader("content-length", "99"), new HttpHeader("content-encoding", "gzip"),
                new HttpHeader("connection", "keep-alive")), Framing.CHUNKED, -1, false);
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] closing = HttpResponseWriter.head(404, "Nope", List.of(), Framing.LENGTH, 3, true);
        assertThat(new String(closing, StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 404 Nope\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
    }

    @Test
    void chunksAndTheLastChunk() {
        byte[] data = "xhello world".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(HttpResponseWriter.body(data, 1, 11, Framing.CHUNKED), StandardCharsets.US_ASCII))
                .isEqualTo("b\r\nhello world\r\n");
        assertThat(new String(HttpResponseWriter.body(data, 1, 5, Framing.LENGTH), StandardCharsets.US_ASCII))
                .isEqualTo("hello");
        assertThat(new String(HttpResponseWriter.end(Framing.CHUNKED), StandardCharsets.US_ASCII)).isEqualTo("0\r\n\r\n");
        assertThat(HttpResponseWriter.end(Framing.CLOSE)).isEmpty();
    }

    @Test
    void aPlainAnswerIsOneLineAndCloses() {
        String text = new String(HttpResponseWriter.plain(request("GET", "HTTP/1.1"), 502, "no CORS"),
                StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 8\r\nConnection: close\r\n\r\nno CORS\n");
        assertThat(new String(HttpResponseWriter.plain(request("HEAD", "HTTP/1.1"), 502, "no CORS"),
                StandardCharsets.UTF_8)).endsWith("\r\n\r\n");
    }
}
