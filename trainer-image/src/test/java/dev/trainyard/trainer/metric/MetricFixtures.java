package dev.trainyard.trainer.metric;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Small hand-built ground truths and results for the metric tests. */
final class MetricFixtures {

    static final int K = 17;
    /** 1 / (1 + np.spacing(1)): pycocotools' precision after a first detection that is a hit. */
    static final double FIRST_HIT_PRECISION = 1 / (1 + Math.ulp(1.0));

    private MetricFixtures() {}

    /**
     * 17 labelled keypoints on a 4 x 5 grid from (x, y), 10 px apart across and 20 px down: their
     * extent (a result's area when it has no box) is 30 x 80 = 2400, a medium area.
     */
    static double[] pose(double x, double y) {
        double[] keypoints = new double[3 * K];
        for (int p = 0; p < K; p++) {
            keypoints[3 * p] = x + (p % 4) * 10;
            keypoints[3 * p + 1] = y + (p / 4) * 20;
            keypoints[3 * p + 2] = 2;
        }
        return keypoints;
    }

    /** A person at (x, y) with all keypoints labelled, box around the pose, and the given area. */
    static GroundTruthObject person(long id, long imageId, double x, double y, double area) {
        return GroundTruthObject.person(id, imageId, pose(x, y), new double[] {x, y, 30, 80}, area, false);
    }

    /** A crowd region: no keypoints labelled, ignored, matchable by any number of detections. */
    static GroundTruthObject crowd(long id, long imageId, double[] bbox, double area) {
        return GroundTruthObject.person(id, imageId, new double[3 * K], bbox, area, true);
    }

    static CocoResult result(long imageId, double[] keypoints, double score) {
        return new CocoResult(imageId, 1, keypoints, new double[0], score);
    }

    /** A pose result with a box, whose area then comes from the box (pycocotools' loadRes). */
    static CocoResult result(long imageId, double[] keypoints, double[] bbox, double score) {
        return new CocoResult(imageId, 1, keypoints, bbox, score);
    }

    static CocoGroundTruth truth(List<Long> imageIds, GroundTruthObject... objects) {
        return CocoGroundTruth.of(Path.of("person_keypoints_test.json"), imageIds, List.of(1), Arrays.asList(objects));
    }

    static double[] shifted(double[] keypoints, double dx, double dy) {
        double[] moved = keypoints.clone();
        for (int p = 0; p < moved.length; p += 3) {
            moved[p] += dx;
            moved[p + 1] += dy;
        }
        return moved;
    }
}
