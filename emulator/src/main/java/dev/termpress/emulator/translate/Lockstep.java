package dev.termpress.emulator.translate;

import dev.termpress.emulator.cpu.CpuState;
import dev.termpress.emulator.cpu.TranslationAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lockstep mode: each compiled block runs, its memory writes are undone and the state put back,
 * then the interpreter runs the same number of instructions from the same state; registers, pc,
 * counters, trap CSRs and every written word must match, or the run stops with a
 * {@link LockstepMismatch} naming the block, the instruction and the difference. A block that
 * touched a device cannot be replayed (the device saw the access), so it is only counted.
 * Every store is routed to {@code Ram.written} while lockstep is on, which is how writes are seen.
 */
final class Lockstep {

    private final TranslationAccess access;
    private final int[] mem;
    /** Word index to its value before the current phase wrote it; null between phases. */
    private Map<Integer, Integer> journal;
    private long checked;
    private long skipped;

    Lockstep(TranslationAccess access) {
        this.access = access;
        this.mem = access.mem;
    }

    /** Called for every write into RAM while lockstep is on. */
    void written(int offset, int length) {
        if (journal == null) {
            return;
        }
        for (int w = offset >>> 2; w <= (offset + length - 1) >>> 2; w++) {
            journal.putIfAbsent(w, mem[w]);
        }
    }

    int run(Block block, CompiledBlock code, int left, long pc) {
        TranslationAccess a = access;
        CpuState before = a.state();
        long devices = a.deviceAccesses();
        journal = new HashMap<>();
        a.entryCount = a.count();
        long next = code.run(a, left, pc);
        a.setPc(next);
        int ran = a.executed;
        a.setCount(a.entryCount + ran);
        Map<Integer, Integer> translatedOld = journal;
        journal = null;
        if (a.deviceAccesses() != devices) {
            skipped++;
            return ran;
        }
        CpuState translated = a.state();
        boolean translatedStop = a.stopRequested();
        Map<Integer, Integer> translatedNew = new HashMap<>();
        for (Map.Entry<Integer, Integer> w : translatedOld.entrySet()) {
            translatedNew.put(w.getKey(), mem[w.getKey()]);
            mem[w.getKey()] = w.getValue();
        }

        a.restore(before);
        journal = new HashMap<>();
        a.leaveOnPageChange(false); // exactly as many instructions as the unit ran
        a.interpret(ran);
        a.leaveOnPageChange(true);
        Map<Integer, Integer> interpretedOld = journal;
        journal = null;
        CpuState interpreted = a.state();

        String difference = interpreted.firstDifference(translated);
        if (difference == null && translatedStop != a.stopRequested()) {
            difference = "stop request: interpreter " + a.stopRequested() + ", translated " + translatedStop;
        }
        if (difference == null) {
            difference = memoryDifference(translatedOld, translatedNew, interpretedOld);
        }
        if (difference != null) {
            throw new LockstepMismatch(describe(block, ran, difference, before, interpreted, translated));
        }
        checked++;
        return ran;
    }

    private String memoryDifference(Map<Integer, Integer> translatedOld, Map<Integer, Integer> translatedNew,
            Map<Integer, Integer> interpretedOld) {
        TreeSet<Integer> words = new TreeSet<>(translatedOld.keySet());
        words.addAll(interpretedOld.keySet());
        for (int w : words) {
            int original = translatedOld.containsKey(w) ? translatedOld.get(w) : interpretedOld.get(w);
            int expected = mem[w];
            int actual = translatedNew.getOrDefault(w, original);
            if (expected != actual) {
                return "memory word at RAM offset 0x" + Integer.toHexString(w << 2) + ": interpreter 0x"
                        + Integer.toHexString(expected) + ", translated 0x" + Integer.toHexString(actual);
            }
        }
        return null;
    }

    private static String describe(Block block, int ran, String difference, CpuState before, CpuState interpreted,
            CpuState translated) {
        StringBuilder s = new StringBuilder();
        s.append("lockstep: unit at pc 0x").append(Long.toHexString(block.startPc())).append(" (")
                .append(block.size()).append(" instructions, ").append(ran)
                .append(" executed from 0x").append(Long.toHexString(before.pc())).append(") differs from the interpreter: ").append(difference);
        Insn suspect = suspect(block, difference, interpreted);
        if (suspect != null) {
            s.append("\n  at ").append(suspect);
        }
        s.append("\n  unit (first 48 instructions):");
        for (Insn insn : block.insns().subList(0, Math.min(48, block.size()))) {
            s.append("\n    ").append(insn);
        }
        s.append("\n  entry pc 0x").append(Long.toHexString(before.pc())).append(", interpreter ended at 0x")
                .append(Long.toHexString(interpreted.pc())).append(", translated at 0x")
                .append(Long.toHexString(translated.pc()));
        return s.toString();
    }

    /** The instruction a difference points at: the last writer of a register, the first store, or the end. */
    private static Insn suspect(Block block, String difference, CpuState interpreted) {
        if (difference.startsWith("x")) {
            int reg = Integer.parseInt(difference.substring(1, difference.indexOf(':')));
            Insn last = null;
            for (Insn insn : block.insns()) {
                if (insn.rd() == reg) {
                    last = insn;
                }
            }
            return last;
        }
        if (difference.startsWith("memory")) {
            for (Insn insn : block.insns()) {
                if (insn.op().compareTo(Op.SB) >= 0 && insn.op().compareTo(Op.SD) <= 0) {
                    return insn;
                }
            }
        }
        Insn at = block.at(interpreted.pc());
        return at != null ? at : block.insns().get(block.size() - 1);
    }

    long checked() {
        return checked;
    }

    long skipped() {
        return skipped;
    }
}
