package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnclippedAreaTest {

    private static final float[] ORIGINAL = {20, 10, 100, 50};

    /** An annotation read with {@link #ORIGINAL} as its box, now with box {@code [x, y, width, height]}. */
    private static Annotation now(float width, float height) {
        return new Annotation(1, 3, new float[0], ORIGINAL.clone(), false, 5000)
                .withGeometry(new float[0], new float[] {0, 0, width, height});
    }

    private static boolean crowdAfter(Annotation ann, double scaleX, double scaleY) {
        ImageMeta meta = ImageMeta.of(0, 1, "a.jpg", 64, 64).withScale(scaleX, scaleY);
        Sample sample = new Sample(new RgbImage(64, 64), List.of(ann), meta);
        return new UnclippedArea(0.75).apply(sample, new SplittableRandom(1)).annotations().getFirst().crowd();
    }

    @Test
    void theAreaLeftIsMeasuredInOriginalPixels() {
        assertFalse(crowdAfter(now(200, 100), 2, 2), "rescaled x2, nothing cut");
        assertFalse(crowdAfter(now(100 * 1.5f * 0.8f, 50 * 1.5f), 1.5, 1.5), "80% left");
        assertTrue(crowdAfter(now(100 * 1.5f * 0.7f, 50 * 1.5f), 1.5, 1.5), "70% left");
        assertFalse(crowdAfter(now(100 * 0.5f * 1.2f, 50 * 0.5f), 0.6, 0.5), "stretched x by 1.2, nothing cut");
    }

    @Test
    void anEmptyOriginalBoxMakesACrowd() {
        Annotation empty = new Annotation(1, 3, new float[0], new float[] {5, 5, 0, 10}, false, 0);
        assertTrue(crowdAfter(empty, 1, 1));
    }

    @Test
    void theOriginalBoxSurvivesTheGeometricTransforms() {
        Sample sample = DotImages.people(320, 240, 2);
        Transform geometry = Compose.of(new RandomApply(HFlip.coco(), 0.5), RescaleRelative.cocodet(true, 1.0),
                new RotateUniform(10), new Crop(97), new CenterPad(97));
        for (int index = 0; index < 10; index++) {
            Sample out = geometry.apply(sample, SampleRandom.of(3, 0, index));
            for (Annotation ann : out.annotations()) {
                Annotation in = sample.annotations().get((int) ann.id() - 1);
                assertArrayEquals(in.bbox(), ann.bboxOriginal());
            }
        }
    }

    @Test
    void aCropThatCutsMostOfAPersonAwayMakesItACrowd() {
        Sample sample = DotImages.people(320, 240, 1);
        float[] box = sample.annotations().getFirst().bbox();
        // a crop of the left 30% of the person's box, no rescale
        Sample cropped = new Crop(Math.round(box[0] + 0.3f * box[2]), false).apply(sample, new SplittableRandom(1));

        Annotation out = new UnclippedArea(0.75).apply(cropped, new SplittableRandom(1)).annotations().getFirst();

        assertEquals(1, out.id());
        assertTrue(out.crowd(), "about 30% of the box is left");
    }
}
