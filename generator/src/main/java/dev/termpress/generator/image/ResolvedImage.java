package dev.termpress.generator.image;

/**
 * An image resolved to one verified {@code linux/riscv64} manifest and its config.
 *
 * @param refName the name the chosen entry carries ({@code ref.name} or a docker tag), or {@code null}
 * @param manifestDescriptor the manifest's descriptor
 * @param manifestBytes the manifest's verified bytes
 * @param manifest the parsed manifest
 * @param configBytes the config's verified bytes
 * @param config the parsed config
 */
record ResolvedImage(String refName, Descriptor manifestDescriptor, byte[] manifestBytes, Manifest manifest,
        byte[] configBytes, ImageConfig config) {}
