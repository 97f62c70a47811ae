package dev.trainyard.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.logs.LogFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trainyard logs} as a user runs it: tables, plots, and one-line errors for bad files. */
class LogsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void summarisesEachFileInTurn() throws IOException {
        Path a = LogFile.run(2, 1).write(dir.resolve("k16-a.log"));
        Path b = LogFile.run(1, 3).write(dir.resolve("k16-b.log"));

        assertEquals(0, run("logs", a.toString(), b.toString()), err.toString());

        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                "k16-a: version 0.1.0+7.gabc1234, dataset cocokp, basenet shufflenetv2k16, epochs 2 of 10 done",
                "  epoch  train loss  val loss  time [s]        lr  data wait",
                "      1     10.0000   11.0000      60.0  1.50e-03      24.0%",
                "      2      5.0000    5.5000      61.0  2.50e-03      24.0%",
                "",
                "k16-b: version 0.1.0+7.gabc1234, dataset cocokp, basenet shufflenetv2k16, epochs 1 of 10 done",
                "  epoch  train loss  val loss  time [s]        lr  data wait",
                "      1     10.0000   11.0000      60.0  4.50e-03      24.0%"), lines);
        assertEquals("", err.toString());
    }

    @Test
    void showComponentsAddsAColumnPerComponent() throws IOException {
        Path a = LogFile.run(1, 1).write(dir.resolve("a.log"));

        assertEquals(0, run("logs", "--show-components", a.toString()), err.toString());

        String header = out.toString().lines().toList().get(1);
        assertTrue(header.endsWith("cocokp.cif.c  cocokp.cif.vec   cocokp.caf.c"), header);
    }

    @Test
    void plotWritesPngsAndSaysWhere() throws IOException {
        Path a = LogFile.run(3, 1).write(dir.resolve("a.log"));
        Path b = LogFile.run(2, 2).write(dir.resolve("b.log"));
        Path plots = dir.resolve("plots");

        assertEquals(0, run("logs", a.toString(), b.toString(), "--plot", plots.toString()), err.toString());

        String text = out.toString();
        assertTrue(text.contains("plots (7) in " + plots + ":"), text);
        for (String name : List.of("loss.png", "loss-cocokp.cif.c.png", "loss-cocokp.cif.vec.png",
                "loss-cocokp.caf.c.png", "lr.png", "epoch-time.png", "data-share.png")) {
            Path png = plots.resolve(name);
            assertTrue(text.contains("  " + png + "\n"), text);
            var image = ImageIO.read(png.toFile());
            assertNotNull(image, name);
            assertTrue(image.getWidth() >= 640 && image.getHeight() >= 400, name + " " + image.getWidth());
        }
    }

    @Test
    void aLastLineCutShortIsSkippedAndSaidSo() throws IOException {
        Path log = LogFile.run(1, 1).writeCut(dir.resolve("crashed.log"), "{\"type\": \"val-epoch\", \"epo");

        assertEquals(0, run("logs", log.toString()), err.toString());

        assertTrue(out.toString().contains("      1     10.0000   11.0000"), out.toString());
        assertTrue(out.toString().contains("skipped 1 line that did not parse"), out.toString());
    }

    @Test
    void aMissingFileIsOneErrorLineNamingIt() throws IOException {
        Path good = LogFile.run(1, 1).write(dir.resolve("good.log"));
        Path missing = dir.resolve("missing.log");

        assertEquals(Main.EXIT_BAD_INPUT, run("logs", good.toString(), missing.toString()));

        assertEquals("trainyard: error: " + missing + ": no such file", err.toString().strip());
        assertEquals("", out.toString(), "no partial summary before the error");
    }

    @Test
    void aFileThatIsNotALogIsOneErrorLineNamingIt() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "epoch 1: loss 3.2\n");

        assertEquals(Main.EXIT_BAD_INPUT, run("logs", notes.toString()));

        String error = err.toString().strip();
        assertTrue(error.startsWith("trainyard: error: " + notes + ": not a training log"), error);
        assertEquals(1, error.lines().count(), error);
    }

    @Test
    void aPlotDirThatIsAFileIsAnError() throws IOException {
        Path a = LogFile.run(1, 1).write(dir.resolve("a.log"));
        Path file = Files.writeString(dir.resolve("plots"), "");

        assertEquals(Main.EXIT_BAD_INPUT, run("logs", a.toString(), "--plot", file.toString()));

        assertEquals("trainyard: error: --plot " + file + ": exists and is not a directory", err.toString().strip());
    }

    @Test
    void noFileIsAUsageError() {
        assertEquals(Main.EXIT_BAD_INPUT, run("logs"));

        assertTrue(err.toString().contains("FILE"), err.toString());
    }
}
