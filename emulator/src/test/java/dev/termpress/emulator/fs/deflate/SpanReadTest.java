package dev.termpress.emulator.fs.deflate;

import static dev.termpress.emulator.fs.FsPaths.find;
import static org.assertj.core.api.Assertions.assertThat;

import dev.termpress.emulator.fs.Errno;
import dev.termpress.emulator.fs.ImageFileSystem;
import dev.termpress.emulator.fs.IndexEntry;
import dev.termpress.emulator.fs.InflateCheckpoints;
import dev.termpress.emulator.fs.Inode;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.OnDemandLayerSource;
import dev.termpress.emulator.fs.ReadCallback;
import dev.termpress.emulator.fs.TarInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads served span by span (DESIGN §3, step 2): only the spans a read needs are asked for. */
class SpanReadTest {

    private byte[] tar;
    private byte[] blob;
    private final TestWindows windows = new TestWindows();
    private LayerIndex index;
    private final List<Integer> spanFetches = new ArrayList<>();
    private final List<Integer> layerFetches = new ArrayList<>();
    private final List<Object> results = new ArrayList<>();
    private OnDemandLayerSource source;
    private ImageFileSystem fs;

    @BeforeEach
    void setUp() throws Exception {
        tar = CheckpointIndexTest.tar(3_000_000);
        blob = CheckpointIndexTest.gzip(tar);
        index = LayerIndex.build(TarInput.of(tar))
                .withCheckpoints(CheckpointFinderTest.checkpoints(blob, 128 * 1024, windows));
        source = new OnDemandLayerSource(1, new OnDemandLayerSource.Fetcher() {
            @Override
            public void fetch(int layer) {
                layerFetches.add(layer);
            }

            @Override
            public void fetchSpan(int layer, int span) {
                spanFetches.add(span);
            }
        });
        source.useSpans(0, index.checkpoints());
        fs = ImageFileSystem.create(List.of(index), source, () -> 0L);
    }

    @Test
    void aReadAsksOnlyForTheSpansHoldingItsBytes() throws Exception {
        IndexEntry file = crossingFile();
        InflateCheckpoints checkpoints = index.checkpoints();
        int first = checkpoints.spanAt(file.dataOffset());
        int last = checkpoints.spanAt(file.dataOffset() + file.size() - 1);
        read(file, 0, (int) file.size());
        List<Integer> expected = new ArrayList<>();
        for (int span = first; span <= last; span++) {
            expected.add(span);
        }
        assertThat(spanFetches).isEqualTo(expected);
        assertThat(layerFetches).isEmpty();
        assertThat(results).isEmpty();
        for (int span = last; span >= first; span--) {
            source.supplySpan(0, span, inflate(span));
        }
        assertThat(results).hasSize(1);
        assertThat((byte[]) results.get(0)).isEqualTo(contentOf(file));
        read(file, 1, 10);
        assertThat((byte[]) results.get(1)).isEqualTo(Arrays.copyOfRange(contentOf(file), 1, 11));
        assertThat(spanFetches).as("nothing fetched twice").hasSize(expected.size());
        assertThat(source.spanBytes(0, first)).hasSize((int) (checkpoints.spans().get(first).uncompressedEnd()
                - checkpoints.spans().get(first).uncompressedStart()));
        assertThat(source.spanBytes(0, last + 1 < checkpoints.spans().size() ? last + 1 : 0)).isNull();
    }

    @Test
    void aFailedSpanFailsItsReadsAndIsAskedForAgain() throws Exception {
        IndexEntry file = crossingFile();
        int span = index.checkpoints().spanAt(file.dataOffset());
        read(file, 0, 1);
        source.failSpan(0, span, "span digest mismatch");
        assertThat(results).containsExactly(Errno.EIO);
        read(file, 0, 1);
        assertThat(spanFetches).containsExactly(span, span);
        source.supply(0, tar);
        assertThat((byte[]) results.get(1)).containsExactly(contentOf(file)[0]);
    }

    @Test
    void aSpanOfTheWrongLengthFailsTheRead() throws Exception {
        IndexEntry file = crossingFile();
        int span = index.checkpoints().spanAt(file.dataOffset());
        read(file, 0, 1);
        source.supplySpan(0, span, new byte[3]);
        assertThat(results).containsExactly(Errno.EIO);
    }

    @Test
    void anEmptyReadOrOneAtTheEndOfTheStreamAsksForNoSpan() {
        List<String> answers = new ArrayList<>();
        dev.termpress.emulator.fs.LayerSource.Callback callback = new dev.termpress.emulator.fs.LayerSource.Callback() {
            @Override
            public void done(byte[] data, int offset, int length) {
                answers.add("done " + length);
            }

            @Override
            public void failed(String reason) {
                answers.add(reason);
            }
        };
        source.read(0, 1000, 0, callback);
        source.read(0, index.checkpoints().spans().get(index.checkpoints().spans().size() - 1).uncompressedEnd(), 100,
                callback);
        assertThat(answers).containsExactly("done 0", "done 0");
        assertThat(spanFetches).isEmpty();
    }

    @Test
    void aReadWaitingForTheWholeLayerIsNotAnsweredByASpan() throws Exception {
        List<Object> answers = new ArrayList<>();
        OnDemandLayerSource early = new OnDemandLayerSource(1, layer -> { });
        IndexEntry file = crossingFile();
        early.read(0, file.dataOffset(), (int) file.size(), new dev.termpress.emulator.fs.LayerSource.Callback() {
            @Override
            public void done(byte[] data, int offset, int length) {
                answers.add(Arrays.copyOfRange(data, offset, offset + length));
            }

            @Override
            public void failed(String reason) {
                answers.add(reason);
            }
        });
        early.useSpans(0, index.checkpoints());
        early.supplySpan(0, 0, inflate(0));
        assertThat(answers).as("it waits for the whole layer it asked for").isEmpty();
        early.supply(0, tar);
        assertThat(answers).singleElement().isEqualTo(contentOf(file));
    }

    private byte[] inflate(int span) throws Exception {
        InflateCheckpoints.Span meta = index.checkpoints().spans().get(span);
        byte[] stream = SpanStream.of(meta, windows.window(meta),
                Arrays.copyOfRange(blob, (int) meta.firstByte(), (int) meta.endByte()));
        byte[] out = CheckpointFinderTest.inflateRaw(stream);
        return Arrays.copyOfRange(out, meta.windowLength(), out.length);
    }

    /** A file whose content crosses a span boundary. */
    private IndexEntry crossingFile() {
        InflateCheckpoints checkpoints = index.checkpoints();
        for (IndexEntry entry : index.entries()) {
            if (entry.size() > 0 && checkpoints.spanAt(entry.dataOffset())
                    < checkpoints.spanAt(entry.dataOffset() + entry.size() - 1)) {
                return entry;
            }
        }
        throw new AssertionError("no file crosses a span boundary");
    }

    private byte[] contentOf(IndexEntry file) {
        return Arrays.copyOfRange(tar, (int) file.dataOffset(), (int) (file.dataOffset() + file.size()));
    }

    private void read(IndexEntry file, long offset, int length) {
        Inode inode = find(fs, file.path());
        fs.read(inode, offset, length, new ReadCallback() {
            @Override
            public void data(byte[] data, int from, int n) {
                results.add(Arrays.copyOfRange(data, from, from + n));
            }

            @Override
            public void failed(int errno) {
                results.add(errno);
            }
        });
    }
}
