package dev.termpress.emulator.devices;

/** Helpers for devices whose registers are wider than some of the accesses made to them. */
final class Registers {

    private Registers() {
    }

    /** The {@code width} bytes at byte {@code shift} of a 64-bit register. */
    static long slice(long register, int byteOffset, int width) {
        long value = register >>> (8 * byteOffset);
        return width >= 8 ? value : value & ((1L << (8 * width)) - 1);
    }

    /** {@code register} with the {@code width} bytes at {@code byteOffset} replaced by {@code value}. */
    static long merge(long register, int byteOffset, int width, long value) {
        long mask = width >= 8 ? -1L : (1L << (8 * width)) - 1;
        int shift = 8 * byteOffset;
        return (register & ~(mask << shift)) | ((value & mask) << shift);
    }
}
