package dev.termpress.emulator.fs;

import static dev.termpress.emulator.fs.ChunkedContent.CHUNK_SIZE;
import static dev.termpress.emulator.fs.ChunkedContent.MIN_CHUNK;
import static dev.termpress.emulator.fs.ChunkedContent.SLOT_COST;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedContentTest {

    /** The content with a model beside it: a plain array of the file's bytes and its size. */
    private final ChunkedContent content = new ChunkedContent();
    private final byte[] model = new byte[8 * CHUNK_SIZE];
    private long size;

    private void write(long offset, byte[] data) {
        long growth = content.growthFor(offset, data.length);
        long before = content.cost();
        content.write(offset, data, 0, data.length);
        assertThat(content.cost() - before).as("growthFor predicts the cost of the write").isEqualTo(growth);
        System.arraycopy(data, 0, model, (int) offset, data.length);
        size = Math.max(size, offset + data.length);
    }

    private void truncate(long newSize) {
        content.shrink(size, newSize);
        if (newSize < size) {
            java.util.Arrays.fill(model, (int) newSize, (int) size, (byte) 0);
        }
        size = newSize;
    }

    private void assertMatchesModel() {
        byte[] all = new byte[(int) size];
        content.read(0, all, 0, all.length);
        byte[] expected = java.util.Arrays.copyOf(model, (int) size);
        assertThat(all).isEqualTo(expected);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void aSmallFileCostsItsPowerOfTwoAndOneSlot() {
        write(0, bytes(10, 1));
        assertThat(content.cost()).isEqualTo(MIN_CHUNK + SLOT_COST);
        write(10, bytes(100, 2));
        assertThat(content.cost()).isEqualTo(128 + SLOT_COST);
        assertMatchesModel();
    }

    @Test
    void appendsGrowChunkByChunkAndNeverCopyTheFile() {
        byte[] block = bytes(4096, 3);
        for (int i = 0; i < 3 * CHUNK_SIZE / block.length; i++) {
            write((long) i * block.length, block);
        }
        // Three full chunks and a table doubled from 1 to 2 to 4 slots.
        assertThat(content.cost()).isEqualTo(3L * CHUNK_SIZE + 4 * SLOT_COST);
        assertThat(content.arrayHolding(CHUNK_SIZE + 10, 100)).isNotNull().hasSize(CHUNK_SIZE);
        assertMatchesModel();
    }

    @Test
    void overwritesCostNothing() {
        write(0, bytes(CHUNK_SIZE + 500, 4));
        long cost = content.cost();
        write(100, bytes(CHUNK_SIZE, 5));
        assertThat(content.cost()).isEqualTo(cost);
        assertMatchesModel();
    }

    @Test
    void holesHoldNoMemoryAndReadAsZeros() {
        write(5L * CHUNK_SIZE + 7, bytes(3, 6));
        // One 64-byte array for the three bytes, six table slots, nothing for the five chunks before.
        assertThat(content.cost()).isEqualTo(MIN_CHUNK + 6 * SLOT_COST);
        assertThat(content.arrayHolding(100, 10)).as("a hole has no array").isNull();
        byte[] across = new byte[CHUNK_SIZE + 20];
        java.util.Arrays.fill(across, (byte) 1);
        content.read(4L * CHUNK_SIZE + 10, across, 0, across.length);
        assertThat(across).containsOnly(0, across[CHUNK_SIZE - 3], across[CHUNK_SIZE - 2], across[CHUNK_SIZE - 1]);
        assertMatchesModel();
    }

    @Test
    void truncateDownFreesChunksAndZerosTheTailSoGrowingAgainShowsZeros() {
        write(0, bytes(3 * CHUNK_SIZE, 7));
        truncate(CHUNK_SIZE + 100);
        assertThat(content.cost()).isEqualTo(2L * CHUNK_SIZE + 2 * SLOT_COST);
        truncate(3 * CHUNK_SIZE); // up again: a hole, no memory
        assertThat(content.cost()).isEqualTo(2L * CHUNK_SIZE + 2 * SLOT_COST);
        assertMatchesModel();
        write(3L * CHUNK_SIZE - 1, bytes(1, 8));
        assertMatchesModel();
        truncate(0);
        assertThat(content.cost()).isZero();
    }

    @Test
    void truncateAtAChunkBoundaryDropsTheWholeChunk() {
        write(0, bytes(2 * CHUNK_SIZE, 9));
        truncate(CHUNK_SIZE);
        assertThat(content.cost()).isEqualTo(CHUNK_SIZE + SLOT_COST);
        assertMatchesModel();
    }

    @Test
    void randomWritesAndTruncatesAgreeWithAPlainArray() {
        Random random = new Random(42);
        for (int step = 0; step < 400; step++) {
            if (random.nextInt(8) == 0) {
                truncate(random.nextInt(model.length));
            } else {
                int length = 1 + random.nextInt(random.nextBoolean() ? 300 : 3 * CHUNK_SIZE);
                long offset = random.nextInt(model.length - length);
                write(offset, bytes(length, step));
            }
            assertMatchesModel();
            assertThat(content.cost()).isLessThanOrEqualTo(
                    (long) ChunkedContent.chunkCount(size) * (CHUNK_SIZE + SLOT_COST) * 2);
        }
    }

    @Test
    void releaseDropsEverything() {
        write(0, bytes(CHUNK_SIZE * 2, 10));
        content.release();
        assertThat(content.cost()).isZero();
        assertThat(content.tableLength()).isZero();
    }

    @Test
    void capacitiesArePowersOfTwoWithinAChunk() {
        assertThat(ChunkedContent.capacityFor(1)).isEqualTo(MIN_CHUNK);
        assertThat(ChunkedContent.capacityFor(65)).isEqualTo(128);
        assertThat(ChunkedContent.capacityFor(4096)).isEqualTo(4096);
        assertThat(ChunkedContent.capacityFor(CHUNK_SIZE)).isEqualTo(CHUNK_SIZE);
        assertThat(ChunkedContent.isChunkCapacity(96)).isFalse();
        assertThat(ChunkedContent.isChunkCapacity(2 * CHUNK_SIZE)).isFalse();
    }
}
