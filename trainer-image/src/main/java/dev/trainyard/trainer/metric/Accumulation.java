package dev.trainyard.trainer.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precision at each recall point and final recall, per threshold, category, area range and
 * maxDets: pycocotools' {@code accumulate}. Settings without any counted ground truth stay -1.
 */
final class Accumulation {

    private final int t;
    private final int r;
    private final int k;
    private final int a;
    private final int m;
    /** {@code [T][R][K][A][M]}, C order like the numpy array. */
    private final double[] precision;
    /** {@code [T][K][A][M]}. */
    private final double[] recall;

    private Accumulation(int t, int r, int k, int a, int m) {
        this.t = t;
        this.r = r;
        this.k = k;
        this.a = a;
        this.m = m;
        precision = new double[t * r * k * a * m];
        recall = new double[t * k * a * m];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
    }

    double precision(int ti, int ri, int ki, int ai, int mi) {
        return precision[(((ti * r + ri) * k + ki) * a + ai) * m + mi];
    }

    double recall(int ti, int ki, int ai, int mi) {
        return recall[((ti * k + ki) * a + ai) * m + mi];
    }

    int thresholds() {
        return t;
    }

    int recallPoints() {
        return r;
    }

    int categories() {
        return k;
    }

    /**
     * Accumulates per-image evaluations.
     *
     * @param evaluations {@code [category][area range][image]}, images in ascending id order, null
     *     where an image had neither ground truths nor detections
     */
    static Accumulation of(EvalParams params, ImageEvaluation[][][] evaluations) {
        int nt = params.iouThresholds().length;
        int nr = params.recallThresholds().length;
        int nk = evaluations.length;
        int na = params.areaRanges().size();
        int nm = params.maxDets().length;
        Accumulation result = new Accumulation(nt, nr, nk, na, nm);
        double[] rc = new double[0];
        double[] pr = new double[0];
        for (int ki = 0; ki < nk; ki++) {
            for (int ai = 0; ai < na; ai++) {
                List<ImageEvaluation> images = new ArrayList<>();
                for (ImageEvaluation e : evaluations[ki][ai]) {
                    if (e != null) {
                        images.add(e);
                    }
                }
                if (images.isEmpty()) {
                    continue;
                }
                int counted = 0;
                for (ImageEvaluation e : images) {
                    counted += e.countedTruths();
                }
                if (counted == 0) {
                    continue;
                }
                for (int mi = 0; mi < nm; mi++) {
                    Ranked ranked = Ranked.of(images, params.maxDets()[mi]);
                    int nd = ranked.size();
                    if (rc.length < nd) {
                        rc = new double[nd];
                        pr = new double[nd];
                    }
                    for (int ti = 0; ti < nt; ti++) {
                        result.fill(ti, ki, ai, mi, ranked, counted, params.recallThresholds(), rc, pr);
                    }
                }
            }
        }
        return result;
    }

    private void fill(int ti, int ki, int ai, int mi, Ranked ranked, int counted, double[] recallThresholds,
            double[] rc, double[] pr) {
        int nd = ranked.size();
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < nd; i++) {
            ImageEvaluation e = ranked.image(i);
            int flat = ti * e.detections() + ranked.detection(i);
            if (!e.ignored()[flat]) {
                if (e.matched()[flat]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            rc[i] = (double) tp / counted;
            pr[i] = tp / ((double) fp + tp + NumpyMath.EPS);
        }
        recall[((ti * k + ki) * a + ai) * m + mi] = nd > 0 ? rc[nd - 1] : 0;
        for (int i = nd - 1; i > 0; i--) {
            if (pr[i] > pr[i - 1]) {
                pr[i - 1] = pr[i];
            }
        }
        // np.searchsorted(rc, recThrs, side='left'); points past the last detection keep precision 0.
        int i = 0;
        for (int ri = 0; ri < r; ri++) {
            while (i < nd && rc[i] < recallThresholds[ri]) {
                i++;
            }
            precision[(((ti * r + ri) * k + ki) * a + ai) * m + mi] = i < nd ? pr[i] : 0;
        }
    }
}
