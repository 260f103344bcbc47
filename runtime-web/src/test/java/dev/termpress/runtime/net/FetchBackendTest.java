package dev.termpress.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.NetworkBackend;
import dev.termpress.emulator.net.StreamListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy end to end on the JVM: what a guest client sends on a connection and what it gets back. */
class FetchBackendTest {

    private static final byte[] GATEWAY_AS_HOST = {127, 0, 0, 1};
    private static final byte[] SOME_ADDRESS = {93, (byte) 184, (byte) 215, 14};

    private final FakeFetcher fetcher = new FakeFetcher();
    private final List<String> notices = new ArrayList<>();
    private final FetchBackend backend = new FetchBackend(fetcher, new PageOrigin("http", "127.0.0.1"), notices::add);
    private int wakeUps;

    {
        backend.onEvent(() -> wakeUps++);
    }

    /** What the stack hears on one connection. */
    private static final class Guest implements StreamListener {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean connected;
        boolean ended;
        String failure;
        HostStream stream;
        /** Pauses reading once this many bytes came, as the stack does when its send buffer fills. */
        int pauseAfter = Integer.MAX_VALUE;

        @Override
        public void connected() {
            connected = true;
        }

        @Override
        public void failed(String reason) {
            failure = reason;
        }

        @Override
        public void received(byte[] data, int offset, int length) {
            received.write(data, offset, length);
            if (received.size() >= pauseAfter) {
                stream.pauseReading(true);
            }
        }

        @Override
        public void endOfStream() {
            ended = true;
        }

        @Override
        public void drained() {
        }

        void send(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            stream.write(bytes, 0, bytes.length);
        }

        String text() {
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private Guest open(byte[] address, int port) {
        Guest guest = new Guest();
        guest.stream = backend.connect(address, port, guest);
        settle();
        return guest;
    }

    /** Runs the event loop and the machine's polls until nothing moves. */
    private void settle() {
        for (int i = 0; i < 10_000; i++) {
            int moved = backend.poll() + fetcher.deliver();
            if (moved == 0) {
                return;
            }
        }
        throw new AssertionError("the proxy never settled");
    }

    @Test
    void aGetToThePageHostIsFetchedAndComesBackChunked() {
        fetcher.answer("http://127.0.0.1:8080/hello.txt", "hello from the host\n");
        Guest guest = open(GATEWAY_AS_HOST, 8080);
        assertThat(guest.connected).isTrue();
        guest.send("GET /hello.txt HTTP/1.1\r\nHost: host.termpress.internal:8080\r\nUser-Agent: Wget\r\n"
                + "Connection: close\r\n\r\n");
        settle();
        assertThat(guest.text()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n14\r\nhello from the host\n\r\n0\r\n\r\n");
        assertThat(guest.ended).as("Connection: close ends the stream").isTrue();
        assertThat(fetcher.requests.get(0).headers()).as("no User-Agent: it would need a CORS preflight").isEmpty();
        assertThat(notices).isEmpty();
        assertThat(wakeUps).isPositive();
    }

    @Test
    void keepAliveServesRequestsInTurnWithAnExactLengthWhenKnown() {
        fetcher.answer("http://example.com/a", "first");
        fetcher.answer("http://example.com/b", new FakeFetcher.Answer(200, List.of(), "second".getBytes(), 6, 2));
        byte[] address = resolve("example.com");
        Guest guest = open(address, 80);
        guest.send("GET /a HTTP/1.1\r\nHost: example.com\r\n\r\nGET /b HTTP/1.1\r\nHost: example.com\r\n\r\n");
        settle();
        assertThat(guest.text()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nTransfer-Encoding: chunked\r\n"
                + "\r\n5\r\nfirst\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
        assertThat(guest.ended).as("the guest may send more").isFalse();
        guest.stream.shutdownOutput();
        settle();
        assertThat(guest.ended).as("the guest's FIN, nothing in flight: FIN back").isTrue();
    }

    @Test
    void anHttp10ClientGetsTheBodyUntilClose() {
        fetcher.answer("http://example.com/", "plain");
        Guest guest = open(resolve("example.com"), 80);
        guest.send("GET / HTTP/1.0\r\n\r\n");
        settle();
        assertThat(guest.text()).endsWith("Connection: close\r\n\r\nplain");
        assertThat(guest.ended).isTrue();
    }

    @Test
    void aFetchTheBrowserRefusesIsA502WithOneLineAndANotice() {
        Guest guest = open(resolve("no-cors.example"), 80);
        guest.send("GET /data HTTP/1.1\r\nHost: no-cors.example\r\n\r\n");
        settle();
        String line = "the browser could not fetch http://no-cors.example/data: the server sent no CORS headers that"
                + " let this page read it, or it cannot be reached (TypeError: Failed to fetch)";
        assertThat(guest.text()).startsWith("HTTP/1.1 502 Bad Gateway\r\n").endsWith("\r\n\r\n" + line + "\n");
        assertThat(guest.ended).isTrue();
        assertThat(notices).containsExactly("termpress: the guest's HTTP request to no-cors.example:80 failed: " + line);
    }

    @Test
    void otherPortsAreRefusedAtOnceWithANotice() {
        Guest ssh = open(resolve("example.com"), 22);
        Guest tls = open(SOME_ADDRESS, 443);
        Guest again = open(SOME_ADDRESS, 443);
        assertThat(ssh.connected).isFalse();
        assertThat(ssh.failure).contains("not other TCP");
        assertThat(tls.failure).contains("HTTPS from the guest is not available in the browser yet");
        assertThat(again.failure).isNotNull();
        assertThat(notices).as("each line once").containsExactly(
                "termpress: the guest's connection to example.com:22 was refused: the browser can only make HTTP"
                        + " requests (port 80, or any port of host.termpress.internal), not other TCP",
                "termpress: the guest's connection to 93.184.215.14:443 was refused: HTTPS from the guest is not"
                        + " available in the browser yet (http:// URLs work)");
        assertThat(backend.openStreams()).isZero();
    }

    @Test
    void noticesAreBounded() {
        for (int port = 1; port <= FetchBackend.MAX_NOTICES + 5; port++) {
            open(SOME_ADDRESS, port == 80 ? 81 : port);
        }
        assertThat(notices).hasSize(FetchBackend.MAX_NOTICES);
    }

    @Test
    void everyNameGetsItsOwnSyntheticAddressThatMapsBack() {
        byte[] first = resolve("Example.COM");
        byte[] second = resolve("pypi.example");
        assertThat(resolve("example.com")).as("stable, case-insensitive").containsExactly(first);
        assertThat(first).containsExactly(198, 18, 0, 1);
        assertThat(second).containsExactly(198, 18, 0, 2);
        fetcher.answer("http://pypi.example/simple/", "index");
        Guest guest = open(second, 80);
        guest.send("GET /simple/ HTTP/1.0\r\n\r\n");
        settle();
        assertThat(guest.text()).as("HTTP/1.0 without Host: the URL names the name behind the address")
                .endsWith("index");
    }

    @Test
    void theBodyIsPulledOnlyWhileTheStackReadsAndBigPiecesAreSliced() {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        fetcher.answer("http://example.com/big", new FakeFetcher.Answer(200, List.of(), big, -1, big.length));
        Guest guest = open(resolve("example.com"), 80);
        guest.send("GET /big HTTP/1.1\r\nHost: example.com\r\n\r\n");
        backend.poll(); // the fetch starts
        fetcher.deliver(); // its response
        backend.poll(); // the head goes to the guest and the first piece is asked for
        int head = guest.text().indexOf("\r\n\r\n") + 4;
        guest.stream.pauseReading(true); // the guest's window filled meanwhile
        fetcher.deliver();
        backend.poll();
        assertThat(guest.received.size() - head).as("nothing while paused").isZero();
        guest.pauseAfter = guest.received.size() + 1; // as the stack does past its mark
        guest.stream.pauseReading(false);
        backend.poll();
        assertThat(guest.received.size() - head).as("one slice, then the stack paused")
                .isEqualTo(ProxyStream.SLICE_BYTES + 9);
        guest.pauseAfter = Integer.MAX_VALUE;
        guest.stream.pauseReading(false);
        settle();
        byte[] all = guest.received.toByteArray();
        assertThat(dechunk(java.util.Arrays.copyOfRange(all, head, all.length))).containsExactly(big);
        assertThat(fetcher.reads).as("the piece, then the end").isEqualTo(2);
    }

    @Test
    void aHeadRequestGetsNoBodyAndTheFetchIsDropped() {
        fetcher.answer("http://example.com/h", "ignored");
        Guest guest = open(resolve("example.com"), 80);
        guest.send("HEAD /h HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n");
        settle();
        assertThat(guest.text()).endsWith("\r\n\r\n").doesNotContain("ignored").doesNotContain("chunked");
        assertThat(fetcher.reads).isZero();
        assertThat(fetcher.cancels).isEqualTo(1);
        assertThat(guest.ended).isTrue();
    }

    @Test
    void aMalformedRequestIsA400AndAGuestThatClosesCancelsItsFetch() {
        Guest bad = open(resolve("example.com"), 80);
        bad.send("NOT HTTP\r\n");
        settle();
        assertThat(bad.text()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(bad.ended).isTrue();
        bad.stream.close(); // as the stack does once both sides finished

        fetcher.answer("http://example.com/slow", "never read");
        Guest leaving = open(resolve("example.com"), 80);
        leaving.send("GET /slow HTTP/1.1\r\nHost: example.com\r\n\r\n");
        backend.poll(); // the fetch starts; its answer waits in the event loop
        leaving.stream.close();
        settle();
        assertThat(fetcher.cancels).isEqualTo(1);
        assertThat(leaving.received.size()).isZero();
        assertThat(backend.openStreams()).isZero();
    }

    @Test
    void expectContinueGetsA100BeforeTheBody() {
        fetcher.answer("http://example.com/up", "stored");
        Guest guest = open(resolve("example.com"), 80);
        guest.send("PUT /up HTTP/1.1\r\nHost: example.com\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        settle();
        assertThat(guest.text()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        guest.send("data");
        settle();
        assertThat(fetcher.requests.get(0).body()).containsExactly('d', 'a', 't', 'a');
        assertThat(guest.text()).contains("stored");
    }

    /** The body of a chunked response. */
    private static byte[] dechunk(byte[] wire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(wire, at);
            int size = Integer.parseInt(new String(wire, at, lineEnd - at, StandardCharsets.US_ASCII), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(wire, at, size);
            at += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF after " + from);
    }

    private byte[] resolve(String name) {
        byte[][] found = new byte[1][];
        backend.resolve(name, new NetworkBackend.NameListener() {
            @Override
            public void found(List<byte[]> addresses) {
                found[0] = addresses.get(0);
            }

            @Override
            public void notFound() {
            }

            @Override
            public void failed() {
            }
        });
        settle();
        return found[0];
    }
}
