package dev.termpress.sitetests;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link RunPhases} of repeated Runs: per moment and ledger sum, the median over the runs. */
final class PhaseTable {

    private final Map<String, Samples> moments = new LinkedHashMap<>();
    private final Map<String, Samples> sums = new LinkedHashMap<>();

    void add(RunPhases phases) {
        phases.moments().forEach((label, at) -> addTo(moments, label, at));
        phases.sums().forEach((label, value) -> addTo(sums, label, value));
    }

    /** Prints the medians of a cold and a warm table side by side. */
    static void print(PhaseTable cold, PhaseTable warm) {
        System.out.printf("  %-38s %8s %8s%n", "phases, median ms after the click", "cold", "warm");
        cold.moments.keySet().forEach(label -> row(label, cold.moments, warm.moments));
        System.out.printf("  %-38s %8s %8s%n", "worker ledger, median ms", "cold", "warm");
        cold.sums.keySet().forEach(label -> row(label, cold.sums, warm.sums));
    }

    private static void row(String label, Map<String, Samples> cold, Map<String, Samples> warm) {
        System.out.printf("    %-36s %8s %8s%n", label, median(cold.get(label)), median(warm.get(label)));
    }

    private static String median(Samples samples) {
        return samples == null || samples.count() == 0 ? "-" : String.format("%.0f", samples.median());
    }

    private static void addTo(Map<String, Samples> table, String label, double value) {
        Samples samples = table.computeIfAbsent(label, key -> Samples.lowerIsBetter());
        if (!Double.isNaN(value)) {
            samples.add(value);
        }
    }
}
