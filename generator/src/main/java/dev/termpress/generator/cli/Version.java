package dev.termpress.generator.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("development" when run from classes). */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TermpressCommand.class.getPackage().getImplementationVersion();
        return new String[] {"termpress " + (version == null ? "development build" : version)};
    }
}
