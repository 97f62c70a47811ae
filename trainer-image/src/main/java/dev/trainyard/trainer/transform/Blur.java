package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.Arrays;
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
        // Horizontal pass through one reflected line buffer, vertical pass row by row so the inner
        // loops run over contiguous memory; nothing is allocated per pixel.
        float[] line = new float[w + 2 * r];
        float[] tmp = new float[w * h];
        for (int c = 0; c < 3; c++) {
            int base = c * w * h;
            Arrays.fill(tmp, 0);
            for (int y = 0; y < h; y++) {
                for (int i = -r; i < w + r; i++) {
                    line[i + r] = in[base + y * w + reflect(i, w)];
                }
                int row = y * w;
                for (int j = 0; j < kernel.length; j++) {
                    float k = kernel[j];
                    for (int x = 0; x < w; x++) {
                        tmp[row + x] += k * line[x + j];
                    }
                }
            }
            for (int y = 0; y < h; y++) {
                int dst = base + y * w;
                for (int j = 0; j < kernel.length; j++) {
                    int src = reflect(y + j - r, h) * w;
                    float k = kernel[j];
                    for (int x = 0; x < w; x++) {
                        out[dst + x] += k * tmp[src + x];
                    }
                }
            }
        }
        return new RgbImage(w, h, out);
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
