package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Sample;
import org.junit.jupiter.api.Test;

class EvalTransformsTest {

    /** 640x427 with image id 42. */
    private static final Sample SAMPLE = DotImages.people(640, 427, 1);

    @Test
    void singleImagesArePaddedToSixteenKPlusOne() {
        Sample out = EvalTransforms.coco(EvalTransforms.DEFAULT_LONG_EDGE, 1).apply(SAMPLE, SampleRandom.of(0, 0, 0));

        assertEquals(641, out.image().width());
        assertEquals(433, out.image().height());
        assertEquals(640.0 / 639.0, out.meta().scaleX(), 1e-9);
        assertEquals(3, out.meta().offsetY());
    }

    @Test
    void batchedImagesArePaddedToTheLongEdgeSquare() {
        Sample out = EvalTransforms.coco(641, 4).apply(SAMPLE, SampleRandom.of(0, 0, 0));

        assertEquals(641, out.image().width());
        assertEquals(641, out.image().height());
        assertThrows(BadInputException.class, () -> EvalTransforms.coco(0, 2));
    }

    @Test
    void longEdgeZeroKeepsTheSize() {
        Sample out = EvalTransforms.coco(0, 1).apply(SAMPLE, SampleRandom.of(0, 0, 0));

        assertEquals(641, out.image().width());
        assertEquals(433, out.image().height());
        assertEquals(1.0, out.meta().scaleX());
    }

    @Test
    void orientationAndScaleChoicesFollowTheImageId() {
        // The reference picks (id + salt) mod n: salt 3 of 4 orientations, salt 1 of 2 scales.
        Sample rotated = EvalTransforms.coco(641, 1, false, true).apply(SAMPLE, SampleRandom.of(0, 0, 0));
        assertEquals(90, rotated.meta().rotationAngle());

        Sample half = EvalTransforms.coco(641, 1, true, false).apply(SAMPLE, SampleRandom.of(0, 0, 0));
        assertEquals(321, Math.max(half.image().width(), half.image().height()));
    }

    @Test
    void keypointsStayOnTheirDots() {
        Transform geometry = Compose.of(new RescaleAbsolute(641), new CenterPadTight(16));
        assertTrue(DotImages.assertKeypointsOnDots(geometry.apply(SAMPLE, SampleRandom.of(0, 0, 0)), 3) > 10);
    }
}
