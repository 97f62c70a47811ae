package dev.trainyard.trainer.metric;

import java.util.List;

/** Box intersection over union as pycocotools' C {@code bbIou} computes it. */
final class BoxIou {

    private BoxIou() {}

    /**
     * The IoU matrix {@code [detection][ground truth]}. For a crowd ground truth the union is the
     * detection's own area, so a detection inside a crowd region scores 1.
     */
    static double[][] compute(List<Detection> detections, List<GroundTruthObject> truths) {
        double[][] iou = new double[detections.size()][truths.size()];
        for (int g = 0; g < truths.size(); g++) {
            double[] gb = truths.get(g).bbox();
            double ga = gb[2] * gb[3];
            boolean crowd = truths.get(g).crowd();
            for (int d = 0; d < detections.size(); d++) {
                double[] db = detections.get(d).bbox();
                double da = db[2] * db[3];
                double w = Math.min(db[2] + db[0], gb[2] + gb[0]) - Math.max(db[0], gb[0]);
                if (w <= 0) {
                    continue;
                }
                double h = Math.min(db[3] + db[1], gb[3] + gb[1]) - Math.max(db[1], gb[1]);
                if (h <= 0) {
                    continue;
                }
                double intersection = w * h;
                double union = crowd ? da : da + ga - intersection;
                iou[d][g] = intersection / union;
            }
        }
        return iou;
    }
}
