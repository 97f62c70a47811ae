package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.Sample;
import org.junit.jupiter.api.Test;

/** Evaluation reports keypoints in original pixels: the eval transforms' metas must map back exactly. */
class ImageMetaInverseTest {

    private static void assertMapsBack(Transform transform, long imageId) {
        Sample original = DotImages.people(640, 427, 2);
        original = original.withMeta(dev.trainyard.trainer.data.ImageMeta.of(0, imageId, "x.jpg", 640, 427));
        Sample out = transform.apply(original, SampleRandom.of(0, 0, 0));
        for (int a = 0; a < original.annotations().size(); a++) {
            Annotation before = original.annotations().get(a);
            Annotation after = out.annotations().get(a);
            for (int k = 0; k < before.keypoints().length; k += 3) {
                if (before.keypoints()[k + 2] <= 0) {
                    continue;
                }
                double[] back = out.meta().toOriginal(after.keypoints()[k], after.keypoints()[k + 1]);
                assertEquals(before.keypoints()[k], back[0], 1e-3, "x of keypoint " + k / 3);
                assertEquals(before.keypoints()[k + 1], back[1], 1e-3, "y of keypoint " + k / 3);
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
