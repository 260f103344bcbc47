package dev.termpress.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestReaderTest {

    private final List<HttpRequest> requests = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int continues;
    private final HttpRequestReader reader = new HttpRequestReader(new HttpRequestReader.Listener() {
        @Override
        public void request(HttpRequest request) {
            requests.add(request);
        }

        @Override
        public void continueWanted() {
            continues++;
        }

        @Override
        public void malformed(int status, String reason) {
            problems.add(status + " " + reason);
        }
    });

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        reader.feed(bytes, 0, bytes.length);
    }

    /** Feeds one byte at a time: the reader must not care where the segments end. */
    private void trickle(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, 1);
        }
    }

    @Test
    void aGetAsBusyboxWgetSendsIt() {
        trickle("GET /hello.txt HTTP/1.1\r\nHost: host.termpress.internal:8080\r\nUser-Agent: Wget\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(requests).hasSize(1);
        HttpRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.target()).isEqualTo("/hello.txt");
        assertThat(request.header("host")).isEqualTo("host.termpress.internal:8080");
        assertThat(request.closesConnection()).isTrue();
        assertThat(request.body()).isEmpty();
        assertThat(reader.idle()).isTrue();
    }

    @Test
    void pipelinedRequestsWithBodiesByLengthAndByChunks() {
        feed("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel");
        assertThat(requests).isEmpty();
        assertThat(reader.idle()).isFalse();
        feed("loPUT /b HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n"
                + "Trailer-Field: t\r\n\r\nGET /c HTTP/1.0\r\n\r\n");
        assertThat(requests).extracting(HttpRequest::target).containsExactly("/a", "/b", "/c");
        assertThat(new String(requests.get(0).body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(new String(requests.get(1).body(), StandardCharsets.US_ASCII)).isEqualTo("abc0123456789abcdef");
        assertThat(requests.get(1).closesConnection()).as("1.1 keeps the connection").isFalse();
        assertThat(requests.get(2).closesConnection()).as("1.0 without keep-alive closes").isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void expectContinueIsReportedBeforeTheBody() {
        feed("PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        assertThat(continues).isEqualTo(1);
        assertThat(requests).isEmpty();
        feed("ok");
        assertThat(requests).hasSize(1);
    }

    @Test
    void malformedInputIsRefusedOnceAndNothingMoreIsRead() {
        feed("GARBAGE\r\nGET / HTTP/1.1\r\n\r\n");
        assertThat(problems).containsExactly("400 the request line is not METHOD TARGET HTTP/1.x");
        assertThat(requests).isEmpty();
    }

    @Test
    void eachLimitHasItsStatus() {
        feed("GET / HTTP/2.0\r\n\r\n");
        feedFresh("GET / HTTP/1.1\r\nX: " + "a".repeat(HttpRequestReader.MAX_HEAD_BYTES) + "\r\n\r\n");
        feedFresh("POST / HTTP/1.1\r\nContent-Length: " + (HttpRequestReader.MAX_BODY_BYTES + 1) + "\r\n\r\n");
        feedFresh("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        feedFresh("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n");
        feedFresh("GET / HTTP/1.1\r\nno colon here\r\n\r\n");
        assertThat(problems).extracting(p -> p.substring(0, 3)).containsExactly("505", "431", "413", "400", "501", "400");
    }

    private void feedFresh(String text) {
        HttpRequestReader fresh = new HttpRequestReader(new HttpRequestReader.Listener() {
            @Override
            public void request(HttpRequest request) {
                requests.add(request);
            }

            @Override
            public void continueWanted() {
            }

            @Override
            public void malformed(int status, String reason) {
                problems.add(status + " " + reason);
            }
        });
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        fresh.feed(bytes, 0, bytes.length);
    }
}
