package dev.trainyard.trainer.dist;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/** The collective of a job with one process: rank 0 of 1, where every operation leaves the data as it is. */
public final class SingleProcess implements Collective {

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public int localRank() {
        return 0;
    }

    @Override
    public void allReduceSum(MemorySegment buffer, long count) {
        Buffers.checkFloats(buffer, count);
    }

    @Override
    public void allReduceSum(float[] values) {
        Objects.requireNonNull(values, "values");
    }

    @Override
    public void allReduceSum(double[] values) {
        Objects.requireNonNull(values, "values");
    }

    @Override
    public void broadcast(MemorySegment buffer, long count, int root) {
        Buffers.checkFloats(buffer, count);
        Buffers.checkRoot(root, 1);
    }

    @Override
    public void barrier() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "SingleProcess";
    }
}
