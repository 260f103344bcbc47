package dev.termpress.emulator.cpu;

/**
 * Installs an {@link Accelerator} on each new hart. A JVM host sets one for the whole process
 * ({@code Machine.setAcceleratorFactory}); the browser never does, so the translator's back end is
 * unreachable from the worker and TeaVM does not compile it.
 */
public interface AcceleratorFactory {

    /** Installs this host's accelerator on {@code cpu}. */
    void install(Cpu cpu);
}
