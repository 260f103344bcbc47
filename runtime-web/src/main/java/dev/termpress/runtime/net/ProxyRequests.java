package dev.termpress.runtime.net;

import dev.termpress.emulator.net.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a guest's request into a {@link FetchRequest}, or says why the browser cannot make it. The URL is
 * absolute from the target (absolute form, as sent to a proxy) or from the {@code Host} header; the page's own
 * host is reached as {@code host.termpress.internal} or 10.0.2.2. Headers about framing and the hop, and the
 * ones the browser sets itself, are left out; the ones a page may not set and that carry meaning (cookies, an
 * origin) refuse the request, so it never silently goes without them.
 */
final class ProxyRequests {

    /** Left out: the proxy frames the body itself, the browser sets these (a page's values are ignored or refused). */
    private static final Set<String> LEFT_OUT = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "expect",
            "accept-encoding", "accept-charset", "user-agent", "referer", "date", "dnt", "via");
    /** Headers the browser refuses to send for a page and without which the request means something else. */
    private static final Set<String> REFUSED = Set.of("cookie", "cookie2", "origin");
    private static final Set<String> REFUSED_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

    /** Either the fetch to make or the one line why not. */
    record Outcome(FetchRequest request, String refusal) {
    }

    private ProxyRequests() {
    }

    static Outcome translate(HttpRequest request, Destination destination, PageOrigin page) {
        String method = request.method();
        if (REFUSED_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT))) {
            return refused("the browser cannot send a " + method + " request"
                    + (method.equalsIgnoreCase("CONNECT") ? " (HTTPS through a proxy is not available in the browser)" : ""));
        }
        String url = url(request, destination, page);
        if (url == null) {
            return refused("the request's target " + request.target() + " is not a URL the browser can fetch");
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (HttpHeader header : request.headers()) {
            String name = HttpTokens.lower(header.name());
            if (REFUSED.contains(name) || name.startsWith("sec-") || name.startsWith("access-control-request-")) {
                return refused("the browser does not let a page send the " + header.name() + " header (" + url + ")");
            }
            if (!LEFT_OUT.contains(name) && !name.startsWith("proxy-")) {
                headers.add(header);
            }
        }
        boolean bodyAllowed = !method.equals("GET") && !method.equals("HEAD");
        if (!bodyAllowed && request.body().length > 0) {
            return refused("the browser cannot send a body with a " + method + " request (" + url + ")");
        }
        return new Outcome(new FetchRequest(url, method, headers, bodyAllowed ? request.body() : null), null);
    }

    private static Outcome refused(String why) {
        return new Outcome(null, why);
    }

    /** The absolute URL, or null when the target is neither origin form nor an http(s) URL. */
    static String url(HttpRequest request, Destination destination, PageOrigin page) {
        String target = request.target();
        String scheme = "http";
        String authority;
        String path;
        String lower = HttpTokens.lower(target);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            scheme = lower.startsWith("https") ? "https" : "http";
            String rest = target.substring(scheme.length() + 3);
            int slash = firstOf(rest, "/?#");
            authority = slash < 0 ? rest : rest.substring(0, slash);
            path = slash < 0 ? "/" : rest.substring(slash);
            if (path.startsWith("?")) {
                path = "/" + path;
            }
        } else if (target.startsWith("/")) {
            String host = request.header("Host");
            authority = host != null && !host.isEmpty() ? host
                    : destination.kind() == Destination.Kind.PAGE_HOST ? Addresses.HOST_NAME : destination.host();
            path = target;
        } else {
            return null;
        }
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        if (authority.isEmpty() || authority.contains("@") || firstOf(authority, " /\\") >= 0) {
            return null;
        }
        String hostOnly = hostPart(authority);
        if (destination.kind() == Destination.Kind.PAGE_HOST && !target.startsWith("http")) {
            return page.url(destination.port(), path);
        }
        if (hostOnly.equalsIgnoreCase(Addresses.HOST_NAME) || hostOnly.equals(Addresses.GATEWAY_TEXT)) {
            int port = portPart(authority, scheme.equals("https") ? 443 : 80);
            return port < 0 ? null : page.url(port, path);
        }
        if (page.secure() && scheme.equals("http") && !loopback(hostOnly)) {
            scheme = "https"; // an https page may not fetch http (mixed content): most sites answer on both
            if (authority.endsWith(":80")) {
                authority = authority.substring(0, authority.length() - 3);
            }
        }
        return scheme + "://" + authority + path;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static String hostPart(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** The port in {@code authority}, {@code fallback} without one, -1 when it is not a port. */
    private static int portPart(String authority, int fallback) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.lastIndexOf(']') > colon) {
            return fallback;
        }
        String digits = authority.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 5) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        int port = Integer.parseInt(digits);
        return port > 0 && port < 65536 ? port : -1;
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
