package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;

/**
 * Bilinear resampling kernels on planar {@code [3, h, w]} images.
 *
 * <p>They reproduce {@code scipy.ndimage} with {@code order=1}, which the reference's default
 * (non-"fast") rescale and its rotation call: pixel centres sit at integer coordinates and the
 * corner pixels of input and output coincide, so a point {@code x} moves to
 * {@code x * (w' - 1) / (w - 1)}, exactly the keypoint mapping. Like scipy (and unlike PIL's
 * {@code resize}) there is no antialiasing when downscaling.
 */
final class Bilinear {

    private Bilinear() {}

    /** Resizes with the corners aligned (scipy {@code zoom(order=1)}). */
    static RgbImage resize(RgbImage src, int targetWidth, int targetHeight) {
        int w = src.width();
        int h = src.height();
        // Per output column: left source column and its weight; computed once, reused for every row.
        int[] x0 = new int[targetWidth];
        float[] fx = new float[targetWidth];
        axis(w, targetWidth, x0, fx);
        int[] y0 = new int[targetHeight];
        float[] fy = new float[targetHeight];
        axis(h, targetHeight, y0, fy);

        float[] in = src.data();
        float[] out = new float[3 * targetWidth * targetHeight];
        int inPlane = w * h;
        int outPlane = targetWidth * targetHeight;
        for (int c = 0; c < 3; c++) {
            int inBase = c * inPlane;
            int outBase = c * outPlane;
            for (int y = 0; y < targetHeight; y++) {
                int row0 = inBase + y0[y] * w;
                int row1 = y0[y] + 1 < h ? row0 + w : row0;
                float wy = fy[y];
                int o = outBase + y * targetWidth;
                for (int x = 0; x < targetWidth; x++) {
                    int i = x0[x];
                    int j = i + 1 < w ? i + 1 : i;
                    float wx = fx[x];
                    float top = in[row0 + i] + wx * (in[row0 + j] - in[row0 + i]);
                    float bottom = in[row1 + i] + wx * (in[row1 + j] - in[row1 + i]);
                    out[o + x] = top + wy * (bottom - top);
                }
            }
        }
        return new RgbImage(targetWidth, targetHeight, out);
    }

    private static void axis(int in, int out, int[] index, float[] weight) {
        double step = out > 1 ? (in - 1) / (double) (out - 1) : 0;
        for (int i = 0; i < out; i++) {
            double pos = i * step;
            int i0 = Math.min((int) pos, in - 1);
            index[i] = i0;
            weight[i] = (float) (pos - i0);
        }
    }

    /**
     * Samples {@code src} at {@code (sx, sy) = (ax + bx * x + cx * y, ay + by * x + cy * y)} for every
     * output pixel {@code (x, y)} of a {@code width x height} image; taps outside the source read
     * {@code fill} (scipy's {@code mode='constant'}), so edges blend into the fill.
     */
    static RgbImage affine(RgbImage src, int width, int height,
                           double ax, double bx, double cx, double ay, double by, double cy, float fill) {
        int w = src.width();
        int h = src.height();
        float[] in = src.data();
        float[] out = new float[3 * width * height];
        int inPlane = w * h;
        int outPlane = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = ax + bx * x + cx * y;
                double sy = ay + by * x + cy * y;
                int o = y * width + x;
                double fx0 = Math.floor(sx);
                double fy0 = Math.floor(sy);
                if (fx0 < -1 || fy0 < -1 || fx0 >= w || fy0 >= h) {
                    out[o] = fill;
                    out[outPlane + o] = fill;
                    out[2 * outPlane + o] = fill;
                    continue;
                }
                int i0 = (int) fx0;
                int j0 = (int) fy0;
                float wx = (float) (sx - fx0);
                float wy = (float) (sy - fy0);
                boolean inside = i0 >= 0 && j0 >= 0 && i0 + 1 < w && j0 + 1 < h;
                for (int c = 0; c < 3; c++) {
                    int base = c * inPlane;
                    float v00;
                    float v10;
                    float v01;
                    float v11;
                    if (inside) {
                        int p = base + j0 * w + i0;
                        v00 = in[p];
                        v10 = in[p + 1];
                        v01 = in[p + w];
                        v11 = in[p + w + 1];
                    } else {
                        v00 = tap(in, base, w, h, i0, j0, fill);
                        v10 = tap(in, base, w, h, i0 + 1, j0, fill);
                        v01 = tap(in, base, w, h, i0, j0 + 1, fill);
                        v11 = tap(in, base, w, h, i0 + 1, j0 + 1, fill);
                    }
                    float top = v00 + wx * (v10 - v00);
                    float bottom = v01 + wx * (v11 - v01);
                    out[c * outPlane + o] = top + wy * (bottom - top);
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    private static float tap(float[] in, int base, int w, int h, int x, int y, float fill) {
        return x < 0 || y < 0 || x >= w || y >= h ? fill : in[base + y * w + x];
    }
}
