package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.FsPaths.find;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnDemandLayerSourceTest {

    private static final byte[] BASE = new TarBuilder().file("a", "from base").build();
    private static final byte[] TOP = new TarBuilder().file("b", "from top").file("c", "also top").build();

    private final List<Integer> fetches = new ArrayList<>();
    private final OnDemandLayerSource source = new OnDemandLayerSource(2, fetches::add);
    private final List<String> results = new ArrayList<>();

    private ReadCallback collect() {
        return new ReadCallback() {
            @Override
            public void data(byte[] data, int offset, int length) {
                results.add(new String(data, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(int errno) {
                results.add("errno " + errno);
            }
        };
    }

    @Test
    void aLayerIsFetchedOnceWhenAFileInItIsFirstRead() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE, TOP), source, () -> 0L);
        assertThat(fetches).as("knowing the tree needs no layer bytes").isEmpty();
        fs.read(find(fs, "b"), 0, 100, collect());
        fs.read(find(fs, "c"), 5, 100, collect());
        assertThat(fetches).containsExactly(1);
        assertThat(source.isFetching(1)).isTrue();
        assertThat(results).isEmpty();

        source.supply(1, TOP);
        assertThat(results).containsExactly("from top", "top");
        fs.read(find(fs, "b"), 0, 4, collect());
        assertThat(results).last().isEqualTo("from");
        assertThat(fetches).containsExactly(1);
        assertThat(source.has(0)).isFalse();
    }

    @Test
    void aFailedFetchFailsTheWaitingReadsAndTheNextReadTriesAgain() throws Exception {
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE, TOP), source, () -> 0L);
        fs.read(find(fs, "a"), 0, 100, collect());
        source.fail(0, "HTTP 503");
        assertThat(results).containsExactly("errno " + Errno.EIO);
        fs.read(find(fs, "a"), 0, 100, collect());
        assertThat(fetches).containsExactly(0, 0);
        source.supply(0, BASE);
        assertThat(results).last().isEqualTo("from base");
    }

    @Test
    void aFetcherThatAnswersAtOnceAndAPrefetchBothWork() throws Exception {
        OnDemandLayerSource[] self = new OnDemandLayerSource[1];
        self[0] = new OnDemandLayerSource(2, layer -> self[0].supply(layer, layer == 0 ? BASE : TOP));
        ImageFileSystem fs = ImageFileSystem.create(Layers.indexes(BASE, TOP), self[0], () -> 0L);
        fs.read(find(fs, "a"), 0, 100, collect());
        assertThat(results).containsExactly("from base");

        source.supply(1, TOP);
        ImageFileSystem prefetched = ImageFileSystem.create(Layers.indexes(BASE, TOP), source, () -> 0L);
        prefetched.read(find(prefetched, "c"), 0, 100, collect());
        assertThat(results).last().isEqualTo("also top");
        assertThat(fetches).isEmpty();
    }

    @Test
    void badLayerNumbersFailCleanly() {
        source.read(7, 0, 10, new LayerSource.Callback() {
            @Override
            public void done(byte[] data, int offset, int length) {
                results.add("done");
            }

            @Override
            public void failed(String reason) {
                results.add(reason);
            }
        });
        assertThat(results).containsExactly("no layer 7 or bad range 0+10");
        source.fail(9, "ignored");
        assertThat(source.has(9)).isFalse();
    }
}
