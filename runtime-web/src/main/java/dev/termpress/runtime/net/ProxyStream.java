package dev.termpress.runtime.net;

import dev.termpress.emulator.net.HostStream;
import dev.termpress.emulator.net.StreamListener;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One guest connection to an HTTP port: the guest's bytes are read as requests, each re-issued with
 * {@code fetch} in turn, and the response goes back as HTTP/1.1. Every step runs as an event of the
 * {@link FetchBackend} (so the stack hears its listener calls only from {@code poll}). The response body is
 * pulled from fetch one piece at a time and only while the stack wants more, so a fast server never fills the
 * worker. What the browser cannot do is answered with a 502 whose body is one line, and a notice.
 */
final class ProxyStream implements HostStream {

    /** Requests the guest may send ahead of the responses (pipelining), each bounded by the reader. */
    static final int MAX_WAITING_REQUESTS = 8;
    /**
     * Body bytes handed to the stack at a time: well under the stack's pause mark, so a large piece from fetch
     * waits here, in slices, while the stack has paused reading.
     */
    static final int SLICE_BYTES = 64 * 1024;

    /** A request to answer, or a malformed one to refuse. */
    private record Job(HttpRequest request, int status, String problem) {
    }

    private final FetchBackend backend;
    private final StreamListener listener;
    private final Destination destination;
    private final HttpRequestReader reader;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    /** The rest of the last piece from fetch, while the stack has paused reading. */
    private byte[] backlog;
    private int backlogAt;
    private HttpRequest current;
    private Fetcher.Exchange exchange;
    private HttpResponseWriter.Framing framing;
    private boolean bodyStarted;
    private boolean readInFlight;
    private boolean paused;
    private boolean closeAfterCurrent;
    private boolean guestDone;
    private boolean ended;
    private boolean closed;

    ProxyStream(FetchBackend backend, StreamListener listener, Destination destination) {
        this.backend = backend;
        this.listener = listener;
        this.destination = destination;
        this.reader = new HttpRequestReader(new HttpRequestReader.Listener() {
            @Override
            public void request(HttpRequest request) {
                queue(new Job(request, 0, null));
            }

            @Override
            public void continueWanted() {
                if (current == null && waiting.isEmpty()) {
                    send(HttpResponseWriter.continueHead());
                }
            }

            @Override
            public void malformed(int status, String reason) {
                queue(new Job(null, status, reason));
            }
        });
    }

    // ---- the stack's side (machine thread): everything becomes an event ----

    @Override
    public void write(byte[] data, int offset, int length) {
        if (closed || length <= 0) {
            return;
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        backend.deliver(() -> {
            if (!closed && !ended) {
                reader.feed(copy, 0, copy.length);
            }
        });
    }

    @Override
    public int pendingWrite() {
        return 0; // taken at once: the reader's own bounds refuse what is too large
    }

    @Override
    public void pauseReading(boolean pause) {
        paused = pause;
        if (!pause) {
            backend.deliver(this::pull);
        }
    }

    @Override
    public void shutdownOutput() {
        backend.deliver(() -> {
            guestDone = true;
            if (current == null && waiting.isEmpty()) {
                finish();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (exchange != null) {
            exchange.cancel();
            exchange = null;
        }
        backend.forget(this);
    }

    // ---- requests, one at a time ----

    private void queue(Job job) {
        if (waiting.size() >= MAX_WAITING_REQUESTS) {
            waiting.add(new Job(null, 502, "the guest sent over " + MAX_WAITING_REQUESTS
                    + " requests ahead of their responses"));
            return;
        }
        waiting.add(job);
        next();
    }

    private void next() {
        if (closed || ended || current != null) {
            return;
        }
        Job job = waiting.poll();
        if (job == null) {
            if (guestDone) {
                finish();
            }
            return;
        }
        if (job.request() == null) {
            refuse(null, job.status(), job.problem());
            return;
        }
        HttpRequest request = job.request();
        ProxyRequests.Outcome outcome = ProxyRequests.translate(request, destination, backend.page());
        if (outcome.refusal() != null) {
            refuse(request, 502, outcome.refusal());
            return;
        }
        current = request;
        bodyStarted = false;
        readInFlight = false;
        closeAfterCurrent = request.closesConnection();
        FetchRequest fetch = outcome.request();
        exchange = backend.fetcher().fetch(fetch, new Fetcher.Listener() {
            @Override
            public void response(int status, String statusText, List<HttpHeader> headers, long exactLength) {
                backend.deliver(() -> responded(status, statusText, headers, exactLength));
            }

            @Override
            public void chunk(byte[] data) {
                backend.deliver(() -> piece(data));
            }

            @Override
            public void end() {
                backend.deliver(ProxyStream.this::bodyEnded);
            }

            @Override
            public void failed(String reason) {
                backend.deliver(() -> fetchFailed(fetch.url(), reason));
            }
        });
    }

    private void responded(int status, String statusText, List<HttpHeader> headers, long exactLength) {
        if (closed || current == null || bodyStarted) {
            return;
        }
        framing = HttpResponseWriter.framing(current, status, exactLength);
        closeAfterCurrent |= framing == HttpResponseWriter.Framing.CLOSE;
        send(HttpResponseWriter.head(status, statusText, headers, framing, exactLength, closeAfterCurrent));
        bodyStarted = true;
        if (framing == HttpResponseWriter.Framing.NONE) {
            exchange.cancel();
            exchangeDone();
        } else {
            pull();
        }
    }

    private void pull() {
        sendBacklog();
        if (!closed && current != null && bodyStarted && !readInFlight && !paused && backlog == null
                && exchange != null) {
            readInFlight = true;
            exchange.read();
        }
    }

    private void piece(byte[] data) {
        if (closed || current == null) {
            return;
        }
        readInFlight = false;
        if (data.length > 0) {
            backlog = data;
            backlogAt = 0;
        }
        pull();
    }

    /** Hands the stack the waiting body bytes, a slice at a time, while it reads. */
    private void sendBacklog() {
        while (backlog != null && !paused && !closed) {
            int n = Math.min(SLICE_BYTES, backlog.length - backlogAt);
            send(HttpResponseWriter.body(backlog, backlogAt, n, framing));
            backlogAt += n;
            if (backlogAt == backlog.length) {
                backlog = null;
            }
        }
    }

    private void bodyEnded() {
        if (closed || current == null) {
            return;
        }
        // No backlog here: fetch is asked for more (and so for the end) only once the backlog went out.
        send(HttpResponseWriter.end(framing));
        exchangeDone();
    }

    private void exchangeDone() {
        current = null;
        exchange = null;
        if (closeAfterCurrent) {
            finish();
        } else {
            next();
        }
    }

    private void fetchFailed(String url, String reason) {
        if (closed || current == null) {
            return;
        }
        HttpRequest request = current;
        current = null;
        exchange = null;
        if (!bodyStarted) {
            refuse(request, 502, FetchBackend.whyNot(url, reason, backend.page()));
            return;
        }
        // The head went already: break the connection so the client sees a cut transfer, not a whole one.
        backend.notice("termpress: the guest's download of " + url + " broke off: " + reason);
        ended = true;
        listener.failed("the fetch broke off: " + reason);
    }

    /** Answers with a one-line plain-text error, tells the reader, and closes the connection. */
    private void refuse(HttpRequest request, int status, String line) {
        backend.notice("termpress: the guest's HTTP request to " + destination.describe() + " failed: " + line);
        send(HttpResponseWriter.plain(request, status, line));
        finish();
    }

    private void finish() {
        if (!ended && !closed) {
            ended = true;
            waiting.clear();
            listener.endOfStream();
        }
    }

    private void send(byte[] bytes) {
        if (!closed && bytes.length > 0) {
            listener.received(bytes, 0, bytes.length);
        }
    }
}
