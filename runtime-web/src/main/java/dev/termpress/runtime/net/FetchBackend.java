package dev.termpress.runtime.net;

import dev.termpress.emulator.net.Addresses;
import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.NetworkBackend;
import dev.termpress.emulator.net.StreamListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The guest's network in a browser worker, where there are no sockets: TCP to port 80 of any address, and to
 * any port of the page's own host ({@code host.termpress.internal}, 10.0.2.2), is an HTTP/1.1 proxy over
 * {@code fetch} ({@link ProxyStream}); any other connection is refused at once, as a closed port would be, with
 * a notice line saying why. Names get synthetic addresses ({@link NameTable}). Single-threaded: fetch callbacks
 * and the stack's calls all become events that {@link #poll} runs; {@link #await} never blocks (a worker
 * cannot), and the session is woken by {@link #onEvent}'s callback instead.
 */
public final class FetchBackend implements NetworkBackend {

    public static final int HTTP_PORT = 80;
    static final int HTTPS_PORT = 443;
    /** Distinct notice lines one machine prints, at most (a guest retrying in a loop must not flood the terminal). */
    static final int MAX_NOTICES = 20;

    private final Fetcher fetcher;
    private final PageOrigin page;
    private final Consumer<String> notices;
    private final NameTable names = new NameTable();
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();
    private final List<ProxyStream> streams = new ArrayList<>();
    private final Set<String> said = new HashSet<>();
    private Runnable wakeUp = () -> { };
    private boolean closed;

    /**
     * @param fetcher the browser's fetch
     * @param page the page's origin, which {@code host.termpress.internal} stands for
     * @param notices where one-line notices for the reader's terminal go
     */
    public FetchBackend(Fetcher fetcher, PageOrigin page, Consumer<String> notices) {
        this.fetcher = fetcher;
        this.page = page;
        this.notices = notices;
    }

    @Override
    public HostStream connect(byte[] address, int port, StreamListener listener) {
        int ipv4 = (address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8 | address[3] & 0xff;
        Destination destination;
        if (ipv4 == Addresses.HOST_LOOPBACK) {
            destination = new Destination(Destination.Kind.PAGE_HOST, null, port);
        } else {
            String name = names.name(ipv4);
            destination = name != null ? new Destination(Destination.Kind.NAME, name, port)
                    : new Destination(Destination.Kind.ADDRESS, dotted(address), port);
        }
        if (closed || destination.kind() != Destination.Kind.PAGE_HOST && port != HTTP_PORT) {
            String why = closed ? "the network is closed" : port == HTTPS_PORT
                    ? "HTTPS from the guest is not available in the browser yet (http:// URLs work)"
                    : "the browser can only make HTTP requests (port 80, or any port of "
                            + Addresses.HOST_NAME + "), not other TCP";
            notice("termpress: the guest's connection to " + destination.describe() + " was refused: " + why);
            deliver(() -> listener.failed(why));
            return new RefusedStream();
        }
        ProxyStream stream = new ProxyStream(this, listener, destination);
        streams.add(stream);
        deliver(listener::connected);
        return stream;
    }

    @Override
    public void resolve(String name, NameListener listener) {
        byte[] address = names.address(name);
        if (address == null) {
            deliver(listener::failed); // over the table's bound: SERVFAIL
        } else {
            deliver(() -> listener.found(List.of(address)));
        }
    }

    @Override
    public int poll() {
        int ran = 0;
        Runnable event;
        while ((event = events.poll()) != null) {
            event.run();
            ran++;
        }
        return ran;
    }

    @Override
    public boolean await(long nanos) {
        return !events.isEmpty(); // a worker cannot block: the wake-up callback brings the session back
    }

    @Override
    public void onEvent(Runnable wakeUpCall) {
        this.wakeUp = wakeUpCall;
    }

    @Override
    public void close() {
        closed = true;
        for (ProxyStream stream : new ArrayList<>(streams)) {
            stream.close();
        }
        events.clear();
    }

    /** Open proxy connections (tests). */
    int openStreams() {
        return streams.size();
    }

    // ---- for ProxyStream ----

    void deliver(Runnable event) {
        if (!closed) {
            events.add(event);
            wakeUp.run();
        }
    }

    void forget(ProxyStream stream) {
        streams.remove(stream);
    }

    Fetcher fetcher() {
        return fetcher;
    }

    PageOrigin page() {
        return page;
    }

    /** One line for the reader's terminal, each distinct line once, at most {@link #MAX_NOTICES}. */
    void notice(String line) {
        if (said.size() < MAX_NOTICES && said.add(line)) {
            notices.accept(line);
        }
    }

    /** The 502 line for a fetch the browser refused or could not make. */
    static String whyNot(String url, String reason, PageOrigin page) {
        String cause = page.secure() && url.startsWith("http:")
                ? "an https page may not fetch http URLs"
                : "the server sent no CORS headers that let this page read it, or it cannot be reached";
        return "the browser could not fetch " + url + ": " + cause + " (" + reason + ")";
    }

    private static String dotted(byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /** The stream of a refused connection: the stack hears {@code failed} and never uses it. */
    private static final class RefusedStream implements HostStream {
        @Override
        public void write(byte[] data, int offset, int length) {
        }

        @Override
        public int pendingWrite() {
            return 0;
        }

        @Override
        public void pauseReading(boolean paused) {
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public void close() {
        }
    }
}
