package dev.trainyard.trainer.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** pycocotools' {@code summarize()}: means over the accumulated arrays, and the printed lines. */
final class Summary {

    /** One stat: AP or AR, at one threshold or averaged over all, in one area range, at one maxDets. */
    private record Stat(boolean precision, Double threshold, String area, int maxDets) {}

    private Summary() {}

    static CocoStats of(EvalParams params, Accumulation accumulation) {
        List<Double> values = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Stat stat : stats(params)) {
            double value = mean(params, accumulation, stat);
            values.add(value);
            lines.add(line(params, stat, value));
        }
        return new CocoStats(params.iouType(), values, params.iouType().textLabels(), lines);
    }

    /** {@code _summarizeKps} and {@code _summarizeDets}, with their literal maxDets (20, and 100 for the first box AP). */
    private static List<Stat> stats(EvalParams params) {
        return switch (params.iouType()) {
            case KEYPOINTS -> List.of(
                    new Stat(true, null, "all", 20), new Stat(true, .5, "all", 20), new Stat(true, .75, "all", 20),
                    new Stat(true, null, "medium", 20), new Stat(true, null, "large", 20),
                    new Stat(false, null, "all", 20), new Stat(false, .5, "all", 20), new Stat(false, .75, "all", 20),
                    new Stat(false, null, "medium", 20), new Stat(false, null, "large", 20));
            case BBOX -> {
                int[] md = params.maxDets();
                if (md.length < 3) {
                    throw new IllegalArgumentException("the bbox summary needs 3 maxDets, got " + md.length);
                }
                yield List.of(
                        new Stat(true, null, "all", 100), new Stat(true, .5, "all", md[2]), new Stat(true, .75, "all", md[2]),
                        new Stat(true, null, "small", md[2]), new Stat(true, null, "medium", md[2]),
                        new Stat(true, null, "large", md[2]),
                        new Stat(false, null, "all", md[0]), new Stat(false, null, "all", md[1]),
                        new Stat(false, null, "all", md[2]), new Stat(false, null, "small", md[2]),
                        new Stat(false, null, "medium", md[2]), new Stat(false, null, "large", md[2]));
            }
        };
    }

    /**
     * {@code np.mean(s[s > -1])} over the selected slice in numpy's C order (threshold, recall
     * point, category for AP; threshold, category for AR), or -1 when nothing is left. A threshold
     * is selected by exact equality with the linspace value, as {@code np.where(iouThr == p.iouThrs)}.
     */
    private static double mean(EvalParams params, Accumulation acc, Stat stat) {
        int area = -1;
        for (int i = 0; i < params.areaRanges().size(); i++) {
            if (params.areaRanges().get(i).label().equals(stat.area())) {
                area = i;
                break;
            }
        }
        int maxDet = -1;
        for (int i = 0; i < params.maxDets().length; i++) {
            if (params.maxDets()[i] == stat.maxDets()) {
                maxDet = i;
                break;
            }
        }
        if (area < 0 || maxDet < 0) {
            return -1;
        }
        double[] thresholds = params.iouThresholds();
        int r = stat.precision() ? acc.recallPoints() : 1;
        double[] kept = new double[thresholds.length * r * acc.categories()];
        int n = 0;
        for (int t = 0; t < thresholds.length; t++) {
            if (stat.threshold() != null && thresholds[t] != stat.threshold()) {
                continue;
            }
            for (int ri = 0; ri < r; ri++) {
                for (int k = 0; k < acc.categories(); k++) {
                    double v = stat.precision() ? acc.precision(t, ri, k, area, maxDet) : acc.recall(t, k, area, maxDet);
                    if (v > -1) {
                        kept[n++] = v;
                    }
                }
            }
        }
        return n == 0 ? -1 : NumpyMath.mean(kept, 0, n);
    }

    /** {@code ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'}. */
    private static String line(EvalParams params, Stat stat, double value) {
        double[] thresholds = params.iouThresholds();
        String iou = stat.threshold() == null
                ? NumpyMath.fixed(thresholds[0], 2) + ":" + NumpyMath.fixed(thresholds[thresholds.length - 1], 2)
                : NumpyMath.fixed(stat.threshold(), 2);
        return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s",
                stat.precision() ? "Average Precision" : "Average Recall", stat.precision() ? "(AP)" : "(AR)",
                iou, stat.area(), stat.maxDets(), NumpyMath.fixed(value, 3));
    }
}
