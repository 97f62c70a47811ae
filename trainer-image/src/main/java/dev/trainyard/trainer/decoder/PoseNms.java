package dev.trainyard.trainer.decoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference's keypoint NMS ({@code NMSKeypoints}): poses in order of mean joint score claim
 * their joints in a fresh occupancy map; a joint already claimed by a better pose is multiplied by
 * {@link #SUPPRESSION}. Then weak joints are zeroed and poses with a low mean score dropped, which
 * is what removes duplicates of a person.
 */
final class PoseNms {

    /** Factor on suppressed joints; above zero so that force-complete poses keep every joint. */
    static final double SUPPRESSION = 0.00001;

    private PoseNms() {}

    /**
     * @param poses {@code double[4 * keypoints]} each (v, x, y, s per joint); modified in place
     * @param keypointThreshold joints with v at or below it get v = 0
     * @param instanceThreshold poses whose mean v is below it are dropped
     * @return the kept poses by mean v, best first (stable)
     */
    static List<double[]> apply(Occupancy occupancy, List<double[]> poses, double keypointThreshold,
                                double instanceThreshold) {
        occupancy.clear();
        List<double[]> sorted = new ArrayList<>(poses);
        sorted.sort(Comparator.comparingDouble(PoseNms::meanScore).reversed());

        for (double[] pose : sorted) {
            int n = Math.min(pose.length / 4, occupancy.fields());
            for (int f = 0; f < n; f++) {
                double v = pose[4 * f];
                if (v == 0.0) {
                    continue;
                }
                double x = pose[4 * f + 1];
                double y = pose[4 * f + 2];
                if (occupancy.get(f, x, y)) {
                    pose[4 * f] = v * SUPPRESSION;
                } else {
                    occupancy.set(f, x, y, pose[4 * f + 3]);
                }
            }
        }

        List<double[]> kept = new ArrayList<>(sorted.size());
        for (double[] pose : sorted) {
            for (int j = 0; j < pose.length; j += 4) {
                if (!(pose[j] > keypointThreshold)) {
                    pose[j] = 0.0;
                }
            }
            if (!(meanScore(pose) < instanceThreshold)) {
                kept.add(pose);
            }
        }
        kept.sort(Comparator.comparingDouble(PoseNms::meanScore).reversed());
        return kept;
    }

    /** Mean v over all joints, absent ones counting 0. */
    static double meanScore(double[] pose) {
        double sum = 0.0;
        for (int j = 0; j < pose.length; j += 4) {
            sum += pose[j];
        }
        return sum / (pose.length / 4);
    }
}
