package dev.termpress.generator.cli;

import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImagePublisher;
import java.lang.reflect.InvocationTargetException;

/** The image publisher the command line uses. */
final class Publishers {

    /** The OCI implementation, written alongside this module (package dev.termpress.generator.image). */
    static final String OCI_PUBLISHER = "dev.termpress.generator.image.OciImagePublisher";

    private Publishers() {}

    /** The OCI publisher, or one that explains it is missing from this build. */
    static ImagePublisher standard() {
        try {
            return (ImagePublisher) Class.forName(OCI_PUBLISHER).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            return (spec, out) -> {
                throw new ImageException("this termpress build cannot publish images yet (image '" + spec.name()
                        + "' from " + spec.source() + ")");
            };
        }
    }
}
