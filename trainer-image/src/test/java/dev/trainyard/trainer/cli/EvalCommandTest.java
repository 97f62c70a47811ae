package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SyntheticPeople;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trainyard eval} on a checkpoint trained here, on a glob while watching, and on a results file. */
class EvalCommandTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path checkpoint;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static List<String> dataFlags() {
        return List.of("--cocokp-train-annotations", data.resolve(SyntheticPeople.TRAIN_ANNOTATIONS).toString(),
                "--cocokp-train-image-dir", data.resolve(SyntheticPeople.TRAIN_IMAGE_DIR).toString(),
                "--cocokp-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocokp-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString());
    }

    static Run eval(String... flags) {
        List<String> args = new ArrayList<>(List.of("eval", "--coco-eval-long-edge", "97", "--loader-workers", "1"));
        args.addAll(dataFlags());
        args.addAll(Arrays.asList(flags));
        return run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void trainATinyModel() {
        data = dir.resolve("data");
        SyntheticPeople.generate(data, new SyntheticPeople.Options(2, 3, 5, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "cocokp", "--basenet", "shufflenetv2k16",
                "--cocokp-square-edge", "65", "--batch-size", "2", "--epochs", "1", "--loader-workers", "1", "-q",
                "-o", dir.resolve("train/k16.ckpt").toString()));
        args.addAll(dataFlags());
        Run train = run(args.toArray(String[]::new));
        assertEquals(0, train.status(), train.err());
        checkpoint = dir.resolve("train/k16.ckpt.epoch001");
    }

    @Test
    void evaluatingACheckpointWritesTheTenStatsWithTheirContext() throws Exception {
        Run run = eval("--checkpoint", checkpoint.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        Path statsFile = dir.resolve("train/k16.ckpt.epoch001.eval-cocokp-cocoedge97.stats.json");
        JsonNode stats = new ObjectMapper().readTree(statsFile.toFile());
        assertEquals(10, stats.get("stats").size());
        assertEquals("AP", stats.get("text_labels").get(0).asText());
        assertEquals(3, stats.get("n_images").asInt());
        assertEquals(1, stats.get("checkpoint_epoch").asInt());
        assertEquals(Files.size(checkpoint), stats.get("file_size").asLong());
        assertEquals(9_135_537, stats.get("n_parameters").asLong());
        assertTrue(stats.get("version").asText().startsWith("0.1.0+"));
        assertTrue(stats.get("decoder").asText().startsWith("cifcaf:0"), stats.toString());
        assertTrue(run.out().contains("Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ]"),
                run.out());
    }

    @Test
    void badCheckpointsAndGlobsAreOneLineErrors() throws Exception {
        Run none = eval("--checkpoint", dir.resolve("train/*.epoch9??").toString());
        assertEquals(Main.EXIT_BAD_INPUT, none.status());
        assertTrue(none.err().contains("matches no file"), none.err());
        Run wrongDataset = eval("--checkpoint", checkpoint.toString(), "--dataset", "cocodet",
                "--cocodet-val-annotations", data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toString(),
                "--cocodet-val-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString());
        assertEquals(Main.EXIT_BAD_INPUT, wrongDataset.status());
        assertTrue(wrongDataset.err().contains("none for --dataset cocodet"), wrongDataset.err());
        Path truncated = dir.resolve("bad/t.ckpt.epoch001");
        Files.createDirectories(truncated.getParent());
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        Run bad = eval("--checkpoint", truncated.toString());
        assertEquals(Main.EXIT_BAD_INPUT, bad.status());
        assertTrue(bad.err().startsWith("trainyard: error: ") && bad.err().contains(truncated.toString()), bad.err());
    }

    @Test
    void watchingEvaluatesEachNewCheckpointOnceAndSkipsEpochZeroAndBrokenFiles() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("eval", "--coco-eval-long-edge", "97", "--loader-workers", "1",
                "--watch", "1", "--checkpoint", watched + "/k16.ckpt.epoch??[05]"));
        args.addAll(dataFlags());
        int[] status = {-1};
        Thread watcher = new Thread(() -> status[0] = cl.execute(args.toArray(String[]::new)));
        watcher.start();
        try {
            // Checkpoints arrive while watching, as a training writes them: complete files, renamed into place.
            for (String epoch : List.of("000", "005", "010")) {
                Path temp = watched.resolve(".incoming.tmp");
                Files.copy(checkpoint, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, watched.resolve("k16.ckpt.epoch" + epoch), StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(300);
            }
            try (InputStream in = Files.newInputStream(checkpoint)) {
                Files.write(watched.resolve("k16.ckpt.epoch015"), in.readNBytes(1000));
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && !(Files.exists(watched.resolve("k16.ckpt.epoch010.eval-cocokp-cocoedge97.stats.json"))
                    && Files.exists(watched.resolve("k16.ckpt.epoch005.eval-cocokp-cocoedge97.stats.json"))
                    && err.toString().contains("epoch015"))) {
                Thread.sleep(200);
            }
            Thread.sleep(2500); // two more polls: nothing may be evaluated again
        } finally {
            watcher.interrupt();
            watcher.join(60_000);
        }
        assertEquals(0, status[0], out + "\n" + err);
        String log = out.toString();
        assertEquals(1, count(log, "evaluating " + watched.resolve("k16.ckpt.epoch005")), log);
        assertEquals(1, count(log, "evaluating " + watched.resolve("k16.ckpt.epoch010")), log);
        assertFalse(log.contains("epoch000 ("), log);
        assertFalse(Files.exists(watched.resolve("k16.ckpt.epoch000.eval-cocokp-cocoedge97.stats.json")));
        assertEquals(1, count(err.toString(), "skipping " + watched.resolve("k16.ckpt.epoch015")), err.toString());
    }

    @Test
    void testDevSplitWritesASubmissionForEveryImageAndKeepsTheValStats() throws Exception {
        // an image-info file as COCO distributes test-dev: images and categories, no annotations
        ObjectMapper json = new ObjectMapper();
        var val = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                data.resolve(SyntheticPeople.VAL_ANNOTATIONS).toFile());
        val.remove("annotations");
        Path info = dir.resolve("image_info_test-dev2017.json");
        json.writeValue(info.toFile(), val);
        Path target = dir.resolve("testdev/k16.ckpt.epoch001");
        Files.createDirectories(target.getParent());
        Files.copy(checkpoint, target);
        Path valStats = dir.resolve("testdev/k16.ckpt.epoch001.eval-cocokp-cocoedge97.stats.json");
        Files.writeString(valStats, "{}");

        Run run = eval("--checkpoint", target.toString(), "--cocokp-eval-testdev2017", "--cocokp-test-annotations",
                info.toString(), "--cocokp-test-image-dir", data.resolve(SyntheticPeople.VAL_IMAGE_DIR).toString(),
                "--write-predictions");

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("has no annotations (a test split)"), run.out());
        assertEquals("{}", Files.readString(valStats), "the val stats are not overwritten");
        Path stem = dir.resolve("testdev/k16.ckpt.epoch001.eval-cocokp-test-dev2017-cocoedge97");
        JsonNode stats = json.readTree(dev.trainyard.trainer.eval.StatsFile.of(stem).toFile());
        assertEquals(val.get("images").size(), stats.get("n_images").asInt(), "no annotation filter on test splits");
        stats.get("stats").forEach(v -> assertEquals(-1.0, v.asDouble(), stats.toString()));
        try (var zip = new java.util.zip.ZipFile(stem.resolveSibling(stem.getFileName() + ".zip").toFile())) {
            JsonNode submitted = json.readTree(zip.getInputStream(zip.getEntry("predictions.json")));
            java.util.Set<Long> ids = new java.util.HashSet<>();
            val.get("images").forEach(image -> ids.add(image.get("id").asLong()));
            java.util.Set<Long> predicted = new java.util.HashSet<>();
            submitted.forEach(result -> predicted.add(result.get("image_id").asLong()));
            assertEquals(ids, predicted, "every test image has a result (a dummy pose when nothing is found)");
        }

        Run both = eval("--checkpoint", target.toString(), "--cocokp-eval-testdev2017", "--cocokp-eval-test2017");
        assertEquals(Main.EXIT_BAD_INPUT, both.status());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void outputNamesFollowTheReferenceAndEpochZeroAndExistingStatsAreSkipped() throws Exception {
        Path target = dir.resolve("names/k16.ckpt.epoch001");
        Files.createDirectories(target.getParent());
        Files.copy(checkpoint, target);
        CommandLine cl = Main.commandLine();
        cl.parseArgs("eval", "--checkpoint", target.toString(), "--coco-eval-long-edge", "321",
                "--coco-eval-orientation-invariant", "--coco-eval-extended-scale", "--dense-connections", "0.5");
        EvalCommand command = cl.getSubcommands().get("eval").getCommand();
        assertEquals(target.getFileName() + ".eval-cocokp-cocoos-cocoedge321-dense0.5",
                command.stem(target).getFileName().toString());

        Path epoch0 = dir.resolve("names/k16.ckpt.epoch000");
        Files.copy(checkpoint, epoch0);
        Run zero = eval("--checkpoint", epoch0.toString());
        assertEquals(0, zero.status(), zero.err());
        assertTrue(zero.out().contains("not evaluating epoch 0"), zero.out());
        Path stats = dir.resolve("names/k16.ckpt.epoch001.eval-cocokp-cocoedge97.stats.json");
        Files.writeString(stats, "{}");
        Run skipped = eval("--checkpoint", target.toString(), "--skip-existing");
        assertEquals(0, skipped.status(), skipped.err());
        assertTrue(skipped.out().contains("exists"), skipped.out());
        assertEquals("{}", Files.readString(stats));
    }

    @Test
    void scoringAResultsFileNeedsNoNetwork() throws Exception {
        Path gt = copyResource("person_keypoints_metric.json");
        Path results = copyResource("keypoint_results.json");
        Run run = run("eval", "--annotations", gt.toString(), "--predictions", results.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ]"),
                run.out());
        JsonNode stats = new ObjectMapper().readTree(results.resolveSibling("keypoint_results.json.stats.json").toFile());
        assertEquals(10, stats.get("stats").size());

        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "[{\"image_id\": 987654, \"category_id\": 1, \"keypoints\": ["
                + "0,0,1,".repeat(16) + "0,0,1], \"score\": 0.5}]");
        Run bad = run("eval", "--annotations", gt.toString(), "--predictions", unknown.toString());
        assertEquals(Main.EXIT_BAD_INPUT, bad.status());
        assertTrue(bad.err().contains(unknown.toString()) && bad.err().contains("987654"), bad.err());
    }

    @Test
    void predictWritesPosesPerImageInOriginalPixelsAndADrawing() throws Exception {
        Path image;
        try (var files = Files.list(data.resolve(SyntheticPeople.VAL_IMAGE_DIR))) {
            image = files.sorted().findFirst().orElseThrow();
        }
        Path jsonDir = dir.resolve("predicted");
        Path imageDir = dir.resolve("drawn");
        Run run = run("predict", "--checkpoint", checkpoint.toString(), "--json-output", jsonDir.toString(),
                "--image-output", imageDir.toString(), "--long-edge", "97", "--force-complete-pose",
                "--instance-threshold", "0", "--seed-threshold", "0.01", image.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        JsonNode poses = new ObjectMapper().readTree(jsonDir.resolve(image.getFileName() + ".predictions.json").toFile());
        assertTrue(poses.isArray(), poses.toString());
        java.awt.image.BufferedImage original = javax.imageio.ImageIO.read(image.toFile());
        for (JsonNode pose : poses) {
            assertEquals(51, pose.get("keypoints").size());
            for (int k = 0; k < 17; k++) {
                double x = pose.get("keypoints").get(3 * k).asDouble();
                // Original pixels: inside the original image (a little slack for regressions at the edge).
                assertTrue(x > -original.getWidth() && x < 2 * original.getWidth(), pose.toString());
            }
        }
        java.awt.image.BufferedImage drawn = javax.imageio.ImageIO.read(
                imageDir.resolve(image.getFileName() + ".predictions.jpeg").toFile());
        assertEquals(original.getWidth(), drawn.getWidth());
        assertEquals(original.getHeight(), drawn.getHeight());

        Path broken = Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        Run bad = run("predict", "--checkpoint", checkpoint.toString(), broken.toString());
        assertEquals(Main.EXIT_BAD_INPUT, bad.status());
        assertTrue(bad.err().contains(broken.toString()), bad.err());
    }

    private static Path copyResource(String name) throws Exception {
        Path target = dir.resolve("scoring").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = EvalCommandTest.class.getResourceAsStream("/dev/trainyard/trainer/metric/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
