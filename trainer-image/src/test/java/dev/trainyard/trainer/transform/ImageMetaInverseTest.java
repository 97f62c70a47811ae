package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.decoder.Pose;
import org.junit.jupiter.api.Test;

/**
 * Evaluation reports keypoints in original pixels: a pose at the transformed keypoints, mapped
 * back through the eval transforms' metas ({@link Pose#toOriginal}), lands on the originals.
 */
class ImageMetaInverseTest {

    private static void assertMapsBack(Transform transform, long imageId) {
        Sample original = DotImages.people(640, 427, 2);
        original = original.withMeta(dev.trainyard.trainer.data.ImageMeta.of(0, imageId, "x.jpg", 640, 427));
        Sample out = transform.apply(original, SampleRandom.of(0, 0, 0));
        for (int a = 0; a < original.annotations().size(); a++) {
            Annotation before = original.annotations().get(a);
            Annotation after = out.annotations().get(a);
            int n = before.keypoints().length / 3;
            double[][] transformed = new double[n][];
            for (int j = 0; j < n; j++) {
                transformed[j] = new double[] {after.keypoints()[3 * j], after.keypoints()[3 * j + 1], 1};
            }
            Pose back = new Pose(transformed, new double[n], 1).toOriginal(out.meta());
            for (int j = 0; j < n; j++) {
                if (before.keypoints()[3 * j + 2] <= 0) {
                    continue;
                }
                assertEquals(before.keypoints()[3 * j], back.x(j), 1e-3, "x of keypoint " + j);
                assertEquals(before.keypoints()[3 * j + 1], back.y(j), 1e-3, "y of keypoint " + j);
            }
        }
    }

    @Test
    void rescaleAndPadMapBack() {
        assertMapsBack(EvalTransforms.coco(641, 1), 1);
        assertMapsBack(EvalTransforms.coco(641, 4), 1);
        assertMapsBack(EvalTransforms.coco(321, 1), 1);
    }

    @Test
    void quarterTurnsOfOrientationInvariantEvaluationMapBack() {
        // The turn is chosen by image id: ids 1..4 cover the four quarter turns.
        for (long id = 1; id <= 4; id++) {
            assertMapsBack(EvalTransforms.coco(641, 1, false, true), id);
        }
    }
}
