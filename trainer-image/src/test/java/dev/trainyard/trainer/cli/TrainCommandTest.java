package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.trainer.checkpoint.CheckpointFile;
import dev.trainyard.trainer.checkpoint.CheckpointMeta;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SyntheticPeople;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trainyard train} end to end on a few synthetic images with a small crop. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainCommandTest {

    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void syntheticPeople() {
        data = dir.resolve("data");
        SyntheticPeople.generate(data, new SyntheticPeople.Options(4, 2, 7, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
    }

    record Run(int status, String out, String err) {}

    static Run train(String... flags) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "cocokp",
                "--cocokp-train-annotations", data.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString(),
                "--cocokp-train-image-dir", data.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).toString(),
                "--cocokp-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocokp-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
                "--cocokp-square-edge", "65", "--batch-size", "2", "--loader-workers", "1", "--log-interval", "1"));
        args.addAll(Arrays.asList(flags));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    static List<JsonNode> records(Path log) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            records.add(json.readTree(line));
        }
        return records;
    }

    static List<JsonNode> ofType(List<JsonNode> records, String type) {
        return records.stream().filter(r -> r.get("type").asText().equals(type)).toList();
    }

    static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void twoEpochsWriteCheckpointsTheFinalShaFileAndAWellFormedLog() throws Exception {
        Path out = dir.resolve("first/k16.ckpt");
        Run run = train("--basenet", "shufflenetv2k16", "--epochs", "2", "-o", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());

        String sha = CheckpointFile.sha256(dir.resolve("first/k16.ckpt.epoch002"));
        assertEquals(List.of("k16-" + sha.substring(0, 8) + ".ckpt", "k16.ckpt.epoch000", "k16.ckpt.epoch001",
                "k16.ckpt.epoch002", "k16.ckpt.log"), names(dir.resolve("first")));
        assertTrue(run.out().contains("k16-" + sha.substring(0, 8) + ".ckpt"), run.out());
        CheckpointMeta last = CheckpointFile.readMeta(dir.resolve("first/k16.ckpt.epoch002"));
        assertEquals(2, last.epoch());
        assertEquals(List.of("cocokp.cif", "cocokp.caf"), last.heads().stream().map(h -> h.fullName()).toList());
        assertEquals(65, ((Number) last.args().get("cocokp_square_edge")).intValue());
        assertEquals(0, CheckpointFile.readMeta(dir.resolve("first/k16.ckpt.epoch000")).epoch());

        List<JsonNode> records = records(dir.resolve("first/k16.ckpt.log"));
        JsonNode process = records.getFirst();
        assertEquals("process", process.get("type").asText());
        assertEquals("trainyard", process.get("argv").get(0).asText());
        assertEquals("train", process.get("argv").get(1).asText());
        assertTrue(process.get("version").asText().startsWith("0.1.0+"), process.toString());
        assertFalse(process.get("hostname").asText().isEmpty());
        assertEquals(2, process.get("args").get("epochs").asInt());
        assertEquals("shufflenetv2k16", process.get("args").get("basenet").asText());
        List<String> fields = new ArrayList<>();
        ofType(records, "config").getFirst().get("field_names").forEach(f -> fields.add(f.asText()));
        assertEquals(List.of("cocokp.cif.c", "cocokp.cif.vec", "cocokp.cif.scales", "cocokp.caf.c", "cocokp.caf.vec",
                "cocokp.caf.scales"), fields);
        List<JsonNode> train = ofType(records, "train");
        assertEquals(4, train.size(), "2 batches per epoch, logged every batch");
        for (JsonNode r : train) {
            for (String key : List.of("epoch", "batch", "n_batches", "time", "data_time", "lr", "loss", "asctime")) {
                assertTrue(r.has(key), key + " in " + r);
            }
            assertEquals(fields.size(), r.get("head_losses").size());
            assertTrue(Double.isFinite(r.get("loss").asDouble()));
        }
        assertEquals(List.of(1, 2), ofType(records, "train-epoch").stream().map(r -> r.get("epoch").asInt()).toList());
        assertEquals(List.of(1, 2), ofType(records, "val-epoch").stream().map(r -> r.get("epoch").asInt()).toList());
        // The warm-up of the first epoch: lr rises from 1e-3 x lr to lr.
        assertEquals(1e-6, train.get(0).get("lr").asDouble(), 1e-12);
        assertEquals(1e-3, train.get(2).get("lr").asDouble(), 1e-12);
    }

    @Test
    @Order(2)
    void refiningACheckpointContinuesTheEpochCount() throws Exception {
        Path checkpoint = dir.resolve("first/k16.ckpt.epoch001");
        Path out = dir.resolve("refined/k16r.ckpt");
        Run run = train("--checkpoint", checkpoint.toString(), "--epochs", "3", "-o", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("from epoch 1"), run.out());
        List<String> files = names(dir.resolve("refined"));
        assertTrue(files.containsAll(List.of("k16r.ckpt.epoch002", "k16r.ckpt.epoch003")), files.toString());
        assertFalse(files.contains("k16r.ckpt.epoch000") || files.contains("k16r.ckpt.epoch001"), files.toString());
        assertEquals(3, CheckpointFile.readMeta(dir.resolve("refined/k16r.ckpt.epoch003")).epoch());
        List<JsonNode> records = records(dir.resolve("refined/k16r.ckpt.log"));
        List<JsonNode> train = ofType(records, "train");
        assertEquals(1, train.getFirst().get("epoch").asInt(), "training resumes in epoch index 1");
        assertEquals(List.of(2, 3), ofType(records, "train-epoch").stream().map(r -> r.get("epoch").asInt()).toList());
        // Past the one-epoch warm-up: the schedule resumes at full lr.
        assertEquals(1e-3, train.getFirst().get("lr").asDouble(), 1e-12);
    }

    @Test
    @Order(3)
    void contradictoryOrBadInputIsOneLineAndExitTwo() throws Exception {
        Path checkpoint = dir.resolve("first/k16.ckpt.epoch001");
        Path out = dir.resolve("bad/x.ckpt");
        assertBad(train("--basenet", "resnet50", "--checkpoint", checkpoint.toString(), "--epochs", "3",
                "-o", out.toString()), "--basenet resnet50 contradicts --checkpoint");
        assertBad(train("--dataset-weights", "0.5", "0.3", "0.2", "--basenet", "shufflenetv2k16", "--epochs", "1",
                "-o", out.toString()), "--dataset-weights has 3 values for 1 datasets");
        assertBad(train("--basenet", "shufflenetv2k16", "--epochs", "1", "--no-such-flag"), "--no-such-flag");
        assertBad(train("--epochs", "1", "-o", out.toString()), "give --basenet NAME");
        assertBad(train("--checkpoint", checkpoint.toString(), "--epochs", "1", "-o", out.toString()),
                "not fewer than --epochs 1");

        byte[] bytes = Files.readAllBytes(checkpoint);
        Path truncated = dir.resolve("bad/truncated.ckpt");
        Files.createDirectories(truncated.getParent());
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 1000));
        assertBad(train("--checkpoint", truncated.toString(), "--epochs", "3", "-o", out.toString()),
                truncated.toString());
        assertFalse(Files.exists(out.resolveSibling("x.ckpt.epoch002")), "nothing was trained or written");
    }

    @Test
    @Order(4)
    void theStabilityRuleWarnsAndTheStrictModeRefuses() {
        Path out = dir.resolve("stability/s.ckpt");
        Run strict = train("--basenet", "shufflenetv2k16", "--epochs", "1", "--lr", "0.01", "--clip-grad-value", "10",
                "--strict-stability", "-o", out.toString());
        assertBad(strict, "--lr 0.01 x --clip-grad-value 10.0");
        assertTrue(strict.err().contains("sqrt(BatchNorm eps 0.001"), strict.err());
        Run warned = train("--basenet", "shufflenetv2k16", "--epochs", "1", "--train-batches", "1", "--val-batches", "1",
                "--lr", "0.01", "--clip-grad-value", "10", "-q", "-o", out.toString());
        assertEquals(0, warned.status(), warned.err());
        assertTrue(warned.err().startsWith("trainyard: warning: --lr 0.01 x --clip-grad-value 10.0"), warned.err());
    }

    @Test
    @Order(5)
    void twoDatasetsInterleaveByWeightAndOnlyTheBatchesDatasetHeadsGetALoss() throws Exception {
        Path out = dir.resolve("multi/m.ckpt");
        Run run = train("--dataset", "cocokp-cocodet", "--dataset-weights", "0.5", "--basenet", "shufflenetv2k16",
                "--cocodet-train-annotations", data.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString(),
                "--cocodet-train-image-dir", data.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).toString(),
                "--cocodet-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocodet-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
                "--cocodet-square-edge", "65", "--epochs", "1", "-q", "-o", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        List<JsonNode> records = records(dir.resolve("multi/m.ckpt.log"));
        List<String> fields = new ArrayList<>();
        ofType(records, "config").getFirst().get("field_names").forEach(f -> fields.add(f.asText()));
        assertEquals("cocodet.cifdet.c", fields.get(6), fields.toString());
        List<JsonNode> train = ofType(records, "train");
        // 2 batches each, weights 0.5/0.5: n = floor(2 / 0.5) = 4 batches, alternating.
        assertEquals(List.of(0, 1, 0, 1), train.stream().map(r -> r.get("dataset").asInt()).toList());
        for (JsonNode r : train) {
            boolean keypoints = r.get("dataset").asInt() == 0;
            for (int i = 0; i < fields.size(); i++) {
                boolean own = fields.get(i).startsWith(keypoints ? "cocokp." : "cocodet.");
                assertEquals(!own, r.get("head_losses").get(i).isNull(), fields.get(i) + " in " + r);
            }
        }
        assertEquals(List.of("cocokp", "cocodet"),
                CheckpointFile.readMeta(dir.resolve("multi/m.ckpt.epoch001")).datasets());
    }

    @Test
    @Order(6)
    void debugImagesDrawTheFirstImagesInDatasetOrder() throws Exception {
        Path images = dir.resolve("debug-images");
        Run run = train("--basenet", "shufflenetv2k16", "--epochs", "1", "--train-batches", "1", "--val-batches", "1",
                "--cocokp-no-augmentation", "--debug-images", "--debug-indices", "cif:5", "caf:3", "--save-all",
                images.toString(), "-q", "-o", dir.resolve("debug/d.ckpt").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertEquals(List.of("e000-b0000-i00-caf3.png", "e000-b0000-i00-cif5.png", "e000-b0000-i01-caf3.png",
                "e000-b0000-i01-cif5.png"), names(images));
        assertBad(train("--basenet", "shufflenetv2k16", "--epochs", "1", "--debug-images", "--debug-indices", "cif:40",
                "-q", "-o", dir.resolve("debug/e.ckpt").toString()), "cif:40");
        // --debug-indices alone asks for the debug images (as in predict), so its fields are checked too
        assertBad(train("--basenet", "shufflenetv2k16", "--epochs", "1", "--debug-indices", "caf:99",
                "-q", "-o", dir.resolve("debug/f.ckpt").toString()), "caf:99");
    }

    @Test
    @Order(7)
    void aDivergingRunStopsWithOneLineAndExitThree() {
        Run run = train("--basenet", "shufflenetv2k16", "--epochs", "3", "--lr", "1e8", "--lr-warm-up-epochs", "0",
                "-q", "-o", dir.resolve("diverged/d.ckpt").toString());
        assertEquals(Main.EXIT_DIVERGED, run.status(), run.out() + run.err());
        assertTrue(run.err().startsWith("trainyard: training diverged: the loss is not finite in epoch"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    private static void assertBad(Run run, String expected) {
        assertEquals(Main.EXIT_BAD_INPUT, run.status(), run.out() + run.err());
        assertTrue(run.err().startsWith("trainyard: error: "), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
    }
}
