/**
 * Pulls images from container registries over the OCI distribution protocol: reference
 * normalisation as the docker CLI does it, the token and Basic auth flows, a content-addressed blob
 * cache and the lock file that pins each reference to a manifest digest. A pulled image becomes an
 * OCI image layout in the cache, which the {@code image} package reads like any local one.
 */
package dev.termpress.generator.registry;
