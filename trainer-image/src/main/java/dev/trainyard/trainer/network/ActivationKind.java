package dev.trainyard.trainer.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The non-linearities a backbone can use: ReLU, or leaky ReLU with PyTorch's default slope. */
public enum ActivationKind {
    RELU,
    /** {@code torch.nn.LeakyReLU()}: negative slope 0.01. */
    LEAKY_RELU;

    static final float LEAKY_SLOPE = 0.01f;

    /** Applies the non-linearity element-wise; any shape. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case LEAKY_RELU -> Activation.leakyRelu(x, LEAKY_SLOPE);
        };
    }

    /** A parameter-free block applying this non-linearity. */
    public ActivationBlock block() {
        return new ActivationBlock(this);
    }
}
