package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Pads each side to the next {@code multiple * k + 1} pixels with the image centred, as the
 * reference's {@code CenterPadTight} for single-image evaluation; the fill is the reference's fixed
 * ImageNet-mean colour (124, 116, 104).
 */
public record CenterPadTight(int multiple) implements Transform {

    public CenterPadTight {
        if (multiple <= 0) {
            throw new IllegalArgumentException("multiple must be positive, got " + multiple);
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int w = sample.image().width();
        int h = sample.image().height();
        int tw = ceilDiv(w - 1, multiple) * multiple + 1;
        int th = ceilDiv(h - 1, multiple) * multiple + 1;
        return Padding.centerPad(sample, tw, th, 124, 116, 104);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
