package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * Coordinate updates of annotations shared by the geometric transforms. Every keypoint slot moves,
 * whatever its visibility, as in the reference.
 */
final class AnnotationGeometry {

    private AnnotationGeometry() {}

    /** Moves keypoints and boxes by {@code (dx, dy)}. */
    static List<Annotation> translate(List<Annotation> annotations, double dx, double dy) {
        List<Annotation> result = new ArrayList<>(annotations.size());
        for (Annotation ann : annotations) {
            float[] kps = ann.keypoints().clone();
            for (int i = 0; i < kps.length; i += 3) {
                kps[i] = (float) (kps[i] + dx);
                kps[i + 1] = (float) (kps[i + 1] + dy);
            }
            float[] box = ann.bbox().clone();
            box[0] = (float) (box[0] + dx);
            box[1] = (float) (box[1] + dy);
            result.add(ann.withGeometry(kps, box));
        }
        return result;
    }

    /** Multiplies keypoints, box corners and box sizes by {@code (sx, sy)}. */
    static List<Annotation> scale(List<Annotation> annotations, double sx, double sy) {
        List<Annotation> result = new ArrayList<>(annotations.size());
        for (Annotation ann : annotations) {
            float[] kps = ann.keypoints().clone();
            for (int i = 0; i < kps.length; i += 3) {
                kps[i] = (float) (kps[i] * sx);
                kps[i + 1] = (float) (kps[i + 1] * sy);
            }
            float[] b = ann.bbox();
            float[] box = {(float) (b[0] * sx), (float) (b[1] * sy), (float) (b[2] * sx), (float) (b[3] * sy)};
            result.add(ann.withGeometry(kps, box));
        }
        return result;
    }
}
