package dev.termpress.runtime.worker;

import dev.termpress.emulator.host.EntropySource;
import dev.termpress.runtime.js.WorkerScope;

/** Guest entropy from {@code crypto.getRandomValues}. */
final class BrowserEntropy implements EntropySource {

    @Override
    public void fill(byte[] buffer, int offset, int length) {
        byte[] random = WorkerScope.randomBytes(length).copyToJavaArray();
        System.arraycopy(random, 0, buffer, offset, length);
    }
}
