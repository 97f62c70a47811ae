package dev.trainyard.trainer.network;

import dev.trainyard.trainer.BadInputException;

/**
 * Architecture options of the ShuffleNetV2K backbones (the reference's {@code --shufflenetv2k-*} flags).
 *
 * @param inputConv2Stride 0, or 2 for a second strided 3x3 input convolution (stride 32)
 * @param inputConv2OutChannels width of that convolution; 0 keeps the stem width
 * @param stage4Dilation dilation of the last stage; above 1 it replaces the stage's stride
 * @param kernel depthwise kernel width (odd)
 * @param conv5AsStage two shuffle units instead of the final 1x1 convolution
 */
public record ShuffleNetV2KConfig(
        int inputConv2Stride,
        int inputConv2OutChannels,
        int stage4Dilation,
        int kernel,
        boolean conv5AsStage,
        NormKind norm,
        ActivationKind activation) {

    /** The reference's defaults. */
    public static final ShuffleNetV2KConfig DEFAULTS =
            new ShuffleNetV2KConfig(0, 0, 1, 5, false, NormKind.BATCH, ActivationKind.RELU);

    public ShuffleNetV2KConfig {
        if (inputConv2Stride != 0 && inputConv2Stride != 2) {
            // The reference always builds this convolution with stride 2 when the flag is set.
            throw new BadInputException(
                    "--shufflenetv2k-input-conv2-stride must be 0 (off) or 2, got " + inputConv2Stride);
        }
        if (inputConv2OutChannels < 0) {
            throw new BadInputException(
                    "--shufflenetv2k-input-conv2-outchannels must be positive, got " + inputConv2OutChannels);
        }
        if (inputConv2OutChannels > 0 && inputConv2Stride == 0) {
            throw new BadInputException(
                    "--shufflenetv2k-input-conv2-outchannels needs --shufflenetv2k-input-conv2-stride 2");
        }
        if (stage4Dilation < 1) {
            throw new BadInputException("--shufflenetv2k-stage4-dilation must be at least 1, got " + stage4Dilation);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new BadInputException("--shufflenetv2k-kernel must be a positive odd number, got " + kernel);
        }
        if (norm == null || activation == null) {
            throw new IllegalArgumentException("norm and activation are required");
        }
    }
}
