package dev.termpress.runtime.net;

/**
 * What a guest connection was opened to, as far as the proxy cares.
 *
 * @param kind the page's own host (the gateway), a name the guest resolved, or a bare address
 * @param host the name or dotted address (unused for {@link Kind#PAGE_HOST})
 * @param port the TCP port
 */
record Destination(Kind kind, String host, int port) {

    enum Kind { PAGE_HOST, NAME, ADDRESS }

    /** The way the notice lines name it. */
    String describe() {
        return (kind == Kind.PAGE_HOST ? dev.termpress.emulator.net.Addresses.HOST_NAME : host) + ":" + port;
    }
}
