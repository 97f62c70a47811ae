package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.head.Keypoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference pose for a skeleton that comes without one: the mean position of each keypoint
 * relative to its object's box, over the labelled keypoints of a set of annotations.
 *
 * <p>The encoders use the pose to estimate the full size of a partially visible instance, so it
 * should look like a typical, upright instance; the mean layout of the training annotations is
 * exactly that for datasets whose objects mostly stand upright. Coordinates are centred on the box
 * and divided by the square root of its area, then multiplied by {@link #SPAN} so that the pose
 * has about the extent of the COCO person pose (y points up, as there).
 */
final class MeanPose {

    /** Extent of a square box in pose units. */
    static final double SPAN = 10.0;

    private MeanPose() {}

    /**
     * The mean layout of {@code nKeypoints} keypoints over the non-crowd annotations with a box of
     * positive size; a keypoint that is never labelled sits at the box centre.
     */
    static List<Keypoint> of(List<Annotation> annotations, int nKeypoints) {
        double[] sumX = new double[nKeypoints];
        double[] sumY = new double[nKeypoints];
        int[] count = new int[nKeypoints];
        for (Annotation ann : annotations) {
            float[] b = ann.bbox();
            if (ann.crowd() || ann.keypointCount() != nKeypoints || !(b[2] > 0) || !(b[3] > 0)) {
                continue;
            }
            double unit = Math.sqrt((double) b[2] * b[3]) / SPAN;
            double cx = b[0] + 0.5 * b[2];
            double cy = b[1] + 0.5 * b[3];
            for (int j = 0; j < nKeypoints; j++) {
                if (ann.v(j) > 0) {
                    sumX[j] += (ann.x(j) - cx) / unit;
                    sumY[j] += (cy - ann.y(j)) / unit;
                    count[j]++;
                }
            }
        }
        List<Keypoint> pose = new ArrayList<>(nKeypoints);
        for (int j = 0; j < nKeypoints; j++) {
            pose.add(count[j] == 0 ? new Keypoint(0, 0) : new Keypoint(sumX[j] / count[j], sumY[j] / count[j]));
        }
        return List.copyOf(pose);
    }
}
