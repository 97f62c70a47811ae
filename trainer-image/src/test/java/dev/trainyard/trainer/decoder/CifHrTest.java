package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CifHrTest {

    /** The reference's accumulation, pixel by pixel with its branches, into a plain array. */
    private static void referenceAddGauss(float[] map, int height, int width, int f, float v, float x, float y,
                                          float sigma) {
        int minX = (int) Math.clamp((long) (x - sigma), 0, width - 1);
        int minY = (int) Math.clamp((long) (y - sigma), 0, height - 1);
        int maxX = (int) Math.clamp((long) (x + sigma + 1), minX + 1, width);
        int maxY = (int) Math.clamp((long) (y + sigma + 1), minY + 1, height);
        float sigma2 = sigma * sigma;
        for (int xx = minX; xx < maxX; xx++) {
            float dx2 = (xx - x) * (xx - x);
            for (int yy = minY; yy < maxY; yy++) {
                float dy2 = (yy - y) * (yy - y);
                if (dx2 + dy2 > sigma2) {
                    continue;
                }
                float vv = dx2 < 0.25 && dy2 < 0.25 ? v : v * approxExp((float) (-0.5 * (dx2 + dy2) / sigma2));
                int i = (f * height + yy) * width + xx;
                map[i] = Math.min(map[i] + vv, 1.0f);
            }
        }
    }

    private static float approxExp(float x) {
        if (x > 2.0 || x < -2.0) {
            return 0.0f;
        }
        x = 1.0f + x / 8.0f;
        x *= x;
        x *= x;
        x *= x;
        return x;
    }

    @Test
    void accumulationMatchesTheReferenceLoopAcrossImagesOfDifferentSizes() {
        CifHr hr = new CifHr();
        SplittableRandom random = new SplittableRandom(1);
        int[][] grids = {{31, 41}, {41, 31}, {31, 41}, {9, 12}};
        int stride = 16;
        for (int[] grid : grids) {
            int height = (grid[0] - 1) * stride + 1;
            int width = (grid[1] - 1) * stride + 1;
            hr.reset(3, grid[0], grid[1], stride);
            float[] expected = new float[3 * height * width];
            for (int k = 0; k < 400; k++) {
                int f = random.nextInt(3);
                // some beyond the edges, some piled up to reach the cap of 1
                float x = k % 5 == 0 ? 40.3f : (float) (random.nextDouble() * (width + 20) - 10);
                float y = k % 5 == 0 ? 60.7f : (float) (random.nextDouble() * (height + 20) - 10);
                float sigma = Math.max(1.0f, (float) (random.nextDouble() * 12));
                float v = (float) random.nextDouble() / 16 * 4;
                hr.addGauss(f, v, x, y, sigma);
                referenceAddGauss(expected, height, width, f, v, x, y, sigma);
            }
            for (int f = 0; f < 3; f++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        assertEquals(expected[(f * height + y) * width + x], hr.value(f, x, y, -1.0f), 1e-6f,
                                "field " + f + " at (" + x + ", " + y + ") of " + width + "x" + height);
                    }
                }
            }
        }
    }

    @Test
    void readsRoundToTheNearestPixelAndGiveTheDefaultOutsideTheMap() {
        CifHr hr = new CifHr();
        hr.reset(2, 3, 3, 8);
        hr.addGauss(0, 0.5f, 5.0f, 6.0f, 1.0f);

        assertEquals(0.5f, hr.value(0, 5.4f, 5.6f, -1.0f));
        assertEquals(0.0f, hr.value(0, 12.0f, 12.0f, -1.0f), "untouched pixels inside the map read 0");
        assertEquals(0.0f, hr.value(1, 5.0f, 6.0f, -1.0f));
        assertEquals(-1.0f, hr.value(0, -0.5f, 6.0f, -1.0f));
        assertEquals(-1.0f, hr.value(0, 16.5f, 6.0f, -1.0f));
        assertEquals(-1.0f, hr.value(2, 5.0f, 6.0f, -1.0f), "a field the map does not have");

        hr.reset(2, 3, 3, 8);
        assertEquals(0.0f, hr.value(0, 5.0f, 6.0f, -1.0f), "the next image starts empty");
    }
}
