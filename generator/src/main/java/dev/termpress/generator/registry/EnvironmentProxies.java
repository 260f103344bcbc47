package dev.termpress.generator.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies as curl and Go's net/http read them: {@code HTTPS_PROXY} for https URLs, {@code HTTP_PROXY}
 * for http ones (upper or lower case), {@code NO_PROXY} a comma list of hosts, domain suffixes
 * ({@code .corp} or {@code corp}), {@code host:port}, or {@code *}. Loopback hosts are never proxied
 * (as Go does), so a registry on localhost works behind any proxy setting. A login in the proxy URL
 * ({@code http://user:pass@proxy:3128}) is given to {@link RegistryClient} through {@link #loginFor}.
 */
public final class EnvironmentProxies extends ProxySelector {

    private final Map<String, String> env;

    public EnvironmentProxies(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public List<Proxy> select(URI uri) {
        URI proxy = proxyFor(uri);
        if (proxy == null) {
            return List.of(Proxy.NO_PROXY);
        }
        // curl's default proxy port.
        int port = proxy.getPort() > 0 ? proxy.getPort() : 1080;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    /**
     * The login in the URL of the proxy that {@code uri} goes through ({@code http://user:pass@host:port},
     * percent-decoded), or {@code null} when it goes direct or the proxy URL has none.
     */
    public ProxyLogin loginFor(URI uri) {
        URI proxy = proxyFor(uri);
        String userInfo = proxy == null ? null : proxy.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return null;
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        return new ProxyLogin(proxy.getHost() + (proxy.getPort() > 0 ? ":" + proxy.getPort() : ""), user, password);
    }

    /** {@code host:port} of the proxy {@code uri} goes through, or {@code null} when it goes direct. */
    String proxyName(URI uri) {
        URI proxy = proxyFor(uri);
        return proxy == null ? null : proxy.getHost() + ":" + (proxy.getPort() > 0 ? proxy.getPort() : 1080);
    }

    /** The JDK's list of schemes it will not send to a proxy for a CONNECT tunnel (net.properties: Basic). */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /**
     * Lets the JDK's HTTP client send a Basic login to the HTTPS proxy when {@code env}'s HTTPS_PROXY
     * carries one. The JDK withholds Basic logins from CONNECT by default; a user who wrote the login into
     * the proxy URL asked for it to be sent, as curl and Go send it. Works only before the first HTTP
     * client of the process exists (the JDK reads the setting once), so the command line calls it first
     * thing; a value the user set is kept.
     */
    public static void allowBasicTunnelLogins(Map<String, String> env) {
        EnvironmentProxies proxies = new EnvironmentProxies(env);
        String setting = proxies.get("HTTPS_PROXY");
        if (setting != null && setting.contains("@") && System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        }
    }

    /** Whether Basic logins are (probably) kept from CONNECT: the property's default is "Basic". */
    static boolean basicTunnelLoginsDisabled() {
        String value = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        return value == null || value.toLowerCase(Locale.ROOT).contains("basic");
    }

    /** The proxy URL for {@code uri}, or {@code null} when it goes direct. */
    private URI proxyFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (isLoopback(host) || excluded(host, uri.getPort())) {
            return null;
        }
        String setting = "https".equalsIgnoreCase(uri.getScheme()) ? get("HTTPS_PROXY") : get("HTTP_PROXY");
        if (setting == null || setting.isBlank()) {
            return null;
        }
        URI proxy;
        try {
            proxy = URI.create(setting.contains("://") ? setting.strip() : "http://" + setting.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        return proxy.getHost() == null ? null : proxy;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
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
