package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.random.RandomGenerator;

/**
 * Pads to {@code width x height} with the image centred, as the reference's {@code CenterPad}; the
 * padding is a random grey, uniform in {0, ..., 254} like the reference's {@code randint(0, 255)},
 * so the network cannot learn the border colour.
 */
public record CenterPad(int width, int height) implements Transform {

    public CenterPad {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("pad target must be positive, got " + width + "x" + height);
        }
    }

    /** Pads to a square of side {@code edge}. */
    public CenterPad(int edge) {
        this(edge, edge);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        float fill = rng.nextInt(255);
        return Padding.centerPad(sample, width, height, fill, fill, fill);
    }
}
