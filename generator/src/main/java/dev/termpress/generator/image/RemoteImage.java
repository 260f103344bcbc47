package dev.termpress.generator.image;

/**
 * An image {@code termpress.yaml} names by registry reference rather than by a file.
 *
 * @param reference the reference as written ({@code alpine:3.21}, {@code ghcr.io/team/app@sha256:...})
 * @param platform the platform to pick from an index: {@code linux/riscv64}, optionally with a variant
 */
public record RemoteImage(String reference, String platform) {

    /** The only platform termpress runs; an index entry of any riscv64 variant matches it. */
    public static final String DEFAULT_PLATFORM = "linux/riscv64";
}
