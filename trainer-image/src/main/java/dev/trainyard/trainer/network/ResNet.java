package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Builds torchvision's ResNets without their classifier, as the reference uses them: the input
 * max-pool removed by default (stride 16), optionally a strided 3x3 input convolution in its
 * place, a dilated last stage, or no last stage.
 */
public final class ResNet {

    /** Name of the reference's optional second input convolution, which torchvision lacks. */
    static final String INPUT_CONV2 = "input_conv2";

    private static final int STEM_WIDTH = 64;

    private ResNet() {}

    /** Builds {@code resnet<depth>} for depth 18, 34, 50, 101 or 152. */
    public static Backbone create(String name, int depth, ResNetConfig config) {
        int[] blocks = switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            case 152 -> new int[] {3, 8, 36, 3};
            default -> throw new IllegalArgumentException("no ResNet of depth " + depth);
        };
        boolean bottleneck = depth >= 50;
        int expansion = bottleneck ? ResidualBlock.BOTTLENECK_EXPANSION : 1;

        SequencedMap<String, Block> layers = new LinkedHashMap<>();
        layers.put("conv1", Convs.kaimingFanOut(STEM_WIDTH, 7, config.inputConvStride(), 1));
        layers.put("bn1", NormKind.BATCH.create(STEM_WIDTH));
        layers.put("relu", ActivationKind.RELU.block());
        int stride = config.inputConvStride();
        if (config.pool0Stride() > 0) {
            layers.put("maxpool", new MaxPool2d(config.pool0Stride()));
            stride *= config.pool0Stride();
        }
        if (config.inputConv2Stride() > 0) {
            layers.put(INPUT_CONV2, TorchSequential.of(
                    Convs.torchDefault(STEM_WIDTH, STEM_WIDTH, 3, config.inputConv2Stride(), 1, 1, false),
                    NormKind.BATCH.create(STEM_WIDTH),
                    ActivationKind.RELU.block()));
            stride *= config.inputConv2Stride();
        }

        int stages = config.removeLastBlock() ? 3 : 4;
        int width = STEM_WIDTH;
        for (int s = 0; s < stages; s++) {
            int planes = STEM_WIDTH << s;
            boolean dilated = s == 3 && config.block5Dilation() > 1;
            int stageStride = s == 0 || dilated ? 1 : 2;
            int dilation = dilated ? config.block5Dilation() : 1;
            // torchvision projects whenever the nominal stride or the width changes; a dilated
            // last stage keeps that projection, only without its stride.
            boolean project = s > 0 || width != planes * expansion;
            TorchSequential stage = new TorchSequential();
            for (int b = 0; b < blocks[s]; b++) {
                int blockStride = b == 0 ? stageStride : 1;
                boolean blockProject = b == 0 && project;
                stage.add(bottleneck
                        ? ResidualBlock.bottleneck(width, planes, blockStride, dilation, blockProject)
                        : ResidualBlock.basic(width, planes, blockStride, dilation, blockProject));
                width = planes * expansion;
            }
            layers.put("layer" + (s + 1), stage);
            stride *= stageStride;
        }
        return new Backbone(name, stride, width, layers, List.of(INPUT_CONV2), () -> create(name, depth, config));
    }
}
