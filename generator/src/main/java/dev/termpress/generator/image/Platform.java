package dev.termpress.generator.image;

/**
 * An image's platform (image-spec image-index.md, "platform").
 *
 * @param os for example {@code linux}
 * @param architecture for example {@code riscv64}
 * @param variant optional CPU variant, or {@code null}
 */
record Platform(String os, String architecture, String variant) {

    /** The only platform our emulator runs. */
    static final Platform LINUX_RISCV64 = new Platform("linux", "riscv64", null);

    boolean isLinuxRiscv64() {
        return LINUX_RISCV64.os.equals(os) && LINUX_RISCV64.architecture.equals(architecture);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}
