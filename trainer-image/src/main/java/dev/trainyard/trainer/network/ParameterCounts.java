package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Counts the trainable parameters of an initialised block, as PyTorch's {@code parameters()} would. */
public final class ParameterCounts {

    private ParameterCounts() {}

    /** Elements of all parameters that take gradients; running statistics (buffers in PyTorch) are excluded. */
    public static long trainable(Block block) {
        long total = 0;
        for (Parameter parameter : block.getParameters().values()) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            if (parameter.getShape() == null) {
                throw new IllegalStateException(
                        "parameter " + parameter.getName() + " has no shape yet: initialise the block first");
            }
            total += parameter.getShape().size();
        }
        return total;
    }
}
