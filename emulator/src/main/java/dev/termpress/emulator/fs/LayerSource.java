package dev.termpress.emulator.fs;

/**
 * Where file contents come from: byte ranges of a layer's uncompressed tar stream, provided by the host
 * (a JVM host from files or inflated gzip streams, a browser host from fetched and inflated blobs). The
 * answer may come at once, inside {@link #read}, or later, when the bytes have arrived; either way on the
 * thread that runs the machine.
 */
public interface LayerSource {

    /** Receives the answer to one {@link #read}. Exactly one of its methods is called, once. */
    interface Callback {

        /**
         * The requested bytes; {@code data} is only valid during the call. Fewer bytes than asked for
         * mean the stream ended.
         */
        void done(byte[] data, int offset, int length);

        /** The bytes cannot be had (download failed, digest mismatch); the guest sees EIO. */
        void failed(String reason);
    }

    /** Asks for {@code length} bytes at {@code offset} of layer {@code layer}'s uncompressed stream (layers count from 0, bottom first). */
    void read(int layer, long offset, int length, Callback callback);
}
