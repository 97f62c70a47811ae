package dev.trainyard.trainer.metric;

import java.util.List;

/**
 * Object keypoint similarity between detections and ground truths, computed as pycocotools'
 * {@code computeOks} does, operation for operation.
 */
final class Oks {

    /** pycocotools' {@code vars = (sigmas * 2) ** 2}. */
    private final double[] vars;
    private final double[] terms;

    Oks(double[] sigmas) {
        vars = new double[sigmas.length];
        for (int k = 0; k < sigmas.length; k++) {
            double doubled = sigmas[k] * 2;
            vars[k] = doubled * doubled;
        }
        terms = new double[sigmas.length];
    }

    /**
     * The OKS matrix {@code [detection][ground truth]}, ground truths in the given order.
     *
     * <p>Per keypoint e = (dx² + dy²) / vars / (area + eps) / 2 and OKS = sum(exp(-e)) / n over the
     * labelled (v > 0) keypoints. For a ground truth without labelled keypoints, dx and dy are the
     * distances from each detected keypoint to the box grown by its own size on every side
     * ({@code [x - w, x + 2w] x [y - h, y + 2h]}), over all K keypoints.
     *
     * @param detections sorted by score and already cut to maxDets; each has exactly K keypoints
     * @param truths each with K keypoints (or none: then only the box counts)
     */
    double[][] compute(List<Detection> detections, List<GroundTruthObject> truths) {
        int k = vars.length;
        double[][] oks = new double[detections.size()][truths.size()];
        for (int j = 0; j < truths.size(); j++) {
            GroundTruthObject gt = truths.get(j);
            double[] g = gt.keypoints();
            int labelled = 0;
            for (int n = 2; n < g.length; n += 3) {
                if (g[n] > 0) {
                    labelled++;
                }
            }
            double[] bb = gt.bbox();
            double x0 = bb[0] - bb[2];
            double x1 = bb[0] + bb[2] * 2;
            double y0 = bb[1] - bb[3];
            double y1 = bb[1] + bb[3] * 2;
            double scale = gt.area() + NumpyMath.EPS;
            for (int i = 0; i < detections.size(); i++) {
                double[] d = detections.get(i).keypoints();
                int n = 0;
                for (int p = 0; p < k; p++) {
                    double dx;
                    double dy;
                    if (labelled > 0) {
                        if (g[3 * p + 2] <= 0) {
                            continue;
                        }
                        dx = d[3 * p] - g[3 * p];
                        dy = d[3 * p + 1] - g[3 * p + 1];
                    } else {
                        double xd = d[3 * p];
                        double yd = d[3 * p + 1];
                        dx = Math.max(0.0, x0 - xd) + Math.max(0.0, xd - x1);
                        dy = Math.max(0.0, y0 - yd) + Math.max(0.0, yd - y1);
                    }
                    double e = (dx * dx + dy * dy) / vars[p] / scale / 2;
                    terms[n++] = CorrectlyRoundedExp.exp(-e);
                }
                oks[i][j] = NumpyMath.sum(terms, 0, n) / n;
            }
        }
        return oks;
    }
}
