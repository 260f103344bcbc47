package dev.termpress.generator.config;

import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.yaml.YamlNode;
import dev.termpress.generator.yaml.YamlNode.Entry;
import dev.termpress.generator.yaml.YamlNode.YamlList;
import dev.termpress.generator.yaml.YamlNode.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code insecure_registries:} in termpress.yaml: the registry hosts a site may pull from over plain
 * HTTP, as the docker daemon's {@code insecure-registries}. Each entry is {@code host} (every port of
 * it) or {@code host:port}; no scheme, path or address range.
 */
final class InsecureRegistries {

    static final String KEY = "insecure_registries";
    private static final String EXAMPLE = "e.g. `" + KEY + ": [registry.lan:5000]`";
    private static final Pattern NAME = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]*]|[^:]*)(?::([0-9]+))?");

    private InsecureRegistries() {}

    /** The entries, lowercase; each bad one is reported at its own line. */
    static List<String> parse(Entry entry, Path file, ErrorCollector errors) {
        YamlNode value = entry.value();
        if (value instanceof YamlScalar scalar && scalar.text() == null) {
            return List.of();
        }
        if (!(value instanceof YamlList list)) {
            errors.add(file, value.line(), KEY + " must be a list of registry hosts (host or host:port), " + EXAMPLE);
            return List.of();
        }
        List<String> hosts = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlScalar scalar) || scalar.text() == null || scalar.text().isBlank()) {
                errors.add(file, item.line(), KEY + ": each entry must be a registry host (host or host:port), "
                        + EXAMPLE);
                continue;
            }
            String text = scalar.text().strip().toLowerCase(Locale.ROOT);
            String problem = problem(text);
            if (problem != null) {
                errors.add(file, item.line(), KEY + ": '" + scalar.text().strip() + "' " + problem);
            } else if (hosts.contains(text)) {
                errors.add(file, item.line(), KEY + ": '" + scalar.text().strip() + "' is listed twice");
            } else {
                hosts.add(text);
            }
        }
        return hosts;
    }

    /** What is wrong with an entry, or {@code null}. */
    static String problem(String text) {
        if (text.contains("://")) {
            return "must be a host without a scheme: `" + text.substring(text.indexOf("://") + 3).replaceAll("/.*", "")
                    + "` (plain HTTP is what being listed here allows)";
        }
        if (text.matches(".*/[0-9]{1,3}")) {
            return "is an address range; list each registry host (host or host:port) instead";
        }
        if (text.contains("/")) {
            return "must be a registry host (host or host:port) without a path, " + EXAMPLE;
        }
        Matcher parts = HOST_PORT.matcher(text);
        if (!parts.matches()) {
            return "must be host or host:port, " + EXAMPLE;
        }
        String host = parts.group(1);
        if (!NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return "is not a host name or address (letters, digits, dots and dashes; [IPv6] in brackets)";
        }
        if (parts.group(2) != null) {
            String port = parts.group(2);
            if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return "has port " + port + "; a port is 1 to 65535";
            }
        }
        return null;
    }
}
