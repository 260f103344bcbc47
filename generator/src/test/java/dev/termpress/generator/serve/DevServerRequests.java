package dev.termpress.generator.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain GET requests to a {@link DevServer} on localhost, for the serve tests. */
final class DevServerRequests {

    private DevServerRequests() {}

    /** GETs {@code path} with {@code headers} (name, value, ...) and the body as bytes. */
    static HttpResponse<byte[]> get(HttpClient client, DevServer server, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
