package dev.trainyard.trainer.metric;

import static dev.trainyard.trainer.metric.MetricFixtures.FIRST_HIT_PRECISION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Box AP and AR on hand-built cases. Stats: AP, AP0.5, AP0.75, APS, APM, APL, ART1, ART10, AR,
 * ARS, ARM, ARL.
 */
class BoxEvaluationTest {

    private static final CocoEvaluator EVALUATOR = CocoEvaluator.of(IouType.BBOX);

    private static CocoGroundTruth truth(List<Integer> categories, GroundTruthObject... objects) {
        return CocoGroundTruth.of(Path.of("instances_test.json"), List.of(1L, 2L), categories, Arrays.asList(objects));
    }

    private static GroundTruthObject box(long id, int category, double x, double y, double w, double h) {
        return GroundTruthObject.box(id, 1, category, new double[] {x, y, w, h}, w * h, false);
    }

    private static CocoResult detection(int category, double x, double y, double w, double h, double score) {
        return new CocoResult(1, category, new double[0], new double[] {x, y, w, h}, score);
    }

    private static double iou(double[] detection, double[] truth, boolean crowd) {
        Detection d = Detection.load(List.of(new CocoResult(1, 1, new double[0], detection, 1))).getFirst();
        GroundTruthObject g = GroundTruthObject.box(1, 1, 1, truth, truth[2] * truth[3], crowd);
        return BoxIou.compute(List.of(d), List.of(g))[0][0];
    }

    @Test
    void intersectionOverUnionAsBbIou() {
        assertEquals(50.0 / 150, iou(new double[] {5, 0, 10, 10}, new double[] {0, 0, 10, 10}, false));
        assertEquals(0.0, iou(new double[] {10, 0, 10, 10}, new double[] {0, 0, 10, 10}, false), "touching edges");
        assertEquals(0.0, iou(new double[] {20, 20, 5, 5}, new double[] {0, 0, 10, 10}, false));
        // Crowd: the union is the detection's own area.
        assertEquals(1.0, iou(new double[] {110, 110, 20, 20}, new double[] {100, 100, 100, 100}, true));
        assertEquals(0.25, iou(new double[] {90, 90, 20, 20}, new double[] {100, 100, 100, 100}, true));
        assertEquals(400.0 / 10000, iou(new double[] {110, 110, 20, 20}, new double[] {100, 100, 100, 100}, false));
    }

    /** IoU 320 / 400 = 0.8 exactly: a hit at the seven thresholds .50 to .80, a miss at .85, .90, .95. */
    @Test
    void aBoxWithIouPoint8CountsUpToThresholdPoint8() {
        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1), box(1, 1, 10, 10, 20, 20)),
                List.of(detection(1, 10, 10, 20, 16, 0.9)));

        double seven = 0.7 * FIRST_HIT_PRECISION;
        double[] expected = {seven, FIRST_HIT_PRECISION, FIRST_HIT_PRECISION, seven, -1, -1, 0.7, 0.7, 0.7, 0.7, -1, -1};
        double[] actual = stats.values().stream().mapToDouble(Double::doubleValue).toArray();
        assertArrayEquals(expected, actual, 1e-15);
        assertEquals(IouType.BBOX.textLabels(), stats.textLabels());
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.700", stats.summaryLines().get(0));
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.700", stats.summaryLines().get(6));
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.700", stats.summaryLines().get(9));
    }

    @Test
    void aDetectionInsideACrowdBoxIsIgnored() {
        GroundTruthObject object = box(1, 1, 0, 0, 10, 10);
        GroundTruthObject crowd = GroundTruthObject.box(2, 1, 1, new double[] {100, 100, 100, 100}, 10000, true);
        List<CocoResult> results = List.of(detection(1, 110, 110, 20, 20, 0.9), detection(1, 0, 0, 10, 10, 0.8));

        assertEquals(FIRST_HIT_PRECISION, EVALUATOR.evaluate(truth(List.of(1), object, crowd), results).value("AP"), 1e-15);
        assertEquals(0.5, EVALUATOR.evaluate(truth(List.of(1), object), results).value("AP"));
    }

    @Test
    void categoriesAreAveragedAndCategoriesWithoutObjectsLeftOut() {
        CocoGroundTruth gt = truth(List.of(1, 2, 3), box(1, 1, 0, 0, 50, 50), box(2, 2, 100, 100, 50, 50));
        List<CocoResult> results = List.of(detection(1, 0, 0, 50, 50, 0.9), detection(2, 300, 300, 50, 50, 0.8));

        CocoStats stats = EVALUATOR.evaluate(gt, results);

        // Category 1: precision ~1; category 2: 0; category 3 has no objects and is left out.
        assertEquals(0.5, stats.value("AP"), 1e-15);
        assertEquals(0.5, stats.value("AR"));
    }

    @Test
    void recallAtOneDetectionPerImage() {
        CocoGroundTruth gt = truth(List.of(1), box(1, 1, 0, 0, 50, 50), box(2, 1, 100, 100, 50, 50));
        List<CocoResult> results = List.of(detection(1, 0, 0, 50, 50, 0.9), detection(1, 100, 100, 50, 50, 0.8));

        CocoStats stats = EVALUATOR.evaluate(gt, results);

        assertEquals(0.5, stats.value("ART1"));
        assertEquals(1.0, stats.value("ART10"));
        assertEquals(1.0, stats.value("AR"));
        assertEquals(1.0, stats.value("AP"));
    }
}
