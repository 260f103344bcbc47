package dev.termpress.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.net.jvm.SocketBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The busybox guest on the network: wget from a test HTTP server on the host's 127.0.0.1 through the
 * gateway address and through host.termpress.internal, a name the (test's) resolver knows, a name it
 * does not, a refused connection and ping to the gateway. Only loopback addresses are ever connected to.
 */
class OutsideNetworkTest {

    private static final long BUDGET = 2_000_000_000L;
    private static final String BODY = "hello from the host\n";

    private HttpServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(200, size);
            byte[] chunk = new byte[65536];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) ('a' + i % 26);
            }
            for (int sent = 0; sent < size; sent += chunk.length) {
                exchange.getResponseBody().write(chunk, 0, Math.min(chunk.length, size - sent));
            }
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static BusyboxGuest guestOnTheNetwork() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", InitConf.withNetwork(""));
        guest.machine.network().connect(new UserNetwork(new SocketBackend(name -> name.equals("site.test")
                ? new InetAddress[] {InetAddress.getLoopbackAddress()} : new InetAddress[0])));
        return guest;
    }

    @Test
    void wgetReachesAServerOnTheHostByNameAndByAddress() throws Exception {
        BusyboxGuest guest = guestOnTheNetwork();
        guest.runUntil(" # ", BUDGET);

        assertThat(guest.command("wget -q -O - http://host.termpress.internal:" + port + "/hello", BUDGET))
                .contains(BODY.trim());
        assertThat(guest.command("wget -q -O - http://10.0.2.2:" + port + "/hello", BUDGET)).contains(BODY.trim());
        assertThat(guest.command("wget -q -O - http://site.test:" + port + "/hello", BUDGET)).contains(BODY.trim());
        assertThat(guest.command("wget -q -O - http://10.0.2.2:" + port + "/big?300000 | wc -c", BUDGET))
                .contains("300000");
        assertThat(guest.command("cat /etc/resolv.conf", BUDGET)).contains("nameserver 10.0.2.3");
        UserNetwork network = guest.machine.network().network();
        assertThat(network.connectionCount()).as("connections left: %s", network).isZero();
    }

    @Test
    void unknownNamesAndRefusedConnectionsFailCleanlyInTheGuest() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BusyboxGuest guest = guestOnTheNetwork();
        guest.runUntil(" # ", BUDGET);

        assertThat(guest.command("wget -q -O - http://nosuch.test/ 2>&1; echo status=$?", BUDGET))
                .contains("bad address").contains("status=1");
        assertThat(guest.command("wget -q -O - http://10.0.2.2:" + closedPort + "/ 2>&1; echo status=$?", BUDGET))
                .contains("Connection refused").contains("status=1");
        assertThat(guest.command("ping -c 1 10.0.2.2", BUDGET)).contains("1 packets received");
    }

    @Test
    void withoutTheNetworkLineEth0StaysDownAndNamesGetNoSuchHost() throws Exception {
        BusyboxGuest guest = BusyboxGuest.boot("console=hvc0 quiet", "");
        guest.runUntil(" # ", BUDGET);

        assertThat(guest.command("cat /etc/resolv.conf", BUDGET)).contains("nameserver 127.0.0.53");
        assertThat(guest.command("wget -q -O - http://10.0.2.2:" + port + "/hello 2>&1; echo status=$?", BUDGET))
                .contains("status=1").doesNotContain(BODY.trim());
    }
}
