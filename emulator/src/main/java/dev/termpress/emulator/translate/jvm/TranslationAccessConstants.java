package dev.termpress.emulator.translate.jvm;

import dev.termpress.emulator.cpu.TranslationAccess;

/** The TLB layout constants the generated code embeds. */
final class TranslationAccessConstants {

    static final int LOAD_TLB = TranslationAccess.LOAD_TLB;
    static final int STORE_TLB = TranslationAccess.STORE_TLB;
    static final int TLB_MASK = TranslationAccess.TLB_MASK;
    static final long CODE_PAGE = TranslationAccess.CODE_PAGE;

    private TranslationAccessConstants() {
    }
}
