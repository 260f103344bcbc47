package dev.termpress.generator.build;

import dev.termpress.generator.content.Page;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.ErrorCollector;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImagePublisher;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.PublishedImage;
import dev.termpress.generator.markdown.DemoBlock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Checks every demo block's image name and publishes the images some page uses (only those). */
final class ResolveImagesStep implements BuildStep {

    private final ImagePublisher publisher;

    ResolveImagesStep(ImagePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return "images";
    }

    @Override
    public void run(Site site) throws BuildException {
        Set<ImageSpec> used = usedImages(site);
        int done = 0;
        for (ImageSpec spec : site.config.images()) {
            if (!used.contains(spec)) {
                continue;
            }
            site.progress.update("copying image " + spec.name() + " (" + (++done) + "/" + used.size() + ")");
            PublishedImage published = publish(spec, site);
            site.imageDescriptors.put(spec.name(), published.descriptorPath());
            site.blobsWritten += published.blobsWritten();
            site.imageBytes += published.bytesWritten();
        }
    }

    /** The images the pages' demo blocks name, in first-use order; unknown names are errors at their blocks. */
    static Set<ImageSpec> usedImages(Site site) throws BuildException {
        ErrorCollector errors = new ErrorCollector();
        Set<ImageSpec> used = new LinkedHashSet<>();
        for (Page page : site.pages) {
            for (DemoBlock demo : page.demos().values()) {
                Optional<ImageSpec> spec = site.config.image(demo.image());
                if (spec.isPresent()) {
                    used.add(spec.get());
                } else {
                    errors.add(demo.file(), demo.line(), unknownImage(site, demo.image()));
                }
            }
        }
        errors.throwIfAny();
        return used;
    }

    private PublishedImage publish(ImageSpec spec, Site site) throws BuildException {
        try {
            return publisher.publish(spec, site.staging);
        } catch (ImageException e) {
            String message = e.getMessage();
            String declared = spec.declaredIn().getFileName().toString();
            if (message == null || !message.contains(declared)) {
                message = message + " (image '" + spec.name() + "' declared in " + declared + ":" + spec.line() + ")";
            }
            throw new BuildException(new SiteError(null, 0, message));
        }
    }

    /** The message for a demo block naming an image that termpress.yaml does not declare. */
    static String unknownImage(Site site, String name) {
        if (site.config.images().isEmpty()) {
            return "unknown image '" + name + "' (no images are declared: add one under 'images:' in termpress.yaml)";
        }
        return "unknown image '" + name + "' (valid: " + String.join(", ", site.config.imageNames()) + ")";
    }
}
