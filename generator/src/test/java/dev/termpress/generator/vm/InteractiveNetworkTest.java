package dev.termpress.generator.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.termpress.emulator.guest.GuestOverrides;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.host.WallClock;
import dev.termpress.emulator.net.jvm.SocketBackend;
import dev.termpress.generator.image.LocalImageLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code termpress run --network} as RunCommand wires it: the wall clock, host sockets, the backend waking
 * the session's loop. Piped input fetches a page from a server on 127.0.0.1 and exits.
 */
class InteractiveNetworkTest {

    private static final Path BUSYBOX = Path.of("..", "content-examples", "images", "busybox");

    @Test
    void aPipedWgetReachesTheHostOnTheWallClock() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "page for run\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PreparedImage image = PreparedImage.of(LocalImageLoader.load(BUSYBOX, null));
        String initConf = InitConf.withNetwork(InitConf.render(image.image().settings(), GuestOverrides.none()));
        WallClock clock = new WallClock();
        BootedImage booted = image.boot(initConf, WallClockMachines.config(clock, (data, offset, length) -> {
            synchronized (console) {
                console.write(data, offset, length);
            }
        }), () -> System.currentTimeMillis() * 1_000_000L);
        SocketBackend network = booted.enableNetwork();
        InteractiveSession session = new InteractiveSession(booted, () -> clock.ticks(0), () -> { });
        network.onEvent(session::wakeUp);
        String command = "wget -q -O - http://host.termpress.internal:" + server.getAddress().getPort() + "/; exit\n";
        session.readFrom(new ByteArrayInputStream(command.getBytes(StandardCharsets.UTF_8)));
        try {
            InteractiveSession.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(120), session::run,
                    () -> "the session did not end; console:\n" + console);

            assertThat(outcome).isEqualTo(InteractiveSession.Outcome.POWERED_OFF);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("page for run");
            assertThat(booted.exitStatus()).hasValue(0);
        } finally {
            network.close();
            server.stop(0);
        }
    }
}
