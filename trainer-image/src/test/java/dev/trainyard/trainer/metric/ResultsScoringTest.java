package dev.trainyard.trainer.metric;

import static dev.trainyard.trainer.metric.MetricFixtures.FIRST_HIT_PRECISION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scoring the fixture files: image 1 has a person (large) and a crowd region, image 2 a medium
 * person, image 3 nobody, image 4 a large person. The results find both people of images 1 and 2,
 * put one pose on the crowd (score 0.95, ignored) and one in image 3 (0.85, a false positive
 * between the two hits at 0.9 and 0.8); image 4 has none.
 */
class ResultsScoringTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ResultsScoringTest.class.getResource(name).toURI());
    }

    private static void assertStats(double[] expected, CocoStats stats) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], stats.values().get(i), 1e-12, stats.textLabels().get(i));
        }
    }

    @Test
    void imagesWithResultsAsOpenPifPafEvaluatesThem() throws URISyntaxException {
        List<String> lines = new ArrayList<>();

        CocoStats stats = ResultsScoring.score(fixture("person_keypoints_metric.json"), fixture("keypoint_results.json"),
                IouType.KEYPOINTS, ImageSelection.WITH_RESULTS, lines::add);

        // Ranked: crowd (ignored), hit, miss, hit. Precision ~1 up to recall 1/2 (51 points), then 2/3.
        double ap = (51 * FIRST_HIT_PRECISION + 50 * (2 / 3.0)) / 101;
        // Medium: only image 2's person counts; image 3's pose (area 2400) is a miss before it.
        // Large: only image 1's person counts; the medium-sized miss is ignored there.
        assertStats(new double[] {ap, ap, ap, 0.5, FIRST_HIT_PRECISION, 1, 1, 1, 1, 1}, stats);
        assertEquals(stats.summaryLines(), lines);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.835", lines.get(0));
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = 0.500", lines.get(3));
    }

    @Test
    void everyImageOfTheAnnotationsAsPycocotoolsDefault() throws URISyntaxException {
        CocoStats stats = ResultsScoring.score(fixture("person_keypoints_metric.json"), fixture("keypoint_results.json"),
                IouType.KEYPOINTS, ImageSelection.ALL, line -> { });

        // Image 4's person is missed: recall 1/3 after the first hit (34 points ~1), 2/3 after the
        // second (33 points at precision 2/3), never 1.
        double ap = (34 * FIRST_HIT_PRECISION + 33 * (2 / 3.0)) / 101;
        double apLarge = 51 * FIRST_HIT_PRECISION / 101;
        assertStats(new double[] {ap, ap, ap, 0.5, apLarge, 2 / 3.0, 2 / 3.0, 2 / 3.0, 1, 0.5}, stats);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.554",
                stats.summaryLines().get(0));
    }

    @Test
    void keypointResultsScoredAsBoxesUseTheirExtent() throws URISyntaxException {
        // pycocotools' loadRes gives pose-only results the box of their keypoints: 30 x 80 here,
        // exactly the annotated boxes of images 1 and 2.
        CocoStats stats = ResultsScoring.score(fixture("person_keypoints_metric.json"), fixture("keypoint_results.json"),
                IouType.BBOX, ImageSelection.WITH_RESULTS, line -> { });

        double ap = (51 * FIRST_HIT_PRECISION + 50 * (2 / 3.0)) / 101;
        assertEquals(ap, stats.value("AP"), 1e-12);
        assertEquals(1.0, stats.value("AR"));
        assertEquals(12, stats.summaryLines().size());
    }
}
