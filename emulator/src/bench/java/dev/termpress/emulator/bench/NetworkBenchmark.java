package dev.termpress.emulator.bench;

import com.sun.net.httpserver.HttpServer;
import dev.termpress.emulator.Machine;
import dev.termpress.emulator.MachineConfig;
import dev.termpress.emulator.fs.ByteArrayLayerSource;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import dev.termpress.emulator.guest.InitConf;
import dev.termpress.emulator.guest.InitHandshake;
import dev.termpress.emulator.host.InstructionClock;
import dev.termpress.emulator.kernel.KernelImage;
import dev.termpress.emulator.net.UserNetwork;
import dev.termpress.emulator.net.jvm.SocketBackend;
import dev.termpress.emulator.p9.Virtio9p;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * The guest's network on HotSpot: the busybox guest downloads 10 MiB from an HTTP server on the host's
 * 127.0.0.1 with wget (to /dev/null), and fetches a 1-byte page 20 times in a row (latency per request,
 * against the same loop running {@code busybox true}, the cost of starting a program). Interpreter as
 * {@code termpress run} uses it, deterministic clock. A plain main: 1 warm-up round, then 5 measured;
 * medians printed beside the load average.
 */
public final class NetworkBenchmark {

    private static final int WARM_UP = 1;
    private static final int RUNS = 5;
    private static final int DOWNLOAD = 10 << 20;
    private static final int REQUESTS = 20;
    private static final long SLICE = 2_000_000L;
    private static final long LIMIT = 200_000_000_000L;

    private NetworkBenchmark() {
    }

    /** The argument is the emulator module directory (the example image is in ../content-examples). */
    public static void main(String[] args) throws Exception {
        Path module = Paths.get(args.length > 0 ? args[0] : "emulator");
        byte[] layer = BusyboxLayer.tar(module.resolve("../content-examples/images/busybox/blobs/sha256"));
        HttpServer server = server();
        int port = server.getAddress().getPort();
        StringBuilder console = new StringBuilder();
        Guest guest = boot(layer, console);
        guest.until(" # ", console);
        String download = "wget -q -O /dev/null http://10.0.2.2:" + port + "/bytes?" + DOWNLOAD;
        String requests = "i=0; while [ $i -lt " + REQUESTS + " ]; do wget -q -O /dev/null http://10.0.2.2:" + port
                + "/bytes?1; i=$((i+1)); done";
        String spawns = "i=0; while [ $i -lt " + REQUESTS + " ]; do busybox true; i=$((i+1)); done";
        long[][] times = new long[3][RUNS];
        for (int round = 0; round < WARM_UP + RUNS; round++) {
            long a = guest.time(download, console);
            long b = guest.time(requests, console);
            long c = guest.time(spawns, console);
            if (round >= WARM_UP) {
                times[0][round - WARM_UP] = a;
                times[1][round - WARM_UP] = b;
                times[2][round - WARM_UP] = c;
            }
        }
        server.stop(0);
        long download50 = median(times[0]);
        long requests50 = median(times[1]);
        long spawns50 = median(times[2]);
        System.out.printf("10 MiB download: median %.0f ms, %.2f MiB/s  (runs:%s)%n", download50 / 1e6,
                10 / (download50 / 1e9), millis(times[0]));
        System.out.printf("%d requests of 1 byte: median %.0f ms, %.1f ms per request  (runs:%s)%n", REQUESTS,
                requests50 / 1e6, requests50 / 1e6 / REQUESTS, millis(times[1]));
        System.out.printf("%d x busybox true: median %.0f ms, %.1f ms each  (runs:%s)%n", REQUESTS, spawns50 / 1e6,
                spawns50 / 1e6 / REQUESTS, millis(times[2]));
        System.out.printf("network share of a request: %.1f ms%n", (requests50 - spawns50) / 1e6 / REQUESTS);
        System.out.printf("load average %.2f, %d runs after %d warm-up%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), RUNS, WARM_UP);
        System.exit(0);
    }

    private static HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        byte[] chunk = new byte[65536];
        Arrays.fill(chunk, (byte) 'x');
        server.createContext("/bytes", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(200, size);
            for (int sent = 0; sent < size; sent += chunk.length) {
                exchange.getResponseBody().write(chunk, 0, Math.min(chunk.length, size - sent));
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private record Guest(Machine machine, InitHandshake handshake) {

        void type(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            handshake.input(bytes, 0, bytes.length);
        }

        void until(String marker, StringBuilder console) {
            long executed = 0;
            while (executed < LIMIT && !machine.halted() && console.indexOf(marker) < 0) {
                executed += handshake.run(SLICE);
            }
            if (console.indexOf(marker) < 0) {
                throw new IllegalStateException("no " + marker + " on the console:\n" + console);
            }
        }

        /** Wall time of one command line, from typing it to its end marker. */
        long time(String command, StringBuilder console) {
            console.setLength(0);
            long start = System.nanoTime();
            type(command + "; echo bench-\"done\" $?\n");
            until("bench-done 0", console);
            return System.nanoTime() - start;
        }
    }

    private static Guest boot(byte[] layer, StringBuilder console) throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(List.of(LayerIndex.build(TarInput.of(layer))),
                new ByteArrayLayerSource(List.of(layer)), () -> 1_700_000_000_000_000_000L);
        MachineConfig config = MachineConfig.deterministic((data, offset, length) -> { });
        InitHandshake handshake = new InitHandshake(fs, InitConf.withNetwork(""), () -> InstructionClock.BOOT_UNIX_NANOS,
                config.entropy(), (data, offset, length) ->
                        console.append(new String(data, offset, length, StandardCharsets.ISO_8859_1)));
        Machine machine = new Machine(new MachineConfig(config.ramBytes(), "console=hvc0 quiet", config.clock(),
                handshake, config.rngSeed(), config.entropy()));
        handshake.attach(machine);
        machine.attach(new Virtio9p(fs));
        machine.network().connect(new UserNetwork(new SocketBackend()));
        machine.bootKernel(KernelImage.load());
        return new Guest(machine, handshake);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String millis(long[] nanos) {
        StringBuilder out = new StringBuilder();
        for (long n : nanos) {
            out.append(String.format(" %.0f", n / 1e6));
        }
        return out.toString();
    }
}
