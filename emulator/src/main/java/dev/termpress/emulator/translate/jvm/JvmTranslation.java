package dev.termpress.emulator.translate.jvm;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.cpu.AcceleratorFactory;
import dev.termpress.emulator.translate.CompilerThread;
import dev.termpress.emulator.translate.Translator;

/**
 * The JVM host's switch for the translator: the system property {@code termpress.translate} or the
 * environment variable {@code TERMPRESS_TRANSLATE} says {@code on} (true, 1, yes) or {@code off}
 * (false, 0, no); unset, the host's default applies: off for {@code run} and {@code check} until
 * the translator is faster than the interpreter (docs/benchmarks.md), on for the emulator's own
 * test suite, which must pass either way. Lockstep mode (every block checked against the interpreter) when
 * {@code termpress.lockstep} or {@code TERMPRESS_LOCKSTEP} says on (or true, 1, yes).
 */
public final class JvmTranslation {

    /**
     * Off for now: measured slower than the interpreter on the boot, compute and the shell loop
     * (docs/benchmarks.md, 2026-12-07). Flip to true once it is faster.
     */
    private static final boolean DEFAULT_ON = false;

    private JvmTranslation() {
    }

    /** Whether the settings ask for the translator, {@code byDefault} when they say nothing. */
    public static boolean enabled(boolean byDefault) {
        String value = setting("termpress.translate", "TERMPRESS_TRANSLATE");
        return value == null ? byDefault : !isOff(value);
    }

    /** Whether the settings ask for the translator (off when unset; see the class comment). */
    public static boolean enabled() {
        return enabled(DEFAULT_ON);
    }

    /** Whether the settings ask for lockstep mode. */
    public static boolean lockstep() {
        String value = setting("termpress.lockstep", "TERMPRESS_LOCKSTEP");
        return value != null && !isOff(value);
    }

    /** Installs on every machine built from now on what the settings ask for (nothing when off). */
    public static void configureFromSettings() {
        configureFromSettings(DEFAULT_ON);
    }

    /** As {@link #configureFromSettings()}, with {@code byDefault} when the settings say nothing. */
    public static void configureFromSettings(boolean byDefault) {
        Machine.setAcceleratorFactory(enabled(byDefault) ? factory(lockstep()) : null);
    }

    /** A factory installing the JVM-bytecode translator, with or without lockstep checking. */
    public static AcceleratorFactory factory(boolean lockstep) {
        return cpu -> Translator.install(cpu, new JvmBlockCompiler(), lockstep, lockstep ? null : CompilerThread.INSTANCE);
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(variable);
    }

    private static boolean isOff(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("off") || v.equals("false") || v.equals("0") || v.equals("no") || v.isEmpty();
    }
}
