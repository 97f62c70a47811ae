package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Rescales by a random factor drawn log2-uniformly from {@code [minScale, maxScale]}, with the width
 * additionally stretched by a factor uniform in {@code [minStretch, maxStretch]}: the reference's
 * {@code RescaleRelative(power_law=True, stretch_range=...)}.
 *
 * <p>The target size is {@code (int(w * scale * stretch), int(h * scale))}; coordinates map by
 * {@code (w' - 1) / (w - 1)} per axis (see {@link Bilinear} for the resampling).
 */
public record RescaleRelative(double minScale, double maxScale, double minStretch, double maxStretch)
        implements Transform {

    public RescaleRelative {
        if (!(minScale > 0 && maxScale >= minScale)) {
            throw new IllegalArgumentException("need 0 < minScale <= maxScale, got " + minScale + ", " + maxScale);
        }
        if (!(minStretch > 0 && maxStretch >= minStretch)) {
            throw new IllegalArgumentException("need 0 < minStretch <= maxStretch, got " + minStretch + ", " + maxStretch);
        }
    }

    /** The training rescale of {@code cocokp}: [0.4, 2] (extended [0.25, 2]) times {@code rescaleImages}, stretch [0.75, 1.33]. */
    public static RescaleRelative cocokp(boolean extendedScale, double rescaleImages) {
        double min = extendedScale ? 0.25 : 0.4;
        return new RescaleRelative(min * rescaleImages, 2.0 * rescaleImages, 0.75, 1.33);
    }

    /** The training rescale of {@code cocodet}: [0.7, 1.5] (extended [0.5, 2]) times {@code rescaleImages}, stretch [0.75, 1.33]. */
    public static RescaleRelative cocodet(boolean extendedScale, double rescaleImages) {
        double min = extendedScale ? 0.5 : 0.7;
        double max = extendedScale ? 2.0 : 1.5;
        return new RescaleRelative(min * rescaleImages, max * rescaleImages, 0.75, 1.33);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double lo = log2(minScale);
        double hi = log2(maxScale);
        double scale = Math.pow(2, lo + rng.nextDouble() * (hi - lo));
        double stretch = minStretch + rng.nextDouble() * (maxStretch - minStretch);
        int w = sample.image().width();
        int h = sample.image().height();
        return Rescaling.rescale(sample, (int) (w * scale * stretch), (int) (h * scale));
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
