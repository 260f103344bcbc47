package dev.termpress.emulator.translate;

import dev.termpress.emulator.translate.jvm.JvmTranslation;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes every test's machines run as the JVM host runs them: translated unless
 * {@code -Dtermpress.translate=off}, checked block by block with {@code -Dtermpress.lockstep=on}.
 */
public final class TranslatorSetting implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        JvmTranslation.configureFromSettings(true);
    }
}
