package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoConstants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainTransformsTest {

    private static final int EDGE = 129;
    private static final CocoKpConfig CONFIG = CocoKpConfig.defaults().withSquareEdge(EDGE);

    /** The training geometry (no colour steps or normalisation, so dots stay measurable). */
    private static Transform geometry(boolean rotate) {
        return Compose.of(
                new RandomApply(HFlip.coco(), 0.5),
                RescaleRelative.cocokp(false, 1.0),
                new RandomApply(new Blur(1.0), 0.5),
                rotate ? new RandomApply(new RotateUniform(30), 0.5) : Transform.identity(),
                new Crop(EDGE),
                new CenterPad(EDGE));
    }

    @Test
    void trainingOutputIsANormalisedSquare() {
        Sample sample = DotImages.people(320, 240, 2);
        Transform pipeline = TrainTransforms.cocokp(CONFIG);
        for (int index = 0; index < 10; index++) {
            Sample out = pipeline.apply(sample, SampleRandom.of(1, 0, index));
            assertEquals(EDGE, out.image().width());
            assertEquals(EDGE, out.image().height());
            assertEquals(3 * EDGE * EDGE, out.image().data().length);
            for (float v : out.image().data()) {
                assertTrue(v >= -2.2f && v <= 2.7f, "normalised value " + v);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalSamplesAndOtherSeedsDiffer() {
        Sample sample = DotImages.people(320, 240, 2);
        Transform pipeline = TrainTransforms.cocokp(CONFIG);

        Sample a = pipeline.apply(sample, SampleRandom.of(11, 3, 5));
        Sample b = pipeline.apply(sample, SampleRandom.of(11, 3, 5));
        assertArrayEquals(a.image().data(), b.image().data());
        assertEquals(a.annotations(), b.annotations());
        assertEquals(a.meta().offsetX(), b.meta().offsetX());

        int differing = 0;
        for (int seed = 12; seed < 17; seed++) {
            Sample c = pipeline.apply(sample, SampleRandom.of(seed, 3, 5));
            if (!Arrays.equals(a.image().data(), c.image().data())) {
                differing++;
            }
        }
        assertEquals(5, differing);
        assertFalse(Arrays.equals(a.image().data(), pipeline.apply(sample, SampleRandom.of(11, 4, 5)).image().data()),
                "another epoch augments differently");
    }

    @Test
    void keypointsStayOnTheirDotsThroughTheTrainingGeometry() {
        Sample sample = DotImages.people(320, 240, 2);
        Transform pipeline = geometry(true);
        int checked = 0;
        for (int index = 0; index < 30; index++) {
            checked += DotImages.assertKeypointsOnDots(pipeline.apply(sample, SampleRandom.of(2, 0, index)), 3);
        }
        assertTrue(checked > 200, "checked only " + checked + " keypoints");
    }

    @Test
    void metaMapsOriginalKeypointsToTransformedOnes() {
        Sample sample = DotImages.people(320, 240, 2);
        int[] flip = CocoConstants.hflipPermutation(CocoConstants.KEYPOINTS, CocoConstants.HFLIP);
        Transform pipeline = geometry(false);
        int flipped = 0;
        for (int index = 0; index < 30; index++) {
            Sample out = pipeline.apply(sample, SampleRandom.of(3, 0, index));
            ImageMeta meta = out.meta();
            flipped += meta.hflip() ? 1 : 0;
            for (Annotation after : out.annotations()) {
                Annotation before = sample.annotations().stream().filter(a -> a.id() == after.id()).findFirst().orElseThrow();
                for (int j = 0; j < 17; j++) {
                    // ImageMeta: transformed = original' * scale + offset, original' mirrored when hflip.
                    double x = meta.hflip() ? meta.originalWidth() - 1 - before.x(j) : before.x(j);
                    int target = meta.hflip() ? flip[j] : j;
                    assertEquals(x * meta.scaleX() + meta.offsetX(), after.x(target), 1e-3);
                    assertEquals(before.y(j) * meta.scaleY() + meta.offsetY(), after.y(target), 1e-3);
                }
            }
        }
        assertTrue(flipped > 5 && flipped < 25, "flips " + flipped);
    }

    @Test
    void noAugmentationRescalesAndPads() {
        Sample sample = DotImages.people(640, 480, 1);
        Sample out = TrainTransforms.cocokp(CocoKpConfig.defaults().withAugmentation(false))
                .apply(sample, SampleRandom.of(0, 0, 0));

        assertEquals(385, out.image().width());
        assertEquals(385, out.image().height());
        double s = 384.0 / 639.0;
        int top = (385 - 288) / 2;
        Annotation before = sample.annotations().getFirst();
        Annotation after = out.annotations().getFirst();
        assertEquals(before.x(4) * s, after.x(4), 1e-3);
        assertEquals(before.y(4) * (287.0 / 479.0) + top, after.y(4), 1e-3);
        assertArrayEquals(new double[] {0, top, 384, 287}, out.meta().validArea(), 1e-9);
    }

    @Test
    void configRejectsImpossibleFlags() {
        assertThrows(BadInputException.class, () -> new CocoKpConfig(0, false, 0, 0, true, 1));
        assertThrows(BadInputException.class, () -> new CocoKpConfig(385, false, 0.7, 0, true, 1));
        assertThrows(BadInputException.class, () -> new CocoKpConfig(385, false, 0, 1.5, true, 1));
    }

    @Test
    void cocodetOutputIsANormalisedSquareWithoutTinyOrMostlyCroppedObjects() {
        // small people in a large crop, so that some stay whole
        Sample people = DotImages.people(160, 120, 2);
        List<Annotation> anns = new ArrayList<>(people.annotations());
        anns.add(new Annotation(9, 1, new float[0], new float[] {30, 30, 1, 1}, false, 1));
        Sample sample = people.withAnnotations(anns);
        int edge = 2 * EDGE - 1;
        Transform pipeline = TrainTransforms.cocodet(CocoDetConfig.defaults().withSquareEdge(edge));

        int tinyCrowds = 0;
        int checked = 0;
        for (int index = 0; index < 20; index++) {
            Sample out = pipeline.apply(sample, SampleRandom.of(4, 0, index));
            assertEquals(edge, out.image().width());
            assertEquals(edge, out.image().height());
            for (Annotation ann : out.annotations()) {
                if (ann.id() == 9) {
                    assertTrue(ann.crowd(), "a 1x1 box stays below 4 px");
                    tinyCrowds++;
                    continue;
                }
                if (ann.crowd()) {
                    continue;
                }
                float[] b = ann.bbox();
                float[] o = ann.bboxOriginal();
                assertTrue(b[2] > 4 && b[3] > 4, ann.toString());
                double left = (b[2] / out.meta().scaleX()) * (b[3] / out.meta().scaleY()) / (o[2] * o[3]);
                assertTrue(left > 0.75, "non-crowd with " + left + " of its area");
                checked++;
            }
        }
        assertTrue(tinyCrowds > 0);
        assertTrue(checked > 0);
    }

    @Test
    void cocodetWithoutAugmentationOnlyRescalesAndPads() {
        Sample sample = DotImages.people(320, 240, 2);
        CocoDetConfig config = CocoDetConfig.defaults().withSquareEdge(EDGE).withAugmentation(false);

        Sample det = TrainTransforms.cocodet(config).apply(sample, SampleRandom.of(1, 0, 0));
        Sample kp = TrainTransforms.cocokp(CONFIG.withAugmentation(false)).apply(sample, SampleRandom.of(1, 0, 0));

        assertArrayEquals(kp.image().data(), det.image().data());
        assertEquals(kp.annotations(), det.annotations());
    }

    @Test
    void cocodetFlagsHaveTheirOwnLimits() {
        assertEquals(0.8, new CocoDetConfig(513, false, 0.8, 0, true, 1).orientationInvariant());
        BadInputException e = assertThrows(BadInputException.class, () -> new CocoDetConfig(513, false, 0.81, 0, true, 1));
        assertEquals("--cocodet-orientation-invariant must be in [0, 0.8], got 0.81", e.getMessage());
    }
}
