package dev.termpress.generator.build;

import dev.termpress.emulator.fs.ImageFormatException;
import dev.termpress.emulator.snapshot.MachineSnapshot;
import dev.termpress.emulator.snapshot.SnapshotException;
import dev.termpress.generator.diag.BuildException;
import dev.termpress.generator.diag.SiteError;
import dev.termpress.generator.image.ImageException;
import dev.termpress.generator.image.ImageSpec;
import dev.termpress.generator.image.LocalImageLoader;
import dev.termpress.generator.image.SnapshotPublisher;
import dev.termpress.generator.vm.BootSnapshots;
import dev.termpress.generator.vm.PreparedImage;
import dev.termpress.generator.vm.SnapshotBlob;
import java.util.ArrayList;
import java.util.List;

/**
 * Boots every published image on the deterministic clock up to init's ready marker and publishes
 * the machine there as the image's boot snapshot (docs/image-descriptor.md, {@code snapshot}),
 * unless {@code snapshot: false} says not to.
 */
final class SnapshotImagesStep implements BuildStep {

    @Override
    public String name() {
        return "snapshots";
    }

    @Override
    public void run(Site site) throws BuildException {
        List<ImageSpec> wanted = new ArrayList<>();
        for (ImageSpec spec : site.config.images()) {
            if (spec.snapshot() && site.imageDescriptors.containsKey(spec.name())) {
                wanted.add(spec);
            }
        }
        int done = 0;
        for (ImageSpec spec : wanted) {
            site.progress.update("booting image " + spec.name() + " for its boot snapshot (" + (++done) + "/"
                    + wanted.size() + ")");
            String descriptor = site.imageDescriptors.get(spec.name());
            try {
                PreparedImage image = PreparedImage.of(LocalImageLoader.load(spec.source(), spec.reference()));
                String published = SnapshotPublisher.manifestDigest(site.staging, descriptor);
                if (!published.equals(image.snapshotIdentity().imageDigest())) {
                    throw fail(spec, "the published manifest " + published + " is not the one booted, "
                            + image.snapshotIdentity().imageDigest());
                }
                BootSnapshots.Parts parts = BootSnapshots.gzipped(image);
                SnapshotPublisher.Published blob = SnapshotPublisher.publish(site.staging, descriptor, parts.first(),
                        parts.cold(), SnapshotBlob.MEDIA_TYPE, image.snapshotIdentity().kernelSha256(),
                        MachineSnapshot.EMULATOR_VERSION, MachineSnapshot.FORMAT_VERSION);
                site.blobsWritten += parts.cold() == null ? 1 : 2;
                site.imageBytes += blob.size();
            } catch (ImageException | ImageFormatException | SnapshotException e) {
                throw fail(spec, e.getMessage());
            }
        }
    }

    private static BuildException fail(ImageSpec spec, String why) {
        return new BuildException(new SiteError(spec.declaredIn(), spec.line(), "image '" + spec.name()
                + "': no boot snapshot: " + why + " (`snapshot: false` on the image builds the site without one)"));
    }
}
