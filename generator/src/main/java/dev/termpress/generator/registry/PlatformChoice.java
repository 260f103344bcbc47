package dev.termpress.generator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termpress.generator.image.ImageException;
import java.util.ArrayList;
import java.util.List;

/** Picks one entry of an image index for a wanted {@code os/arch[/variant]}. */
final class PlatformChoice {

    private PlatformChoice() {}

    /**
     * The digest of the entry for {@code wanted}. Without a variant, an entry without one wins, else the
     * first of that os and architecture (riscv64 has no registered variants; images that set one still run).
     * With a variant, only that variant matches.
     *
     * @throws ImageException listing every platform the index has when nothing matches
     */
    static String pick(JsonNode index, String wanted, ImageReference ref) throws ImageException {
        String[] parts = wanted.split("/", 3);
        String wantedVariant = parts.length > 2 ? parts[2] : "";
        String anyVariant = null;
        List<String> platforms = new ArrayList<>();
        for (JsonNode entry : index.path("manifests")) {
            JsonNode platform = entry.path("platform");
            String os = platform.path("os").asText("");
            String arch = platform.path("architecture").asText("");
            String variant = platform.path("variant").asText("");
            String digest = entry.path("digest").asText("");
            if (os.equals(parts[0]) && arch.equals(parts[1]) && !digest.isEmpty()) {
                if (variant.equals(wantedVariant)) {
                    return digest;
                }
                if (wantedVariant.isEmpty() && anyVariant == null) {
                    anyVariant = digest;
                }
            }
            // Attestation manifests ("unknown/unknown") are not images.
            if (!os.equals("unknown")) {
                platforms.add((os.isEmpty() ? "?" : os) + "/" + (arch.isEmpty() ? "?" : arch)
                        + (variant.isEmpty() ? "" : "/" + variant));
            }
        }
        if (anyVariant != null) {
            return anyVariant;
        }
        throw new ImageException(ref + ": no " + wanted + " image; it has "
                + (platforms.isEmpty() ? "no platforms" : String.join(", ", platforms))
                + ". termpress runs only linux/riscv64 images");
    }
}
