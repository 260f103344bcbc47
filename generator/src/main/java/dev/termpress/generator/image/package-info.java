/**
 * Reads container images (OCI image layouts, {@code oci-archive} and {@code docker save} tars),
 * resolves them to their {@code linux/riscv64} manifest, verifies every blob and publishes them
 * into a site for the browser runtime. The entry point is {@link dev.termpress.generator.image.OciImagePublisher}.
 */
package dev.termpress.generator.image;
