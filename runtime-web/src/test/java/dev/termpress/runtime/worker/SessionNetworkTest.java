package dev.termpress.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.runtime.boot.BlockOptions;
import dev.termpress.runtime.net.FakeFetcher;
import dev.termpress.runtime.net.FetchBackend;
import dev.termpress.runtime.net.PageOrigin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The busybox guest on the browser's network backend, with fetch faked: {@code wget} through the proxy by
 * {@code host.termpress.internal} and by a name, a refused fetch as a 502 and a notice, a port that is not HTTP
 * refused. The fake answers only between slices, as the event loop does, and wakes the session by the backend.
 */
class SessionNetworkTest {

    private static final int MAX_TICKS = 20_000;

    private static byte[] kernel;
    private static byte[] layer;

    @BeforeAll
    static void load() throws Exception {
        kernel = KernelImage.load();
        layer = SessionTest.busyboxLayer();
    }

    @Test
    void wgetGoesOutThroughFetch() throws Exception {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        FakeFetcher fetcher = new FakeFetcher()
                .answer("http://127.0.0.1:8080/hello.txt", "hello from the page's host\n")
                .answer("http://files.example/big", new FakeFetcher.Answer(200, List.of(), big, -1, 16_384));
        List<String> notices = new ArrayList<>();
        FakeHost host = new FakeHost();
        Session session = boot(host, fetcher, notices);

        run(session, host, fetcher, " # ");
        session.input("cat /sys/class/net/eth0/operstate\n".getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "up\r\n");
        session.input("wget -q -O - http://host.termpress.internal:8080/hello.txt\n".getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "hello from the page's host");
        session.input("wget -q -O /tmp/big http://files.example/big && wc -c < /tmp/big && md5sum /tmp/big; echo big-$((1 + 1))\n"
                .getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "big-2");
        assertThat(host.text()).contains("300000\r\n").contains(md5(big));

        session.input("wget -O - http://no-cors.example/ ; echo status=$?\n".getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "status=1");
        assertThat(host.text()).contains("502 Bad Gateway");
        session.input("nc -w 2 files.example 22 </dev/null; echo nc=$?\n".getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "nc=1");
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("termpress: the guest's HTTP request to no-cors.example:80 failed:"
                + " the browser could not fetch http://no-cors.example/");
        assertThat(notices.get(1)).startsWith("termpress: the guest's connection to files.example:22 was refused");
    }

    @Test
    void withoutTheNetworkEth0StaysDown() throws Exception {
        FakeHost host = new FakeHost();
        Session session = Session.prepare(spec(), MachineConfig.deterministic((d, o, l) -> { }), host);
        session.bootKernel(kernel);
        FakeFetcher fetcher = new FakeFetcher();
        run(session, host, fetcher, " # ");
        session.input("cat /sys/class/net/eth0/operstate\n".getBytes(StandardCharsets.UTF_8));
        run(session, host, fetcher, "down\r\n");
    }

    private static Session boot(FakeHost host, FakeFetcher fetcher, List<String> notices) throws Exception {
        SessionSpec spec = spec();
        Session session = Session.prepareUnconfigured(spec, MachineConfig.deterministic((d, o, l) -> { }), host,
                new dev.termpress.emulator.bus.Ram(MachineConfig.DEFAULT_RAM_BYTES));
        session.attachNetwork(new FetchBackend(fetcher, new PageOrigin("http", "127.0.0.1"), notices::add));
        session.configure(spec.block(), spec.cols(), spec.rows());
        session.bootKernel(kernel);
        return session;
    }

    private static SessionSpec spec() throws Exception {
        OnDemandLayerSource[] source = new OnDemandLayerSource[1];
        source[0] = new OnDemandLayerSource(1, n -> source[0].supply(n, layer));
        return new SessionSpec(kernel, List.of(LayerIndex.build(TarInput.of(layer))), source[0], SessionTest.BUSYBOX,
                new BlockOptions("/root", null, null, List.of()), 100, 30);
    }

    /** Slices and event-loop turns (the fake's answers) until {@code expected} shows. */
    private static void run(Session session, FakeHost host, FakeFetcher fetcher, String expected) {
        int from = host.text().length();
        int ticks = 0;
        for (; ticks < MAX_TICKS && !host.text().substring(from).contains(expected); ticks++) {
            fetcher.deliver(); // may wake the session through the backend
            if (!host.turn(session)) {
                break; // nothing would wake the guest
            }
        }
        if (!host.text().substring(from).contains(expected)) {
            System.out.println("STALL after " + ticks + " ticks, soon " + host.soon + ", timer " + host.timerMillis);
        }
        assertThat(host.text().substring(from)).as("console waiting for %s after %d ticks, soon %s, timer %s", expected,
                ticks, host.soon, host.timerMillis).contains(expected);
    }

    private static String md5(byte[] bytes) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte b : java.security.MessageDigest.getInstance("MD5").digest(bytes)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
