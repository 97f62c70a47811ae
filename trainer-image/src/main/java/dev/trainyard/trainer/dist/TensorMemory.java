package dev.trainyard.trainer.dist;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A float32 tensor's values as native memory a collective can work on: on the CPU DJL's direct
 * buffer of a contiguous tensor is a view of its storage, so collectives act in place; elsewhere
 * it is a host copy that {@link #store} writes back.
 */
final class TensorMemory {

    final NDArray array;
    final MemorySegment segment;
    final long count;
    private final ByteBuffer buffer;
    private final boolean view;

    TensorMemory(NDArray array, String what) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException(what + " must be float32, got " + array.getDataType());
        }
        this.array = array;
        this.buffer = array.toByteBuffer(true);
        this.segment = MemorySegment.ofBuffer(buffer);
        this.count = array.size();
        this.view = Device.Type.CPU.equals(array.getDevice().getDeviceType()) && buffer.isDirect();
    }

    /** Makes the tensor hold the values now in {@link #segment} (nothing to do for a view). */
    void store() {
        if (!view) {
            array.set(buffer.rewind());
        }
    }
}
