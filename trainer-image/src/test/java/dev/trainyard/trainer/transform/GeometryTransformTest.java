package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rescale, rotation, crop and pad move keypoints exactly where they move pixels. */
class GeometryTransformTest {

    @Test
    void rescaleMapsKeypointsWithCornerAlignedFactors() {
        Sample sample = DotImages.people(321, 241, 2);
        for (int seed = 0; seed < 8; seed++) {
            Sample out = RescaleRelative.cocokp(false, 1.0).apply(sample, new SplittableRandom(seed));
            double sx = (out.image().width() - 1) / 320.0;
            double sy = (out.image().height() - 1) / 240.0;
            Annotation a = sample.annotations().getFirst();
            Annotation b = out.annotations().getFirst();
            assertEquals(a.x(5) * sx, b.x(5), 1e-3);
            assertEquals(a.y(5) * sy, b.y(5), 1e-3);
            assertEquals(a.bbox()[2] * sx, b.bbox()[2], 1e-3);
            assertArrayEquals(new double[] {0, 0, out.image().width() - 1, out.image().height() - 1},
                    out.meta().validArea(), 1e-9);
            assertTrue(DotImages.assertKeypointsOnDots(out, 3) > 20);
        }
    }

    @Test
    void rescaleDrawsScalesAndStretchesInTheReferenceRanges() {
        Sample sample = DotImages.people(400, 400, 1);
        for (int seed = 0; seed < 50; seed++) {
            Sample out = RescaleRelative.cocokp(false, 1.0).apply(sample, new SplittableRandom(seed));
            double scale = out.image().height() / 400.0;
            double stretch = out.image().width() / 400.0 / scale;
            assertTrue(scale >= 0.4 - 0.01 && scale <= 2.0, "scale " + scale);
            assertTrue(stretch >= 0.75 - 0.01 && stretch <= 1.33 + 0.01, "stretch " + stretch);
        }
    }

    @Test
    void rescaleAbsoluteFitsTheLongEdge() {
        Sample wide = DotImages.people(640, 480, 1);
        Sample out = new RescaleAbsolute(385).apply(wide, new SplittableRandom(0));
        assertEquals(385, out.image().width());
        assertEquals(288, out.image().height());

        Sample tall = DotImages.people(480, 640, 1);
        out = new RescaleAbsolute(641).apply(tall, new SplittableRandom(0));
        assertEquals(480, out.image().width());
        assertEquals(641, out.image().height());
        assertTrue(DotImages.assertKeypointsOnDots(out, 3) > 10);
    }

    @Test
    void rotateUniformKeepsKeypointsOnTheirDots() {
        Sample sample = DotImages.people(300, 220, 2);
        for (int seed = 0; seed < 6; seed++) {
            Sample out = new RotateUniform(30).apply(sample, new SplittableRandom(seed));
            assertTrue(out.meta().rotationAngle() != 0);
            assertTrue(DotImages.assertKeypointsOnDots(out, 3) > 20);
        }
    }

    @Test
    void quarterTurnsKeepKeypointsOnTheirDots() {
        Sample square = DotImages.people(200, 200, 1);
        for (int angle : new int[] {90, 180, 270}) {
            Sample out = RotateBy90.fixed(angle).apply(square, new SplittableRandom(0));
            assertEquals(angle, out.meta().rotationAngle());
            assertEquals(200, out.meta().rotationWidth());
            assertEquals(17, DotImages.assertKeypointsOnDots(out, 3));
        }
        Sample wide = DotImages.people(241, 160, 1);
        Sample out = RotateBy90.fixed(90).apply(wide, new SplittableRandom(0));
        assertEquals(241, out.image().width());
        assertTrue(DotImages.assertKeypointsOnDots(out, 3) > 5);
    }

    @Test
    void quarterTurnOfASquareMovesPixelsExactly() {
        RgbImage image = new RgbImage(4, 4);
        image.set(0, 3, 1, 200);
        Sample sample = new Sample(image, List.of(), ImageMeta.of(0, 1, "q.jpg", 4, 4));

        Sample out = RotateBy90.fixed(90).apply(sample, new SplittableRandom(0));

        // Counter-clockwise on screen: the right edge moves to the top.
        assertEquals(200, out.image().get(0, 1, 0));
        assertEquals(200, sum(out.image().data()));
    }

    @Test
    void rotatingTwiceIsRejected() {
        Sample once = RotateBy90.fixed(90).apply(DotImages.people(100, 100, 1), new SplittableRandom(0));
        assertThrows(IllegalStateException.class, () -> new RotateUniform(30).apply(once, new SplittableRandom(0)));
    }

    @Test
    void centerPadShiftsKeypointsAndValidArea() {
        Sample sample = DotImages.people(100, 60, 1);
        Sample out = new CenterPad(129).apply(sample, new SplittableRandom(3));

        assertEquals(129, out.image().width());
        assertEquals(129, out.image().height());
        assertArrayEquals(new double[] {14, 34, 99, 59}, out.meta().validArea());
        assertEquals(sample.annotations().getFirst().x(0) + 14, out.annotations().getFirst().x(0), 1e-5);
        assertEquals(14, out.meta().offsetX());
        assertEquals(34, out.meta().offsetY());
        assertTrue(DotImages.assertKeypointsOnDots(out, 3) > 10);
    }

    @Test
    void validAreaMarksExactlyTheImagePixelsAfterPadding() {
        RgbImage image = new RgbImage(30, 20);
        image.fill(200, 10, 10);
        Sample sample = new Sample(image, List.of(), ImageMeta.of(0, 1, "p.jpg", 30, 20));

        Sample out = new CenterPad(41).apply(sample, new SplittableRandom(5));

        double[] va = out.meta().validArea();
        int first = (int) va[0];
        int last = (int) (va[0] + va[2]);
        int row = (int) va[1] + 5;
        assertEquals(200, out.image().get(0, first, row));
        assertEquals(200, out.image().get(0, last, row));
        assertEquals(out.image().get(1, first - 1, row), out.image().get(0, first - 1, row), "fill is grey");
        assertEquals(out.image().get(1, last + 1, row), out.image().get(0, last + 1, row), "fill is grey");
    }

    @Test
    void centerPadTightPadsToSixteenKPlusOne() {
        Sample sample = DotImages.people(100, 60, 1);
        Sample out = new CenterPadTight(16).apply(sample, new SplittableRandom(0));

        assertEquals(113, out.image().width());
        assertEquals(65, out.image().height());
        assertEquals(124, out.image().get(0, 0, 0));
        assertEquals(104, out.image().get(2, 0, 0));
        assertEquals(17, DotImages.assertKeypointsOnDots(out, 3));
    }

    @Test
    void cropKeepsTheAreaOfInterest() {
        // One small person in a large image: the crop must contain the person with its margin.
        Sample big = DotImages.people(200, 160, 1);
        Sample sample = new CenterPad(1000, 800).apply(big, new SplittableRandom(0));
        Annotation person = sample.annotations().getFirst();
        for (int seed = 0; seed < 20; seed++) {
            Sample out = new Crop(385).apply(sample, new SplittableRandom(seed));
            assertEquals(385, out.image().width());
            assertEquals(385, out.image().height());
            Annotation cropped = out.annotations().getFirst();
            double dx = cropped.bbox()[0] - person.bbox()[0];
            double dy = cropped.bbox()[1] - person.bbox()[1];
            assertEquals(person.bbox()[2], cropped.bbox()[2], 1e-3, "box not clipped");
            assertEquals(person.bbox()[3], cropped.bbox()[3], 1e-3, "box not clipped");
            assertEquals(person.x(3) + dx, cropped.x(3), 1e-3);
            assertEquals(person.y(3) + dy, cropped.y(3), 1e-3);
            assertEquals(sample.meta().offsetX() + dx, out.meta().offsetX(), 1e-9);
            assertEquals(17, DotImages.assertKeypointsOnDots(out, 3));
        }
    }

    @Test
    void cropDropsAnnotationsThatLeaveTheImageAndClipsValidArea() {
        RgbImage image = new RgbImage(800, 500);
        Annotation inside = new Annotation(1, 1, new float[51], new float[] {20, 20, 40, 40}, false, 1);
        Annotation outside = new Annotation(2, 1, new float[51], new float[] {700, 400, 50, 50}, false, 1);
        Sample sample = new Sample(image, List.of(inside, outside), ImageMeta.of(0, 1, "c.jpg", 800, 500));

        Sample out = new Crop(385).apply(sample, new SplittableRandom(0));

        // Area of interest is [0, 799] wide, so the crop lands at its left end or near it.
        assertEquals(List.of(1L), out.annotations().stream().map(Annotation::id).toList());
        double[] va = out.meta().validArea();
        assertEquals(0, va[0]);
        assertEquals(385, va[0] + va[2], 1e-9);
        assertEquals(385, va[1] + va[3], 1e-9);
    }

    @Test
    void cropOffsetFollowsTheReferenceQuirk() {
        // Interest larger than the crop: offset = interestMin + (interestLength - edge) * clip(U(-0.1, 0.1), 0, 1).
        Crop crop = new Crop(100);
        int atMinimum = 0;
        for (int seed = 0; seed < 400; seed++) {
            int offset = crop.randomLocation(999, 0, 999, 0, 999, new SplittableRandom(seed));
            assertTrue(offset >= 0 && offset <= 90, "offset " + offset + " beyond 10% of 899");
            if (offset == 0) {
                atMinimum++;
            }
        }
        assertTrue(atMinimum > 150 && atMinimum < 250, "about half at the minimum, got " + atMinimum);
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
