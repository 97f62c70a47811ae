package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoseNetworkShapeTest {

    @ParameterizedTest(name = "shufflenetv2k16 at {0}, upsample {1}: {2}x{2} fields")
    @CsvSource({"129, 1, 9", "129, 2, 17", "385, 1, 25", "385, 2, 49"})
    void shufflenetv2k16CocoKeypointFieldsFollowTheStride(int edge, int upsample, int fieldSize) {
        PoseNetwork network = NetworkFactory.create(
                NetworkConfig.of("shufflenetv2k16"), CocoHeads.keypoints(16, upsample, false));
        Shape input = new Shape(1, 3, edge, edge);

        Shape[] outputs = forwardShapes(network, input);

        assertEquals(new Shape(1, 17, 5, fieldSize, fieldSize), outputs[0]);
        assertEquals(new Shape(1, 19, 8, fieldSize, fieldSize), outputs[1]);
        for (HeadMeta meta : network.headMetas()) {
            assertEquals(16, meta.baseStride());
            assertEquals(fieldSize, meta.fieldSize(edge));
        }
    }

    @Test
    void resnet18At129HasStride16AndTorchvisionWidth() {
        PoseNetwork network = NetworkFactory.create(NetworkConfig.of("resnet18"), CocoHeads.keypoints(16, 1, true));

        Shape[] outputs = forwardShapes(network, new Shape(2, 3, 129, 129));

        assertEquals(512, network.backbone().outFeatures());
        assertEquals(16, network.backbone().stride());
        assertEquals(new Shape(2, 17, 5, 9, 9), outputs[0]);
        assertEquals(new Shape(2, 19, 8, 9, 9), outputs[1]);
        assertEquals(new Shape(2, 25, 8, 9, 9), outputs[2]);
    }

    @Test
    void detectionHeadPredictsSixChannelsPerCategory() {
        PoseNetwork network = NetworkFactory.create(NetworkConfig.of("shufflenetv2k16"), CocoHeads.detection(16, 1));

        Shape[] shapes = network.getOutputShapes(new Shape[] {new Shape(1, 3, 385, 385)});

        assertEquals(new Shape(1, 91, 6, 25, 25), shapes[0]);
    }

    @Test
    void headMetasGetTheBackboneStride() {
        NetworkConfig config = new NetworkConfig("shufflenetv2k16",
                new ShuffleNetV2KConfig(2, 0, 1, 5, false, NormKind.BATCH, ActivationKind.RELU),
                ResNetConfig.DEFAULTS, Optional.empty());

        PoseNetwork network = NetworkFactory.create(config, CocoHeads.keypoints(16, 2, false));

        assertEquals(32, network.headMetas().get(0).baseStride());
        assertEquals(16, network.headMetas().get(0).stride());
        assertEquals("shufflenetv2k16", network.basenetName());
    }

    @Test
    void upsamplingThatDoesNotDivideTheStrideIsRejected() {
        Backbone backbone = ShuffleNetV2K.create("tiny", List.of(1, 1, 1), List.of(8, 16, 32, 64, 64),
                new ShuffleNetV2KConfig(0, 0, 2, 5, false, NormKind.BATCH, ActivationKind.RELU));

        BadInputException e = assertThrows(BadInputException.class,
                () -> new PoseNetwork(backbone, CocoHeads.keypoints(16, 16, false)));

        assertEquals("head cocokp.cif: upsample 16 does not divide the stride 8 of tiny", e.getMessage());
    }

    /** Runs the network once and returns its output shapes, checked against the inferred ones. */
    static Shape[] forwardShapes(PoseNetwork network, Shape input) {
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, DataType.FLOAT32, input);
            NDList outputs = network.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(input)), false);
            Shape[] shapes = outputs.getShapes();
            Shape[] inferred = network.getOutputShapes(new Shape[] {input});
            for (int i = 0; i < shapes.length; i++) {
                assertEquals(inferred[i], shapes[i], "inferred shape of output " + i);
            }
            return shapes;
        }
    }
}
