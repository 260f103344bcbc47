package dev.termpress.sitetests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one quantity: their median and their best (lowest or highest). */
final class Samples {

    private final List<Double> values = new ArrayList<>();
    private final boolean higherIsBetter;

    private Samples(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** A time or a size: the best is the lowest. */
    static Samples lowerIsBetter() {
        return new Samples(false);
    }

    /** A speed: the best is the highest. */
    static Samples higherIsBetter() {
        return new Samples(true);
    }

    void add(double value) {
        values.add(value);
    }

    int count() {
        return values.size();
    }

    double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double best() {
        List<Double> sorted = sorted();
        return higherIsBetter ? sorted.get(sorted.size() - 1) : sorted.get(0);
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
