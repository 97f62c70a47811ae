package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Gaussian blur with {@code sigma = maxSigma * U(0, 1)} in both image directions, as the reference's
 * {@code Blur} (scipy {@code gaussian_filter}: kernel truncated at 4 sigma, borders reflected
 * {@code d c b a | a b c d}).
 */
public record Blur(double maxSigma) implements Transform {

    private static final double TRUNCATE = 4.0;

    public Blur {
        if (!(maxSigma >= 0)) {
            throw new IllegalArgumentException("max sigma must be non-negative, got " + maxSigma);
        }
    }

    /** The reference's default, {@code max_sigma = 5}. */
    public Blur() {
        this(5.0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double sigma = maxSigma * rng.nextDouble();
        return sample.withImage(blur(sample.image(), sigma));
    }

    /** A blurred copy of {@code image}; the input is not modified. */
    static RgbImage blur(RgbImage image, double sigma) {
        float[] kernel = kernel(sigma);
        int w = image.width();
        int h = image.height();
        float[] in = image.data();
        float[] out = new float[in.length];
        if (kernel.length == 1) {
            System.arraycopy(in, 0, out, 0, in.length);
            return new RgbImage(w, h, out);
        }
        int r = kernel.length / 2;
        // One reflected line buffer reused for all rows and columns: no allocation per pixel.
        float[] line = new float[Math.max(w, h) + 2 * r];
        float[] tmp = new float[w * h];
        for (int c = 0; c < 3; c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                for (int i = -r; i < w + r; i++) {
                    line[i + r] = in[base + y * w + reflect(i, w)];
                }
                convolve(line, w, kernel, tmp, y * w, 1);
            }
            for (int x = 0; x < w; x++) {
                for (int i = -r; i < h + r; i++) {
                    line[i + r] = tmp[reflect(i, h) * w + x];
                }
                convolve(line, h, kernel, out, base + x, w);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static void convolve(float[] line, int n, float[] kernel, float[] dst, int start, int stride) {
        int k = kernel.length;
        for (int i = 0; i < n; i++) {
            float acc = 0;
            for (int j = 0; j < k; j++) {
                acc += kernel[j] * line[i + j];
            }
            dst[start + i * stride] = acc;
        }
    }

    /** Normalised Gaussian of radius {@code int(4 sigma + 0.5)}, as scipy's {@code gaussian_filter1d}. */
    static float[] kernel(double sigma) {
        int radius = (int) (TRUNCATE * sigma + 0.5);
        if (radius == 0) {
            return new float[] {1};
        }
        double[] weights = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            weights[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += weights[i + radius];
        }
        float[] kernel = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            kernel[i] = (float) (weights[i] / sum);
        }
        return kernel;
    }

    /** Index of {@code i} under half-sample symmetric reflection of {@code [0, n)}, also when {@code |i| > n}. */
    private static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
}
