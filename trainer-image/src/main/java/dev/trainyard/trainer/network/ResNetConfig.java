package dev.trainyard.trainer.network;

import dev.trainyard.trainer.BadInputException;

/**
 * Architecture options of the ResNet backbones (the reference's {@code --resnet-*} flags).
 *
 * @param pool0Stride stride of the input max-pool; 0 removes it (the default, stride 16)
 * @param inputConvStride stride of the 7x7 input convolution
 * @param inputConv2Stride 0, or 2 for a strided 3x3 convolution in place of the max-pool
 * @param block5Dilation dilation of the last stage; above 1 it replaces the stage's stride
 * @param removeLastBlock drop the last stage (half the stride and features)
 */
public record ResNetConfig(
        int pool0Stride, int inputConvStride, int inputConv2Stride, int block5Dilation, boolean removeLastBlock) {

    /** The reference's defaults. */
    public static final ResNetConfig DEFAULTS = new ResNetConfig(0, 2, 0, 1, false);

    public ResNetConfig {
        if (pool0Stride < 0) {
            throw new BadInputException("--resnet-pool0-stride must be 0 (no pool) or positive, got " + pool0Stride);
        }
        if (inputConvStride < 1) {
            throw new BadInputException("--resnet-input-conv-stride must be positive, got " + inputConvStride);
        }
        if (inputConv2Stride != 0 && inputConv2Stride != 2) {
            throw new BadInputException("--resnet-input-conv2-stride must be 0 (off) or 2, got " + inputConv2Stride);
        }
        if (inputConv2Stride > 0 && pool0Stride > 0) {
            throw new BadInputException(
                    "--resnet-input-conv2-stride replaces the max-pool: it needs --resnet-pool0-stride 0");
        }
        if (block5Dilation < 1) {
            throw new BadInputException("--resnet-block5-dilation must be at least 1, got " + block5Dilation);
        }
        if (block5Dilation > 1 && removeLastBlock) {
            throw new BadInputException(
                    "--resnet-block5-dilation has no block 5 to dilate with --resnet-remove-last-block");
        }
    }
}
