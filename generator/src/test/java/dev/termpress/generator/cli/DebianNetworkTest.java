package dev.termpress.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian guest's own network tools through {@code termpress check} with {@code network=true}: curl
 * over HTTP, Python's HTTP client, pip installing from a PEP 503 index served here, and curl over HTTPS
 * to a server whose certificate a test authority signed (the guest trusts it through a file block). All
 * servers run on this machine's 127.0.0.1, which the guest reaches as host.termpress.internal.
 * Skipped when the Debian layout is not built.
 */
class DebianNetworkTest {

    private static final String BODY = "served by the host\n";

    @RegisterExtension
    final CheckSite fixture = new CheckSite();

    @TempDir
    Path work;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void curlPythonAndTheResolverReachTheHost() throws IOException {
        int port = startPlainServer();

        checkOnDebian("""
                # Network

                ```container image=debian network=true
                $ curl -sS http://host.termpress.internal:%1$d/
                served by the host
                $ python3 -c "import urllib.request as u; print(u.urlopen('http://host.termpress.internal:%1$d/').read().decode().strip())"
                served by the host
                $ getent hosts host.termpress.internal
                10.0.2.2        host.termpress.internal
                $ curl -sS http://host.termpress.internal:%1$d/missing -o /dev/null -w '%%{http_code}\\n'
                404
                ```
                """.formatted(port));
    }

    @Test
    void pipInstallsAPackageFromALocalIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        new PackageIndex(TestWheel.hello()).serveOn(server);
        server.start();
        int port = server.getAddress().getPort();

        checkOnDebian("""
                # pip

                ```container image=debian network=true
                $ pip install -q --break-system-packages --root-user-action=ignore --disable-pip-version-check --no-cache-dir --trusted-host host.termpress.internal --index-url http://host.termpress.internal:%d/simple/ termpress-hello
                $ python3 -c 'import termpress_hello; print(termpress_hello.GREETING)'
                %s
                ```
                """.formatted(port, TestWheel.GREETING));
    }

    @Test
    void curlTrustsATestAuthorityOverHttps() throws Exception {
        TestCertificates certificates = TestCertificates.create(work, "host.termpress.internal");
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        serveBody(https);
        https.start();
        server = https;
        int port = https.getAddress().getPort();

        checkOnDebian("""
                # HTTPS

                ```file path=/root/test-ca.pem
                %s
                ```

                ```container image=debian network=true
                $ curl -sS --cacert /root/test-ca.pem https://host.termpress.internal:%d/
                served by the host
                $ curl -s https://host.termpress.internal:%2$d/ >/dev/null || echo "untrusted without it: $?"
                untrusted without it: 60
                ```
                """.formatted(certificates.authorityPem().strip(), port));
    }

    private int startPlainServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serveBody(server);
        server.start();
        return server.getAddress().getPort();
    }

    private static void serveBody(HttpServer on) {
        on.createContext("/", exchange -> {
            boolean root = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (root ? BODY : "not here\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(root ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private void checkOnDebian(String page) throws IOException {
        Path debian = Path.of(System.getenv().getOrDefault("TERMPRESS_IMAGE_CACHE", "/work/cache/images"))
                .resolve("debian-trixie");
        assumeTrue(Files.isRegularFile(debian.resolve("index.json")), debian + " is not built");
        fixture.write("index.md", page);
        Files.writeString(fixture.dir().resolve("termpress.yaml"), "title: Network fixture\nimages:\n  debian: " + debian
                + "\n");

        int status = fixture.check(fixture.dir().toString());

        assertThat(fixture.err()).isEmpty();
        assertThat(fixture.out()).contains("all outputs match");
        assertThat(status).isZero();
    }
}
