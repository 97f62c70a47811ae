package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeHeadTest {

    private static final int FEATURES = 4;

    @Test
    void upsampleTwoShufflesSubPixelsAndDropsTheLastRowAndColumn() {
        HeadMeta cif = CocoHeads.keypoints(16, 2, false).get(0);
        CompositeHead head = new CompositeHead(cif, FEATURES);
        try (NDManager manager = NDManager.newBaseManager()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES, 3, 3));
            // Zero weights and bias = conv channel index: every output cell shows which conv
            // channel it came from.
            Map<String, Parameter> parameters = ParameterPaths.of(head);
            parameters.get("conv.weight").getArray().muli(0);
            int convChannels = 17 * 5 * 4;
            manager.arange((float) convChannels).copyTo(parameters.get("conv.bias").getArray());

            NDArray out = head.forward(new ParameterStore(manager, false),
                    new NDList(manager.ones(new Shape(1, FEATURES, 3, 3))), false).singletonOrThrow();

            assertEquals(new Shape(1, 17, 5, 5, 5), out.getShape());
            for (int field : new int[] {0, 16}) {
                for (int channel = 0; channel < 5; channel++) {
                    for (int y = 0; y < 5; y++) {
                        for (int x = 0; x < 5; x++) {
                            int expected = ((field * 5 + channel) * 2 + y % 2) * 2 + x % 2;
                            assertEquals(expected, out.getFloat(0, field, channel, y, x));
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutUpsamplingTheConvolutionIsReshapedIntoFields() {
        HeadMeta caf = CocoHeads.keypoints(16, 1, false).get(1);
        CompositeHead head = new CompositeHead(caf, FEATURES);
        try (NDManager manager = NDManager.newBaseManager()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(2, FEATURES, 3, 4));
            NDArray features = manager.randomNormal(new Shape(2, FEATURES, 3, 4));

            NDArray out = head.forward(new ParameterStore(manager, false), new NDList(features), false)
                    .singletonOrThrow();

            assertEquals(new Shape(2, 19, 8, 3, 4), out.getShape());
            NDArray weight = ParameterPaths.of(head).get("conv.weight").getArray();
            NDArray bias = ParameterPaths.of(head).get("conv.bias").getArray();
            // field 3, channel 2 is conv channel 3 * 8 + 2
            int channel = 3 * 8 + 2;
            float expected = bias.getFloat(channel);
            for (int f = 0; f < FEATURES; f++) {
                expected += weight.getFloat(channel, f, 0, 0) * features.getFloat(1, f, 2, 1);
            }
            assertEquals(expected, out.getFloat(1, 3, 2, 2, 1), 1e-5);
        }
    }

    @Test
    void convolutionStartsAsPyTorchInitialisesIt() {
        // PyTorch's Conv2d default: weight and bias uniform in +-1/sqrt(fan_in).
        Engine.getInstance().setRandomSeed(7);
        HeadMeta cif = CocoHeads.keypoints(16, 1, false).get(0);
        CompositeHead head = new CompositeHead(cif, 1392);
        try (NDManager manager = NDManager.newBaseManager()) {
            head.initialize(manager, DataType.FLOAT32, new Shape(1, 1392, 1, 1));
            double bound = 1 / Math.sqrt(1392);

            NDArray weight = ParameterPaths.of(head).get("conv.weight").getArray();
            NDArray bias = ParameterPaths.of(head).get("conv.bias").getArray();
            // 118,320 weights fill the interval up to its edge; 85 biases come within 10% of it.
            assertEquals(bound, weight.abs().max().getFloat(), bound * 0.01, "weight max");
            float biasMax = bias.abs().max().getFloat();
            assertTrue(biasMax <= bound && biasMax > 0.9 * bound, "bias max " + biasMax + " vs bound " + bound);
        }
    }
}
