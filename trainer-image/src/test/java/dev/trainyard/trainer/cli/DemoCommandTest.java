package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoTrainsThroughTheTrainCommandAndSaysWhereEverythingIs() throws Exception {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        Path demo = dir.resolve("demo");

        int status = cl.execute("demo", "--out", demo.toString(), "--train-images", "4", "--val-images", "2",
                "--batch-size", "2", "--epochs", "2", "--square-edge", "65", "--loader-workers", "1");

        assertEquals(0, status, out.toString());
        Path log = demo.resolve("outputs/shufflenetv2k16-demo.ckpt.log");
        Path last = demo.resolve("outputs/shufflenetv2k16-demo.ckpt.epoch002");
        assertTrue(Files.isRegularFile(demo.resolve("data/annotations/person_keypoints_train2017.json")));
        assertTrue(Files.size(last) > 30_000_000, "ShuffleNetV2K16 weights are ~36 MB of floats");
        assertTrue(Files.isRegularFile(demo.resolve("outputs/shufflenetv2k16-demo.ckpt.epoch002.eval-cocokp.stats.json")),
                "the demo evaluates its last checkpoint");
        String text = out.toString();
        assertTrue(text.contains("train loss") && text.contains("val loss"), text);
        assertTrue(text.contains(log.toString()) && text.contains(last.toString()), text);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = Files.readAllLines(log).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertEquals("process", records.getFirst().get("type").asText());
        assertEquals(2, records.stream().filter(r -> r.get("type").asText().equals("train")).count(), "batch 0 of each epoch");
        assertEquals(2, records.stream().filter(r -> r.get("type").asText().equals("val-epoch")).count());
    }

    @Test
    void tooFewImagesForABatchIsABadInputError() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("demo", "--out", dir.toString(), "--train-images", "1", "--batch-size", "2");
        assertEquals(Main.EXIT_BAD_INPUT, status);
        assertTrue(err.toString().startsWith("trainyard: error: --epochs and --batch-size"), err.toString());
    }
}
