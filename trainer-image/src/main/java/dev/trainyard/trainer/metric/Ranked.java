package dev.trainyard.trainer.metric;

import java.util.List;

/**
 * The detections of many images in one list, best score first: the first maxDet of each image,
 * concatenated in image order, then sorted by descending score with a stable sort. A stable sort's
 * permutation is unique, so this is exactly numpy's {@code argsort(-scores, kind='mergesort')}:
 * equal scores keep image order, then the order within the image.
 */
final class Ranked {

    private final ImageEvaluation[] images;
    private final int[] detections;

    private Ranked(ImageEvaluation[] images, int[] detections) {
        this.images = images;
        this.detections = detections;
    }

    int size() {
        return detections.length;
    }

    /** The image of the i-th best detection. */
    ImageEvaluation image(int i) {
        return images[i];
    }

    /** The index within its image of the i-th best detection. */
    int detection(int i) {
        return detections[i];
    }

    static Ranked of(List<ImageEvaluation> evaluations, int maxDet) {
        int n = 0;
        for (ImageEvaluation e : evaluations) {
            n += Math.min(e.detections(), maxDet);
        }
        ImageEvaluation[] owner = new ImageEvaluation[n];
        int[] local = new int[n];
        double[] scores = new double[n];
        int at = 0;
        for (ImageEvaluation e : evaluations) {
            int kept = Math.min(e.detections(), maxDet);
            for (int d = 0; d < kept; d++) {
                owner[at] = e;
                local[at] = d;
                scores[at] = e.scores()[d];
                at++;
            }
        }
        int[] order = descendingStable(scores);
        ImageEvaluation[] sortedOwner = new ImageEvaluation[n];
        int[] sortedLocal = new int[n];
        for (int i = 0; i < n; i++) {
            sortedOwner[i] = owner[order[i]];
            sortedLocal[i] = local[order[i]];
        }
        return new Ranked(sortedOwner, sortedLocal);
    }

    /**
     * Indices ordering {@code scores} from highest to lowest, equal values (by {@code ==}, so 0.0
     * and -0.0 tie as in numpy) in their original order: a bottom-up merge sort.
     */
    static int[] descendingStable(double[] scores) {
        int n = scores.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int out = lo;
                while (i < mid && j < hi) {
                    // Take from the right run only when strictly better: that keeps the sort stable.
                    b[out++] = scores[a[j]] > scores[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[out++] = a[i++];
                }
                while (j < hi) {
                    b[out++] = a[j++];
                }
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }
}
