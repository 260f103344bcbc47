package dev.termpress.emulator.host;

import java.security.SecureRandom;

/** Entropy from the JVM's {@link SecureRandom}, for interactive use on the JVM. */
public final class SecureEntropySource implements EntropySource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public void fill(byte[] buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, buffer, offset, length);
    }
}
