/**
 * Reading gzip layers from the middle (DESIGN §3, step 2): a deflate decoder that reports where each
 * block starts (RFC 1951), the search for inflate checkpoints a generator writes into a layer index,
 * and the construction that lets any standard raw-deflate decoder (a browser's DecompressionStream)
 * resume at a checkpoint.
 *
 * <p>Plain Java for HotSpot and TeaVM: no java.util.zip, no threads.
 */
package dev.termpress.emulator.fs.deflate;
