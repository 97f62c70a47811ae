package dev.trainyard.trainer.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Transforms that change colours only: normalisation, jitter, greyscale, JPEG, blur. */
class ImageTransformTest {

    private static Sample sampleOf(RgbImage image) {
        return new Sample(image, List.of(), ImageMeta.of(0, 1, "i.jpg", image.width(), image.height()));
    }

    /** A colourful gradient with some texture. */
    private static RgbImage gradient(int w, int h) {
        RgbImage image = new RgbImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.set(0, x, y, 255f * x / (w - 1));
                image.set(1, x, y, 255f * y / (h - 1));
                image.set(2, x, y, ((x / 4 + y / 4) % 2) * 180f + 30);
            }
        }
        return image;
    }

    @Test
    void normalisesWithImageNetStatistics() {
        RgbImage image = new RgbImage(2, 1);
        image.set(0, 0, 0, 255);
        image.set(1, 0, 0, 0);
        image.set(2, 0, 0, 128);

        float[] input = new Normalize().apply(sampleOf(image), new SplittableRandom(0)).image().data();

        // Layout [3, h, w]: channel c of pixel (x, y) at (c * h + y) * w + x.
        assertEquals((1 - 0.485) / 0.229, input[0], 1e-5);
        assertEquals((0 - 0.456) / 0.224, input[2], 1e-5);
        assertEquals((128 / 255.0 - 0.406) / 0.225, input[4], 1e-5);
        assertEquals(-0.485 / 0.229, input[1], 1e-5);
        assertEquals(0, image.get(0, 1, 0), "input untouched");
    }

    @Test
    void colorJitterStaysInRangeAndKeepsGreyGrey() {
        RgbImage grey = new RgbImage(16, 16);
        grey.fill(90, 90, 90);
        for (int seed = 0; seed < 20; seed++) {
            RgbImage out = ColorJitter.cocokp().apply(sampleOf(grey), new SplittableRandom(seed)).image();
            assertEquals(out.get(0, 3, 3), out.get(1, 3, 3), 1e-3);
            assertEquals(out.get(0, 3, 3), out.get(2, 3, 3), 1e-3);
            assertTrue(out.get(0, 3, 3) >= 90 * 0.6 - 1 && out.get(0, 3, 3) <= 90 * 1.4 + 1);
        }
        assertEquals(90, grey.get(0, 0, 0), "input untouched");

        RgbImage colourful = gradient(32, 24);
        int changed = 0;
        for (int seed = 0; seed < 10; seed++) {
            float[] out = ColorJitter.cocokp().apply(sampleOf(colourful), new SplittableRandom(seed)).image().data();
            for (float v : out) {
                assertTrue(v >= 0 && v <= 255, "value " + v);
            }
            changed += java.util.Arrays.equals(out, colourful.data()) ? 0 : 1;
        }
        assertEquals(10, changed);
    }

    @Test
    void hueShiftKeepsTheValueChannel() {
        RgbImage colourful = gradient(16, 16);
        RgbImage out = new ColorJitter(0, 0, 0, 0.5).apply(sampleOf(colourful), new SplittableRandom(4)).image();
        // Hue moves but value (max channel) is preserved.
        for (int i = 0; i < 16; i++) {
            float maxIn = Math.max(colourful.get(0, i, 5), Math.max(colourful.get(1, i, 5), colourful.get(2, i, 5)));
            float maxOut = Math.max(out.get(0, i, 5), Math.max(out.get(1, i, 5), out.get(2, i, 5)));
            assertEquals(maxIn, maxOut, 1e-3);
        }
    }

    @Test
    void grayscaleUsesLuma() {
        RgbImage image = new RgbImage(1, 1);
        image.set(0, 0, 0, 100);
        image.set(1, 0, 0, 200);
        image.set(2, 0, 0, 50);

        RgbImage out = new Grayscale().apply(sampleOf(image), new SplittableRandom(0)).image();

        float luma = 0.299f * 100 + 0.587f * 200 + 0.114f * 50;
        assertArrayEquals(new float[] {luma, luma, luma}, out.data(), 1e-3f);
    }

    @Test
    void jpegRoundTripAddsSmallArtefacts() {
        RgbImage image = gradient(64, 48);

        RgbImage out = new JpegCompression(50).apply(sampleOf(image), new SplittableRandom(0)).image();

        assertEquals(64, out.width());
        double meanError = 0;
        for (int i = 0; i < out.data().length; i++) {
            meanError += Math.abs(out.data()[i] - image.data()[i]);
        }
        meanError /= out.data().length;
        assertTrue(meanError > 0.5 && meanError < 20, "mean error " + meanError);
    }

    @Test
    void blurKeepsConstantsAndSpreadsDots() {
        RgbImage flat = new RgbImage(20, 10);
        flat.fill(77, 77, 77);
        RgbImage blurred = Blur.blur(flat, 2.5);
        for (float v : blurred.data()) {
            assertEquals(77, v, 1e-3);
        }

        RgbImage dot = new RgbImage(21, 21);
        dot.set(0, 10, 10, 255);
        RgbImage spread = Blur.blur(dot, 1.5);
        assertTrue(spread.get(0, 10, 10) < 255 && spread.get(0, 11, 10) > 0);
        assertEquals(spread.get(0, 9, 10), spread.get(0, 11, 10), 1e-4);
        double total = 0;
        for (int i = 0; i < 21 * 21; i++) {
            total += spread.data()[i];
        }
        assertEquals(255, total, 1e-2);
        assertArrayEquals(dot.data(), Blur.blur(dot, 0.05).data());
    }

    @Test
    void jitterIsReproducible() {
        RgbImage image = gradient(16, 16);
        Transform augment = TrainTransforms.imageAugmentation();
        float[] a = augment.apply(sampleOf(image), new SplittableRandom(9)).image().data();
        float[] b = augment.apply(sampleOf(image), new SplittableRandom(9)).image().data();
        float[] c = augment.apply(sampleOf(image), new SplittableRandom(10)).image().data();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }
}
