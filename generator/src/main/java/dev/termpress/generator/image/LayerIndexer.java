package dev.termpress.generator.image;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.fs.LayerIndex;
import dev.termpress.emulator.fs.TarInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

/**
 * Builds a layer's {@link LayerIndex} from its uncompressed bytes while another reader consumes
 * them: the caller writes the bytes into {@link #sink()} (a pipe) and a helper thread indexes them,
 * so each layer is inflated once. The helper always reads the pipe to its end, even after a
 * failure, so the writer never blocks.
 */
final class LayerIndexer implements AutoCloseable {

    private static final int PIPE_BYTES = 1 << 20;

    private final PipedOutputStream sink;
    private final Thread worker;
    private LayerIndex index;
    private String failure;

    LayerIndexer(String where) throws IOException {
        PipedInputStream source = new PipedInputStream(PIPE_BYTES);
        sink = new PipedOutputStream(source);
        worker = new Thread(() -> index(source, where), "termpress-layer-index");
        worker.setDaemon(true);
        worker.start();
    }

    /** Where the uncompressed layer bytes go. */
    OutputStream sink() {
        return sink;
    }

    private void index(InputStream source, String where) {
        try {
            index = LayerIndex.build(TarInput.of(source, where));
        } catch (ImageFormatException | RuntimeException e) {
            failure = e.getMessage();
        }
        try {
            source.transferTo(OutputStream.nullOutputStream()); // the rest: padding after the end-of-archive blocks
        } catch (IOException e) {
            // The writer closed early (its own failure); nothing left to drain.
        }
    }

    /** Ends the input and returns the index; a tar the index builder rejects is an {@link ImageException}. */
    LayerIndex finish(String where) throws ImageException, IOException {
        close();
        if (index == null) {
            throw new ImageException(where + ": cannot index the layer: " + (failure == null ? "no result" : failure));
        }
        return index;
    }

    @Override
    public void close() throws IOException {
        sink.close();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing a layer", e);
        }
    }
}
