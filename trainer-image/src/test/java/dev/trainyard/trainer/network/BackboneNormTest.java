package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalisation layers with the reference's from-scratch defaults, and the activations. */
class BackboneNormTest {

    // Two samples, two channels, one row of two pixels.
    // Channel 0 holds 1, 3 | 5, 7 (mean 4, variance 5, unbiased 20/3); channel 1 holds 0, 0 | 2, 2.
    private static final float[] INPUT = {1, 3, 0, 0, 5, 7, 2, 2};
    private static final Shape SHAPE = new Shape(2, 2, 1, 2);

    @Test
    void batchNormUsesEpsilon1e3AndTorchMomentum001() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block norm = NormKind.BATCH.create(2);
            norm.initialize(manager, DataType.FLOAT32, SHAPE);
            NDArray x = manager.create(INPUT, SHAPE);

            NDArray trained = forward(norm, manager, x, true);
            NDArray mean = ParameterPaths.of(norm).get("running_mean").getArray();
            NDArray var = ParameterPaths.of(norm).get("running_var").getArray();

            assertEquals((1 - 4) / Math.sqrt(5 + 1e-3), trained.getFloat(0, 0, 0, 0), 1e-6);
            assertArrayEquals(new float[] {0.01f * 4, 0.01f * 1}, mean.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.99f + 0.01f * 20 / 3f, 0.99f + 0.01f * 4 / 3f}, var.toFloatArray(), 1e-6f);

            NDArray evaluated = forward(norm, manager, x, false);
            assertEquals((7 - 0.04) / Math.sqrt(0.99 + 0.2 / 3 + 1e-3), evaluated.getFloat(1, 0, 0, 1), 1e-5);
        }
    }

    @Test
    void groupNormNormalisesEachSampleOverChannelGroups() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // 8 channels -> 4 groups of 2; one pixel per channel.
            Block norm = NormKind.GROUP.create(8);
            Shape shape = new Shape(1, 8, 1, 1);
            norm.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.create(new float[] {1, 3, 0, 4, 2, 2, -1, 1}, shape);

            float[] out = forward(norm, manager, x, true).toFloatArray();

            // Group {1, 3}: mean 2, variance 1; group {0, 4}: mean 2, variance 4; {2, 2}: variance 0.
            float unit = (float) (1 / Math.sqrt(1 + 1e-4));
            float two = (float) (2 / Math.sqrt(4 + 1e-4));
            assertArrayEquals(new float[] {-unit, unit, -two, two, 0, 0, -unit, unit}, out, 1e-6f);
            assertEquals(32, NormKind.groupNormGroups(512));
            assertEquals(4, NormKind.groupNormGroups(24));
            assertEquals(29, NormKind.groupNormGroups(1392));
        }
    }

    @Test
    void groupNormRejectsWidthsItCannotSplit() {
        BadInputException e = assertThrows(BadInputException.class, () -> NormKind.GROUP.create(42));

        assertEquals("group norm cannot split 42 channels into 4 groups; use batch norm for this backbone",
                e.getMessage());
    }

    @Test
    void instanceNormUsesSampleStatisticsWhileTrainingAndRunningOnesAfter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block norm = NormKind.INSTANCE.create(2);
            norm.initialize(manager, DataType.FLOAT32, SHAPE);
            NDArray x = manager.create(INPUT, SHAPE);

            float[] trained = forward(norm, manager, x, true).toFloatArray();

            // Every (sample, channel) pair holds two values a < b with variance ((b - a) / 2)^2.
            float one = (float) (1 / Math.sqrt(1 + 1e-4));
            assertArrayEquals(new float[] {-one, one, 0, 0, -one, one, 0, 0}, trained, 1e-6f);
            NDArray mean = ParameterPaths.of(norm).get("running_mean").getArray();
            NDArray var = ParameterPaths.of(norm).get("running_var").getArray();
            // Per-instance means (2, 6) and (0, 2), unbiased variances (2, 2) and (0, 0), averaged over samples.
            assertArrayEquals(new float[] {0.01f * 4, 0.01f * 1}, mean.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.99f + 0.01f * 2, 0.99f}, var.toFloatArray(), 1e-6f);

            float evaluated = forward(norm, manager, x, false).getFloat(1, 0, 0, 1);
            assertEquals((7 - 0.04) / Math.sqrt(1.01 + 1e-4), evaluated, 1e-5);
        }
    }

    @Test
    void leakyReluKeepsOnePercentOfNegativeValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2, 3});

            assertArrayEquals(new float[] {-0.02f, 3}, ActivationKind.LEAKY_RELU.apply(x).toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0, 3}, ActivationKind.RELU.apply(x).toFloatArray());
        }
    }

    @Test
    void shufflenetNormAndActivationFlagsBuildWorkingBackbones() {
        for (ShuffleNetV2KConfig config : List.of(
                new ShuffleNetV2KConfig(0, 0, 1, 5, false, NormKind.GROUP, ActivationKind.LEAKY_RELU),
                new ShuffleNetV2KConfig(0, 0, 1, 5, true, NormKind.INSTANCE, ActivationKind.RELU))) {
            Backbone backbone = BackboneStrideTest.tinyShufflenet(config);

            assertEquals(new Shape(1, 64, 9, 9), BackboneStrideTest.forward(backbone));
        }
    }

    @Test
    void everyNormTrainsThroughAutograd() {
        for (NormKind kind : NormKind.values()) {
            Backbone backbone = BackboneStrideTest.tinyShufflenet(
                    new ShuffleNetV2KConfig(0, 0, 1, 5, false, kind, ActivationKind.RELU));
            Shape input = new Shape(2, 3, 33, 33);
            try (NDManager manager = NDManager.newBaseManager()) {
                backbone.initialize(manager, DataType.FLOAT32, input);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray out = backbone.forward(new ParameterStore(manager, false),
                            new NDList(manager.randomNormal(input)), true).singletonOrThrow();
                    collector.backward(out.square().sum());
                }

                NDArray gradient = ParameterPaths.of(backbone).get("input_block.0.0.weight").getArray().getGradient();
                assertTrue(gradient.abs().sum().getFloat() > 0, kind + " passes gradients to the stem");
            }
        }
    }

    private static NDArray forward(Block norm, NDManager manager, NDArray x, boolean training) {
        return norm.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
    }
}
