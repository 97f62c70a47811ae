package dev.trainyard.trainer.dist;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
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
                if (grad.getDataType() != DataType.FLOAT32) {
                    throw new IllegalStateException("gradients must be float32, got " + grad.getDataType());
                }
                Slot slot = Slot.of(grad);
                if (slot.count >= bucketFloats) {
                    collective.allReduceSum(slot.memory, slot.count);
                    slot.writeBack(scale);
                    continue;
                }
                if (used + slot.count > bucketFloats) {
                    flush(pending, used, scale);
                    pending.clear();
                    used = 0;
                }
                MemorySegment.copy(slot.memory, 0, bucket(), used * Float.BYTES, slot.count * Float.BYTES);
                slot.offset = used;
                pending.add(slot);
                used += slot.count;
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
            MemorySegment.copy(bucket, slot.offset * Float.BYTES, slot.memory, 0, slot.count * Float.BYTES);
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

    /** One gradient: its memory (the tensor's own on the CPU, a host copy elsewhere). */
    private static final class Slot {
        final NDArray grad;
        final MemorySegment memory;
        final ByteBuffer buffer;
        final boolean shared;
        final long count;
        long offset;

        private Slot(NDArray grad, ByteBuffer buffer, boolean shared) {
            this.grad = grad;
            this.buffer = buffer;
            this.memory = MemorySegment.ofBuffer(buffer);
            this.shared = shared;
            this.count = grad.size();
        }

        static Slot of(NDArray grad) {
            boolean cpu = Device.Type.CPU.equals(grad.getDevice().getDeviceType());
            // On the CPU a direct buffer of a contiguous tensor is a view of its storage.
            ByteBuffer buffer = grad.toByteBuffer(true);
            return new Slot(grad, buffer, cpu && buffer.isDirect());
        }

        /** Stores the summed values (already in {@link #memory}) and divides them by the process count. */
        void writeBack(float scale) {
            if (!shared) {
                grad.set(buffer.rewind());
            }
            grad.muli(scale);
        }
    }
}
