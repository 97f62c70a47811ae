package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelShuffleTest {

    @Test
    void followsPyTorchChannelOrdering() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // [1, 2 * 2 * 2, 2, 3]: value = channel * 100 + h * 10 + w
            int channels = 8;
            int h = 2;
            int w = 3;
            float[] values = new float[channels * h * w];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        values[(c * h + y) * w + x] = c * 100 + y * 10 + x;
                    }
                }
            }
            NDArray input = manager.create(values, new Shape(1, channels, h, w));

            NDArray out = PixelShuffle.apply(input, 2);

            assertEquals(new Shape(1, 2, 4, 6), out.getShape());
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 6; x++) {
                        int i = y % 2;
                        int j = x % 2;
                        float expected = (c * 4 + i * 2 + j) * 100 + (y / 2) * 10 + x / 2;
                        assertEquals(expected, out.getFloat(0, c, y, x), "out[0, " + c + ", " + y + ", " + x + "]");
                    }
                }
            }
        }
    }

    @Test
    void keepsLeadingAxes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.arange(2f * 3 * 9 * 2 * 2).reshape(2, 3, 9, 2, 2);

            NDArray out = PixelShuffle.apply(input, 3);

            assertEquals(new Shape(2, 3, 1, 6, 6), out.getShape());
            // field 1 of sample 1, sub-pixel (i, j) = (2, 1) of cell (1, 0): channel 2 * 3 + 1 = 7
            assertEquals(input.getFloat(1, 1, 7, 1, 0), out.getFloat(1, 1, 0, 1 * 3 + 2, 0 * 3 + 1));
        }
    }

    @Test
    void factorOneIsTheIdentity() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.ones(new Shape(1, 4, 2, 2));

            assertEquals(input, PixelShuffle.apply(input, 1));
        }
    }
}
