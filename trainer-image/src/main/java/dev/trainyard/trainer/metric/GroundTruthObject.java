package dev.trainyard.trainer.metric;

/**
 * One ground-truth annotation as the COCO evaluation sees it, in doubles.
 *
 * @param id annotation id (pycocotools treats a match to id 0 as no match; see {@link CocoEvaluator})
 * @param imageId image the object is in
 * @param categoryId COCO category
 * @param keypoints {@code [x, y, v] * K}, empty when the annotation has none
 * @param bbox {@code [x, y, width, height]}
 * @param area the file's {@code area}, or the bbox area when the file has none (OpenPifPaf's patch)
 * @param crowd {@code iscrowd}: ignored, and may be matched by any number of detections
 * @param numKeypoints the file's {@code num_keypoints}; 0 makes the object ignored in keypoint evaluation
 */
public record GroundTruthObject(
        long id, long imageId, int categoryId, double[] keypoints, double[] bbox, double area, boolean crowd,
        int numKeypoints) {

    public GroundTruthObject {
        if (bbox.length != 4) {
            throw new IllegalArgumentException("bbox must be [x, y, width, height], got " + bbox.length + " values");
        }
        if (keypoints.length % 3 != 0) {
            throw new IllegalArgumentException("keypoints must be [x, y, v] triples, got " + keypoints.length + " values");
        }
    }

    /** A keypoint annotation whose {@code num_keypoints} is counted from its visibilities. */
    public static GroundTruthObject person(long id, long imageId, double[] keypoints, double[] bbox, double area, boolean crowd) {
        int labelled = 0;
        for (int k = 2; k < keypoints.length; k += 3) {
            if (keypoints[k] > 0) {
                labelled++;
            }
        }
        return new GroundTruthObject(id, imageId, 1, keypoints, bbox, area, crowd, labelled);
    }

    /** A box annotation without keypoints; its area is the file's segmentation area. */
    public static GroundTruthObject box(long id, long imageId, int categoryId, double[] bbox, double area, boolean crowd) {
        return new GroundTruthObject(id, imageId, categoryId, new double[0], bbox, area, crowd, 0);
    }

    /** pycocotools' {@code ignore} flag: crowds, and for keypoints also objects without labelled keypoints. */
    boolean ignored(IouType iouType) {
        return crowd || (iouType == IouType.KEYPOINTS && numKeypoints == 0);
    }
}
