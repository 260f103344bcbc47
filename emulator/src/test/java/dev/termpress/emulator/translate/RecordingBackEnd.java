package dev.termpress.emulator.translate;

import dev.termpress.emulator.translate.jvm.JvmBlockCompiler;
import java.util.ArrayList;
import java.util.List;

/** The JVM back end, recording the translator's install and release calls as "installed N" / "released N". */
final class RecordingBackEnd implements BlockCompiler {

    private final JvmBlockCompiler jvm = new JvmBlockCompiler();
    private final List<String> events = new ArrayList<>();

    @Override
    public CompiledBlock compile(Block block) {
        return jvm.compile(block);
    }

    @Override
    public void installed(CompiledBlock code, int ramPage) {
        events.add("installed " + ramPage);
    }

    @Override
    public void released(CompiledBlock code, int ramPage) {
        events.add("released " + ramPage);
    }

    /** Every call, in order. */
    List<String> events() {
        return events;
    }

    /** The install calls only, in order. */
    List<String> installs() {
        return events.stream().filter(e -> e.startsWith("installed ")).toList();
    }
}
