package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.transform.Normalize;

/**
 * Paints the dimmed input image with one field's confidence map over it, each cell upsampled to
 * the {@code stride x stride} pixels around its centre: orange with an opacity that grows with the
 * confidence (a target's 1, a prediction's [0, 1]), grey stripes where a target is ignored (NaN),
 * the plain image where the confidence is 0.
 */
final class ConfidenceOverlay {

    static final int CONFIDENCE_RGB = 0xff9600;
    static final int IGNORED_RGB = 0xc8c8c8;
    /** How much of the input's brightness is kept, so the overlay and the vectors stand out. */
    private static final float DIM = 0.5f;
    private static final float CONFIDENCE_ALPHA = 0.75f;
    private static final float IGNORED_ALPHA = 0.7f;

    /** Per channel, colour = input x GAIN + OFFSET: the inverse of {@link Normalize}, taken from it. */
    private static final float[] GAIN = new float[3];
    private static final float[] OFFSET = new float[3];

    static {
        float[] black = Normalize.networkInput(new RgbImage(1, 1));
        float[] white = Normalize.networkInput(new RgbImage(1, 1, new float[] {255f, 255f, 255f}));
        for (int c = 0; c < 3; c++) {
            GAIN[c] = 255f / (white[c] - black[c]);
            OFFSET[c] = -black[c] * GAIN[c];
        }
    }

    /** Cell counts of the painted field. */
    record Counts(int positive, int ignored) {}

    private ConfidenceOverlay() {}

    /**
     * Paints into {@code rgb}, packed {@code 0xRRGGBB} rows of {@code width} pixels, starting at
     * row {@code top}.
     *
     * @param image normalised network input {@code [3, height, width]}
     * @param fields the head's targets or predictions for this image
     */
    static void paint(float[] image, int width, int height, FieldView fields, int field, int[] rgb, int top) {
        int stride = fields.meta().stride();
        int[] cellX = cells(width, stride, fields.width());
        int[] cellY = cells(height, stride, fields.height());
        int n = width * height;
        for (int py = 0; py < height; py++) {
            int cy = cellY[py];
            int src = py * width;
            int dst = (top + py) * width;
            for (int px = 0; px < width; px++) {
                int i = src + px;
                float r = colour(image[i], 0);
                float g = colour(image[n + i], 1);
                float b = colour(image[2 * n + i], 2);
                float confidence = fields.confidence(field, cy, cellX[px]);
                int overlay = CONFIDENCE_RGB;
                float alpha = 0f;
                if (confidence > 0f) {
                    alpha = CONFIDENCE_ALPHA * Math.min(confidence, 1f);
                } else if (Float.isNaN(confidence) && ((px + py) & 7) < 3) {
                    // diagonal stripes keep the image visible under the ignored region
                    overlay = IGNORED_RGB;
                    alpha = IGNORED_ALPHA;
                }
                if (alpha > 0f) {
                    r += alpha * (((overlay >> 16) & 0xff) - r);
                    g += alpha * (((overlay >> 8) & 0xff) - g);
                    b += alpha * ((overlay & 0xff) - b);
                }
                rgb[dst + px] = ((int) r << 16) | ((int) g << 8) | (int) b;
            }
        }
    }

    /** Positive ({@code c >} {@link FieldView#MIN_CONFIDENCE}) and ignored (NaN) cells of one field. */
    static Counts count(FieldView fields, int field) {
        int positive = 0;
        int ignored = 0;
        for (int y = 0; y < fields.height(); y++) {
            for (int x = 0; x < fields.width(); x++) {
                float c = fields.confidence(field, y, x);
                if (c > FieldView.MIN_CONFIDENCE) {
                    positive++;
                } else if (Float.isNaN(c)) {
                    ignored++;
                }
            }
        }
        return new Counts(positive, ignored);
    }

    /** Dimmed [0, 255] colour of a normalised input value. */
    private static float colour(float input, int channel) {
        return DIM * Math.clamp(input * GAIN[channel] + OFFSET[channel], 0f, 255f);
    }

    /**
     * The field cell of each pixel along one axis: cell {@code k} is centred on pixel
     * {@code k * stride}, so it covers the pixels within half a stride of that.
     */
    private static int[] cells(int pixels, int stride, int fieldCells) {
        int[] cell = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            cell[p] = Math.min((p + stride / 2) / stride, fieldCells - 1);
        }
        return cell;
    }
}
