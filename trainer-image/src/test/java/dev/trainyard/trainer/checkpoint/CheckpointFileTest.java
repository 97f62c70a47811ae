package dev.trainyard.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    @TempDir
    Path dir;

    private static CheckpointMeta meta(PoseNetwork network, int epoch) {
        return new CheckpointMeta(epoch, NetworkConfig.of("shufflenetv2k16"), network.headMetas(), List.of("cocokp"),
                Map.of("lr", 1e-3, "cocokp_square_edge", 129), List.of("trainyard", "train", "--epochs", "2"),
                "0.1.0+1.gabc", "host", "2026-11-25T00:00:00Z");
    }

    private static PoseNetwork network(NDManager manager, List<HeadMeta> heads) {
        Engine.getInstance().setRandomSeed(5);
        return NetworkFactory.createInitialized(NetworkConfig.of("shufflenetv2k16"), heads, manager);
    }

    private static List<float[]> values(ai.djl.nn.Block block) {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            values.add(p.getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void roundTripRestoresMetadataAndEveryWeightWithGradients() throws IOException {
        Path file = dir.resolve("model.ckpt.epoch002");
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = network(manager, CocoHeads.keypoints(16, 1, false));
            CheckpointFile.write(file, network, meta(network, 2));
            Checkpoint loaded = CheckpointFile.read(file, manager);
            assertEquals(2, loaded.meta().epoch());
            assertEquals(network.headMetas(), loaded.meta().heads());
            assertEquals(NetworkConfig.of("shufflenetv2k16"), loaded.meta().network());
            assertEquals(List.of("trainyard", "train", "--epochs", "2"), loaded.meta().argv());
            assertEquals(129, ((Number) loaded.meta().args().get("cocokp_square_edge")).intValue());
            List<float[]> before = values(network);
            List<float[]> after = values(loaded.network());
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
            for (Parameter p : loaded.network().getParameters().values()) {
                assertEquals(p.requiresGradient(), p.getArray().hasGradient(), p.getName());
            }
            assertEquals(2, CheckpointFile.readMeta(file).epoch());
            assertTrue(Files.isReadable(file));
        }
    }

    @Test
    void truncatedMissingAndForeignFilesAreOneLineErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("model.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = network(manager, CocoHeads.keypoints(16, 1, false));
            CheckpointFile.write(file, network, meta(network, 1));
            byte[] bytes = Files.readAllBytes(file);
            Path truncated = dir.resolve("truncated.ckpt");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            BadInputException e = assertThrows(BadInputException.class, () -> CheckpointFile.read(truncated, manager));
            assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("truncated"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));

            Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
            assertThrows(BadInputException.class, () -> CheckpointFile.readMeta(text));
            BadInputException missing = assertThrows(BadInputException.class,
                    () -> CheckpointFile.readMeta(dir.resolve("absent.ckpt")));
            assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        }
    }

    @Test
    void aFullDiskLeavesNoCheckpointUnderItsNameAndKeepsThePreviousOne() throws IOException {
        try (FileSystem small = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                        .setMaxSize(8L << 20).setBlockSize(8192).build());
                NDManager manager = NDManager.newBaseManager()) {
            Path outputs = Files.createDirectories(small.getPath("/outputs"));
            Path file = outputs.resolve("run.ckpt.epoch001");
            Files.writeString(file, "previous");
            PoseNetwork network = network(manager, CocoHeads.keypoints(16, 1, false));
            IOException e = assertThrows(IOException.class, () -> CheckpointFile.write(file, network, meta(network, 1)));
            assertEquals("previous", Files.readString(file), "the old file is untouched: " + e.getMessage());
            try (Stream<Path> files = Files.list(outputs)) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void refiningOnMoreDatasetsKeepsTheBackboneAndMatchingHeadsAndAddsNewOnes() throws IOException {
        Path file = dir.resolve("kp.ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = network(manager, CocoHeads.keypoints(16, 1, false));
            CheckpointFile.write(file, network, meta(network, 3));
            List<float[]> backbone = values(network.backbone());
            List<float[]> caf = values(network.heads().get(1));

            List<HeadMeta> wanted = new ArrayList<>(CocoHeads.detection(16, 1));
            wanted.add(CocoHeads.keypoints(16, 1, false).get(1)); // caf, now after cifdet
            PoseNetwork refined = HeadConsolidation.FILTER_AND_EXTEND.apply(CheckpointFile.read(file, manager), wanted,
                    manager);
            assertEquals(List.of("cocodet.cifdet", "cocokp.caf"),
                    refined.headMetas().stream().map(HeadMeta::fullName).toList());
            List<float[]> refinedBackbone = values(refined.backbone());
            for (int i = 0; i < backbone.size(); i++) {
                assertArrayEquals(backbone.get(i), refinedBackbone.get(i));
            }
            List<float[]> refinedCaf = values(refined.heads().get(1));
            for (int i = 0; i < caf.size(); i++) {
                assertArrayEquals(caf.get(i), refinedCaf.get(i));
            }
            for (Parameter p : refined.getParameters().values()) {
                NDArray array = p.getArray();
                assertEquals(p.requiresGradient(), array.hasGradient(), p.getName());
            }

            BadInputException keep = assertThrows(BadInputException.class,
                    () -> HeadConsolidation.KEEP.apply(CheckpointFile.read(file, manager), wanted, manager));
            assertTrue(keep.getMessage().contains("cocokp.cif"), keep.getMessage());
        }
    }
}
