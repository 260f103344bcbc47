/**
 * virtio 1.x over MMIO: the transport ({@link dev.termpress.emulator.virtio.VirtioMmio}), split
 * virtqueues with indirect descriptors, and the device types.
 *
 * <p>A request's life: the driver makes a descriptor chain available and writes QueueNotify; the
 * transport walks the chain (checking every address against RAM) into a
 * {@link dev.termpress.emulator.virtio.VirtioRequest} and hands it to the
 * {@link dev.termpress.emulator.virtio.VirtioDevice}; the device reads and writes the request's buffers
 * and calls {@code complete} at once or later, which fills the used ring and raises the interrupt. A
 * driver mistake sets DEVICE_NEEDS_RESET; nothing a guest writes makes the host throw.
 */
package dev.termpress.emulator.virtio;
