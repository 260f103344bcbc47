package dev.termpress.runtime.net;

import java.util.List;

/**
 * One request the guest sent, with its body de-chunked.
 *
 * @param method the method token, as sent
 * @param target the request target: origin form ({@code /path?q}) or absolute form ({@code http://host/path})
 * @param version {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param headers every header line in order (framing ones included)
 * @param body the body bytes (empty without one)
 */
public record HttpRequest(String method, String target, String version, List<HttpHeader> headers, byte[] body) {

    public HttpRequest {
        headers = List.copyOf(headers);
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        for (HttpHeader header : headers) {
            if (header.is(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Whether the client speaks HTTP/1.1 (so a chunked response is understood). */
    public boolean http11() {
        return "HTTP/1.1".equals(version);
    }

    /** Whether the connection ends after this exchange (RFC 9112 §9.3): 1.0 without keep-alive, or "close". */
    public boolean closesConnection() {
        String connection = header("Connection");
        boolean hasClose = connection != null && HttpTokens.listHas(connection, "close");
        if (http11()) {
            return hasClose;
        }
        return hasClose || connection == null || !HttpTokens.listHas(connection, "keep-alive");
    }

    /** Whether the response carries no body whatever its headers say (HEAD). */
    public boolean bodiless() {
        return "HEAD".equals(method);
    }
}
