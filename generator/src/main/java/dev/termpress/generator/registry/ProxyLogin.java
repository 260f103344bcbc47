package dev.termpress.generator.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A proxy login from a proxy URL's user info. Its {@link #toString} names the proxy and user, never
 * the password, so it may appear in messages.
 *
 * @param proxy {@code host:port} of the proxy
 */
public record ProxyLogin(String proxy, String user, String password) {

    /** The {@code Proxy-Authorization} value (RFC 7617 Basic). */
    String header() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "user " + user + " of the proxy " + proxy;
    }
}
