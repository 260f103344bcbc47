package dev.termpress.emulator.translate.wasm;

import static dev.termpress.emulator.translate.wasm.ByteLists.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WasmModuleTest {

    @Test
    void emptyModuleIsTheMagicAndVersion() {
        assertThat(new WasmModule().toBytes()).isEqualTo(bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00));
    }

    @Test
    void addFunctionHasTheBytesTheSpecGives() {
        WasmModule m = new WasmModule();
        int type = m.addFunctionType(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
        int add = m.nextFunctionIndex();
        m.addFunction(type).localGet(0).localGet(1).op(Opcodes.I32_ADD).finish();
        m.exportFunction("add", add);
        assertThat(m.toBytes()).isEqualTo(bytes(
                0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
                0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, // type: (i32 i32) -> i32
                0x03, 0x02, 0x01, 0x00, // function 0 has type 0
                0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00, // export "add" func 0
                0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B)); // code: no locals, body
    }

    @Test
    void localsOfOneTypeShareAnEntry() {
        WasmModule m = new WasmModule();
        int type = m.addFunctionType(List.of(ValueType.I32), List.of());
        FunctionBody body = m.addFunction(type);
        assertThat(body.addLocal(ValueType.I64)).isEqualTo(1);
        assertThat(body.addLocal(ValueType.I64)).isEqualTo(2);
        assertThat(body.addLocal(ValueType.I32)).isEqualTo(3);
        body.finish();
        byte[] out = m.toBytes();
        // code section: 1 body of 6 bytes: 2 entries (2 x i64, 1 x i32), end
        assertThat(java.util.Arrays.copyOfRange(out, out.length - 8, out.length))
                .isEqualTo(bytes(0x01, 0x06, 0x02, 0x02, 0x7E, 0x01, 0x7F, 0x0B));
    }

    @Test
    void gcArrayTypesAndReferenceParameters() {
        WasmModule m = new WasmModule();
        int ints = m.addArrayType(StorageType.of(ValueType.I32), true);
        int type = m.addFunctionType(List.of(ValueType.refNull(ints), ValueType.I32), List.of(ValueType.I32));
        m.addFunction(type).localGet(0).localGet(1).gc(Opcodes.ARRAY_GET, ints).finish();
        byte[] out = m.toBytes();
        // type section: 2 types: (array (mut i32)), (func (param (ref null 0) i32) (result i32))
        assertThat(java.util.Arrays.copyOfRange(out, 8, 8 + 13)).isEqualTo(bytes(
                0x01, 0x0B, 0x02, 0x5E, 0x7F, 0x01, 0x60, 0x02, 0x63, 0x00, 0x7F, 0x01, 0x7F));
        // body: local.get 0, local.get 1, array.get 0 (0xFB 0x0B 0x00), end
        assertThat(java.util.Arrays.copyOfRange(out, out.length - 9, out.length))
                .isEqualTo(bytes(0x00, 0x20, 0x00, 0x20, 0x01, 0xFB, 0x0B, 0x00, 0x0B));
    }

    @Test
    void copiedTypeEntriesKeepTheirIndicesAndCount() {
        WasmModule m = new WasmModule();
        // one recursion group of two array types, as another module's type section holds it
        byte[] rec = bytes(0x4E, 0x02, 0x5E, 0x7F, 0x01, 0x5E, 0x7E, 0x01);
        m.addTypeEntries(rec, 1, 2);
        int type = m.addFunctionType(List.of(ValueType.ANYREF), List.of(ValueType.refNull(1)));
        assertThat(type).isEqualTo(2);
        m.addFunction(type).localGet(0).refCast(80, true).gc(Opcodes.STRUCT_GET, 80, 2).finish();
        byte[] out = m.toBytes();
        // type section: 2 entries (the group, the function type)
        assertThat(java.util.Arrays.copyOfRange(out, 8, 8 + 3 + rec.length)).isEqualTo(bytes(
                0x01, 0x0F, 0x02, 0x4E, 0x02, 0x5E, 0x7F, 0x01, 0x5E, 0x7E, 0x01));
        // ref.cast null 80: the heap type is an s33, so 80 takes two bytes (0xD0 0x00); struct.get's index is a u32
        assertThat(java.util.Arrays.copyOfRange(out, out.length - 11, out.length))
                .isEqualTo(bytes(0x20, 0x00, 0xFB, 0x17, 0xD0, 0x00, 0xFB, 0x02, 0x50, 0x02, 0x0B));
        assertThatThrownBy(() -> m.addTypeEntries(rec, 1, 2)).hasMessageContaining("go first");
    }

    @Test
    void importedMemoryAndFunctionsComeFirst() {
        WasmModule m = new WasmModule();
        int type = m.addFunctionType(List.of(ValueType.I32), List.of(ValueType.I32));
        m.importMemory("env", "ram", 1, -1);
        assertThat(m.importFunction("env", "f", type)).isEqualTo(0);
        assertThat(m.nextFunctionIndex()).isEqualTo(1);
        m.addFunction(type).localGet(0).memory(Opcodes.I32_LOAD, 2, 16).finish();
        byte[] out = m.toBytes();
        // import section: 2 imports: env.ram memory {min 1}, env.f func of type 0
        assertThat(java.util.Arrays.copyOfRange(out, 16, 16 + 22)).isEqualTo(bytes(
                0x02, 0x14, 0x02, 0x03, 'e', 'n', 'v', 0x03, 'r', 'a', 'm', 0x02, 0x00, 0x01,
                0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x00));
    }

    @Test
    void refusesWhatWouldBeAnInvalidModule() {
        WasmModule m = new WasmModule();
        int type = m.addFunctionType(List.of(), List.of());
        int ints = m.addArrayType(StorageType.of(ValueType.I32), true);
        assertThatThrownBy(() -> m.addFunction(ints)).hasMessageContaining("not a function type");
        FunctionBody body = m.addFunction(type);
        assertThatThrownBy(() -> m.importFunction("a", "b", type)).hasMessageContaining("before");
        body.block();
        assertThatThrownBy(() -> body.br(2)).hasMessageContaining("label 2");
        assertThatThrownBy(body::finish).hasMessageContaining("still open");
        assertThatThrownBy(m::toBytes).hasMessageContaining("not finished");
        body.end().finish();
        assertThatThrownBy(body::end).hasMessageContaining("without an open block");
        assertThatThrownBy(() -> m.exportFunction("x", 5)).hasMessageContaining("no function 5");
        m.addMemory(1, 2);
        assertThatThrownBy(() -> m.addMemory(1, 2)).hasMessageContaining("one memory");
        assertThatThrownBy(() -> new WasmModule().addMemory(3, 2)).hasMessageContaining("below minimum");
    }
}
