package dev.trainyard.trainer.data;

import java.util.Arrays;

/**
 * One COCO object annotation in image pixel coordinates.
 *
 * <p>The arrays are never modified after construction: transforms build new annotations with
 * {@link #withGeometry}. {@code keypoints} holds {@code [x, y, v]} triples (empty for annotations
 * without keypoints, e.g. detection data); {@code bbox} is {@code [x, y, width, height]}.
 * {@code bboxOriginal} is the box as the file gave it, carried unchanged through the transforms
 * (the reference's {@code bbox_original}) so that {@code UnclippedArea} can tell how much of an
 * object a crop cut away.
 *
 * @param id annotation id from the file (0 for synthetic ones)
 * @param categoryId COCO category id (1 = person)
 * @param keypoints {@code [x0, y0, v0, x1, y1, v1, ...]}, v = 0 absent, 1 hidden, 2 visible
 * @param bbox {@code [x, y, width, height]}
 * @param crowd COCO {@code iscrowd}: a region to ignore, not a person to learn
 * @param area segmentation area from the file (used by the metric's area ranges)
 * @param bboxOriginal {@code [x, y, width, height]} in the untransformed image
 */
public record Annotation(
        long id, int categoryId, float[] keypoints, float[] bbox, boolean crowd, double area, float[] bboxOriginal) {

    public Annotation {
        if (keypoints.length % 3 != 0) {
            throw new IllegalArgumentException("keypoints must be [x, y, v] triples, got " + keypoints.length + " values");
        }
        if (bbox.length != 4) {
            throw new IllegalArgumentException("bbox must be [x, y, width, height], got " + bbox.length + " values");
        }
        if (bboxOriginal.length != 4) {
            throw new IllegalArgumentException("original bbox must be [x, y, width, height], got "
                    + bboxOriginal.length + " values");
        }
    }

    /** An annotation as read from a file: its original box is its box. */
    public Annotation(long id, int categoryId, float[] keypoints, float[] bbox, boolean crowd, double area) {
        this(id, categoryId, keypoints, bbox, crowd, area, bbox.clone());
    }

    /** Number of keypoint slots (17 for COCO persons, 0 without keypoints). */
    public int keypointCount() {
        return keypoints.length / 3;
    }

    public float x(int joint) {
        return keypoints[3 * joint];
    }

    public float y(int joint) {
        return keypoints[3 * joint + 1];
    }

    public float v(int joint) {
        return keypoints[3 * joint + 2];
    }

    /** COCO's {@code num_keypoints}: keypoints with v > 0. */
    public int labelledKeypoints() {
        int n = 0;
        for (int j = 0; j < keypointCount(); j++) {
            if (v(j) > 0) {
                n++;
            }
        }
        return n;
    }

    /** True when at least one keypoint has v > 0. */
    public boolean hasLabelledKeypoint() {
        for (int j = 0; j < keypointCount(); j++) {
            if (v(j) > 0) {
                return true;
            }
        }
        return false;
    }

    /** A copy with new keypoints and bbox (same id, category, crowd flag, area and original box). */
    public Annotation withGeometry(float[] newKeypoints, float[] newBbox) {
        return new Annotation(id, categoryId, newKeypoints, newBbox, crowd, area, bboxOriginal);
    }

    /** A copy marked as crowd: encoders then ignore its region instead of learning it. */
    public Annotation asCrowd() {
        return crowd ? this : new Annotation(id, categoryId, keypoints, bbox, true, area, bboxOriginal);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Annotation a
                && id == a.id && categoryId == a.categoryId && crowd == a.crowd
                && Double.compare(area, a.area) == 0
                && Arrays.equals(keypoints, a.keypoints) && Arrays.equals(bbox, a.bbox)
                && Arrays.equals(bboxOriginal, a.bboxOriginal);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(id) + Arrays.hashCode(keypoints)) + Arrays.hashCode(bbox);
    }

    @Override
    public String toString() {
        return "Annotation[id=" + id + ", category=" + categoryId + ", crowd=" + crowd
                + ", bbox=" + Arrays.toString(bbox) + ", keypoints=" + labelledKeypoints() + "/" + keypointCount() + "]";
    }
}
