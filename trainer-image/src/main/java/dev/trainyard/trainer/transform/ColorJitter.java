package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.RgbImage;
import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Random brightness, contrast, saturation and hue changes in a random order, with torchvision's
 * {@code ColorJitter} semantics on [0, 255] images.
 *
 * <p>Factors are uniform in {@code [max(0, 1 - b), 1 + b]} (likewise contrast and saturation) and
 * the hue shift in {@code [-hue, hue]} of a full turn. Brightness scales the colours; contrast
 * blends with the mean grey level (rounded to an integer, as PIL does); saturation blends with the
 * per-pixel grey (ITU-R 601 luma, PIL's {@code convert('L')}); hue rotates the HSV hue. Values are
 * clamped to [0, 255] after each step, as with PIL's 8-bit images, but not quantised.
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue) implements Transform {

    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    public ColorJitter {
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0 && hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("jitter must be non-negative (hue at most 0.5), got "
                    + brightness + ", " + contrast + ", " + saturation + ", " + hue);
        }
    }

    /** The reference's training jitter: brightness 0.4, contrast 0.1, saturation 0.4, hue 0.1. */
    public static ColorJitter cocokp() {
        return new ColorJitter(0.4, 0.1, 0.4, 0.1);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int[] order = {0, 1, 2, 3};
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double b = factor(brightness, rng);
        double c = factor(contrast, rng);
        double s = factor(saturation, rng);
        double hShift = (rng.nextDouble() * 2 - 1) * hue;

        RgbImage image = sample.image().copy();
        float[] d = image.data();
        int n = image.width() * image.height();
        for (int op : order) {
            switch (op) {
                case 0 -> blend(d, n, 0f, (float) b);
                case 1 -> blend(d, n, Math.round(meanLuma(d, n)), (float) c);
                case 2 -> saturate(d, n, (float) s);
                default -> shiftHue(d, n, hShift);
            }
        }
        return sample.withImage(image);
    }

    private static double factor(double amount, RandomGenerator rng) {
        double lo = Math.max(0, 1 - amount);
        return lo + rng.nextDouble() * (1 + amount - lo);
    }

    /** {@code v <- clamp(grey + f * (v - grey))} on all three planes. */
    private static void blend(float[] d, int n, float grey, float f) {
        for (int i = 0; i < 3 * n; i++) {
            d[i] = clamp(grey + f * (d[i] - grey));
        }
    }

    private static void saturate(float[] d, int n, float f) {
        for (int i = 0; i < n; i++) {
            float grey = LUMA_R * d[i] + LUMA_G * d[n + i] + LUMA_B * d[2 * n + i];
            d[i] = clamp(grey + f * (d[i] - grey));
            d[n + i] = clamp(grey + f * (d[n + i] - grey));
            d[2 * n + i] = clamp(grey + f * (d[2 * n + i] - grey));
        }
    }

    private static float meanLuma(float[] d, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += LUMA_R * d[i] + LUMA_G * d[n + i] + LUMA_B * d[2 * n + i];
        }
        return (float) (sum / n);
    }

    /** Rotates the HSV hue by {@code shift} turns; value and saturation are unchanged. */
    private static void shiftHue(float[] d, int n, double shift) {
        if (shift == 0) {
            return;
        }
        float turn = (float) shift;
        for (int i = 0; i < n; i++) {
            float r = d[i];
            float g = d[n + i];
            float b = d[2 * n + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float chroma = max - min;
            if (chroma <= 0) {
                continue;
            }
            float h;
            if (max == r) {
                h = (g - b) / chroma;
            } else if (max == g) {
                h = 2 + (b - r) / chroma;
            } else {
                h = 4 + (r - g) / chroma;
            }
            h = h / 6 + turn;
            h -= (float) Math.floor(h);
            // HSV back to RGB with the same value (max) and chroma.
            float h6 = h * 6;
            d[i] = channel(5, h6, max, chroma);
            d[n + i] = channel(3, h6, max, chroma);
            d[2 * n + i] = channel(1, h6, max, chroma);
        }
    }

    /** The standard {@code f(k) = V - C * max(0, min(k', 4 - k', 1))}, {@code k' = (k + H/60) mod 6}. */
    private static float channel(int k, float h6, float value, float chroma) {
        float kk = k + h6;
        if (kk >= 6) {
            kk -= 6;
        }
        float t = Math.max(0, Math.min(Math.min(kk, 4 - kk), 1));
        return value - chroma * t;
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 255f);
    }
}
