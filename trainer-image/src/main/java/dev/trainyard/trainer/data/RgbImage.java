package dev.trainyard.trainer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * A mutable RGB image stored planar ({@code [3, height, width]}) as floats in [0, 255].
 *
 * <p>Planar floats are what the network input wants and what resampling needs; converting to and
 * from {@link BufferedImage} happens only at file boundaries.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] data;

    public RgbImage(int width, int height) {
        this(width, height, new float[3 * checkSize(width, height)]);
    }

    /** Wraps planar data {@code [3, height, width]} without copying. */
    public RgbImage(int width, int height, float[] data) {
        if (data.length != 3 * checkSize(width, height)) {
            throw new IllegalArgumentException("expected " + 3L * width * height + " values, got " + data.length);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    private static int checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (3 * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height);
        }
        return (int) n;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The planar backing array {@code [3, height, width]}; writes go through to the image. */
    public float[] data() {
        return data;
    }

    public float get(int channel, int x, int y) {
        return data[(channel * height + y) * width + x];
    }

    public void set(int channel, int x, int y, float value) {
        data[(channel * height + y) * width + x] = value;
    }

    /** Fills every pixel with one colour. */
    public void fill(float r, float g, float b) {
        int n = width * height;
        java.util.Arrays.fill(data, 0, n, r);
        java.util.Arrays.fill(data, n, 2 * n, g);
        java.util.Arrays.fill(data, 2 * n, 3 * n, b);
    }

    public RgbImage copy() {
        return new RgbImage(width, height, data.clone());
    }

    /**
     * Converts any {@link BufferedImage} (JPEG, PNG, grey, indexed) to planar RGB floats, as PIL's
     * {@code convert('RGB')}: grey samples are replicated into three channels, alpha is dropped.
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromGreyRaster(image.getRaster());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        RgbImage result = new RgbImage(w, h);
        int[] row = new int[w];
        int n = w * h;
        float[] d = result.data;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                d[base + x] = (argb >> 16) & 0xff;
                d[n + base + x] = (argb >> 8) & 0xff;
                d[2 * n + base + x] = argb & 0xff;
            }
        }
        return result;
    }

    /**
     * Copies grey samples unchanged: {@link BufferedImage#getRGB} would treat them as linear light
     * and brighten them (grey 100 becomes 168), unlike every other image library.
     */
    private static RgbImage fromGreyRaster(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        float scale = 255f / ((1 << bits) - 1);
        RgbImage result = new RgbImage(w, h);
        int n = w * h;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                float v = bits == 8 ? row[x] : Math.round(row[x] * scale);
                result.data[base + x] = v;
                result.data[n + base + x] = v;
                result.data[2 * n + base + x] = v;
            }
        }
        return result;
    }

    /** Converts to an 8-bit RGB image, rounding and clamping to [0, 255]. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        int n = width * height;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < width; x++) {
                int r = clampByte(data[base + x]);
                int g = clampByte(data[n + base + x]);
                int b = clampByte(data[2 * n + base + x]);
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clampByte(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
