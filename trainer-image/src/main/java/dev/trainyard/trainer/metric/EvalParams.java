package dev.trainyard.trainer.metric;

import java.util.Arrays;
import java.util.List;

/**
 * The parameters of one COCO evaluation, pycocotools' {@code Params} plus the category choice of
 * OpenPifPaf's metric. The arrays are copied in and must not be modified through the accessors.
 *
 * @param iouType keypoints (OKS) or bbox (IoU)
 * @param iouThresholds the T match thresholds, {@code np.linspace(.5, 0.95, 10)}
 * @param recallThresholds the R recall points, {@code np.linspace(.0, 1.00, 101)}
 * @param areaRanges the object-area ranges, each with its label
 * @param maxDets detections kept per image and category, ascending; the last one bounds the matching
 * @param sigmas per-keypoint OKS sigmas; their count is the number of keypoints a result must have
 * @param categoryIds categories to evaluate; empty means every category of the ground truth
 */
public record EvalParams(
        IouType iouType, double[] iouThresholds, double[] recallThresholds, List<AreaRange> areaRanges,
        int[] maxDets, double[] sigmas, List<Integer> categoryIds) {

    /**
     * pycocotools' default {@code kpt_oks_sigmas}: {@code np.array([.26, .25, ...]) / 10.0}.
     * Dividing gives 0.026000000000000002 where the literal 0.026 of {@code CocoConstants.SIGMAS}
     * is one ulp lower, so the metric keeps its own copy computed the official way.
     */
    private static final double[] COCO_PERSON_SIGMAS = divideByTen(
            .26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89);

    /** A copy of the default person sigmas. */
    public static double[] cocoPersonSigmas() {
        return COCO_PERSON_SIGMAS.clone();
    }

    public EvalParams {
        iouThresholds = iouThresholds.clone();
        recallThresholds = recallThresholds.clone();
        areaRanges = List.copyOf(areaRanges);
        maxDets = maxDets.clone();
        Arrays.sort(maxDets);
        sigmas = sigmas.clone();
        categoryIds = categoryIds.stream().distinct().sorted().toList();
        if (iouThresholds.length == 0 || recallThresholds.length == 0 || areaRanges.isEmpty() || maxDets.length == 0) {
            throw new IllegalArgumentException("thresholds, area ranges and maxDets must not be empty");
        }
    }

    /**
     * The parameters OpenPifPaf evaluates with: pycocotools' {@code setKpParams} with category 1
     * (the cocokp metric), or {@code setDetParams} with every category (the cocodet metric).
     */
    public static EvalParams defaults(IouType iouType) {
        double[] iouThresholds = NumpyMath.linspace(.5, 0.95, (int) Math.rint((0.95 - .5) / .05) + 1);
        double[] recallThresholds = NumpyMath.linspace(.0, 1.00, (int) Math.rint((1.00 - .0) / .01) + 1);
        return switch (iouType) {
            case KEYPOINTS -> new EvalParams(iouType, iouThresholds, recallThresholds,
                    List.of(AreaRange.ALL, AreaRange.MEDIUM, AreaRange.LARGE), new int[] {20},
                    COCO_PERSON_SIGMAS, List.of(1));
            case BBOX -> new EvalParams(iouType, iouThresholds, recallThresholds,
                    List.of(AreaRange.ALL, AreaRange.SMALL, AreaRange.MEDIUM, AreaRange.LARGE), new int[] {1, 10, 100},
                    COCO_PERSON_SIGMAS, List.of());
        };
    }

    /** The same parameters for other categories (empty: every category of the ground truth). */
    public EvalParams withCategoryIds(List<Integer> ids) {
        return new EvalParams(iouType, iouThresholds, recallThresholds, areaRanges, maxDets, sigmas, ids);
    }

    /** The same parameters with other OKS sigmas (OpenPifPaf's {@code keypoint_oks_sigmas}). */
    public EvalParams withSigmas(double[] newSigmas) {
        return new EvalParams(iouType, iouThresholds, recallThresholds, areaRanges, maxDets, newSigmas, categoryIds);
    }

    /** Keypoints per result: the number of sigmas. */
    public int keypointCount() {
        return sigmas.length;
    }

    /** The largest maxDets: detections beyond it are dropped per image and category before matching. */
    public int maxDetections() {
        return maxDets[maxDets.length - 1];
    }

    private static double[] divideByTen(double... values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] / 10.0;
        }
        return result;
    }
}
