package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The ResNet input max-pool: 3x3 window, padding 1, a configurable stride. */
final class MaxPool2d extends AbstractBlock {

    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape PADDING = new Shape(1, 1);

    private final int stride;

    MaxPool2d(int stride) {
        this.stride = stride;
    }

    /** {@code [batch, channels, h, w]} to {@code [batch, channels, (h - 1) / stride + 1, ...]}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Pool.maxPool2d(
                inputs.singletonOrThrow(), KERNEL, new Shape(stride, stride), PADDING, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), pooled(in.get(2)), pooled(in.get(3)))};
    }

    private long pooled(long size) {
        return (size + 2 - 3) / stride + 1;
    }
}
