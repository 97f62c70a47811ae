package dev.trainyard.trainer.metric;

import static dev.trainyard.trainer.metric.MetricFixtures.FIRST_HIT_PRECISION;
import static dev.trainyard.trainer.metric.MetricFixtures.K;
import static dev.trainyard.trainer.metric.MetricFixtures.crowd;
import static dev.trainyard.trainer.metric.MetricFixtures.person;
import static dev.trainyard.trainer.metric.MetricFixtures.pose;
import static dev.trainyard.trainer.metric.MetricFixtures.result;
import static dev.trainyard.trainer.metric.MetricFixtures.shifted;
import static dev.trainyard.trainer.metric.MetricFixtures.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keypoint AP and AR on hand-built cases whose values follow from pycocotools' rules by hand.
 * Stats: AP, AP0.5, AP0.75, APM, APL, AR, AR0.5, AR0.75, ARM, ARL.
 */
class KeypointEvaluationTest {

    private static final CocoEvaluator EVALUATOR = CocoEvaluator.of(IouType.KEYPOINTS);
    /** Far from every test person: OKS ~ 0, a false positive. */
    private static final double[] NOWHERE = pose(5000, 5000);

    private static void assertStats(double[] expected, CocoStats stats) {
        assertEquals(IouType.KEYPOINTS.textLabels(), stats.textLabels());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], stats.values().get(i), 1e-12, stats.textLabels().get(i));
        }
    }

    @Test
    void perfectPredictionsScoreOne() {
        CocoGroundTruth gt = truth(List.of(1L, 2L),
                person(1, 1, 0, 0, 20000), person(2, 1, 200, 0, 20000), person(3, 2, 0, 0, 20000));
        List<CocoResult> results = List.of(
                result(1, pose(0, 0), 0.9), result(1, pose(200, 0), 0.8), result(2, pose(0, 0), 0.7));

        CocoStats stats = EVALUATOR.evaluate(gt, results);

        // Three hits: precision 1 at every recall point (the envelope lifts the first 1/(1+eps));
        // no medium person, so APM and ARM are -1.
        assertEquals(List.of(1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 1.0, 1.0, -1.0, 1.0), stats.values());
    }

    /** A person with only the nose labelled, found 4.2149 px off: OKS = exp(-dx² / (2 A (2 sigma)²)) = 0.720. */
    @Test
    void singleDetectionCountsAtTheThresholdsBelowItsOks() {
        double[] nose = new double[3 * K];
        nose[0] = 100;
        nose[1] = 100;
        nose[2] = 2;
        GroundTruthObject gt = GroundTruthObject.person(1, 1, nose, new double[] {90, 90, 20, 20}, 10000, false);
        double[] found = shifted(pose(100, 100), 4.2149, 0);
        CocoResult detection = result(1, found, new double[] {80, 80, 120, 120}, 0.9);

        double oks = new Oks(EvalParams.cocoPersonSigmas()).compute(Detection.load(List.of(detection)), List.of(gt))[0][0];
        double sigma = .26 / 10.0;
        assertEquals(Math.exp(-4.2149 * 4.2149 / (2 * 10000 * (2 * sigma) * (2 * sigma))), oks, 1e-15);
        assertEquals(0.720, oks, 5e-4);

        ImageEvaluation[][][] images = EVALUATOR.evaluateImages(truth(List.of(1L), gt), List.of(detection), List.of(1L));
        Accumulation acc = EVALUATOR.accumulate(images);
        for (int t = 0; t < 10; t++) {
            // Matched at .50, .55, .60, .65, .70; above, a false positive with recall 0.
            double precision = t < 5 ? FIRST_HIT_PRECISION : 0;
            for (int r = 0; r < 101; r++) {
                assertEquals(precision, acc.precision(t, r, 0, 0, 0), "threshold " + t + ", recall point " + r);
            }
            assertEquals(t < 5 ? 1.0 : 0.0, acc.recall(t, 0, 0, 0));
        }
        assertStats(new double[] {0.5, 1, 0, -1, 0.5, 0.5, 1, 0, -1, 0.5}, EVALUATOR.summarize(acc));
    }

    @Test
    void detectionsOnACrowdRegionAreNeitherHitsNorMisses() {
        GroundTruthObject person = person(1, 1, 0, 0, 20000);
        GroundTruthObject region = crowd(2, 1, new double[] {300, 300, 200, 200}, 40000);
        List<CocoResult> results = List.of(
                result(1, pose(350, 350), 0.95), result(1, pose(400, 380), 0.93), result(1, pose(0, 0), 0.9));

        // Both crowd detections match the region (OKS 1 inside its box) and are ignored; the hit stays first.
        CocoStats withCrowd = EVALUATOR.evaluate(truth(List.of(1L), person, region), results);
        assertEquals(FIRST_HIT_PRECISION, withCrowd.value("AP"), 1e-15);
        assertEquals(1.0, withCrowd.value("AR"));

        // Without the region they are two false positives before the hit: precision 1/3 at recall 1.
        CocoStats withoutCrowd = EVALUATOR.evaluate(truth(List.of(1L), person), results);
        assertEquals(1 / 3.0, withoutCrowd.value("AP"), 1e-15);
    }

    @Test
    void onlyTheTwentyBestScoredDetectionsOfAnImageCount() {
        GroundTruthObject person = person(1, 1, 0, 0, 20000);
        List<CocoResult> results = new ArrayList<>();
        // The hit comes first in the file but has the lowest score: it is the 21st and is dropped.
        results.add(result(1, pose(0, 0), 0.1));
        for (int i = 0; i < 20; i++) {
            results.add(result(1, NOWHERE, 0.9 - 0.01 * i));
        }

        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), person), results);
        assertEquals(0.0, stats.value("AP"));
        assertEquals(0.0, stats.value("AR"));

        // With one false positive fewer the hit is 20th: recall 1, precision 1/20.
        CocoStats nineteen = EVALUATOR.evaluate(truth(List.of(1L), person), results.subList(0, 20));
        assertEquals(1.0, nineteen.value("AR"));
        assertEquals(1 / 20.0, nineteen.value("AP"), 1e-15);
    }

    @Test
    void aMediumPersonCountsInTheMediumRangeOnly() {
        GroundTruthObject medium = person(1, 1, 0, 0, 2000);

        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), medium), List.of(result(1, pose(0, 0), 0.9)));

        assertStats(new double[] {FIRST_HIT_PRECISION, FIRST_HIT_PRECISION, FIRST_HIT_PRECISION, FIRST_HIT_PRECISION, -1,
            1, 1, 1, 1, -1}, stats);
    }

    @Test
    void unmatchedDetectionsOutsideTheAreaRangeAreIgnoredThere() {
        GroundTruthObject medium = person(1, 1, 0, 0, 2000);
        // A higher-scored false positive with a large box (area 40000).
        List<CocoResult> results = List.of(
                result(1, NOWHERE, new double[] {5000, 5000, 200, 200}, 0.95),
                result(1, pose(0, 0), new double[] {0, 0, 30, 80}, 0.9));

        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), medium), results);

        assertEquals(0.5, stats.value("AP"));
        assertEquals(FIRST_HIT_PRECISION, stats.value("APM"), 1e-15);
    }

    @Test
    void equalScoresKeepFileOrderWithinAnImage() {
        CocoGroundTruth gt = truth(List.of(1L), person(1, 1, 0, 0, 20000));

        CocoStats missFirst = EVALUATOR.evaluate(gt, List.of(result(1, NOWHERE, 0.5), result(1, pose(0, 0), 0.5)));
        CocoStats hitFirst = EVALUATOR.evaluate(gt, List.of(result(1, pose(0, 0), 0.5), result(1, NOWHERE, 0.5)));

        assertEquals(0.5, missFirst.value("AP"));
        assertEquals(FIRST_HIT_PRECISION, hitFirst.value("AP"), 1e-15);
    }

    @Test
    void equalScoresAcrossImagesFollowAscendingImageIds() {
        CocoGroundTruth gt = truth(List.of(2L, 1L), person(1, 1, 0, 0, 20000), person(2, 2, 0, 0, 20000));
        // Listed image 2 first; the hit in image 1 still ranks first. Recall reaches 1/2:
        // precision ~1 at the 51 recall points 0.00..0.50, then 0.
        List<CocoResult> results = List.of(result(2, NOWHERE, 0.5), result(1, pose(0, 0), 0.5));

        CocoStats stats = EVALUATOR.evaluate(gt, results, List.of(2L, 1L));

        assertEquals(51 / 101.0, stats.value("AP"), 1e-15);
        assertEquals(0.5, stats.value("AR"));
    }

    @Test
    void imagesWithoutGroundTruthAddFalsePositivesUnlessLeftOut() {
        CocoGroundTruth gt = truth(List.of(1L, 2L, 3L), person(1, 1, 0, 0, 20000));
        List<CocoResult> results = List.of(result(2, pose(0, 0), 0.95), result(1, pose(0, 0), 0.9));

        assertEquals(0.5, EVALUATOR.evaluate(gt, results).value("AP"));
        assertEquals(FIRST_HIT_PRECISION, EVALUATOR.evaluate(gt, results, List.of(1L, 3L)).value("AP"), 1e-15);

        CocoStats noPeople = EVALUATOR.evaluate(gt, results, List.of(2L, 3L));
        assertEquals(List.of(-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0), noPeople.values());
    }

    @Test
    void aPersonWithoutLabelledKeypointsIsIgnoredLikeACrowd() {
        GroundTruthObject person = person(1, 1, 0, 0, 20000);
        GroundTruthObject unlabelled = GroundTruthObject.person(2, 1, new double[3 * K], new double[] {300, 300, 100, 100}, 10000, false);
        List<CocoResult> results = List.of(result(1, pose(320, 320), 0.95), result(1, pose(0, 0), 0.9));

        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), person, unlabelled), results);

        assertEquals(FIRST_HIT_PRECISION, stats.value("AP"), 1e-15);
    }

    @Test
    void aMatchToGroundTruthIdZeroCountsAsMissedAsInPycocotools() {
        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), person(0, 1, 0, 0, 20000)), List.of(result(1, pose(0, 0), 0.9)));

        assertEquals(0.0, stats.value("AP"));
        assertEquals(0.0, stats.value("AR"));
    }

    @Test
    void summaryLinesHavePycocotoolsFormat() {
        CocoStats stats = EVALUATOR.evaluate(truth(List.of(1L), person(1, 1, 0, 0, 20000)), List.of(result(1, pose(0, 0), 0.9)));

        assertEquals(List.of(
                " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 1.000",
                " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets= 20 ] = 1.000",
                " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets= 20 ] = 1.000",
                " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = -1.000",
                " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = 1.000",
                " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 1.000",
                " Average Recall     (AR) @[ IoU=0.50      | area=   all | maxDets= 20 ] = 1.000",
                " Average Recall     (AR) @[ IoU=0.75      | area=   all | maxDets= 20 ] = 1.000",
                " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = -1.000",
                " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = 1.000"),
                stats.summaryLines());
        assertEquals(Map.of("stats", stats.values(), "text_labels", IouType.KEYPOINTS.textLabels()), stats.toJson());
    }

    @Test
    void resultsForUnknownImagesOrWithTheWrongKeypointCountAreRejected() {
        CocoGroundTruth gt = truth(List.of(1L), person(1, 1, 0, 0, 20000));

        assertThrows(IllegalArgumentException.class, () -> EVALUATOR.evaluate(gt, List.of(result(7, pose(0, 0), 0.9))));
        assertThrows(IllegalArgumentException.class,
                () -> EVALUATOR.evaluate(gt, List.of(result(1, new double[3 * 16], 0.9))));
    }
}
