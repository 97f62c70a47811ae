package dev.trainyard.trainer.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPlotsTest {

    private static final Color FIRST_RUN = new Color(0x1f77b4);
    private static final Color SECOND_RUN = new Color(0xff7f0e);

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private List<TrainingLog> twoRuns() throws IOException {
        return List.of(
                TrainingLog.read(LogFile.run(3, 1).write(dir.resolve("run-a.log"))),
                TrainingLog.read(LogFile.run(2, 2).write(dir.resolve("run-b.log"))));
    }

    @Test
    void writesOnePngPerPlotWithEveryRunDrawn() throws IOException {
        Path plots = dir.resolve("plots");

        List<Path> written = new LogPlots(twoRuns()).writeAll(plots);

        assertEquals(List.of("loss.png", "loss-cocokp.cif.c.png", "loss-cocokp.cif.vec.png", "loss-cocokp.caf.c.png",
                "lr.png", "epoch-time.png", "data-share.png"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : written) {
            assertEquals(plots.resolve(file.getFileName()), file);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, file + " decodes as an image");
            assertEquals(ChartStyle.WIDTH, image.getWidth());
            assertEquals(ChartStyle.HEIGHT, image.getHeight());
            assertTrue(contains(image, FIRST_RUN), file + " draws the first run in its colour");
            assertTrue(contains(image, SECOND_RUN), file + " draws the second run in its colour");
        }
        try (Stream<Path> files = Files.list(plots)) {
            assertEquals(written.size(), files.count(), "no temporary files left");
        }
    }

    @Test
    void skipsPlotsWithoutDataAndLrsALogAxisCannotShow() throws IOException {
        TrainingLog warmUpFromZero = TrainingLog.read(new LogFile()
                .train(0, 0, 2, 1.0, 0.1, 0.0, 5.0)
                .train(0, 1, 2, 1.0, 0.1, 1e-3, 4.0)
                .write(dir.resolve("w.log")));

        List<Path> written = new LogPlots(List.of(warmUpFromZero)).writeAll(dir.resolve("plots"));

        assertEquals(List.of("lr.png", "data-share.png"), written.stream().map(p -> p.getFileName().toString()).toList());
        assertNotNull(ImageIO.read(written.getFirst().toFile()));
    }

    @Test
    void runsWithTheSameLabelGetDistinctSeries() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        TrainingLog first = TrainingLog.read(LogFile.run(1, 1).write(dir.resolve("a/run.log")));
        TrainingLog second = TrainingLog.read(LogFile.run(1, 2).write(dir.resolve("b/run.log")));

        LogPlots plots = new LogPlots(List.of(first, second));

        assertEquals(List.of("run train", "run val", "run (2) train", "run (2) val"),
                List.copyOf(plots.loss().getSeriesMap().keySet()));
    }

    @Test
    void componentNamesBecomeSafeFileNames() {
        assertEquals("cocokp.cif.c", LogPlots.fileNamePart("cocokp.cif.c"));
        assertEquals("a_b_c", LogPlots.fileNamePart("a/b c"));
    }

    private static boolean contains(BufferedImage image, Color color) {
        int rgb = color.getRGB();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
