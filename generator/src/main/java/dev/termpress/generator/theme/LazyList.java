package dev.termpress.generator.theme;

import java.util.AbstractList;
import java.util.List;
import java.util.function.Supplier;

/** A read-only list computed on first use, for template variables that most templates never read. */
final class LazyList<T> extends AbstractList<T> {

    private final Supplier<List<T>> compute;
    private List<T> items;

    LazyList(Supplier<List<T>> compute) {
        this.compute = compute;
    }

    private List<T> items() {
        if (items == null) {
            items = compute.get(); // one page's model is rendered by one thread
        }
        return items;
    }

    @Override
    public T get(int index) {
        return items().get(index);
    }

    @Override
    public int size() {
        return items().size();
    }
}
