package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchmarkCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void printsTimingsPerPhaseForTheRequestedShape() throws Exception {
        int status = run("benchmark", "--basenet", "shufflenetv2k16", "--batch-size", "2",
                "--cocokp-square-edge", "65", "--steps", "2", "--warmup", "1", "--json");

        assertEquals(0, status, err.toString());
        JsonNode result = new ObjectMapper().readTree(out.toString());
        assertEquals("shufflenetv2k16", result.get("basenet").asText());
        assertEquals(2, result.get("batchSize").asInt());
        assertEquals(65, result.get("height").asInt());
        assertEquals(3, result.get("steps").size()); // warm-up plus timed steps
        double step = result.get("medianStepMillis").asDouble();
        assertTrue(result.get("medianForwardMillis").asDouble() > 0 && step >= result.get("medianForwardMillis").asDouble());
        assertTrue(Double.isFinite(result.get("steps").get(0).get("loss").asDouble()));
    }

    @Test
    void tableNamesEveryPhase() {
        int status = run("benchmark", "--batch-size", "1", "--cocokp-square-edge", "33", "--steps", "1", "--warmup", "0");
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("forward ms") && out.toString().contains("median"), out.toString());
    }

    @Test
    void malformedAnnotationFileIsOneLineNamingTheFile(@TempDir Path data) throws Exception {
        Path annotations = data.resolve("annotations/person_keypoints_train2017.json");
        Files.createDirectories(annotations.getParent());
        Files.createDirectories(data.resolve("images/train2017"));
        Files.writeString(annotations, "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"");

        int status = run("benchmark", "--data", data.toString(), "--batch-size", "1", "--steps", "1");

        assertEquals(Main.EXIT_BAD_INPUT, status);
        String message = err.toString().strip();
        assertTrue(message.startsWith("trainyard: error: ") && message.contains(annotations.toString()), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals("", out.toString());
    }

    @Test
    void badCountsAreRejectedInOneLine() {
        assertEquals(Main.EXIT_BAD_INPUT, run("benchmark", "--steps", "0"));
        assertTrue(err.toString().startsWith("trainyard: error: --batch-size and --steps"), err.toString());
    }
}
