package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The wiring of a shuffle unit: which half passes through and how the halves interleave. */
class BackboneShuffleUnitTest {

    @Test
    void laterUnitsPassTheFirstHalfAndInterleaveItWithTheTransformedSecondHalf() {
        ShuffleUnit unit = new ShuffleUnit(4, 4, false, 1, 1, 5, NormKind.BATCH, ActivationKind.RELU);
        Shape shape = new Shape(1, 4, 1, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, shape);
            // Zero convolutions and a last BN shift of (5, 6): the branch outputs relu(5), relu(6)
            // whatever its input, so every output channel shows where it came from.
            ParameterPaths.of(unit).forEach((path, parameter) -> {
                if (path.endsWith("weight") && !path.startsWith("branch2.6")) {
                    parameter.getArray().muli(0);
                }
            });
            manager.create(new float[] {5, 6}).copyTo(ParameterPaths.of(unit).get("branch2.6.bias").getArray());
            NDArray x = manager.create(new float[] {1, 2, 3, 4}, shape);

            NDArray out = unit.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();

            // torchvision: cat(x[:2], branch2(x[2:])) = (1, 2, 5, 6), shuffled with two groups.
            assertArrayEquals(new float[] {1, 5, 2, 6}, out.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void firstUnitsInterleaveTheirTwoBranches() {
        ShuffleUnit unit = new ShuffleUnit(2, 4, true, 2, 1, 5, NormKind.BATCH, ActivationKind.RELU);
        Shape shape = new Shape(1, 2, 3, 3);
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, shape);
            ParameterPaths.of(unit).forEach((path, parameter) -> {
                if (path.endsWith("weight") && !path.equals("branch1.3.weight") && !path.equals("branch2.6.weight")) {
                    parameter.getArray().muli(0);
                }
            });
            manager.create(new float[] {1, 2}).copyTo(ParameterPaths.of(unit).get("branch1.3.bias").getArray());
            manager.create(new float[] {7, 8}).copyTo(ParameterPaths.of(unit).get("branch2.6.bias").getArray());

            NDArray out = unit.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(shape)), false).singletonOrThrow();

            assertArrayEquals(new long[] {1, 4, 2, 2}, out.getShape().getShape());
            assertArrayEquals(new float[] {1, 7, 2, 8}, out.get("0, :, 1, 1").toFloatArray(), 1e-6f);
        }
    }
}
