package dev.termpress.emulator.fs;

/**
 * The uncompressed bytes of a layer tar, read front to back once while its index is built. A JVM host
 * adapts an {@code InputStream} (a gzip stream, a file); a browser host hands over a byte array.
 */
public interface TarInput {

    /** Reads up to {@code length} bytes into {@code buffer}; returns how many, or -1 at the end of the stream. */
    int read(byte[] buffer, int offset, int length) throws ImageFormatException;

    /**
     * A tar read from a stream, for JVM hosts (for example a {@code GZIPInputStream} over a layer blob);
     * read errors become {@link ImageFormatException}s naming {@code name}.
     */
    static TarInput of(java.io.InputStream stream, String name) {
        return (buffer, offset, length) -> {
            try {
                return stream.read(buffer, offset, length);
            } catch (java.io.IOException e) {
                throw new ImageFormatException(name + ": cannot read the layer: " + e.getMessage());
            }
        };
    }

    /** A tar already in memory. */
    static TarInput of(byte[] tar) {
        return new TarInput() {
            private int position;

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= tar.length) {
                    return -1;
                }
                int n = Math.min(length, tar.length - position);
                System.arraycopy(tar, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
