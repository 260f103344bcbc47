package dev.termpress.generator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY as curl and Go read them. */
class EnvironmentProxiesTest {

    private static String via(Map<String, String> env, String url) {
        Proxy proxy = new EnvironmentProxies(env).select(URI.create(url)).get(0);
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Test
    void schemePicksTheSettingAndLowerCaseWorks() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://user:secret@proxy.corp:3128", "http_proxy", "plain.corp");
        assertThat(via(env, "https://ghcr.io/v2/")).isEqualTo("proxy.corp:3128");
        assertThat(via(env, "http://registry.corp:5000/v2/")).isEqualTo("plain.corp:1080");
        assertThat(via(Map.of(), "https://ghcr.io/v2/")).isEqualTo("direct");
    }

    @Test
    void noProxyMatchesHostsSuffixesPortsAndStar() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "proxy:3128", "NO_PROXY", "ghcr.io, .corp,quay.io:8443");
        assertThat(via(env, "https://ghcr.io/v2/")).isEqualTo("direct");
        assertThat(via(env, "https://pkg.ghcr.io/v2/")).isEqualTo("direct");
        assertThat(via(env, "https://registry.corp/v2/")).isEqualTo("direct");
        assertThat(via(env, "https://quay.io:8443/v2/")).isEqualTo("direct");
        assertThat(via(env, "https://quay.io/v2/")).isEqualTo("proxy:3128");
        assertThat(via(env, "https://notghcr.io/v2/")).isEqualTo("proxy:3128");
        assertThat(via(Map.of("HTTPS_PROXY", "proxy:3128", "no_proxy", "*"), "https://x.io/")).isEqualTo("direct");
    }

    @Test
    void loopbackIsNeverProxied() {
        Map<String, String> env = Map.of("HTTP_PROXY", "proxy:3128");
        assertThat(via(env, "http://127.0.0.1:5000/v2/")).isEqualTo("direct");
        assertThat(via(env, "http://localhost:5000/v2/")).isEqualTo("direct");
    }

    @Test
    void describeHidesTheLogin() {
        assertThat(new EnvironmentProxies(Map.of("HTTPS_PROXY", "http://user:secret@proxy.corp:3128"))
                .describe("HTTPS_PROXY")).isEqualTo("http://***@proxy.corp:3128");
    }
}
