package dev.termpress.emulator.translate.jvm;

import dev.termpress.emulator.Machine;
import dev.termpress.emulator.cpu.AcceleratorFactory;
import dev.termpress.emulator.translate.Translator;

/**
 * The JVM host's switch for the translator: on unless the system property
 * {@code termpress.translate} or the environment variable {@code TERMPRESS_TRANSLATE} says
 * {@code off} (or false, 0, no); lockstep mode (every block checked against the interpreter) when
 * {@code termpress.lockstep} or {@code TERMPRESS_LOCKSTEP} says on (or true, 1, yes).
 */
public final class JvmTranslation {

    private JvmTranslation() {
    }

    /** Whether the settings ask for the translator. */
    public static boolean enabled() {
        String value = setting("termpress.translate", "TERMPRESS_TRANSLATE");
        return value == null || !isOff(value);
    }

    /** Whether the settings ask for lockstep mode. */
    public static boolean lockstep() {
        String value = setting("termpress.lockstep", "TERMPRESS_LOCKSTEP");
        return value != null && !isOff(value);
    }

    /** Installs on every machine built from now on what the settings ask for (nothing when off). */
    public static void configureFromSettings() {
        Machine.setAcceleratorFactory(enabled() ? factory(lockstep()) : null);
    }

    /** A factory installing the JVM-bytecode translator, with or without lockstep checking. */
    public static AcceleratorFactory factory(boolean lockstep) {
        return cpu -> Translator.install(cpu, new JvmBlockCompiler(), lockstep, !lockstep);
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
