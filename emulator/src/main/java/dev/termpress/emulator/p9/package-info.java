/**
 * The guest's root filesystem over virtio: {@link dev.termpress.emulator.p9.Virtio9p} (the virtio device,
 * mount tag in its configuration space) and {@link dev.termpress.emulator.p9.NinePServer} (9P2000.L over
 * an {@link dev.termpress.emulator.fs.ImageFileSystem}).
 *
 * <p>Every T-message gets exactly one R-message, possibly later: a read of a file whose layer has not
 * arrived yet stays pending while the guest runs, and a Tflush of it is answered after it. Malformed
 * input of any kind gets an Rlerror (EPROTO for framing and truncated fields, EINVAL for bad names and
 * values, EBADF for unknown fids). Nothing here returns or accepts null unless its documentation says so.
 */
package dev.termpress.emulator.p9;
