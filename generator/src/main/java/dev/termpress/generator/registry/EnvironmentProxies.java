package dev.termpress.generator.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies as curl and Go's net/http read them: {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY}
 * for http ones (upper or lower case), {@code NO_PROXY} a comma list of hosts, domain suffixes
 * ({@code .corp} or {@code corp}), {@code host:port}, or {@code *}. Loopback hosts are never proxied
 * (as Go does), so a registry on localhost works behind any proxy setting.
 */
public final class EnvironmentProxies extends ProxySelector {

    private final Map<String, String> env;

    public EnvironmentProxies(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (isLoopback(host) || excluded(host, uri.getPort())) {
            return List.of(Proxy.NO_PROXY);
        }
        String setting = "https".equalsIgnoreCase(uri.getScheme()) ? get("HTTPS_PROXY") : get("HTTP_PROXY");
        if (setting == null || setting.isBlank()) {
            return List.of(Proxy.NO_PROXY);
        }
        URI proxy = URI.create(setting.contains("://") ? setting.strip() : "http://" + setting.strip());
        if (proxy.getHost() == null) {
            return List.of(Proxy.NO_PROXY);
        }
        // curl's default proxy port.
        int port = proxy.getPort() > 0 ? proxy.getPort() : 1080;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // The client reports the failure itself; there is no other proxy to fall back to.
    }

    /** The proxy setting for {@code name} as a message may show it (no user or password), or {@code null}. */
    String describe(String name) {
        String setting = get(name);
        if (setting == null) {
            return null;
        }
        int at = setting.lastIndexOf('@');
        int scheme = setting.indexOf("://");
        return at < 0 ? setting : setting.substring(0, scheme < 0 ? 0 : scheme + 3) + "***@" + setting.substring(at + 1);
    }

    private boolean excluded(String host, int port) {
        String list = get("NO_PROXY");
        if (list == null) {
            return false;
        }
        for (String raw : list.split(",")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                return true;
            }
            int colon = item.lastIndexOf(':');
            if (colon > 0 && !item.contains("]") || item.startsWith("[") && item.contains("]:")) {
                String itemPort = item.substring(colon + 1);
                if (!itemPort.equals(String.valueOf(port))) {
                    continue;
                }
                item = item.substring(0, colon);
            }
            String domain = item.startsWith(".") ? item.substring(1) : item.startsWith("*.") ? item.substring(2) : item;
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private String get(String name) {
        String upper = env.get(name);
        return upper != null ? upper : env.get(name.toLowerCase(Locale.ROOT));
    }
}
