/**
 * The image filesystem: OCI layer tars indexed once ({@link dev.termpress.emulator.fs.LayerIndex},
 * with a compact byte form a generator ships next to the blobs), merged in order
 * ({@link dev.termpress.emulator.fs.LayerMerger}: whiteouts, opaque directories, hard links) into an
 * {@link dev.termpress.emulator.fs.ImageFileSystem} whose file contents come on demand from a host's
 * {@link dev.termpress.emulator.fs.LayerSource} and whose changes live in an in-memory upper layer.
 *
 * <p>Plain Java for HotSpot and TeaVM's WebAssembly GC backend: no threads, no blocking, no
 * java.util.zip (inflating layers is the host's job). Nothing here returns or accepts null unless its
 * documentation says so.
 */
package dev.termpress.emulator.fs;
