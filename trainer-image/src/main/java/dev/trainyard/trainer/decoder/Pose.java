package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.data.ImageMeta;
import java.util.Arrays;

/**
 * A decoded person: per keypoint x, y and score v (0 = absent) in input-image pixels, the
 * per-joint scales (pixels), and the reference's instance score (score weights over the v sorted
 * in descending order). The arrays are copied in and out, so a pose never changes.
 *
 * @param keypoints {@code [keypoints][3]}: x, y, v
 * @param jointScales one scale per keypoint
 * @param score instance score in [0, 1]
 */
public record Pose(double[][] keypoints, double[] jointScales, double score) {

    public Pose {
        if (jointScales.length != keypoints.length) {
            throw new IllegalArgumentException("a pose needs one scale per keypoint, got " + jointScales.length
                    + " for " + keypoints.length);
        }
        double[][] copy = new double[keypoints.length][];
        for (int j = 0; j < keypoints.length; j++) {
            if (keypoints[j].length != 3) {
                throw new IllegalArgumentException("keypoint " + j + " must be x, y, v");
            }
            copy[j] = keypoints[j].clone();
        }
        keypoints = copy;
        jointScales = jointScales.clone();
    }

    /**
     * A pose scored as the reference does: {@code sum_i w_i v_(i)} with the v sorted descending
     * and the weights normalised to sum 1.
     */
    public static Pose scored(double[][] keypoints, double[] jointScales, double[] scoreWeights) {
        return new Pose(keypoints, jointScales, instanceScore(keypoints, scoreWeights));
    }

    static double instanceScore(double[][] keypoints, double[] scoreWeights) {
        if (scoreWeights.length != keypoints.length) {
            throw new IllegalArgumentException("need one score weight per keypoint, got " + scoreWeights.length
                    + " for " + keypoints.length);
        }
        double[] v = new double[keypoints.length];
        double total = 0.0;
        for (int j = 0; j < v.length; j++) {
            v[j] = keypoints[j][2];
            total += scoreWeights[j];
        }
        Arrays.sort(v);
        double score = 0.0;
        for (int i = 0; i < v.length; i++) {
            score += scoreWeights[i] * v[v.length - 1 - i];
        }
        return score / total;
    }

    @Override
    public double[][] keypoints() {
        double[][] copy = new double[keypoints.length][];
        for (int j = 0; j < keypoints.length; j++) {
            copy[j] = keypoints[j].clone();
        }
        return copy;
    }

    @Override
    public double[] jointScales() {
        return jointScales.clone();
    }

    /** The keypoints flattened to {@code [x, y, v] * K}, the COCO results layout. */
    public float[] xyv() {
        float[] flat = new float[3 * keypoints.length];
        for (int j = 0; j < keypoints.length; j++) {
            flat[3 * j] = (float) keypoints[j][0];
            flat[3 * j + 1] = (float) keypoints[j][1];
            flat[3 * j + 2] = (float) keypoints[j][2];
        }
        return flat;
    }

    public int size() {
        return keypoints.length;
    }

    public double x(int joint) {
        return keypoints[joint][0];
    }

    public double y(int joint) {
        return keypoints[joint][1];
    }

    public double v(int joint) {
        return keypoints[joint][2];
    }

    public double jointScale(int joint) {
        return jointScales[joint];
    }

    /** Number of keypoints with v > 0. */
    public int presentKeypoints() {
        int n = 0;
        for (double[] kp : keypoints) {
            if (kp[2] > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The reference's box of a pose: present keypoints (v > 0) grown by their joint scales, as
     * {@code [x, y, width, height]}; all zero when no keypoint is present.
     */
    public double[] bbox() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keypoints.length; j++) {
            if (!(keypoints[j][2] > 0)) {
                continue;
            }
            minX = Math.min(minX, keypoints[j][0] - jointScales[j]);
            minY = Math.min(minY, keypoints[j][1] - jointScales[j]);
            maxX = Math.max(maxX, keypoints[j][0] + jointScales[j]);
            maxY = Math.max(maxY, keypoints[j][1] + jointScales[j]);
        }
        if (minX == Double.POSITIVE_INFINITY) {
            return new double[4];
        }
        return new double[] {minX, minY, maxX - minX, maxY - minY};
    }

    /**
     * This pose in the pixels of the original image the input was made from (the reference's
     * {@code inverse_transform}); scores are unchanged.
     *
     * @throws IllegalArgumentException for a flipped input: use {@link #toOriginal(ImageMeta, int[])}
     */
    public Pose toOriginal(ImageMeta meta) {
        if (meta.hflip()) {
            throw new IllegalArgumentException("the input was flipped: give the keypoints' flip permutation");
        }
        return toOriginal(meta, null);
    }

    /**
     * As {@link #toOriginal(ImageMeta)}; for a flipped input, left and right keypoints swap by
     * {@code hflipPermutation} (e.g. {@code CocoConstants.hflipPermutation}).
     */
    public Pose toOriginal(ImageMeta meta, int[] hflipPermutation) {
        if (meta.hflip() && (hflipPermutation == null || hflipPermutation.length != keypoints.length)) {
            throw new IllegalArgumentException("the input was flipped: need a flip permutation of "
                    + keypoints.length + " keypoints");
        }
        OriginalCoordinates coordinates = new OriginalCoordinates(meta);
        double[][] out = new double[keypoints.length][];
        double[] scales = new double[keypoints.length];
        double[] xy = new double[2];
        for (int j = 0; j < keypoints.length; j++) {
            int target = meta.hflip() ? hflipPermutation[j] : j;
            coordinates.point(keypoints[j][0], keypoints[j][1], xy);
            out[target] = new double[] {xy[0], xy[1], keypoints[j][2]};
            scales[target] = coordinates.length(jointScales[j]);
        }
        return new Pose(out, scales, score);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pose p && Double.compare(score, p.score) == 0
                && Arrays.deepEquals(keypoints, p.keypoints) && Arrays.equals(jointScales, p.jointScales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(keypoints) + Double.hashCode(score);
    }

    @Override
    public String toString() {
        return "Pose[score=" + score + ", keypoints=" + presentKeypoints() + "/" + keypoints.length + "]";
    }
}
