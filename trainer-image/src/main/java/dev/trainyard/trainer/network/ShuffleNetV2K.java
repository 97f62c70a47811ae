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

    private static final int STAGES = 3;

    private ShuffleNetV2K() {}

    /**
     * Builds a backbone.
     *
     * @param repeats units per stage (3 stages)
     * @param channels stem, three stage widths and the final width (5 entries)
     */
    public static Backbone create(
            String name, List<Integer> repeats, List<Integer> channels, ShuffleNetV2KConfig config) {
        if (repeats.size() != STAGES || channels.size() != STAGES + 2) {
            throw new IllegalArgumentException("ShuffleNetV2K needs 3 stage repeats and 5 widths");
        }
        SequencedMap<String, Block> layers = new LinkedHashMap<>();
        int stride = 2;
        int width = channels.getFirst();
        TorchSequential input = TorchSequential.of(convNormAct(3, width, 3, 2, config));
        if (config.inputConv2Stride() > 0) {
            int conv2Width = config.inputConv2OutChannels() > 0 ? config.inputConv2OutChannels() : width;
            input.add(convNormAct(width, conv2Width, 3, config.inputConv2Stride(), config));
            width = conv2Width;
            stride *= config.inputConv2Stride();
        }
        layers.put("input_block", input);

        for (int s = 0; s < STAGES; s++) {
            int dilation = s == STAGES - 1 ? config.stage4Dilation() : 1;
            // The reference trades the stride of a dilated stage for its dilation.
            int stageStride = dilation == 1 ? 2 : 1;
            int out = channels.get(s + 1);
            TorchSequential stage = TorchSequential.of(unit(width, out, true, stageStride, dilation, config));
            for (int r = 1; r < repeats.get(s); r++) {
                stage.add(unit(out, out, false, 1, dilation, config));
            }
            layers.put("stage" + (s + 2), stage);
            width = out;
            stride *= stageStride;
        }

        int outFeatures = channels.getLast();
        if (config.conv5AsStage()) {
            int dilation = config.stage4Dilation();
            layers.put("conv5", TorchSequential.of(
                    unit(width, outFeatures, width != outFeatures, 1, dilation, config),
                    unit(outFeatures, outFeatures, false, 1, dilation, config)));
        } else {
            layers.put("conv5", convNormAct(width, outFeatures, 1, 1, config));
        }
        return new Backbone(name, stride, outFeatures, layers, List.of(),
                () -> create(name, repeats, channels, config));
    }

    private static ShuffleUnit unit(
            int in, int out, boolean first, int stride, int dilation, ShuffleNetV2KConfig config) {
        return new ShuffleUnit(in, out, first, stride, dilation, config.kernel(), config.norm(), config.activation());
    }

    private static Block convNormAct(int in, int out, int kernel, int stride, ShuffleNetV2KConfig config) {
        return TorchSequential.of(
                Convs.torchDefault(in, out, kernel, stride, 1, 1, false),
                config.norm().create(out),
                config.activation().block());
    }
}
