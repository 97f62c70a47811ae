package dev.trainyard.trainer.dist;

import ai.djl.ndarray.NDArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.zip.CRC32C;

/**
 * Confirms that every process holds bit-identical weights (and BatchNorm buffers), as
 * data-parallel training promises: each process hashes each array (CRC-32C of its bytes), rank
 * 0's hashes are broadcast, and the number of processes that disagree on each array is summed.
 * All processes reach the same verdict. Costs one pass over the weights and two small collectives.
 */
public final class ReplicaCheck {

    private ReplicaCheck() {
    }

    /**
     * Returns normally when all processes hold the same {@code arrays}; otherwise throws, naming
     * the arrays that differ and {@code when} it was found.
     *
     * @param arrays every array to compare, by name, in the same order in every process
     */
    public static void verify(Collective collective, SequencedMap<String, NDArray> arrays, String when) {
        if (!collective.isDistributed()) {
            return;
        }
        List<String> names = new ArrayList<>(arrays.keySet());
        int k = names.size();
        // each 32-bit hash as two 16-bit halves: exact in a float, which is what broadcast carries
        float[] mine = new float[2 * k];
        int i = 0;
        for (NDArray array : arrays.values()) {
            long h = hash(array);
            mine[2 * i] = h >>> 16;
            mine[2 * i + 1] = h & 0xFFFF;
            i++;
        }
        float[] rankZero;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(ValueLayout.JAVA_FLOAT, Math.max(1, mine.length));
            MemorySegment.copy(mine, 0, buffer, ValueLayout.JAVA_FLOAT, 0, mine.length);
            collective.broadcast(buffer, mine.length, 0);
            rankZero = buffer.asSlice(0, (long) mine.length * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
        }
        double[] disagreeing = new double[k];
        for (int j = 0; j < k; j++) {
            disagreeing[j] = mine[2 * j] != rankZero[2 * j] || mine[2 * j + 1] != rankZero[2 * j + 1] ? 1 : 0;
        }
        collective.allReduceSum(disagreeing);
        List<String> differing = new ArrayList<>();
        int worst = 0;
        for (int j = 0; j < k; j++) {
            if (disagreeing[j] > 0) {
                differing.add(names.get(j));
                worst = Math.max(worst, (int) disagreeing[j]);
            }
        }
        if (!differing.isEmpty()) {
            throw new ReplicasDivergedException(String.format(Locale.ROOT,
                    "rank %d of %d: the processes' weights differ %s: %d of %d arrays (first %s),"
                            + " %d process(es) disagree with rank 0",
                    collective.rank(), collective.size(), when, differing.size(), k, differing.getFirst(), worst));
        }
    }

    /** CRC-32C of the array's bytes, read in place where DJL allows. */
    static long hash(NDArray array) {
        CRC32C crc = new CRC32C();
        crc.update(array.toByteBuffer(true));
        return crc.getValue();
    }
}
