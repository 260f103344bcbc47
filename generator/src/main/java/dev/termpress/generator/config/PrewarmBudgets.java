package dev.termpress.generator.config;

import dev.termpress.generator.image.ImageSpec;
import java.util.HashMap;
import java.util.Map;

/** Each declared image's prewarm budget in bytes, as pages carry it ({@code data-prewarm} on a demo block). */
public final class PrewarmBudgets {

    private PrewarmBudgets() {
    }

    /** Image name to budget bytes (0: off) for every image {@code config} declares; empty without a config. */
    public static Map<String, Long> of(SiteConfig config) {
        Map<String, Long> budgets = new HashMap<>();
        if (config != null) {
            for (ImageSpec image : config.images()) {
                budgets.put(image.name(), image.prewarm().bytes());
            }
        }
        return Map.copyOf(budgets);
    }
}
