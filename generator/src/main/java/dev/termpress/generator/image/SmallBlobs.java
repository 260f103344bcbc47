package dev.termpress.generator.image;

import java.io.IOException;

/** Reads JSON blobs (indexes, manifests, configs) whole and verifies their size and sha256. */
final class SmallBlobs {

    private SmallBlobs() {}

    static byte[] read(ImageSource source, Descriptor descriptor) throws ImageException, IOException {
        String where = source.locate(descriptor.digest());
        if (descriptor.size() > Streams.MAX_JSON_BYTES) {
            throw new ImageException(where + ": descriptor says " + descriptor.size() + " bytes for a "
                    + descriptor.mediaType() + "; expected at most " + Streams.MAX_JSON_BYTES);
        }
        byte[] bytes = Streams.readJson(source.openBlob(descriptor.digest()), where);
        Verification.check(where, descriptor, bytes.length, Digest.of(Digest.newSha256().digest(bytes)));
        return bytes;
    }
}
