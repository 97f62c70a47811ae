package dev.trainyard.trainer.dist;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Makes every process start from rank 0's state: weights and BatchNorm buffers are broadcast
 * from rank 0, as {@code DistributedDataParallel} does when it wraps a model.
 */
public final class ParameterBroadcast {

    private ParameterBroadcast() {}

    /** Overwrites every parameter of {@code block} (weights and BatchNorm buffers) with rank 0's values. */
    public static void fromRankZero(Collective collective, Block block) {
        fromRankZero(collective, block.getParameters().values().stream().map(Parameter::getArray).toList());
    }

    /** Overwrites each array with rank 0's values, in list order (the same in every process). */
    public static void fromRankZero(Collective collective, List<NDArray> arrays) {
        if (!collective.isDistributed()) {
            return;
        }
        for (NDArray array : arrays) {
            TensorMemory memory = new TensorMemory(array, "parameters");
            collective.broadcast(memory.segment, memory.count, 0);
            memory.store();
        }
    }
}
