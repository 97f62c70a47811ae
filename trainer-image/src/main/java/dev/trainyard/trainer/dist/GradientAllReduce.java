package dev.trainyard.trainer.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Averages the gradients of trainable arrays over all processes after each backward pass, as
 * PyTorch's {@code DistributedDataParallel} does: gradients are packed into buckets of about
 * {@code bucketBytes} (PyTorch's default 25 MB), each bucket is summed with one all-reduce and
 * divided by the number of processes. A gradient larger than a bucket is reduced in place on the
 * tensor's own memory; on the CPU packing and unpacking copy straight between the tensors'
 * storage and one reused off-heap bucket. Gradients on another device go through host copies.
 */
public final class GradientAllReduce implements AutoCloseable {

    /** PyTorch DDP's default {@code bucket_cap_mb}. */
    public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

    private final Collective collective;
    private final List<NDArray> parameters;
    private final long bucketFloats;
    private final Arena arena = Arena.ofShared();
    private MemorySegment bucket;

    /**
     * @param parameters the trainable arrays whose gradients are averaged (float32), in a fixed
     *     order that is the same in every process
     */
    public GradientAllReduce(Collective collective, List<NDArray> parameters, long bucketBytes) {
        if (bucketBytes < Float.BYTES) {
            throw new IllegalArgumentException("bucket must hold at least one float, got " + bucketBytes + " bytes");
        }
        this.collective = collective;
        this.parameters = List.copyOf(parameters);
        this.bucketFloats = bucketBytes / Float.BYTES;
    }

    /** Sums every gradient over the processes and divides it by their number; a no-op alone. */
    public void average() {
        if (!collective.isDistributed() || parameters.isEmpty()) {
            return;
        }
        float scale = 1.0f / collective.size();
        try (NDManager scratch = parameters.getFirst().getManager().newSubManager()) {
            List<Slot> pending = new ArrayList<>();
            long used = 0;
            for (NDArray p : parameters) {
                NDArray grad = p.getGradient();
                grad.attach(scratch);
                Slot slot = new Slot(new TensorMemory(grad, "gradients"));
                if (slot.memory.count >= bucketFloats) {
                    collective.allReduceSum(slot.memory.segment, slot.memory.count);
                    slot.writeBack(scale);
                    continue;
                }
                if (used + slot.memory.count > bucketFloats) {
                    flush(pending, used, scale);
                    pending.clear();
                    used = 0;
                }
                MemorySegment.copy(slot.memory.segment, 0, bucket(), used * Float.BYTES, slot.memory.count * Float.BYTES);
                slot.offset = used;
                pending.add(slot);
                used += slot.memory.count;
            }
            flush(pending, used, scale);
        }
    }

    private void flush(List<Slot> pending, long used, float scale) {
        if (pending.isEmpty()) {
            return;
        }
        collective.allReduceSum(bucket, used);
        for (Slot slot : pending) {
            MemorySegment.copy(bucket, slot.offset * Float.BYTES, slot.memory.segment, 0, slot.memory.count * Float.BYTES);
            slot.writeBack(scale);
        }
    }

    private MemorySegment bucket() {
        if (bucket == null) {
            long total = 0;
            for (NDArray p : parameters) {
                total += p.size();
            }
            bucket = arena.allocate(Math.min(bucketFloats, Math.max(1, total)) * Float.BYTES, 64);
        }
        return bucket;
    }

    @Override
    public void close() {
        arena.close();
    }

    /** One gradient and its place in the bucket. */
    private static final class Slot {
        final TensorMemory memory;
        long offset;

        Slot(TensorMemory memory) {
            this.memory = memory;
        }

        /** Stores the summed values (already in the gradient's memory) and divides them by the process count. */
        void writeBack(float scale) {
            memory.store();
            memory.array.muli(scale);
        }
    }
}
