package dev.termpress.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyRequestsTest {

    private static final PageOrigin PAGE = new PageOrigin("http", "127.0.0.1");
    private static final PageOrigin SECURE_PAGE = new PageOrigin("https", "docs.example.org");
    private static final Destination NAMED = new Destination(Destination.Kind.NAME, "example.com", 80);

    private static HttpRequest get(String target, String... headerPairs) {
        List<HttpHeader> headers = new ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(new HttpHeader(headerPairs[i], headerPairs[i + 1]));
        }
        return new HttpRequest("GET", target, "HTTP/1.1", headers, new byte[0]);
    }

    @Test
    void theUrlComesFromTheHostHeader() {
        assertThat(ProxyRequests.url(get("/a?b=1#frag", "Host", "example.com"), NAMED, PAGE))
                .isEqualTo("http://example.com/a?b=1");
        assertThat(ProxyRequests.url(get("/a", "Host", "example.com:8080"), NAMED, PAGE))
                .isEqualTo("http://example.com:8080/a");
        assertThat(ProxyRequests.url(get("/a"), NAMED, PAGE)).as("HTTP/1.0 without Host: the name resolved")
                .isEqualTo("http://example.com/a");
    }

    @Test
    void thePageHostIsReachedByNameByTheGatewayAndOnTheConnectionsPort() {
        Destination gateway = new Destination(Destination.Kind.PAGE_HOST, null, 4000);
        assertThat(ProxyRequests.url(get("/x", "Host", "host.termpress.internal:4000"), gateway, PAGE))
                .isEqualTo("http://127.0.0.1:4000/x");
        assertThat(ProxyRequests.url(get("/x", "Host", "10.0.2.2:4000"), gateway, SECURE_PAGE))
                .isEqualTo("https://docs.example.org:4000/x");
        assertThat(ProxyRequests.url(get("/x", "Host", "host.termpress.internal"),
                new Destination(Destination.Kind.PAGE_HOST, null, 443), SECURE_PAGE))
                .isEqualTo("https://docs.example.org/x");
        assertThat(ProxyRequests.url(get("http://host.termpress.internal:9000/y"), NAMED, PAGE))
                .as("absolute form, as to a proxy").isEqualTo("http://127.0.0.1:9000/y");
    }

    @Test
    void anHttpsPageFetchesHttpsSinceHttpWouldBeMixedContent() {
        assertThat(ProxyRequests.url(get("/p", "Host", "example.com"), NAMED, SECURE_PAGE))
                .isEqualTo("https://example.com/p");
        assertThat(ProxyRequests.url(get("/p", "Host", "localhost:8000"), NAMED, SECURE_PAGE))
                .as("loopback is allowed over http").isEqualTo("http://localhost:8000/p");
    }

    @Test
    void targetsThatAreNotUrlsAreRefused() {
        assertThat(ProxyRequests.url(get("*"), NAMED, PAGE)).isNull();
        assertThat(ProxyRequests.url(get("/x", "Host", "user@evil"), NAMED, PAGE)).isNull();
        assertThat(ProxyRequests.translate(get("ftp://x/"), NAMED, PAGE).refusal()).contains("ftp://x/");
    }

    @Test
    void framingHopAndBrowserOwnedHeadersAreLeftOut() {
        ProxyRequests.Outcome outcome = ProxyRequests.translate(get("/", "Host", "example.com", "User-Agent", "Wget",
                "Connection", "close", "Accept", "*/*", "Accept-Encoding", "gzip", "Authorization", "Bearer t",
                "X-Custom", "1"), NAMED, PAGE);
        assertThat(outcome.refusal()).isNull();
        assertThat(outcome.request().headers()).extracting(HttpHeader::name)
                .containsExactly("Accept", "Authorization", "X-Custom");
        assertThat(outcome.request().body()).as("GET has none").isNull();
    }

    @Test
    void whatTheBrowserForbidsIsRefusedWithOneLine() {
        assertThat(ProxyRequests.translate(get("/", "Host", "example.com", "Cookie", "a=b"), NAMED, PAGE).refusal())
                .isEqualTo("the browser does not let a page send the Cookie header (http://example.com/)");
        assertThat(ProxyRequests.translate(new HttpRequest("CONNECT", "example.com:443", "HTTP/1.1", List.of(),
                new byte[0]), NAMED, PAGE).refusal()).startsWith("the browser cannot send a CONNECT request");
        assertThat(ProxyRequests.translate(new HttpRequest("GET", "/", "HTTP/1.1",
                List.of(new HttpHeader("Host", "example.com")), new byte[] {1}), NAMED, PAGE).refusal())
                .contains("body with a GET");
    }

    @Test
    void aPostKeepsItsBody() {
        FetchRequest post = ProxyRequests.translate(new HttpRequest("POST", "/api", "HTTP/1.1",
                List.of(new HttpHeader("Host", "example.com"), new HttpHeader("Content-Type", "application/json"),
                        new HttpHeader("Content-Length", "2")), "{}".getBytes()), NAMED, PAGE).request();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.body()).containsExactly('{', '}');
        assertThat(post.headers()).extracting(HttpHeader::name).containsExactly("Content-Type");
    }
}
