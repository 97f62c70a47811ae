package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Rescales so that the long edge is {@code longEdge} pixels, keeping the aspect ratio (the short edge
 * is truncated, {@code int(short * longEdge / long)}, as in the reference's {@code RescaleAbsolute}).
 */
public record RescaleAbsolute(int longEdge) implements Transform {

    public RescaleAbsolute {
        if (longEdge <= 0) {
            throw new IllegalArgumentException("long edge must be positive, got " + longEdge);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int w = sample.image().width();
        int h = sample.image().height();
        double s = longEdge / (double) Math.max(w, h);
        if (h > w) {
            return Rescaling.rescale(sample, (int) (w * s), longEdge);
        }
        return Rescaling.rescale(sample, longEdge, (int) (h * s));
    }
}
