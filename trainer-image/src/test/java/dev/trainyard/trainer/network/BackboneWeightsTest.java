package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneWeightsTest {

    private static final Shape INPUT = new Shape(1, 3, 33, 33);

    @TempDir
    Path dir;

    @Test
    void djlParametersRoundTripToIdenticalOutputs() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone trained = initialized(tiny(), manager);
            perturbRunningStatistics(trained, manager);
            Path file = dir.resolve("tiny.params");
            BackboneWeights.save(trained, file, BackboneWeights.Format.DJL);
            Backbone fresh = initialized(tiny(), manager);
            NDArray x = manager.randomNormal(INPUT);
            assertFalse(forward(trained, x).contentEquals(forward(fresh, x)), "fresh backbone starts different");

            BackboneWeights.load(fresh, file, manager);

            assertTrue(forward(trained, x).contentEquals(forward(fresh, x)));
        }
    }

    @Test
    void torchvisionNamedNpzRoundTripsIntoResnet18() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone trained = initialized(Basenets.create("resnet18"), manager);
            perturbRunningStatistics(trained, manager);
            Path file = dir.resolve("resnet18.npz");
            BackboneWeights.save(trained, file, BackboneWeights.Format.NPZ);
            Backbone fresh = initialized(Basenets.create("resnet18"), manager);

            BackboneWeights.load(fresh, file, manager);

            NDArray x = manager.randomNormal(INPUT);
            assertTrue(forward(trained, x).contentEquals(forward(fresh, x)));
            NDList written = NDList.decode(manager, Files.readAllBytes(file));
            assertEquals(new Shape(64, 3, 7, 7), written.get("conv1.weight").getShape());
            assertEquals(new Shape(128), written.get("layer2.0.downsample.1.running_var").getShape());
        }
    }

    @Test
    void numpyStateDictWithReferencePrefixesLoadsAsFloat32() {
        // Written by numpy.savez: every tensor of a tiny ShuffleNetV2K as float64 arange / 1000
        // (running_var + 1) under "base_net.", plus int64 num_batches_tracked and a head tensor.
        Path file = Path.of("src/test/resources/dev/trainyard/trainer/network/tiny-shufflenet-state-dict.npz");
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone backbone = initialized(
                    ShuffleNetV2K.create(
                            "tiny", List.of(1, 1, 1), List.of(4, 8, 8, 8, 8), ShuffleNetV2KConfig.DEFAULTS),
                    manager);

            BackboneWeights.load(backbone, file, manager);

            Map<String, Parameter> parameters = ParameterPaths.of(backbone);
            NDArray stem = parameters.get("input_block.0.0.weight").getArray();
            assertEquals(DataType.FLOAT32, stem.getDataType());
            assertEquals(0.035f, stem.getFloat(1, 0, 2, 2), 1e-7f); // flat index 27 + 6 + 2
            assertArrayEquals(new float[] {1f, 1.001f, 1.002f, 1.003f, 1.004f, 1.005f, 1.006f, 1.007f},
                    parameters.get("conv5.1.running_var").getArray().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void backboneLoadsFromASavedWholeNetworkModel() throws IOException, Exception {
        try (Model model = Model.newInstance("tiny-pose");
                NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = new PoseNetwork(tiny(), CocoHeads.keypoints(16, 1, false));
            model.setBlock(network);
            network.initialize(model.getNDManager(), DataType.FLOAT32, INPUT);
            model.save(dir, "tiny-pose");
            Backbone fresh = initialized(tiny(), manager);

            BackboneWeights.load(fresh, dir.resolve("tiny-pose-0000.params"), manager);

            NDArray x = manager.randomNormal(INPUT);
            assertTrue(forward(network.backbone(), x).contentEquals(forward(fresh, x)));
        }
    }

    @Test
    void layersAddedToTorchvisionKeepTheirInitialisation() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("resnet18.npz");
            BackboneWeights.save(initialized(Basenets.create("resnet18"), manager), file, BackboneWeights.Format.NPZ);
            ResNetConfig inputConv2 = new ResNetConfig(0, 2, 2, 1, false);
            Backbone withConv2 = initialized(
                    Basenets.create("resnet18", ShuffleNetV2KConfig.DEFAULTS, inputConv2), manager);
            NDArray before = ParameterPaths.of(withConv2).get("input_conv2.0.weight").getArray().duplicate();

            BackboneWeights.load(withConv2, file, manager);

            assertEquals(before, ParameterPaths.of(withConv2).get("input_conv2.0.weight").getArray());
        }
    }

    @Test
    void missingFileIsReportedByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone backbone = initialized(tiny(), manager);
            Path file = dir.resolve("nowhere.npz");

            BadInputException e = loadFails(backbone, file, manager);

            assertEquals("basenet weights file " + file + " does not exist", e.getMessage());
        }
    }

    @Test
    void missingTensorsAreNamedAndCounted() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone backbone = initialized(tiny(), manager);
            Path file = writeNpz(backbone, "stage4.", null);

            BadInputException e = loadFails(backbone, file, manager);

            assertEquals("basenet weights file " + file + " lacks stage4.0.branch1.0.weight and 24 more of tiny",
                    e.getMessage());
        }
    }

    @Test
    void shapeMismatchNamesTheParameterAndBothShapesAndChangesNothing() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone backbone = initialized(tiny(), manager);
            Path file = writeNpz(backbone, null, "conv5.0.weight");
            NDArray stemBefore = ParameterPaths.of(backbone).get("input_block.0.0.weight").getArray().duplicate();

            BadInputException e = loadFails(backbone, file, manager);

            assertEquals("basenet weights file " + file + ": conv5.0.weight has shape (64, 32) but tiny expects "
                    + "(64, 32, 1, 1)", e.getMessage());
            assertEquals(stemBefore, ParameterPaths.of(backbone).get("input_block.0.0.weight").getArray());
        }
    }

    @Test
    void djlParametersOfAnotherArchitectureAreRejected() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = dir.resolve("other.params");
            BackboneWeights.save(initialized(BackboneStrideTest.tinyShufflenet(ShuffleNetV2KConfig.DEFAULTS), manager),
                    file, BackboneWeights.Format.DJL);
            Backbone backbone = initialized(tiny(), manager);

            BadInputException e = loadFails(backbone, file, manager);

            assertTrue(e.getMessage().startsWith("basenet weights file " + file), e.getMessage());
        }
    }

    @Test
    void unreadableFileIsRejected() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone backbone = initialized(tiny(), manager);
            Path file = Files.writeString(dir.resolve("notes.txt"), "not weights at all");

            BadInputException e = loadFails(backbone, file, manager);

            assertTrue(e.getMessage().startsWith("basenet weights file " + file
                    + " is neither an .npz nor DJL parameters of a tiny backbone"), e.getMessage());
        }
    }

    @Test
    void factoryLoadsConfiguredWeights() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Backbone trained = initialized(Basenets.create("resnet18"), manager);
            Path file = dir.resolve("resnet18.params");
            BackboneWeights.save(trained, file, BackboneWeights.Format.DJL);

            PoseNetwork network = NetworkFactory.createInitialized(
                    NetworkConfig.of("resnet18").withBasenetWeights(file), CocoHeads.keypoints(16, 1, false), manager);

            NDArray x = manager.randomNormal(INPUT);
            assertTrue(forward(trained, x).contentEquals(forward(network.backbone(), x)));
        }
    }

    private static BadInputException loadFails(Backbone backbone, Path file, NDManager manager) {
        return assertThrows(BadInputException.class, () -> BackboneWeights.load(backbone, file, manager));
    }

    /** ShuffleNetV2K's layout at a width that runs in milliseconds. */
    private static Backbone tiny() {
        return ShuffleNetV2K.create("tiny", List.of(1, 2, 1), List.of(8, 16, 32, 32, 64), ShuffleNetV2KConfig.DEFAULTS);
    }

    private static Backbone initialized(Backbone backbone, NDManager manager) {
        backbone.initialize(manager, DataType.FLOAT32, INPUT);
        return backbone;
    }

    /** Makes evaluation outputs depend on the running statistics, so a round trip must carry them. */
    private static void perturbRunningStatistics(Backbone backbone, NDManager manager) {
        ParameterPaths.of(backbone).forEach((path, parameter) -> {
            if (path.endsWith("running_mean") || path.endsWith("running_var")) {
                NDArray array = parameter.getArray();
                manager.randomUniform(0.5f, 1.5f, array.getShape()).copyTo(array);
            }
        });
    }

    private static NDArray forward(Backbone backbone, NDArray x) {
        return backbone.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
    }

    /** The backbone as an npz, without tensors under {@code dropPrefix} and with {@code flatten} squeezed. */
    private Path writeNpz(Backbone backbone, String dropPrefix, String flatten) throws IOException {
        NDList arrays = new NDList();
        ParameterPaths.of(backbone).forEach((path, parameter) -> {
            if (dropPrefix != null && path.startsWith(dropPrefix)) {
                return;
            }
            NDArray array = parameter.getArray().duplicate();
            if (path.equals(flatten)) {
                array = array.squeeze();
            }
            array.setName(path);
            arrays.add(array);
        });
        Path file = dir.resolve("edited.npz");
        try (OutputStream out = Files.newOutputStream(file)) {
            arrays.encode(out, NDList.Encoding.NPZ);
        }
        return file;
    }
}
