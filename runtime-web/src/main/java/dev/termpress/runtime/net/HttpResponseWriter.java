package dev.termpress.runtime.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The bytes of the HTTP/1.1 responses the proxy sends the guest: a head with the headers {@code fetch} exposed
 * (minus the ones about framing and the hop, which this side sets itself), then the body with a
 * {@code Content-Length} when it is known to be exact, chunked when the client speaks HTTP/1.1, else until
 * the connection closes.
 */
public final class HttpResponseWriter {

    /** How a response's body is delimited on the guest's connection. */
    public enum Framing { NONE, LENGTH, CHUNKED, CLOSE }

    /**
     * Headers the proxy never passes on: the body fetch gives is already decoded and de-chunked, and the hop to
     * the guest is this side's own.
     */
    private static final Set<String> DROPPED = Set.of("content-length", "content-encoding", "transfer-encoding",
            "connection", "keep-alive", "trailer", "upgrade", "proxy-connection");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private HttpResponseWriter() {
    }

    /**
     * How the body of a response to {@code request} with {@code status} goes: none for HEAD, 1xx, 204 and 304;
     * {@code Content-Length} when {@code exactLength} is known (not negative); else chunked for an HTTP/1.1
     * client, or until close.
     */
    public static Framing framing(HttpRequest request, int status, long exactLength) {
        if (request.bodiless() || status < 200 || status == 204 || status == 304) {
            return Framing.NONE;
        }
        if (exactLength >= 0) {
            return Framing.LENGTH;
        }
        return request.http11() ? Framing.CHUNKED : Framing.CLOSE;
    }

    /** The status line and headers, ending with the empty line. */
    public static byte[] head(int status, String statusText, List<HttpHeader> headers, Framing framing,
            long exactLength, boolean close) {
        StringBuilder out = new StringBuilder(256);
        String reason = statusText == null || statusText.isEmpty() || !printable(statusText)
                ? HttpTokens.reason(status) : statusText;
        out.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        for (HttpHeader header : headers) {
            if (!DROPPED.contains(HttpTokens.lower(header.name())) && printable(header.value())) {
                out.append(header.name()).append(": ").append(header.value()).append("\r\n");
            }
        }
        switch (framing) {
            case LENGTH -> out.append("Content-Length: ").append(exactLength).append("\r\n");
            case CHUNKED -> out.append("Transfer-Encoding: chunked\r\n");
            default -> { }
        }
        if (close || framing == Framing.CLOSE) {
            out.append("Connection: close\r\n");
        }
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One piece of body as it goes on the wire: as is, or as one chunk. */
    public static byte[] body(byte[] data, int offset, int length, Framing framing) {
        if (framing != Framing.CHUNKED) {
            return java.util.Arrays.copyOfRange(data, offset, offset + length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 12);
        byte[] size = Integer.toHexString(length).getBytes(StandardCharsets.ISO_8859_1);
        out.write(size, 0, size.length);
        out.write(CRLF, 0, 2);
        out.write(data, offset, length);
        out.write(CRLF, 0, 2);
        return out.toByteArray();
    }

    /** What ends a body: the last chunk, or nothing. */
    public static byte[] end(Framing framing) {
        return framing == Framing.CHUNKED ? LAST_CHUNK.clone() : new byte[0];
    }

    /** A whole plain-text answer made here ({@code 502} and the like): one line saying why, then close. */
    public static byte[] plain(HttpRequest request, int status, String line) {
        byte[] text = (line + "\n").getBytes(StandardCharsets.UTF_8);
        boolean bodiless = request != null && request.bodiless();
        byte[] head = head(status, null, List.of(new HttpHeader("Content-Type", "text/plain; charset=utf-8")),
                Framing.LENGTH, text.length, true);
        if (bodiless) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + text.length);
        System.arraycopy(text, 0, all, head.length, text.length);
        return all;
    }

    /** The interim answer to {@code Expect: 100-continue}. */
    public static byte[] continueHead() {
        return "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    }

    /** No control characters (a header value from fetch never has them; a status text might). */
    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
