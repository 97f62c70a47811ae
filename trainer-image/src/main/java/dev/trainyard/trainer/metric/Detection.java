package dev.trainyard.trainer.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * A result as pycocotools' {@code COCO.loadRes} prepares it: numbered from 1 in file order, with
 * the area (and, for pose-only results, the box) that the area ranges and the box IoU use.
 *
 * <p>{@code loadRes} picks one rule for the whole file from the first entry: if it has a
 * non-empty {@code bbox}, every area is the box's width times height; otherwise, if it has
 * {@code keypoints}, every area and box come from the extent of all keypoints, labelled or not.
 */
record Detection(long id, long imageId, int categoryId, double[] keypoints, double[] bbox, double area, double score) {

    /**
     * Applies {@code loadRes} to results whose fields were checked by the caller.
     *
     * @throws IllegalArgumentException when an entry lacks the field the first entry chose
     */
    static List<Detection> load(List<CocoResult> results) {
        List<Detection> detections = new ArrayList<>(results.size());
        if (results.isEmpty()) {
            return detections;
        }
        boolean fromBox = results.getFirst().hasBbox();
        if (!fromBox && !results.getFirst().hasKeypoints()) {
            throw new IllegalArgumentException("result 0 has neither 'bbox' nor 'keypoints'");
        }
        for (int i = 0; i < results.size(); i++) {
            CocoResult r = results.get(i);
            if (fromBox && !r.hasBbox()) {
                throw new IllegalArgumentException("result " + i + " has no 'bbox' but result 0 has one");
            }
            if (!fromBox && !r.hasKeypoints()) {
                throw new IllegalArgumentException("result " + i + " has no 'keypoints' but result 0 has them");
            }
            double[] bbox = fromBox ? r.bbox() : keypointExtent(r.keypoints());
            // For keypoints loadRes multiplies (x1 - x0) * (y1 - y0), which is the extent box's w * h.
            double area = bbox[2] * bbox[3];
            detections.add(new Detection(i + 1, r.imageId(), r.categoryId(), r.keypoints(), bbox, area, r.score()));
        }
        return detections;
    }

    /** {@code [x0, y0, x1 - x0, y1 - y0]} over every keypoint. */
    private static double[] keypointExtent(double[] keypoints) {
        double x0 = min(keypoints, 0);
        double y0 = min(keypoints, 1);
        return new double[] {x0, y0, max(keypoints, 0) - x0, max(keypoints, 1) - y0};
    }

    private static double min(double[] xyv, int offset) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = offset; i < xyv.length; i += 3) {
            m = Math.min(m, xyv[i]);
        }
        return m;
    }

    private static double max(double[] xyv, int offset) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < xyv.length; i += 3) {
            m = Math.max(m, xyv[i]);
        }
        return m;
    }
}
