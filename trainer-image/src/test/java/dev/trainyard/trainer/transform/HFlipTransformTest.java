package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoConstants;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HFlipTransformTest {

    private static final int LEFT_EYE = CocoConstants.KEYPOINTS.indexOf("left_eye");
    private static final int RIGHT_EYE = CocoConstants.KEYPOINTS.indexOf("right_eye");
    private static final int NOSE = CocoConstants.KEYPOINTS.indexOf("nose");
    private static final int LEFT_ANKLE = CocoConstants.KEYPOINTS.indexOf("left_ankle");
    private static final int RIGHT_ANKLE = CocoConstants.KEYPOINTS.indexOf("right_ankle");

    private final Transform flip = Compose.of(HFlip.coco());

    @Test
    void swapsLeftAndRightAndMirrorsX() {
        Sample sample = DotImages.people(200, 120, 1);
        Annotation before = sample.annotations().getFirst();
        Annotation after = flip.apply(sample, new SplittableRandom(1)).annotations().getFirst();

        assertEquals(199 - before.x(LEFT_EYE), after.x(RIGHT_EYE), 1e-4);
        assertEquals(before.y(LEFT_EYE), after.y(RIGHT_EYE));
        assertEquals(199 - before.x(RIGHT_EYE), after.x(LEFT_EYE), 1e-4);
        assertEquals(199 - before.x(LEFT_ANKLE), after.x(RIGHT_ANKLE), 1e-4);
        assertEquals(199 - before.x(NOSE), after.x(NOSE), 1e-4);
        assertEquals(before.v(LEFT_EYE), after.v(RIGHT_EYE));
    }

    @Test
    void mirrorsPixelsBoxAndValidArea() {
        Sample sample = DotImages.people(200, 120, 1);
        Sample flipped = flip.apply(sample, new SplittableRandom(1));

        assertEquals(sample.image().get(0, 3, 50), flipped.image().get(0, 196, 50));
        float[] box = sample.annotations().getFirst().bbox();
        float[] mirrored = flipped.annotations().getFirst().bbox();
        assertEquals(199 - (box[0] + box[2]), mirrored[0], 1e-4);
        assertEquals(box[2], mirrored[2]);
        assertArrayEquals(new double[] {0, 0, 199, 119}, flipped.meta().validArea());
        assertTrue(flipped.meta().hflip());
        assertEquals(0, DotImages.assertKeypointsOnDots(flipped, 3) - 17);
    }

    @Test
    void twiceIsTheIdentity() {
        Sample sample = DotImages.people(150, 100, 2);
        Sample twice = HFlip.coco().apply(HFlip.coco().apply(sample, new SplittableRandom(1)), new SplittableRandom(2));

        assertEquals(sample.annotations(), twice.annotations());
        assertArrayEquals(sample.image().data(), twice.image().data());
        assertFalse(twice.meta().hflip());
        assertArrayEquals(sample.meta().validArea(), twice.meta().validArea());
        assertEquals(sample.meta().offsetX(), twice.meta().offsetX(), 1e-9);
    }

    @Test
    void keepsCrowdKeypointOrder() {
        float[] kps = new float[3 * 17];
        kps[3 * LEFT_EYE] = 10;
        Annotation crowd = new Annotation(9, 1, kps, new float[] {0, 0, 20, 20}, true, 400);
        Sample sample = new Sample(new RgbImage(50, 40), List.of(crowd), ImageMeta.of(0, 1, "c.jpg", 50, 40));

        Annotation flipped = HFlip.coco().apply(sample, new SplittableRandom(1)).annotations().getFirst();

        assertEquals(39, flipped.x(LEFT_EYE), 1e-6);
        assertEquals(49, flipped.x(RIGHT_EYE), 1e-6);
    }

    @Test
    void leavesTheInputUntouched() {
        Sample sample = DotImages.people(120, 80, 1);
        float[] pixels = sample.image().data().clone();
        float[] keypoints = sample.annotations().getFirst().keypoints().clone();

        flip.apply(sample, new SplittableRandom(1));

        assertArrayEquals(pixels, sample.image().data());
        assertArrayEquals(keypoints, sample.annotations().getFirst().keypoints());
    }
}
