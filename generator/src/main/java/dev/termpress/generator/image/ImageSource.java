package dev.termpress.generator.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** An image source seen as an OCI image layout: top-level descriptors and blobs by digest. */
interface ImageSource extends Closeable {

    /** What and where the source is, for messages: "OCI image layout /path". */
    String describe();

    /** The top-level descriptors (the entries of {@code index.json}, or one per docker image). */
    List<Descriptor> roots() throws ImageException, IOException;

    /** Where the blob with this digest lives, for error messages. */
    String locate(Digest digest);

    /** Opens a blob's raw bytes; a missing blob is an {@link ImageException} naming where it should be. */
    InputStream openBlob(Digest digest) throws ImageException, IOException;

    @Override
    void close();
}
