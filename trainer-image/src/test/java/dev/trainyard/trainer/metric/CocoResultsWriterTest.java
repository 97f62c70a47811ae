package dev.trainyard.trainer.metric;

import static dev.trainyard.trainer.metric.MetricFixtures.person;
import static dev.trainyard.trainer.metric.MetricFixtures.truth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions are written rounded as OpenPifPaf writes them and read back unchanged. */
class CocoResultsWriterTest {

    @TempDir
    Path dir;

    @Test
    void posesAreRoundedAsTheReferenceWritesThem() {
        float[] xyv = new float[3 * 17];
        xyv[0] = 12.345f;      // float32 12.3450002670288: 12.35
        xyv[1] = 0.125f;       // np.around rounds the tie 12.5 to even: 0.12
        xyv[2] = 0.004f;       // labelled: raised to 0.01
        xyv[3] = 7.0f;
        xyv[4] = 8.0f;
        xyv[5] = 0.0f;         // unlabelled stays 0

        CocoResult result = CocoResult.pose(3, 1, xyv, 0.12345);

        assertEquals(12.35, result.keypoints()[0]);
        assertEquals(0.12, result.keypoints()[1]);
        assertEquals(0.01, result.keypoints()[2]);
        assertEquals(0.0, result.keypoints()[5]);
        assertEquals(0.123, result.score());
        assertEquals(0.001, CocoResult.pose(3, 1, xyv, 0.0004).score(), "scores are at least 0.001");
        assertEquals(0, result.bbox().length);
    }

    @Test
    void boxesAreRoundedLikePythonsRound() {
        CocoResult result = CocoResult.box(3, 18, new double[] {2.675, 1.005, 10.0, 0.125}, 0.8765);

        // round(2.675, 2) == 2.67 and round(1.005, 2) == 1.0: both are stored just below the tie.
        assertArrayEquals(new double[] {2.67, 1.0, 10.0, 0.12}, result.bbox());
        assertEquals(0.876, result.score(), "0.8765 is stored as 0.876499999...");
    }

    @Test
    void writtenResultsReadBackUnchanged() throws IOException {
        float[] xyv = new float[3 * 17];
        for (int i = 0; i < xyv.length; i++) {
            xyv[i] = i % 3 == 2 ? 0.3f + i / 100f : 100.123f + i * 7.77f;
        }
        List<CocoResult> results = List.of(
                CocoResult.pose(1, 1, xyv, 0.777).withBox(new double[] {99.999, 100.001, 50.5, 200.25}),
                CocoResult.pose(2, 1, new float[3 * 17], 0.5).withBox(new double[] {0, 0, 1, 1}));
        Path file = dir.resolve("out").resolve("predictions.pred.json");

        CocoResultsWriter.write(file, results);

        List<CocoResult> read = CocoResultsReader.read(file, truth(List.of(1L, 2L), person(1, 1, 0, 0, 20000)),
                EvalParams.defaults(IouType.KEYPOINTS));
        assertEquals(2, read.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(results.get(i).imageId(), read.get(i).imageId());
            assertEquals(results.get(i).categoryId(), read.get(i).categoryId());
            assertArrayEquals(results.get(i).keypoints(), read.get(i).keypoints());
            assertArrayEquals(results.get(i).bbox(), read.get(i).bbox());
            assertEquals(results.get(i).score(), read.get(i).score());
        }
        String json = Files.readString(file);
        assertTrue(json.startsWith("[{\"image_id\":1,\"category_id\":1,\"keypoints\":[100.12,"), json);
        assertTrue(json.contains("\"bbox\":[100.0,100.0,50.5,200.25]"), json);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void nonFiniteValuesAreRefused() {
        CocoResult nan = new CocoResult(1, 1, new double[0], new double[] {0, 0, 1, Double.NaN}, 0.5);

        assertThrows(IllegalArgumentException.class, () -> CocoResultsWriter.write(dir.resolve("x.json"), List.of(nan)));
    }
}
