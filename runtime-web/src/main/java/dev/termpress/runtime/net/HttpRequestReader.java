package dev.termpress.runtime.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes a guest client sends into {@link HttpRequest}s (RFC 9112): request line, header lines, then a
 * body framed by {@code Transfer-Encoding: chunked} or {@code Content-Length}, or none. Incremental: {@link #feed}
 * takes whatever arrived and tells the {@link Listener} about each request as it completes. Bounded: a head over
 * {@link #MAX_HEAD_BYTES} is refused with 431, a body over {@link #MAX_BODY_BYTES} with 413; anything malformed
 * with 400. After a refusal the reader takes nothing more (the connection closes).
 */
public final class HttpRequestReader {

    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final int MAX_HEADERS = 200;

    /** What the reader finds, in order. */
    public interface Listener {

        /** A request is complete. */
        void request(HttpRequest request);

        /** A request's head asked {@code Expect: 100-continue}: the client waits for a 100 before its body. */
        void continueWanted();

        /** The input cannot be a request: answer {@code status} with {@code reason} and close. */
        void malformed(int status, String reason);
    }

    private enum State { REQUEST_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, FAILED }

    private final Listener listener;
    private State state = State.REQUEST_LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int headBytes;
    private String method;
    private String target;
    private String version;
    private final List<HttpHeader> headers = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long remaining;

    public HttpRequestReader(Listener listener) {
        this.listener = listener;
    }

    /** Takes {@code length} bytes at {@code offset}. */
    public void feed(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end && state != State.FAILED) {
            if (state == State.BODY || state == State.CHUNK_DATA) {
                int n = (int) Math.min(remaining, end - at);
                body.write(data, at, n);
                at += n;
                remaining -= n;
                if (remaining == 0) {
                    if (state == State.BODY) {
                        complete();
                    } else {
                        state = State.CHUNK_END;
                    }
                }
                continue;
            }
            byte b = data[at++];
            if (++headBytes > MAX_HEAD_BYTES) {
                fail(431, "the request's header lines are over " + MAX_HEAD_BYTES + " bytes");
                return;
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = new String(line.toByteArray(), StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            lineDone(text);
        }
    }

    /** Whether the reader is between requests (nothing of a next one has arrived). */
    public boolean idle() {
        return state == State.REQUEST_LINE && line.size() == 0 && headBytes == 0;
    }

    private void lineDone(String text) {
        switch (state) {
            case REQUEST_LINE -> requestLine(text);
            case HEADERS -> headerLine(text);
            case CHUNK_SIZE -> chunkSize(text);
            case CHUNK_END -> {
                if (!text.isEmpty()) {
                    fail(400, "a chunk of the request's body does not end with CRLF");
                } else {
                    headBytes = 0;
                    state = State.CHUNK_SIZE;
                }
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    complete();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void requestLine(String text) {
        if (text.isEmpty()) {
            headBytes = 0; // an empty line before a request is allowed (RFC 9112 §2.2)
            return;
        }
        String[] parts = text.split(" ", -1);
        if (parts.length != 3 || !HttpTokens.isToken(parts[0]) || parts[1].isEmpty()) {
            fail(400, "the request line is not METHOD TARGET HTTP/1.x");
            return;
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            fail(parts[2].startsWith("HTTP/") ? 505 : 400, "the request is not HTTP/1.0 or HTTP/1.1");
            return;
        }
        method = parts[0];
        target = parts[1];
        version = parts[2];
        headers.clear();
        state = State.HEADERS;
    }

    private void headerLine(String text) {
        if (text.isEmpty()) {
            headDone();
            return;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !HttpTokens.isToken(text.substring(0, colon))) {
            fail(400, "a header line is not NAME: VALUE");
            return;
        }
        if (headers.size() >= MAX_HEADERS) {
            fail(431, "the request has over " + MAX_HEADERS + " header lines");
            return;
        }
        headers.add(new HttpHeader(text.substring(0, colon), text.substring(colon + 1).trim()));
    }

    private void headDone() {
        HttpRequest head = new HttpRequest(method, target, version, headers, new byte[0]);
        String transfer = head.header("Transfer-Encoding");
        String length = head.header("Content-Length");
        body.reset();
        if (transfer != null) {
            if (!HttpTokens.lower(transfer).trim().endsWith("chunked")) {
                fail(501, "the request's transfer coding is not chunked: " + transfer);
                return;
            }
            expectContinue(head);
            state = State.CHUNK_SIZE;
            return;
        }
        if (length != null) {
            long n = parseLength(length);
            if (n < 0) {
                fail(400, "the request's Content-Length is not a number: " + length);
                return;
            }
            if (n > MAX_BODY_BYTES) {
                fail(413, "the request's body is over " + MAX_BODY_BYTES + " bytes");
                return;
            }
            if (n > 0) {
                expectContinue(head);
                remaining = n;
                state = State.BODY;
                return;
            }
        }
        complete();
    }

    private void expectContinue(HttpRequest head) {
        String expect = head.header("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            listener.continueWanted();
        }
    }

    private void chunkSize(String text) {
        headBytes = 0; // the head limit is per line here: a long body has many chunk lines
        int semicolon = text.indexOf(';');
        String hex = (semicolon >= 0 ? text.substring(0, semicolon) : text).trim();
        long size;
        try {
            size = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) {
            fail(400, "a chunk size of the request's body is not hexadecimal: " + text);
        } else if (size == 0) {
            state = State.TRAILERS;
        } else if (body.size() + size > MAX_BODY_BYTES) {
            fail(413, "the request's body is over " + MAX_BODY_BYTES + " bytes");
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void complete() {
        HttpRequest request = new HttpRequest(method, target, version, headers, body.toByteArray());
        body.reset();
        state = State.REQUEST_LINE;
        headBytes = 0;
        listener.request(request);
    }

    private void fail(int status, String reason) {
        state = State.FAILED;
        listener.malformed(status, reason);
    }

    private static long parseLength(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 12) {
            return -1;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) < '0' || trimmed.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(trimmed);
    }
}
