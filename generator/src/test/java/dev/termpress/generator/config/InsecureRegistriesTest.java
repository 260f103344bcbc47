package dev.termpress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.termpress.generator.diag.BuildException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code insecure_registries:} in termpress.yaml: hosts allowed over plain HTTP, and clear errors for bad entries. */
class InsecureRegistriesTest {

    private static final Path FILE = Path.of("termpress.yaml");

    @Test
    void listsHostsAndHostPortsLowercase() throws Exception {
        SiteConfig config = SiteConfigLoader.parse("""
                insecure_registries:
                  - Registry.LAN:5000
                  - lab.internal
                  - 10.0.0.7:8080
                  - "[fd00::1]:5000"
                """, FILE);
        assertThat(config.insecureRegistries())
                .containsExactly("registry.lan:5000", "lab.internal", "10.0.0.7:8080", "[fd00::1]:5000");
        assertThat(SiteConfigLoader.parse("title: T\n", FILE).insecureRegistries()).isEmpty();
        assertThat(SiteConfigLoader.parse("insecure_registries: [a.lan]\n", FILE).insecureRegistries())
                .containsExactly("a.lan");
    }

    @Test
    void eachBadEntryIsReportedAtItsLine() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("""
                title: T
                insecure_registries:
                  - http://registry.lan:5000/
                  - registry.lan/team
                  - 10.0.0.0/8
                  - registry.lan:0
                  - registry.lan:http
                  - under_score.lan
                  - ok.lan
                  - OK.lan
                  - {host: x}
                """, FILE)).isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.errors().stream()
                        .map(error -> error.format()).toList()).containsExactly(
                "termpress.yaml:3: insecure_registries: 'http://registry.lan:5000/' must be a host without a scheme:"
                        + " `registry.lan:5000` (plain HTTP is what being listed here allows)",
                "termpress.yaml:4: insecure_registries: 'registry.lan/team' must be a registry host (host or"
                        + " host:port) without a path, e.g. `insecure_registries: [registry.lan:5000]`",
                "termpress.yaml:5: insecure_registries: '10.0.0.0/8' is an address range; list each registry host"
                        + " (host or host:port) instead",
                "termpress.yaml:6: insecure_registries: 'registry.lan:0' has port 0; a port is 1 to 65535",
                "termpress.yaml:7: insecure_registries: 'registry.lan:http' must be host or host:port,"
                        + " e.g. `insecure_registries: [registry.lan:5000]`",
                "termpress.yaml:8: insecure_registries: 'under_score.lan' is not a host name or address (letters,"
                        + " digits, dots and dashes; [IPv6] in brackets)",
                "termpress.yaml:10: insecure_registries: 'OK.lan' is listed twice",
                "termpress.yaml:11: insecure_registries: each entry must be a registry host (host or host:port),"
                        + " e.g. `insecure_registries: [registry.lan:5000]`"));
    }

    @Test
    void aSingleHostInsteadOfAListIsAnError() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("insecure_registries: registry.lan:5000\n", FILE))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.errors().get(0).format()).isEqualTo(
                        "termpress.yaml:1: insecure_registries must be a list of registry hosts (host or host:port),"
                                + " e.g. `insecure_registries: [registry.lan:5000]`"));
    }
}
