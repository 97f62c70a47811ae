package dev.trainyard.trainer.metric;

import java.util.Arrays;
import java.util.List;

/**
 * The matches of one image, category and area range at every threshold: pycocotools'
 * {@code evaluateImg} result without the ids it only carries along.
 *
 * @param scores detection scores, highest first, at most maxDets
 * @param matched {@code [threshold * D + detection]}: matched to a ground truth with a non-zero id
 * @param ignored {@code [threshold * D + detection]}: matched to an ignored ground truth, or
 *     unmatched and outside the area range
 * @param countedTruths ground truths that are not ignored (crowd, no keypoints, outside the range)
 */
record ImageEvaluation(double[] scores, boolean[] matched, boolean[] ignored, int countedTruths) {

    int detections() {
        return scores.length;
    }

    /**
     * Greedy matching as {@code evaluateImg}: ground truths are ordered ignored-last (stable), and
     * at each threshold each detection, best score first, takes the ground truth with the highest
     * similarity ≥ the threshold among those still free (crowds are never used up); once it holds a
     * counted ground truth it stops before the ignored ones. Equal similarities go to the later
     * ground truth, because only a strictly smaller value is skipped.
     *
     * @param truths the image's ground truths of this category, file order
     * @param detections sorted by score (stable), cut to the largest maxDets
     * @param similarity {@code [detection][ground truth]} in file order, or null when either side is empty
     * @return null when the image has neither ground truths nor detections (it then counts nowhere)
     */
    static ImageEvaluation evaluate(
            List<GroundTruthObject> truths, List<Detection> detections, double[][] similarity,
            AreaRange range, double[] thresholds, IouType iouType) {
        if (truths.isEmpty() && detections.isEmpty()) {
            return null;
        }
        int g = truths.size();
        int[] order = new int[g];
        boolean[] truthIgnored = new boolean[g];
        boolean[] crowd = new boolean[g];
        long[] truthIds = new long[g];
        int counted = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < g; j++) {
                GroundTruthObject gt = truths.get(j);
                boolean ignore = gt.ignored(iouType) || range.excludes(gt.area());
                if (ignore == (pass == 1)) {
                    order[counted] = j;
                    truthIgnored[counted] = ignore;
                    crowd[counted] = gt.crowd();
                    truthIds[counted] = gt.id();
                    counted++;
                }
            }
        }
        int nonIgnored = 0;
        while (nonIgnored < g && !truthIgnored[nonIgnored]) {
            nonIgnored++;
        }

        int d = detections.size();
        int t = thresholds.length;
        double[] scores = new double[d];
        for (int i = 0; i < d; i++) {
            scores[i] = detections.get(i).score();
        }
        boolean[] matched = new boolean[t * d];
        boolean[] ignored = new boolean[t * d];
        if (similarity != null && g > 0 && d > 0) {
            boolean[] taken = new boolean[g];
            for (int ti = 0; ti < t; ti++) {
                Arrays.fill(taken, false);
                for (int di = 0; di < d; di++) {
                    double[] row = similarity[di];
                    double best = Math.min(thresholds[ti], 1 - 1e-10);
                    int m = -1;
                    for (int gi = 0; gi < g; gi++) {
                        if (taken[gi] && !crowd[gi]) {
                            continue;
                        }
                        if (m > -1 && !truthIgnored[m] && truthIgnored[gi]) {
                            break;
                        }
                        double value = row[order[gi]];
                        if (value < best) {
                            continue;
                        }
                        best = value;
                        m = gi;
                    }
                    if (m == -1) {
                        continue;
                    }
                    ignored[ti * d + di] = truthIgnored[m];
                    // pycocotools stores the matched ground truth's id and later reads 0 as "no match".
                    matched[ti * d + di] = truthIds[m] != 0;
                    taken[m] = true;
                }
            }
        }
        for (int di = 0; di < d; di++) {
            if (range.excludes(detections.get(di).area())) {
                for (int ti = 0; ti < t; ti++) {
                    if (!matched[ti * d + di]) {
                        ignored[ti * d + di] = true;
                    }
                }
            }
        }
        return new ImageEvaluation(scores, matched, ignored, nonIgnored);
    }
}
