package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code termpress check} with the network: a block on an image with {@code network: true} fetches a page
 * from a test server on this machine's 127.0.0.1 through host.termpress.internal; without the setting the
 * same block cannot reach it (check keeps the network off unless termpress.yaml turns it on). The Debian
 * guest's tools are DebianNetworkTest's.
 */
class CheckNetworkTest {

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "served by the host\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void writeSite(String imageSettings, String blockAttributes) throws IOException {
        int port = server.getAddress().getPort();
        fixture.write("index.md", """
                # Network

                ```container image=busybox%s
                $ wget -q -O - http://host.termpress.internal:%d/
                served by the host
                ```
                """.formatted(blockAttributes, port));
        Files.writeString(fixture.dir().resolve("termpress.yaml"), "title: Network fixture\nimages:\n  busybox:\n    source: "
                + CheckSite.BUSYBOX + "\n" + imageSettings);
    }

    @Test
    void anImageWithNetworkTrueReachesTheHost() throws IOException {
        writeSite("    network: true\n", "");

        int status = fixture.check(fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("all outputs match");
        assertThat(status).isZero();
    }

    @Test
    void aBlockTurnsItOnForItselfAndWithoutEitherTheHostIsUnreachable() throws IOException {
        writeSite("", " network=true");
        assertThat(fixture.check(fixture.dir().toString())).isZero();

        writeSite("", "");
        int status = fixture.check(fixture.dir().toString());

        assertThat(status).isEqualTo(1);
        assertThat(fixture.out()).contains("1 mismatch");
    }
}
