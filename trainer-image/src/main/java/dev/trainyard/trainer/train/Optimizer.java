package dev.trainyard.trainer.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Updates trainable arrays in place from their gradients, with PyTorch's optimizer semantics, and
 * zeroes the gradients afterwards (PyTorch accumulates them).
 */
public interface Optimizer {

    /** The arrays this optimizer updates, in a fixed order. */
    List<NDArray> parameters();

    /**
     * Applies one update.
     *
     * @param learningRate the learning rate of this step
     * @param active per parameter whether it took part in this batch; inactive ones keep their
     *     value and state, as PyTorch skips parameters without a gradient (the heads of other
     *     datasets in a multi-dataset batch). Null means all are active.
     */
    void step(double learningRate, boolean[] active);

    /** One update of every parameter. */
    default void step(double learningRate) {
        step(learningRate, null);
    }

    /** A short description for logs, e.g. {@code SGD(momentum=0.9, nesterov, weight_decay=0)}. */
    String describe();
}
