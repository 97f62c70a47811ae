package dev.trainyard.trainer.metric;

/**
 * One entry of a COCO results file: a pose or a box predicted in one image, with its score.
 *
 * @param imageId image the prediction is for
 * @param categoryId predicted category (1 = person)
 * @param keypoints {@code [x, y, v] * K} for pose results, empty otherwise
 * @param bbox {@code [x, y, width, height]} for box results (and optionally poses), empty otherwise
 * @param score confidence; higher scores are matched first
 */
public record CocoResult(long imageId, int categoryId, double[] keypoints, double[] bbox, double score) {

    public CocoResult {
        if (bbox.length != 0 && bbox.length != 4) {
            throw new IllegalArgumentException("bbox must be empty or [x, y, width, height], got " + bbox.length + " values");
        }
        if (keypoints.length % 3 != 0) {
            throw new IllegalArgumentException("keypoints must be [x, y, v] triples, got " + keypoints.length + " values");
        }
    }

    public boolean hasKeypoints() {
        return keypoints.length > 0;
    }

    public boolean hasBbox() {
        return bbox.length > 0;
    }

    /**
     * A pose result rounded as OpenPifPaf's {@code Annotation.json_data} writes it: labelled
     * keypoints get a visibility of at least 0.01 (float32, as the decoder holds it), every value
     * is {@code np.around(x, 2)} in float64, and the score is {@code max(0.001, np.around(score, 3))}.
     *
     * @param xyv {@code [x, y, v] * K} in original-image pixels, v = keypoint confidence
     */
    public static CocoResult pose(long imageId, int categoryId, float[] xyv, double score) {
        double[] keypoints = new double[xyv.length];
        for (int i = 0; i < xyv.length; i++) {
            float value = xyv[i];
            if (i % 3 == 2 && value > 0.0f) {
                value = Math.max(0.01f, value);
            }
            keypoints[i] = NumpyMath.around(value, 2);
        }
        return new CocoResult(imageId, categoryId, keypoints, new double[0], Math.max(0.001, NumpyMath.around(score, 3)));
    }

    /**
     * A box result rounded as OpenPifPaf's {@code AnnotationDet.json_data} writes it: Python's
     * {@code round(c, 2)} per coordinate and {@code max(0.001, round(score, 3))}.
     */
    public static CocoResult box(long imageId, int categoryId, double[] xywh, double score) {
        return new CocoResult(imageId, categoryId, new double[0], roundedBox(xywh), Math.max(0.001, NumpyMath.pythonRound(score, 3)));
    }

    /**
     * This pose with the box the reference attaches in memory ({@code round(c, 2)} per coordinate).
     * In OpenPifPaf's own evaluation that box makes pycocotools take a detection's area from the
     * box rather than from the keypoints' extent; its written predictions leave it out.
     */
    public CocoResult withBox(double[] xywh) {
        return new CocoResult(imageId, categoryId, keypoints, roundedBox(xywh), score);
    }

    private static double[] roundedBox(double[] xywh) {
        if (xywh.length != 4) {
            throw new IllegalArgumentException("bbox must be [x, y, width, height], got " + xywh.length + " values");
        }
        double[] rounded = new double[4];
        for (int i = 0; i < 4; i++) {
            rounded[i] = NumpyMath.pythonRound(xywh[i], 2);
        }
        return rounded;
    }
}
