package dev.trainyard.trainer.network;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * Square "same"-padded 2-D convolutions initialised as their PyTorch counterparts are, so a
 * model trained from scratch starts where the reference's would.
 */
final class Convs {

    private Convs() {}

    /**
     * {@code torch.nn.Conv2d} with its default initialisation: weight and bias uniform in
     * {@code ±1/sqrt(fan_in)} (kaiming-uniform with a = sqrt(5)).
     */
    static Conv2d torchDefault(
            int inChannels, int outChannels, int kernel, int stride, int dilation, int groups, boolean bias) {
        Conv2d conv = build(outChannels, kernel, stride, dilation, groups, bias);
        float bound = (float) (1.0 / Math.sqrt((double) inChannels / groups * kernel * kernel));
        conv.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        if (bias) {
            conv.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        }
        return conv;
    }

    /** A bias-free convolution as torchvision's ResNet initialises it: kaiming-normal, fan-out, ReLU gain. */
    static Conv2d kaimingFanOut(int outChannels, int kernel, int stride, int dilation) {
        Conv2d conv = build(outChannels, kernel, stride, dilation, 1, false);
        float std = (float) Math.sqrt(2.0 / (outChannels * kernel * kernel));
        conv.setInitializer(new NormalInitializer(std), Parameter.Type.WEIGHT);
        return conv;
    }

    private static Conv2d build(int outChannels, int kernel, int stride, int dilation, int groups, boolean bias) {
        int padding = (kernel - 1) / 2 * dilation;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(outChannels)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation))
                .optGroups(groups)
                .optBias(bias)
                .build();
    }
}
