package dev.trainyard.trainer.dist;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Makes every process start from rank 0's state: weights and BatchNorm buffers are broadcast
 * from rank 0, as {@code DistributedDataParallel} does when it wraps a model.
 */
public final class ParameterBroadcast {

    private ParameterBroadcast() {}

    /** Overwrites each array with rank 0's values, in list order (the same in every process). */
    public static void fromRankZero(Collective collective, List<NDArray> arrays) {
        if (!collective.isDistributed()) {
            return;
        }
        for (NDArray array : arrays) {
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("parameters must be float32, got " + array.getDataType());
            }
            boolean cpu = Device.Type.CPU.equals(array.getDevice().getDeviceType());
            ByteBuffer buffer = array.toByteBuffer(true);
            collective.broadcast(MemorySegment.ofBuffer(buffer), array.size(), 0);
            if (!(cpu && buffer.isDirect())) {
                array.set(buffer.rewind());
            }
        }
    }
}
