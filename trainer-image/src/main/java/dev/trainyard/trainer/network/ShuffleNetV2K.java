package dev.trainyard.trainer.network;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Builds the reference's ShuffleNetV2K backbones: torchvision's ShuffleNetV2 without the
 * max-pool, with 5x5 depthwise kernels and a wide final 1x1 convolution; stride 16.
 */
public final class ShuffleNetV2K {

    private ShuffleNetV2K() {}

    /**
     * Builds a backbone.
     *
     * @param repeats units per stage (3 stages)
     * @param channels stem, three stage widths and the final width (5 entries)
     */
    public static Backbone create(String name, List<Integer> repeats, List<Integer> channels, ShuffleNetV2KConfig config) {
        if (repeats.size() != 3 || channels.size() != 5) {
            throw new IllegalArgumentException("ShuffleNetV2K needs 3 stage repeats and 5 widths");
        }
        NormKind norm = config.norm();
        ActivationKind activation = config.activation();
        int kernel = config.kernel();
        int stride = 2;

        TorchSequential input = new TorchSequential();
        int width = channels.get(0);
        input.add(convNormAct(3, width, 3, 2, norm, activation));
        if (config.inputConv2Stride() > 0) {
            int conv2Width = config.inputConv2OutChannels() > 0 ? config.inputConv2OutChannels() : width;
            input.add(convNormAct(width, conv2Width, 3, config.inputConv2Stride(), norm, activation));
            width = conv2Width;
            stride *= config.inputConv2Stride();
        }

        SequencedMap<String, Block> layers = new LinkedHashMap<>();
        layers.put("input_block", input);
        int[] dilations = {1, 1, config.stage4Dilation()};
        for (int s = 0; s < 3; s++) {
            int dilation = dilations[s];
            // The reference trades the stride of a dilated stage for its dilation.
            int stageStride = dilation == 1 ? 2 : 1;
            int out = channels.get(s + 1);
            TorchSequential stage = new TorchSequential();
            stage.add(new ShuffleUnit(width, out, true, stageStride, dilation, kernel, norm, activation));
            for (int r = 1; r < repeats.get(s); r++) {
                stage.add(new ShuffleUnit(out, out, false, 1, dilation, kernel, norm, activation));
            }
            layers.put("stage" + (s + 2), stage);
            width = out;
            stride *= stageStride;
        }

        int outFeatures = channels.get(4);
        if (config.conv5AsStage()) {
            boolean first = width != outFeatures;
            layers.put("conv5", TorchSequential.of(
                    new ShuffleUnit(width, outFeatures, first, 1, dilations[2], kernel, norm, activation),
                    new ShuffleUnit(outFeatures, outFeatures, false, 1, dilations[2], kernel, norm, activation)));
        } else {
            layers.put("conv5", convNormAct(width, outFeatures, 1, 1, norm, activation));
        }
        return new Backbone(name, stride, outFeatures, layers, List.of(),
                () -> create(name, repeats, channels, config));
    }

    private static Block convNormAct(int in, int out, int kernel, int stride, NormKind norm, ActivationKind activation) {
        return TorchSequential.of(
                Convs.torchDefault(in, out, kernel, stride, 1, 1, false), norm.create(out), activation.block());
    }
}
