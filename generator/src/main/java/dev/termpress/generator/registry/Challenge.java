package dev.termpress.generator.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code WWW-Authenticate} challenge (RFC 7235 §4.1): a scheme and its quoted parameters. */
record Challenge(String scheme, Map<String, String> params) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"|([A-Za-z_]+)=([^,\\s]+)");

    static Challenge parse(String header) {
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher m = PARAM.matcher(text.substring(space + 1));
            while (m.find()) {
                if (m.group(1) != null) {
                    params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
                } else {
                    params.put(m.group(3).toLowerCase(java.util.Locale.ROOT), m.group(4));
                }
            }
        }
        return new Challenge(scheme, Map.copyOf(params));
    }

    String param(String name) {
        return params.get(name);
    }
}
