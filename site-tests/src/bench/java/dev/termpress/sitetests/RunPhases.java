package dev.termpress.sitetests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one Run's time went, from the figure's {@code data-guest-timings} (docs/architecture.md): the moments
 * from the click to the prompt, in milliseconds after the click, and the worker's ledger of run slices and
 * waits from the machine's start to the slice that printed the prompt.
 */
final class RunPhases {

    /** A moment of the Run: its label, whether the page or the worker noted it, and the mark's name. */
    record Moment(String label, String side, String mark) {
    }

    /** The moments in the order they happen (a Run has either the snapshot's or the kernel's). */
    static final List<Moment> MOMENTS = List.of(
            new Moment("xterm.js loaded", "page", "libraries"),
            new Moment("worker created", "page", "workerCreated"),
            new Moment("worker script running", "worker", "workerScript"),
            new Moment("prefetch: snapshot requested", "worker", "prefetchStarted"),
            new Moment("TeaVM runtime loaded", "worker", "runtimeLoaded"),
            new Moment("module compiled, instantiated", "worker", "moduleReady"),
            new Moment("start message handled", "worker", "startMessage"),
            new Moment("guest RAM allocated", "worker", "ramAllocated"),
            new Moment("descriptor fetched", "worker", "descriptorFetched"),
            new Moment("snapshot fetched, verified", "worker", "snapshotFetched"),
            new Moment("snapshot inflated", "worker", "snapshotInflated"),
            new Moment("snapshot copied into Java", "worker", "snapshotCopied"),
            new Moment("kernel fetched, verified", "worker", "kernelFetched"),
            new Moment("kernel inflated", "worker", "kernelInflated"),
            new Moment("layer indexes loaded", "worker", "indexesLoaded"),
            new Moment("machine built", "worker", "machineBuilt"),
            new Moment("machine resumed", "worker", "snapshotResumed"),
            new Moment("machine started (booted or resumed)", "worker", "machineStarted"),
            new Moment("first run slice", "worker", "firstSlice"),
            new Moment("first output (worker)", "worker", "firstOutput"),
            new Moment("first output (page)", "page", "firstOutputShown"));

    /** The ledger's sums, in the order printed: label and field of the stats message's {@code ledger}. */
    static final Map<String, String> LEDGER = ledger();

    /** Ledger fields that are not parts of the span: the span itself and a count. */
    private static final Set<String> NOT_PART_OF_THE_SPAN = Set.of("spanMillis", "slices");

    private final Map<String, Double> moments = new LinkedHashMap<>();
    private final Map<String, Double> sums = new LinkedHashMap<>();

    private RunPhases(Map<?, ?> timings, double promptMillis) {
        Map<?, ?> page = section(timings, "page");
        Map<?, ?> worker = section(timings, "worker");
        for (Moment moment : MOMENTS) {
            Object at = ("page".equals(moment.side()) ? page : worker).get(moment.mark());
            moments.put(moment.label(), at instanceof Number number ? number.doubleValue() : Double.NaN);
        }
        moments.put("prompt", promptMillis);
        Map<?, ?> ledger = section(timings, "ledger");
        double accounted = 0;
        for (Map.Entry<String, String> field : LEDGER.entrySet()) {
            double value = ledger.get(field.getValue()) instanceof Number number ? number.doubleValue() : Double.NaN;
            sums.put(field.getKey(), value);
            if (!NOT_PART_OF_THE_SPAN.contains(field.getValue())) {
                accounted += value;
            }
        }
        sums.put("rest of the span", sums.get("machine start to prompt slice") - accounted);
    }

    /** Reads {@code timings} (the parsed attribute) of a Run whose prompt showed {@code promptMillis} after the click. */
    static RunPhases of(Object timings, double promptMillis) {
        return new RunPhases(timings instanceof Map<?, ?> map ? map : Map.of(), promptMillis);
    }

    /** Milliseconds after the click, by label of {@link #MOMENTS} (NaN when not noted), then "prompt". */
    Map<String, Double> moments() {
        return moments;
    }

    /** The ledger's sums by label, in milliseconds, plus "rest of the span" (what the ledger did not see). */
    Map<String, Double> sums() {
        return sums;
    }

    /** One line: each moment and sum, e.g. "xterm.js loaded 40, …, prompt 900; in slices 230 (41), …". */
    String summary() {
        StringBuilder line = new StringBuilder();
        moments.forEach((label, at) -> line.append(line.length() == 0 ? "" : ", ").append(label)
                .append(' ').append(Double.isNaN(at) ? "-" : String.format("%.0f", at)));
        line.append(";");
        sums.forEach((label, value) -> line.append(' ').append(label).append(' ')
                .append(Double.isNaN(value) ? "-" : String.format("%.0f", value)).append(','));
        line.setLength(line.length() - 1);
        return line.toString();
    }

    private static Map<?, ?> section(Map<?, ?> timings, String key) {
        return timings.get(key) instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Map<String, String> ledger() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("machine start to prompt slice", "spanMillis");
        fields.put("run slices", "slices");
        fields.put("in run slices", "sliceMillis");
        fields.put("yields (event loop)", "yieldMillis");
        fields.put("guest asleep until its timer", "sleepMillis");
        fields.put("timers late", "lateMillis");
        fields.put("waiting for fetches", "fetchMillis");
        fields.put("idle, no timer", "idleMillis");
        return fields;
    }
}
