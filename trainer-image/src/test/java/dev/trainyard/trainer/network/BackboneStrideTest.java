package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The architecture flags that change a backbone's stride, checked on real forward passes at 129x129. */
class BackboneStrideTest {

    private static final Shape INPUT = new Shape(1, 3, 129, 129);

    @Test
    void shufflenetInputConv2StrideDoublesTheStride() {
        Backbone backbone = tinyShufflenet(shufflenet(2, 0, 1, 5));

        assertEquals(32, backbone.stride());
        assertEquals(new Shape(1, 64, 5, 5), forward(backbone));
    }

    @Test
    void shufflenetInputConv2OutChannelsWidensTheSecondConvolution() {
        Backbone backbone = tinyShufflenet(shufflenet(2, 12, 1, 5));

        assertEquals(new Shape(1, 64, 5, 5), forward(backbone));
        assertEquals(new Shape(12, 8, 3, 3), ParameterPaths.of(backbone).get("input_block.1.0.weight").getShape());
    }

    @Test
    void shufflenetStage4DilationHalvesTheStride() {
        Backbone backbone = tinyShufflenet(shufflenet(0, 0, 2, 5));

        assertEquals(8, backbone.stride());
        assertEquals(new Shape(1, 64, 17, 17), forward(backbone));
    }

    @Test
    void shufflenetKernelSetsTheDepthwiseWidth() {
        Backbone backbone = tinyShufflenet(shufflenet(0, 0, 1, 3));

        assertEquals(new Shape(1, 64, 9, 9), forward(backbone));
        assertEquals(new Shape(8, 1, 3, 3), ParameterPaths.of(backbone).get("stage2.0.branch2.3.weight").getShape());
    }

    @Test
    void resnetInputConv2StrideDoublesTheStride() {
        Backbone backbone = resnet("resnet18", new ResNetConfig(0, 2, 2, 1, false));

        assertEquals(32, backbone.stride());
        assertEquals(new Shape(1, 512, 5, 5), forward(backbone));
    }

    @Test
    void resnetBlock5DilationHalvesTheStride() {
        Backbone backbone = resnet("resnet18", new ResNetConfig(0, 2, 0, 2, false));

        assertEquals(8, backbone.stride());
        assertEquals(new Shape(1, 512, 17, 17), forward(backbone));
        var layer4 = ParameterPaths.of(backbone);
        // The projection keeps its weights, without a stride.
        assertEquals(new Shape(512, 256, 1, 1), layer4.get("layer4.0.downsample.0.weight").getShape());
    }

    @Test
    void resnetInputConv2AndBlock5DilationTogetherKeepStride16() {
        Backbone backbone = resnet("resnet50", new ResNetConfig(0, 2, 2, 2, false));

        assertEquals(16, backbone.stride());
        assertEquals(new Shape(1, 2048, 9, 9), backbone.getOutputShapes(new Shape[] {INPUT})[0]);
    }

    @Test
    void resnetPool0StrideRestoresTorchvisionsStride32() {
        Backbone backbone = resnet("resnet18", new ResNetConfig(2, 2, 0, 1, false));

        assertEquals(32, backbone.stride());
        assertEquals(new Shape(1, 512, 5, 5), forward(backbone));
    }

    @Test
    void resnetRemoveLastBlockHalvesStrideAndFeatures() {
        Backbone backbone = resnet("resnet50", new ResNetConfig(0, 2, 0, 1, true));

        assertEquals(8, backbone.stride());
        assertEquals(1024, backbone.outFeatures());
        assertEquals(new Shape(1, 1024, 17, 17), backbone.getOutputShapes(new Shape[] {INPUT})[0]);
    }

    @Test
    void contradictoryResnetFlagsAreRejected() {
        BadInputException pool = assertThrows(BadInputException.class, () -> new ResNetConfig(2, 2, 2, 1, false));
        BadInputException dilation = assertThrows(BadInputException.class, () -> new ResNetConfig(0, 2, 0, 2, true));

        assertEquals("--resnet-input-conv2-stride replaces the max-pool: it needs --resnet-pool0-stride 0",
                pool.getMessage());
        assertEquals("--resnet-block5-dilation has no block 5 to dilate with --resnet-remove-last-block",
                dilation.getMessage());
    }

    private static ShuffleNetV2KConfig shufflenet(
            int inputConv2Stride, int inputConv2Out, int stage4Dilation, int kernel) {
        return new ShuffleNetV2KConfig(
                inputConv2Stride, inputConv2Out, stage4Dilation, kernel, false, NormKind.BATCH, ActivationKind.RELU);
    }

    private static Backbone resnet(String name, ResNetConfig config) {
        return Basenets.create(name, ShuffleNetV2KConfig.DEFAULTS, config);
    }

    /** ShuffleNetV2K's layout at a width that runs in milliseconds. */
    static Backbone tinyShufflenet(ShuffleNetV2KConfig config) {
        return ShuffleNetV2K.create("tiny", List.of(2, 2, 1), List.of(8, 16, 32, 64, 64), config);
    }

    /** Runs the backbone once and returns its output shape, checked against the inferred one. */
    static Shape forward(Backbone backbone) {
        try (NDManager manager = NDManager.newBaseManager()) {
            backbone.initialize(manager, DataType.FLOAT32, INPUT);
            Shape shape = backbone.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(INPUT)), false).singletonOrThrow().getShape();
            assertEquals(backbone.getOutputShapes(new Shape[] {INPUT})[0], shape, "inferred shape");
            return shape;
        }
    }
}
