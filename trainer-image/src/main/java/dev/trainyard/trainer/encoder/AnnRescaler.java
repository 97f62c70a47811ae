package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.head.Keypoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns pixel annotations into what the keypoint encoders consume: keypoint sets in field units,
 * instance scales, the background mask and the valid area.
 *
 * <p>Keypoint sets are flat {@code [x0, y0, v0, x1, y1, v1, ...]} float arrays, like the
 * reference's float32 arrays, so that rounding decisions match it.
 */
public final class AnnRescaler {

    /** Largest x and y distance in pixels at which a visible keypoint hides another person's. */
    static final float SELF_HIDDEN_DISTANCE = 32.0f;
    private static final double MAX_SCALE_FACTOR = 5.0;
    private static final double MIN_REFERENCE_AREA = 0.1;
    private static final double MIN_SCALE = 0.1;

    private final int stride;
    private final int nKeypoints;
    private final double[] poseX;
    private final double[] poseY;
    private final double[] pose45X;
    private final double[] pose45Y;
    private final double poseArea;
    private final double pose45Area;
    private final boolean suppressSelfHidden;

    /**
     * @param stride field stride in pixels
     * @param pose the head's upright reference pose, one point per keypoint
     */
    public AnnRescaler(int stride, List<Keypoint> pose) {
        this(stride, pose, true);
    }

    /**
     * @param stride field stride in pixels
     * @param pose the head's upright reference pose, one point per keypoint
     * @param suppressSelfHidden whether {@link #keypointSets} applies the self-hidden rule
     */
    public AnnRescaler(int stride, List<Keypoint> pose, boolean suppressSelfHidden) {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive, got " + stride);
        }
        this.stride = stride;
        this.suppressSelfHidden = suppressSelfHidden;
        this.nKeypoints = pose.size();
        poseX = new double[nKeypoints];
        poseY = new double[nKeypoints];
        pose45X = new double[nKeypoints];
        pose45Y = new double[nKeypoints];
        double c = Math.cos(Math.toRadians(45));
        double s = Math.sin(Math.toRadians(45));
        boolean[] all = new boolean[nKeypoints];
        for (int i = 0; i < nKeypoints; i++) {
            Keypoint p = pose.get(i);
            poseX[i] = p.x();
            poseY[i] = p.y();
            pose45X[i] = c * p.x() - s * p.y();
            pose45Y[i] = s * p.x() + c * p.y();
            all[i] = true;
        }
        poseArea = bboxArea(poseX, poseY, all);
        pose45Area = bboxArea(pose45X, pose45Y, all);
    }

    public int stride() {
        return stride;
    }

    /**
     * The keypoints of every non-crowd person in field units, with hidden keypoints that another
     * person's visible one covers set to v = 0 (unless the self-hidden rule is off). Annotations without keypoint slots (they have
     * nothing to encode, and the background mask ignores them) are skipped.
     *
     * @return one {@code [x, y, v] x keypoints} array per person, in annotation order; fresh copies
     */
    public List<float[]> keypointSets(List<Annotation> annotations) {
        List<float[]> sets = new ArrayList<>();
        for (Annotation ann : annotations) {
            if (ann.crowd() || ann.keypointCount() == 0) {
                continue;
            }
            if (ann.keypointCount() != nKeypoints) {
                throw new IllegalArgumentException("annotation " + ann.id() + " has " + ann.keypointCount()
                        + " keypoints, the head expects " + nKeypoints);
            }
            sets.add(ann.keypoints().clone());
        }
        if (suppressSelfHidden) {
            suppressSelfHidden(sets);
        }
        for (float[] keypoints : sets) {
            for (int j = 0; j < nKeypoints; j++) {
                keypoints[3 * j] /= stride;
                keypoints[3 * j + 1] /= stride;
            }
        }
        return sets;
    }

    /**
     * The reference's self-hidden rule, per keypoint type: persons sorted by v descending (stable),
     * each hidden (v = 1) keypoint is zeroed by the first visible (v > 1) one within 32 px in x
     * and y; the scan stops at the first absent keypoint.
     */
    static void suppressSelfHidden(List<float[]> sets) {
        int n = sets.size();
        if (n < 2) {
            return;
        }
        int nKeypoints = sets.getFirst().length / 3;
        int[] order = new int[n];
        for (int k = 0; k < nKeypoints; k++) {
            int vi = 3 * k + 2;
            sortByVisibilityDescending(sets, vi, order);
            for (int i = 1; i < n; i++) {
                float[] hidden = sets.get(order[i]);
                if (hidden[vi] > 1.0f) {
                    continue;
                }
                if (hidden[vi] < 1.0f) {
                    break;
                }
                for (int p = 0; p < i; p++) {
                    float[] visible = sets.get(order[p]);
                    if (visible[vi] <= 1.0f) {
                        break;
                    }
                    if (Math.abs(visible[vi - 2] - hidden[vi - 2]) > SELF_HIDDEN_DISTANCE
                            || Math.abs(visible[vi - 1] - hidden[vi - 1]) > SELF_HIDDEN_DISTANCE) {
                        continue;
                    }
                    hidden[vi] = 0.0f;
                    break;
                }
            }
        }
    }

    /** Stable insertion sort of person indices by the value at {@code vi}, largest first. */
    private static void sortByVisibilityDescending(List<float[]> sets, int vi, int[] order) {
        for (int i = 0; i < order.length; i++) {
            int person = i;
            float v = sets.get(person)[vi];
            int j = i - 1;
            while (j >= 0 && sets.get(order[j])[vi] < v) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = person;
        }
    }

    /**
     * Instance scale in field units: the square root of the visible keypoints' bbox area, scaled up
     * by how much of the reference pose (upright or rotated by 45 degrees, whichever needs less)
     * the visible keypoints cover, at most 5x.
     *
     * @param keypoints a keypoint set from {@link #keypointSets}
     * @return the scale, or NaN with fewer than 3 visible keypoints, when the visible part of the
     *     reference pose is degenerate, or when the scale is below 0.1
     */
    public double scale(float[] keypoints) {
        boolean[] visible = new boolean[nKeypoints];
        int nVisible = 0;
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < nKeypoints; j++) {
            if (!(keypoints[3 * j + 2] > 0)) {
                continue;
            }
            visible[j] = true;
            nVisible++;
            minX = Math.min(minX, keypoints[3 * j]);
            maxX = Math.max(maxX, keypoints[3 * j]);
            minY = Math.min(minY, keypoints[3 * j + 1]);
            maxY = Math.max(maxY, keypoints[3 * j + 1]);
        }
        if (nVisible < 3) {
            return Double.NaN;
        }
        float area = (maxX - minX) * (maxY - minY);

        double referenceArea = bboxArea(poseX, poseY, visible);
        double reference45Area = bboxArea(pose45X, pose45Y, visible);
        double factor = Math.sqrt(Math.min(
                referenceArea > MIN_REFERENCE_AREA ? poseArea / referenceArea : Double.POSITIVE_INFINITY,
                reference45Area > MIN_REFERENCE_AREA ? pose45Area / reference45Area : Double.POSITIVE_INFINITY));
        if (Double.isInfinite(factor)) {
            return Double.NaN;
        }
        double scale = (float) Math.sqrt(area) * Math.min(MAX_SCALE_FACTOR, factor);
        return scale < MIN_SCALE ? Double.NaN : scale;
    }

    /**
     * Cells to ignore: crowd bboxes, and the bboxes of non-crowd annotations without any labelled
     * keypoint, expanded by {@code crowdMargin} cells. Uses the annotations as given (before
     * self-hidden suppression).
     */
    public BackgroundMask backgroundMask(List<Annotation> annotations, int imageWidth, int imageHeight,
                                         double crowdMargin) {
        BackgroundMask mask = new BackgroundMask(1, (imageHeight - 1) / stride + 1, (imageWidth - 1) / stride + 1);
        for (Annotation ann : annotations) {
            if (ann.crowd() || !ann.hasLabelledKeypoint()) {
                mask.ignoreBox(0, ann.bbox(), stride, crowdMargin);
            }
        }
        return mask;
    }

    /** The meta's valid area in field cells. */
    public ValidArea validArea(ImageMeta meta) {
        return ValidArea.ofPixels(meta.validArea(), stride);
    }

    private static double bboxArea(double[] xs, double[] ys, boolean[] selected) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            if (selected[i]) {
                minX = Math.min(minX, xs[i]);
                maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]);
                maxY = Math.max(maxY, ys[i]);
            }
        }
        return (maxX - minX) * (maxY - minY);
    }
}
