package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Annotation;
import dev.trainyard.trainer.data.ImageMeta;
import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixtures: dark images with a small red Gaussian dot painted at every keypoint, and a search
 * for the dot nearest to where a transformed keypoint claims to be. Red-minus-green is the signal, so
 * grey padding and fill never look like a dot.
 */
final class DotImages {

    static final double DOT_SIGMA = 2.0;
    static final int KEYPOINTS = 17;

    private DotImages() {}

    /** A {@code width x height} sample with {@code people} persons whose 17 keypoints lie on a grid. */
    static Sample people(int width, int height, int people) {
        List<Annotation> anns = new ArrayList<>();
        int columns = 6;
        double spacingX = (width - 40.0) / (columns - 1);
        int rows = (people * KEYPOINTS + columns - 1) / columns;
        double spacingY = (height - 40.0) / Math.max(1, rows - 1);
        for (int p = 0; p < people; p++) {
            float[] kps = new float[3 * KEYPOINTS];
            for (int j = 0; j < KEYPOINTS; j++) {
                int k = p * KEYPOINTS + j;
                // Quarter-pixel offsets keep the tests honest about sub-pixel mapping.
                kps[3 * j] = (float) (20 + (k % columns) * spacingX + 0.25);
                kps[3 * j + 1] = (float) (20 + (k / columns) * spacingY + 0.75);
                kps[3 * j + 2] = 2;
            }
            anns.add(new Annotation(p + 1, 1, kps, hull(kps), false, 1000));
        }
        return new Sample(paint(width, height, anns), anns, ImageMeta.of(7, 42, "dots.jpg", width, height));
    }

    static float[] hull(float[] kps) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < kps.length; i += 3) {
            minX = Math.min(minX, kps[i]);
            minY = Math.min(minY, kps[i + 1]);
            maxX = Math.max(maxX, kps[i]);
            maxY = Math.max(maxY, kps[i + 1]);
        }
        return new float[] {minX, minY, maxX - minX, maxY - minY};
    }

    /** A black image with a red Gaussian dot (peak 255) at every keypoint. */
    static RgbImage paint(int width, int height, List<Annotation> anns) {
        RgbImage image = new RgbImage(width, height);
        int r = (int) Math.ceil(4 * DOT_SIGMA);
        for (Annotation ann : anns) {
            for (int j = 0; j < ann.keypointCount(); j++) {
                double kx = ann.x(j);
                double ky = ann.y(j);
                for (int y = (int) ky - r; y <= (int) ky + r; y++) {
                    for (int x = (int) kx - r; x <= (int) kx + r; x++) {
                        if (x < 0 || y < 0 || x >= width || y >= height) {
                            continue;
                        }
                        double d2 = (x - kx) * (x - kx) + (y - ky) * (y - ky);
                        float v = (float) (255 * Math.exp(-d2 / (2 * DOT_SIGMA * DOT_SIGMA)));
                        image.set(0, x, y, Math.max(image.get(0, x, y), v));
                    }
                }
            }
        }
        return image;
    }

    /** Red minus green at a pixel: the dot signal. */
    static float signal(RgbImage image, int x, int y) {
        return image.get(0, x, y) - image.get(1, x, y);
    }

    /**
     * Distance from {@code (x, y)} to the nearest local maximum of the dot signal above
     * {@code threshold} within a 5 px window, refined to sub-pixel by a parabola per axis;
     * infinity when there is none.
     */
    static double distanceToDot(RgbImage image, double x, double y, float threshold) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        double best = Double.POSITIVE_INFINITY;
        for (int py = cy - 5; py <= cy + 5; py++) {
            for (int px = cx - 5; px <= cx + 5; px++) {
                if (px < 1 || py < 1 || px >= image.width() - 1 || py >= image.height() - 1) {
                    continue;
                }
                float v = signal(image, px, py);
                if (v < threshold || !isLocalMax(image, px, py, v)) {
                    continue;
                }
                double sx = px + parabola(signal(image, px - 1, py), v, signal(image, px + 1, py));
                double sy = py + parabola(signal(image, px, py - 1), v, signal(image, px, py + 1));
                best = Math.min(best, Math.hypot(sx - x, sy - y));
            }
        }
        return best;
    }

    private static boolean isLocalMax(RgbImage image, int px, int py, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if ((dx != 0 || dy != 0) && signal(image, px + dx, py + dy) > v) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double parabola(float left, float centre, float right) {
        double denominator = left - 2 * centre + right;
        return denominator == 0 ? 0 : 0.5 * (left - right) / denominator;
    }

    /**
     * Asserts that every labelled keypoint at least {@code margin} px inside the image sits on a dot;
     * returns how many were checked.
     */
    static int assertKeypointsOnDots(Sample sample, double margin) {
        RgbImage image = sample.image();
        int checked = 0;
        for (Annotation ann : sample.annotations()) {
            for (int j = 0; j < ann.keypointCount(); j++) {
                double x = ann.x(j);
                double y = ann.y(j);
                if (ann.v(j) <= 0 || x < margin || y < margin
                        || x > image.width() - 1 - margin || y > image.height() - 1 - margin) {
                    continue;
                }
                double d = distanceToDot(image, x, y, 60f);
                if (!(d <= 1.0)) {
                    throw new AssertionError("keypoint " + j + " of annotation " + ann.id() + " at (" + x + ", " + y
                            + ") is " + d + " px from the nearest dot in a " + image.width() + "x" + image.height()
                            + " image, meta " + sample.meta() + " valid " + Arrays.toString(sample.meta().validArea()));
                }
                checked++;
            }
        }
        return checked;
    }
}
