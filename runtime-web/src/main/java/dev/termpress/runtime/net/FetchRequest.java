package dev.termpress.runtime.net;

import java.util.List;

/**
 * One request as it is handed to {@code fetch}.
 *
 * @param url the absolute URL
 * @param method the method
 * @param headers the headers the page may set (framing, hop and browser-owned ones already taken out)
 * @param body the body, or null for none
 */
public record FetchRequest(String url, String method, List<HttpHeader> headers, byte[] body) {

    public FetchRequest {
        headers = List.copyOf(headers);
    }
}
