package dev.termpress.runtime.net;

/**
 * Where the page came from ({@code location} in the worker, which is the page's origin): the guest reaches its
 * host as {@code host.termpress.internal} or 10.0.2.2, on any port.
 *
 * @param scheme {@code http} or {@code https}
 * @param hostname the host name or address, IPv6 in brackets
 */
public record PageOrigin(String scheme, String hostname) {

    /** Whether the page is https: http URLs elsewhere would be mixed content, which the browser blocks. */
    public boolean secure() {
        return "https".equals(scheme);
    }

    /** The URL of {@code pathAndQuery} on the page's host at {@code port}. */
    public String url(int port, String pathAndQuery) {
        boolean standard = secure() ? port == 443 : port == 80;
        return scheme + "://" + hostname + (standard ? "" : ":" + port) + pathAndQuery;
    }
}
