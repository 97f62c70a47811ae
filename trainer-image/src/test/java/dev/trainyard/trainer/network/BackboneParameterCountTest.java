package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.trainyard.trainer.head.CocoHeads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trainable parameter counts against the reference's (PyTorch's {@code parameters()}). */
class BackboneParameterCountTest {

    @Test
    void shufflenetv2k16WithCocoKeypointHeadsMatchesTheReference() {
        PoseNetwork network = NetworkFactory.create(
                NetworkConfig.of("shufflenetv2k16"), CocoHeads.keypoints(16, 1, false));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, NetworkFactory.INITIALIZATION_SHAPE);

            assertEquals(8_805_396, ParameterCounts.trainable(network.backbone()));
            long heads = network.heads().stream().mapToLong(ParameterCounts::trainable).sum();
            assertEquals(330_141, heads);
            assertEquals(9_135_537, ParameterCounts.trainable(network));
        }
    }

    @Test
    void upsamplingQuadruplesTheHeadConvolution() {
        PoseNetwork network = NetworkFactory.create(
                NetworkConfig.of("shufflenetv2k16"), CocoHeads.keypoints(16, 2, false));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, NetworkFactory.INITIALIZATION_SHAPE);

            // CIF: 17 fields x 5 channels x 4 sub-pixels, each with 1392 weights and a bias.
            assertEquals(17 * 5 * 4 * 1393, ParameterCounts.trainable(network.heads().get(0)));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        // torchvision's counts without the classifier (fc)
        "resnet18, 11176512",
        "resnet50, 23508032",
        "resnet101, 42500160",
        // 3x3 stem, shuffle units with 5x5 depthwise kernels, 1x1 conv5, all with BN
        "shufflenetv2k30, 28034816",
    })
    void backbonesMatchTheirReferenceCounts(String basenet, long expected) {
        assertEquals(expected, trainable(Basenets.create(basenet)));
    }

    @Test
    void runningStatisticsAreNotCounted() {
        Block norm = NormKind.BATCH.create(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            norm.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 8, 2, 2));

            assertEquals(4, norm.getParameters().size());
            assertEquals(16, ParameterCounts.trainable(norm));
        }
    }

    @Test
    void conv5AsStageSwapsTheLastConvolutionForTwoUnits() {
        Backbone backbone = ShuffleNetV2K.create("k16-conv5-stage", List.of(4, 8, 4), List.of(24, 348, 696, 1392, 1392),
                new ShuffleNetV2KConfig(0, 0, 1, 5, true, NormKind.BATCH, ActivationKind.RELU));

        // conv5 as two non-first units of width 1392 instead of 1x1 conv (1392^2) + BN.
        long unit = 696L * 696 + 2 * 696 + 25 * 696 + 2 * 696 + 696L * 696 + 2 * 696;
        long conv5 = 1392L * 1392 + 2 * 1392;
        assertEquals(8_805_396 - conv5 + 2 * unit, trainable(backbone));
    }

    static long trainable(Block block) {
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, NetworkFactory.INITIALIZATION_SHAPE);
            return ParameterCounts.trainable(block);
        }
    }
}
