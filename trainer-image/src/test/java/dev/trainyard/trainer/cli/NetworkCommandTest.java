package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NetworkCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void tablePrintsCountsWithThousandsSeparatorsAndFieldShapes() {
        int status = run("--basenet", "shufflenetv2k16", "--square-edge", "385");

        assertEquals(0, status, err.toString());
        assertEquals("""
                shufflenetv2k16: stride 16, 1392 output features, input [1, 3, 385, 385]
                component        parameters  output shape
                backbone          8,805,396  [1, 1392, 25, 25]
                cocokp.cif          118,405  [1, 17, 5, 25, 25]
                cocokp.caf          211,736  [1, 19, 8, 25, 25]
                total             9,135,537
                """, out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        int status = run("--basenet", "shufflenetv2k16", "--cocokp-upsample", "2", "--cocokp-with-dense",
                "--square-edge", "129", "--json");

        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("shufflenetv2k16", json.get("basenet").asText());
        assertEquals(8_805_396, json.get("backbone").get("parameters").asLong());
        assertEquals(3, json.get("heads").size());
        JsonNode dense = json.get("heads").get(2);
        assertEquals("cocokp.caf25", dense.get("name").asText());
        assertEquals("[1,25,8,17,17]", dense.get("outputShape").toString());
        assertEquals(1392L * 25 * 8 * 4 + 25 * 8 * 4, dense.get("parameters").asLong());
    }

    @Test
    void cocodetAttachesTheDetectionHead() throws Exception {
        int status = run("--basenet", "resnet18", "--dataset", "cocodet", "--square-edge", "129", "--json");

        assertEquals(0, status, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(11_176_512, json.get("backbone").get("parameters").asLong());
        assertEquals("[1,91,6,9,9]", json.get("heads").get(0).get("outputShape").toString());
    }

    @Test
    void benchmarkReportsAMedianForwardTime() {
        int status = run("--basenet", "resnet18", "--resnet-input-conv2-stride", "2", "--square-edge", "65",
                "--benchmark-forward", "1");

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("resnet18: stride 32"), out.toString());
        assertTrue(out.toString().matches("(?s).*forward \\(inference\\): \\d+\\.\\d ms median.*"), out.toString());
    }

    @Test
    void badInputIsOneLineThroughTheMainErrorHandler() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int status = cl.execute("network", "--basenet", "mobilenet");

        assertEquals(Main.EXIT_BAD_INPUT, status);
        assertEquals("trainyard: error: unknown --basenet 'mobilenet', known: shufflenetv2k16, shufflenetv2k20, "
                + "shufflenetv2kx5, shufflenetv2k30, shufflenetv2k44, resnet18, resnet34, resnet50, resnet101, "
                + "resnet152\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    private int run(String... args) {
        CommandLine cl = new CommandLine(new NetworkCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
